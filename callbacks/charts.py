"""The charts section: scatter of two indicators, trend of the chosen one, and the CSV export
of every table twin. Thin adapters over `trustmap.show.chart_tables` and
`trustmap.show.chart_figures`."""

from __future__ import annotations

import functools

import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, Patch, State, callback, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.cache import cache
from callbacks.data import choices, get_build, view_from_store
from layouts import ids
from layouts.charts import BLANK_FIGURE, SCATTER_COLUMNS, charts_section, period_choice
from layouts.common import grid_columns
from layouts.comparison_section import comparison_section
from layouts.council_panel import council_panel
from trustmap.bundle.choices import check_choice
from trustmap.model.council_filter import describe_filter, filter_councils, no_council_kept
from trustmap.model.values import data_vintage
from trustmap.model.vintages import council_table
from trustmap.show.chart_figures import scatter_figure, selected_trace, trend_figure
from trustmap.show.chart_tables import (
    COUNCIL_SERIES,
    Axis,
    indicator_axis,
    records,
    scatter_source,
    scatter_table,
    selected_lines,
    trend_note,
    trend_source,
    trend_table,
)
from trustmap.show.view import View


def _alert(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="info", className="py-2")


def scatter_columns(x: Axis, y: Axis) -> list[dict]:
    """The scatter grid's columns, x and y headed by their indicator (the CSV's header)."""
    headers = {"x": f"x: {x.title}", "y": f"y: {y.title}"}
    return grid_columns(
        [
            column | {"headerName": headers[column["field"]]}
            if column["field"] in headers
            else column
            for column in SCATTER_COLUMNS
        ]
    )


def csv_params(name: str, source: str) -> dict:
    """A table twin's CSV settings: its file name, and the source line once at the end (not on
    every row, which would multiply the bytes each update sends)."""
    return {"fileName": f"trustmap_{name}.csv", "appendContent": source}


def blank_scatter(source: str, text: str) -> dict:
    return {
        "figure": BLANK_FIGURE,
        "source": source,
        "alert": _alert(text),
        "rows": [],
        "columns": grid_columns(SCATTER_COLUMNS),
        "csv": csv_params("scatter", source),
    }


@cache.memoize()
def scatter_outputs(view: View, y_indicator: str, y_period: str) -> dict:
    """The scatter, its source, alert and table twin, on the council vintage of the view
    indicator's own data (as the comparisons use)."""
    build = get_build()
    try:
        vintage = data_vintage(build, view.indicator, view.period)
        x = indicator_axis(build, view.indicator, view.period)
        y = indicator_axis(build, y_indicator, y_period)
        table = scatter_table(build, x, y, vintage, council_filter=view.council_filter())
    except ValueError as error:  # UnknownChoiceError, or an indicator period without councils
        return blank_scatter("", str(error))
    source = scatter_source(x, y, vintage, len(table), len(council_table(build, vintage)))
    council_filter = view.council_filter()
    if council_filter.active and not filter_councils(build, vintage, council_filter):
        return blank_scatter(source, no_council_kept(council_filter, vintage))
    if table.empty:
        return blank_scatter(
            source, f"No council of {vintage} has values for both {x.title} and {y.title}."
        )
    return {
        "figure": scatter_figure(table, x, y, vintage).to_dict(),
        "source": source,
        "alert": [],
        "rows": records(table[["la_code", "la_name", "group", "x", "y"]]),
        "columns": scatter_columns(x, y),
        "csv": csv_params("scatter", source),
    }


@callback(
    Output(ids.Y_PERIOD, "options"),
    Output(ids.Y_PERIOD, "value"),
    Input(ids.Y_INDICATOR, "value"),
    Input(ids.PERIOD, "value"),
    prevent_initial_call=True,
)
def update_y_periods(y_indicator, x_period):
    """The second indicator's periods, on the first one's period where it has it (else its
    latest): a new second indicator, or a new period of the first, resets it."""
    build = get_build()
    check_choice(y_indicator, build["indicator_catalogue"]["id"], "indicator")
    return period_choice(build, y_indicator, x_period if isinstance(x_period, str) else None)


@callback(
    output={
        "figure": Output(ids.SCATTER, "figure"),
        "source": Output(ids.SCATTER_SOURCE, "children"),
        "alert": Output(ids.SCATTER_ALERT, "children"),
        "rows": Output(ids.grid("scatter"), "rowData"),
        "columns": Output(ids.grid("scatter"), "columnDefs"),
        "csv": Output(ids.grid("scatter"), "csvExportParams"),
    },
    inputs={
        "key": Input(ids.COMPARISON_KEY, "data"),
        "y_indicator": Input(ids.Y_INDICATOR, "value"),
        "y_period": Input(ids.Y_PERIOD, "value"),
    },
)
def update_scatter(key, y_indicator, y_period):
    """Fires only when the view's indicator, period or filters, or the second axis, change."""
    if not isinstance(y_indicator, str) or not isinstance(y_period, str):
        raise PreventUpdate
    # The second axis keys the results cache: refuse what the build does not have first.
    periods = choices().periods
    check_choice(y_indicator, periods, "indicator")
    check_choice(y_period, periods[y_indicator], f"period of {y_indicator}")
    return scatter_outputs(view_from_store(key), y_indicator, y_period)


