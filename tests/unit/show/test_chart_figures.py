"""Plotly figures of the chart tables, from hand-made tidy frames and results, the tiny bundle's
trend, and the real bundle's."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.show import chart_figures, chart_tables
from trustmap.show.chart_figures import PATHFINDER_COLOUR, SELECTED_COLOUR
from trustmap.show.chart_tables import PATHFINDER_GROUP, TREND_COLUMNS, Axis, council_lines

RED, BLUE = "rgb(204, 102, 119)", "rgb(136, 204, 238)"
GREEN, PURPLE = "rgb(17, 119, 51)", "rgb(170, 68, 153)"
X = Axis("imd", "2019", "IMD score", "score", "Source X", "OGL")
Y = Axis("idaci", "2019", "IDACI score", "share of children", "Source Y", "OGL")
SCATTER = pd.DataFrame(
    {
        "la_code": ["G", "S", "A", "B", "D"],
        "la_name": ["Gamma", "Shire", "Alpha", "Beta", "Delta"],
        "group": ["other councils"] * 2 + [PATHFINDER_GROUP] * 3,
        "x": [25.0, 10.0, 30.0, 20.0, 40.0],
        "y": [0.25, 0.1, 0.3, 0.2, 0.35],
    }
)


def test_scatter_draws_the_pathfinders_last_as_diamonds():
    figure = chart_figures.scatter_figure(SCATTER, X, Y, "2019")
    others, pathfinders = figure.data
    assert (others.name, pathfinders.name) == (
        "other councils (n=2)",
        "pathfinders (and successors) (n=3)",
    )
    assert list(pathfinders.x) == [30.0, 20.0, 40.0] and list(pathfinders.y) == [0.3, 0.2, 0.35]
    assert list(pathfinders.text) == ["Alpha", "Beta", "Delta"]
    assert list(pathfinders.customdata) == ["A", "B", "D"]
    assert (pathfinders.marker.symbol, others.marker.symbol) == ("diamond", "circle")
    assert (pathfinders.marker.color, others.marker.color) == (RED, BLUE)
    assert figure.layout.title.text == "IDACI score against IMD score"
    assert figure.layout.title.subtitle.text == (
        "x: 2019, y: 2019; councils of 2019, 5 with both values"
    )
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == (
        "x: score",
        "y: share of children",
    )


# Dorset county (2016-2018) became a smaller Dorset in 2019 (Bournemouth, Christchurch and Poole
# took part of it); Buckinghamshire only changed its code in 2020.
GROUNDS = pd.Series(
    {
        "E10000009": "bournemouth;christchurch;dorset",
        "E06000059": "dorset",
        "E10000002": "bucks",
        "E06000060": "bucks",
        "P1": "pathfinder",
    }
)
AXIS = Axis("x", "2020", "Good development", "%", "DfE", "OGL")


def council_row(period, code, name, value, group="other councils", vintage="2009"):
    return {
        "period": period,
        "la_vintage": vintage,
        "series": "council",
        "la_code": code,
        "la_name": name,
        "group": group,
        "value": value,
        "value_exact": value,
    }


def trend_frame() -> pd.DataFrame:
    rows = [
        council_row("2016", "E10000009", "Dorset", 60.0),
        council_row("2017", "E10000009", "Dorset", 61.0),
        council_row("2019", "E06000059", "Dorset", 70.0, vintage="2019"),
        council_row("2020", "E06000059", "Dorset", 71.0, vintage="2020"),
        council_row("2016", "E10000002", "Buckinghamshire", 80.0),
        council_row("2020", "E06000060", "Buckinghamshire", 82.0, vintage="2020"),
        *(
            council_row(p, "P1", "Sutton", v, group=PATHFINDER_GROUP)
            for p, v in (("2016", 50.0), ("2017", 51.0), ("2019", 53.0), ("2020", 54.0))
        ),
    ]
    councils = pd.DataFrame(rows)
    councils["line"] = council_lines(councils["la_code"], GROUNDS)
    medians = pd.DataFrame(
        [
            {"period": p, "series": "median", "group": g, "value": v, "n": 1}
            for p in ("2016", "2017", "2019", "2020")
            for g, v in ((PATHFINDER_GROUP, 50.0), ("other councils", 70.0))
        ]
    )
    england = pd.DataFrame(
        {"period": ["2016", "2017", "2020"], "series": "England", "value": [65.0, 66.0, 68.0]}
    )
    return pd.concat([councils, medians, england], ignore_index=True).reindex(columns=TREND_COLUMNS)


def test_each_council_is_a_line_broken_across_a_boundary_change():
    figure = chart_figures.trend_figure(trend_frame(), AXIS, filters="London")
    others, pathfinders = figure.data[0], figure.data[1]
    # Periods 2016, 2017, 2019, 2020 and a blank after each line; lines in code order:
    # Dorset after 2019, Buckinghamshire (one line across its new code), Dorset county.
    assert list(others.x) == ["2016", "2017", "2019", "2020", None] * 3
    assert list(others.y) == [
        *(None, None, 70.0, 71.0, None),
        *(80.0, None, None, 82.0, None),
        *(60.0, 61.0, None, None, None),
    ]
    assert others.connectgaps is False
    assert list(pathfinders.y) == [50.0, 51.0, 53.0, 54.0, None]
    assert pathfinders.line.color == PATHFINDER_COLOUR == RED


def test_medians_england_and_title_naming_the_filter():
    figure = chart_figures.trend_figure(trend_frame(), AXIS, filters="London")
    names = [trace.name for trace in figure.data]
    assert names == [
        "each other council",
        "each pathfinder",
        "median of other councils",
        "median of pathfinders",
        "England (source)",
        "selected council",
    ]
    assert list(figure.data[4].y) == [65.0, 66.0, None, 68.0]
    assert figure.layout.title.text == "Good development, 2016 to 2020: London"  # one line
    subtitle = figure.layout.title.subtitle.text.replace("<br>", " ")
    assert subtitle.startswith(
        "1 pathfinders and 2 other councils in 2020; councils of 2009 to 2020, each period on "
        "its data's own vintage; a line breaks where a council's boundary changed"
    )
    assert figure.data[-1].showlegend is False and list(figure.data[-1].x) == []


def test_the_selected_council_is_bold_and_last():
    figure = chart_figures.trend_figure(trend_frame(), AXIS, selected=["E06000060"])
    selected = figure.data[-1]
    assert selected.name == "selected: Buckinghamshire"
    assert list(selected.y) == [80.0, None, None, 82.0, None]
    assert (selected.line.color, selected.line.width) == (SELECTED_COLOUR, 4)


def test_tiny_trend_breaks_medians_at_a_period_without_values(tiny_build):
    trend = chart_tables.trend_table(tiny_build, "lait-fsp-new-gooddev")
    axis = chart_tables.indicator_axis(tiny_build, "lait-fsp-new-gooddev", "2023")
    figure = chart_figures.trend_figure(trend, axis, selected=[tiny.SHIRE_2009])
    by_name = {trace.name: trace for trace in figure.data}
    others = by_name["median of other councils"]
    assert list(others.x) == ["2016", "2017", "2020", "2023"]
    assert list(others.y) == [72.0, 73.0, None, 74.5]
    assert list(others.customdata) == [3, 3, 0, 4]  # n, shown on hover
    assert list(by_name["England (source)"].y) == [70.0, 71.0, 72.0, 73.0]
    # Shire county's line ends in 2017: West and East Shire are new lines in 2023.
    assert list(by_name["selected: Shire"].y) == [75.0, 76.0, None, None, None]
    subtitle = figure.layout.title.subtitle.text.replace("<br>", " ")
    assert subtitle == (
        "3 pathfinders and 4 other councils in 2023; councils of 2009 to 2023, each period on "
        "its data's own vintage; a line breaks where a council's boundary changed or it has no "
        "value; no council values for 2020"
    )
    assert figure.layout.title.text.replace("<br>", " ") == (
        "Foundation Stage - % achieving a good level of development, 2016 to 2023: all councils"
    )


def test_published_totals_as_bars_of_35():
    figure = chart_figures.published_totals_figure(chart_tables.published_totals_table())
    (bars,) = figure.data
    assert list(bars.x) == [8, 11, 16]
    assert list(bars.y) == ["mental health services", "early intervention", "disabled children"]
    assert list(bars.text) == ["8 of 35", "11 of 35", "16 of 35"]
    assert tuple(figure.layout.xaxis.range) == (0, 35)
    assert figure.layout.title.text == "Priorities the trusts named most often: published totals"


RESULT = {
    "groups": [{"group": PATHFINDER_GROUP, "n": 2}, {"group": "other councils", "n": 2}],
    "decimals": 1,
    "unit": "score",
}


def test_group_comparison_has_a_box_per_group_and_every_council_in_its_map_colour():
    values = pd.DataFrame(
        {
            "la_name": ["Alpha", "Gamma", "Beta", "Delta"],
            "value": [30.0, 25.0, 20.0, 40.0],
            "group": [PATHFINDER_GROUP, "other councils", PATHFINDER_GROUP, "other councils"],
            "class": ["pathfinder", "other", "pathfinder", "other"],
        }
    )
    figure = chart_figures.group_comparison_figure(values, RESULT)
    first_box, second_box, pathfinders, others = figure.data
    assert (list(first_box.x), list(first_box.y)) == ([0, 0], [30.0, 20.0])
    assert (list(second_box.x), list(second_box.y)) == ([1, 1], [25.0, 40.0])
    assert first_box.boxpoints is False
    # Points in value order in each box, spread by golden-ratio jitter: -0.25, then 0.059.
    assert (pathfinders.name, list(pathfinders.text)) == ("2003 pathfinder (2)", ["Beta", "Alpha"])
    assert list(pathfinders.x) == pytest.approx([-0.25, 0.0590170])
    assert list(others.x) == pytest.approx([0.75, 1.0590170])
    assert (list(others.y), others.name) == ([25.0, 40.0], "not a pathfinder (2)")
    assert (pathfinders.marker.color, pathfinders.marker.symbol) == (RED, "diamond")
    assert (others.marker.color, others.marker.symbol) == (BLUE, "circle")
    assert pathfinders.hovertemplate == "%{text}: %{y:,.1f} score<extra>2003 pathfinder</extra>"
    assert list(figure.layout.xaxis.ticktext) == [
        "pathfinders (and<br>successors) (n=2)",
        "other councils (n=2)",
    ]
    assert figure.layout.yaxis.title.text == "score"


def test_coterminosity_classes_keep_the_maps_colours():
    values = pd.DataFrame(
        {
            "la_name": ["Gamma", "Alpha", "Beta"],
            "value": [25.0, 30.0, 20.0],
            "group": ["coterminous", "not coterminous", "not coterminous"],
            "class": ["coterminous", "overlapping", "overlapping"],
        }
    )
    result = RESULT | {
        "groups": [{"group": "coterminous", "n": 1}, {"group": "not coterminous", "n": 2}]
    }
    figure = chart_figures.group_comparison_figure(values, result)
    points = figure.data[2:]
    assert [(trace.name, trace.marker.color, trace.marker.symbol) for trace in points] == [
        ("coterminous (1)", GREEN, "diamond"),
        ("overlapping (2)", PURPLE, "circle"),
    ]
    assert list(points[1].text) == ["Beta", "Alpha"]


def test_neighbours_figure_places_each_kept_pathfinder_and_the_mean_band():
    result = {
        "decimals": 0,
        "unit": "Rate per 10,000",
        "n": 2,
        "diff": 1.5,
        "ci_low": -3.0,
        "ci_high": 6.0,
        "pathfinders": [
            {"la_name": "One", "value": 51.0, "neighbours_mean": 47.0, "neighbours_used": 3}
            | {"difference": 4.0, "kept": True},
            {"la_name": "Two", "value": 40.0, "neighbours_mean": 41.0, "neighbours_used": 4}
            | {"difference": -1.0, "kept": True},
            {"la_name": "Three", "value": 60.0, "neighbours_mean": 45.0, "neighbours_used": 1}
            | {"difference": 15.0, "kept": False},
        ],
    }
    figure = chart_figures.neighbours_figure(result)
    (points,) = figure.data
    assert (list(points.y), list(points.x)) == (["Two", "One"], [-1.0, 4.0])  # largest on top
    assert points.marker.color == RED
    band, mean, zero = figure.layout.shapes
    assert (band.x0, band.x1, mean.x0, zero.x0) == (-3.0, 6.0, 1.5, 0)
    assert figure.layout.height == 260  # at least 260 px, else 20 px a pathfinder + 110
    assert figure.layout.xaxis.title.text.replace("<br>", " ") == (
        "difference from the neighbours' mean (per 10,000); grey band: 95% interval of the mean "
        "difference"
    )
    assert "difference %{x:+,.1f} per 10,000" in points.hovertemplate
    alone = chart_figures.neighbours_figure(result | {"n": 1})
    assert len(alone.layout.shapes) == 1  # no mean, no interval: only the line at zero


@pytest.mark.bundle
def test_real_scatter_has_the_35_as_their_own_trace(build):
    x = chart_tables.indicator_axis(build, "iod2019-imd-average-score", "2019")
    y = chart_tables.indicator_axis(build, "iod2019-idaci-average-score", "2019")
    figure = chart_figures.scatter_figure(
        chart_tables.scatter_table(build, x, y, "2019"), x, y, "2019"
    )
    by_name = {trace.name: trace for trace in figure.data}
    pathfinders = by_name["pathfinders (and successors) (n=35)"]
    assert len(pathfinders.x) == 35
    assert len(by_name["other councils (n=116)"].x) == 116
    assert "Sutton" in pathfinders.text


@pytest.mark.bundle
def test_real_trend_figure_draws_councils_medians_and_england(build):
    trend = chart_tables.trend_table(build, "lait-fsp-new-gooddev")
    axis = chart_tables.indicator_axis(build, "lait-fsp-new-gooddev", "2025")
    figure = chart_figures.trend_figure(trend, axis, selected=["E09000029"])
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
    gap = median.y[periods.index("2020")]
    assert gap is None or math.isnan(gap)
    assert "no council values for 2020, 2021" in figure.layout.title.subtitle.text.replace(
        "<br>", " "
    )
    assert figure.layout.title.text.replace("<br>", " ").endswith("2016 to 2025: all councils")
