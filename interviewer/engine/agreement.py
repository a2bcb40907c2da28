"""Agreement between the grader and human graders, as `grader_check` and bench/grading_agreement.py
report it."""

from dataclasses import dataclass, field

import numpy as np
from scipy.stats import pearsonr, spearmanr

from interviewer.engine.grading import Verdict

# The verdict bands of grading.py, as shares of the scale: a human grade in the bottom 40% of its
# scale is an "incorrect" answer, from 70% up a "correct" one, partial between.
BANDS = ((Verdict.INCORRECT, 0.0, 0.4), (Verdict.PARTIAL, 0.4, 0.7), (Verdict.CORRECT, 0.7, 1.01))
# "Answers humans scored low": at most 40% of the scale (2 of 5).
LOW_SHARE = 0.4


@dataclass(frozen=True)
class Band:
    name: str
    rows: int
    agreement: float  # share of these rows (by the human grade) that the grader put in the same band
    mean_ours: float  # on the human scale


@dataclass(frozen=True)
class Agreement:
    pearson: float
    spearman: float
    qwk: float
    rows: int
    mae: float = float("nan")  # on the human scale
    low_mean: float = float("nan")  # our mean grade, on the human scale, of answers humans scored low
    low_rows: int = 0
    bands: list[Band] = field(default_factory=list)


def _scale(human: np.ndarray, scale: tuple[float, float] | None) -> tuple[float, float]:
    return scale if scale else (float(human.min()), float(human.max()))


def on_human_scale(scores_0_100, human, scale: tuple[float, float] | None = None) -> np.ndarray:
    """0–100 mapped linearly onto the human scale (continuous)."""
    low, high = _scale(np.asarray(human, dtype=float), scale)
    return low + (high - low) * np.asarray(scores_0_100, dtype=float) / 100


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


def band_of(share: np.ndarray) -> np.ndarray:
    """Index into BANDS of each grade given as a share (0–1) of its scale."""
    return np.searchsorted([high for _, _, high in BANDS[:-1]], np.asarray(share), side="right")


def agreement(predicted_0_100, human, scale: tuple[float, float] | None = None) -> Agreement:
    """`scale`: the human scale's (lowest, highest) grade; the lowest and highest grades in `human`
    unless given."""
    predicted, human = np.asarray(predicted_0_100, dtype=float), np.asarray(human, dtype=float)
    low, high = _scale(human, scale)
    ours = on_human_scale(predicted, human, (low, high))
    human_share = (human - low) / ((high - low) or 1.0)
    low_rows = human_share <= LOW_SHARE + 1e-9
    human_band, our_band = band_of(human_share), band_of(predicted / 100)
    bands = [
        Band(
            name,
            int((human_band == i).sum()),
            float((our_band[human_band == i] == i).mean()) if (human_band == i).any() else float("nan"),
            float(ours[human_band == i].mean()) if (human_band == i).any() else float("nan"),
        )
        for i, (name, _, _) in enumerate(BANDS)
    ]
    return Agreement(
        pearson=_correlation(pearsonr, predicted, human),
        spearman=_correlation(spearmanr, predicted, human),
        qwk=quadratic_weighted_kappa(to_human_scale(predicted, human), human),
        rows=len(human),
        mae=float(np.abs(ours - human).mean()),
        low_mean=float(ours[low_rows].mean()) if low_rows.any() else float("nan"),
        low_rows=int(low_rows.sum()),
        bands=bands,
    )


def _correlation(method, a: np.ndarray, b: np.ndarray) -> float:
    """NaN when either side is constant (one question whose answers all got the same grade)."""
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan")
    return float(method(a, b)[0])
