"""The build, loaded once per process, the choices a view may hold in it, and views read back
from the browser."""

from __future__ import annotations

from dataclasses import fields
from functools import cache

from dash.exceptions import PreventUpdate

from trustmap.bundle.build import Build, load_build
from trustmap.bundle.themes import themes
from trustmap.show.view import Choices, View, settle

VIEW_FIELDS = [field.name for field in fields(View)]


@cache
def get_build() -> Build:
    return load_build(progress=True)


@cache
def choices() -> Choices:
    return Choices.from_build(get_build(), themes()["theme"])


def view_from_store(data) -> View:
    """The view a store holds, settled again: a store comes back from the browser and may hold
    anything, and only settled views key the results cache."""
    if not isinstance(data, dict):
        raise PreventUpdate
    view, _ = settle({name: data.get(name) for name in VIEW_FIELDS}, choices())
    return view
