"""The human-graded short-answer sets the grader is measured (and its pair model trained) on.

    .venv/bin/python bench/grading_sets.py        # builds data/grading/*.csv, prints a summary

Every set is one CSV with the columns of ../shared/data/asag-dev/answers.csv
(question_id, question, reference_answer, answer, score) plus `scale` (the top of the human
scale) and `split`: "dev" rows are used for cross-validation and training, "final" rows (about a
fifth of each set's questions, chosen by a hash of the question id, so whole questions) are
kept out of everything until the final report. A question with several accepted answers
(Powergrading's "Name one branch of government") lists them in `reference_answer` separated by
REFERENCE_SEPARATOR, and an answer is graded against each and keeps its best grade.

The public sets are not copied into this repository: they are rebuilt from the repositories
that publish them, at pinned commits, read with `git show` from the local snapshots that the
search tool's `fetch` makes (SNAPSHOTS, or GRADING_SNAPSHOTS). Sources and licences:
tests/data/grading/README.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = REPO_ROOT / "data" / "grading"
SNAPSHOTS = Path(os.environ.get("GRADING_SNAPSHOTS", "/work/.mirror"))
CALIBRATION_CSV = REPO_ROOT.parent / "shared" / "data" / "asag-dev" / "answers.csv"
REFERENCE_SEPARATOR = " || "
FINAL_SHARE = 0.2
COLUMNS = ("question_id", "question", "reference_answer", "answer", "score", "scale", "split")

BEETLE = ("ashudeep/Student-Response-Analysis", "1d6d30b265e6038fd6f6395d4cfd6686aef4b97f")
POWERGRADING = ("beingRD/CPSC5306-DataMiningProject", "505ceaeddf1d6cb933633e63a5af4a498a6856f1")
# Beetle's five-way labels as a 0-2 grade: right, partly right (missing something), wrong.
BEETLE_GRADES = {
    "correct": 2,
    "partially_correct_incomplete": 1,
    "contradictory": 0,
    "irrelevant": 0,
    "non_domain": 0,
}


def split_of(set_name: str, question_id: str) -> str:
    digest = hashlib.sha256(f"{set_name}:{question_id}".encode()).digest()
    return "final" if digest[0] < 256 * FINAL_SHARE else "dev"


def _git_show(repo: tuple[str, str], path: str) -> bytes:
    name, commit = repo
    git_dir = SNAPSHOTS / name.replace("/", "+") / "repo"
    if not git_dir.exists():
        raise FileNotFoundError(f"no snapshot of {name} in {SNAPSHOTS} (fetch github:{name} first)")
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


def calibration_rows() -> list[dict]:
    """The calibration set as given (0-5, average of two graders)."""
    with open(CALIBRATION_CSV, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        {**row, "answer": row["answer"] or "", "scale": 5, "split": split_of("asag-dev", row["question_id"])}
        for row in rows
    ]


def beetle_rows() -> list[dict]:
    """Beetle (SemEval-2013 Task 7) training answers, each with its question's reference answers."""
    gold = _git_show(BEETLE, "evaluationScripts/trainingGold.txt").decode("utf-8")
    label_of = {}
    for line in gold.splitlines()[1:]:
        fields = line.split("\t")
        label_of[fields[0]] = fields[5]
    answers = _git_show(BEETLE, "semevalFormatProcessing-5way/answers.csv").decode("utf-8")
    references = defaultdict(list)
    answer_of = {}
    for line in answers.splitlines():
        fields = line.split("\t")
        answer_id, question, answer = fields[0], fields[1], fields[2]
        question_id = answer_id.split(".")[0]
        answer_of[answer_id] = (question_id, question, answer)
        if len(fields) > 3 and fields[3].strip() and fields[3].strip() not in references[question_id]:
            references[question_id].append(fields[3].strip())
    rows = []
    for answer_id, label in label_of.items():
        question_id, question, answer = answer_of[answer_id]
        rows.append(
            {
                "question_id": question_id,
                "question": question,
                "reference_answer": REFERENCE_SEPARATOR.join(references[question_id]),
                "answer": answer,
                "score": BEETLE_GRADES[label],
                "scale": 2,
                "split": split_of("beetle", question_id),
            }
        )
    return rows


def powergrading_rows() -> list[dict]:
    """Powergrading (Basu et al., 2013): the ten of its twenty questions graded by three judges;
    the grade is the number of judges who marked the answer right (0-3)."""
    import openpyxl

    def sheet(name: str) -> list[tuple]:
        book = openpyxl.load_workbook(io.BytesIO(_git_show(POWERGRADING, f"dataset/{name}.xlsx")), read_only=True)
        return list(book.active.iter_rows(values_only=True))

    key = {str(r[0]): (r[1], [str(a).strip() for a in r[2:] if a]) for r in sheet("questions_answer_key")[1:]}
    rows = []
    for _student, number, answer, *grades in sheet("studentanswers_grades_698")[1:]:
        if any(g not in (0, 1) for g in grades):
            continue  # the ten questions nobody graded carry -1
        question, references = key[str(number)]
        rows.append(
            {
                "question_id": f"pg-{number}",
                "question": question,
                "reference_answer": REFERENCE_SEPARATOR.join(references),
                "answer": str(answer or ""),
                "score": sum(int(g) for g in grades),
                "scale": 3,
                "split": split_of("powergrading", str(number)),
            }
        )
    return rows


SETS = {"asag-dev": calibration_rows, "beetle": beetle_rows, "powergrading": powergrading_rows}


def build(name: str) -> Path:
    target = OUT_DIR / f"{name}.csv"
    rows = SETS[name]()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return target


def load(name: str) -> list[dict]:
    """The rows of a set, built first if need be; scores as floats."""
    target = OUT_DIR / f"{name}.csv"
    if not target.exists():
        build(name)
    with open(target, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["score"], row["scale"] = float(row["score"]), float(row["scale"])
    return rows


def main() -> None:
    for name in SETS:
        try:
            build(name)
        except (FileNotFoundError, subprocess.CalledProcessError) as error:
            print(f"{name}: not built: {error}")
            continue
        rows = load(name)
        for split in ("dev", "final"):
            part = [r for r in rows if r["split"] == split]
            questions = len({r["question_id"] for r in part})
            print(f"{name} {split}: {len(part)} answers to {questions} questions")


if __name__ == "__main__":
    sys.exit(main())
