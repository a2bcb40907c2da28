"""Calibrates KEY_POINT_COVERED_AT in interviewer/engine/grading.py on the question bank.

A key point should be found in a sentence of its own question's model answer (positive), but not
in the question's other key points (sibling: same topic, a different point, just like a partial
answer) nor in the model answer of another question of the same domain and type (another
answer: on the subject, not this question's point). Key points and sentences are
question-demoted, as the grader does; key points are compared as written and as their claim
(grading.key_point_claim: the rubric's frame, "The candidate describes…", dropped and its third
person made first). Prints, per question type, recall and both false-positive rates per threshold.

    nice -n 10 .venv/bin/python bench/key_point_threshold.py
"""

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)

from collections import defaultdict
from itertools import product

import numpy as np

from interviewer.engine.bank import read_bank
from interviewer.engine.grading import key_point_claim
from interviewer.engine.similarity import (
    content_words,
    demote,
    encode,
    split_sentences,
    word_recall,
)

VARIANTS = {"as_written": lambda point: point, "claim": key_point_claim}
COSINES = (0.50, 0.55, 0.60, 0.65)
WORD_RECALLS = (0.55, 0.60, 0.65, 0.70, 0.75, None)


def _demoted(texts: list[str], terms: set[str]) -> list[str]:
    return [demote(t, terms) or t for t in texts]


def _best(points: list[str], texts: list[str]) -> np.ndarray:
    """Each point's best (cosine, word recall) with any of `texts`, each maximised separately."""
    unique = list(dict.fromkeys(points + texts))
    vectors = dict(zip(unique, encode(unique)))
    cosines = np.array([[vectors[p] @ vectors[t] for t in texts] for p in points])
    recalls = np.array([word_recall(p, texts) for p in points])
    return np.stack([cosines.max(axis=1), recalls.max(axis=1)], axis=1)


def _covered(pairs: np.ndarray, cosine: float, recall: float | None) -> np.ndarray:
    return (pairs[:, 0] >= cosine) | (pairs[:, 1] >= recall if recall is not None else False)


def main():
    questions = [q for domain in read_bank() for q in domain.questions]
    by_group = defaultdict(list)
    for q in questions:
        by_group[(q.domain, q.type)].append(q)
    for variant, rewrite in VARIANTS.items():
        rows = defaultdict(lambda: ([], [], []))  # type -> own, sibling, other answer
        for q in questions:
            peers = by_group[(q.domain, q.type)]
            other = peers[(peers.index(q) + 1) % len(peers)]
            terms = set(content_words(q.text))
            points = _demoted([rewrite(k) for k in q.key_points], terms)
            own, sibling, another = rows[q.type]
            own.extend(_best(points, _demoted(split_sentences(q.model_answer), terms)))
            sibling.extend(_best([p], points[:i] + points[i + 1 :])[0] for i, p in enumerate(points))
            if other is not q:
                another.extend(_best(points, _demoted(split_sentences(other.model_answer), terms)))
        for kind, (own, sibling, another) in sorted(rows.items()):
            own, sibling, another = np.array(own), np.array(sibling), np.array(another)
            print(f"{variant} {kind}: {len(own)} key points")
            for cosine, recall in product(COSINES, WORD_RECALLS):
                print(
                    f"  cosine>={cosine:.2f} or word_recall>={recall if recall else '-'}: "
                    f"recall={_covered(own, cosine, recall).mean():.3f} "
                    f"sibling_false_positive_rate={_covered(sibling, cosine, recall).mean():.3f} "
                    f"other_answer_false_positive_rate={_covered(another, cosine, recall).mean():.3f}"
                )


if __name__ == "__main__":
    main()
