"""The map: a full figure when the vintage (so the geometry) changes, else a Patch of colours."""

from __future__ import annotations

import hashlib
import json

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, Patch, State, callback, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks import data
from callbacks.state import FILTERS, HEALTH_OVERLAYS, View
from trustmap import analysis, figures
from trustmap.sources import source_line

DISTRICTS_FILE = "boundaries/england_ltla_2016_bsc.geojson"
CCG_FILES = ("boundaries/england_ccg_2019.geojson", "boundaries/lookup_lsoa11_ccg19_lad19_ons.csv")
PATHFINDER_SOURCE = (
    'Pathfinders: the 35 announced in July 2003 (Community Care, "Children\'s Trusts").'
)
FEW_VALUES_SHARE = 0.9  # below this share of councils with a value, say why the map is grey


def drawn_key(view: dict) -> dict:
    """What the map shows of a view: outside indicator mode the indicator does not change it."""
    key = {"vintage": view["vintage"], "colour": view["colour"], "area": view["area"]}
    key |= {name: view.get(name) for name in (*FILTERS, "health")}
    if view["colour"] == "indicator":
        key |= {name: view.get(name) for name in ("indicator", "period", "scheme")}
    return key


def colouring_for(view: dict) -> tuple[figures.Colouring, list, str]:
    """The map's colouring of a view, alerts about missing data, and its source line."""
    vintage = view["vintage"]
    councils = data.councils(vintage)
    in_force = f"Councils as in force from {vintage} ({len(councils)})."
    if view["colour"] == "pathfinder":
        colouring = figures.pathfinder_colouring(data.pathfinders(vintage))
        return colouring, [], f"{source_line(DISTRICTS_FILE)} {PATHFINDER_SOURCE} {in_force}"
    if view["colour"] == "coterminosity":
        colouring = figures.coterminosity_colouring(data.coterminosity(vintage), data.HEALTH_LABEL)
        return colouring, [], f"{source_line(DISTRICTS_FILE, *CCG_FILES)} {in_force}"
    meta = data.catalogue().loc[view["indicator"]]
    build = data.get_build()
    values = analysis.council_values(build, view["indicator"], view["period"], vintage)
    colouring = figures.indicator_colouring(
        councils,
        values,
        meta["label"],
        meta["unit"],
        scheme=view.get("scheme") or "quantiles",
        polarity=meta["polarity"],
    )
    alerts = indicator_alerts(view, len(values.dropna()), len(councils), meta["label"])
    source = f"{source_line(DISTRICTS_FILE, meta['source_file'])} {in_force}"
    return colouring, alerts, source


def indicator_alerts(view: dict, with_value: int, councils: int, label: str) -> list:
    """Say when the indicator's data are for other councils than the vintage shown."""
    try:
        own = analysis.data_vintage(data.get_build(), view["indicator"], view["period"])
    except analysis.UnknownChoiceError:
        own = None
    if own == view["vintage"] and with_value >= FEW_VALUES_SHARE * councils:
        return []
    shown = (
        f"{label}, {view['period']}: {with_value} of the {councils} councils of {view['vintage']}"
    )
    if own is None:
        text = f"{shown} have a value: it has no council values for this period."
    elif with_value == 0:
        text = (
            f"{shown} have a value: its data are for the councils of {own}; choose vintage {own}."
        )
    else:
        text = (
            f"{shown} have a value. Its data are for the councils of {own}: councils whose area "
            f"changed are grey, never apportioned. Choose vintage {own} to see them all."
        )
    colour = "warning" if with_value == 0 else "info"
    return [dbc.Alert(text, color=colour, id="map-data-alert", className="py-2 mb-2 small")]


SELECTION = ("area", *FILTERS)


def colour_key(drawn: dict) -> dict:
    """The part of a drawn key that sets colours (the rest fades councils or adds outlines)."""
    return {k: v for k, v in drawn.items() if k not in {"health", *SELECTION}}


def selection_key(drawn: dict) -> dict:
    """The part of a drawn key that says which councils stand out."""
    return {name: drawn.get(name) for name in SELECTION}


def health_trace(health: str):
    return figures.health_outline(data.health_geojson(health), HEALTH_OVERLAYS[health])


