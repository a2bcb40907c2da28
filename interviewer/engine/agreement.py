"""Agreement between the grader and human graders, as `grader_check` reports it."""
from dataclasses import dataclass

import numpy as np
from scipy.stats import pearsonr, spearmanr


@dataclass(frozen=True)
class Agreement:
    pearson: float
    spearman: float
    qwk: float
    rows: int


def to_human_scale(scores_0_100: np.ndarray, human: np.ndarray) -> np.ndarray:
    """Maps 0–100 linearly onto the human scale's range, then to the nearest grade the humans
    actually used (0, 0.5, 1, … or 1–10, whatever the file holds)."""
    levels = np.unique(human)
    scaled = levels.min() + (levels.max() - levels.min()) * np.asarray(scores_0_100) / 100
    return levels[np.abs(scaled[:, None] - levels[None, :]).argmin(axis=1)]


def quadratic_weighted_kappa(a: np.ndarray, b: np.ndarray) -> float:
    levels = np.unique(np.concatenate([a, b]))
    n = len(levels)
    if n < 2:
        return 1.0
    index_a, index_b = np.searchsorted(levels, a), np.searchsorted(levels, b)
    observed = np.zeros((n, n))
    np.add.at(observed, (index_a, index_b), 1)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / len(a)
    weights = (np.subtract.outer(np.arange(n), np.arange(n)) ** 2) / (n - 1) ** 2
    return float(1 - (weights * observed).sum() / (weights * expected).sum())


def agreement(predicted_0_100, human) -> Agreement:
    predicted, human = np.asarray(predicted_0_100, dtype=float), np.asarray(human, dtype=float)
    return Agreement(
        pearson=float(pearsonr(predicted, human)[0]),
        spearman=float(spearmanr(predicted, human)[0]),
        qwk=quadratic_weighted_kappa(to_human_scale(predicted, human), human),
        rows=len(human),
    )
