"""Plotly figures of the chart tables, from hand-made tidy frames (and the real bundle's)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from trustmap import chart_figures, chart_tables
from trustmap.chart_tables import Axis

X = Axis("imd", "2019", "IMD score", "score", "Source X", "OGL")
Y = Axis("idaci", "2019", "IDACI score", "share of children", "Source Y", "OGL")
SCATTER = pd.DataFrame(
    {
        "la_code": ["G", "S", "A", "B", "D"],
        "la_name": ["Gamma", "Shire", "Alpha", "Beta", "Delta"],
        "group": ["other councils"] * 2 + ["pathfinder"] * 3,
        "x": [25.0, 10.0, 30.0, 20.0, 40.0],
        "y": [0.25, 0.1, 0.3, 0.2, 0.35],
    }
)
NAN = math.nan
TREND = pd.DataFrame(
    [
        ["2016", "2009", "pathfinder", 3, 70.0, 65.0, 75.0],
        ["2016", "2009", "other councils", 3, 72.0, 68.5, 73.5],
        ["2017", "2009", "pathfinder", 3, 71.0, 66.5, 76.0],
        ["2017", "2009", "other councils", 3, 73.0, 69.5, 74.5],
        ["2020", None, "pathfinder", 0, NAN, NAN, NAN],
        ["2020", None, "other councils", 0, NAN, NAN, NAN],
        ["2023", "2023", "pathfinder", 3, 73.0, 68.5, 78.0],
        ["2023", "2023", "other councils", 4, 74.5, 72.25, 75.5],
    ],
    columns=chart_tables.TREND_COLUMNS,
)
RESULT = {
    "groups": [{"group": "pathfinder", "n": 3}, {"group": "other councils", "n": 3}],
    "confidence": 0.95,
    "diff": 13.333,
    "ci_low": -1.5,
    "ci_high": 28.2,
    "p_welch": 0.071234,
}


def test_scatter_draws_the_pathfinders_last_as_diamonds():
    figure = chart_figures.scatter_figure(SCATTER, X, Y, "2019")
    others, pathfinders = figure.data
    assert (others.name, pathfinders.name) == ("other councils (n=2)", "pathfinder (n=3)")
    assert list(pathfinders.x) == [30.0, 20.0, 40.0] and list(pathfinders.y) == [0.3, 0.2, 0.35]
    assert list(pathfinders.text) == ["Alpha", "Beta", "Delta"]
    assert list(pathfinders.customdata) == ["A", "B", "D"]
    assert (pathfinders.marker.symbol, others.marker.symbol) == ("diamond", "circle")
    assert (pathfinders.marker.color, others.marker.color) == (
        "rgb(204, 102, 119)",
        "rgb(136, 204, 238)",
    )
    assert figure.layout.title.text == "IDACI score against IMD score"
    assert figure.layout.title.subtitle.text == (
        "x: 2019, y: 2019; councils of 2019, 5 with both values"
    )
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == (
        "x: score",
        "y: share of children",
    )


def test_trend_breaks_line_and_band_at_periods_without_values():
    axis = Axis("fsp", "2023", "Good development", "% of children", "Source", "OGL")
    figure = chart_figures.trend_figure(TREND, axis)
    medians = [trace for trace in figure.data if trace.mode == "lines+markers"]
    bands = [trace for trace in figure.data if trace.fill == "toself"]
    assert [trace.name for trace in medians] == [
        "other councils: median, band = interquartile range",
        "pathfinder: median, band = interquartile range",
    ]
    assert len(bands) == 4  # two unbroken runs of periods (2016-17, 2023) per group
    assert list(bands[0].x) == ["2016", "2017", "2017", "2016"]
    assert list(bands[0].y) == [73.5, 74.5, 69.5, 68.5]
    others = medians[0]
    assert list(others.x) == ["2016", "2017", "2020", "2023"]
    y = list(others.y)
    assert y[:2] == [72.0, 73.0] and math.isnan(y[2]) and y[3] == 74.5
    assert others.connectgaps is False
    assert "n = %{customdata[0]}" in others.hovertemplate
    assert figure.layout.title.text == "Good development: pathfinders and other councils"
    assert figure.layout.title.subtitle.text.replace("<br>", " ") == (
        "median and interquartile range per period, each on its data's council vintage; no "
        "council values for 2020"
    )
    assert list(figure.layout.xaxis.categoryarray) == ["2016", "2017", "2020", "2023"]


def test_published_totals_as_bars_of_35():
    figure = chart_figures.published_totals_figure(chart_tables.published_totals_table())
    (bars,) = figure.data
    assert list(bars.x) == [8, 11, 16]
    assert list(bars.y) == ["mental health services", "early intervention", "disabled children"]
    assert list(bars.text) == ["8 of 35", "11 of 35", "16 of 35"]
    assert tuple(figure.layout.xaxis.range) == (0, 35)
    assert figure.layout.title.text == "Priorities the trusts named most often: published totals"


def test_group_comparison_box_per_group_with_every_council():
    values = pd.DataFrame(
        {
            "la_name": ["Alpha", "Gamma", "Beta"],
            "value": [30.0, 25.0, 20.0],
            "group": ["pathfinder", "other councils", "pathfinder"],
        }
    )
    figure = chart_figures.group_comparison_figure(values, RESULT, "score")
    first, second = figure.data
    assert (first.name, second.name) == ("pathfinder (n=3)", "other councils (n=3)")
    assert list(first.y) == [30.0, 20.0] and list(first.text) == ["Alpha", "Beta"]
    assert first.boxpoints == "all"
    assert (first.marker.color, second.marker.color) == ("rgb(204, 102, 119)", "rgb(136, 204, 238)")
    assert figure.layout.yaxis.title.text == "score"


def test_comparison_sentence():
    assert chart_figures.comparison_sentence(RESULT) == (
        "pathfinder minus other councils: difference 13.33 (95% CI -1.500 to 28.20), Welch p=0.0712"
    )


@pytest.mark.bundle
def test_real_scatter_has_the_35_as_their_own_trace(build):
    x = chart_tables.indicator_axis(build, "iod2019-imd-average-score", "2019")
    y = chart_tables.indicator_axis(build, "iod2019-idaci-average-score", "2019")
    figure = chart_figures.scatter_figure(
        chart_tables.scatter_table(build, x, y, "2019"), x, y, "2019"
    )
    by_name = {trace.name: trace for trace in figure.data}
    pathfinders = by_name["pathfinder (n=35)"]
    assert len(pathfinders.x) == 35
    assert len(by_name["other councils (n=116)"].x) == 116
    assert "Sutton" in pathfinders.text


@pytest.mark.bundle
def test_real_trend_figure_breaks_at_periods_without_values(build):
    trend = chart_tables.trend_table(build, "lait-fsp-new-gooddev")
    axis = chart_tables.indicator_axis(build, "lait-fsp-new-gooddev", "2025")
    figure = chart_figures.trend_figure(trend, axis)
    medians = [trace for trace in figure.data if trace.mode == "lines+markers"]
    bands = [trace for trace in figure.data if trace.fill == "toself"]
    assert len(medians) == 2
    assert len(bands) == 4  # two unbroken runs of periods (2016-19, 2022-25) per group
    periods = list(medians[0].x)
    gap = periods.index("2020")
    assert medians[0].y[gap] is None or math.isnan(medians[0].y[gap])
    assert "no council values for 2020, 2021" in figure.layout.title.subtitle.text.replace(
        "<br>", " "
    )
