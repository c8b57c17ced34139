"""The statistics behind the numbers: Wilson, expected manels, bootstrap and permutation."""

from __future__ import annotations

import numpy as np
import pytest

from app.metrics import stats


def test_wilson_matches_the_textbook_value() -> None:
    interval = stats.wilson(3, 10)
    assert interval.low == pytest.approx(0.1078, abs=1e-4)
    assert interval.high == pytest.approx(0.6032, abs=1e-4)
    assert stats.wilson(0, 0) is None
    edge = stats.wilson(0, 20)
    assert edge.low == 0.0 and 0 < edge.high < 0.2


@pytest.mark.parametrize("total", [3, 6, 10, 13, 25, 27, 2.5])
def test_wilson_bounds_are_exact_when_none_or_all_are_women(total: float) -> None:
    """No 5.6e-17 lower bound in the API (3 men, no woman) nor 0.9999999999999999 upper."""
    assert stats.wilson(0, total).low == 0.0
    assert stats.wilson(total, total).high == 1.0


def test_expected_manel_rate_is_the_mean_of_q_to_the_k() -> None:
    assert stats.expected_manel_rate(0.5, [2, 3]) == pytest.approx((0.25 + 0.125) / 2)
    assert stats.expected_manel_rate(0.5, []) is None


def profiles(women: list[int], gendered: list[int], articles: list[int]) -> stats.Profiles:
    return stats.Profiles(*(np.array(x, dtype=float) for x in (women, gendered, articles)))


def test_bootstrap_interval_brackets_the_observed_gap() -> None:
    """Through the path the matrix takes: each group's draws, then the gaps from them."""
    groups = {
        "men": profiles([0, 1], [4, 4], [300, 100]),  # 1/16 women cited
        "women": profiles([2, 3], [4, 4], [100, 100]),  # 5/8 women cited
    }
    draws = {
        name: stats.bootstrap_draws(group, resamples=1000, seed=stats.group_seed(name))
        for name, group in groups.items()
    }
    result = stats.gaps_from_draws(draws)
    share, gap = result["men"]
    assert share.low < 100 / 1600 < share.high
    assert gap.high < 0  # men cite women clearly below the pooled share
    assert result["women"][1].low > 0


def test_permutation_p_is_small_for_a_real_gap_and_large_for_none() -> None:
    gap = stats.permutation_p_values({
        "men": profiles([0, 1], [4, 4], [300, 100]),
        "women": profiles([2, 3], [4, 4], [100, 100]),
    })  # fmt: skip
    assert gap["men"] < 0.01
    same = stats.permutation_p_values({
        "men": profiles([1, 2], [4, 4], [100, 100]),
        "women": profiles([1, 2], [4, 4], [100, 100]),
    })  # fmt: skip
    assert same["men"] > 0.5
