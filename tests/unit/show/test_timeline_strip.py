"""The coterminosity strip of one council, on a hand-made timeline (no bundle)."""

from __future__ import annotations

import math

import pandas as pd

from trustmap.show.timeline_strip import strip_figure, strip_source, strip_table

VINTAGES = pd.DataFrame(
    {
        "id": ["pct2006", "ccg2019", "icb2022", "sicbl2022"],
        "label": ["PCT October 2006", "CCG April 2019", "ICB July 2022", "sub-ICB July 2022"],
        "publisher": ["Compiled", "ONS; ONS / NHS England", "ONS", "ONS"],
        "source": ["pct file", "ccg file", "icb file", "sicbl file"],
    }
)


def timeline() -> pd.DataFrame:
    """A borough coterminous with its CCG in 2019, one part of larger bodies from 2022, its
    2006 ground held by two councils then (listed out of date order, as a merge might)."""
    return pd.DataFrame(
        {
            "health": ["icb2022", "pct2006", "ccg2019", "sicbl2022"],
            "kind": ["ICB", "PCT", "CCG", "sub-ICB location"],
            "date": ["2022-07-01", "2006-10-01", "2019-04-01", "2022-07-01"],
            "class": [
                "health_spans_several",
                "area_changed",
                "coterminous",
                "health_spans_several",
            ],
            "bodies": ["NHS South West London ICB", "", "NHS Sutton CCG", "SWL - 36L;Other"],
            "share_of_la_max": [1.0, math.nan, 1.0, 0.6],
            "method": ["membership", "pct_members", "membership", "membership"],
            "note": ["", "area changed: ground in A (1), B (2)", "", ""],
        }
    )


def test_table_orders_by_date_and_names_rows_classes_and_bodies():
    table = strip_table(timeline(), VINTAGES)
    # Written out, not read from STRIP_COLUMNS: the health vintage, its name, date, year and
    # row of the strip, the timeline's class (code and the map's words), bodies, share,
    # method and note, then the vintage's publisher and source (the VINTAGES columns).
    assert list(table) == [
        "health",
        "label",
        "date",
        "year",
        "row",
        "class",
        "class_label",
        "bodies",
        "share_of_la_max",
        "method",
        "note",
        "publisher",
        "source",
    ]
    assert table["health"].tolist() == ["pct2006", "ccg2019", "icb2022", "sicbl2022"]
    assert table["year"].tolist() == ["2006", "2019", "2022", "2022"]
    assert table["row"].tolist() == ["local", "local", "icb", "local"]
    assert table["class_label"].tolist()[:2] == [
        "area changed (another council then)",
        "coterminous",
    ]
    assert table.at[3, "bodies"] == "SWL - 36L, Other"
    assert table.at[1, "source"] == "ccg file"


def test_figure_draws_one_cell_per_vintage_in_the_map_colours():
    table = strip_table(timeline(), VINTAGES)
    figure = strip_figure(table, council="Sutton", selected="ccg2019")
    *classes, outline = figure.data
    by_name = {trace.name: trace for trace in classes}
    assert list(by_name) == [
        "coterminous",
        "health area spans several councils",
        "area changed (another council then)",
    ]
    assert by_name["coterminous"].marker.color == "rgb(17, 119, 51)"  # the map's green
    spans = by_name["health area spans several councils"]
    assert list(spans.x) == ["2022", "2022"] and list(spans.base) == [1, 0]  # ICB above
    assert "NHS Sutton CCG" in by_name["coterminous"].hovertext[0]
    changed = by_name["area changed (another council then)"]
    assert "area changed: ground in A (1), B (2)" in changed.hovertext[0]
    # the view's vintage outlined by an unfilled cell over it, left out of the key
    assert (list(outline.x), list(outline.base)) == (["2019"], [0])
    assert outline.marker.line.width == 3 and outline.showlegend is False
    assert list(figure.layout.xaxis.categoryarray) == ["2006", "2019", "2022"]


def test_source_names_each_publisher_once_and_the_span():
    table = strip_table(timeline(), VINTAGES)
    assert strip_source(table) == (
        "Source: Compiled; ONS; ONS / NHS England: PCT October 2006 to sub-ICB July 2022 "
        "(4 NHS geographies; each one's file in the table). Classes computed by trustmap. "
        "Open Government Licence v3.0."
    )


def test_figure_text_is_at_least_12_px_and_the_title_wraps_whole():
    table = strip_table(timeline(), VINTAGES)
    figure = strip_figure(table, council="Westmorland and Furness", selected="ccg2019")
    layout = figure.layout
    sizes = [layout.title.font.size, layout.legend.font.size]
    sizes += [layout.xaxis.tickfont.size, layout.yaxis.tickfont.size]
    assert min(sizes) >= 12
    lines = layout.title.text.split("<br>")
    assert (
        " ".join(lines) == "Westmorland and Furness: coterminosity with its NHS bodies, 2006-2022"
    )
    assert max(len(line) for line in lines) <= 44  # a phone's width at 15 px
    assert list(layout.yaxis.ticktext) == ["Commissioner", "Integrated<br>care board"]


def test_hover_says_how_the_class_was_found_in_words():
    table = strip_table(timeline(), VINTAGES)
    hovers = [
        text for trace in strip_figure(table, council="S").data[:-1] for text in trace.hovertext
    ]
    assert any("found by member districts of each PCT" in text for text in hovers)
    assert not any("pct_members" in text or "membership" in text for text in hovers)
