"""Callbacks called directly, as Dash would call them, inside the real app (its one cache)."""

from __future__ import annotations

from contextvars import copy_context

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from layouts import ids

DEFAULT_CONTROLS = {
    ids.VINTAGE: "2019",
    ids.COLOUR: "pathfinder",
    ids.THEME: "",
    ids.INDICATOR: "iod2019-imd-average-score",
    ids.PERIOD: "2019",
    **dict.fromkeys((ids.REGION, ids.LA_TYPE, ids.STATUS, ids.CCLASS, ids.HEALTH, ids.SCHEME), ""),
    ids.NHS: "ccg2019",
    ids.OWN: "",
}


@pytest.fixture(autouse=True)
def app_context():
    from app import server

    with server.app_context():
        yield


def run_callback(function, triggered: str | None, **inputs):
    """Call a registered callback as Dash would after `triggered` (a 'component.prop') changed."""

    def call():
        prop_ids = [{"prop_id": triggered, "value": None}] if triggered else []
        context_value.set(AttributeDict(triggered_inputs=prop_ids))
        return function(**inputs)

    return copy_context().run(call)


def control_change(control: str) -> tuple[str, dict]:
    """(trigger, store value) of a person's change to `control`, as the browser hands it on to
    the view callback (`handOn` in assets/trustmap_view.js)."""
    return f"{ids.CHANGED}.data", {"controls": [control], "at": 1}


def load_link(search: str, controls: dict | None = None, pathname: str = "/") -> dict:
    """The view callback's outputs after the page at `pathname` loads `search`."""
    from callbacks.view import sync_view

    return run_callback(
        sync_view,
        f"{ids.URL}.search",
        link={"search": search, "pathname": pathname},
        controls=controls or DEFAULT_CONTROLS,
        changed=None,
        clicked=None,
        found="",
        priorities=None,
        current=None,
    )


def stored(outputs: dict, store: str):
    """What the view callback's `outputs` write to the shell's copy of `store` (an id of
    `layouts.view_stores.STORES`): a value, or no_update."""
    return outputs["stores"][store]


def linked(search: str, store: str = ids.VIEW, pathname: str = "/"):
    """What `store` holds after the page at `pathname` loads `search`."""
    return stored(load_link(search, pathname=pathname), store)
