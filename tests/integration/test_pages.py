"""The pages as Dash Pages draws them (layouts/pages.py): each from the view its link carries,
its own copies of the view's stores beside it, and nothing drawn again when only the query
changed."""

from __future__ import annotations

import pytest
from dash import dcc, html, no_update
from dash.development.base_component import Component

from layouts import ids
from layouts.pages import PAGES, routed
from layouts.view_stores import STORES

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

SUTTON = "E09000029"
DEVON = "E10000008"
PAGE = {page.name: page for page in PAGES}


def draw(name: str, **query):
    page = PAGE[name]
    return (
        routed(page)(code=query.pop("code", SUTTON), **query)
        if page.path_template
        else (routed(page)(**query))
    )


def body_of(layout) -> html.Div:
    """The page's body: the map page's is its layout, the others' is inside their Loading."""
    return layout.children if isinstance(layout, dcc.Loading) else layout


def stores_of(layout) -> dict:
    return {
        child.id: child.data
        for child in body_of(layout).children
        if isinstance(child, dcc.Store) and child.id in STORES
    }


@pytest.mark.parametrize("name", list(PAGE))
def test_every_page_is_its_stores_then_components(name):
    children = body_of(draw(name)).children
    assert [child.id for child in children[: len(STORES)]] == list(STORES)
    strays = [child for child in children if not isinstance(child, Component)]
    assert strays == []  # e.g. a page's ids, if a component were unpacked into the list


@pytest.mark.parametrize("name", list(PAGE))
def test_a_page_already_shown_is_not_drawn_again(name):
    page = PAGE[name]
    code = SUTTON if page.path_template else None
    shown = {"title": page.title(code)}
    assert routed(page)(shown=shown, **({"code": code} if code else {})) is no_update
    other = {"title": "Somewhere else · trustmap"}
    assert routed(page)(shown=other, **({"code": code} if code else {})) is not no_update


def test_a_page_is_drawn_for_the_view_its_link_carries():
    stores = stores_of(draw("compare", i="lait-fsp-new-gooddev", r="London"))
    assert stores[ids.COMPARISON_KEY]["indicator"] == "lait-fsp-new-gooddev"
    assert stores[ids.COMPARISON_KEY]["period"] == "2025"  # the indicator's latest
    assert stores[ids.COMPARISON_KEY]["region"] == "London"
    assert stores[ids.AREA] is None and stores[ids.PANEL_KEY] == {}


def test_a_council_page_selects_its_council_over_the_query_s():
    stores = stores_of(draw("council", code=SUTTON, a=DEVON, v="2019"))
    assert stores[ids.AREA] == SUTTON
    assert stores[ids.PANEL_KEY] == {"area": SUTTON, "vintage": "2019", "nhs": "ccg2019"}
    assert PAGE["council"].title(SUTTON) == "Sutton · trustmap"


def test_an_unknown_council_s_page_says_so_escaped():
    layout = draw("council", code="<b>E99</b>")
    text = str(body_of(layout))
    assert "No such council" in text and "No council has the code" in text
    assert stores_of(layout)[ids.AREA] is None
    assert PAGE["council"].title("<b>E99</b>") == "No such council · trustmap"


def test_the_map_page_is_drawn_without_a_loading_cover():
    """The map draws at once (its outlines were preloaded); the other pages wait whole."""
    assert not isinstance(draw("map"), dcc.Loading)
    assert all(isinstance(draw(name), dcc.Loading) for name in PAGE if name != "map")
