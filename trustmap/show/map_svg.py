"""The council map as inline SVG, for a page to show before its live map has drawn: the same
display polygons and the same paint (`map_paint.MapPaint`) as the live map, projected to Web
Mercator (EPSG:3857, Leaflet's projection), in whole units of `UNIT_M` metres, y down.

A drawing's `viewBox` is the bounds it shows; the browser fits it as Leaflet fits its bounds
(`serving/map_preview.js`), so the drawing and the live map agree on scale and centre."""

from __future__ import annotations

from html import escape

import numpy as np
import shapely
from pyproj import Transformer

from trustmap.bundle.build import Build
from trustmap.show.colouring import LineStyle
from trustmap.show.map_paint import MapPaint
from trustmap.show.outlines import council_order
from trustmap.vocabulary import MAP_KEY_LABELS

__all__ = [
    "COUNCILS_ID",
    "FILLS_CLASS",
    "UNIT_M",
    "council_paths",
    "councils_group",
    "geometry_path",
    "legend_html",
    "map_svg",
    "view_box",
]

# Finer than the display polygons (simplified at 500 m), and about a pixel at the closest zoom
# to a council.
UNIT_M = 50
MERCATOR = "EPSG:3857"
_TO_MERCATOR = Transformer.from_crs("EPSG:4326", MERCATOR, always_xy=True)
# The group the inset re-uses (an SVG <use>), and the class of the councils' fills.
COUNCILS_ID = "trustmap-preview-councils"
FILLS_CLASS = "trustmap-preview-fills"
# Line widths in pixels whatever the scale, as Leaflet draws them (an attribute: the inset's
# <use> copies no style sheet's rules).
FIXED_WIDTH = 'vector-effect="non-scaling-stroke"'


def _ring_path(ring: shapely.LinearRing) -> str:
    """One closed ring as an absolute move and relative lines, in units, y down."""
    xy = np.round(shapely.get_coordinates(ring)[:-1] / UNIT_M).astype(int) * (1, -1)
    steps = np.diff(xy, axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    lines = " ".join(f"{dx} {dy}" for dx, dy in steps)
    return f"M{xy[0][0]} {xy[0][1]}l{lines}z"


def geometry_path(geometry: shapely.Geometry) -> str:
    """An SVG path's `d` of a (multi)polygon in Web Mercator metres: every ring, holes too
    (drawn even-odd, so a county's hole stays open for the council inside it)."""
    polygons = getattr(geometry, "geoms", [geometry])
    return "".join(
        _ring_path(ring) for polygon in polygons for ring in (polygon.exterior, *polygon.interiors)
    )


def council_paths(build: Build, vintage: str) -> list[str]:
    """Each council's path `d`, in `council_order` (once per process and vintage)."""

    def compute() -> list[str]:
        councils = council_order(build, vintage).to_crs(MERCATOR)
        return [geometry_path(geometry) for geometry in councils.geometry]

    return build.memo(("council_svg_paths", vintage), compute)


def view_box(bounds: list[list[float]]) -> tuple[int, int, int, int]:
    """(x, y, width, height) in units of `bounds` [[south, west], [north, east]] (degrees)."""
    (south, west), (north, east) = bounds
    (left, right), (bottom, top) = _TO_MERCATOR.transform([west, east], [south, north])
    x, y = round(left / UNIT_M), round(-top / UNIT_M)
    return x, y, round(right / UNIT_M) - x, round(-bottom / UNIT_M) - y


def _stroke(style: LineStyle) -> str:
    """SVG stroke attributes of a line style (`colouring.LineStyle`)."""
    return (
        f'stroke="{style["color"]}" stroke-width="{style["weight"]}" '
        f'stroke-opacity="{style["opacity"]}"'
    )


def _outlines(paths: list[str], positions: list[int], paint: MapPaint, name: str) -> str:
    """The outlines of the councils at `positions`, each over its light casing."""
    return "".join(
        f'<path d="{paths[i]}" fill="none" {_stroke(paint["lines"][line])} {FIXED_WIDTH}/>'
        for line in (f"{name}_casing", name)
        for i in positions
    )


def councils_group(paths: list[str], paint: MapPaint) -> str:
    """Fills, then the pathfinders' and the selected council's outlines, as the live map."""
    kept = None if paint["kept"] is None else set(paint["kept"])
    fill = paint["fill"]
    fills = "".join(
        f'<path d="{path}" {FIXED_WIDTH} fill="{paint["legend"]["colours"][colour]}" fill-opacity="'
        f'{fill["kept_opacity"] if kept is None or i in kept else fill["faded_opacity"]}"/>'
        for i, (path, colour) in enumerate(zip(paths, paint["classes"], strict=True))
    )
    selected = [] if paint["selected"] is None else [paint["selected"]]
    return (
        f'<g id="{COUNCILS_ID}" fill-rule="evenodd">'
        f'<g class="{FILLS_CLASS}" {_stroke(paint["lines"]["border"])}>{fills}</g>'
        f"{_outlines(paths, paint['pathfinders'], paint, 'pathfinder')}"
        f"{_outlines(paths, selected, paint, 'selected')}</g>"
    )


def _svg(bounds: list[list[float]], snap: float, content: str) -> str:
    box = " ".join(str(value) for value in view_box(bounds))
    return (
        f'<svg viewBox="{box}" data-bounds="{box}" data-snap="{snap}" data-unit="{UNIT_M}" '
        f'preserveAspectRatio="xMidYMid meet" focusable="false">{content}</svg>'
    )


def map_svg(
    build: Build,
    vintage: str,
    paint: MapPaint,
    *,
    bounds: list[list[float]],
    inset: list[list[float]],
    snap: float,
) -> tuple[str, str]:
    """(the map, its inset) as SVG elements: the councils of `vintage` painted with `paint`,
    showing `bounds` and `inset` ([[south, west], [north, east]], degrees); the map fitted in
    zoom steps of `snap`, the inset in whole steps (Leaflet's default). The inset re-uses the
    map's drawing."""
    group = councils_group(council_paths(build, vintage), paint)
    return _svg(bounds, snap, group), _svg(inset, 1, f'<use href="#{COUNCILS_ID}"/>')


def _swatch(label: str, style: str) -> str:
    return (
        f'<span class="trustmap-key"><span class="trustmap-swatch" style="{style}"></span>'
        f"{escape(label)}</span>"
    )


def _line_swatch(label: str, style: LineStyle) -> str:
    width = max(2, round(style["weight"]))
    return _swatch(label, f"background: transparent; border: {width}px solid {style['color']}")


def legend_html(paint: MapPaint) -> str:
    """The legend as the live map's shows it (`legend` in assets/trustmap_map.js): the colour
    classes under their title, then what the lines and the faded fills mean."""
    legend, lines = paint["legend"], paint["lines"]
    classes = "".join(
        _swatch(label, f"background: {colour}")
        for label, colour in zip(legend["labels"], legend["colours"], strict=True)
    )
    keys = [_line_swatch(MAP_KEY_LABELS["pathfinder"], lines["pathfinder"])]
    if paint["selected"] is not None:
        keys.append(_line_swatch(MAP_KEY_LABELS["selected"], lines["selected"]))
    if paint["kept"] is not None:
        faded = f"background: {paint['fill']['faded_swatch']}; opacity: 0.3"
        keys.append(_swatch(MAP_KEY_LABELS["faded"], faded))
    return (
        f'<div class="fw-semibold">{escape(legend["title"])}</div>'
        f'<div class="trustmap-keys">{classes}</div>'
        f'<div class="trustmap-keys">{"".join(keys)}</div>'
    )
