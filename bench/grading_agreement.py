"""The content score's agreement with human graders on questions it was never fitted on.

    nice -n 10 .venv/bin/python bench/grading_agreement.py [--final]

Sets (bench/grading_sets.py): the calibration set (UNT CS answers, 0-5), Beetle (SemEval-2013,
0-2) and Powergrading (US citizenship questions, 0-3; at most PER_QUESTION answers of each
question, chosen by a hash). Protocol: the "dev" questions of all sets are pooled and cut into
FOLDS folds of whole questions; each fold is graded by a content model fitted
(bench/fit_content_model.py) on the other folds only, so no answer is ever graded by a model
that saw its question. With --final the model is fitted on every dev question and graded on the
"final" questions, which nothing else touches.

Printed per set: Pearson, QWK (the 0-100 grade mapped linearly onto the set's scale, then to its
nearest grade), MAE on the set's scale, our mean grade of the answers humans scored at most 40%
of the scale (2 of 5), and per verdict band (humans' grade as a share of the scale:
incorrect < 40%, partial < 70%, correct) the share of answers we put in the same band.
"""

from __future__ import annotations

from repository import ROOT as REPO_ROOT  # isort: skip  (first of all: bench/repository.py)
import argparse
import hashlib
import pickle
import sys
import time
from pathlib import Path
from typing import ClassVar

import numpy as np

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
            key = (
                row["question_id"],
                hashlib.sha256(f"{row['question_id']}|{row['answer']}|{len(kept)}".encode()).hexdigest(),
            )
            kept[key] = {**row, "set": name}
        by_question: dict[str, list] = {}
        for (question_id, _digest), row in sorted(kept.items()):
            by_question.setdefault(question_id, []).append(row)
        limit = PER_QUESTION if name == "powergrading" else None
        for question_rows in by_question.values():
            rows.extend(question_rows[:limit])
    return rows


def references(row: dict) -> list[str]:
    return [r for r in row["reference_answer"].split(REFERENCE_SEPARATOR) if r.strip()] or [""]


def fold_of(row: dict) -> int:
    return hashlib.sha256(f"{row['set']}:{row['question_id']}".encode()).digest()[0] % FOLDS


def _inputs_cache() -> Path:
    """Computing the model's inputs is most of this bench's time: they are kept, under a name that
    changes whenever the code that computes them does."""
    sources = [REPO_ROOT / "interviewer" / "engine" / name for name in ("similarity.py", "embedding.py")]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    return REPO_ROOT / "data" / "grading" / f"inputs-{digest}.pickle"


def _cached_inputs() -> dict:
    path = _inputs_cache()
    return pickle.loads(path.read_bytes()) if path.exists() else {}


def _save_inputs(inputs: dict) -> None:
    path = _inputs_cache()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(inputs))
    temporary.replace(path)


class ContentModel:
    """The content score of interviewer/engine/similarity.py, its coefficients fitted by
    bench/fit_content_model.py on the rows it is given."""

    trains_on = SETS
    inputs: ClassVar[dict[tuple[str, str, str], tuple]] = {}  # shared by the folds: inputs don't change

    def _inputs(self, rows: list[dict]) -> list[list[tuple]]:
        from interviewer.engine import similarity

        triples = [
            (r["question"], ref, similarity.without_grader_directed_sentences(r["answer"]))
            for r in rows
            for ref in references(r)
        ]
        if not self.inputs:
            self.inputs.update(_cached_inputs())
        missing = [t for t in dict.fromkeys(triples) if t not in self.inputs]
        texts = sorted({text for triple in missing for text in similarity.texts_to_embed(*triple)})
        vectors = dict(zip(texts, similarity.encode(texts)))
        for triple in missing:
            self.inputs[triple] = similarity.model_inputs(*triple, embeddings=vectors)
        if missing:
            _save_inputs(self.inputs)
        return [
            [
                self.inputs[(r["question"], ref, similarity.without_grader_directed_sentences(r["answer"]))]
                for ref in references(r)
            ]
            for r in rows
        ]

    def fit(self, rows: list[dict]) -> None:
        from fit_content_model import fit

        # Each answer against its accepted reference that it says most of (aligned words).
        from interviewer.engine.similarity import MODEL_FEATURES

        aligned = MODEL_FEATURES.index("alignment_recall")
        best = [max(alternatives, key=lambda i: i[0][aligned]) for alternatives in self._inputs(rows)]
        self.model = fit(best, np.array([r["score"] / r["scale"] for r in rows]), [r["set"] for r in rows])

    def predict(self, rows: list[dict]) -> np.ndarray:
        from interviewer.engine.similarity import predicted_share

        return np.array(
            [
                100 * max(predicted_share(*i, model=self.model) for i in alternatives)
                for alternatives in self._inputs(rows)
            ]
        )


GRADERS = {"content": ContentModel}


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
    parser.add_argument("--grader", choices=GRADERS, default="content")
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
