"""A browser's own priorities file: checked on upload, held in the tab's session store (never
on the server's disk), and counted per theme beside the published totals."""

from __future__ import annotations

import base64
import binascii

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, ctx, html

from layouts import ids
from serving.data import choices, get_build
from trustmap.bundle.priorities import CheckedPriorities, check_priorities, read_priorities
from trustmap.bundle.themes import theme_summary

__all__ = ["load_priorities", "show_theme_counts"]


def uploaded_bytes(contents: str) -> bytes | None:
    """The bytes of a dcc.Upload data URL ('data:...;base64,...'), None if it is not one."""
    _, _, encoded = contents.partition(";base64,")
    try:
        return base64.b64decode(encoded, validate=True) if encoded else None
    except (binascii.Error, ValueError):
        return None


def messages(checked: CheckedPriorities, filename: str | None) -> html.Div:
    name = filename if isinstance(filename, str) else "the file"
    if checked.table is not None:
        text = f"{name}: {len(checked.table)} council priorities read; counted below."
        return dbc.Alert(text, color="success", className="py-2")
    return dbc.Alert(
        [
            html.P(f"{name} was not used:", className="mb-1"),
            html.Ul([html.Li(p) for p in checked.problems]),
        ],
        color="warning",
        className="py-2",
    )


@callback(
    Output(ids.PRIORITIES_STORE, "data"),
    Output(ids.PRIORITIES_MESSAGES, "children"),
    Input(ids.PRIORITIES_UPLOAD, "contents"),
    Input(ids.PRIORITIES_CLEAR, "n_clicks"),
    State(ids.PRIORITIES_UPLOAD, "filename"),
    prevent_initial_call=True,
)
def load_priorities(contents, _clear, filename):
    """Check an upload; keep its rows in the session store only when every row passed."""
    if ctx.triggered_id == ids.PRIORITIES_CLEAR or not isinstance(contents, str):
        return None, "Your file is forgotten; the counts show the published totals only."
    content = uploaded_bytes(contents)
    if content is None:
        return None, dbc.Alert("The upload could not be read as a file.", color="warning")
    checked = read_priorities(content, set(choices().council_codes))
    data = None if checked.table is None else checked.table.to_dict("records")
    return data, messages(checked, filename)


def stored_priorities(data) -> pd.DataFrame | None:
    """The store's rows checked again (a store comes back from the browser and may hold
    anything); None when there are none or they fail."""
    if not isinstance(data, list) or not data or not all(isinstance(row, dict) for row in data):
        return None
    return check_priorities(pd.DataFrame(data), set(choices().council_codes)).table


@callback(
    Output(ids.PRIORITIES_COUNTS, "children"),
    Input(ids.PRIORITIES_STORE, "data"),
    Input(ids.FOLDED, "active_item"),
)
def show_theme_counts(data, open_items):
    """Themes with their indicators, the published totals and, with a file, its councils; drawn
    only while the priorities' item is open (folded, its cells would be so many more components
    for Dash's renderer to check at every change of the page)."""
    if ids.PRIORITIES_ITEM not in (open_items or []):
        return []
    priorities = stored_priorities(data)
    summary = theme_summary(get_build()["indicator_catalogue"], priorities)
    header = ["Theme", "Indicators", "Published: trusts of 35"]
    if priorities is not None:
        header.append("Councils in your file")
    rows = [
        [
            row.label,
            row.indicators,
            "-" if pd.isna(row.published_priority_trusts) else int(row.published_priority_trusts),
            *([row.councils_in_your_file] if priorities is not None else []),
        ]
        for row in summary.itertuples()
    ]
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        size="sm",
        className="small",
    )
