"""Pooled rates with exact Poisson intervals, against scipy's chi-square form of the interval."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy import stats

from trustmap.stats.rates import pooled_rates


def garwood(count: int, denominator: float, per: int) -> tuple[float, float]:
    """The exact Poisson (Garwood) 95% interval of count / denominator x per, via chi-square."""
    low = stats.chi2.ppf(0.025, 2 * count) / 2 if count else 0.0
    high = stats.chi2.ppf(0.975, 2 * count + 2) / 2
    return low / denominator * per, high / denominator * per


def test_pooled_rate_sums_counts_and_derived_denominators():
    counts = pd.DataFrame(
        {"area_code": ["A", "B", "C", "D"], "period": "2001", "value": [30.0, 10, 8, 5]}
    )
    # Denominators 30 / 20 x 1000 = 1500 and 10 / 25 x 1000 = 400; C's 2000; D's rate is 0.
    rates = counts.assign(value=[20.0, 25, 4, 0])
    in_first = pd.Series({"A": True, "B": True, "C": False, "D": False})
    pooled = pooled_rates(counts, rates, in_first, labels=("pathfinder", "other")).set_index(
        "group"
    )
    first = pooled.loc["pathfinder"]
    assert (first["councils"], first["count"], first["denominator"]) == (2, 40, 1900)
    assert first["rate"] == pytest.approx(40 / 1900 * 1000)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx(garwood(40, 1900, 1000))
    other = pooled.loc["other"]  # D is left out: a zero rate leaves its denominator unknown
    assert (other["councils"], other["count"], other["denominator"]) == (1, 8, 2000)
    assert (other["ci_low"], other["ci_high"]) == pytest.approx(garwood(8, 2000, 1000))


def test_small_counts_get_the_exact_interval_per_10000():
    counts = pd.DataFrame({"area_code": ["A", "B"], "period": "2010", "value": [3.0, 2.0]})
    rates = counts.assign(value=[30.0, 40])  # denominators 1000 and 500 per 10,000
    pooled = pooled_rates(counts, rates, pd.Series({"A": True, "B": False}), per=10_000)
    first = pooled.set_index("group").loc["first"]
    assert first["denominator"] == pytest.approx(1000)
    assert (first["ci_low"], first["ci_high"]) == pytest.approx(garwood(3, 1000, 10_000))
    # The interval of 3 events is the textbook 0.619 to 8.767 events.
    assert first["ci_low"] * 1000 / 10_000 == pytest.approx(0.6187, abs=1e-4)
    assert first["ci_high"] * 1000 / 10_000 == pytest.approx(8.7673, abs=1e-4)
