"""Tests for trustmap.stats.judgement on hand-made values, and its counts on the real bundle."""

import math

import numpy as np
import pytest

from trustmap.analysis import profile
from trustmap.stats.judgement import CountPair, decimals_of, judge, quartile_band, wilson_interval


def wilson_by_hand(count: int, n: int, z: float) -> tuple[float, float]:
    """Wilson score interval: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    p = count / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_wilson_interval_matches_the_formula():
    assert wilson_interval(300, 1000, multiplier=100) == pytest.approx(
        [100 * x for x in wilson_by_hand(300, 1000, 1.959964)], abs=1e-4
    )
    assert wilson_interval(300, 1000, confidence=0.998) == pytest.approx(
        wilson_by_hand(300, 1000, 3.090232), abs=1e-6
    )


COUNCILS = np.arange(1.0, 9.0)  # 1..8: quartiles 2.75, 4.5, 6.25 (R type 7)


def test_interval_that_clears_england_is_better():
    # 300 of 1,000 = 30%: 95% 27.24 to 32.91 and 99.8% 25.73 to 34.65 both above 25.
    result = judge(
        30.0, COUNCILS, polarity="high", england_value=25.0, counts=CountPair(300, 1000, 100)
    )
    assert (result.method, result.judgement, result.judgement_998) == ("wilson", "better", "better")
    assert (result.ci_low, result.ci_high) == pytest.approx((27.2407, 32.9124), abs=1e-4)
    assert (result.ci998_low, result.ci998_high) == pytest.approx((25.7282, 34.6501), abs=1e-4)
    assert result.reason.endswith("(count and denominator from the source)")


def test_the_998_interval_can_hold_what_the_95_clears():
    # England 26 lies below the 95% interval (27.24) but inside the 99.8% one (25.73).
    result = judge(
        30.0, COUNCILS, polarity="low", england_value=26.0, counts=CountPair(300, 1000, 100)
    )
    assert (result.judgement, result.judgement_998) == ("worse", "similar")


def test_interval_that_holds_england_is_similar():
    # 27 of 100: 95% 19.27 to 36.43 holds 25.
    result = judge(
        27.0,
        COUNCILS,
        polarity="high",
        england_value=25.0,
        counts=CountPair(27, 100, 100, derived_denominator=True),
    )
    assert (result.method, result.judgement) == ("wilson", "similar")
    assert (result.ci_low, result.ci_high) == pytest.approx((19.2696, 36.4321), abs=1e-4)
    assert "denominator derived" in result.reason


def test_without_polarity_an_interval_is_higher_or_lower():
    result = judge(
        3.0, COUNCILS, polarity=None, england_value=10.0, counts=CountPair(30, 10_000, 1000)
    )
    assert result.judgement == "lower"


@pytest.mark.parametrize(
    ("value", "polarity", "letter", "words"),
    [
        (2.0, "low", "A", "best quarter"),  # at or below 2.75
        (2.0, "high", "D", "worst quarter"),
        (2.0, None, "D", "lowest quarter"),
        (4.5, "low", "B", "upper middle"),  # the median itself is in the band below it
        (4.5, "high", "C", "lower middle"),
        (7.0, "high", "A", "best quarter"),  # above 6.25
        (7.0, "low", "D", "worst quarter"),
        (7.0, None, "A", "highest quarter"),
    ],
)
def test_quartile_fallback_by_polarity(value, polarity, letter, words):
    assert quartile_band(value, COUNCILS, polarity) == letter
    result = judge(value, COUNCILS, polarity=polarity, england_value=4.0)
    assert (result.method, result.quartile, result.judgement) == ("quartile", letter, words)
    assert (
        result.reason
        == "no count and denominator in the source: quartile among 8 councils (LAIT banding)"
    )


def test_counts_without_england_fall_back_to_quartile():
    result = judge(
        7.0, COUNCILS, polarity="high", england_value=None, counts=CountPair(7, 100, 100)
    )
    assert (result.method, result.quartile) == ("quartile", "A")


def test_not_compared_only_with_a_reason():
    assert judge(math.nan, COUNCILS, polarity="high", england_value=4.0).reason == (
        "no value for this council"
    )
    few = judge(2.0, np.array([1.0, 2.0, 3.0, np.nan]), polarity="high", england_value=4.0)
    assert (few.method, few.reason) == (
        "not compared",
        "no count and denominator, and only 3 council(s) have a value (quartiles need 4)",
    )


@pytest.mark.parametrize(
    ("values", "decimals"),
    [([1.0, 2.0, 30.0], 0), ([1.5, 2.25, 3.0], 2), ([0.12345, 1.0], 3), ([12.13, np.nan], 2)],
)
def test_decimals_are_the_sources_precision(values, decimals):
    assert decimals_of(values) == decimals


@pytest.mark.bundle
def test_judgement_methods_on_suttons_profile(build):
    table = profile.council_profile(build, "E09000029")
    assert len(table) == len(build["indicator_catalogue"]) and set(table["la_name"]) == {"Sutton"}
    assert table["method"].value_counts().to_dict() == {
        "quartile": 484,
        "not compared": 45,
        "wilson": 11,  # 10 LAIT and ONS mortality rates, and under-18 conceptions
    }
    lac = table.set_index("indicator_id").loc["lait-lac"]
    # 2025: Sutton 42 per 10,000 against England's 67; Wilson 36.8 to 48.0.
    assert (lac["period"], lac["judgement"], lac["england_value"]) == ("2025", "lower", 67.0)
    assert table["indicator_id"].iloc[0].startswith("lait-")  # children's indicators first
