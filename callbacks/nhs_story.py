"""The NHS reorganisation story: its body once the map has painted (with the national class
counts), the periods of the chosen indicator, and the "Did it matter?" comparison."""

from __future__ import annotations

import functools

import dash_bootstrap_components as dbc
from dash import Input, Output, callback, html

from callbacks.cache import cache
from callbacks.charts import csv_params
from callbacks.data import get_build
from layouts import ids
from layouts.common import BLANK_FIGURE
from layouts.nhs_story import period_options, story_content
from trustmap.analysis import nhs_story, outcomes
from trustmap.bundle.choices import check_choice
from trustmap.show import era_figures
from trustmap.show.chart_tables import records


@cache.memoize()
def class_count_outputs() -> dict:
    """The national chart of class counts, its notes, source line and table twin's rows."""
    table = nhs_story.class_count_table(get_build())
    source = nhs_story.class_counts_source(table)
    return {
        "figure": era_figures.class_counts_figure(table).to_dict(),
        "notes": nhs_story.partly_determined(table),
        "source": source,
        "rows": records(table.drop(columns=["kind", "date", "class", "councils_then"])),
    }


@callback(
    Output(ids.STORY_SLOT, "children"),
    Input(ids.MAP_PAINTED, "data"),
    prevent_initial_call=True,
)
def show_story(_painted):
    """Below the fold: built after the map has painted, as the charts section is."""
    return story_body()


@functools.cache
def story_body() -> list:
    """The section's content, built once per process: it depends on the build only."""
    return story_content(get_build(), class_count_outputs())


@callback(
    Output(ids.OUTCOME_FROM, "options"),
    Output(ids.OUTCOME_FROM, "value"),
    Output(ids.OUTCOME_TO, "options"),
    Output(ids.OUTCOME_TO, "value"),
    Input(ids.OUTCOME_INDICATOR, "value"),
    prevent_initial_call=True,
)
def update_outcome_periods(indicator):
    """An indicator's periods with council values; its first and last are chosen."""
    build = get_build()
    check_choice(indicator, outcomes.outcome_indicators(build["indicator_catalogue"]), "indicator")
    options = period_options(build, indicator)
    return options, options[0]["value"], options, options[-1]["value"]


def _blank(reason: str) -> dict:
    return {
        "figure": BLANK_FIGURE,
        "alert": dbc.Alert(reason, color="info", className="py-2"),
        "reading": [],
        "dropped": "",
        "source": "",
        "rows": [],
        "csv": csv_params("outcomes", ""),
    }


@cache.memoize()
def outcome_outputs(choice: outcomes.OutcomeChoice) -> dict:
    """Chart, reading, councils left out, source and table twin of a checked choice."""
    try:
        made = outcomes.outcome_comparison(
            get_build(),
            choice.indicator,
            period_from=choice.period_from,
            period_to=choice.period_to,
            by=choice.by,
            span=choice.span,
        )
    except ValueError as error:  # e.g. a group without councils, or too few values
        return _blank(str(error))
    result = made.result
    source = f"Source: {result['source']}; deprivation: {result['covariate_label']}."
    return {
        "figure": era_figures.change_by_group_figure(made.councils, result).to_dict(),
        "alert": [],
        "reading": [
            html.P(result["reading"], className="mb-1 fw-semibold"),
            html.P(
                f"An association, not an effect: the one covariate adjusted for is the "
                f"{result['covariate_label']}, on the councils of {result['la_vintage']}.",
                className="mb-1",
            ),
        ],
        "dropped": outcomes.dropped_sentence(result),
        "source": source,
        "rows": records(made.councils.round({"change": 3, "covariate": 3})),
        "csv": csv_params("outcomes", source),
    }


@callback(
    output={
        "figure": Output(ids.OUTCOME_CHART, "figure"),
        "alert": Output(ids.OUTCOME_ALERT, "children"),
        "reading": Output(ids.OUTCOME_READING, "children"),
        "dropped": Output(ids.OUTCOME_DROPPED, "children"),
        "source": Output(ids.OUTCOME_SOURCE, "children"),
        "rows": Output(ids.grid("outcomes"), "rowData"),
        "csv": Output(ids.grid("outcomes"), "csvExportParams"),
    },
    inputs={
        "indicator": Input(ids.OUTCOME_INDICATOR, "value"),
        "period_from": Input(ids.OUTCOME_FROM, "value"),
        "period_to": Input(ids.OUTCOME_TO, "value"),
        "by": Input(ids.OUTCOME_BY, "value"),
        "span_first": Input(ids.OUTCOME_SPAN_FIRST, "value"),
        "span_last": Input(ids.OUTCOME_SPAN_LAST, "value"),
    },
)
def update_outcomes(indicator, period_from, period_to, by, span_first, span_last):
    """The values come from the browser: checked by the core before they key the cache."""
    try:
        choice = outcomes.check_outcome_choice(
            get_build(), indicator, period_from, period_to, by, (span_first, span_last)
        )
    except ValueError as error:
        return _blank(str(error))
    return outcome_outputs(choice)
