"""Calibrates KEY_POINT_COVERED_AT in interviewer/engine/grading.py on the question bank.

A key point should be found in a sentence of its own question's model answer (positive) but not in the
question's other key points (hard negative: same topic, a different point, just like a partial
answer). Both sides are question-demoted, as the grader does. Prints recall and false-positive
rate per threshold and the best F1, for technical/general/situational questions and, to show why
the grader checks them through STAR instead, for behavioural ones.

    .venv/bin/python bench/key_point_threshold.py
"""
import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)

import numpy as np

from interviewer.engine.bank import read_bank
from interviewer.engine.similarity import content_words, demote, encode, split_sentences


def main():
    similarities = {"behavioural": ([], []), "other": ([], [])}
    for domain in read_bank():
        for q in domain.questions:
            terms = set(content_words(q.text))
            points = encode([demote(k, terms) or k for k in q.key_points])
            model = encode([demote(p, terms) or p for p in split_sentences(q.model_answer)])
            siblings = points @ points.T
            np.fill_diagonal(siblings, -1)
            positives, negatives = similarities["behavioural" if q.type == "behavioural" else "other"]
            positives.extend((points @ model.T).max(axis=1))
            negatives.extend(siblings.max(axis=1))
    for group, (positives, negatives) in similarities.items():
        positives, negatives = np.array(positives), np.array(negatives)
        print(f"{group}: {len(positives)} key points, median own {np.median(positives):.2f}, median sibling {np.median(negatives):.2f}")
        best = (0.0, 0.0)
        for threshold in np.arange(0.30, 0.80, 0.02):
            hits, false_hits = (positives >= threshold).sum(), (negatives >= threshold).sum()
            recall, precision = hits / len(positives), hits / max(hits + false_hits, 1)
            f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
            best = max(best, (f1, threshold))
            print(f"  threshold={threshold:.2f} recall={recall:.3f} sibling_false_positive_rate={false_hits / len(negatives):.3f} f1={f1:.3f}")
        print(f"  best_threshold={best[1]:.2f} f1={best[0]:.3f}")


if __name__ == "__main__":
    main()
