"""Tests for trustmap.stats.compare against values worked by hand on tiny tables."""

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from trustmap.stats.compare import (
    GroupComparison,
    GroupSummary,
    compare_area_with_england,
    compare_groups,
    compare_many,
)
from trustmap.stats.judgement import CountPair

FIRST = [1.0, 2.0, 3.0, 4.0]
SECOND = [2.0, 4.0, 6.0, 8.0]


def two_groups(first: list[float], second: list[float]) -> tuple[pd.Series, pd.Series]:
    """Values and membership indexed by made-up area codes, first group first."""
    codes = [f"E{number:08d}" for number in range(len(first) + len(second))]
    values = pd.Series(first + second, index=codes)
    in_first = pd.Series([True] * len(first) + [False] * len(second), index=codes)
    return values, in_first


def welch_by_hand(first: list[float], second: list[float]) -> tuple[float, float, float]:
    """Return (difference in means, its standard error, Welch–Satterthwaite df)."""
    n1, n2 = len(first), len(second)
    mean1, mean2 = sum(first) / n1, sum(second) / n2
    var1 = sum((x - mean1) ** 2 for x in first) / (n1 - 1)
    var2 = sum((x - mean2) ** 2 for x in second) / (n2 - 1)
    se1_squared, se2_squared = var1 / n1, var2 / n2
    df = (se1_squared + se2_squared) ** 2 / (se1_squared**2 / (n1 - 1) + se2_squared**2 / (n2 - 1))
    return mean1 - mean2, math.sqrt(se1_squared + se2_squared), df


def test_group_summaries_and_difference():
    comparison = compare_groups(*two_groups(FIRST, SECOND), labels=("trust", "rest"))
    assert comparison.first == GroupSummary("trust", 4, 2.5, 2.5, pytest.approx(1.290994, abs=1e-6))
    assert comparison.second == GroupSummary("rest", 4, 5.0, 5.0, pytest.approx(2.581989, abs=1e-6))
    assert comparison.diff == pytest.approx(-2.5)
    assert comparison.confidence == 0.95


def test_welch_p_value_and_confidence_interval_match_hand_formula():
    diff, standard_error, df = welch_by_hand(FIRST, SECOND)
    # var 5/3 and 20/3 over n=4: se^2 = 25/12, t = -sqrt(3), df = 3 * 625 / 425.
    assert standard_error == pytest.approx(math.sqrt(25 / 12))
    assert df == pytest.approx(75 / 17)
    t_statistic = diff / standard_error
    assert t_statistic == pytest.approx(-math.sqrt(3))
    for confidence in (0.95, 0.9):
        comparison = compare_groups(*two_groups(FIRST, SECOND), confidence=confidence)
        half_width = stats.t.ppf(1 - (1 - confidence) / 2, df) * standard_error
        assert comparison.ci_low == pytest.approx(diff - half_width)
        assert comparison.ci_high == pytest.approx(diff + half_width)
        assert comparison.p_welch == pytest.approx(2 * stats.t.sf(abs(t_statistic), df))


def test_mann_whitney_exact_p_value():
    # Complete separation of 3 vs 3: 2 of the 20 equally likely orderings are as extreme.
    comparison = compare_groups(*two_groups([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]))
    assert comparison.p_mannwhitney == pytest.approx(0.1)


def test_hedges_g_by_hand():
    # Pooled variance (3 * 5/3 + 3 * 20/3) / 6 = 25/6; J = 1 - 3 / (4 * 8 - 9) = 20/23.
    expected = -2.5 / math.sqrt(25 / 6) * (20 / 23)
    comparison = compare_groups(*two_groups(FIRST, SECOND))
    assert comparison.hedges_g == pytest.approx(expected)
    assert comparison.hedges_g == pytest.approx(-1.0649955, abs=1e-6)


# 1000 and the next float above it (1000 + 2**-43): a spread of one part in 10**16, rounding
# noise, where scipy's moments lose all precision (its "catastrophic cancellation" warning).
NEAR_THOUSAND = [1000.0, math.nextafter(1000.0, 2000.0), 1000.0]


