"""The tidy tables behind the charts: on the tiny bundle and hand-made results (worked by hand),
and on the real one."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from tests.fixtures.comparison_results import group_result
from trustmap.analysis import group_comparison
from trustmap.bundle import choices
from trustmap.model import values, vintages
from trustmap.model.council_filter import CouncilFilter
from trustmap.model.pathfinders import pathfinder_status
from trustmap.show import chart_tables

IMD = "iod2019-imd-average-score"
IDACI = "iod2019-idaci-average-score"
GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"
SUTTON = "E09000029"
IOD_SOURCE = (
    "Ministry of Housing, Communities & Local Government, English Indices of Deprivation 2019, "
    "File 11: upper-tier local authority summaries (IoD2019 (April 2019 upper tier))"
)
LAIT_SOURCE = (
    "Department for Education, Local Authority Interactive Tool (LAIT): children's services "
    "indicators (2016-2025 editions)"
)
OGL = "Open Government Licence v3.0"
NAN = float("nan")
PATHFINDER, OTHERS = "pathfinders (and successors)", "other councils"
# The Comparison column: each grouping in words.
BY_PATHFINDER, BY_COTERMINOUS = (
    "Pathfinders and other councils",
    "Coterminous councils and the rest",
)


def plain(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """Rows of `columns` with missing values as None, so that they compare with ==."""
    return frame[columns].astype(object).where(frame[columns].notna(), None).values.tolist()


def test_axis_of_an_indicator_period(tiny_build):
    axis = chart_tables.indicator_axis(tiny_build, IMD, "2019")
    assert axis == chart_tables.Axis(
        IMD, "2019", "IoD 2019: IMD - Average score", "average score", IOD_SOURCE, OGL
    )
    assert axis.title == "IoD 2019: IMD - Average score (2019)"
    with pytest.raises(choices.UnknownChoiceError, match="choose one of 2019"):
        chart_tables.indicator_axis(tiny_build, IMD, "1999")


def test_scatter_keeps_councils_with_both_values(tiny_build):
    x = chart_tables.indicator_axis(tiny_build, IMD, "2019")
    y = chart_tables.indicator_axis(tiny_build, IDACI, "2019")
    table = chart_tables.scatter_table(tiny_build, x, y, "2019")
    assert list(table.columns) == ["la_code", "la_name", "group", "x", "y"]
    assert table.values.tolist() == [  # Epsilon has no IDACI value
        [tiny.GAMMA, "Gamma", OTHERS, 25.0, 0.25],
        [tiny.SHIRE_2019, "Shire", OTHERS, 10.0, 0.1],
        [tiny.ALPHA, "Alpha", PATHFINDER, 30.0, 0.3],
        [tiny.BETA, "Beta", PATHFINDER, 20.0, 0.2],
        [tiny.DELTA, "Delta", PATHFINDER, 40.0, 0.35],
    ]
    north = chart_tables.scatter_table(
        tiny_build, x, y, "2019", council_filter=CouncilFilter(region="North")
    )
    assert north["la_code"].tolist() == [tiny.GAMMA, tiny.ALPHA, tiny.BETA]
    assert chart_tables.scatter_source(x, y, "2019", len(table), 6) == (
        "x: IoD 2019: IMD - Average score (2019). y: IoD 2019: IDACI - Average score (2019). "
        f"On the councils of 2019: 5 of 6 had both values. Sources: {IOD_SOURCE}. {OGL}."
    )


def test_trend_has_a_row_per_council_then_medians_then_england(tiny_build):
    trend = chart_tables.trend_table(tiny_build, GOOD_DEVELOPMENT)
    assert list(trend.columns) == chart_tables.TREND_COLUMNS
    assert trend["series"].value_counts().to_dict() == {"council": 19, "median": 8, "England": 4}
    councils = trend[trend["series"] == "council"]
    # 2016 and 2017 on the councils of 2009 (six), 2023 on those of 2023 (seven).
    assert councils.groupby("period")["la_vintage"].agg(set).to_dict() == {
        "2016": {"2009"},
        "2017": {"2009"},
        "2023": {"2023"},
    }
    assert plain(councils[councils["period"] == "2023"], ["la_code", "group", "value"]) == [
        [tiny.ALPHA, PATHFINDER, 64.0],
        [tiny.BETA, PATHFINDER, 73.0],
        [tiny.WEST_SHIRE, OTHERS, 77.0],
        [tiny.EAST_SHIRE, OTHERS, 74.0],
        [tiny.GAMMA, OTHERS, 67.0],
        [tiny.DELTA, PATHFINDER, 83.0],
        [tiny.EPSILON, OTHERS, 75.0],
    ]
    assert (councils["value_exact"] == councils["value"]).all()
    england = trend[trend["series"] == "England"]
    assert plain(england, ["period", "la_name", "value"]) == [
        ["2016", "England", 70.0],
        ["2017", "England", 71.0],
        ["2020", "England", 72.0],
        ["2023", "England", 73.0],
    ]


def test_trend_medians_and_quartiles_per_period_keep_the_gap(tiny_build):
    trend = chart_tables.trend_table(tiny_build, GOOD_DEVELOPMENT)
    medians = trend[trend["series"] == "median"]
    # Pandas' quartiles interpolate: of 65, 72, 75 the first quartile is 68.5; of 67, 74, 75,
    # 77 it is 72.25, rounded half to even to 72.2. 2020 has England's value only: n = 0.
    assert plain(
        medians, ["period", "la_vintage", "group", "n", "value", "q1", "q3", "value_exact"]
    ) == [
        ["2016", "2009", PATHFINDER, 3, 70.0, 65.0, 75.0, 70.0],
        ["2016", "2009", OTHERS, 3, 72.0, 68.5, 73.5, 72.0],
        ["2017", "2009", PATHFINDER, 3, 71.0, 66.5, 76.0, 71.0],
        ["2017", "2009", OTHERS, 3, 73.0, 69.5, 74.5, 73.0],
        ["2020", None, PATHFINDER, 0, None, None, None, None],
        ["2020", None, OTHERS, 0, None, None, None, None],
        ["2023", "2023", PATHFINDER, 3, 73.0, 68.5, 78.0, 73.0],
        ["2023", "2023", OTHERS, 4, 74.5, 72.2, 75.5, 74.5],
    ]
    assert chart_tables.trend_note(trend) is None
    axis = chart_tables.indicator_axis(tiny_build, GOOD_DEVELOPMENT, "2023")
    assert chart_tables.trend_source(trend, axis) == (
        "Foundation Stage - % achieving a good level of development, councils of 2009 for "
        f"2016, 2017; councils of 2023 for 2023. Source: {LAIT_SOURCE}. {OGL}."
    )


def test_trend_follows_the_council_filter(tiny_build):
    trend = chart_tables.trend_table(tiny_build, GOOD_DEVELOPMENT, CouncilFilter(region="North"))
    councils = trend[trend["series"] == "council"]
    assert sorted(set(councils["la_code"])) == [tiny.ALPHA, tiny.BETA, tiny.GAMMA]
    medians = trend[(trend["series"] == "median") & (trend["period"] == "2016")]
    # Alpha 60 and Beta 70 against Gamma 65 alone.
    assert plain(medians, ["group", "n", "value", "q1", "q3"]) == [
        [PATHFINDER, 2, 65.0, 62.5, 67.5],
        [OTHERS, 1, 65.0, 65.0, 65.0],
    ]


def test_trend_lines_follow_ground_not_code(tiny_build):
    trend = chart_tables.trend_table(tiny_build, GOOD_DEVELOPMENT)
    councils = trend[trend["series"] == "council"]
    lines = councils.groupby("line")["period"].agg(list).to_dict()
    # Shire county (2009) split into West and East Shire in 2023: three lines, not one.
    assert lines[tiny.SHIRE_2009] == ["2016", "2017"]
    assert lines[tiny.WEST_SHIRE] == ["2023"] and lines[tiny.EAST_SHIRE] == ["2023"]
    assert lines[tiny.ALPHA] == ["2016", "2017", "2023"]
    assert len(lines) == 8
    # Shire's 2019 unitary has the county's ground; West Shire only its own.
    assert chart_tables.selected_lines(tiny_build, trend, tiny.SHIRE_2019) == [tiny.SHIRE_2009]
    assert chart_tables.selected_lines(tiny_build, trend, tiny.WEST_SHIRE) == [tiny.WEST_SHIRE]
    assert chart_tables.selected_lines(tiny_build, trend, None) == []


# Dorset county (2016-2018) became a smaller Dorset in 2019 (Bournemouth, Christchurch and Poole
# took part of it); Buckinghamshire only changed its code in 2020.
GROUNDS = pd.Series(
    {
        "E10000009": "bournemouth;christchurch;dorset",
        "E06000059": "dorset",
        "E10000002": "bucks",
        "E06000060": "bucks",
    }
)


def test_a_code_change_keeps_one_line_and_a_boundary_change_starts_another():
    codes = pd.Series(["E10000009", "E10000002", "E06000059", "E06000060"])
    assert chart_tables.council_lines(codes, GROUNDS).tolist() == [
        "E10000009",
        "E06000060",
        "E06000059",
        "E06000060",
    ]


def test_single_period_or_no_period_gets_a_note_not_a_chart(tiny_build):
    trend = chart_tables.trend_table(tiny_build, IMD)
    assert list(trend["period"].unique()) == ["2019"]
    assert chart_tables.trend_note(trend) == (
        "This indicator has council values for one period only (2019): there is no trend to "
        "draw. The group comparison shows that period."
    )
    nothing = trend[trend["series"] != "council"]
    assert chart_tables.trend_note(nothing) == (
        "This indicator has no council values, so there is no trend to draw."
    )


def test_published_totals_are_the_three_sourced_counts_and_nothing_per_council():
    table = chart_tables.published_totals_table()
    assert dict(zip(table["priority"], table["trusts"], strict=True)) == {
        "disabled children": 16,
        "early intervention": 11,
        "mental health services": 8,
    }
    assert table["theme"].tolist() == [
        "Disabled children and SEN",
        "Early intervention and early years",
        "Child and adolescent mental health",
    ]
    assert (table["of_trusts"] == 35).all()
    assert not {"la_code", "la_name"} & set(table.columns)
    assert table["source"].str.startswith("Bachmann et al. 2006").all()


def test_comparison_table_has_a_row_per_group_of_each_result(tiny_build):
    results = [
        group_comparison.compare_indicator(tiny_build, IMD, "2019", by)
        for by in ("pathfinder", "coterminous")
    ]
    table = chart_tables.comparison_table(*results)
    assert list(table.columns) == chart_tables.COMPARISON_COLUMNS
    # Alpha 30, Beta 20, Delta 40 against Gamma 25, Shire 10, Epsilon 15; Shire and Gamma
    # (17.5) against the other four (26.25). IMD has no decimals, so means round to one.
    assert plain(table, ["comparison", "group", "n", "mean_exact", "median", "diff_exact"]) == [
        [BY_PATHFINDER, PATHFINDER, 3, 30.0, 30.0, pytest.approx(40 / 3)],
        [BY_PATHFINDER, OTHERS, 3, pytest.approx(50 / 3), 15.0, pytest.approx(40 / 3)],
        [BY_COTERMINOUS, "councils coterminous with CCG April 2019", 2, 17.5, 17.5, -8.75],
        [BY_COTERMINOUS, "councils not coterminous", 4, 26.25, 25.0, -8.75],
    ]
    # Halves round to even: 26.25 to 26.2, but -8.75 to -8.8.
    assert table["mean"].tolist() == [30.0, 16.7, 17.5, 26.2]
    assert table["diff"].tolist() == [13.3, 13.3, -8.8, -8.8]
    assert table["sd"].tolist() == [10.0, 7.6, 10.6, 11.1]  # sqrt(175/3), sqrt(112.5), ...
    assert table["diff_unit"].unique().tolist() == ["points"]
    assert set(table["councils_matched"]) == {6} and set(table["source"]) == {IOD_SOURCE}
    assert table["caution"].iat[0].startswith("Caution: only 3 pathfinders and 3 other councils")
    assert len(chart_tables.comparison_table(results[0], None)) == 2
    assert chart_tables.comparison_table(None, None).empty


def test_comparison_table_rounds_and_keeps_full_precision_beside():
    table = chart_tables.comparison_table(group_result(), None).set_index("group")
    assert table.loc["pathfinder", "mean"] == 74.0
    assert table.loc["pathfinder", "mean_exact"] == 74.0125
    assert table.loc["pathfinder", "sd"] == 2.8
    assert (table["diff"].tolist(), table["ci_low"].iat[0], table["ci_high"].iat[0]) == (
        [-1.3, -1.3],
        -4.2,
        1.6,
    )
    assert table["diff_exact"].iat[0] == -1.2875
    assert table["p_welch"].iat[0] == 0.0163 and table["p_mannwhitney"].iat[0] == 0.00042
    assert table["hedges_g"].iat[0] == -0.49
    assert table["diff_unit"].iat[0] == "percentage points"
    assert table["caution"].iat[0].startswith("Caution: only 8 pathfinders")
    assert table.loc["other councils", "n"] == 3


def test_neighbours_table_rounds_each_pathfinders_row():
    result = {
        "decimals": 0,
        "unit": "Rate per 10,000",
        "pathfinders": [
            {
                "la_code": "P2",
                "la_name": "Two",
                "value": math.nan,
                "neighbours_mean": 40.0,
                "neighbours_used": 4,
                "difference": math.nan,
                "kept": False,
                "reason": "no value",
            },
            {
                "la_code": "P1",
                "la_name": "One",
                "value": 51.0,
                "neighbours_mean": 47.333333,
                "neighbours_used": 3,
                "difference": 3.666667,
                "kept": True,
                "reason": "",
            },
        ],
    }
    table = chart_tables.neighbours_table(result)
    assert list(table.columns) == chart_tables.NEIGHBOURS_COLUMNS
    assert table["la_code"].tolist() == ["P1", "P2"]  # kept first
    first = table.iloc[0]
    assert (first["value"], first["neighbours_mean"], first["difference"]) == (51, 47.3, 3.7)
    assert first["difference_exact"] == 3.666667
    assert table["unit"].tolist() == ["Rate per 10,000"] * 2
    assert math.isnan(table["value"].iat[1]) and table["reason"].iat[1] == "no value"


def test_records_send_missing_values_as_none():
    rows = chart_tables.records(pd.DataFrame({"a": [1.0, NAN], "b": ["x", None]}))
    assert rows == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}]


@pytest.fixture(scope="module")
def iod_axes(build):
    return chart_tables.indicator_axis(build, IMD, "2019"), chart_tables.indicator_axis(
        build, IDACI, "2019"
    )


@pytest.fixture(scope="module")
def good_development_trend(build):
    return chart_tables.trend_table(build, GOOD_DEVELOPMENT)


@pytest.mark.bundle
def test_scatter_of_two_iod_indicators_has_every_council(build, iod_axes):
    x, y = iod_axes
    table = chart_tables.scatter_table(build, x, y, "2019")
    assert list(table.columns) == ["la_code", "la_name", "group", "x", "y"]
    assert len(table) == 151
    assert table["group"].value_counts().to_dict() == {OTHERS: 116, PATHFINDER: 35}


@pytest.mark.bundle
def test_scatter_values_are_each_indicators_own_council_values(build, iod_axes):
    x, y = iod_axes
    table = chart_tables.scatter_table(build, x, y, "2019").set_index("la_code")
    assert table.at[SUTTON, "x"] == values.council_values(build, IMD, "2019", "2019")[SUTTON]
    assert table.at[SUTTON, "y"] == values.council_values(build, IDACI, "2019", "2019")[SUTTON]


@pytest.mark.bundle
def test_real_scatter_keeps_only_councils_with_both_values(build, iod_axes):
    x, _ = iod_axes
    y = chart_tables.indicator_axis(build, GOOD_DEVELOPMENT, "2025")
    table = chart_tables.scatter_table(build, x, y, "2019")
    both = set(values.council_values(build, IMD, "2019", "2019").index) & set(
        values.council_values(build, GOOD_DEVELOPMENT, "2025", "2019").index
    )
    assert set(table["la_code"]) == both
    assert len(table) < 151
    assert table[["x", "y", "la_name", "group"]].notna().all().all()
    source = chart_tables.scatter_source(x, y, "2019", len(table), 151)
    assert f"{len(table)} of 151 had both values" in source
    assert "(2019)" in source and "(2025)" in source
    assert "English Indices of Deprivation 2019" in source
    assert "Local Authority Interactive Tool" in source


@pytest.mark.bundle
def test_unknown_period_is_refused_with_the_choices(build):
    with pytest.raises(choices.UnknownChoiceError, match="choose one of 2019"):
        chart_tables.indicator_axis(build, IMD, "1999")


@pytest.mark.bundle
def test_trend_median_equals_a_pandas_median_of_the_raw_rows(build, good_development_trend):
    indicator_values = build["indicator_values"]
    rows = indicator_values[
        (indicator_values["indicator_id"] == GOOD_DEVELOPMENT)
        & (indicator_values["period"] == "2023")
        & (indicator_values["geography"] == "council")
    ].dropna(subset=["value"])
    status = pathfinder_status(
        build["council_members"], vintages.district_area_series(build), "2023"
    ).set_index("la_code")["pathfinder"]
    is_pathfinder = rows["area_code"].map(status)
    assert is_pathfinder.notna().all()
    trend = good_development_trend
    medians = trend[trend["series"] == "median"].set_index(["period", "group"])
    for group, chosen in ((PATHFINDER, True), (OTHERS, False)):
        expected = rows.loc[is_pathfinder == chosen, "value"]
        row = medians.loc[("2023", group)]
        assert row["n"] == len(expected)
        assert row["value_exact"] == pytest.approx(expected.median())
        assert row["value"] == round(expected.median(), 1)  # the indicator shows 1 decimal
        assert row["q1"] == round(expected.quantile(0.25), 1)
        assert row["q3"] == round(expected.quantile(0.75), 1)
    assert medians.loc[("2023", PATHFINDER), "n"] == 35
    councils = trend[(trend["series"] == "council") & (trend["period"] == "2023")]
    assert len(councils) == len(rows)  # one row per council with a value


@pytest.mark.bundle
def test_real_trend_takes_each_period_on_its_own_vintage_and_keeps_gaps(good_development_trend):
    trend = good_development_trend
    councils = trend[trend["series"] == "council"]
    by_period = councils.drop_duplicates("period").set_index("period")["la_vintage"]
    assert by_period["2016"] == "2009"
    assert by_period["2025"] == "2023"
    medians = trend[trend["series"] == "median"]
    empty = medians[medians["n"] == 0]
    assert set(empty["period"]) == {"2020", "2021"}
    assert empty["value"].isna().all()
    england = trend[trend["series"] == "England"].set_index("period")["value"]
    assert england["2019"] == 71.8 and "2020" not in england.index  # LAIT's own England row
    assert chart_tables.trend_note(trend) is None


@pytest.mark.bundle
def test_real_trend_lines_break_at_a_boundary_change_not_a_code_change(
    build, good_development_trend
):
    councils = good_development_trend[good_development_trend["series"] == "council"]
    dorset = councils[councils["la_name"] == "Dorset"].groupby("line")["period"].agg(list)
    # Dorset county until 2018; the smaller unitary Dorset from 2019 is another line.
    assert dorset.to_dict() == {
        "E06000059": ["2019", "2022", "2023", "2024", "2025"],
        "E10000009": ["2016", "2017", "2018"],
    }
    buckinghamshire = councils[councils["la_name"] == "Buckinghamshire"]
    assert set(buckinghamshire["line"]) == {"E06000060"}  # one line across its new code
    assert chart_tables.selected_lines(build, good_development_trend, "E10000002") == ["E06000060"]


@pytest.mark.bundle
def test_real_trend_source_names_each_periods_vintage(build, good_development_trend):
    axis = chart_tables.indicator_axis(build, GOOD_DEVELOPMENT, "2025")
    source = chart_tables.trend_source(good_development_trend, axis)
    assert "councils of 2009 for 2016, 2017, 2018" in source
    assert "Local Authority Interactive Tool" in source


@pytest.mark.bundle
def test_single_period_indicator_gets_a_note_not_a_chart(build):
    trend = chart_tables.trend_table(build, IMD)
    assert list(trend["period"].unique()) == ["2019"]
    assert "one period only (2019)" in chart_tables.trend_note(trend)


@pytest.mark.bundle
def test_real_comparison_table_has_a_row_per_group_of_each_result(build):
    results = [
        group_comparison.compare_indicator(build, IMD, "2019", by, vintage="2019")
        for by in ("pathfinder", "coterminous")
    ]
    table = chart_tables.comparison_table(*results)
    assert list(table.columns) == chart_tables.COMPARISON_COLUMNS
    assert list(table["comparison"]) == [BY_PATHFINDER] * 2 + [BY_COTERMINOUS] * 2
    pathfinder_rows = table[table["comparison"] == BY_PATHFINDER]
    assert pathfinder_rows["n"].tolist() == [35, 116]
    assert pathfinder_rows["diff_exact"].iat[0] == pytest.approx(
        pathfinder_rows["mean_exact"].iat[0] - pathfinder_rows["mean_exact"].iat[1]
    )
    # IMD scores have three decimals, and so does their difference.
    assert pathfinder_rows["diff"].iat[0] == round(pathfinder_rows["diff_exact"].iat[0], 3)
