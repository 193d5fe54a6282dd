"""Sections below the map update only while one of them is on screen: the view callback writes
what their keys should hold, and these clientside callbacks pass it on when a section is
visible (assets/trustmap_lazy.js watches them), or as soon as one scrolls into view."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from layouts import ids

for wanted, key in ((ids.COMPARISON_WANTED, ids.COMPARISON_KEY), (ids.TREND_WANTED, ids.TREND_KEY)):
    clientside_callback(
        ClientsideFunction("trustmapLazy", "pass"),
        Output(key, "data"),
        Input(wanted, "data"),
        Input(ids.LAZY_VISIBLE, "data"),
        State(key, "data"),
    )
