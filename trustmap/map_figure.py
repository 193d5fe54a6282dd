"""The interactive council map: a plotly figure of one vintage's councils in their colour
classes, the pathfinders outlined, optional health-area outlines. Display polygons are
EPSG:4326 GeoJSON; the map draws on MapLibre's `white-bg` style, so the browser fetches no
tiles, fonts or sprites from anywhere."""

from __future__ import annotations

import geopandas as gpd
import plotly.graph_objects as go

from trustmap.colouring import NO_DATA_COLOUR, Colouring
from trustmap.formatting import wrap_html

__all__ = [
    "MAP_HEIGHT_PX",
    "colouring_properties",
    "council_geojson",
    "council_map",
    "health_geojson",
    "health_outline",
    "selected_points",
]


ENGLAND_CENTRE = {"lat": 53.0, "lon": -1.9}


ENGLAND_ZOOM = 5.3


MAP_HEIGHT_PX = 620


OUTLINE_COLOUR = "#111111"


PATHFINDER_OUTLINE_WIDTH = 2.5


BORDER_COLOUR = "#ffffff"


UNSELECTED_OPACITY = 0.45


def council_geojson(councils: gpd.GeoDataFrame) -> dict:
    """Councils of one vintage (EPSG:4326) as a FeatureCollection whose features carry only
    `la_code`, sorted by it: the map's `featureidkey` is `properties.la_code`."""
    if councils.crs is None or councils.crs.to_epsg() != 4326:
        raise ValueError(f"council polygons must be in EPSG:4326, not {councils.crs}")
    ordered = councils.sort_values("la_code")[["la_code", "geometry"]]
    return ordered.to_geo_dict(drop_id=True)


def subset_geojson(geojson: dict, codes) -> dict:
    """The features of `geojson` whose la_code is in `codes`."""
    wanted = set(codes)
    features = [f for f in geojson["features"] if f["properties"]["la_code"] in wanted]
    return {"type": "FeatureCollection", "features": features}


def stepped_colourscale(colours) -> list[list]:
    """A colourscale with one flat band per class, for integer z from 0 to len(colours) - 1."""
    n = len(colours)
    scale = []
    for position, colour in enumerate(colours):
        scale += [[position / n, colour], [(position + 1) / n, colour]]
    return scale


def colouring_properties(colouring: Colouring) -> dict:
    """The properties of the map's first trace that depend on the colouring only: what an
    indicator change sends to the browser (no geometry, no names: a vintage's councils and
    their order are fixed, see `council_map`)."""
    n = max(len(colouring.labels), 1)
    frame = colouring.frame
    return {
        "z": frame["class_index"].tolist(),
        "customdata": frame["detail"].tolist(),
        "hovertemplate": f"<b>%{{text}}</b><br>%{{customdata}}<extra>{colouring.unit}</extra>",
        "colorscale": stepped_colourscale(colouring.colours or (NO_DATA_COLOUR,)),
        "zmin": -0.5,
        "zmax": n - 0.5,
        "colorbar": {
            "title": {"text": wrap_html(colouring.title, 28), "side": "top"},
            "tickvals": list(range(n)),
            "ticktext": list(colouring.labels),
            "x": 0.99,
            "xanchor": "right",
            "y": 0.9,
            "yanchor": "top",
            "len": min(0.09 * n + 0.12, 0.7),
            "thickness": 14,
            "bgcolor": "rgba(255,255,255,0.85)",
            "outlinewidth": 0,
        },
    }


def selected_points(colouring: Colouring, highlighted) -> list[int] | None:
    """Positions of the highlighted councils (a selected one, or those a filter keeps) among
    the map's locations, for `selectedpoints`; None (nothing faded) when there are none."""
    if highlighted is None:
        return None
    positions = colouring.frame.index[colouring.frame["la_code"].isin(list(highlighted))]
    return [int(position) for position in positions] if len(positions) else None


def council_map(
    geojson: dict, colouring: Colouring, pathfinder_codes, highlighted=None
) -> go.Figure:
    """Choropleth of councils in classes, with the pathfinders drawn again on top as a thick
    dark outline so they stand out whatever the colouring; a selected council stays opaque
    while the others fade."""
    fill = go.Choroplethmap(
        geojson=geojson,
        featureidkey="properties.la_code",
        marker={"line": {"width": 0.6, "color": BORDER_COLOUR}},
        locations=colouring.frame["la_code"].tolist(),
        text=colouring.frame["la_name"].tolist(),
        name="councils",
        selectedpoints=selected_points(colouring, highlighted),
        selected={"marker": {"opacity": 1.0}},
        unselected={"marker": {"opacity": UNSELECTED_OPACITY}},
        **colouring_properties(colouring),
    )
    pathfinders = subset_geojson(geojson, pathfinder_codes)
    codes = [feature["properties"]["la_code"] for feature in pathfinders["features"]]
    outline = go.Choroplethmap(
        geojson=pathfinders,
        featureidkey="properties.la_code",
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"width": PATHFINDER_OUTLINE_WIDTH, "color": OUTLINE_COLOUR}},
        hoverinfo="skip",
        name="2003 pathfinders (outline)",
    )
    figure = go.Figure([fill, outline])
    figure.update_layout(
        map={"style": "white-bg", "center": ENGLAND_CENTRE, "zoom": ENGLAND_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=MAP_HEIGHT_PX,
        clickmode="event",
        uirevision="england",
    )
    return figure


HEALTH_OUTLINE_COLOUR = "#E69F00"  # Okabe-Ito orange: distinct from every fill palette used


def health_geojson(health_areas: gpd.GeoDataFrame) -> dict:
    """Health areas (EPSG:4326) as a FeatureCollection keyed by `properties.health_code`."""
    if health_areas.crs is None or health_areas.crs.to_epsg() != 4326:
        raise ValueError(f"health polygons must be in EPSG:4326, not {health_areas.crs}")
    columns = ["health_code", "health_name", "geometry"]
    return health_areas[columns].to_geo_dict(drop_id=True)


def health_outline(geojson: dict, label: str) -> go.Choroplethmap:
    """Health-area boundaries as an outline over the councils, with names on hover."""
    features = geojson["features"]
    return go.Choroplethmap(
        geojson=geojson,
        featureidkey="properties.health_code",
        locations=[f["properties"]["health_code"] for f in features],
        z=[0] * len(features),
        text=[f["properties"]["health_name"] for f in features],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"width": 1.6, "color": HEALTH_OUTLINE_COLOUR}},
        hovertemplate="%{text}<extra>" + label + "</extra>",
        name=label,
    )
