"""A button that downloads a whole table as CSV (the map's, a council's full profile): the
callback it fires, and the named file that callback sends."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dash import Input, Output, State, callback, dcc
from dash.exceptions import PreventUpdate

from serving.data import get_build
from trustmap.export.file_names import export_name

__all__ = ["download_on_click", "send_csv"]

Subject = TypeVar("Subject")


def download_on_click(button: str, download: str, store: str) -> Callable:
    """Registers the decorated `(n_clicks, data of store)` as the callback that fills the
    `dcc.Download` `download` when `button` is clicked."""
    return callback(
        Output(download, "data"),
        Input(button, "n_clicks"),
        State(store, "data"),
        prevent_initial_call=True,
    )


def send_csv(chart: str, subject: Subject | None, table_csv: Callable[[Subject], str]) -> dict:
    """`table_csv(subject)` as a download named for `chart` and `subject` (`export_name`);
    nothing is sent without a subject (a store the browser sent naming none the build has)."""
    if subject is None:
        raise PreventUpdate
    return dcc.send_string(table_csv(subject), export_name(get_build(), chart, "csv", subject))