def patch_health_overlay(figure: Patch, shown: str | None, wanted: str | None) -> None:
    """Add, replace or remove the health outline (the map's third trace) in a Patch."""
    if wanted is None:
        del figure["data"][2]
    elif shown is None:
        figure["data"].append(health_trace(wanted))
    else:
        figure["data"][2] = health_trace(wanted)


def highlighted_councils(view: dict) -> list[str] | None:
    """The selected council, else the councils the filters keep; None when nothing is."""
    if view["area"]:
        return [view["area"]]
    council_filter = View(**view).council_filter()
    if not council_filter.active:
        return None
    return analysis.filter_councils(data.get_build(), view["vintage"], council_filter, data.HEALTH)


def map_update(view: dict, drawn: dict | None):
    """(figure or Patch, drawn key, alerts, source line) for a view; nothing if unchanged.

    The whole figure is sent only when the vintage, so the geometry, changes; otherwise a
    Patch carries the colours, or just the selection.
    """
    key = drawn_key(view)
    if key == drawn:
        raise PreventUpdate
    colouring, alerts, source = colouring_for(view)
    highlighted = highlighted_councils(view)
    selected = figures.selected_points(colouring, highlighted)
    if drawn is None or drawn["vintage"] != view["vintage"]:
        status = data.pathfinders(view["vintage"])
        figure = figures.council_map(
            data.council_geojson(view["vintage"]),
            colouring,
            status.loc[status["pathfinder"], "la_code"],
            highlighted,
        )
        if view.get("health"):
            figure.add_trace(health_trace(view["health"]))
        return figure, key, alerts, source
    figure = Patch()
    if selection_key(drawn) != selection_key(key):
        figure["data"][0]["selectedpoints"] = selected
    if drawn.get("health") != key["health"]:
        patch_health_overlay(figure, drawn.get("health"), key["health"])
    if colour_key(drawn) == colour_key(key):
        return figure, key, no_update, no_update
    for name, value in figures.colouring_properties(colouring).items():
        figure["data"][0][name] = value
    return figure, key, alerts, no_update if same_source(drawn, key) else source


def same_source(drawn: dict, key: dict) -> bool:
    """Whether the map's source line stays as it is (same colouring, vintage and source file)."""
    if (drawn["colour"], drawn["vintage"]) != (key["colour"], key["vintage"]):
        return False
    if key["colour"] != "indicator":
        return True
    files = data.catalogue()["source_file"]
    return files.get(drawn["indicator"]) == files.get(key["indicator"])


def map_table(view: dict) -> pd.DataFrame:
    """The map's table twin: each council with its class (and value), and the source line."""
    colouring, _, source = colouring_for(view)
    table = colouring.frame.assign(
        vintage=view["vintage"],
        **{"class": colouring.frame["class_index"].map(dict(enumerate(colouring.labels)))},
    )
    if view["colour"] == "indicator":
        values = analysis.council_values(
            data.get_build(), view["indicator"], view["period"], view["vintage"]
        )
        table = table.assign(
            indicator=view["indicator"], period=view["period"], value=table["la_code"].map(values)
        )
    columns = ["la_code", "la_name", "vintage", "class", "detail"]
    extra = ["indicator", "period", "value"] if view["colour"] == "indicator" else []
    return table[columns + extra].assign(source=source)


@callback(
    Output("map-download", "data"),
    Input("map-download-button", "n_clicks"),
    State("view", "data"),
    prevent_initial_call=True,
)
def download_map_table(_, view):
    name = f"trustmap_{view['colour']}_{view['vintage']}.csv"
    return dcc.send_data_frame(map_table(view).to_csv, name, index=False)


@callback(
    Output("map", "figure"),
    Output("map-drawn", "data"),
    Output("map-alert", "children"),
    Output("map-source", "children"),
    Output("map-done", "data"),
    Input("view", "data"),
    State("map-drawn", "data"),
)
def update_map(view, drawn):
    """The map first; `map-done` (a short token of the view) then starts the charts below it,
    which read the view itself, so a change recolours the map before the slower charts compete
    with it for the server."""
    if not view:
        raise PreventUpdate
    done = view_token(view)
    try:
        return (*map_update(view, drawn), done)
    except PreventUpdate:
        return no_update, no_update, no_update, no_update, done


def view_token(view: dict) -> str:
    """A short fingerprint of a view: it changes whenever the view does."""
    return hashlib.blake2s(json.dumps(view, sort_keys=True).encode(), digest_size=6).hexdigest()
