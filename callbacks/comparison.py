"""Pathfinders against other councils, and coterminous councils against the rest, on the
chosen indicator period (on the council vintage of the indicator's own data), of the councils
the filters keep."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from callbacks.cache import cache
from callbacks.data import get_build, view_from_store
from layouts import ids
from trustmap.chart_figures import comparison_sentence, group_comparison_figure
from trustmap.chart_tables import comparison_table, records
from trustmap.group_comparison import GROUPINGS, comparison, comparison_source
from trustmap.values import indicator_meta
from trustmap.view import View

NO_CHART = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "height": 40,
        "margin": {"t": 0, "b": 0},
    },
}


@cache.memoize()
def comparison_outputs(view: View) -> dict:
    """Per grouping, its figure and text (an alert when it cannot be made), then the source
    line and the table twin's rows."""
    build, council_filter = get_build(), view.council_filter()
    outputs, results = {}, {}
    for by in GROUPINGS:
        try:
            made = comparison(
                build,
                view.indicator,
                view.period,
                by,
                health=view.nhs,
                council_filter=council_filter,
            )
        except ValueError as error:  # UnknownChoiceError is a ValueError, as is "too few values"
            reason = f"{error} (with the filters chosen)" if council_filter.active else str(error)
            outputs[by] = (NO_CHART, dbc.Alert(reason, color="info", className="py-2"))
            continue
        results[by] = made.result
        unit = indicator_meta(build, view.indicator)["unit"]
        outputs[by] = (
            group_comparison_figure(made.values, made.result, unit),
            html.P(comparison_sentence(made.result), className="mb-0 fw-semibold"),
        )
    table = comparison_table(*(results.get(by) for by in GROUPINGS))
    source = comparison_source(next(iter(results.values()))) if results else ""
    return {"charts": outputs, "source": source, "rows": records(table)}


@callback(
    output={
        "figures": {by: Output(ids.compare_graph(by), "figure") for by in GROUPINGS},
        "texts": {by: Output(ids.compare_text(by), "children") for by in GROUPINGS},
        "source": Output(ids.COMPARE_SOURCE, "children"),
        "rows": Output(ids.grid("comparison"), "rowData"),
    },
    inputs={"key": Input(ids.COMPARISON_KEY, "data")},
)
def update_comparison(key):
    """Fires only when the view's indicator, period or filters change (`comparison-key`)."""
    made = comparison_outputs(view_from_store(key))
    return {
        "figures": {by: made["charts"][by][0] for by in GROUPINGS},
        "texts": {by: made["charts"][by][1] for by in GROUPINGS},
        "source": made["source"],
        "rows": made["rows"],
    }
