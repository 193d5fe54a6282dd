"""Tests for trustmap.stats.judgement on hand-made values, and its counts on the real bundle."""

import math

import numpy as np
import pytest

from trustmap.analysis import profile
from trustmap.bundle.tables import TABLES_ENV_VAR
from trustmap.bundle.validation import DataFileError
from trustmap.stats.judgement import (
    STATISTICS_TABLE,
    CountPair,
    decimals_of,
    judge,
    quartile_band,
    read_statistics,
    wilson_interval,
)
from trustmap.vocabulary import NOT_JUDGED_LABELS, NOT_JUDGED_REASONS


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
    assert result.reason.startswith("no interval (England has no value): quartile among 8")


def test_a_population_denominator_keeps_its_interval():
    # 42 per 10,000 children: 700 children looked after of 166,667 derived, as LAIT's rates.
    counts = CountPair(
        700, 166_667, 10_000, derived_denominator=True, denominator_kind="population"
    )
    result = judge(42.0, COUNCILS, polarity=None, england_value=67.0, counts=counts)
    assert (result.method, result.judgement) == ("wilson", "lower")
    assert result.reason == (
        "Wilson score interval against England (count from the source, a population derived as "
        "count x multiplier / value)"
    )


def test_an_estimated_denominator_falls_back_to_quartile_with_a_note():
    # 27 of 100 would give a Wilson interval, but 100 is an estimate of the eligible children.
    counts = CountPair(27, 100, 100, derived_denominator=True, denominator_kind="estimated")
    result = judge(7.0, COUNCILS, polarity="high", england_value=25.0, counts=counts)
    assert (result.method, result.quartile, result.ci_low) == ("quartile", "A", None)
    assert result.reason == (
        "no interval (the denominator is estimated, not published): quartile among 8 councils "
        "(LAIT banding)"
    )


@pytest.mark.parametrize(
    ("value", "counts"),
    [
        (233.0, CountPair(70, 30, 100, derived_denominator=True)),  # City of London's 233%
        # 100.4%: the derived denominator rounds to the count, but the value is over 100.
        (100.4, CountPair(100, 100, 100, derived_denominator=True)),
        (101.0, CountPair(101, 100, 100)),  # a published denominator smaller than its count
    ],
)
def test_over_100_percent_falls_back_to_quartile_with_a_note(value, counts):
    result = judge(value, COUNCILS, polarity="high", england_value=95.0, counts=counts)
    assert (result.method, result.quartile) == ("quartile", "A")
    assert result.reason.startswith(
        "no interval (the value is over 100% of its denominator): quartile among 8"
    )


@pytest.mark.parametrize("kind", ["count", "money"])
def test_counts_and_money_are_not_judged(kind):
    result = judge(
        5.0, COUNCILS, polarity="high", england_value=4.0, counts=CountPair(5, 10, 1), kind=kind
    )
    assert (result.method, result.judgement, result.quartile) == (
        "not compared",
        NOT_JUDGED_LABELS[kind],
        None,
    )
    assert result.reason == NOT_JUDGED_REASONS[kind]
    assert NOT_JUDGED_LABELS[kind] == f"not compared: {'a count' if kind == 'count' else 'money'}"


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
    ("row", "problem"),
    [
        ("lait-x,lait-n,,100,,proportion,,", "needs the kind of its denominator"),
        ("lait-x,lait-n,,100,,proportion,published,", "published denominator needs the indicator"),
        ("lait-n,lait-x,,100,,count,estimated,", "a count or money is never judged"),
    ],
)
def test_a_statistics_table_that_contradicts_itself_is_refused(tmp_path, monkeypatch, row, problem):
    table = tmp_path / STATISTICS_TABLE
    table.parent.mkdir(parents=True)
    header = "id,count_indicator,denominator_indicator,multiplier,decimals,kind,denominator,note"
    table.write_text(f"{header}\n{row}\n", encoding="utf-8")
    monkeypatch.setenv(TABLES_ENV_VAR, str(tmp_path))
    read_statistics.cache_clear()
    try:
        with pytest.raises(DataFileError, match=problem):
            read_statistics()
    finally:
        read_statistics.cache_clear()


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
    # Wilson: looked after and protection plan rates (population), second plans, adoptions
    # and care leavers (published), ONS infant and neonatal mortality, under-18 conceptions.
    # 61 counts and money are shown but not judged; 43 more indicators have no figure.
    assert table["method"].value_counts().to_dict() == {
        "quartile": 428,
        "not compared": 104,
        "wilson": 8,
    }
    assert (table["judgement"].isin(NOT_JUDGED_LABELS.values())).sum() == 61
    lac = table.set_index("indicator_id").loc["lait-lac"]
    # 2025: Sutton 42 per 10,000 against England's 67; Wilson 36.8 to 48.0.
    assert (lac["period"], lac["judgement"], lac["england_value"]) == ("2025", "lower", 67.0)
    assert table["indicator_id"].iloc[0].startswith("lait-")  # children's indicators first
