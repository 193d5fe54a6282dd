"""Your own trust priorities: an upload of a CSV like the server's priorities file, checked row
by row, kept in this browser tab's session only, counted per theme beside the published totals
and offered as a filter (`layouts.own_filter`)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from trustmap.bundle.priorities import COLUMNS
from trustmap.bundle.themes import themes

__all__ = ["priorities_section"]


def priorities_section() -> dbc.AccordionItem:
    """A folded item beside the filters it feeds: what the file holds, the upload, its messages
    and the theme counts."""
    return dbc.AccordionItem(
        [
            html.P(
                "Which trust chose which priority was never published. If you know your "
                f"own, upload a CSV with the columns {' and '.join(COLUMNS)}, one row per "
                "council and theme: la_code is the council's area code as the app's tables show "
                "it (E and eight digits, e.g. E09000029 for Sutton), theme is the theme's name "
                "as the Theme list shows it, "
                f"in any case (one of: {', '.join(themes()['label'])}). "
                "It is checked row by row, kept in this browser tab "
                "only and never stored on the server; the published totals do not change. "
                'Once it is read, the "Your priorities" filter beside the map (under '
                "Filter councils) keeps only the councils it lists under the chosen theme; "
                "a link to that view carries their codes, not your file."
            ),
            # data=None is sent as null: a fresh tab's store then matches its empty
            # storage and does not fire (as `undefined` it fires null on mount).
            dcc.Store(id=ids.PRIORITIES_STORE, storage_type="session", data=None),
            dcc.Upload(
                id=ids.PRIORITIES_UPLOAD,
                children=html.Div(["Drop a CSV file here, or ", html.U("choose one")]),
                accept=".csv,text/csv",
                multiple=False,
                className="border border-secondary-subtle rounded p-3 text-center",
            ),
            html.Div(id=ids.PRIORITIES_MESSAGES, className="mt-2", role="status"),
            html.Div(id=ids.PRIORITIES_COUNTS, className="mt-2"),
            dbc.Button(
                "Forget my file",
                id=ids.PRIORITIES_CLEAR,
                size="sm",
                color="secondary",
                outline=True,
                className="mt-2",
            ),
        ],
        title="Your trusts' priorities (upload)",
        item_id=ids.PRIORITIES_ITEM,
    )
