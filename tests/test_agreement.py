import numpy as np
import pytest

from interviewer.engine.agreement import (
    agreement,
    quadratic_weighted_kappa,
    to_human_scale,
)


def test_scores_map_onto_the_grades_humans_used():
    human = np.array([0, 2.5, 5, 5, 3.5])
    assert list(to_human_scale(np.array([0, 49, 51, 100, 72]), human)) == [0, 2.5, 2.5, 5, 3.5]


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance():
    grades = np.array([1, 2, 3, 4, 5, 1, 2, 3])
    assert quadratic_weighted_kappa(grades, grades) == pytest.approx(1.0)
    assert quadratic_weighted_kappa(np.array([1, 1, 5, 5]), np.array([1, 5, 1, 5])) == pytest.approx(0.0)
    assert quadratic_weighted_kappa(np.array([1, 2, 3]), np.array([3, 2, 1])) < 0


def test_agreement_reports_every_figure():
    result = agreement([10, 40, 60, 90], [1, 2, 3, 5])
    assert result.rows == 4 and result.pearson > 0.9 and result.spearman == pytest.approx(1.0) and result.qwk > 0.5
