"""The map: a whole figure when the vintage (so the geometry) changes, else a Patch of colours,
selection or overlay; and the map's table twin as CSV."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, Patch, State, callback, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.cache import cache
from callbacks.data import choices, get_build, view_from_store
from layouts import ids
from layouts.map_section import drawn_key, health_trace, map_figure
from trustmap.colouring import Colouring
from trustmap.map_content import MapContent, highlighted_councils, map_content, map_table
from trustmap.map_figure import colouring_properties, selected_points
from trustmap.view import FILTERS, View

SELECTION = ("area", *FILTERS)


def colour_key(drawn: dict) -> dict:
    """The part of a drawn key that sets colours (the rest fades councils or adds outlines)."""
    return {k: v for k, v in drawn.items() if k not in {"health", *SELECTION}}


def selection_key(drawn: dict) -> dict:
    """The part of a drawn key that says which councils stand out."""
    return {name: drawn.get(name) for name in SELECTION}


def data_alert(content: MapContent) -> list:
    if content.note is None:
        return []
    return [
        dbc.Alert(
            content.note, color=content.level, id=ids.MAP_DATA_ALERT, className="py-2 mb-2 small"
        )
    ]


def patch_health_overlay(figure: Patch, shown: str | None, wanted: str | None) -> None:
    """Add, replace or remove the health outline (the map's third trace) in a Patch."""
    if wanted is None:
        del figure["data"][2]
        return
    trace = health_trace(get_build(), wanted, choices().health_overlays[wanted])
    if shown is None:
        figure["data"].append(trace)
    else:
        figure["data"][2] = trace


def selection_patch(figure: Patch, colouring: Colouring, view: View) -> None:
    figure["data"][0]["selectedpoints"] = selected_points(
        colouring, highlighted_councils(get_build(), view)
    )


def map_update(view: View, drawn: dict | None) -> dict:
    """The map's outputs for a (settled) view; PreventUpdate when it shows the same.

    The whole figure is sent only when the vintage, so the geometry, changes; otherwise a
    Patch carries the colours, or just the selection.
    """
    key = drawn_key(view)
    if key == drawn:
        raise PreventUpdate
    content = map_content(get_build(), view)
    outputs = {"drawn": key, "alert": data_alert(content), "source": content.source}
    if not isinstance(drawn, dict) or drawn.get("vintage") != view.vintage:
        return outputs | {"figure": map_figure(get_build(), choices(), view)}
    figure = Patch()
    if selection_key(drawn) != selection_key(key):
        selection_patch(figure, content.colouring, view)
    if drawn.get("health") != key["health"]:
        patch_health_overlay(figure, drawn.get("health"), key["health"])
    if colour_key(drawn) == colour_key(key):
        return outputs | {"figure": figure, "alert": no_update, "source": no_update}
    for name, value in colouring_properties(content.colouring).items():
        figure["data"][0][name] = value
    return outputs | {"figure": figure}


@callback(
    output={
        "figure": Output(ids.MAP, "figure"),
        "drawn": Output(ids.MAP_DRAWN, "data"),
        "alert": Output(ids.MAP_ALERT, "children"),
        "source": Output(ids.MAP_SOURCE, "children"),
    },
    inputs={"view": Input(ids.VIEW, "data")},
    state={"drawn": State(ids.MAP_DRAWN, "data")},
)
def update_map(view, drawn):
    return map_update(view_from_store(view), drawn)


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
