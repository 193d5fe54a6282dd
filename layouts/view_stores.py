"""The view's stores: the shell keeps them (the view callback writes them, `callbacks/view.py`)
and every page mirrors them, its own copies drawn with the page from its link, so a page's
parts fire once, with the right view, as it opens.

Each narrower store holds only the fields its readers use and changes only when they do, so a
recolouring of the map reaches nothing else.
"""

from __future__ import annotations

from dash import dcc

from layouts import ids
from trustmap.show.view import FILTERS, View

__all__ = ["STORES", "page_stores", "shell_id", "shell_stores", "store_values"]

COMPARISON_FIELDS = ("indicator", "period", *FILTERS, "nhs", "own")
TREND_FIELDS = ("indicator", *FILTERS, "nhs", "own")
# The council's facts and charts follow its place; its neighbours also follow the indicator.
PANEL_FIELDS = ("area", "vintage", "nhs")
PANEL_INDICATOR_FIELDS = ("area", "indicator", "period")
OWN_FIELDS = ("theme", "own")
STORES = (
    ids.VIEW,
    ids.AREA,
    ids.ERA_NHS,
    ids.OWN_KEY,
    ids.COMPARISON_KEY,
    ids.TREND_KEY,
    ids.PANEL_KEY,
    ids.PANEL_INDICATOR_KEY,
)


def shell_id(store: str) -> str:
    """The id of the shell's store that a page's `store` mirrors."""
    return f"shell-{store}"


def _fields(view: dict, fields: tuple[str, ...]) -> dict:
    return {name: view.get(name) for name in fields}


def _panel(view: dict, fields: tuple[str, ...]) -> dict:
    """Nothing while no council is selected, so a recolouring does not reach the panel."""
    return _fields(view, fields) if view.get("area") else {}


def store_values(view: dict) -> dict[str, object]:
    """Store id -> what it holds for `view` (a `View.as_dict()`)."""
    return {
        ids.VIEW: view,
        ids.AREA: view.get("area"),
        ids.ERA_NHS: view.get("nhs"),
        ids.OWN_KEY: _fields(view, OWN_FIELDS),
        ids.COMPARISON_KEY: _fields(view, COMPARISON_FIELDS),
        ids.TREND_KEY: _fields(view, TREND_FIELDS),
        ids.PANEL_KEY: _panel(view, PANEL_FIELDS),
        ids.PANEL_INDICATOR_KEY: _panel(view, PANEL_INDICATOR_FIELDS),
    }


def shell_stores() -> list[dcc.Store]:
    return [dcc.Store(id=shell_id(store)) for store in STORES]


def page_stores(view: View) -> list[dcc.Store]:
    return [
        dcc.Store(id=store, data=value) for store, value in store_values(view.as_dict()).items()
    ]
