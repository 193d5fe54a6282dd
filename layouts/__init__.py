"""The dashboard's page: header, side panel of controls, map and council panel, comparisons,
charts, about.

Layouts build components from the core's tables; they never import `callbacks`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.common import LAZY_CLASS
from layouts.controls import side_panel
from layouts.era_section import era_section
from layouts.map_section import map_section
from layouts.nhs_story import nhs_story_section
from layouts.priorities import priorities_section
from trustmap.bundle.build import Build
from trustmap.bundle.themes import published_priorities
from trustmap.show.view import Choices

ORDER = ("order-0 order-lg-1", "order-1 order-lg-2", "order-2 order-lg-0")


def main_layout(build: Build, choices: Choices) -> html.Div:
    """The page: the map first with the controls beside it (below it on a phone) and the
    selected council's panel; comparisons and charts below. The default view's map is drawn
    straight away, before any callback: a plain link to the app paints without a round trip."""
    view = choices.default_view()
    return html.Div(
        [
            html.A(
                "Skip to the map", href=f"#{ids.MAP_SECTION}", className="visually-hidden-focusable"
            ),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.AREA),
            dcc.Store(id=ids.COMPARISON_KEY),
            dcc.Store(id=ids.TREND_KEY),
            dcc.Store(id=ids.PANEL_KEY, data={}),
            dcc.Store(id=ids.PANEL_INDICATOR_KEY, data={}),
            dcc.Store(id=ids.OWN_KEY),
            dcc.Store(id=ids.COMPARISON_WANTED),
            dcc.Store(id=ids.TREND_WANTED),
            dcc.Store(id=ids.LAZY_VISIBLE, data=False),
            dcc.Store(id=ids.MAP_PAINTED),
            dcc.Download(id=ids.MAP_DOWNLOAD),
            dbc.Container(
                [
                    header(),
                    html.Div(id=ids.URL_ALERT),
                    dbc.Row(
                        [
                            # A phone shows the map, then the council, then the controls.
                            dbc.Col(side_panel(build, choices), xl=3, lg=4, className=ORDER[2]),
                            dbc.Col(
                                map_section(build, choices, view), xl=6, lg=8, className=ORDER[0]
                            ),
                            # filled once the map has painted, like every part with a chart
                            # or a table: plotly.js and AG Grid load after the map.
                            dbc.Col(html.Div(id=ids.PANEL_SLOT), xl=3, lg=12, className=ORDER[1]),
                        ],
                        className="g-3",
                    ),
                    html.Div(id=ids.COMPARISON_SLOT),
                    era_section(),
                    nhs_story_section(),
                    # filled once the map has painted
                    html.Div(id=ids.CHARTS_SLOT, className=LAZY_CLASS),
                    about(build),
                    priorities_section(),
                ],
                fluid=True,
                className="py-2",
                tag="main",
            ),
        ]
    )


def header() -> html.Header:
    return html.Header(
        [
            html.H1("trustmap", className="h4 mb-0"),
            html.P(
                "England's 35 children's trust pathfinders (July 2003), how council and NHS "
                "boundaries line up from 2006 to 2024, and indicators for every council.",
                className="text-muted small mb-2",
            ),
        ]
    )


def about(build: Build) -> dbc.Accordion:
    priorities = published_priorities()
    layers = [html.Li(f"{layer['layer']}: {layer['coverage']}") for layer in build.layers]
    return dbc.Accordion(
        dbc.AccordionItem(
            [
                html.P(
                    "In July 2003 the government announced 35 children's trust pathfinders "
                    '(Community Care, "Children\'s Trusts"). The national evaluation found that '
                    '"areas where local authorities and health authorities shared geographical '
                    'boundaries made most progress" (Bachmann et al., Child: Care, Health and '
                    "Development, 2009)."
                ),
                html.P(
                    "Priorities the trusts named most often (Bachmann et al. 2006; per-trust "
                    "choices were not published): "
                    + "; ".join(
                        f"{row.label} ({row.published_priority_trusts} of {row.of_trusts})"
                        for row in priorities.itertuples()
                    )
                    + "."
                ),
                html.P("Layers in this build:", className="mb-1"),
                html.Ul(layers, className="small"),
            ],
            title="About the data",
        ),
        start_collapsed=True,
        className="my-4",
    )
