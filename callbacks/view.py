"""One callback keeps the controls, the URL and the `view` store in step.

The link is read on load (and on back/forward); a control or a map click writes the link.
Keeping this in one callback avoids a dependency cycle between the URL and the controls.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html, no_update

from callbacks import data
from callbacks.state import (
    FILTERS,
    View,
    area_from_click,
    indicator_options,
    parse_query,
    period_options,
    settle,
    to_query,
)

CONTROLS = ("vintage", "colour", "theme", "indicator", "period", *FILTERS, "health", "scheme")


def next_view(trigger: str | None, search: str, controls: dict, click, current: dict | None):
    """(view, notes, from_link) after `trigger` changed: the link on load, else the controls."""
    if trigger in (None, "url"):
        view, notes = parse_query(search, data.choices())
        return view, notes, True
    area = current.get("area") if isinstance(current, dict) else None
    if trigger == "map":
        area = area_from_click(click) or area
    asked = View(**{name: controls[name] for name in CONTROLS}, area=area)
    if trigger == "indicator":
        asked = View(**(asked.as_dict() | {"period": None}))
    view, _ = settle(asked, data.choices())
    return view, [], False


def view_outputs(trigger, view: View, notes, from_link: bool, controls: dict, current):
    """The callback's outputs: only what changed is sent (indicator options are large)."""
    choices = data.choices()
    changed = {name: getattr(view, name) != controls[name] or from_link for name in CONTROLS}
    set_control = [getattr(view, name) if changed[name] else no_update for name in CONTROLS]
    theme_changed = trigger == "theme" or (from_link and view.theme != controls["theme"])
    ids = choices.indicators_of(view.theme)
    indicators = (
        indicator_options(data.catalogue().reset_index(), ids) if theme_changed else no_update
    )
    periods = (
        period_options(choices, view.indicator)
        if changed["indicator"] or trigger == "indicator"
        else no_update
    )
    alert = no_update
    if from_link:
        alert = [link_alert(notes)] if notes else []
    new = view.as_dict()
    return (
        no_update if from_link else to_query(view),
        *set_control,
        indicators,
        periods,
        no_update if new == current else new,
        no_update if current and current.get("area") == view.area else view.area,
        alert,
    )


def link_alert(notes: list[str]) -> dbc.Alert:
    lines = [html.Div(note) for note in notes]
    return dbc.Alert(lines, color="warning", dismissable=True, id="link-alert")


@callback(
    Output("url", "search"),
    *(Output(name, "value") for name in CONTROLS),
    Output("indicator", "options"),
    Output("period", "options"),
    Output("view", "data"),
    Output("area", "data"),
    Output("url-alert", "children"),
    Input("url", "search"),
    *(Input(name, "value") for name in CONTROLS),
    Input("map", "clickData"),
    State("view", "data"),
)
def sync_view(search, *values):
    *control_values, click, current = values
    controls = dict(zip(CONTROLS, control_values, strict=True))
    trigger = ctx.triggered_id
    view, notes, from_link = next_view(trigger, search, controls, click, current)
    return view_outputs(trigger, view, notes, from_link, controls, current)
