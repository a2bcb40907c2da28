"""Fit the content scorer's weights on human-graded answers and report its agreement.

    .venv/bin/python bench/calibrate_grader.py [CSV]

CSV has the columns question_id, question, reference_answer, answer, score (0-5); the default
is ../shared/data/asag-dev/answers.csv. The script computes the features of
interviewer/engine/similarity.py for every answer, fits INTERCEPT and WEIGHTS by least squares
(the on-topic ramp multiplies every term, so the model stays linear in its coefficients),
and prints Pearson and Spearman correlations with the human score for:

- the baseline: plain cosine between answer and reference embeddings;
- the fitted model, in-sample and with grouped cross-validation by question (leave one
  question out, and 5 folds of whole questions), so that no question is ever scored by
  weights fitted on its own answers;

then the weights, ready to paste into similarity.py, and as a sanity check the mean score
of answers graded against a different question, which should be low.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from interviewer.engine import similarity  # noqa: E402

DEFAULT_CSV = REPO_ROOT.parent / "shared" / "data" / "asag-dev" / "answers.csv"
MODEL_FEATURES = list(similarity.WEIGHTS)
GROUP_FOLDS = 5


def read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["answer"] = row["answer"] or ""
        row["score"] = float(row["score"])
    return rows


def embed_all(triples: list[tuple[str, str, str]]) -> dict[str, np.ndarray]:
    """Vectors for every text the features and the baseline need, encoded in one batch."""
    texts = set()
    for question, reference, answer in triples:
        texts.update(similarity.texts_to_embed(question, reference, answer))
        texts.update(t for t in (reference, answer) if t.strip())
    texts = sorted(texts)
    return dict(zip(texts, similarity.encode(texts)))


def design_matrix(features: list[dict[str, float]]) -> np.ndarray:
    """Rows on_topic_weight * [1, feature, ...]: the model is linear in these columns."""
    return np.array(
        [
            similarity.on_topic_weight(f) * np.array([1.0] + [f[name] for name in MODEL_FEATURES])
            for f in features
        ]
    )


def fit(design: np.ndarray, grades: np.ndarray) -> np.ndarray:
    coefficients, *_ = np.linalg.lstsq(design, grades, rcond=None)
    return coefficients


def predict(design: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    # content_score clips the same way (then scales to 0-100, which changes no correlation).
    return np.clip(design @ coefficients, 0.0, 5.0)


def grouped_cv_predictions(design, grades, fold_of_row) -> np.ndarray:
    """Each row predicted by weights fitted on the other folds only."""
    predictions = np.zeros(len(grades))
    for fold in np.unique(fold_of_row):
        held_out = fold_of_row == fold
        coefficients = fit(design[~held_out], grades[~held_out])
        predictions[held_out] = predict(design[held_out], coefficients)
    return predictions


def report(label: str, predictions, grades) -> None:
    print(
        f"{label:44s} pearson={pearsonr(predictions, grades)[0]:.3f} "
        f"spearman={spearmanr(predictions, grades)[0]:.3f}"
    )


def main() -> None:
    csv_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CSV
    rows = read_rows(csv_path)
    grades = np.array([row["score"] for row in rows])
    question_ids = np.array([row["question_id"] for row in rows])
    questions = sorted(set(question_ids))
    print(f"{csv_path}: {len(rows)} answers to {len(questions)} questions")

    # Each answer also graded against the next question's reference: an off-topic answer.
    by_id = {row["question_id"]: (row["question"], row["reference_answer"]) for row in rows}
    next_question = {q: questions[(i + 1) % len(questions)] for i, q in enumerate(questions)}
    triples = [(r["question"], r["reference_answer"], r["answer"]) for r in rows]
    off_topic = [(*by_id[next_question[r["question_id"]]], r["answer"]) for r in rows]
    vectors = embed_all(triples + off_topic)

    features = [similarity.content_features(*t, embeddings=vectors) for t in triples]
    design = design_matrix(features)

    def cosine(a: str, b: str) -> float:
        return float(vectors[a] @ vectors[b]) if a.strip() and b.strip() else 0.0

    # The baseline has no fitted parameter, so its in-sample and cross-validated figures agree.
    print("\nbaseline, no fitting (in-sample = grouped CV):")
    report("  cosine(answer, reference)", [cosine(a, r) for _, r, a in triples], grades)
    print("\nsingle features, no fitting:")
    for name in features[0]:
        report(f"  {name}", [f[name] for f in features], grades)

    coefficients = fit(design, grades)
    print("\nfitted model:")
    report("  in-sample", predict(design, coefficients), grades)
    report(
        "  grouped CV, leave one question out",
        grouped_cv_predictions(design, grades, question_ids),
        grades,
    )
    shuffled = np.random.default_rng(0).permutation(questions)
    fold_of_question = {q: i % GROUP_FOLDS for i, q in enumerate(shuffled)}
    folds = np.array([fold_of_question[q] for q in question_ids])
    report(
        f"  grouped CV, {GROUP_FOLDS} folds of whole questions",
        grouped_cv_predictions(design, grades, folds),
        grades,
    )

    off_topic_design = design_matrix(
        [similarity.content_features(*t, embeddings=vectors) for t in off_topic]
    )
    on_scores = 20 * predict(design, coefficients)
    off_scores = 20 * predict(off_topic_design, coefficients)
    print(
        f"\nscore 0-100, mean (median): answers to their own question {on_scores.mean():.1f} "
        f"({np.median(on_scores):.1f}); graded against another question {off_scores.mean():.1f} "
        f"({np.median(off_scores):.1f})"
    )

    print("\nweights for interviewer/engine/similarity.py:")
    print(f"INTERCEPT = {coefficients[0]:.3f}")
    print("WEIGHTS = {")
    for name, weight in zip(MODEL_FEATURES, coefficients[1:]):
        print(f'    "{name}": {weight:.3f},')
    print("}")


if __name__ == "__main__":
    main()
