"""The panel of the selected council: name, status and coterminosity first, then its
coterminosity timeline strip, and in collapsible sections its spine chart against England, its
statistical neighbours, and its children and boundaries."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import BLANK_FIGURE, download_button, labelled, native_select, table_twin
from trustmap.analysis.neighbours import LIST_YEARS
from trustmap.bundle.build import Build
from trustmap.bundle.themes import themes
from trustmap.model.council_search import council_name
from trustmap.model.vintages import council_table
from trustmap.show.view import View, shown, to_query

DEFAULT_SPINE_THEME = "early-years"  # a children's theme the pathfinders named (11 of 35)
# The spine chart scrolls inside this height, most of a 900 px screen: a theme has up to 171
# rows, each 62 px or more at full width.
SPINE_BOX_PX = 720
STATIC_GRAPH = {"displaylogo": False, "displayModeBar": False}
TIMELINE_COLUMNS = [
    {"field": "label", "header": "NHS geography"},
    {"field": "class_label"},
    {"field": "bodies"},
    {"field": "share_of_la_max"},
    {"field": "method"},
    {"field": "note"},
    {"field": "date"},
    {"field": "source"},
]
SPINE_COLUMNS = [
    {"field": "label", "header": "Indicator"},
    {"field": "period"},
    {"field": "value"},
    {"field": "england_value"},
    {"field": "unit"},
    {"field": "lowest"},
    {"field": "q25"},
    {"field": "q75"},
    {"field": "highest"},
    {"field": "judgement"},
    {"field": "method"},
    {"field": "reason"},
    {"field": "indicator_id"},
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


def nhs_bodies_block() -> html.Section:
    """The council's NHS bodies through time: a heading, and the slot its callback fills with
    the reading, the table (a year a row: commissioner, integrated care board, each classed)
    and its notes."""
    return html.Section(
        [
            html.H2("NHS bodies through time", className="h5"),
            dcc.Loading(html.Div(id=ids.NHS_BODIES), delay_show=200),
        ],
        className="mb-3",
    )


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
            dbc.CardBody(
                [
                    html.Div(id=ids.DETAIL, className="mb-2"),
                    html.Div(
                        [nhs_bodies_block(), timeline_block(), sections],
                        id=ids.PANEL_SECTIONS,
                        style={"display": "none"},
                    ),
                ]
            ),
        ]
    )


def page(build: Build, view: View, code: str) -> list:
    """One council's page at full width (the view callback selects `code`)."""
    name = council_name(build, code)
    if name is None:
        return [
            html.H1("No such council", className="h4"),
            html.P(
                [
                    f"No council has the code {shown(code)}. Find it by name above, or choose it "
                    "from the ",
                    dcc.Link("list of councils", href=f"/council{to_query(view)}"),
                    ".",
                ]
            ),
        ]
    return [html.H1(name, className="h4"), council_panel()]


def list_page(build: Build, view: View) -> list:
    """Every council of the view's vintage by region, each a link to its page: the keyboard's
    and the screen reader's way to every council the map shows."""
    councils = council_table(build, view.vintage).sort_values(["region_name", "la_name"])
    regions = [
        html.Section(
            [
                html.H2(region, className="h6 mt-3"),
                html.Ul(
                    [
                        html.Li(
                            dcc.Link(row.la_name, href=f"/council/{row.la_code}{to_query(view)}")
                        )
                        for row in rows.itertuples()
                    ],
                    className="list-unstyled trustmap-council-list",
                ),
            ]
        )
        for region, rows in councils.groupby("region_name", sort=True)
    ]
    return [
        html.H1(f"Councils of {view.vintage}", className="h4"),
        html.P(
            f"The {len(councils)} councils the map shows, by region. Choose one to open its page "
            "(its pathfinder status, its NHS bodies through time, its indicators against England "
            "and its statistical neighbours)."
        ),
        *regions,
    ]
