"""The dashboard's pages (Dash Pages): each at a stable address, drawn from the view its link
carries, so a page shows what it should the moment it opens.

`register()` registers them with Dash; every page's layout is `routed`: Dash Pages asks for a
page again whenever the link's query changes, and the page already shown stays (the view
callback updates its parts in place; a map is never drawn twice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import dash
from dash import State, dcc, html, no_update

from layouts import about, compare, council, era, nhs
from layouts import map as council_map
from layouts.view_stores import page_stores
from serving.data import choices, get_build
from trustmap.model.council_search import council_name
from trustmap.show.view import View, parse_query, settle

__all__ = ["PAGES", "SHOWN", "SITE", "Page", "linked_view", "register"]

SITE = "trustmap"
DRAWING_AFTER_MS = 400  # a change quicker than this redraws in place
# What the page shown is called (Dash Pages keeps its title in this store): the routing
# callback reads it to keep the page shown when only the query changed.
SHOWN = {"shown": State("_pages_store", "data")}


@dataclass(frozen=True)
class Page:
    """One page: its name (the module and its ids), address, navigation label, whether it is
    wide (no controls beside it) and what it draws for a view (and the address's council)."""

    name: str
    path: str
    label: str
    draw: Callable[..., object]
    wide: bool = False
    in_navigation: bool = True
    path_template: str | None = None

    def title(self, code: str | None = None) -> str:
        if self.path_template is None:
            return f"{self.label} · {SITE}"
        name = council_name(get_build(), code) if code else None
        return f"{name or 'No such council'} · {SITE}"


def map_page(view: View):
    return council_map.page(get_build(), choices(), view)


PAGES = (
    Page("map", "/", "Map", map_page),
    Page("councils", "/council", "Councils", lambda view: council.list_page(get_build(), view)),
    Page(
        "council",
        "/council/<code>",
        "Council",
        lambda view, code: council.page(get_build(), view, code),
        wide=True,
        in_navigation=False,
        path_template="/council/<code>",
    ),
    Page("compare", "/compare", "Compare groups", lambda view: compare.page(get_build(), view)),
    Page("nhs", "/nhs", "NHS boundaries", lambda view: nhs.page(get_build())),
    Page("era", "/era", "The pathfinder era", lambda view: era.page(get_build())),
    Page("about", "/about", "About the data", lambda view: [about.layout(get_build())], wide=True),
    # Dash Pages answers an unknown address with the page whose name ends "not_found_404".
    Page(
        "not_found_404",
        "/404",
        "No such page",
        lambda view: [
            html.H1("No such page", className="h4"),
            html.P(
                [
                    "This address is not one of trustmap's pages. ",
                    dcc.Link("Go to the map", href="/"),
                    ".",
                ]
            ),
        ],
        wide=True,
        in_navigation=False,
    ),
)


def routed(page: Page) -> Callable[..., object]:
    """The page's layout as Dash Pages calls it (the address's council, the query's fields, the
    page shown): nothing when this page is already shown, else the page for the query's view."""

    def layout(shown=None, code: str | None = None, **query):
        title = page.title(code)
        if isinstance(shown, dict) and shown.get("title") == title:
            return no_update
        view, _ = linked_view("?" + urlencode(query, doseq=True), code)
        drawn = page.draw(view, code) if page.path_template else page.draw(view)
        wide = " trustmap-page-wide" if page.wide else ""
        body = html.Div(
            [*page_stores(view), *drawn], className=f"trustmap-page trustmap-page-{page.name}{wide}"
        )
        return body if page.name == "map" else drawn_whole(body)

    return layout


def linked_view(search: str | None, code: str | None) -> tuple[View, list[str]]:
    """(view, notes) of a link's query; on a council's page, with that council selected."""
    view, notes = parse_query(search, choices())
    if code is None or code == view.area:
        return view, notes
    view, more = settle(view.as_dict() | {"area": code}, choices())
    return view, notes + more


def drawn_whole(body: html.Div) -> dcc.Loading:
    """The page shown once its parts have drawn, not piece by piece as they arrive (nothing
    moves under the reader); until then, and while a change takes longer than a moment, it
    says it is drawing."""
    return dcc.Loading(
        body,
        custom_spinner=html.P("Drawing the page…", role="status", className="trustmap-drawing"),
        show_initially=True,
        delay_show=DRAWING_AFTER_MS,
        overlay_style={"visibility": "hidden"},
        parent_className="trustmap-drawn-whole",
    )


def register() -> None:
    """Register every page with Dash Pages (the app was made with `use_pages=True`)."""
    for page in PAGES:
        dash.register_page(
            page.name,
            path=page.path if page.path_template is None else None,
            path_template=page.path_template,
            name=page.label,
            title=page.title,
            layout=routed(page),
        )
