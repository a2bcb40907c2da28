"""Fits the content model of interviewer/engine/similarity.py and writes its coefficients.

    nice -n 10 .venv/bin/python bench/fit_content_model.py

The model: one linear layer over the MODEL_FEATURES (cosines, key-term recall, length, words
aligned in context) and the 384 numbers of the pair encoding (reference and answer read together
by the bundled MiniLM), fitted by ridge regression on the human grade as a share of its scale, on
the "dev" questions of every set in bench/grading_sets.py (each set weighing the same, whatever
its size), then stretched so that its grades spread as widely as the humans' do: a model fitted
by least squares pulls every grade towards the mean, which gave answers humans scored 2 of 5 a
3.1. bench/grading_agreement.py measures it with whole questions held out; this script fits the
one that ships (models/content_model.npz) on all dev questions and never sees a "final" one.
"""

from __future__ import annotations

import repository  # noqa: F401  isort: skip  (first of all: bench/repository.py)
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interviewer.engine import similarity

# Ridge penalty on the standardised pair encoding; the named features are hardly penalised
# (FEATURE_PENALTY of it): chosen by question-held-out cross-validation over 30, 100 and 300.
RIDGE = 30.0
FEATURE_PENALTY = 0.01


def fit(
    inputs: list[tuple[np.ndarray, np.ndarray, float]], grades: np.ndarray, sets: list[str]
) -> dict[str, np.ndarray]:
    """Coefficients from (features, pair encoding, on-topic weight) rows and grades (0-1)."""
    design = np.array([np.concatenate([features, pair]) for features, pair, _ in inputs])
    named = len(similarity.MODEL_FEATURES)
    mean, spread = design.mean(axis=0), design.std(axis=0) + 1e-6
    standard = np.hstack([np.ones((len(design), 1)), (design - mean) / spread])
    counts = {name: sets.count(name) for name in set(sets)}
    weight = np.array([1.0 / counts[name] for name in sets])
    penalty = np.diag(
        np.concatenate([[0.0], np.full(named, RIDGE * FEATURE_PENALTY), np.full(design.shape[1] - named, RIDGE)])
    )
    coefficients = np.linalg.solve(standard.T @ (standard * weight[:, None]) + penalty, standard.T @ (grades * weight))
    fitted = standard @ coefficients
    stretch = grades.std() / fitted.std()
    # Back to raw inputs, stretched around the mean: grade = m + stretch * (fitted - mean fitted).
    raw = stretch * coefficients[1:] / spread
    intercept = grades.mean() + stretch * (coefficients[0] - fitted.mean()) - raw @ mean
    return {
        "features": np.array(similarity.MODEL_FEATURES),
        "weights": raw[:named],
        "pair_weights": raw[named:],
        "intercept": np.array(intercept),
    }


def main() -> None:
    from grading_agreement import ContentModel, rows_of

    rows = rows_of("dev")
    grader = ContentModel()
    grader.fit(rows)
    similarity.MODEL_FILE.parent.mkdir(exist_ok=True)
    np.savez(similarity.MODEL_FILE, **grader.model)
    print(
        f"fitted on {len(rows)} answers to {len({(r['set'], r['question_id']) for r in rows})} questions; "
        f"wrote {similarity.MODEL_FILE}"
    )


if __name__ == "__main__":
    main()
