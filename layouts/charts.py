"""The charts section: two indicators against each other, a trend, and the published totals,
each chart with its table twin (an AG Grid that downloads as CSV)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.state import indicator_options
from layouts.common import BLANK_FIGURE, GRAPH_CONFIG
from trustmap import charts, themes
from trustmap.build import Build

PREFERRED_Y = ("lait-fsp-new-gooddev", "iod2019-idaci-average-score")
GRID_HEIGHT_PX = 240

SCATTER_COLUMNS = [
    {"field": "la_code", "width": 110},
    {"field": "la_name", "flex": 1, "minWidth": 150},
    {"field": "group", "width": 130},
    {"field": "x", "width": 100},
    {"field": "y", "width": 100},
]
TREND_COLUMNS = [
    {"field": name, "width": 110}
    for name in ("period", "la_vintage", "group", "n", "median", "q1", "q3", "indicator")
] + [{"field": "source", "width": 200}]
COMPARISON_COLUMNS = [{"field": name, "width": 120} for name in charts.COMPARISON_COLUMNS]
PUBLISHED_COLUMNS = [
    {"field": "priority", "width": 170},
    {"field": "theme", "headerName": "dashboard theme", "width": 200},
    {"field": "trusts", "width": 80},
    {"field": "of_trusts", "width": 90},
    {"field": "source", "flex": 1, "minWidth": 240, "tooltipField": "source"},
]


def grid_columns(column_defs: list[dict]) -> list[dict]:
    """Column definitions headed by their field unless named otherwise: AG Grid would
    capitalise a field ("La_vintage"), and the header is the CSV's header."""
    return [{"headerName": column["field"], **column} for column in column_defs]


def grid_id(name: str) -> dict:
    return {"type": "charts-grid", "name": name}


def grid_download_id(name: str) -> dict:
    return {"type": "charts-grid-download", "name": name}


def table_twin(name: str, column_defs: list[dict], row_data: list[dict] | None = None):
    """A chart's table twin: an AG Grid and a button that exports it as `trustmap_{name}.csv` (the
    profile grid's pattern; `callbacks.charts.export_grid` serves every twin by `name`)."""
    return html.Div(
        [
            dag.AgGrid(
                id=grid_id(name),
                rowData=row_data or [],
                columnDefs=grid_columns(column_defs),
                defaultColDef={"sortable": True, "resizable": True, "filter": True},
                style={"height": f"{GRID_HEIGHT_PX}px"},
                csvExportParams={"fileName": f"trustmap_{name}.csv"},
            ),
            dbc.Button(
                "Download the table (CSV)",
                id=grid_download_id(name),
                size="sm",
                color="secondary",
                outline=True,
                className="mt-2",
            ),
        ],
        className="mt-2",
    )


def comparison_twin() -> html.Div:
    """Table twin for the comparison box plots: fill `grid_id("comparison")`'s rowData with
    `charts.records(charts.comparison_table(result_pathfinder, result_coterminous))`."""
    return table_twin("comparison", COMPARISON_COLUMNS)


def default_y_indicator(build: Build) -> str:
    known = set(build["indicator_catalogue"]["id"])
    return next((i for i in PREFERRED_Y if i in known), build["indicator_catalogue"]["id"].iat[0])


def period_choice(build: Build, indicator_id: str) -> tuple[list[dict], str | None]:
    """Periods of an indicator that have council values, and the latest of them."""
    periods = charts.council_periods(build, indicator_id)
    return [{"label": p, "value": p} for p in periods], periods[-1] if periods else None


def scatter_card(build: Build) -> dbc.Card:
    y_indicator = default_y_indicator(build)
    options, latest = period_choice(build, y_indicator)
    catalogue = build["indicator_catalogue"]
    return dbc.Card(
        [
            dbc.CardHeader("The chosen indicator against a second one"),
            dbc.CardBody(
                [
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label(
                                        "Second indicator (y)",
                                        html_for="charts-y-indicator",
                                        className="small mb-1",
                                    ),
                                    dcc.Dropdown(
                                        id="charts-y-indicator",
                                        options=indicator_options(catalogue, list(catalogue["id"])),
                                        value=y_indicator,
                                        clearable=False,
                                        optionHeight=50,
                                    ),
                                ],
                                md=9,
                            ),
                            dbc.Col(
                                [
                                    dbc.Label(
                                        "Its period",
                                        html_for="charts-y-period",
                                        className="small mb-1",
                                    ),
                                    dcc.Dropdown(
                                        id="charts-y-period",
                                        options=options,
                                        value=latest,
                                        clearable=False,
                                    ),
                                ],
                                md=3,
                            ),
                        ],
                        className="g-2 mb-2",
                    ),
                    html.Div(id="charts-scatter-alert"),
                    dcc.Loading(
                        dcc.Graph(id="charts-scatter", figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                        delay_show=200,
                    ),
                    html.P(id="charts-scatter-source", className="small mb-1"),
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
                    html.Div(id="charts-trend-note"),
                    html.Div(
                        dcc.Loading(
                            dcc.Graph(id="charts-trend", figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                            delay_show=200,
                        ),
                        id="charts-trend-box",
                    ),
                    html.P(id="charts-trend-source", className="small mb-1"),
                    table_twin("trend", TREND_COLUMNS),
                ]
            ),
        ],
        className="h-100",
    )


def published_card() -> dbc.Card:
    """Static: the totals never change with the view, and no council can be linked to them."""
    table = charts.published_totals_table()
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
                    dbc.Alert(
                        charts.PER_TRUST_NOT_PUBLISHED, color="light", className="small py-2"
                    ),
                    dcc.Graph(
                        id="charts-published",
                        figure=charts.published_totals_figure(table),
                        config=GRAPH_CONFIG,
                    ),
                    html.P(f"Source: {themes.BACHMANN_2006}.", className="small mb-1"),
                    table_twin("published", PUBLISHED_COLUMNS, charts.records(table)),
                ]
            ),
        ]
    )


def charts_section(build: Build) -> html.Section:
    return html.Section(
        [
            dcc.Store(id="charts-scatter-drawn"),
            dcc.Store(id="charts-trend-drawn"),
            html.H2(
                "Two indicators, trends over time, and the published findings", className="h5 mt-4"
            ),
            dbc.Row(
                [dbc.Col(scatter_card(build), lg=6), dbc.Col(trend_card(), lg=6)],
                className="g-3",
            ),
            dbc.Row(dbc.Col(published_card(), lg=6), className="g-3 mt-1"),
        ]
    )