def test_groups_without_spread_leave_the_welch_test_undefined():
    values, in_first = two_groups(NEAR_THOUSAND, [1001.0, 1001.0, 1001.0])
    long_table = pd.DataFrame({"indicator_id": "x", "area_code": values.index, "value": values})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no precision-loss or division warning on the way
        comparison = compare_groups(values, in_first)
        row = compare_many(long_table, in_first).iloc[0]
    # t = -1 / (a standard error of rounding noise): scipy said p = 0, a certain difference.
    assert comparison.diff == pytest.approx(-1.0)
    undefined = (comparison.p_welch, comparison.ci_low, comparison.ci_high, comparison.hedges_g)
    assert all(math.isnan(value) for value in undefined)
    assert 0 < comparison.p_mannwhitney < 1  # the rank test needs no spread
    assert math.isnan(row["p_welch"]) and math.isnan(row["p_welch_bh"])
    assert row["note"].startswith("no spread:")


def test_one_group_without_spread_counts_as_a_standard_deviation_of_zero():
    values, in_first = two_groups(NEAR_THOUSAND, [1000.0, 1001.0, 1002.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        comparison = compare_groups(values, in_first)
    # Welch's test is then the second group's one-sample t-test against 1000: mean 1001, sd 1,
    # n 3, so t = 1 / (1 / sqrt(3)) = sqrt(3) on 2 df, whose two-sided p is
    # 1 - t / sqrt(2 + t**2) = 1 - sqrt(3 / 5) = 0.2254.
    assert comparison.p_welch == pytest.approx(1 - math.sqrt(3 / 5))
    assert comparison.diff == pytest.approx(-1.0)


def test_missing_values_and_unassigned_areas_are_dropped():
    values, in_first = two_groups(FIRST + [math.nan], SECOND + [math.nan])
    values["E99999999"] = 1000.0  # not in in_first, so in neither group
    comparison = compare_groups(values, in_first)
    assert (comparison.first.n, comparison.second.n) == (4, 4)
    assert comparison == compare_groups(*two_groups(FIRST, SECOND))


def test_too_small_group_names_the_group_and_its_size():
    values, in_first = two_groups([1.0, math.nan], SECOND)
    with pytest.raises(ValueError, match=r"group 'trust' has 1 .*at least 2"):
        compare_groups(values, in_first, labels=("trust", "rest"))
    values, in_first = two_groups(FIRST, [])
    with pytest.raises(ValueError, match=r"group 'rest' has 0"):
        compare_groups(values, in_first, labels=("trust", "rest"))


def test_as_dict_is_json_ready_and_as_row_is_flat():
    comparison = compare_groups(*two_groups(FIRST, SECOND), labels=("trust", "rest"))
    as_dict = comparison.as_dict()
    assert as_dict["groups"][0] == {
        "group": "trust",
        "n": 4,
        "mean": 2.5,
        "median": 2.5,
        "sd": pytest.approx(1.290994, abs=1e-6),
    }
    assert as_dict["diff"] == pytest.approx(-2.5)
    assert as_dict["confidence"] == 0.95
    row = comparison.as_row()
    assert list(row) == [
        "first_group",
        "first_n",
        "first_mean",
        "first_median",
        "first_sd",
        "second_group",
        "second_n",
        "second_mean",
        "second_median",
        "second_sd",
        "diff",
        "ci_low",
        "ci_high",
        "p_welch",
        "p_mannwhitney",
        "hedges_g",
    ]
    assert (row["first_group"], row["second_n"], row["second_mean"]) == ("trust", 4, 5.0)

    nan = math.nan
    empty = GroupComparison(
        GroupSummary("a", 1, nan, nan, nan),
        GroupSummary("b", 0, nan, nan, nan),
        nan,
        nan,
        nan,
        nan,
        nan,
        nan,
        0.95,
    )
    decoded = json.loads(json.dumps(empty.as_dict(), allow_nan=False))
    assert decoded["groups"][0] == {"group": "a", "n": 1, "mean": None, "median": None, "sd": None}
    assert decoded["p_welch"] is None


def long_table_and_membership() -> tuple[pd.DataFrame, pd.Series]:
    """Three comparable indicators plus one whose second group has a single value."""
    in_first = pd.Series([True] * 4 + [False] * 4, index=[f"A{number}" for number in range(8)])
    indicators = {
        "x": FIRST + SECOND,
        "y": FIRST + [2.0, 3.5, 5.5, 7.5],
        "z": FIRST + [10.0, 11.0, 12.0, 12.5],
        "w": FIRST + [5.0, math.nan, math.nan, math.nan],
    }
    frames = [
        pd.DataFrame({"indicator_id": name, "area_code": in_first.index, "value": values})
        for name, values in indicators.items()
    ]
    return pd.concat(frames, ignore_index=True), in_first


def test_compare_many_rows_and_benjamini_hochberg_by_hand():
    long_table, in_first = long_table_and_membership()
    table = compare_many(long_table, in_first).set_index("indicator_id")
    assert list(table.index) == ["w", "x", "y", "z"]
    for name in ("x", "y", "z"):
        one = long_table[long_table["indicator_id"] == name].set_index("area_code")["value"]
        assert table.loc[name, "p_welch"] == pytest.approx(compare_groups(one, in_first).p_welch)
        assert table.loc[name, "note"] == ""

    # BH over the 3 rows with a p value (m = 3): sort ascending, scale by m / rank,
    # then take running minima from the largest down.
    p_values = table.loc[["x", "y", "z"], "p_welch"].sort_values()
    (low_name, low), (middle_name, middle), (high_name, high) = p_values.items()
    adjusted_high = min(high * 3 / 3, 1.0)
    adjusted_middle = min(middle * 3 / 2, adjusted_high)
    adjusted_low = min(low * 3 / 1, adjusted_middle)
    assert table.loc[high_name, "p_welch_bh"] == pytest.approx(adjusted_high)
    assert table.loc[middle_name, "p_welch_bh"] == pytest.approx(adjusted_middle)
    assert table.loc[low_name, "p_welch_bh"] == pytest.approx(adjusted_low)
    assert adjusted_middle == high  # the running minimum is exercised
    assert table.loc[low_name, "p_welch_bh"] != pytest.approx(low * 4)  # w is not counted


def test_compare_many_keeps_too_small_keys_with_a_note():
    long_table, in_first = long_table_and_membership()
    row = (
        compare_many(long_table, in_first, labels=("trust", "rest"))
        .set_index("indicator_id")
        .loc["w"]
    )
    assert (row["first_n"], row["second_n"]) == (4, 1)
    statistics = [
        "second_mean",
        "diff",
        "ci_low",
        "ci_high",
        "p_welch",
        "p_mannwhitney",
        "hedges_g",
        "p_welch_bh",
    ]
    assert row[statistics].isna().all()
    assert "group 'rest' has 1" in row["note"]


def test_compare_many_by_several_columns_and_unknown_areas_left_out():
    long_table, in_first = long_table_and_membership()
    long_table = long_table[long_table["indicator_id"] == "x"].assign(year=2023)
    later = long_table.assign(year=2024, value=long_table["value"] * 2)
    stray = pd.DataFrame(
        {"indicator_id": ["x"], "area_code": ["Z9"], "value": [1e6], "year": [2024]}
    )
    table = compare_many(
        pd.concat([long_table, later, stray]), in_first, by=["indicator_id", "year"]
    )
    assert list(table.columns[:2]) == ["indicator_id", "year"]
    assert list(table["year"]) == [2023, 2024]
    assert list(table["first_n"] + table["second_n"]) == [8, 8]
    assert list(table["diff"]) == pytest.approx([-2.5, -5.0])


def test_compare_many_names_missing_columns():
    long_table, in_first = long_table_and_membership()
    with pytest.raises(ValueError, match="no column.*'year'"):
        compare_many(long_table, in_first, by=["indicator_id", "year"])


COUNCILS = pd.Series(
    [10.0, 20.0, 20.0, 30.0, 40.0, 50.0, 60.0, np.nan],
    index=["A", "B", "C", "D", "E", "F", "G", "H"],
)


@pytest.mark.parametrize(
    ("area_code", "polarity", "rank", "quintile"),
    [
        # Higher is better: G=1, F=2, E=3, D=4, B=C=5 (ties take the minimum), A=7 of 7.
        ("G", "high", 1, 1),
        ("D", "high", 4, 3),  # ceil(5 * 4 / 7) = ceil(2.86)
        ("B", "high", 5, 4),  # ceil(25 / 7) = ceil(3.57)
        ("C", "high", 5, 4),
        ("A", "high", 7, 5),
        # Lower is better: A=1, B=C=2, D=4, ..., G=7.
        ("A", "low", 1, 1),
        ("C", "low", 2, 2),  # ceil(10 / 7)
        ("G", "low", 7, 5),
        # No polarity: 1 is the highest value.
        ("G", None, 1, 1),
        ("B", None, 5, 4),
    ],
)
def test_rank_and_quintile(area_code, polarity, rank, quintile):
    result = compare_area_with_england(area_code, COUNCILS, polarity=polarity)
    assert (result.rank, result.quintile, result.n_ranked) == (rank, quintile, 7)
    assert result.value == COUNCILS[area_code]


@pytest.mark.parametrize(
    ("polarity", "count", "judgement"),
    [
        # 300 of 1,000 (30%): Wilson 95% 27.24 to 32.91 clears England's 25.
        ("high", 300, "better"),
        ("low", 300, "worse"),
        (None, 300, "higher"),
        # 270 of 1,000 (27%): 24.34 to 29.83 holds 25.
        ("high", 270, "similar"),
    ],
)
def test_judgement_against_source_england_value(polarity, count, judgement):
    counts = CountPair(count, 1000, 100)
    result = compare_area_with_england(
        "D", COUNCILS, polarity=polarity, england_value=25.0, counts=counts
    )
    assert (result.verdict.method, result.verdict.judgement) == ("wilson", judgement)
    assert (result.england_value, result.england_basis) == (25.0, "source")


def test_without_counts_the_quartile_judges():
    # Councils 10, 20, 20, 30, 40, 50, 60: quartiles 20, 30, 45; D = 30 is in the upper middle.
    result = compare_area_with_england("D", COUNCILS, polarity="high", england_value=25.0)
    assert (result.verdict.method, result.verdict.quartile) == ("quartile", "C")


def test_england_falls_back_to_mean_of_councils():
    for england_value in (None, math.nan):
        result = compare_area_with_england(
            "D",
            COUNCILS,
            polarity="high",
            england_value=england_value,
            counts=CountPair(30, 100, 100),
        )
        assert result.england_basis == "mean of councils"
        assert result.england_value == pytest.approx(230 / 7)  # 32.86, inside 21.9 to 39.6
        assert result.verdict.judgement == "similar"


def test_missing_area_value_is_not_ranked_or_compared():
    result = compare_area_with_england("H", COUNCILS, polarity="high", england_value=25.0)
    assert (result.value, result.rank, result.quintile) == (None, None, None)
    assert result.n_ranked == 7
    assert json.loads(json.dumps(result.as_dict())) == {
        "area_code": "H",
        "value": None,
        "england_value": 25.0,
        "england_basis": "source",
        "rank": None,
        "n_ranked": 7,
        "quintile": None,
        "method": "not compared",
        "judgement": "not compared",
        "judgement_998": None,
        "ci_low": None,
        "ci_high": None,
        "ci998_low": None,
        "ci998_high": None,
        "quartile": None,
        "reason": "no value for this council",
    }


def test_area_inputs_are_checked():
    with pytest.raises(ValueError, match="polarity"):
        compare_area_with_england("A", COUNCILS, polarity="up")
    with pytest.raises(ValueError, match="'Z' is not among"):
        compare_area_with_england("Z", COUNCILS, polarity="high")
