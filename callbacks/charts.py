"""The charts section: scatter of two indicators, trend of the chosen one, and the CSV export
of every table twin. Thin adapters over `trustmap.show.chart_tables` and
`trustmap.show.chart_figures`."""

from __future__ import annotations

import csv
import io

from dash import MATCH, Input, Output, Patch, State, callback, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from layouts import ids
from layouts.charts import BLANK_FIGURE, SCATTER_COLUMNS, TREND_COLUMNS, period_choice
from layouts.common import as_written, chart_outputs, chart_targets, reason_alert
from serving.cache import cache
from serving.data import choices, get_build, view_from_store
from trustmap.bundle.choices import check_choice
from trustmap.export.file_names import export_stem, indicator_words
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


def scatter_columns(x: Axis, y: Axis) -> list[dict]:
    """The scatter twin's columns, x and y headed by their indicator (the CSV's header too)."""
    headers = {"x": f"x: {x.title}", "y": f"y: {y.title}"}
    return [
        column | {"header": headers[column["field"]]} if column["field"] in headers else column
        for column in SCATTER_COLUMNS
    ]


def blank_scatter(source: str, text: str) -> dict:
    blank = chart_outputs(BLANK_FIGURE, source, SCATTER_COLUMNS, [], file_stem="scatter")
    return blank | {"alert": reason_alert(text)}


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
    chart = chart_outputs(
        scatter_figure(table, x, y, vintage).to_dict(),
        source,
        scatter_columns(x, y),
        records(table[["la_code", "la_name", "group", "x", "y"]]),
        file_stem=export_stem(
            build, "scatter", view, "against", indicator_words(build, y_indicator), y_period
        ),
    )
    return chart | {"alert": []}


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
        **chart_targets("scatter", graph=ids.SCATTER, source=ids.SCATTER_SOURCE),
        "alert": Output(ids.SCATTER_ALERT, "children"),
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
        blank = chart_outputs(BLANK_FIGURE, "", TREND_COLUMNS, [], file_stem="trend")
        return blank | {"box": hidden, "note": reason_alert(str(error))}
    source = trend_source(table, axis)
    stem = export_stem(build, "trend", view)
    # Blank until the trend is drawn below.
    chart = chart_outputs(BLANK_FIGURE, source, TREND_COLUMNS, records(table), file_stem=stem)
    outputs = chart | {"table": table}
    if council_filter.active and table[table["series"] == COUNCIL_SERIES].empty:
        note = no_council_kept(council_filter, "any period's vintage")
    else:
        note = trend_note(table)
    if note is not None:
        return outputs | {"box": hidden, "note": reason_alert(note)}
    figure = trend_figure(table, axis, filters=describe_filter(council_filter))
    return outputs | {"figure": figure.to_dict(), "box": {}, "note": []}


def selection(table, area: str | None):
    """The trend's last trace for `area`: its bold line (empty when it has none)."""
    periods = sorted(table["period"].unique())
    councils = table[table["series"] == COUNCIL_SERIES]
    return selected_trace(councils, periods, selected_lines(get_build(), table, area))


TREND_OUTPUTS = ("figure", "box", "note", "source", "twin", "csv")


@callback(
    output={
        **chart_targets("trend", graph=ids.TREND, source=ids.TREND_SOURCE),
        "box": Output(ids.TREND_BOX, "style"),
        "note": Output(ids.TREND_NOTE, "children"),
    },
    inputs={"key": Input(ids.TREND_KEY, "data"), "area": Input(ids.AREA, "data")},
    state={"drawn": State(ids.TREND_SOURCE, "children")},
)
def update_trend(key, area, drawn):
    """Fires when the view's indicator or filters change (the trend shows every period), and
    when the selected council changes: then, once the trend is drawn, only its bold line is
    sent (a Patch). (A page opening reports its new stores as changed too.)"""
    made = trend_outputs(view_from_store(key))
    outputs = {name: made[name] for name in TREND_OUTPUTS}
    if "table" not in made or made["box"]:  # no chart: the note says why
        return outputs
    area = checked_area(area)
    if drawn and ctx.triggered_id == ids.AREA and len(ctx.triggered_prop_ids) == 1:
        patch = Patch()
        patch["data"][-1] = selection(made["table"], area)
        return dict.fromkeys(outputs, no_update) | {"figure": patch}
    figure = made["figure"]  # a new dict: the cached figure is never changed
    data = [*figure["data"][:-1], selection(made["table"], area).to_plotly_json()]
    return outputs | {"figure": figure | {"data": data}}


def table_csv(table: dict) -> str:
    """A table twin's CSV (`layouts.common.twin_outputs`' "csv"): headed in words, numbers as
    the table shows them, missing values blank, and its source line once at the end."""
    headers = table["headers"]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")  # None is written blank
    writer.writerow(headers.values())
    writer.writerows([as_written(row.get(field)) for field in headers] for row in table["rows"])
    if table["source"]:
        text.write(f"{table['source']}\n")
    return text.getvalue()


@callback(
    Output(ids.grid_csv(MATCH), "data"),
    Input(ids.grid_download(MATCH), "n_clicks"),
    State(ids.grid_rows(MATCH), "data"),
    prevent_initial_call=True,
)
def download_table(_, table):
    """Every table twin made by `layouts.common.table_twin` downloads through this one."""
    if not isinstance(table, dict):  # not drawn yet
        raise PreventUpdate
    return dcc.send_string(table_csv(table), table["file_name"])
