"""'Your priorities': an uploaded file's councils under the chosen theme as a filter, through the
callbacks (upload, view, filter choices, comparisons), the map's paint, CSV and slide."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pandas as pd
import pytest
from dash.exceptions import PreventUpdate

from callbacks.compare import update_comparison
from callbacks.map import map_csv
from callbacks.own_filter import own_filter_choices
from callbacks.priorities import load_priorities
from callbacks.view import sync_view
from layouts import ids
from serving.data import choices, get_build
from tests.integration.conftest import (
    DEFAULT_CONTROLS,
    control_change,
    linked,
    load_link,
    run_callback,
    stored,
)
from tests.integration.test_comparison import words
from trustmap.export.slides import make_slide
from trustmap.show.map_paint import map_paint
from trustmap.show.outlines import council_order
from trustmap.show.view import parse_query

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

UPLOAD = Path(__file__).resolve().parents[1] / "fixtures" / "priorities_upload.csv"
# The file's early-years councils: Sutton, Croydon, Bexley and Devon were pathfinders (2003);
# Merton, Kingston upon Thames, Lambeth and Cornwall were not.
EARLY_YEARS = (
    "early-years.E06000052.E09000004.E09000008.E09000021.E09000022.E09000024.E09000029.E10000008"
)
EARLY_YEARS_WORDS = "councils your file lists under Early intervention and early years (8)"


def uploaded() -> list[dict]:
    content = base64.b64encode(UPLOAD.read_bytes()).decode()
    data, _ = run_callback(
        load_priorities,
        f"{ids.PRIORITIES_UPLOAD}.contents",
        contents=f"data:text/csv;base64,{content}",
        _clear=None,
        filename=UPLOAD.name,
    )
    return data


def change(control: str, value, current: dict, priorities, prop: str = "value") -> dict:
    controls = DEFAULT_CONTROLS | {name: current[name] or "" for name in DEFAULT_CONTROLS}
    trigger, changed = (
        control_change(control) if control in controls else (f"{control}.{prop}", None)
    )
    return run_callback(
        sync_view,
        trigger,
        link={"search": "", "pathname": "/"},
        controls=controls | ({control: value} if control in controls else {}),
        changed=changed,
        clicked=None,
        found="",
        priorities=priorities,
        current=current,
    )


def filtered_on(priorities) -> dict:
    """The view after choosing the early-years theme, then 'Your priorities'."""
    themed = stored(change(ids.THEME, "early-years", linked(""), priorities), ids.VIEW)
    options, disabled, _ = own_filter_choices(themed, priorities)
    assert disabled is False
    return change(ids.OWN, options[1]["value"], themed, priorities)


def test_the_filter_offers_the_file_s_councils_under_the_chosen_theme():
    data = uploaded()
    assert len(data) == 12
    view = linked("")
    options, disabled, help_text = own_filter_choices(view, None)
    assert (options, disabled) == ([{"label": "All councils", "value": ""}], True)
    assert help_text.startswith("To use it, upload your trusts' priorities")
    options, disabled, help_text = own_filter_choices(view, data)
    assert options[1]["label"] == "Only your file's councils (10)"
    assert help_text.startswith(
        "It keeps the councils your file lists under any theme (10); choose a theme above"
    )
    themed = stored(change(ids.THEME, "early-years", view, data), ids.VIEW)
    options, _, help_text = own_filter_choices(themed, data)
    assert options[1] == {"label": "Only your file's councils (8)", "value": EARLY_YEARS}
    assert help_text.startswith(f"It keeps the {EARLY_YEARS_WORDS}: the map fades the others")


def test_turned_on_it_keeps_the_listed_councils_in_the_link_map_and_comparisons():
    outputs = filtered_on(uploaded())
    view = stored(outputs, ids.VIEW)
    assert view["own"] == EARLY_YEARS
    assert outputs["link"].endswith(f"&o={EARLY_YEARS}")
    assert stored(outputs, ids.COMPARISON_KEY)["own"] == EARLY_YEARS
    assert stored(outputs, ids.TREND_KEY)["own"] == EARLY_YEARS
    settled, _ = parse_query(outputs["link"], choices())
    order = council_order(get_build(), "2019")["la_code"]
    kept = [order[i] for i in map_paint(get_build(), settled)["kept"]]
    assert kept == EARLY_YEARS.split(".")[1:]  # the outlines' order is by code
    comparison = update_comparison(stored(outputs, ids.COMPARISON_KEY))
    text = words(comparison["texts"]["pathfinder"])
    assert (
        f"Filtered to {EARLY_YEARS_WORDS} (councils of 2023): 4 pathfinders and 4 other councils"
    ) in text
    assert words(comparison["texts"]["coterminous"]).count(EARLY_YEARS_WORDS) == 1
    items = comparison["exports"]["pathfinder"].children
    png = next(item for item in items if item.id == ids.export_link("pathfinder", "png"))
    assert png.href.endswith(f"o={EARLY_YEARS}")


def test_the_map_csv_and_slide_hold_the_same_councils():
    view, _ = parse_query(f"?v=2019&t=early-years&o={EARLY_YEARS}", choices())
    table = pd.read_csv(io.StringIO(map_csv(view)))
    assert sorted(table["la_name"]) == [
        "Bexley",
        "Cornwall",
        "Croydon",
        "Devon",
        "Kingston upon Thames",
        "Lambeth",
        "Merton",
        "Sutton",
    ]
    subtitle = make_slide(get_build(), "map", view).figure.layout.title.subtitle.text
    assert subtitle == (
        f"Filters: {EARLY_YEARS_WORDS}. 8 of 151 councils kept; the others are faded."
    )


def test_a_new_theme_lists_again_and_a_theme_the_file_lacks_turns_it_off():
    data = uploaded()
    on = stored(filtered_on(data), ids.VIEW)
    send = change(ids.THEME, "send", on, data)
    assert stored(send, ids.VIEW)["own"] == "send.E06000014.E09000024.E09000029"
    assert send["controls"][ids.OWN] == "send.E06000014.E09000024.E09000029"
    off = change(ids.THEME, "mental-health", on, data)
    assert stored(off, ids.VIEW)["own"] is None and "&o=" not in off["link"]
    assert words(off["alert"]) == (
        "Your file lists no council under Child and adolescent mental health, so the 'Your "
        "priorities' filter is off."
    )


def test_forgetting_the_file_turns_the_filter_off():
    on = stored(filtered_on(uploaded()), ids.VIEW)
    cleared, _ = run_callback(
        load_priorities,
        f"{ids.PRIORITIES_CLEAR}.n_clicks",
        contents=None,
        _clear=1,
        filename=None,
    )
    assert cleared is None
    outputs = change(ids.PRIORITIES_STORE, cleared, on, cleared, prop="data")
    assert stored(outputs, ids.VIEW)["own"] is None
    assert outputs["controls"][ids.OWN] == ""
    assert stored(outputs, ids.COMPARISON_KEY)["own"] is None
    assert "Your priorities file is not loaded any more" in words(outputs["alert"])


def test_a_link_with_the_list_works_without_the_file_and_says_where_it_came_from():
    outputs = load_link(f"?v=2019&t=early-years&o={EARLY_YEARS}")
    view = stored(outputs, ids.VIEW)
    assert outputs["controls"][ids.OWN] == EARLY_YEARS
    options, disabled, help_text = own_filter_choices(view, None)
    assert disabled is False
    assert options[1] == {"label": "Only the link's councils (8)", "value": EARLY_YEARS}
    assert help_text.startswith(
        "This filter came from the link you opened: it keeps the councils that link lists under "
        "Early intervention and early years (8), without your file."
    )
    # Without the file a theme change cannot list again: the link's list stays, named by its theme.
    assert stored(change(ids.THEME, "send", view, None), ids.VIEW)["own"] == EARLY_YEARS


def test_a_file_changes_nothing_while_the_filter_is_off():
    # The session store also fires as a page mounts, before the controls hold the link's values.
    with pytest.raises(PreventUpdate):
        change(ids.PRIORITIES_STORE, uploaded(), linked(""), uploaded(), prop="data")


def test_a_link_s_unknown_codes_are_named_and_left_out():
    outputs = load_link("?o=send.E09000029.E99999999.E09000024")
    assert stored(outputs, ids.VIEW)["own"] == "send.E09000024.E09000029"
    assert "unknown council codes 'E99999999'" in words(outputs["alert"])
