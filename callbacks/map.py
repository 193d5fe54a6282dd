"""The map page: a view's paint is fetched and shown in the browser (assets/trustmap_map.js), as
soon as a control changes, before the view callback runs (`drawFirst`, from `handOn` in
assets/trustmap_view.js), and again, only if it differs, when the view callback's settled view
arrives (`settled`); the
server only answers the paint's URL (`serving.map_files`), the map's table twin as CSV and the
line naming the selected council. Links that carry the view (the export links, the
navigation) take the page's query in the browser."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback

from callbacks.downloads import download_on_click, send_csv
from layouts import ids
from layouts.common import BRIEFING_FORMATS, EXPORT_FORMATS, briefing_id
from layouts.map import selected_line
from layouts.pages import PAGES
from serving.cache import cache
from serving.data import get_build, view_from_store
from trustmap.show.map_content import map_table
from trustmap.show.view import View

# The layers whose outlines follow the view's vintage.
LAYERS = (
    ids.MAP_FILL,
    ids.MAP_OUTLINES,
    ids.INSET_FILL,
    ids.INSET_OUTLINES,
    ids.MAP_CASING,
    ids.INSET_CASING,
)

clientside_callback(
    ClientsideFunction("trustmapMap", "settled"),
    [Output(layer, "url") for layer in LAYERS]
    + [Output(ids.MAP_HEALTH, "children"), Output(ids.INSET_HEALTH, "children")]
    + [Output(ids.MAP, "viewport"), Output(ids.MAP_DRAWN, "data")],
    Input(ids.VIEW, "data"),
    State(ids.MAP_CONFIG, "data"),
    State(ids.MAP_DRAWN, "data"),
    State(ids.MAP_FILL, "hideout"),
    [State(name, "value") for name in ids.CONTROLS],
)

clientside_callback(
    ClientsideFunction("trustmapMap", "clicked"),
    Output(ids.CLICKED, "data"),
    Input(ids.MAP_FILL, "clickData"),
    Input(ids.INSET_FILL, "clickData"),
    prevent_initial_call=True,
)


@cache.memoize()
def map_csv(view: View) -> str:
    return map_table(get_build(), view).to_csv(index=False)


@download_on_click(ids.MAP_DOWNLOAD_BUTTON, ids.MAP_DOWNLOAD, ids.VIEW)
def download_map_table(_, view):
    return send_csv("map", view_from_store(view), map_csv)


@callback(
    Output(ids.SELECTED, "children"),
    Input(ids.AREA, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def update_selected_line(_area, view):
    return selected_line(get_build(), view_from_store(view))


def links_follow_the_view(link_ids: list[str]) -> None:
    """Each link keeps its path and takes the page's query (assets/trustmap_exports.js)."""
    clientside_callback(
        ClientsideFunction("trustmapExports", "withQuery"),
        *(Output(name, "href") for name in link_ids),
        Input(ids.URL, "search"),
        *(State(name, "href") for name in link_ids),
    )


links_follow_the_view(
    [
        *(ids.export_link("map", fmt) for fmt in EXPORT_FORMATS),
        *(briefing_id(fmt) for fmt in BRIEFING_FORMATS),
    ]
)
links_follow_the_view([ids.nav_link(page.name) for page in PAGES if page.in_navigation])
