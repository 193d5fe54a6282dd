"""The view callback's pure parts (callbacks/view.py): the council of a page's address, the
page a view belongs on, and which control the browser says a person changed."""

from __future__ import annotations

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from callbacks.view import address, area_from_click, changed_control, council_of_page
from layouts import ids
from trustmap.show.view import View

SUTTON = "E09000029"
DEVON = "E10000008"


def view_of(area: str | None) -> View:
    return View("2019", "pathfinder", None, "iod2019-imd-average-score", "2019", area=area)


@pytest.mark.parametrize(
    ("pathname", "code"),
    [
        (f"/council/{SUTTON}", SUTTON),
        (f"/council/{SUTTON}/", SUTTON),
        ("/council/", None),
        ("/council", None),  # the list of councils, not a council's page
        ("/", None),
        ("/compare", None),
        (f"/councils/{SUTTON}", None),
        (None, None),
        (5, None),
        ({"pathname": f"/council/{SUTTON}"}, None),
    ],
)
def test_the_council_of_a_page_s_address(pathname, code):
    assert council_of_page(pathname) == code


@pytest.mark.parametrize(
    ("clicked", "code"),
    [
        ({"code": SUTTON, "at": 1733400000}, SUTTON),
        ({"code": 5, "at": 1}, None),
        ({"at": 1}, None),
        (SUTTON, None),
        (None, None),
    ],
)
def test_the_council_of_a_click(clicked, code):
    assert area_from_click(clicked) == code


@pytest.mark.parametrize("pathname", ["/compare", "/council", "/nhs", "/era", "/about"])
def test_a_council_found_from_a_page_other_than_the_map_opens_its_page(pathname):
    assert address(ids.SEARCH, pathname, view_of(SUTTON)) == f"/council/{SUTTON}"


def test_on_the_map_a_found_or_clicked_council_stays_on_the_map():
    assert address(ids.SEARCH, "/", view_of(SUTTON)) is no_update
    assert address(ids.CLICKED, "/", view_of(SUTTON)) is no_update


def test_only_a_search_moves_to_a_council_s_page():
    for trigger in (ids.CLICKED, ids.INDICATOR, ids.VINTAGE, None):
        assert address(trigger, "/compare", view_of(SUTTON)) is no_update, trigger


def test_a_council_page_follows_the_council_selected_whatever_selected_it():
    for trigger in (ids.SEARCH, ids.CLICKED, ids.INDICATOR):
        assert address(trigger, f"/council/{SUTTON}", view_of(DEVON)) == f"/council/{DEVON}"


def test_a_council_page_stays_while_its_council_is_selected_or_none_is():
    assert address(ids.INDICATOR, f"/council/{SUTTON}", view_of(SUTTON)) is no_update
    assert address(ids.SEARCH, f"/council/{SUTTON}", view_of(SUTTON)) is no_update
    assert address(ids.SEARCH, f"/council/{SUTTON}", view_of(None)) is no_update
    assert address(ids.SEARCH, "/compare", view_of(None)) is no_update


def test_the_first_control_changed_is_the_trigger():
    changed = {"controls": [ids.INDICATOR, ids.PERIOD], "at": 1}
    assert changed_control(changed) == ids.INDICATOR


@pytest.mark.parametrize(
    "changed",
    [None, {}, {"controls": []}, {"controls": "indicator"}, {"controls": ["nope"]}, [1]],
)
def test_a_change_naming_no_control_changes_nothing(changed):
    with pytest.raises(PreventUpdate):
        changed_control(changed)
