"""The tidy tables behind the charts: on the tiny bundle (worked by hand) and on the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap import chart_tables, choices, group_comparison, values, vintages
from trustmap.council_filter import CouncilFilter
from trustmap.pathfinders import pathfinder_status

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
        [tiny.GAMMA, "Gamma", "other councils", 25.0, 0.25],
        [tiny.SHIRE_2019, "Shire", "other councils", 10.0, 0.1],
        [tiny.ALPHA, "Alpha", "pathfinder", 30.0, 0.3],
        [tiny.BETA, "Beta", "pathfinder", 20.0, 0.2],
        [tiny.DELTA, "Delta", "pathfinder", 40.0, 0.35],
    ]
    north = chart_tables.scatter_table(tiny_build, x, y, "2019", CouncilFilter(region="North"))
    assert north["la_code"].tolist() == [tiny.GAMMA, tiny.ALPHA, tiny.BETA]
    assert chart_tables.scatter_source(x, y, "2019", len(table), 6) == (
        "x: IoD 2019: IMD - Average score (2019). y: IoD 2019: IDACI - Average score (2019). "
        f"On the councils of 2019: 5 of 6 had both values. Sources: {IOD_SOURCE}. {OGL}."
    )


def test_trend_takes_each_period_on_its_own_vintage_and_keeps_gaps(tiny_build):
    trend = chart_tables.trend_table(tiny_build, GOOD_DEVELOPMENT)
    assert list(trend.columns) == chart_tables.TREND_COLUMNS
    rows = trend.astype(object).where(trend.notna(), None).values.tolist()
    # Pandas' quartiles interpolate: of 65, 72, 75 the first quartile is 68.5.
    assert rows == [
        ["2016", "2009", "pathfinder", 3, 70.0, 65.0, 75.0],
        ["2016", "2009", "other councils", 3, 72.0, 68.5, 73.5],
        ["2017", "2009", "pathfinder", 3, 71.0, 66.5, 76.0],
        ["2017", "2009", "other councils", 3, 73.0, 69.5, 74.5],
        ["2020", None, "pathfinder", 0, None, None, None],
        ["2020", None, "other councils", 0, None, None, None],
        ["2023", "2023", "pathfinder", 3, 73.0, 68.5, 78.0],
        ["2023", "2023", "other councils", 4, 74.5, 72.25, 75.5],
    ]
    assert chart_tables.trend_note(trend) is None
    axis = chart_tables.indicator_axis(tiny_build, GOOD_DEVELOPMENT, "2023")
    assert chart_tables.trend_source(trend, axis) == (
        "Foundation Stage - % achieving a good level of development, councils of 2009 for "
        f"2016, 2017; councils of 2023 for 2023. Source: {LAIT_SOURCE}. {OGL}."
    )


def test_trend_follows_the_council_filter(tiny_build):
    trend = chart_tables.trend_table(
        tiny_build, GOOD_DEVELOPMENT, CouncilFilter(region="North")
    ).set_index(["period", "group"])
    assert trend.loc[("2016", "pathfinder"), ["n", "median"]].tolist() == [2, 65.0]
    assert trend.loc[("2016", "other councils"), ["n", "median"]].tolist() == [1, 65.0]


def test_single_period_or_no_period_gets_a_note_not_a_chart(tiny_build):
    trend = chart_tables.trend_table(tiny_build, IMD)
    assert list(trend["period"].unique()) == ["2019"]
    assert chart_tables.trend_note(trend) == (
        "This indicator has council values for one period only (2019): there is no trend to "
        "draw. The group comparison shows that period."
    )
    nothing = trend.assign(n=0)
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
    assert table[["comparison", "group", "n", "mean"]].values.tolist() == [
        ["pathfinder", "pathfinder", 3, 30.0],
        ["pathfinder", "other councils", 3, pytest.approx(50 / 3)],
        ["coterminous", "coterminous with CCG April 2019", 2, 17.5],
        ["coterminous", "not coterminous", 4, 26.25],
    ]
    assert table["diff"].tolist() == pytest.approx([40 / 3, 40 / 3, -8.75, -8.75])
    assert set(table["councils_matched"]) == {6} and set(table["source"]) == {IOD_SOURCE}
    assert len(chart_tables.comparison_table(results[0], None)) == 2
    assert chart_tables.comparison_table(None, None).empty


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
    assert table["group"].value_counts().to_dict() == {"other councils": 116, "pathfinder": 35}


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
    trend = good_development_trend.set_index(["period", "group"])
    for group, chosen in (("pathfinder", True), ("other councils", False)):
        expected = rows.loc[is_pathfinder == chosen, "value"]
        row = trend.loc[("2023", group)]
        assert row["n"] == len(expected)
        assert row["median"] == pytest.approx(expected.median())
        assert row["q1"] == pytest.approx(expected.quantile(0.25))
        assert row["q3"] == pytest.approx(expected.quantile(0.75))
    assert trend.loc[("2023", "pathfinder"), "n"] == 35


@pytest.mark.bundle
def test_real_trend_takes_each_period_on_its_own_vintage_and_keeps_gaps(good_development_trend):
    trend = good_development_trend
    by_period = trend.drop_duplicates("period").set_index("period")["la_vintage"]
    assert by_period["2016"] == "2009"
    assert by_period["2025"] == "2023"
    empty = trend[trend["n"] == 0]
    assert set(empty["period"]) == {"2020", "2021"}
    assert empty["median"].isna().all()
    assert chart_tables.trend_note(trend) is None


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
    assert list(table["comparison"]) == ["pathfinder", "pathfinder", "coterminous", "coterminous"]
    pathfinder_rows = table[table["comparison"] == "pathfinder"]
    assert pathfinder_rows["n"].tolist() == [35, 116]
    assert pathfinder_rows["diff"].iat[0] == pytest.approx(
        pathfinder_rows["mean"].iat[0] - pathfinder_rows["mean"].iat[1]
    )
