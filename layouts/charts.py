"""The charts section: two indicators against each other, a trend, and the published totals,
each chart with its table twin (an HTML table that downloads as CSV)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import BLANK_FIGURE, GRAPH_CONFIG, in_place, labelled, native_select, table_twin
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


def scatter_card(build: Build, x_period: str | None) -> dbc.Card:
    y_indicator = default_y_indicator(build)
    options, latest = period_choice(build, y_indicator, x_period)
    catalogue = build["indicator_catalogue"]
    return dbc.Card(
        [
            dbc.CardHeader("The chosen indicator against a second one"),
            dbc.CardBody(
                [
                    dbc.Row(
                        [
                            dbc.Col(
                                labelled(
                                    "Second indicator (y)",
                                    native_select(
                                        ids.Y_INDICATOR,
                                        indicator_options(catalogue, list(catalogue["id"])),
                                        y_indicator,
                                    ),
                                    ids.Y_INDICATOR,
                                ),
                                md=9,
                            ),
                            dbc.Col(
                                labelled(
                                    "Its period",
                                    native_select(ids.Y_PERIOD, options, latest),
                                    ids.Y_PERIOD,
                                ),
                                md=3,
                            ),
                        ],
                        className="g-2 mb-2",
                    ),
                    html.Div(id=ids.SCATTER_ALERT),
                    dcc.Loading(
                        in_place(
                            dcc.Graph(id=ids.SCATTER, figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                            CHART_HEIGHT_PX,
                        ),
                        delay_show=200,
                    ),
                    html.P(id=ids.SCATTER_SOURCE, className="small mb-1"),
                    table_twin("scatter", SCATTER_COLUMNS),
                ]
            ),
        ],
        className="h-100",
    )


def trend_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader("The chosen indicator over time"),
            dbc.CardBody(
                [
                    html.Div(id=ids.TREND_NOTE),
                    html.Div(
                        dcc.Loading(
                            in_place(
                                dcc.Graph(id=ids.TREND, figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                                CHART_HEIGHT_PX,
                            ),
                            delay_show=200,
                        ),
                        id=ids.TREND_BOX,
                    ),
                    html.P(id=ids.TREND_SOURCE, className="small mb-1"),
                    table_twin("trend", TREND_COLUMNS),
                ]
            ),
        ],
        className="h-100",
    )


def published_card() -> dbc.Card:
    """Static: the totals never change with the view, and no council can be linked to them."""
    table = published_totals_table()
    facts = [
        html.Li(f"{row.priority.capitalize()}: {row.trusts} of {row.of_trusts} trusts")
        for row in table.itertuples()
    ]
    return dbc.Card(
        [
            dbc.CardHeader("What the 35 trusts reported: published totals"),
            dbc.CardBody(
                [
                    html.P(
                        "Priorities for service development named most often:", className="mb-1"
                    ),
                    html.Ul(facts, className="mb-2"),
                    html.P(themes.POOLED_BUDGETS_FINDING, className="mb-2"),
                    dbc.Alert(PER_TRUST_NOT_PUBLISHED, color="light", className="small py-2"),
                    dcc.Graph(
                        id=ids.PUBLISHED,
                        figure=published_totals_figure(table),
                        config=GRAPH_CONFIG,
                    ),
                    html.P(f"Source: {themes.BACHMANN_2006}.", className="small mb-1"),
                    table_twin("published", PUBLISHED_COLUMNS, records(table)),
                ]
            ),
        ]
    )


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
