"""The dashboard's page: header, controls, map and council panel, comparisons, charts, about.

Layouts build components from the core's tables; they never import `callbacks`.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.comparison_section import comparison_section
from layouts.controls import controls, filters
from layouts.council_panel import council_panel
from layouts.era_section import era_section
from layouts.map_section import drawn_key, map_figure, map_section
from layouts.nhs_story import nhs_story_section
from trustmap.build import Build
from trustmap.map_content import map_content
from trustmap.themes import published_priorities
from trustmap.view import Choices


def main_layout(build: Build, choices: Choices) -> dbc.Container:
    """The page, with the default view's map drawn straight away, before any callback: a plain
    link to the app paints without a round trip."""
    view = choices.default_view()
    return dbc.Container(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.AREA),
            dcc.Store(id=ids.MAP_DRAWN, data=drawn_key(view)),
            dcc.Store(id=ids.COMPARISON_KEY),
            dcc.Store(id=ids.TREND_KEY),
            dcc.Store(id=ids.MAP_PAINTED),
            dcc.Download(id=ids.MAP_DOWNLOAD),
            header(),
            html.Div(id=ids.URL_ALERT),
            controls(build, choices),
            filters(choices),
            dbc.Row(
                [
                    dbc.Col(
                        map_section(
                            map_figure(build, choices, view), map_content(build, view).source
                        ),
                        lg=7,
                    ),
                    dbc.Col(council_panel(), lg=5),
                ],
                className="g-3",
            ),
            comparison_section(),
            era_section(),
            nhs_story_section(),
            html.Div(id=ids.CHARTS_SLOT),  # filled once the map has painted
            about(build),
        ],
        fluid=True,
        className="py-3",
    )


def header() -> html.Header:
    return html.Header(
        [
            html.H1("trustmap", className="h3 mb-0"),
            html.P(
                "England's 35 children's trust pathfinders (July 2003), how council and health "
                "boundaries line up, and indicators for every council.",
                className="text-muted mb-3",
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
