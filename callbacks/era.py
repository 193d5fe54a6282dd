"""The pathfinder era section: its body once the map has painted, the view's NHS geography
(passed on only when it changes), and the before/after view of the checked choice."""

from __future__ import annotations

import pandas as pd
from dash import Input, Output, callback, html

from layouts import ids
from layouts.common import (
    BLANK_FIGURE,
    EXPORT_FORMATS,
    chart_outputs,
    chart_targets,
    export_links,
    reason_alert,
)
from layouts.era import YEARLY_COLUMNS, results_table
from serving.cache import cache
from serving.data import get_build
from trustmap.analysis import era
from trustmap.export.era_slides import choice_query
from trustmap.export.file_names import export_stem
from trustmap.show import era_figures
from trustmap.show.chart_tables import records


def _links(query: str) -> dict:
    return export_links("before-after", query)


@cache.memoize()
def before_after_outputs(choice: era.BeforeAfterChoice) -> dict:
    """Chart, reading (the council-level headline first), results, pooled description,
    source, table twin and slide links of a checked choice."""
    try:
        view = era.before_after_view(get_build(), choice)
    except ValueError as error:  # a span naming years the indicator lacks
        return blank_outputs(str(error))
    yearly = pd.DataFrame(view["yearly"])
    figure = era_figures.pooled_rates_figure(
        yearly,
        labels=view["labels"],
        label=view["label"],
        unit=view["unit"],
        before=view["before_periods"],
        after=view["after_periods"],
    )
    reading = [
        html.P(view["did_reading"], className="mb-1 fw-semibold"),
        html.P(view["reading"], className="mb-1"),
        *(html.P(note, className="small text-muted mb-1") for note in view["notes"][1:]),
    ]
    chart = chart_outputs(
        figure.to_dict(),
        view["source"],
        YEARLY_COLUMNS,
        records(yearly.round({"denominator": 0, "rate": 2, "ci_low": 2, "ci_high": 2})),
        file_stem=export_stem(get_build(), "before-after", choice),
    )
    return chart | {
        "alert": [],
        "reading": reading,
        "results": results_table(era.comparison_rows(view)),
        "pooled": view["pooled_reading"],
        "links": _links(choice_query(choice)),
    }


def blank_outputs(reason: str) -> dict:
    blank = chart_outputs(BLANK_FIGURE, "", YEARLY_COLUMNS, [], file_stem="before-after")
    return blank | {
        "alert": reason_alert(reason),
        "reading": [],
        "results": [],
        "pooled": "",
        "links": _links(""),
    }


@callback(
    output={
        **chart_targets("before-after", graph=ids.ERA_CHART, source=ids.ERA_SOURCE),
        "alert": Output(ids.ERA_ALERT, "children"),
        "reading": Output(ids.ERA_READING, "children"),
        "results": Output(ids.ERA_RESULTS, "children"),
        "pooled": Output(ids.ERA_POOLED, "children"),
        "links": {
            fmt: Output(ids.export_link("before-after", fmt), "href") for fmt in EXPORT_FORMATS
        },
    },
    inputs={
        "indicator": Input(ids.ERA_INDICATOR, "value"),
        "before": Input(ids.ERA_BEFORE, "value"),
        "after": Input(ids.ERA_AFTER, "value"),
        "by": Input(ids.ERA_BY, "value"),
        "nhs": Input(ids.ERA_NHS, "data"),
    },
)
def update_before_after(indicator, before, after, by, nhs):
    """The values come from the browser: checked by the core before they key the cache."""
    try:
        choice = era.check_choice(get_build(), indicator, before, after, by, nhs)
    except ValueError as error:
        return blank_outputs(str(error))
    return before_after_outputs(choice)
