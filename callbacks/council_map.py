"""The map: a clientside callback fetches a view's paint and restyles it in the browser
(assets/trustmap_map.js); the server only answers the paint's URL (`callbacks.map_files`) and
the map's table twin as CSV."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc

from callbacks.cache import cache
from callbacks.data import get_build, view_from_store
from layouts import ids
from trustmap.show.map_content import map_table
from trustmap.show.view import View

LAYERS = (ids.MAP_FILL, ids.MAP_OUTLINES, ids.INSET_FILL, ids.INSET_OUTLINES)

clientside_callback(
    ClientsideFunction("trustmapMap", "paint"),
    [Output(layer, "hideout") for layer in LAYERS]
    + [Output(layer, "url") for layer in LAYERS]
    + [
        Output(ids.MAP_HEALTH, "children"),
        Output(ids.INSET_HEALTH, "children"),
        Output(ids.MAP_LEGEND, "children"),
        Output(ids.MAP_ALERT, "children"),
        Output(ids.MAP_SOURCE, "children"),
        Output(ids.MAP, "viewport"),
        Output(ids.MAP_DRAWN, "data"),
    ],
    Input(ids.VIEW, "data"),
    State(ids.MAP_CONFIG, "data"),
    State(ids.MAP_DRAWN, "data"),
    State(ids.MAP_FILL, "hideout"),
)


@cache.memoize()
def map_csv(view: View) -> str:
    return map_table(get_build(), view).to_csv(index=False)


@callback(
    Output(ids.MAP_DOWNLOAD, "data"),
    Input(ids.MAP_DOWNLOAD_BUTTON, "n_clicks"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def download_map_table(_, view):
    view = view_from_store(view)
    return dcc.send_string(map_csv(view), f"trustmap_{view.colour}_{view.vintage}.csv")
