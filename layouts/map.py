"""The council map (dash-leaflet, SVG: no WebGL, no plotly.js before it paints) with its London
inset, legend, notes, source line, downloads and exports.

The outlines come from content-addressed files (`serving.map_files`); the colours of a view
come as its paint, a few kB the browser fetches and applies itself (`assets/trustmap_map.js`).
The page is served with the default view's paint, so a plain link draws without a round trip.
"""

from __future__ import annotations

import dash_leaflet as dl
from dash import dcc, html

from layouts import ids
from layouts.common import briefing_buttons, download_button, export_menu
from trustmap.bundle.build import Build
from trustmap.bundle.sources import OGL_ATTRIBUTION
from trustmap.model.pathfinders import status_in_words, vintage_pathfinders
from trustmap.model.vintages import council_table
from trustmap.show.map_paint import PAINTED_FIELDS, map_paint
from trustmap.show.outlines import council_outline, health_outline
from trustmap.show.view import Choices, View, to_query
from trustmap.vocabulary import MAP_KEY_LABELS, council_type

__all__ = [
    "OUTLINE_PREFIX",
    "PAINT_PATH",
    "WORDS",
    "map_config",
    "map_section",
    "outline_url",
    "page",
    "preload_link",
    "selected_line",
]

OUTLINE_PREFIX = "/map/outlines"
PAINT_PATH = "/map/paint.json"
ENGLAND = [[49.85, -6.45], [55.85, 1.8]]
LONDON = [[51.28, -0.52], [51.70, 0.34]]
ZOOM_SNAP = 0.25  # England's map zooms in quarter steps (the inset in Leaflet's whole ones)
# What a paint says beside the map, in this order: its legend, its note, its source. Dash
# draws them empty; the browser writes them with each paint (`say` in trustmap_map.js).
WORDS = (ids.MAP_LEGEND, ids.MAP_ALERT, ids.MAP_SOURCE)
NO_COUNCIL = "Click a council on the map, or find it by name above, to open its page."
JS = "trustmapMap"  # the namespace of assets/trustmap_map.js


def function(name: str) -> dict:
    """A function of assets/trustmap_map.js as dash-leaflet takes it (no eval: CSP-safe)."""
    return {"variable": f"{JS}.{name}"}


def outline_url(build: Build, vintage: str) -> str:
    return f"{OUTLINE_PREFIX}/councils-{vintage}.{council_outline(build, vintage).digest}.geojson"


def health_url(build: Build, health_id: str) -> str:
    digest = health_outline(build, health_id).digest
    return f"{OUTLINE_PREFIX}/health-{health_id}.{digest}.geojson"


def map_config(build: Build, choices: Choices) -> dict:
    """What the browser needs to fetch outlines and paints: URLs by vintage and health vintage,
    the overlays' labels, the build key, the fields of a paint's URL, the view fields the
    controls set and the ids of what a paint says."""
    return {
        "build": build.directory.name,
        "paint": PAINT_PATH,
        "fields": list(PAINTED_FIELDS),
        "controls": list(ids.CONTROLS),
        "words": list(WORDS),
        "key": MAP_KEY_LABELS,
        "outlines": {vintage: outline_url(build, vintage) for vintage in choices.vintages},
        "health": {
            health: {"url": health_url(build, health), "label": label}
            for health, label in choices.health_overlays.items()
        },
        "england": ENGLAND,
    }


def council_layers(prefix: str, url: str, paint: dict) -> list:
    """Fills (clickable, hover text), the health overlay's pane, then the outlines of the
    pathfinders and the selected council on top of both, each over a light casing (a pane of
    its own, so that it stays under the outlines however the layers load).

    Their `hideout` is the page's paint and never changes: a new paint restyles their councils
    in place (trustmap_map.js), which finds each layer as its councils are added."""
    return [
        dl.GeoJSON(
            id=f"{prefix}-fill",
            url=url,
            hideout=paint,
            style=function("fillStyle"),
            onEachFeature=function("bindHover"),
            eventHandlers={"layeradd": function("fillsAdded")},
        ),
        dl.Pane(
            dl.LayerGroup(id=f"{prefix}-health"), name=f"{prefix}-health", style={"zIndex": 410}
        ),
        line_layer(prefix, "casing", url, paint, z_index=415),
        line_layer(prefix, "outlines", url, paint, z_index=420),
    ]


def line_layer(prefix: str, kind: str, url: str, paint: dict, z_index: int) -> dl.Pane:
    """The pathfinders' and the selected council's lines of `kind` ("casing" or "outlines",
    styled by `casingStyle` or `outlineStyle`) in a pane of their own at `z_index`."""
    return dl.Pane(
        dl.GeoJSON(
            id=f"{prefix}-{kind}",
            url=url,
            hideout=paint,
            style=function({"casing": "casingStyle", "outlines": "outlineStyle"}[kind]),
            interactive=False,
            eventHandlers={"layeradd": function("linesAdded")},
        ),
        name=f"{prefix}-{kind}",
        style={"zIndex": z_index},
    )


