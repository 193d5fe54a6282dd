"""The group comparisons on the chosen indicator: pathfinders against the other councils,
coterminous councils against the rest, and pathfinders against their own statistical
neighbours, each with its plain reading, its caution for small groups and its table twin."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.charts import charts_section
from layouts.common import (
    BLANK_FIGURE,
    GRAPH_CONFIG,
    export_menu,
    in_place,
    labelled,
    table_twin,
    titled_card,
)
from trustmap.analysis.group_comparison import GROUPINGS
from trustmap.analysis.neighbours import DEFINITION, LIST_YEARS
from trustmap.bundle.build import Build
from trustmap.show.chart_figures import COMPARISON_HEIGHT_PX, NEIGHBOURS_MIN_HEIGHT_PX
from trustmap.show.chart_tables import COMPARISON_COLUMNS, NEIGHBOURS_COLUMNS
from trustmap.show.view import View
from trustmap.vocabulary import GROUPING_LABELS

TITLES = {by: GROUPING_LABELS[by] for by in GROUPINGS}
NEIGHBOURS_TITLE = GROUPING_LABELS["neighbours"]
DEFAULT_LIST = "2025"
COMPARISON_TWIN = [{"field": name} for name in COMPARISON_COLUMNS]
NEIGHBOURS_TWIN = [{"field": name} for name in NEIGHBOURS_COLUMNS]


def comparison_card(by: str) -> dbc.Col:
    """A grouping's words, its chart (hidden when it cannot be drawn, the words then saying
    why), the councils it leaves out or finds far from the rest, its footnote and its export."""
    body = [
        html.Div(id=ids.compare_text(by)),
        html.Div(
            in_place(
                dcc.Graph(id=ids.compare_graph(by), figure=BLANK_FIGURE, config=GRAPH_CONFIG),
                COMPARISON_HEIGHT_PX,
            ),
            id=ids.compare_chart_box(by),
        ),
        html.Div(id=ids.compare_footnote(by), className="small mb-1"),
        html.Div(export_menu(by), id=ids.compare_export(by), className="d-inline-block"),
    ]
    return dbc.Col(titled_card(TITLES[by], body), md=6)


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
    graph = in_place(
        dcc.Graph(id=ids.compare_graph("neighbours"), figure=BLANK_FIGURE, config=GRAPH_CONFIG),
        NEIGHBOURS_MIN_HEIGHT_PX,
    )
    body = [
        dbc.Row([dbc.Col(about, lg=5), dbc.Col(graph, lg=7)], className="g-3"),
        table_twin("neighbours", NEIGHBOURS_TWIN),
    ]
    return titled_card(NEIGHBOURS_TITLE, body, className="mt-3")


def comparison_section() -> html.Section:
    return html.Section(
        id=ids.COMPARISON_SECTION,
        children=[
            html.H2("Groups compared on the chosen indicator", className="h5 mt-4"),
            dbc.Row([comparison_card(by) for by in TITLES], className="g-3"),
            html.P(id=ids.COMPARE_SOURCE, className="small mt-2"),
            html.Div(table_twin("comparison", COMPARISON_TWIN), id=ids.COMPARE_TWIN_BOX),
            neighbours_card(),
        ],
    )


def page(build: Build, view: View) -> list:
    """The comparisons' page: groups compared, then two indicators and trends."""
    return [
        html.H1("Compare groups of councils", className="h4"),
        comparison_section(),
        charts_section(build, x_period=view.period),
    ]
