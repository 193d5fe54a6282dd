"""Change between two spans and its group comparisons, on hand-made rates worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from trustmap.stats.change import (
    adjusted_difference,
    compare_change,
    council_change,
    dropped_councils,
    span_periods,
)

PERIODS = ["2000", "2001", "2002", "2003", "2014-16"]


def long_rates(table: dict[str, list[float | None]], periods: list[str]) -> pd.DataFrame:
    """Rows (area_code, period, value) from {council: [value per period]}."""
    return pd.DataFrame(
        [
            {"area_code": code, "period": period, "value": value}
            for code, values in table.items()
            for period, value in zip(periods, values, strict=True)
        ]
    )


def test_span_periods_reads_ranges_lists_and_periods_as_written():
    assert span_periods("2000-2002", PERIODS) == ["2000", "2001", "2002"]
    assert span_periods("2000, 2003", PERIODS) == ["2000", "2003"]
    assert span_periods("2014-16", PERIODS) == ["2014-16"]


def test_span_periods_names_the_missing_period():
    with pytest.raises(ValueError, match="1999"):
        span_periods("1999-2001", PERIODS)


def test_change_is_mean_after_minus_mean_before_for_complete_councils_only():
    values = long_rates(
        {
            "A": [10, 20, 30, 4],  # before mean 15, after mean (30 + 4) / 2 = 17
            "B": [50, 40, 10, 20],  # before 45, after 15
            "C": [10, None, 10, 10],  # a missing year: left out
        },
        ["2000", "2001", "2002", "2003"],
    )
    table = council_change(values, before=["2000", "2001"], after=["2002", "2003"])
    assert table.index.tolist() == ["A", "B"]
    assert table.loc["A"].tolist() == [15, 17, 2]
    assert table.loc["B"].tolist() == [45, 15, -30]


def test_overlapping_spans_and_repeated_rows_are_refused():
    values = long_rates({"A": [1, 2]}, ["2000", "2001"])
    with pytest.raises(ValueError, match="overlap"):
        council_change(values, before=["2000", "2001"], after=["2001"])
    with pytest.raises(ValueError, match="two values"):
        council_change(pd.concat([values, values]), before=["2000"], after=["2001"])


def test_dropped_councils_tell_missing_values_from_unmatched_areas():
    values = long_rates({"A": [1, 2], "C": [1, None]}, ["2000", "2001"])
    values = pd.concat([values, long_rates({"D": [3]}, ["2000"])])  # D has no 2001 row
    table = council_change(values, before=["2000"], after=["2001"])
    dropped = dropped_councils(
        values, ["A", "C", "D", "E"], table, periods=["2000", "2001"]
    )  # E has no row at all
    assert dropped == {"missing_values": 1, "boundary_or_combined": 2}


def test_difference_in_change_between_groups_worked_by_hand():
    # First group: changes -4, -6, -8 (mean -6); second: -1, -2, -3, -2 (mean -2).
    before = [40, 50, 60, 30, 32, 28, 30]
    change = [-4, -6, -8, -1, -2, -3, -2]
    codes = list("ABCDEFG")
    table = pd.DataFrame(
        {"before": before, "after": np.add(before, change), "change": change}, index=codes
    )
    in_first = pd.Series([True] * 3 + [False] * 4, index=codes)
    result = compare_change(table, in_first, labels=("pathfinder", "other"))
    first, second = result["groups"]
    assert (first["n"], first["mean"], second["n"], second["mean"]) == (3, -6, 4, -2)
    assert result["diff"] == pytest.approx(-4)
    welch = stats.ttest_ind(change[:3], change[3:], equal_var=False)
    low, high = welch.confidence_interval(0.95)
    assert (result["ci_low"], result["ci_high"]) == pytest.approx((low, high))
    assert result["p_welch"] == pytest.approx(welch.pvalue)
    levels = compare_change(table, in_first, labels=("pathfinder", "other"), column="before")
    assert levels["measure"] == "before" and levels["diff"] == pytest.approx(50 - 30)


def hc3_by_hand(design: np.ndarray, outcome: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """OLS coefficients and HC3 standard errors from the sandwich formula."""
    bread = np.linalg.inv(design.T @ design)
    coefficients = bread @ design.T @ outcome
    residuals = outcome - design @ coefficients
    leverage = np.einsum("ij,jk,ik->i", design, bread, design)
    meat = design.T @ np.diag(residuals**2 / (1 - leverage) ** 2) @ design
    return coefficients, np.sqrt(np.diag(bread @ meat @ bread))


def test_adjusted_difference_is_ols_with_hc3_errors():
    codes = [f"C{i}" for i in range(8)]
    first = np.array([1, 1, 1, 1, 0, 0, 0, 0])
    deprivation = np.array([10.0, 20, 30, 25, 15, 35, 40, 12])
    change = np.array([-5.0, -7, -9, -6, -2, -6, -8, -1])
    table = pd.DataFrame({"change": change}, index=codes)
    covariates = pd.DataFrame({"imd_2019_score": deprivation}, index=codes)
    covariates.loc["C7", "imd_2019_score"] = np.nan  # left out of the fit, and counted
    result = adjusted_difference(table, pd.Series(first == 1, index=codes), covariates)
    design = np.column_stack([np.ones(7), first[:7], deprivation[:7]])
    coefficients, errors = hc3_by_hand(design, change[:7])
    t = stats.t.ppf(0.975, 7 - 3)
    assert result["coefficient"] == pytest.approx(coefficients[1])
    assert result["ci_low"] == pytest.approx(coefficients[1] - t * errors[1])
    assert result["ci_high"] == pytest.approx(coefficients[1] + t * errors[1])
    assert result["p"] == pytest.approx(2 * stats.t.sf(abs(coefficients[1] / errors[1]), 4))
    assert (result["n"], result["missing_covariate"]) == (7, 1)
    assert (result["covariates"], result["standard_errors"]) == (["imd_2019_score"], "HC3")
    assert result["fixed_effects"] is None


# Twelve councils in three regions: the change is exactly 2 x group + 0.5 x level + the region's
# own shift (North 0, South 10, West -4), so every adjustment that includes both recovers 2.
FIRST = np.array([1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0])
LEVEL = np.array([40.0, 52, 61, 45, 38, 70, 55, 48, 66, 59, 43, 50])
REGIONS = ["North"] * 4 + ["South"] * 4 + ["West"] * 4
SHIFT = {"North": 0.0, "South": 10.0, "West": -4.0}
CODES = [f"R{i:02d}" for i in range(12)]


def regional_change(noise: np.ndarray) -> pd.DataFrame:
    exact = 2 * FIRST + 0.5 * LEVEL + np.array([SHIFT[r] for r in REGIONS])
    return pd.DataFrame({"change": exact + noise}, index=CODES)


def test_region_fixed_effects_recover_a_known_difference():
    table = regional_change(np.zeros(12))
    region = pd.Series(REGIONS, index=CODES, name="region")
    level = pd.DataFrame({"level": LEVEL}, index=CODES)
    in_first = pd.Series(FIRST == 1, index=CODES)
    with_region = adjusted_difference(table, in_first, level, fixed_effects=region)
    assert with_region["coefficient"] == pytest.approx(2.0)
    assert with_region["covariate_coefficients"] == {"level": pytest.approx(0.5)}
    assert with_region["fixed_effects"] == "region"
    # Without the regions the South's +10 and West's -4 leak into the group difference.
    assert adjusted_difference(table, in_first, level)["coefficient"] != pytest.approx(2.0)


def test_region_fixed_effects_match_a_hand_built_design_with_hc3_errors():
    noise = np.array([0.3, -0.8, 1.1, 0.4, -0.6, 0.9, -1.2, 0.2, 0.7, -0.3, -0.9, 0.5])
    table = regional_change(noise)
    region = pd.Series(REGIONS, index=CODES, name="region")
    level = pd.DataFrame({"level": LEVEL}, index=CODES)
    result = adjusted_difference(
        table, pd.Series(FIRST == 1, index=CODES), level, fixed_effects=region
    )
    south, west = (
        np.array([r == name for r in REGIONS], dtype=float) for name in ("South", "West")
    )
    design = np.column_stack([np.ones(12), FIRST, LEVEL, south, west])
    coefficients, errors = hc3_by_hand(design, table["change"].to_numpy())
    t = stats.t.ppf(0.975, 12 - 5)
    assert result["coefficient"] == pytest.approx(coefficients[1])
    assert result["ci_low"] == pytest.approx(coefficients[1] - t * errors[1])
    assert result["p"] == pytest.approx(2 * stats.t.sf(abs(coefficients[1] / errors[1]), 7))
    assert result["n"] == 12


def test_a_region_with_one_council_is_refused_by_name():
    table = regional_change(np.zeros(12))
    region = pd.Series([*REGIONS[:-1], "East"], index=CODES, name="region")
    level = pd.DataFrame({"level": LEVEL}, index=CODES)
    with pytest.raises(ValueError, match="every region needs two councils or more, not East"):
        adjusted_difference(table, pd.Series(FIRST == 1, index=CODES), level, fixed_effects=region)
