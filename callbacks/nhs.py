"""The NHS reorganisation story: its body once the map has painted (with the national class
counts), the periods of the chosen indicator, and the "Did it matter?" comparison."""

from __future__ import annotations

from dash import Input, Output, callback, html

from layouts import ids
from layouts.common import BLANK_FIGURE, chart_outputs, chart_targets, reason_alert
from layouts.nhs import OUTCOME_COLUMNS, estimates_table, left_out_list, period_options
from serving.cache import cache
from serving.data import get_build
from trustmap.analysis import outcomes
from trustmap.bundle.choices import check_choice
from trustmap.export.file_names import export_stem
from trustmap.show import era_figures
from trustmap.show.chart_tables import records


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
    blank = chart_outputs(BLANK_FIGURE, "", OUTCOME_COLUMNS, [], file_stem="outcomes")
    return blank | {"alert": reason_alert(reason), "reading": [], "dropped": []}


@cache.memoize()
def outcome_outputs(choice: outcomes.OutcomeChoice) -> dict:
    """Chart, headline, estimates and reading, councils left out (with reasons) and far from
    the rest, source and table twin of a checked choice."""
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
    chart = chart_outputs(
        era_figures.change_by_group_figure(made.councils, result).to_dict(),
        source,
        OUTCOME_COLUMNS,
        records(made.councils.round({"change": 3, "covariate": 3})),
        file_stem=export_stem(get_build(), "outcomes", choice),
    )
    return chart | {
        "alert": [],
        "reading": [
            html.P(result["headline"], className="mb-1 fw-semibold"),
            estimates_table(outcomes.estimate_rows(result)),
            html.P(outcomes.METHOD_NOTE, className="small mb-1"),
            html.P(result["reading"], className="mb-1"),
            html.P(
                f"An association, not an effect: the covariates adjusted for are the "
                f"{result['covariate_label']}, the {result['period_from']} level and the "
                f"region, on the councils of {result['la_vintage']}.",
                className="mb-1",
            ),
        ],
        "dropped": [
            html.P(outcomes.dropped_sentence(result), className="mb-1"),
            left_out_list(result["left_out"]),
            html.P(outcomes.outlier_note(result), className="mb-1"),
        ],
    }


@callback(
    output={
        **chart_targets("outcomes", graph=ids.OUTCOME_CHART, source=ids.OUTCOME_SOURCE),
        "alert": Output(ids.OUTCOME_ALERT, "children"),
        "reading": Output(ids.OUTCOME_READING, "children"),
        "dropped": Output(ids.OUTCOME_DROPPED, "children"),
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
