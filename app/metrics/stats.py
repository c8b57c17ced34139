"""Statistics behind every number: Wilson intervals, expected manel rate, bootstrap and
permutation tests for the citation matrix (DESIGN.md, Metrics). Pure Python/numpy, no SQL.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Interval",
    "Profiles",
    "bootstrap_draws",
    "expected_manel_rate",
    "gaps_from_draws",
    "group_seed",
    "normal_interval",
    "permutation_p_values",
    "wilson",
]

Z95 = 1.959963984540054
Draws = tuple[np.ndarray, np.ndarray]  # women cited, gendered cited: one value per resample


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


def wilson(successes: float, total: float, *, z: float = Z95) -> Interval | None:
    """The Wilson score interval for successes/total; None when total is 0.

    Works with fractional counts (probabilistic mode), where total is the sum of weights.
    """
    if total <= 0:
        return None
    p = min(max(successes / total, 0.0), 1.0)
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    margin = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    # At p = 0 (or 1) the bound is exactly 0 (or 1); the float sum leaves 5.6e-17 (or 1 - 1e-16).
    low = 0.0 if p == 0.0 else max(0.0, centre - margin)
    high = 1.0 if p == 1.0 else min(1.0, centre + margin)
    return Interval(low, high)


def expected_manel_rate(men_share: float, sizes: Sequence[int] | Mapping[int, int]) -> float | None:
    """The manel rate if panels of these SIZES were drawn at random from the pool.

    (1/N) * sum_i q^k_i with q the pool's share of men: a manel needs every person to be a man,
    so non-binary people count against it as women do (DESIGN.md, Metrics, read with q = 1 - p
    where p is the share of everyone who is not a man). SIZES is one size per panel, or the
    number of panels by size (a period's millions of panels: one term per size; issue #16).
    """
    by_size = sizes if isinstance(sizes, Mapping) else Counter(sizes)
    panels = sum(by_size.values())
    if not panels:
        return None
    return sum(count * men_share**size for size, count in sorted(by_size.items())) / panels


def normal_interval(share: float, variance: float) -> Interval:
    """share +/- 1.96 sd, clipped to [0, 1] (probabilistic mode, DESIGN.md: variance adds
    sum p(1 - p))."""
    margin = Z95 * math.sqrt(max(variance, 0.0))
    return Interval(max(0.0, share - margin), min(1.0, share + margin))


@dataclass(frozen=True, slots=True)
class Profiles:
    """Articles of one author group as counts over (women cited, gendered cited) profiles."""

    women: np.ndarray
    gendered: np.ndarray
    articles: np.ndarray

    @property
    def totals(self) -> tuple[float, float]:
        return float(self.women @ self.articles), float(self.gendered @ self.articles)


def bootstrap_draws(
    group: Profiles, *, resamples: int = 1000, seed: int | Sequence[int] = 0
) -> Draws | None:
    """Women cited and gendered cited in each of RESAMPLES resamples of one group's articles.

    Resampling articles with replacement is a multinomial draw over the group's profiles, so
    this is the exact nonparametric bootstrap at any number of articles. None without articles.
    """
    n = int(group.articles.sum())
    if n == 0:
        return None
    counts = np.random.default_rng(seed).multinomial(n, group.articles / n, size=resamples)
    women, gendered = (
        counts @ group.women.astype(np.int64),
        counts @ group.gendered.astype(np.int64),
    )
    return women.astype(np.int32), gendered.astype(np.int32)  # counts: exact, and half the bytes


def group_seed(name: str, seed: int = 0) -> list[int]:
    """Each author group's own random stream, so its draws depend on its articles alone and a
    change to one group redraws only that group (issue #16)."""
    return [seed, zlib.crc32(name.encode())]


def gaps_from_draws(
    draws: dict[str, Draws],
) -> dict[str, tuple[Interval | None, Interval | None]]:
    """Per group, 95% intervals of (observed share, citation gap) from each group's bootstrap
    draws; expected (all groups pooled) is recomputed in every resample."""
    if not draws:
        return {}
    pooled_w = sum(w for w, _g in draws.values())
    pooled_g = sum(g for _w, g in draws.values())
    result: dict[str, tuple[Interval | None, Interval | None]] = {}
    for name, (w, g) in draws.items():
        ok = (g > 0) & (pooled_g > 0) & (pooled_w > 0)
        if not ok.any():
            result[name] = (None, None)
            continue
        share = w[ok] / g[ok]
        gap = share / (pooled_w[ok] / pooled_g[ok]) - 1
        result[name] = (_percentiles(share), _percentiles(gap))
    return result


def _percentiles(values: np.ndarray) -> Interval:
    low, high = np.percentile(values, [2.5, 97.5])
    return Interval(float(low), float(high))


def permutation_p_values(
    groups: dict[str, Profiles], *, resamples: int = 1000, seed: int = 0
) -> dict[str, float | None]:
    """Two-sided p-value of each group's citation gap under shuffled author groups.

    Shuffling group labels across articles draws a group's articles from the pool without
    replacement: a multivariate hypergeometric draw over the pooled profiles. The pooled
    expected share is the same in every shuffle. Callers pass one period's groups (DESIGN.md:
    shuffle within a period).
    """
    if len(groups) < 2:
        return dict.fromkeys(groups)
    women, gendered, articles = _pool(groups)
    pool_w, pool_g = float(women @ articles), float(gendered @ articles)
    rng = np.random.default_rng(seed)
    found: dict[str, float | None] = {}
    for name, group in groups.items():
        w, g = group.totals
        if pool_w <= 0 or pool_g <= 0 or g <= 0:
            found[name] = None
            continue
        expected = pool_w / pool_g
        observed = abs((w / g) / expected - 1)
        draws = rng.multivariate_hypergeometric(
            articles.astype(np.int64), int(group.articles.sum()), size=resamples
        )
        null_w, null_g = draws @ women, draws @ gendered
        valid = null_g > 0
        null = np.abs((null_w[valid] / null_g[valid]) / expected - 1)
        found[name] = float((1 + np.count_nonzero(null >= observed - 1e-12)) / (1 + len(null)))
    return found


def _pool(groups: dict[str, Profiles]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pooled: dict[tuple[float, float], float] = {}
    for group in groups.values():
        for w, g, a in zip(group.women, group.gendered, group.articles, strict=True):
            pooled[(float(w), float(g))] = pooled.get((float(w), float(g)), 0.0) + float(a)
    keys = list(pooled)
    return (
        np.array([k[0] for k in keys]),
        np.array([k[1] for k in keys]),
        np.array([pooled[k] for k in keys]),
    )
