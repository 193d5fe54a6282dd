"""Pathfinders against the other councils, and coterminous councils against the rest, on the
chosen indicator, each with its table twin."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import BLANK_FIGURE, GRAPH_CONFIG, export_menu, table_twin
from trustmap.chart_tables import COMPARISON_COLUMNS

TITLES = {
    "pathfinder": "Pathfinders and other councils",
    "coterminous": "Councils coterminous with their CCG (April 2019) and the rest",
}


def comparison_card(by: str) -> dbc.Col:
    body = [
        dcc.Graph(id=ids.compare_graph(by), figure=BLANK_FIGURE, config=GRAPH_CONFIG),
        html.Div(id=ids.compare_text(by)),
        export_menu(by),
    ]
    return dbc.Col(dbc.Card([dbc.CardHeader(TITLES[by]), dbc.CardBody(body)]), md=6)


def comparison_section() -> html.Section:
    return html.Section(
        [
            html.H2("Groups compared on the chosen indicator", className="h5 mt-4"),
            dbc.Row([comparison_card(by) for by in TITLES], className="g-3"),
            html.P(id=ids.COMPARE_SOURCE, className="small mt-2"),
            table_twin(
                "comparison", [{"field": name, "width": 120} for name in COMPARISON_COLUMNS]
            ),
        ]
    )
