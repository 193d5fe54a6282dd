"""Pathfinders against other councils, and coterminous councils against the rest, on the
chosen indicator period (on the council vintage of the indicator's own data)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, html
from dash.exceptions import PreventUpdate

from callbacks import data
from callbacks.state import FILTERS, View
from layouts.charts import grid_id
from trustmap import analysis, charts, figures

GROUPINGS = ("pathfinder", "coterminous")
NO_CHART = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "height": 40,
        "margin": {"t": 0, "b": 0},
    },
}


def grouped_values(indicator: str, period: str, by: str, vintage: str) -> pd.DataFrame:
    """la_code, la_name, value and group label of every council in a comparison."""
    build = data.get_build()
    values = analysis.council_values(build, indicator, period, vintage)
    in_first, labels = analysis.group_membership(build, by, vintage, data.HEALTH)
    names = data.councils(vintage).set_index("la_code")["la_name"]
    frame = pd.DataFrame({"la_code": values.index, "value": values.to_numpy()})
    first = frame["la_code"].map(in_first)
    frame = frame[first.notna()].assign(
        la_name=lambda f: f["la_code"].map(names),
        group=first[first.notna()].map({True: labels[0], False: labels[1]}),
    )
    return frame


def comparison(view: View, by: str) -> dict:
    """Figure, sentence and result of one grouping of the councils the view's filters keep;
    an `error` text when it cannot be made."""
    build = data.get_build()
    indicator, period, council_filter = view.indicator, view.period, view.council_filter()
    try:
        vintage = analysis.data_vintage(build, indicator, period)
        result = analysis.compare_indicator(
            build, indicator, period, by, vintage, data.HEALTH, council_filter
        )
    except ValueError as error:  # UnknownChoiceError is a ValueError, as is "too few values"
        return {
            "error": f"{error} (with the filters chosen)" if council_filter.active else str(error)
        }
    unit = data.catalogue().at[indicator, "unit"]
    frame = grouped_values(indicator, period, by, vintage)
    if council_filter.active:
        kept = analysis.filter_councils(build, vintage, council_filter, data.HEALTH)
        frame = frame[frame["la_code"].isin(kept)]
    return {
        "figure": figures.group_comparison_figure(frame, result, unit),
        "sentence": figures.comparison_sentence(result),
        "result": result,
    }


def comparison_outputs(view: dict) -> tuple:
    """For each grouping, (figure, text), then the shared source line and the table twin."""
    outputs = []
    results = {}
    for by in GROUPINGS:
        made = comparison(View(**view), by)
        if "error" in made:
            outputs += [NO_CHART, dbc.Alert(made["error"], color="info", className="py-2")]
            continue
        results[by] = made["result"]
        outputs += [made["figure"], html.P(made["sentence"], className="mb-0 fw-semibold")]
    table = charts.records(charts.comparison_table(*(results.get(by) for by in GROUPINGS)))
    if not results:
        return (*outputs, "", table)
    result = next(iter(results.values()))
    meta = data.catalogue().loc[view["indicator"]]
    source = (
        f"{meta['label']}, {view['period']}, on the councils of {result['la_vintage']} "
        f"({result['councils_matched']} with a value). Source: {meta['source']}. "
        f"{meta['licence']}."
    )
    return (*outputs, source, table)


@callback(
    Output("compare-pathfinder", "figure"),
    Output("compare-pathfinder-text", "children"),
    Output("compare-coterminous", "figure"),
    Output("compare-coterminous-text", "children"),
    Output("compare-source", "children"),
    Output(grid_id("comparison"), "rowData"),
    Output("compared", "data"),
    Input("map-done", "data"),
    State("view", "data"),
    State("compared", "data"),
)
def update_comparison(_done, view, compared):
    """Only the indicator and period matter: a new vintage or council changes nothing here."""
    if not view:
        raise PreventUpdate
    asked = {name: view.get(name) for name in ("indicator", "period", *FILTERS)}
    if asked == compared:
        raise PreventUpdate
    return (*comparison_outputs(view), asked)
