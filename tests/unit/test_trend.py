"""The per-council trend on hand-made frames (no bundle): one line per council's ground, broken
where its boundary changed or it has no value, pathfinders and the selected council apart."""

import pandas as pd

from trustmap.chart_figures import PATHFINDER_COLOUR, SELECTED_COLOUR, trend_figure
from trustmap.chart_tables import TREND_COLUMNS, Axis, council_lines

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
            council_row(p, "P1", "Sutton", v, group="pathfinder")
            for p, v in (("2016", 50.0), ("2017", 51.0), ("2019", 53.0), ("2020", 54.0))
        ),
    ]
    councils = pd.DataFrame(rows)
    councils["line"] = council_lines(councils["la_code"], GROUNDS)
    medians = pd.DataFrame(
        [
            {"period": p, "series": "median", "group": g, "value": v, "n": 1}
            for p in ("2016", "2017", "2019", "2020")
            for g, v in (("pathfinder", 50.0), ("other councils", 70.0))
        ]
    )
    england = pd.DataFrame(
        {"period": ["2016", "2017", "2020"], "series": "England", "value": [65.0, 66.0, 68.0]}
    )
    return pd.concat([councils, medians, england], ignore_index=True).reindex(columns=TREND_COLUMNS)


def test_a_code_change_keeps_one_line_and_a_boundary_change_starts_another():
    codes = pd.Series(["E10000009", "E10000002", "E06000059", "E06000060"])
    assert council_lines(codes, GROUNDS).tolist() == [
        "E10000009",
        "E06000060",
        "E06000059",
        "E06000060",
    ]


def test_each_council_is_a_line_broken_across_a_boundary_change():
    figure = trend_figure(trend_frame(), AXIS, filters="London")
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
    assert pathfinders.line.color == PATHFINDER_COLOUR


def test_medians_england_and_title_naming_the_filter():
    figure = trend_figure(trend_frame(), AXIS, filters="London")
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
    figure = trend_figure(trend_frame(), AXIS, selected=["E06000060"])
    selected = figure.data[-1]
    assert selected.name == "selected: Buckinghamshire"
    assert list(selected.y) == [80.0, None, None, 82.0, None]
    assert (selected.line.color, selected.line.width) == (SELECTED_COLOUR, 4)
