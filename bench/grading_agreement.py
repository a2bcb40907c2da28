"""The grader's agreement with human graders on questions it was never fitted on.

    nice -n 10 .venv/bin/python bench/grading_agreement.py [--grader NAME] [--final]

Sets (bench/grading_sets.py): the calibration set (UNT CS answers, 0-5), Beetle (SemEval-2013,
0-2) and Powergrading (US citizenship questions, 0-3; at most PER_QUESTION answers of each
question, chosen by a hash). Protocol: the "dev" questions of all sets are pooled and cut into
FOLDS folds of whole questions; each fold is graded by a grader fitted on the other folds only
(a grader fits only on the sets it is meant to learn from: see GRADERS), so no answer is ever
graded by a model that saw its question. With --final the grader is fitted on every dev
question and graded on the "final" questions, which nothing else here touches.

Printed per set: Pearson, QWK (the 0-100 grade mapped linearly onto the set's scale, then to its
nearest grade), MAE on the set's scale, our mean grade of the answers humans scored at most 40%
of the scale (2 of 5), and per verdict band (humans' grade as a share of the scale:
incorrect < 40%, partial < 70%, correct) the share of answers we put in the same band.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import ClassVar

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from grading_sets import REFERENCE_SEPARATOR, load

from interviewer.engine.agreement import agreement

SETS = ("asag-dev", "beetle", "powergrading")
FOLDS = 5
PER_QUESTION = 120


def rows_of(split: str) -> list[dict]:
    rows = []
    for name in SETS:
        kept = {}
        for row in load(name):
            if row["split"] != split:
                continue
            key = (row["question_id"], hashlib.sha256(f"{row['question_id']}|{row['answer']}|{len(kept)}".encode()).hexdigest())
            kept[key] = {**row, "set": name}
        by_question: dict[str, list] = {}
        for (question_id, digest), row in sorted(kept.items()):
            by_question.setdefault(question_id, []).append(row)
        limit = PER_QUESTION if name == "powergrading" else None
        for question_rows in by_question.values():
            rows.extend(question_rows[:limit])
    return rows


def references(row: dict) -> list[str]:
    return [r for r in row["reference_answer"].split(REFERENCE_SEPARATOR) if r.strip()] or [""]


def fold_of(row: dict) -> int:
    return hashlib.sha256(f"{row['set']}:{row['question_id']}".encode()).digest()[0] % FOLDS


class LinearFeatures:
    """Today's content score (interviewer/engine/similarity.py): a linear model over embedding
    cosines, key-term recall and a length ratio, fitted by least squares on the calibration set."""

    trains_on = ("asag-dev",)
    vectors: ClassVar[dict[str, np.ndarray]] = {}  # shared by the folds' graders: embeddings don't change

    def __init__(self):
        from interviewer.engine import similarity

        self.similarity = similarity

    def _features(self, rows: list[dict]) -> list[list[dict]]:
        triples = [(r["question"], ref, r["answer"]) for r in rows for ref in references(r)]
        texts = sorted({t for triple in triples for t in self.similarity.texts_to_embed(*triple)} - set(self.vectors))
        self.vectors.update(zip(texts, self.similarity.encode(texts)))
        return [
            [self.similarity.content_features(r["question"], ref, r["answer"], embeddings=self.vectors) for ref in references(r)]
            for r in rows
        ]

    def _design(self, features: dict) -> np.ndarray:
        names = list(self.similarity.WEIGHTS)
        return self.similarity.on_topic_weight(features) * np.array([1.0] + [features[n] for n in names])

    def fit(self, rows: list[dict]) -> None:
        features = self._features(rows)
        design = np.array([self._design(max(f, key=lambda x: x["reference_coverage"])) for f in features])
        grades = np.array([5 * r["score"] / r["scale"] for r in rows])
        self.coefficients, *_ = np.linalg.lstsq(design, grades, rcond=None)

    def predict(self, rows: list[dict]) -> np.ndarray:
        return np.array([
            max(float(np.clip(self._design(f) @ self.coefficients, 0, 5)) * 20 for f in alternatives)
            for alternatives in self._features(rows)
        ])


GRADERS = {"linear": LinearFeatures}


def report(label: str, rows: list[dict], predicted: np.ndarray) -> None:
    for name in SETS:
        index = [i for i, r in enumerate(rows) if r["set"] == name]
        if not index:
            continue
        part = [rows[i] for i in index]
        scale = part[0]["scale"]
        result = agreement(predicted[index], [r["score"] for r in part], scale=(0.0, scale))
        bands = " ".join(f"{b.name}_agreement={b.agreement:.2f}(n={b.rows})" for b in result.bands)
        print(
            f"{label} {name}: rows={result.rows} questions={len({r['question_id'] for r in part})} "
            f"pearson={result.pearson:.3f} qwk={result.qwk:.3f} mae={result.mae:.2f}/{scale:g} "
            f"low_mean={result.low_mean:.2f}/{scale:g} (humans <= {0.4 * scale:g}, n={result.low_rows}) {bands}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grader", choices=GRADERS, default="linear")
    parser.add_argument("--final", action="store_true", help="fit on all dev questions, grade the final ones")
    args = parser.parse_args()
    started = time.perf_counter()
    grader_class = GRADERS[args.grader]
    dev = rows_of("dev")
    if args.final:
        test = rows_of("final")
        grader = grader_class()
        grader.fit([r for r in dev if r["set"] in grader_class.trains_on])
        report(f"{args.grader} final", test, grader.predict(test))
    else:
        predicted = np.zeros(len(dev))
        folds = np.array([fold_of(r) for r in dev])
        for fold in range(FOLDS):
            grader = grader_class()
            grader.fit([r for r, f in zip(dev, folds) if f != fold and r["set"] in grader_class.trains_on])
            held_out = np.flatnonzero(folds == fold)
            predicted[held_out] = grader.predict([dev[i] for i in held_out])
        report(f"{args.grader} question-held-out", dev, predicted)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
