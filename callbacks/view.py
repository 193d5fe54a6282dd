"""One callback keeps the controls, the link and the view stores in step.

The link is read on load (and on back/forward); a control, a search or a map click writes the
link. Keeping this in one callback avoids a dependency cycle between the link and the controls.
It writes the shell's view stores (`layouts.view_stores`), which each page mirrors.

A control's change reaches it through the browser (`handOn` in assets/trustmap_view.js): on the
map page, the map first shows the paint of the view the controls ask for, then the callback
runs with the controls' values; it writes the controls only where the settled view differs.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from callbacks.own_filter import asked_own
from layouts import ids
from layouts.controls import search_options
from layouts.pages import linked_view
from layouts.view_stores import STORES, shell_id, store_values
from serving.data import choices, get_build
from trustmap.model.council_search import find_council, search_entries
from trustmap.show.view import (
    View,
    indicator_groups,
    period_options,
    settle,
    shown,
    to_query,
)

# Choosing either of these means "colour the map by it".
INDICATOR_CHOICES = (ids.THEME, ids.INDICATOR, ids.PERIOD)
COUNCIL_PAGE = "/council/"


def council_of_page(pathname) -> str | None:
    """The council of a council page's address (`/council/<code>`), else None."""
    if isinstance(pathname, str) and pathname.startswith(COUNCIL_PAGE):
        return pathname.removeprefix(COUNCIL_PAGE).strip("/") or None
    return None


def area_from_click(clicked) -> str | None:
    """The council code of the last click on a map (`{"code": ..., "at": ...}`)."""
    code = clicked.get("code") if isinstance(clicked, dict) else None
    return code if isinstance(code, str) else None


def asked_area(trigger: str | None, clicked, found, vintage, current) -> tuple:
    """(council asked for, notes): a map click, the council the search's text names (None when
    cleared), else the one already selected."""
    if trigger == ids.CLICKED:
        return area_from_click(clicked), []
    if trigger == ids.SEARCH:
        text = found if isinstance(found, str) else ""
        vintage = vintage if vintage in choices().vintages else choices().default_view().vintage
        area = find_council(search_entries(get_build(), vintage), text)
        missed = text.strip() and area is None
        return area, [f"No council of {vintage} matches '{shown(text)}'."] if missed else []
    return (current.get("area") if isinstance(current, dict) else None), []


def address(trigger, pathname, view: View):
    """The page the view belongs on: a council found from a page other than the map opens its
    page, and a council page follows the council selected; else the page stays."""
    code = council_of_page(pathname)
    if view.area and (code or (trigger == ids.SEARCH and pathname != "/")):
        return COUNCIL_PAGE + view.area if view.area != code else no_update
    return no_update


def next_view(
    trigger: str | None, link: dict, controls: dict, clicked, found, current, priorities
) -> tuple:
    """(view, notes, from_link) after `trigger` changed: the link on load, else the controls
    (a native select's empty choice, "", keeps all: None) and the priorities file."""
    if trigger in (None, ids.URL):
        view, notes = linked_view(link["search"], council_of_page(link["pathname"]))
        return view, notes, True
    controls = {name: value if value != "" else None for name, value in controls.items()}
    area, notes = asked_area(trigger, clicked, found, controls[ids.VINTAGE], current)
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


def changed_stores(new: dict, current) -> dict:
    """Each shell store's new value, or no_update where the current view's is the same (so
    nothing that reads it fires); the current view comes from the browser, may be anything."""
    before = store_values(current) if isinstance(current, dict) else {}
    return {
        store: no_update if store in before and before[store] == value else value
        for store, value in store_values(new).items()
    }


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
        "indicator_options": indicator_groups(
            get_build()["indicator_catalogue"],
            choices().indicators_of(view.theme),
            theme=view.theme,
        )
        if theme_changed
        else no_update,
        "period_options": period_options(choices(), view.indicator)
        if indicator_changed or from_link
        else no_update,
        "stores": changed_stores(new, current),
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
        "page": Output(ids.URL, "pathname"),
        "controls": {name: Output(name, "value") for name in ids.CONTROLS},
        "indicator_options": Output(ids.INDICATOR, "data"),
        "period_options": Output(ids.PERIOD, "options"),
        "stores": {store: Output(shell_id(store), "data") for store in STORES},
        "alert": Output(ids.URL_ALERT, "children"),
        "search_options": Output(ids.SEARCH_LABELS, "data"),
        "found": Output(ids.SEARCH, "value"),
    },
    inputs={
        "link": {"search": Input(ids.URL, "search"), "pathname": Input(ids.URL, "pathname")},
        "changed": Input(ids.CHANGED, "data"),
        "clicked": Input(ids.CLICKED, "data"),
        "found": Input(ids.SEARCH, "value"),
        "priorities": Input(ids.PRIORITIES_STORE, "data"),
    },
    state={
        "controls": {name: State(name, "value") for name in ids.CONTROLS},
        "current": State(shell_id(ids.VIEW), "data"),
    },
)
def sync_view(link, changed, clicked, found, priorities, controls, current):
    trigger = changed_control(changed) if ctx.triggered_id == ids.CHANGED else ctx.triggered_id
    # A file changes nothing while its filter is off; and the session store also fires as the
    # page mounts with a file from earlier in this tab, when the controls may not yet hold the
    # link's values: reading them then would overwrite the link.
    if trigger == ids.PRIORITIES_STORE and not controls[ids.OWN]:
        raise PreventUpdate
    view, notes, linked = next_view(trigger, link, controls, clicked, found, current, priorities)
    outputs = view_outputs(trigger, view, notes, linked, controls, current)
    label = search_label(view)
    return outputs | {
        "found": label if label != found else no_update,
        "page": no_update if linked else address(trigger, link["pathname"], view),
    }


def changed_control(changed) -> str:
    """The control a person changed, as the browser passes it on (`{"controls": [id, ...]}`);
    the first when several changed at once."""
    named = changed.get("controls") if isinstance(changed, dict) else None
    control = named[0] if isinstance(named, list) and named else None
    if control not in ids.CONTROLS:
        raise PreventUpdate
    return control


def search_label(view: View) -> str:
    """What the search field shows: the selected council's label, or nothing."""
    if view.area is None:
        return ""
    entries = search_entries(get_build(), view.vintage).set_index("la_code")["label"]
    return entries.get(view.area, "")


# Each page's copy of a shell store takes its value when it differs (assets/trustmap_view.js).
for store in STORES:
    clientside_callback(
        ClientsideFunction("trustmapView", "mirror"),
        Output(store, "data"),
        Input(shell_id(store), "data"),
        State(store, "data"),
        prevent_initial_call=True,
    )

# A control's change goes to the view callback once the map shows it (assets/trustmap_view.js).
clientside_callback(
    ClientsideFunction("trustmapView", "handOn"),
    Output(ids.CHANGED, "data"),
    [Input(name, "value") for name in ids.CONTROLS],
    State(shell_id(ids.VIEW), "data"),
    prevent_initial_call=True,
)

# The type-ahead's list takes the suggestions of the councils shown (assets/trustmap_view.js).
clientside_callback(
    ClientsideFunction("trustmapView", "suggest"),
    Input(ids.SEARCH_LABELS, "data"),
)
