"""NHS reorganisation, 2006-2024: how many councils shared a boundary with their NHS
commissioner in each health vintage, and "Did it matter?": councils' change in an indicator
compared between groups. The section's body joins the page once the map has painted
(`callbacks.nhs.show_story`)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.common import (
    GRAPH_CONFIG,
    chart_footer,
    chart_in_place,
    export_menu,
    in_place,
    inline_choice,
    labelled_select,
    scrolling,
    table_children,
    titled_card,
)
from trustmap.analysis import nhs_story, outcomes
from trustmap.bundle.build import Build
from trustmap.bundle.health_vintages import health_vintages
from trustmap.model.values import council_periods
from trustmap.show import era_figures
from trustmap.show.chart_tables import records
from trustmap.show.view import indicator_options

PREFERRED_OUTCOME = "lait-lac"  # children looked after per 10,000: the trusts' core business
GROUPINGS = {
    "coterminous": "Coterminous throughout the span against the rest",
    "pathfinder": "Pathfinders against the other councils",
}
# The NHS geography by its name (`label`); its id ("ccg2019") stays out of the table.
CLASS_COUNT_COLUMNS = [
    {"field": "label", "header": "NHS geography"},
    {"field": "council_vintage"},
    {"field": "method"},
    {"field": "class_label"},
    {"field": "councils"},
    {"field": "bodies"},
    {"field": "expected_bodies"},
    {"field": "source"},
]
# "Did it matter?": each estimate of the difference (`outcomes.estimate_rows`).
ESTIMATE_COLUMNS = [
    {"field": "estimate"},
    {"field": "n"},
    {"field": "difference"},
    {"field": "ci"},
    {"field": "p"},
    {"field": "reading"},
]
OUTCOME_COLUMNS = [
    {"field": "la_code"},
    {"field": "la_name"},
    {"field": "group"},
    {"field": "value_from"},
    {"field": "value_to"},
    {"field": "change"},
    {"field": "covariate"},
]


def page(build: Build) -> list:
    """The NHS page: coterminosity through the reorganisations, and whether it mattered."""
    return [
        html.H1("NHS reorganisation, 2006-2024, and did it matter?", className="h4"),
        *story_content(build, class_count_outputs(build)),
    ]


def class_count_outputs(build: Build) -> dict:
    """The national chart of class counts, its notes, source line and table twin's rows."""
    table = nhs_story.class_count_table(build)
    return {
        "figure": era_figures.class_counts_figure(table).to_dict(),
        "notes": nhs_story.partly_determined(table),
        "source": nhs_story.class_counts_source(table),
        "rows": records(table.drop(columns=["kind", "date", "class", "councils_then"])),
    }


def class_counts_card(figure: go.Figure, notes: list[str], source: str, rows: list[dict]):
    """The national chart of class counts per health vintage, with its notes (what is not
    determined), source line, slide export and table twin."""
    graph = dcc.Graph(id=ids.CLASS_COUNTS, figure=figure, config=GRAPH_CONFIG)
    body = [
        in_place(graph, era_figures.CLASS_COUNTS_HEIGHT_PX),
        *(html.P(note, className="small mb-1") for note in notes),
        *chart_footer(
            "class-counts",
            CLASS_COUNT_COLUMNS,
            rows,
            source=source,
            export=export_menu("nhs-classes", query=""),
        ),
    ]
    return titled_card(
        "How many councils shared a boundary with their NHS commissioner", body, className="mb-3"
    )


def period_options(build: Build, indicator: str) -> list[dict]:
    return [{"label": p, "value": p} for p in council_periods(build, indicator)]


def default_outcome(build: Build) -> tuple[str, str, str]:
    """The indicator first shown (`PREFERRED_OUTCOME` if the build has it) and its first and
    last periods with council values."""
    known = outcomes.outcome_indicators(build["indicator_catalogue"])
    indicator = PREFERRED_OUTCOME if PREFERRED_OUTCOME in known else known[0]
    periods = council_periods(build, indicator)
    return indicator, periods[0], periods[-1]


def outcomes_card(build: Build) -> dbc.Card:
    """'Did it matter?': indicator, two periods, grouping and the span of NHS vintages; the
    chart of each council's change, the headline and estimates, the reading, who was left out
    and why, far councils, source and table twin."""
    catalogue = build["indicator_catalogue"]
    indicator, first, last = default_outcome(build)
    periods = period_options(build, indicator)
    vintages = [{"label": row.label, "value": row.id} for row in health_vintages().itertuples()]
    span_first, span_last = outcomes.DEFAULT_SPAN.split(":")
    indicators = indicator_options(catalogue, outcomes.outcome_indicators(catalogue))
    controls = dbc.Row(
        [
            dbc.Col(
                labelled_select("Indicator", ids.OUTCOME_INDICATOR, indicators, indicator), lg=6
            ),
            dbc.Col(labelled_select("From", ids.OUTCOME_FROM, periods, first), lg=3, xs=6),
            dbc.Col(labelled_select("To", ids.OUTCOME_TO, periods, last), lg=3, xs=6),
            dbc.Col(inline_choice(ids.OUTCOME_BY, GROUPINGS, "coterminous"), width=12),
            dbc.Col(
                labelled_select("Coterminous from", ids.OUTCOME_SPAN_FIRST, vintages, span_first),
                md=6,
            ),
            dbc.Col(labelled_select("through", ids.OUTCOME_SPAN_LAST, vintages, span_last), md=6),
        ],
        className="g-2 mb-2",
    )
    body = [
        controls,
        html.Div(id=ids.OUTCOME_ALERT),
        chart_in_place(ids.OUTCOME_CHART, era_figures.CHANGE_HEIGHT_PX),
        html.Div(id=ids.OUTCOME_READING),
        html.Div(id=ids.OUTCOME_DROPPED, className="small mb-1"),
        *chart_footer("outcomes", OUTCOME_COLUMNS, source_id=ids.OUTCOME_SOURCE),
    ]
    return titled_card("Did it matter? Councils' change, compared between groups", body)


def estimates_table(rows: list[dict]) -> html.Div:
    """The difference in change under each adjustment (`outcomes.estimate_rows`), small."""
    return scrolling(
        html.Table(table_children(ESTIMATE_COLUMNS, rows), className="table table-sm small mb-1"),
        "The difference in change, unadjusted and adjusted",
    )


def left_out_list(left_out: list[dict]) -> html.Ul:
    """Each council not compared, with its reason (`outcomes.left_out`)."""
    return html.Ul(
        [html.Li(f"{row['la_name']}: {row['reason']}") for row in left_out],
        className="small mb-1",
    )


def story_content(build: Build, class_counts: dict) -> list:
    """The section's body: `class_counts` holds the chart's figure, notes, source and rows."""
    return [class_counts_card(**class_counts), outcomes_card(build)]
