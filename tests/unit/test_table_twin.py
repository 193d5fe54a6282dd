"""A chart's table twin (layouts.common): an HTML table headed in words, in a named box that
scrolls, never an empty box, and what its CSV button downloads."""

from __future__ import annotations

from layouts import ids
from layouts.common import TWIN_DRAWING, TWIN_EMPTY, table_children, table_twin, twin_outputs

COLUMNS = [{"field": "la_code"}, {"field": "rate", "header": "rate per 1,000"}]


def texts(row) -> list:
    return [cell.children for cell in row.children]


def test_headers_are_the_vocabularys_words_unless_the_column_names_its_own():
    head, _ = table_children(COLUMNS, [])
    assert texts(head.children) == ["Area code", "rate per 1,000"]
    assert {th.scope for th in head.children.children} == {"col"}


def test_cells_show_numbers_as_the_browser_writes_them_and_missing_values_blank():
    _, body = table_children(COLUMNS, [{"la_code": "E1", "rate": 12.0}, {"la_code": "E2"}])
    first, second = body.children
    assert texts(first) == ["E1", "12"]
    assert first.children[1].className == "text-end"
    assert texts(second) == ["E2", None]


def test_yes_and_no_cells_read_as_words():
    _, body = table_children(COLUMNS, [{"la_code": True, "rate": False}])
    assert texts(body.children[0]) == ["yes", "no"]


def test_a_table_without_rows_says_why_across_every_column():
    for rows, note in ((None, TWIN_DRAWING), ([], TWIN_EMPTY)):
        _, body = table_children(COLUMNS, rows)
        (row,) = body.children
        assert row.children.children == note
        assert row.children.colSpan == 2


def test_the_csv_holds_file_name_headers_rows_and_source_once_there_are_rows():
    rows = [{"la_code": "E1", "rate": 1.5}]
    csv = twin_outputs(COLUMNS, rows, file_stem="trend", source="Source: ONS.")["csv"]
    assert csv == {
        "file_name": "trustmap_trend.csv",
        "headers": {"la_code": "Area code", "rate": "rate per 1,000"},
        "rows": rows,
        "source": "Source: ONS.",
    }
    assert twin_outputs(COLUMNS, None, file_stem="trend")["csv"] is None


def test_the_twin_scrolls_in_a_named_box_that_the_keyboard_reaches():
    box, store, button, download = table_twin("before-after", COLUMNS).children
    assert (box.role, box.tabIndex) == ("region", "0")
    assert box.to_plotly_json()["props"]["aria-label"] == "The before after chart as a table"
    assert box.style["overflow"] == "auto"
    assert box.children.id == ids.grid("before-after")
    assert (store.id, store.data) == (ids.grid_rows("before-after"), None)
    assert button.id == ids.grid_download("before-after")
    assert download.id == ids.grid_csv("before-after")
