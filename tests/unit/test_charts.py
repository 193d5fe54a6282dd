"""Charts beyond the map, on the real data bundle."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap import (
    chart_figures,
    chart_tables,
    choices,
    group_comparison,
    themes,
    values,
    vintages,
)
from trustmap.pathfinders import pathfinder_status

IMD = "iod2019-imd-average-score"
IDACI = "iod2019-idaci-average-score"
GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"
SUTTON = "E09000029"


@pytest.fixture(scope="module")
def iod_axes(build):
    return chart_tables.indicator_axis(build, IMD, "2019"), chart_tables.indicator_axis(
        build, IDACI, "2019"
    )


@pytest.fixture(scope="module")
def good_development_trend(build):
    return chart_tables.trend_table(build, GOOD_DEVELOPMENT)


def test_scatter_of_two_iod_indicators_has_every_council_and_the_35(build, iod_axes):
    x, y = iod_axes
    table = chart_tables.scatter_table(build, x, y, "2019")
    assert list(table.columns) == ["la_code", "la_name", "group", "x", "y"]
    assert len(table) == 151
    figure = chart_figures.scatter_figure(table, x, y, "2019")
    by_name = {trace.name: trace for trace in figure.data}
    pathfinders = by_name["pathfinder (n=35)"]
    assert len(pathfinders.x) == 35
    assert len(by_name["other councils (n=116)"].x) == 116
    assert "Sutton" in pathfinders.text
    assert pathfinders.marker.symbol != by_name["other councils (n=116)"].marker.symbol
    assert pathfinders.marker.color != by_name["other councils (n=116)"].marker.color


def test_scatter_values_are_each_indicators_own_council_values(build, iod_axes):
    x, y = iod_axes
    table = chart_tables.scatter_table(build, x, y, "2019").set_index("la_code")
    assert table.at[SUTTON, "x"] == values.council_values(build, IMD, "2019", "2019")[SUTTON]
    assert table.at[SUTTON, "y"] == values.council_values(build, IDACI, "2019", "2019")[SUTTON]


def test_scatter_keeps_only_councils_with_both_values(build, iod_axes):
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


def test_unknown_period_is_refused_with_the_choices(build):
    with pytest.raises(choices.UnknownChoiceError, match="choose one of 2019"):
        chart_tables.indicator_axis(build, IMD, "1999")


def test_trend_median_equals_a_pandas_median_of_the_raw_rows(build, good_development_trend):
    values = build["indicator_values"]
    rows = values[
        (values["indicator_id"] == GOOD_DEVELOPMENT)
        & (values["period"] == "2023")
        & (values["geography"] == "council")
    ].dropna(subset=["value"])
    status = pathfinder_status(
        build["council_members"], vintages.district_area_series(build), "2023"
    ).set_index("la_code")["pathfinder"]
    is_pathfinder = rows["area_code"].map(status)
    assert is_pathfinder.notna().all()
    trend = good_development_trend
    medians = trend[trend["series"] == "median"].set_index(["period", "group"])
    for group, chosen in (("pathfinder", True), ("other councils", False)):
        expected = rows.loc[is_pathfinder == chosen, "value"]
        row = medians.loc[("2023", group)]
        assert row["n"] == len(expected)
        assert row["value_exact"] == pytest.approx(expected.median())
        assert row["value"] == round(expected.median(), 1)  # the indicator shows 1 decimal
        assert row["q1"] == round(expected.quantile(0.25), 1)
        assert row["q3"] == round(expected.quantile(0.75), 1)
    assert medians.loc[("2023", "pathfinder"), "n"] == 35
    councils = trend[(trend["series"] == "council") & (trend["period"] == "2023")]
    assert len(councils) == len(rows)  # one row per council with a value


def test_trend_takes_each_period_on_its_own_vintage_and_keeps_gaps(good_development_trend):
    trend = good_development_trend
    councils = trend[trend["series"] == "council"]
    vintages = councils.drop_duplicates("period").set_index("period")["la_vintage"]
    assert vintages["2016"] == "2009"
    assert vintages["2025"] == "2023"
    medians = trend[trend["series"] == "median"]
    empty = medians[medians["n"] == 0]
    assert set(empty["period"]) == {"2020", "2021"}
    assert empty["value"].isna().all()
    england = trend[trend["series"] == "England"].set_index("period")["value"]
    assert england["2019"] == 71.8 and "2020" not in england.index  # LAIT's own England row
    assert chart_tables.trend_note(trend) is None


def test_trend_lines_break_at_a_boundary_change_not_a_code_change(build, good_development_trend):
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


def test_trend_figure_draws_councils_medians_and_england(build, good_development_trend):
    axis = chart_tables.indicator_axis(build, GOOD_DEVELOPMENT, "2025")
    figure = chart_figures.trend_figure(good_development_trend, axis, selected=["E09000029"])
    names = [trace.name for trace in figure.data]
    assert names == [
        "each other council",
        "each pathfinder",
        "median of other councils",
        "median of pathfinders",
        "England (source)",
        "selected: Sutton",
    ]
    median = figure.data[3]
    periods = list(median.x)
    assert median.y[periods.index("2020")] is None
    assert "no council values for 2020, 2021" in figure.layout.title.subtitle.text.replace(
        "<br>", " "
    )
    assert figure.layout.title.text.replace("<br>", " ").endswith("2016 to 2025: all councils")
    source = chart_tables.trend_source(good_development_trend, axis)
    assert "councils of 2009 for 2016, 2017, 2018" in source
    assert "Local Authority Interactive Tool" in source


def test_single_period_indicator_gets_a_note_not_a_chart(build):
    trend = chart_tables.trend_table(build, IMD)
    assert list(trend["period"].unique()) == ["2019"]
    assert "one period only (2019)" in chart_tables.trend_note(trend)


def test_published_totals_are_the_three_sourced_counts_and_nothing_per_council():
    table = chart_tables.published_totals_table()
    assert dict(zip(table["priority"], table["trusts"], strict=True)) == {
        "disabled children": 16,
        "early intervention": 11,
        "mental health services": 8,
    }
    assert (table["of_trusts"] == 35).all()
    assert not {"la_code", "la_name"} & set(table.columns)
    assert table["source"].str.startswith("Bachmann et al. 2006").all()
    figure = chart_figures.published_totals_figure(table)
    (bars,) = figure.data
    assert list(bars.x) == [8, 11, 16]
    assert "16 of 35" in bars.text
    assert tuple(figure.layout.xaxis.range) == (0, 35)
    assert "published totals" in figure.layout.title.text
    assert "32(2):137-146" in themes.BACHMANN_2006
    assert "Two-thirds" in themes.POOLED_BUDGETS_FINDING


def test_comparison_table_has_a_row_per_group_of_each_result(build):
    results = [
        group_comparison.compare_indicator(build, IMD, "2019", by, vintage="2019")
        for by in ("pathfinder", "coterminous")
    ]
    table = chart_tables.comparison_table(*results)
    assert list(table.columns) == chart_tables.COMPARISON_COLUMNS
    assert list(table["comparison"]) == ["pathfinder", "pathfinder", "coterminous", "coterminous"]
    pathfinder_rows = table[table["comparison"] == "pathfinder"]
    assert pathfinder_rows["n"].tolist() == [35, 116]
    assert pathfinder_rows["diff_exact"].iat[0] == pytest.approx(
        pathfinder_rows["mean_exact"].iat[0] - pathfinder_rows["mean_exact"].iat[1]
    )
    assert pathfinder_rows["diff"].iat[0] == round(pathfinder_rows["diff_exact"].iat[0], 3)
    assert len(chart_tables.comparison_table(results[0], None)) == 2
    assert chart_tables.comparison_table(None, None).empty


def test_records_send_missing_values_as_none():
    rows = chart_tables.records(pd.DataFrame({"a": [1.0, float("nan")], "b": ["x", None]}))
    assert rows == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}]