def council_map(url: str, paint: dict) -> html.Div:
    """England's map; beside it (below it on a phone) the London inset and the legend."""
    england = dl.Map(
        council_layers("map", url, paint),
        id=ids.MAP,
        bounds=paint["zoom"] or ENGLAND,
        zoomSnap=ZOOM_SNAP,
        zoomDelta=0.5,
        # The wheel scrolls the page until the map is clicked (or with Ctrl): trustmap_map.js.
        scrollWheelZoom=False,
        eventHandlers={
            "click": function("wheelOn"),
            "mouseout": function("wheelOff"),
            "mouseover": function("ctrlWheel"),
        },
        trackViewport=False,
        attributionControl=False,
        className="trustmap-map",
    )
    london = dl.Map(
        council_layers("inset", url, paint),
        id=ids.INSET,
        bounds=LONDON,
        zoomControl=False,
        dragging=False,
        scrollWheelZoom=False,
        doubleClickZoom=False,
        touchZoom=False,
        boxZoom=False,
        keyboard=False,
        trackViewport=False,
        attributionControl=False,
        className="trustmap-inset",
    )
    aside = html.Div(
        [
            html.Figure(
                [html.Figcaption("London", className="small fw-semibold mb-0"), london],
                className="mb-2",
            ),
            html.Div(id=ids.MAP_LEGEND, className="trustmap-legend small"),
        ],
        className="trustmap-map-aside",
    )
    return html.Div(
        [england, aside],
        className="trustmap-map-frame",
        role="region",
        **{"aria-label": "Map of England's councils; use Find a council to select one"},
    )


def drawn(paint: dict, url: str) -> dict:
    """What the page is served with, as the browser's paint function keeps what the settled
    view has set (assets/trustmap_map.js, which changes only what differs): the paint, its zoom
    and outlines, and no health overlay (the browser adds the view's as the page opens)."""
    return {"query": paint["query"], "zoom": paint["zoom"], "url": url, "health": None}


def map_section(build: Build, choices: Choices, view: View) -> html.Section:
    paint = map_paint(build, view)
    config = map_config(build, choices)
    return html.Section(
        [
            dcc.Store(id=ids.MAP_CONFIG, data=config),
            dcc.Store(id=ids.MAP_DRAWN, data=drawn(paint, config["outlines"][view.vintage])),
            dcc.Download(id=ids.MAP_DOWNLOAD),
            html.Div(id=ids.MAP_ALERT, role="status"),
            council_map(config["outlines"][view.vintage], paint),
            html.P(id=ids.MAP_SOURCE, className="small mb-1"),
            html.P(OGL_ATTRIBUTION, className="small text-muted mb-2"),
            html.Div(
                [
                    download_button("Map data (CSV)", ids.MAP_DOWNLOAD_BUTTON, ""),
                    export_menu("map", query=to_query(view)),
                    *briefing_buttons(to_query(view)),
                ]
            ),
        ],
        id=ids.MAP_SECTION,
        **{"aria-label": "Map"},
    )


def preload_link(build: Build, choices: Choices) -> str:
    """<link rel=preload> of the default vintage's outlines: fetched while the page parses,
    before the scripts and the layout."""
    url = outline_url(build, choices.default_view().vintage)
    return f'<link rel="preload" href="{url}" as="fetch" crossorigin="anonymous">'


def page(build: Build, choices: Choices, view: View) -> list:
    """The landing page: the selected council's line (near the top on a phone too), then the
    map painted for the view, so it draws before any callback."""
    return [
        html.H1(
            "Children's trust pathfinders and NHS boundaries, council by council", className="h4"
        ),
        html.Div(selected_line(build, view), id=ids.SELECTED, role="status", className="mb-2"),
        map_section(build, choices, view),
    ]


def selected_line(build: Build, view: View) -> list:
    """Who is selected, in words, with a link to the council's page; or how to select one."""
    if view.area is None:
        return [html.P(NO_COUNCIL, className="small text-muted mb-0")]
    status = vintage_pathfinders(build, view.vintage).set_index("la_code")
    if view.area not in status.index:
        return [html.P(f"Council {view.area} is not one of the councils of {view.vintage}.")]
    row = status.loc[view.area]
    kind = council_table(build, view.vintage).set_index("la_code").at[view.area, "la_type"]
    return [
        html.P(
            [
                html.Strong(row["la_name"]),
                f", {council_type(kind)}, {status_in_words(row)}. ",
                dcc.Link(
                    f"Open {row['la_name']}'s page",
                    href=f"/council/{view.area}{to_query(view)}",
                    className="fw-semibold",
                ),
            ],
            className="mb-0",
        )
    ]
