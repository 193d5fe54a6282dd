"""The group comparisons on the chosen indicator: pathfinders against the other councils,
coterminous councils against the rest, and pathfinders against their own statistical
neighbours, each with its plain reading, its caution for small groups and its table twin."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import BLANK_FIGURE, GRAPH_CONFIG, LAZY_CLASS, export_menu, labelled, table_twin
from trustmap.analysis.neighbours import DEFINITION, LIST_YEARS
from trustmap.show.chart_tables import COMPARISON_COLUMNS, NEIGHBOURS_COLUMNS

TITLES = {
    "pathfinder": "Pathfinders and other councils",
    "coterminous": "Coterminous councils and the rest",
}
NEIGHBOURS_TITLE = "Pathfinders and their own statistical neighbours"
DEFAULT_LIST = "2025"
WIDE_COLUMNS = {"reading", "caution", "source", "label", "filters", "reason"}


def _columns(names: list[str]) -> list[dict]:
    return [
        {"field": name, "width": 260, "tooltipField": name}
        if name in WIDE_COLUMNS
        else {"field": name, "width": 120}
        for name in names
    ]


def comparison_card(by: str) -> dbc.Col:
    body = [
        html.Div(id=ids.compare_text(by)),
        dcc.Graph(id=ids.compare_graph(by), figure=BLANK_FIGURE, config=GRAPH_CONFIG),
        html.P(id=ids.compare_footnote(by), className="small text-muted mb-1"),
        export_menu(by),
    ]
    return dbc.Col(dbc.Card([dbc.CardHeader(TITLES[by]), dbc.CardBody(body)]), md=6)


def neighbours_card() -> dbc.Card:
    """The matched comparison: its definition on screen, the neighbour list to use (DfE's May
    2025 list by default), the reading, a chart of each pathfinder's difference, its twin."""
    choose_list = dbc.RadioItems(
        id=ids.COMPARE_NEIGHBOUR_LIST,
        options=[{"label": f" {label} list", "value": year} for year, label in LIST_YEARS.items()],
        value=DEFAULT_LIST,
        inline=True,
    )
    about = [
        html.P(
            [
                html.Strong("How this is worked out. "),
                "DfE names each council's 10 most similar councils (its statistical "
                f"neighbours). {DEFINITION} The filters choose which pathfinders are compared; "
                "their neighbours stay DfE's, wherever they are.",
            ],
            className="small",
        ),
        labelled("DfE statistical neighbour list", choose_list, ids.COMPARE_NEIGHBOUR_LIST),
        html.Div(id=ids.compare_text("neighbours"), className="mt-2"),
        html.P(id=ids.compare_footnote("neighbours"), className="small text-muted mb-1"),
    ]
    graph = dcc.Graph(id=ids.compare_graph("neighbours"), figure=BLANK_FIGURE, config=GRAPH_CONFIG)
    return dbc.Card(
        [
            dbc.CardHeader(NEIGHBOURS_TITLE),
            dbc.CardBody(
                [
                    dbc.Row([dbc.Col(about, lg=5), dbc.Col(graph, lg=7)], className="g-3"),
                    table_twin("neighbours", _columns(NEIGHBOURS_COLUMNS)),
                ]
            ),
        ],
        className="mt-3",
    )


def comparison_section() -> html.Section:
    return html.Section(
        id=ids.COMPARISON_SECTION,
        className=LAZY_CLASS,
        children=[
            html.H2("Groups compared on the chosen indicator", className="h5 mt-4"),
            dbc.Row([comparison_card(by) for by in TITLES], className="g-3"),
            html.P(id=ids.COMPARE_SOURCE, className="small mt-2"),
            table_twin("comparison", _columns(COMPARISON_COLUMNS)),
            neighbours_card(),
        ],
    )
