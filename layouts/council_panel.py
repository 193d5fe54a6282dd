"""The panel of the selected council: name, status and coterminosity first, then its
coterminosity timeline strip, and in collapsible sections its spine chart against England, its
statistical neighbours, and its children and boundaries."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import BLANK_FIGURE, download_button, labelled, native_select, table_twin
from trustmap.analysis.neighbours import LIST_YEARS
from trustmap.bundle.themes import themes

DEFAULT_SPINE_THEME = "early-years"  # a children's theme the pathfinders named (11 of 35)
SPINE_BOX_PX = 560  # the spine chart scrolls inside this height: a theme has up to 171 rows
STATIC_GRAPH = {"displaylogo": False, "displayModeBar": False}
TIMELINE_COLUMNS = [
    {"field": "label", "headerName": "NHS geography", "width": 150},
    {"field": "class_label", "headerName": "class", "width": 160},
    {"field": "bodies", "flex": 1, "minWidth": 220, "tooltipField": "bodies"},
    {"field": "share_of_la_max", "headerName": "share in largest body", "width": 110},
    {"field": "method", "width": 110},
    {"field": "note", "width": 200, "tooltipField": "note"},
    {"field": "date", "width": 105},
    {"field": "source", "width": 240, "tooltipField": "source"},
]
SPINE_COLUMNS = [
    {"field": "label", "headerName": "indicator", "flex": 1, "minWidth": 220},
    {"field": "period", "width": 95},
    {"field": "value", "width": 95},
    {"field": "england_value", "headerName": "England", "width": 95},
    {"field": "unit", "width": 140},
    {"field": "lowest", "width": 85},
    {"field": "q25", "width": 80},
    {"field": "q75", "width": 80},
    {"field": "highest", "width": 85},
    {"field": "judgement", "width": 130},
    {"field": "method", "width": 100},
    {"field": "reason", "width": 260, "tooltipField": "reason"},
    {"field": "indicator_id", "width": 180},
]


def graph(component_id: str) -> dcc.Graph:
    """A graph that fills its container's width, its height set with its figure (as
    `{"height": "...px"}`): drawn while the panel is hidden, it still fits once shown."""
    return dcc.Graph(
        id=component_id,
        figure=BLANK_FIGURE,
        config=STATIC_GRAPH,
        responsive=True,
        style={"height": "0px"},
    )


def _table(summary: str, twin) -> html.Details:
    return html.Details([html.Summary(summary, className="small"), twin], className="mt-1")


def timeline_block() -> html.Div:
    """The coterminosity strip, 2006-2024, with its source and table twin."""
    return html.Div(
        [
            graph(ids.TIMELINE_GRAPH),
            html.P(id=ids.TIMELINE_SOURCE, className="small text-muted mb-1"),
            _table("The timeline as a table", table_twin("timeline", TIMELINE_COLUMNS)),
        ],
        className="mb-3",
    )


def spine_block() -> list:
    """Theme picker, spine chart (scrolling), key, caption, source, table twin and the full
    profile's CSV."""
    picker = native_select(
        ids.SPINE_THEME,
        [{"label": row.label, "value": row.theme} for row in themes().itertuples()],
        DEFAULT_SPINE_THEME,
    )
    return [
        labelled("Theme", picker, ids.SPINE_THEME),
        html.P(id=ids.SPINE_CAPTION, className="small mt-2 mb-1"),
        html.Div(id=ids.SPINE_KEY, className="small mb-1"),
        html.Div(
            dcc.Loading(
                graph(ids.SPINE_GRAPH),
                delay_show=200,
            ),
            style={"maxHeight": f"{SPINE_BOX_PX}px", "overflowY": "auto"},
            className="border rounded",
            # A scrolling box must take the keyboard's focus to be scrolled without a mouse.
            tabIndex="0",
            role="region",
            **{"aria-label": "Spine chart (scrolls)"},
        ),
        html.P(id=ids.SPINE_SOURCE, className="small text-muted mt-1 mb-1"),
        _table("The chart as a table", table_twin("spine", SPINE_COLUMNS)),
        download_button(
            "Download the full profile (every indicator, CSV)", ids.PROFILE_DOWNLOAD_BUTTON
        ),
        dcc.Download(id=ids.PROFILE_DOWNLOAD),
    ]


def neighbours_block() -> list:
    """The neighbour list's picker (May 2025 or April 2021) and the neighbours' slot."""
    return [
        dbc.RadioItems(
            id=ids.PANEL_NEIGHBOUR_LIST,
            options=[
                {"label": f"DfE list of {name}", "value": year}
                for year, name in reversed(LIST_YEARS.items())
            ],
            value="2025",
            inline=True,
            className="small mb-2",
        ),
        dcc.Loading(html.Div(id=ids.NEIGHBOURS), delay_show=200),
    ]


def council_panel() -> dbc.Card:
    sections = dbc.Accordion(
        [
            dbc.AccordionItem(spine_block(), title="Against England: spine chart", item_id="spine"),
            dbc.AccordionItem(
                neighbours_block(), title="Statistical neighbours", item_id="neighbours"
            ),
            dbc.AccordionItem(
                html.Div(id=ids.CHILDREN), title="Children and boundaries", item_id="children"
            ),
        ],
        always_open=True,
        active_item=["spine"],
    )
    return dbc.Card(
        [
            dbc.CardHeader("Selected council"),
            dbc.CardBody(
                [
                    html.Div(id=ids.DETAIL, className="mb-2"),
                    html.Div(
                        [timeline_block(), sections],
                        id=ids.PANEL_SECTIONS,
                        style={"display": "none"},
                    ),
                ]
            ),
        ]
    )
