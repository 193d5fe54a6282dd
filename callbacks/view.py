"""One callback keeps the controls, the link and the view stores in step.

The link is read on load (and on back/forward); a control or a map click writes the link.
Keeping this in one callback avoids a dependency cycle between the link and the controls. The
narrower stores (`comparison-key`, `trend-key`) change only when what they hold does, so the
charts that read them fire only then.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.data import choices, get_build
from callbacks.own_filter import asked_own
from layouts import ids
from layouts.controls import search_options
from trustmap.model.council_search import find_council, search_entries
from trustmap.show.view import (
    FILTERS,
    View,
    indicator_options,
    parse_query,
    period_options,
    settle,
    shown,
    to_query,
)

COMPARISON_FIELDS = ("indicator", "period", *FILTERS, "nhs", "own")
TREND_FIELDS = ("indicator", *FILTERS, "nhs", "own")
# The council panel's facts and charts follow the council's place; its neighbours also follow
# the indicator, so an indicator change with a council selected reaches only them.
PANEL_FIELDS = ("area", "vintage", "nhs")
PANEL_INDICATOR_FIELDS = ("area", "indicator", "period")
OWN_FIELDS = ("theme", "own")


CLICKABLE = (ids.MAP_FILL, ids.INSET_FILL)
# Choosing either of these means "colour the map by it".
INDICATOR_CHOICES = (ids.THEME, ids.INDICATOR, ids.PERIOD)


def area_from_click(click_data: dict | None) -> str | None:
    """The council code of a click on a map's council layer (the clicked GeoJSON feature)."""
    properties = click_data.get("properties") if isinstance(click_data, dict) else None
    code = properties.get("la_code") if isinstance(properties, dict) else None
    return code if isinstance(code, str) else None


def asked_area(trigger: str | None, clicks: dict, found, vintage, current) -> tuple:
    """(council asked for, notes): a map click, the council the search's text names (None when
    cleared), else the one already selected."""
    if trigger in CLICKABLE:
        return area_from_click(clicks[trigger]), []
    if trigger == ids.SEARCH:
        text = found if isinstance(found, str) else ""
        vintage = vintage if vintage in choices().vintages else choices().default_view().vintage
        area = find_council(search_entries(get_build(), vintage), text)
        missed = text.strip() and area is None
        return area, [f"No council of {vintage} matches '{shown(text)}'."] if missed else []
    return (current.get("area") if isinstance(current, dict) else None), []


def next_view(
    trigger: str | None, search, controls: dict, clicks: dict, found, current, priorities
) -> tuple:
    """(view, notes, from_link) after `trigger` changed: the link on load, else the controls
    (a native select's empty choice, "", keeps all: None) and the priorities file."""
    if trigger in (None, ids.URL):
        view, notes = parse_query(search, choices())
        return view, notes, True
    controls = {name: value if value != "" else None for name, value in controls.items()}
    area, notes = asked_area(trigger, clicks, found, controls[ids.VINTAGE], current)
    own, own_notes = asked_own(trigger, controls[ids.OWN], priorities, controls[ids.THEME])
    asked = controls | {ids.OWN: own, "area": area}
    if trigger in INDICATOR_CHOICES:
        asked["colour"] = "indicator"
    if trigger in (ids.THEME, ids.INDICATOR):  # the latest period of the new indicator
        asked["period"] = None
    if trigger == ids.VINTAGE:  # the NHS geography follows the councils unless chosen after
        asked["nhs"] = None
    view, _ = settle(asked, choices())
    return view, notes + own_notes, False


def unless_same(new: dict, current, fields: tuple[str, ...]) -> object:
    """`new`'s `fields`, or no_update when the current view has the same (so nothing that reads
    them fires); the current view comes from the browser and may be anything."""
    part = {name: new[name] for name in fields}
    if isinstance(current, dict) and {name: current.get(name) for name in fields} == part:
        return no_update
    return part if len(fields) > 1 else part[fields[0]]


def panel_key(view, fields: tuple[str, ...]) -> dict:
    """The `fields` of a view the council panel shows: nothing while no council is selected,
    so a recolouring of the map does not reach the panel."""
    if not isinstance(view, dict) or not view.get("area"):
        return {}
    return {name: view.get(name) for name in fields}


