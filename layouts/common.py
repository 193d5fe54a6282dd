"""Pieces every part of the page shares: blank figures, graph settings, labelled controls,
export menus and table twins."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from layouts import ids
from trustmap.export.renderer import MEDIA_TYPES
from trustmap.vocabulary import column_header

# An empty figure without axes: no default map style is requested before the first callback.
BLANK_FIGURE = {
    "data": [],
    "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}},
}
GRAPH_CONFIG = {"displaylogo": False, "scrollZoom": True}
GRID_HEIGHT_PX = 240
# Sections below the map: their callbacks fire only while one of them is on screen
# (assets/trustmap_lazy.js, callbacks/lazy.py), so a recolouring of the map sends only its paint.
LAZY_CLASS = "trustmap-lazy"
# Tab leaves a table instead of walking its cells: one Tab stop per table, the arrow keys move
# inside (AG Grid's own navigation). dash-ag-grid reads the expression without eval.
ONE_TAB_STOP = {"tabToNextCell": {"function": "false"}}


def native_select(component_id, options: list[dict], value=None, *, everything: str | None = None):
    """A native <select>: keyboard and screen readers work as everywhere (Dash 4's dropdown
    keeps a focusable element inside an aria-hidden one). `everything` names the empty choice
    that keeps all; its value "" is read as None."""
    if everything is not None:
        options = [{"label": everything, "value": ""}, *options]
    # dbc.Select always puts a hidden placeholder of value "" first, which the browser shows
    # for "": naming it keeps "All ..." on screen.
    return dbc.Select(
        id=component_id, options=options, value=value or "", placeholder=everything, size="sm"
    )


def labelled(label: str, component, html_for: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=html_for, className="small mb-1"), component])


EXPORT_PREFIX = "/export"


def export_links(chart: str, query: str) -> dict[str, str]:
    """Format -> address of one chart's export of the view in `query`
    (`/export/<chart>.<format><query>`)."""
    return {fmt: f"{EXPORT_PREFIX}/{chart}.{fmt}{query}" for fmt in MEDIA_TYPES}


def briefing_link(query: str) -> str:
    """The address of the view's briefing pack (PDF)."""
    return f"{EXPORT_PREFIX}/briefing.pdf{query}"


def export_menu(
    chart: str, label: str = "Export for slides", *, query: str | None = None
) -> dbc.DropdownMenu:
    """PNG, SVG and PDF links (1600x900, with title, source and licence) of one chart; with
    `query` the links are complete (`/export/<chart>.<format><query>`), else a callback sets
    them."""
    links = export_links(chart, query or "")
    items = [
        dbc.DropdownMenuItem(
            fmt.upper(),
            id=ids.export_link(chart, fmt),
            href="#" if query is None else links[fmt],
            external_link=True,
            target="_blank",
        )
        for fmt in MEDIA_TYPES
    ]
    return dbc.DropdownMenu(
        items,
        label=label,
        size="sm",
        color="secondary",
        className="d-inline-block ms-2",
        direction="down",
    )


def download_button(label: str, component_id, class_name: str = "mt-2") -> dbc.Button:
    """A small outlined button that downloads a table as CSV."""
    return dbc.Button(
        label, id=component_id, size="sm", color="secondary", outline=True, className=class_name
    )


def grid_columns(column_defs: list[dict]) -> list[dict]:
    """Column definitions headed in the vocabulary's words unless named otherwise (the header
    is the CSV's header too)."""
    return [{"headerName": column_header(column["field"]), **column} for column in column_defs]


def table_twin(name: str, column_defs: list[dict], row_data: list[dict] | None = None):
    """A chart's table twin: an AG Grid and a button that exports it as `trustmap_{name}.csv`
    (`callbacks.charts.export_grid` serves every twin by `name`)."""
    return html.Div(
        [
            dag.AgGrid(
                id=ids.grid(name),
                rowData=row_data or [],
                columnDefs=grid_columns(column_defs),
                defaultColDef={"sortable": True, "resizable": True, "filter": True},
                style={"height": f"{GRID_HEIGHT_PX}px"},
                csvExportParams={"fileName": f"trustmap_{name}.csv"},
                dashGridOptions=ONE_TAB_STOP,
            ),
            download_button("Download the table (CSV)", ids.grid_download(name)),
        ],
        className="mt-2",
    )
