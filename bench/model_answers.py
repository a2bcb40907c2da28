"""Grades every question-bank question's own model answer, which should come out correct with
its key points covered: a candidate who gives the model answer must not be told it is wrong.

    nice -n 10 .venv/bin/python bench/model_answers.py [--worst 15] [--restated]

Prints, per question type, the verdict counts, the mean content score and the mean key-point
coverage (checked key points only); then the worst cases by answer score, each with its
uncovered key points. With --restated it also grades, for questions whose key points are
checked by meaning (technical, situational), the answer made of the key points themselves, a
restatement in other words that should cover every point.
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)

import argparse
import time
from collections import defaultdict

import numpy as np

from interviewer.engine.bank import read_bank
from interviewer.engine.grading import RUBRIC_QUESTION_TYPES, Verdict, grade_answer


def _grade(question, answer):
    return grade_answer(
        question=question.text,
        model_answer=question.model_answer,
        key_points=question.key_points,
        question_type=question.type,
        answer=answer,
    )


def _summarise(label: str, graded: list) -> None:
    by_type = defaultdict(list)
    for question, grade in graded:
        by_type[question.type].append(grade)
    for kind, grades in sorted(by_type.items()):
        verdicts = " ".join(f"{v}={sum(g.verdict == v for g in grades)}" for v in Verdict)
        print(
            f"{label} {kind}: n={len(grades)} {verdicts} mean_content={np.mean([g.content_score for g in grades]):.1f} "
            f"mean_coverage={np.mean([g.coverage for g in grades]):.3f} "
            f"mean_answer_score={np.mean([g.answer_score for g in grades]):.1f}"
        )
    grades = [g for _, g in graded]
    print(
        f"{label} all: n={len(grades)} correct={sum(g.verdict == Verdict.CORRECT for g in grades)} "
        f"mean_coverage={np.mean([g.coverage for g in grades]):.3f} "
        f"min_answer_score={min(g.answer_score for g in grades):.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worst", type=int, default=15, help="how many of the lowest answer scores to list")
    parser.add_argument("--restated", action="store_true", help="also grade the key points restated as the answer")
    args = parser.parse_args()
    started = time.perf_counter()
    questions = [q for domain in read_bank() for q in domain.questions]
    graded = [(q, _grade(q, q.model_answer)) for q in questions]
    _summarise("model_answer", graded)
    print(f"worst {args.worst}:")
    for question, grade in sorted(graded, key=lambda pair: pair[1].answer_score)[: args.worst]:
        missed = "; ".join(k.point for k in grade.missed)
        print(
            f"  {question.id} ({question.type}) {grade.verdict} score={grade.answer_score} "
            f"content={grade.content_score} relevance={grade.relevance} "
            f"coverage={len(grade.covered)}/{len(grade.key_points) - len(grade.unchecked)}"
            f"{' reason=' + grade.reason if grade.reason else ''}{' missed: ' + missed if missed else ''}"
        )
    if args.restated:
        restated = [
            (q, _grade(q, " ".join(p.rstrip(".") + "." for p in q.key_points)))
            for q in questions
            if q.type not in RUBRIC_QUESTION_TYPES
        ]
        _summarise("restated_key_points", restated)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
