"""The map with its source line, downloads and exports; `map_figure` draws a view's map."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from layouts import ids
from layouts.common import GRAPH_CONFIG, download_button, export_menu
from trustmap.build import Build
from trustmap.health_classes import health_areas
from trustmap.map_content import highlighted_councils, map_content
from trustmap.map_figure import council_geojson, council_map, health_geojson, health_outline
from trustmap.pathfinders import pathfinder_codes
from trustmap.sources import OGL_ATTRIBUTION
from trustmap.view import FILTERS, Choices, View


def vintage_geojson(build: Build, vintage: str) -> dict:
    """Display outlines of a vintage's councils (EPSG:4326), made once per process."""
    display = build["councils_display"]
    return build.memo(
        ("council_geojson", vintage),
        lambda: council_geojson(display[display["vintage"] == vintage]),
    )


def health_trace(build: Build, health: str, label: str) -> go.Choroplethmap:
    geojson = build.memo(
        ("health_geojson", health),
        lambda: health_geojson(health_areas(build, health, display=True)),
    )
    return health_outline(geojson, label)


def map_figure(build: Build, choices: Choices, view: View) -> go.Figure:
    """The whole map of a (settled) view: geometry, colours, pathfinder outlines, overlay."""
    content = map_content(build, view)
    figure = council_map(
        vintage_geojson(build, view.vintage),
        content.colouring,
        pathfinder_codes(build, view.vintage),
        highlighted_councils(build, view),
    )
    if view.health:
        figure.add_trace(health_trace(build, view.health, choices.health_overlays[view.health]))
    return figure


def drawn_key(view: View) -> dict:
    """What the map shows of a view: outside indicator mode the indicator does not change it."""
    shown = ("vintage", "colour", "area", *FILTERS, "health")
    if view.colour == "indicator":
        shown += ("indicator", "period", "scheme")
    return {name: getattr(view, name) for name in shown}


def map_section(figure, source: str) -> html.Div:
    return html.Div(
        [
            html.Div(id=ids.MAP_ALERT),
            dcc.Graph(id=ids.MAP, figure=figure, config=GRAPH_CONFIG),
            html.P(
                "Thick dark outline: the 2003 children's trust pathfinders (or their successors).",
                className="small mb-1",
            ),
            html.P(source, id=ids.MAP_SOURCE, className="small mb-1"),
            html.P(OGL_ATTRIBUTION, className="small text-muted mb-2"),
            download_button("Download the map's data (CSV)", ids.MAP_DOWNLOAD_BUTTON, ""),
            export_menu("map"),
            dbc.Button(
                "Briefing pack (PDF)",
                id=ids.EXPORT_BRIEFING,
                href="#",
                external_link=True,
                target="_blank",
                size="sm",
                color="primary",
                className="ms-2",
            ),
        ]
    )
