"""The charts section: two indicators against each other, a trend, and the published totals,
each chart with its table twin (an HTML table that downloads as CSV)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import (
    BLANK_FIGURE,
    GRAPH_CONFIG,
    chart_footer,
    in_place,
    labelled_select,
    titled_card,
)
from trustmap.bundle import themes
from trustmap.bundle.build import Build
from trustmap.model.values import council_periods
from trustmap.show.chart_figures import (
    CHART_HEIGHT_PX,
    PER_TRUST_NOT_PUBLISHED,
    published_totals_figure,
)
from trustmap.show.chart_tables import published_totals_table, records
from trustmap.show.view import indicator_options

PREFERRED_Y = ("lait-fsp-new-gooddev", "iod2019-idaci-average-score")

SCATTER_COLUMNS = [
    {"field": "la_code"},
    {"field": "la_name"},
    {"field": "group"},
    {"field": "x"},
    {"field": "y"},
]
TREND_COLUMNS = [
    {"field": "period"},
    {"field": "la_vintage"},
    {"field": "series"},
    {"field": "line"},
    {"field": "la_code"},
    {"field": "la_name"},
    {"field": "group"},
    {"field": "value"},
    {"field": "n"},
    {"field": "q1"},
    {"field": "q3"},
    {"field": "value_exact"},
]
PUBLISHED_COLUMNS = [
    {"field": "priority"},
    {"field": "theme"},
    {"field": "trusts"},
    {"field": "of_trusts"},
    {"field": "source"},
]


def default_y_indicator(build: Build) -> str:
    known = set(build["indicator_catalogue"]["id"])
    return next((i for i in PREFERRED_Y if i in known), build["indicator_catalogue"]["id"].iat[0])


def period_choice(
    build: Build, indicator_id: str, same_as: str | None = None
) -> tuple[list[dict], str | None]:
    """Periods of an indicator that have council values, and the one to show: `same_as` (the
    first indicator's period) where the indicator has it, else the latest."""
    periods = council_periods(build, indicator_id)
    chosen = same_as if same_as in periods else (periods[-1] if periods else None)
    return [{"label": p, "value": p} for p in periods], chosen


def _loading_chart(component_id: str) -> dcc.Loading:
    """A chart its callback draws, its height kept, a spinner over its box while it redraws."""
    graph = dcc.Graph(id=component_id, figure=BLANK_FIGURE, config=GRAPH_CONFIG)
    return dcc.Loading(in_place(graph, CHART_HEIGHT_PX), delay_show=200)


def scatter_card(build: Build, x_period: str | None) -> dbc.Card:
    y_indicator = default_y_indicator(build)
    options, latest = period_choice(build, y_indicator, x_period)
    catalogue = build["indicator_catalogue"]
    indicators = indicator_options(catalogue, list(catalogue["id"]))
    body = [
        dbc.Row(
            [
                dbc.Col(
                    labelled_select(
                        "Second indicator (y)", ids.Y_INDICATOR, indicators, y_indicator
                    ),
                    md=9,
                ),
                dbc.Col(labelled_select("Its period", ids.Y_PERIOD, options, latest), md=3),
            ],
            className="g-2 mb-2",
        ),
        html.Div(id=ids.SCATTER_ALERT),
        _loading_chart(ids.SCATTER),
        *chart_footer("scatter", SCATTER_COLUMNS, source_id=ids.SCATTER_SOURCE),
    ]
    return titled_card("The chosen indicator against a second one", body, className="h-100")


def trend_card() -> dbc.Card:
    body = [
        html.Div(id=ids.TREND_NOTE),
        html.Div(_loading_chart(ids.TREND), id=ids.TREND_BOX),
        *chart_footer("trend", TREND_COLUMNS, source_id=ids.TREND_SOURCE),
    ]
    return titled_card("The chosen indicator over time", body, className="h-100")


def published_card() -> dbc.Card:
    """Static: the totals never change with the view, and no council can be linked to them."""
    table = published_totals_table()
    facts = [
        html.Li(f"{row.priority.capitalize()}: {row.trusts} of {row.of_trusts} trusts")
        for row in table.itertuples()
    ]
    body = [
        html.P("Priorities for service development named most often:", className="mb-1"),
        html.Ul(facts, className="mb-2"),
        html.P(themes.POOLED_BUDGETS_FINDING, className="mb-2"),
        dbc.Alert(PER_TRUST_NOT_PUBLISHED, color="light", className="small py-2"),
        dcc.Graph(id=ids.PUBLISHED, figure=published_totals_figure(table), config=GRAPH_CONFIG),
        *chart_footer(
            "published",
            PUBLISHED_COLUMNS,
            records(table),
            source=f"Source: {themes.BACHMANN_2006}.",
        ),
    ]
    return titled_card("What the 35 trusts reported: published totals", body)


def charts_section(build: Build, *, x_period: str | None = None) -> html.Section:
    """The section, its second indicator on `x_period` (the view's period) where it has it."""
    return html.Section(
        [
            html.H2(
                "Two indicators, trends over time, and the published findings", className="h5 mt-4"
            ),
            dbc.Row(
                [dbc.Col(scatter_card(build, x_period), lg=6), dbc.Col(trend_card(), lg=6)],
                className="g-3",
            ),
            dbc.Row(dbc.Col(published_card(), lg=6), className="g-3 mt-1"),
        ]
    )
