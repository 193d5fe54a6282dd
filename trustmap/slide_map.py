"""The council map for slides: a vector drawing (no WebGL, no tiles) of simplified outlines in
EPSG:27700, filled by colour class, pathfinders outlined, a legend naming each class."""

from __future__ import annotations

import geopandas as gpd
import plotly.graph_objects as go
import shapely

from trustmap.colouring import Colouring
from trustmap.formatting import wrap_html
from trustmap.map_figure import BORDER_COLOUR, OUTLINE_COLOUR, PATHFINDER_OUTLINE_WIDTH

__all__ = ["slide_outlines", "static_council_map"]


SLIDE_TOLERANCE_M = 1000  # under a pixel: England is about 700 px tall on a 1600x900 slide


def slide_outlines(councils: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Council polygons of one vintage (EPSG:27700) simplified for a slide, shared edges kept."""
    simplified = shapely.coverage_simplify(councils.geometry.values, SLIDE_TOLERANCE_M)
    return gpd.GeoDataFrame(
        {"la_code": councils["la_code"].to_numpy()}, geometry=simplified, crs=councils.crs
    )


def _rings_xy(geometries) -> tuple[list, list]:
    """Every ring of (multi)polygons as x and y lists in whole metres, each ring closed by a
    None gap. Holes are rings too: plotly fills a trace's rings even-odd, so a county's hole
    stays open for the council inside it (Leicester in Leicestershire)."""
    xs, ys = [], []
    for geometry in geometries:
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in (polygon.exterior, *polygon.interiors):
                x, y = ring.coords.xy
                xs += [*(round(value) for value in x), None]
                ys += [*(round(value) for value in y), None]
    return xs, ys


def static_council_map(
    councils: gpd.GeoDataFrame, colouring: Colouring, pathfinder_codes
) -> go.Figure:
    """A vector map for slides: councils (polygons in EPSG:27700, see `slide_outlines`) filled
    by class, pathfinders outlined, legend naming each class. No WebGL and no tiles, so it
    renders quickly and stays sharp in SVG and PDF."""
    if councils.crs is None or councils.crs.to_epsg() != 27700:
        raise ValueError(f"slide outlines must be in EPSG:27700, not {councils.crs}")
    projected = councils.set_index("la_code").geometry
    classes = colouring.frame.set_index("la_code")["class_index"]
    figure = go.Figure()
    for index, (label, colour) in enumerate(zip(colouring.labels, colouring.colours, strict=True)):
        xs, ys = _rings_xy(projected.reindex(classes.index[classes == index]).dropna())
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=colour,
                mode="lines",
                name=label,
                line={"color": BORDER_COLOUR, "width": 0.4},
                hoverinfo="skip",
            )
        )
    xs, ys = _rings_xy(projected.reindex(list(pathfinder_codes)).dropna())
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name="2003 pathfinders (outline)",
            hoverinfo="skip",
            line={"color": OUTLINE_COLOUR, "width": PATHFINDER_OUTLINE_WIDTH},
        )
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x")
    figure.update_layout(
        plot_bgcolor="white",
        legend={"title": {"text": wrap_html(colouring.title, 40)}},
    )
    return figure
