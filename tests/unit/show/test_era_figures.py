"""Figure builders of the era and the NHS story, on hand-made tables."""

from __future__ import annotations

import pandas as pd

from trustmap.show.colouring import COTERMINOSITY_CLASSES, SAFE, contrast_ratio
from trustmap.show.era_figures import (
    change_by_group_figure,
    class_counts_figure,
    group_colour,
    pooled_rates_figure,
)
from trustmap.vocabulary import PATHFINDER_GROUPS

PATHFINDERS = PATHFINDER_GROUPS[0]


def yearly() -> pd.DataFrame:
    rows = []
    for year, (p_rate, o_rate) in zip(
        range(2001, 2006), [(40, 45), (39, 44), (38, 44), (36, 43), (35, 42)], strict=True
    ):
        for group, rate in ((PATHFINDERS, p_rate), ("other councils", o_rate)):
            rows.append(
                {
                    "period": str(year),
                    "group": group,
                    "councils": 3,
                    "rate": rate,
                    "ci_low": rate - 1,
                    "ci_high": rate + 1,
                }
            )
    return pd.DataFrame(rows)


def test_group_colours_keep_red_for_pathfinders_only():
    # Paul Tol's colour-blind-safe palette, by hand from its hex codes: rose #CC6677 for the
    # pathfinders, pale blue #88CCEE for the other councils (their colours on the map), green
    # #117733 for coterminous councils (the map's coterminous colour); the rest a mid grey,
    # #6f6f6f, no class colour of the map.
    assert group_colour("pathfinders (and successors)") == "rgb(204, 102, 119)"
    assert group_colour("other councils") == "rgb(136, 204, 238)"
    assert group_colour("councils coterminous with CCG April 2019") == "rgb(17, 119, 51)"
    assert group_colour("councils coterminous throughout CCG April 2013 to CCG April 2019") == (
        "rgb(17, 119, 51)"
    )
    assert group_colour("councils not coterminous") == "#6f6f6f"
    assert group_colour("the rest") == "#6f6f6f"


def test_pooled_rates_draw_a_band_and_a_line_per_group_with_2003_marked():
    figure = pooled_rates_figure(
        yearly(),
        labels=PATHFINDER_GROUPS,
        label="Rate",
        unit="per 1,000",
        before=["2001", "2002"],
        after=["2004", "2005"],
    )
    bands, lines = figure.data[0::2], figure.data[1::2]
    assert [trace.fill for trace in bands] == ["toself", "toself"]
    assert list(lines[0].x) == [2001, 2002, 2003, 2004, 2005]
    assert list(lines[0].y) == [40, 39, 38, 36, 35]
    assert list(bands[0].y) == [41, 40, 39, 37, 36, 34, 35, 37, 38, 39]
    assert lines[0].line.color == SAFE[1] and lines[1].line.color == SAFE[0]
    shapes = [(shape.type, shape.x0, shape.x1) for shape in figure.layout.shapes]
    assert shapes == [("rect", 2000.6, 2002.4), ("rect", 2003.6, 2005.4), ("line", 2003, 2003)]
    assert "2003: pathfinders named" in [a.text for a in figure.layout.annotations]


def class_table() -> pd.DataFrame:
    rows = []
    for health, kind, date, bodies, expected, counts in (
        ("pct2006", "PCT", "2006-10-01", 44, 152, [36, 0, 8, 0, 106]),
        ("ccg2019", "CCG", "2019-04-01", 191, 191, [81, 12, 39, 19, 0]),
    ):
        for name, councils in zip(COTERMINOSITY_CLASSES, counts, strict=True):
            rows.append(
                {
                    "health": health,
                    "kind": kind,
                    "date": date,
                    "class": name,
                    "councils": councils,
                    "council_vintage": "2019",
                    "councils_then": sum(counts),
                    "bodies": bodies,
                    "expected_bodies": expected,
                }
            )
    return pd.DataFrame(rows)


def test_class_counts_stack_one_bar_per_vintage_in_the_maps_colours():
    figure = class_counts_figure(class_table())
    assert figure.layout.barmode == "stack"
    assert [trace.name for trace in figure.data] == [
        label for label, _ in COTERMINOSITY_CLASSES.values()
    ]
    assert [trace.marker.color for trace in figure.data] == [
        c for _, c in COTERMINOSITY_CLASSES.values()
    ]
    coterminous, *_, undetermined = figure.data
    assert list(coterminous.x) == [36, 81] and list(undetermined.x) == [106, 0]
    assert list(coterminous.y) == [
        "PCT Oct 2006, 44 of 152 bodies<br>36 of 150 coterminous",
        "CCG Apr 2019, 191 bodies<br>81 of 151 coterminous",
    ]


def test_class_counts_label_every_part_with_its_count_in_a_colour_that_reads():
    figure = class_counts_figure(class_table())
    coterminous, contains, spans, overlapping, undetermined = figure.data
    assert list(coterminous.text) == ["36", "81"] and list(contains.text) == ["", "12"]
    assert list(undetermined.text) == ["106", ""]  # an empty part carries no number
    # white on the coterminous green, black on the pale blue and the grey
    assert coterminous.textfont.color == "#ffffff" and spans.textfont.color == "#000000"
    assert undetermined.textfont.color == "#000000"
    for trace in figure.data:
        assert contrast_ratio(trace.textfont.color, trace.marker.color) >= 4.5
    assert figure.layout.uniformtext.mode == "hide"  # a count too wide for its part is hidden


def test_change_by_group_draws_each_councils_change():
    councils = pd.DataFrame(
        {
            "la_name": list("ABCD"),
            "group": [PATHFINDERS] * 2 + ["other councils"] * 2,
            "change": [1.0, 2.0, -1.0, 0.5],
        }
    )
    result = {
        "comparison": {
            "groups": [{"group": PATHFINDERS, "n": 2}, {"group": "other councils", "n": 2}]
        },
        "label": "Rate",
        "unit": "%",
        "period_from": "2016",
        "period_to": "2025",
        "la_vintage": "2023",
    }
    figure = change_by_group_figure(councils, result)
    assert [list(trace.y) for trace in figure.data] == [[1.0, 2.0], [-1.0, 0.5]]
    assert [trace.marker.color for trace in figure.data] == [SAFE[1], SAFE[0]]
    assert figure.data[0].name == "pathfinders (and<br>successors) (n=2)"