def checked_area(area) -> str | None:
    """The selected council from the browser's store, if it is a council code at all."""
    return area if isinstance(area, str) and area in choices().council_codes else None


@cache.memoize()
def trend_outputs(view: View) -> dict:
    """The trend of the view's indicator for the councils its filters keep, nothing selected:
    TREND_OUTPUTS (the figure hidden and a note shown when it cannot be drawn) and `table`."""
    build = get_build()
    hidden = {"display": "none"}
    council_filter = view.council_filter()
    try:
        table = trend_table(build, view.indicator, council_filter)
        axis = indicator_axis(build, view.indicator, table["period"].iat[0])
    except ValueError as error:
        note = _alert(str(error))
        return {"figure": BLANK_FIGURE, "box": hidden, "note": note, "source": "", "rows": []}
    source = trend_source(table, axis)
    outputs = {"source": source, "rows": records(table), "table": table}
    if council_filter.active and table[table["series"] == COUNCIL_SERIES].empty:
        note = no_council_kept(council_filter, "any period's vintage")
    else:
        note = trend_note(table)
    if note is not None:
        return outputs | {"figure": BLANK_FIGURE, "box": hidden, "note": _alert(note)}
    figure = trend_figure(table, axis, filters=describe_filter(council_filter))
    return outputs | {"figure": figure.to_dict(), "box": {}, "note": []}


def selection(table, area: str | None):
    """The trend's last trace for `area`: its bold line (empty when it has none)."""
    periods = sorted(table["period"].unique())
    councils = table[table["series"] == COUNCIL_SERIES]
    return selected_trace(councils, periods, selected_lines(get_build(), table, area))


TREND_OUTPUTS = ("figure", "box", "note", "source", "rows")
SECTIONS_KEPT = 64  # of periods the sections below the map were built for; a build has fewer


@callback(
    output={
        "figure": Output(ids.TREND, "figure"),
        "box": Output(ids.TREND_BOX, "style"),
        "note": Output(ids.TREND_NOTE, "children"),
        "source": Output(ids.TREND_SOURCE, "children"),
        "rows": Output(ids.grid("trend"), "rowData"),
        "csv": Output(ids.grid("trend"), "csvExportParams"),
    },
    inputs={"key": Input(ids.TREND_KEY, "data"), "area": Input(ids.AREA, "data")},
)
def update_trend(key, area):
    """Fires when the view's indicator or filters change (the trend shows every period), and
    when the selected council changes: then only its bold line is sent (a Patch)."""
    made = trend_outputs(view_from_store(key))
    outputs = {name: made[name] for name in TREND_OUTPUTS} | {
        "csv": csv_params("trend", made["source"])
    }
    if "table" not in made or made["box"]:  # no chart: the note says why
        return outputs
    area = checked_area(area)
    if ctx.triggered_id == ids.AREA and len(ctx.triggered_prop_ids) == 1:
        patch = Patch()
        patch["data"][-1] = selection(made["table"], area)
        return dict.fromkeys(outputs, no_update) | {"figure": patch}
    figure = made["figure"]  # a new dict: the cached figure is never changed
    data = [*figure["data"][:-1], selection(made["table"], area).to_plotly_json()]
    return outputs | {"figure": figure | {"data": data}}


@callback(
    Output(ids.grid(MATCH), "exportDataAsCsv"),
    Input(ids.grid_download(MATCH), "n_clicks"),
    prevent_initial_call=True,
)
def export_grid(_):
    """Every table twin made by `layouts.common.table_twin` downloads through this one."""
    return True


@callback(
    Output(ids.PANEL_SLOT, "children"),
    Output(ids.COMPARISON_SLOT, "children"),
    Output(ids.CHARTS_SLOT, "children"),
    Input(ids.MAP_PAINTED, "data"),
    State(ids.VIEW, "data"),
    prevent_initial_call=True,
)
def show_charts(_painted, view):
    """Build the council panel, the comparisons and the charts once the map has painted
    (assets/trustmap_map.js): their plotly.js and AG Grid would otherwise load before the map.
    The second indicator starts on the view's period where it has it."""
    period = view_from_store(view).period if isinstance(view, dict) else None
    return sections_below_map(period)


@functools.lru_cache(maxsize=SECTIONS_KEPT)
def sections_below_map(period: str | None) -> tuple:
    """The council panel, the comparisons and the charts (the second indicator starting on
    `period`, a settled view's), built once per process and period: they hold nothing else
    of a visit, and every page asks for them as its map paints."""
    return council_panel(), comparison_section(), charts_section(get_build(), x_period=period)
