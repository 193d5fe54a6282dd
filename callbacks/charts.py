"""The charts section: scatter of two indicators, trend of the chosen one, and the CSV export
of every table twin. Thin adapters over `trustmap.charts`."""

from __future__ import annotations

from functools import lru_cache

import dash_bootstrap_components as dbc
import pandas as pd
from dash import MATCH, Input, Output, State, callback
from dash.exceptions import PreventUpdate

from callbacks import data
from callbacks.state import FILTERS, View
from layouts.charts import (
    BLANK_FIGURE,
    SCATTER_COLUMNS,
    charts_section,
    grid_columns,
    grid_id,
    period_choice,
)
from trustmap import analysis, charts

TRENDS_KEPT = 32


def _alert(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="info", className="py-2")


def scatter_columns(x: charts.Axis, y: charts.Axis) -> list[dict]:
    """The scatter grid's columns, x and y headed by their indicator (the CSV's header)."""
    headers = {"x": f"x: {x.title}", "y": f"y: {y.title}"}
    return grid_columns(
        [
            {**column, "headerName": headers[column["field"]]}
            if column["field"] in headers
            else column
            for column in SCATTER_COLUMNS
        ]
    )


def csv_params(name: str, source: str) -> dict:
    """A table twin's CSV settings: its file name, and the source line once at the end (not on
    every row, which would multiply the bytes each update sends)."""
    return {"fileName": f"trustmap_{name}.csv", "appendContent": source}


def scatter_outputs(view: dict, y_indicator: str, y_period: str) -> tuple:
    """(figure, source line, alert, grid rows, grid columns, CSV settings) of the scatter, on
    the council vintage of the view indicator's own data (as the comparison above uses)."""
    build = data.get_build()
    try:
        vintage = analysis.data_vintage(build, view["indicator"], view["period"])
        x = charts.indicator_axis(build, view["indicator"], view["period"])
        y = charts.indicator_axis(build, y_indicator, y_period)
        table = charts.scatter_table(build, x, y, vintage, View(**view).council_filter())
    except ValueError as error:  # UnknownChoiceError, or an indicator period without councils
        columns = grid_columns(SCATTER_COLUMNS)
        return BLANK_FIGURE, "", _alert(str(error)), [], columns, csv_params("scatter", "")
    councils = len(data.councils(vintage))
    source = charts.scatter_source(x, y, vintage, len(table), councils)
    if table.empty:
        text = f"No council of {vintage} has values for both {x.title} and {y.title}."
        columns = grid_columns(SCATTER_COLUMNS)
        return BLANK_FIGURE, source, _alert(text), [], columns, csv_params("scatter", source)
    rows = charts.records(table[["la_code", "la_name", "group", "x", "y"]])
    figure = charts.scatter_figure(table, x, y, vintage)
    return figure, source, [], rows, scatter_columns(x, y), csv_params("scatter", source)


@callback(
    Output("charts-y-period", "options"),
    Output("charts-y-period", "value"),
    Input("charts-y-indicator", "value"),
    prevent_initial_call=True,
)
def update_y_periods(y_indicator):
    return period_choice(data.get_build(), y_indicator)


@callback(
    Output("charts-scatter", "figure"),
    Output("charts-scatter-source", "children"),
    Output("charts-scatter-alert", "children"),
    Output(grid_id("scatter"), "rowData"),
    Output(grid_id("scatter"), "columnDefs"),
    Output(grid_id("scatter"), "csvExportParams"),
    Output("charts-scatter-drawn", "data"),
    Input("map-done", "data"),
    State("view", "data"),
    Input("charts-y-indicator", "value"),
    Input("charts-y-period", "value"),
    State("charts-scatter-drawn", "data"),
)
def update_scatter(_done, view, y_indicator, y_period, drawn):
    """Only the view's indicator and period matter: a new council or colouring changes nothing."""
    if not view or not y_indicator or not y_period:
        raise PreventUpdate
    asked = [view["indicator"], view["period"], y_indicator, y_period, *filters_of(view)]
    if asked == drawn:
        raise PreventUpdate
    return (*scatter_outputs(view, y_indicator, y_period), asked)


def filters_of(view: dict) -> list:
    """The view's filter values, in FILTERS order (part of what a chart has drawn)."""
    return [view.get(name) for name in FILTERS]


@lru_cache(maxsize=TRENDS_KEPT)
def trend_table(indicator_id: str, council_filter: analysis.CouncilFilter) -> pd.DataFrame:
    """A trend matches every period's councils: keep recent ones. Callers read the frame and
    never modify it."""
    return charts.trend_table(data.get_build(), indicator_id, council_filter)


def trend_outputs(indicator_id: str, council_filter: analysis.CouncilFilter) -> tuple:
    """(figure, graph box style, note, source line, grid rows) of the trend."""
    try:
        table = trend_table(indicator_id, council_filter)
        axis = charts.indicator_axis(data.get_build(), indicator_id, table["period"].iat[0])
    except ValueError as error:
        return BLANK_FIGURE, {"display": "none"}, _alert(str(error)), "", []
    note = charts.trend_note(table)
    source = charts.trend_source(table, axis)
    rows = charts.records(table.assign(indicator=indicator_id, source=source))
    if note is not None:
        return BLANK_FIGURE, {"display": "none"}, _alert(note), source, rows
    return charts.trend_figure(table, axis), {}, [], source, rows


@callback(
    Output("charts-trend", "figure"),
    Output("charts-trend-box", "style"),
    Output("charts-trend-note", "children"),
    Output("charts-trend-source", "children"),
    Output(grid_id("trend"), "rowData"),
    Output("charts-trend-drawn", "data"),
    Input("map-done", "data"),
    State("view", "data"),
    State("charts-trend-drawn", "data"),
)
def update_trend(_done, view, drawn):
    """Only the view's indicator matters: the trend shows all its periods."""
    if not view:
        raise PreventUpdate
    asked = [view["indicator"], *filters_of(view)]
    if asked == drawn:
        raise PreventUpdate
    return (*trend_outputs(view["indicator"], View(**view).council_filter()), asked)


@callback(
    Output({"type": "charts-grid", "name": MATCH}, "exportDataAsCsv"),
    Input({"type": "charts-grid-download", "name": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
def export_grid(_):
    """Every table twin made by `layouts.charts.table_twin` downloads through this one."""
    return True


@callback(
    Output("charts-slot", "children"),
    Input("map-painted", "data"),
    prevent_initial_call=True,
)
def show_charts(_painted):
    """Build the charts section once the map has painted (assets/map_painted.js): it sits
    below the fold and would otherwise compete with the map for the browser's first seconds."""
    return charts_section(data.get_build())