def changed_panel_key(new: dict, current, fields: tuple[str, ...]) -> object:
    """The panel's key of `fields` in the new view, or no_update when the current view's is
    the same."""
    key = panel_key(new, fields)
    return key if key != panel_key(current, fields) else no_update


def view_outputs(trigger, view: View, notes, from_link: bool, controls: dict, current) -> dict:
    """The callback's outputs: only what changed is sent (indicator options are large)."""
    new = view.as_dict()
    theme_changed = trigger == ids.THEME or (from_link and view.theme != controls["theme"])
    indicator_changed = trigger == ids.INDICATOR or view.indicator != controls["indicator"]
    return {
        "link": no_update if from_link else to_query(view),
        "controls": {
            name: (new[name] or "") if from_link or new[name] != (value or None) else no_update
            for name, value in controls.items()
        },
        "indicator_options": indicator_options(
            get_build()["indicator_catalogue"], choices().indicators_of(view.theme)
        )
        if theme_changed
        else no_update,
        "period_options": period_options(choices(), view.indicator)
        if indicator_changed or from_link
        else no_update,
        "view": no_update if new == current else new,
        "area": unless_same(new, current, ("area",)),
        "nhs": unless_same(new, current, ("nhs",)),
        "own_key": unless_same(new, current, OWN_FIELDS),
        "comparison_key": unless_same(new, current, COMPARISON_FIELDS),
        "trend_key": unless_same(new, current, TREND_FIELDS),
        "panel_key": changed_panel_key(new, current, PANEL_FIELDS),
        "panel_indicator_key": changed_panel_key(new, current, PANEL_INDICATOR_FIELDS),
        "alert": [link_alert(notes)] if notes else [] if from_link else no_update,
        "search_options": search_options(get_build(), view.vintage)
        if from_link or trigger == ids.VINTAGE
        else no_update,
    }


def link_alert(notes: list[str]) -> dbc.Alert:
    lines = [html.Div(note) for note in notes]
    return dbc.Alert(lines, color="warning", dismissable=True, id=ids.LINK_ALERT)


@callback(
    output={
        "link": Output(ids.URL, "search"),
        "controls": {name: Output(name, "value") for name in ids.CONTROLS},
        "indicator_options": Output(ids.INDICATOR, "options"),
        "period_options": Output(ids.PERIOD, "options"),
        "view": Output(ids.VIEW, "data"),
        "area": Output(ids.AREA, "data"),
        "nhs": Output(ids.ERA_NHS, "data"),
        "own_key": Output(ids.OWN_KEY, "data"),
        "comparison_key": Output(ids.COMPARISON_WANTED, "data"),
        "trend_key": Output(ids.TREND_WANTED, "data"),
        "panel_key": Output(ids.PANEL_KEY, "data"),
        "panel_indicator_key": Output(ids.PANEL_INDICATOR_KEY, "data"),
        "alert": Output(ids.URL_ALERT, "children"),
        "search_options": Output(ids.SEARCH_OPTIONS, "children"),
        "found": Output(ids.SEARCH, "value"),
    },
    inputs={
        "search": Input(ids.URL, "search"),
        "controls": {name: Input(name, "value") for name in ids.CONTROLS},
        "clicks": {layer: Input(layer, "clickData") for layer in CLICKABLE},
        "found": Input(ids.SEARCH, "value"),
        "priorities": Input(ids.PRIORITIES_STORE, "data"),
    },
    state={"current": State(ids.VIEW, "data")},
)
def sync_view(search, controls, clicks, found, priorities, current):
    trigger = ctx.triggered_id
    # A file changes nothing while its filter is off; and the session store also fires as the
    # page mounts with a file from earlier in this tab, when the controls may not yet hold the
    # link's values: reading them then would overwrite the link.
    if trigger == ids.PRIORITIES_STORE and not controls[ids.OWN]:
        raise PreventUpdate
    view, notes, from_link = next_view(
        trigger, search, controls, clicks, found, current, priorities
    )
    outputs = view_outputs(trigger, view, notes, from_link, controls, current)
    label = search_label(view)
    return outputs | {"found": label if label != found else no_update}


def search_label(view: View) -> str:
    """What the search field shows: the selected council's label, or nothing."""
    if view.area is None:
        return ""
    entries = search_entries(get_build(), view.vintage).set_index("la_code")["label"]
    return entries.get(view.area, "")
