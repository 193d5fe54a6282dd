"""The council map for slides: a vector drawing (no WebGL, no tiles) of simplified outlines in
EPSG:27700 that shows what the screen shows: colour classes, the councils the filters leave out
faded, the pathfinders outlined, the health overlay, the selected council zoomed to with a strong
outline, and a London inset in which every London council is named (by a number and a key
beside the map where its name does not fit). Every name is black or white, whichever reads on
its council's fill; every dark outline has a light casing under it (`colouring.MAP_LINES`).

Two panels share the slide: the national view is England with London beside it; a zoomed view
(a selected council, or filters keeping councils in one part of England) is that area beside a
small England locating it."""

from __future__ import annotations

import itertools
import textwrap
from dataclasses import dataclass, replace
from typing import TypedDict

import geopandas as gpd
import plotly.graph_objects as go
import shapely
from plotly.colors import convert_colors_to_same_type, find_intermediate_color
from shapely.ops import polylabel

from trustmap.show.colouring import (
    BORDER_COLOUR,
    HEALTH_OUTLINE_COLOUR,
    MAP_LINES,
    OUTLINE_COLOUR,
    PATHFINDER_OUTLINE_WIDTH,
    SELECTED_COLOUR,
    Colouring,
    text_colour,
)
from trustmap.stats.formatting import wrap_html

__all__ = [
    "Panel",
    "SlideMapLayers",
    "focus_bounds",
    "short_name",
    "slide_outlines",
    "slide_panels",
    "static_council_map",
]

SLIDE_TOLERANCE_M = 1000  # under a pixel: England is about 650 px tall on a 1600x900 slide
FADED_SHARE = 0.7  # how far a left-out council's colour moves towards white
FADED_LABEL = "left out by the filters (faded)"
SELECTED_WIDTH = MAP_LINES["selected"]["weight"]
LOCATOR_COLOUR = "#000000"
MIN_FOCUS_SPAN_M = 40_000  # a zoom shows at least this much around a small council
FOCUS_PADDING = 0.08
NATIONAL_SHARE = 0.5  # a focus wider or taller than this share of England is shown whole
LABEL_LINE_CHARS = 11
LABEL_SIZE_PX = 14  # read from the back of a room: at least 14 px on a 1600x900 slide
KEY_SIZE_PX = 14
LINE_HEIGHT_EM = 1.2
LABEL_OVERHANG = 1.3  # a name may reach a little over its council's edge: its halo keeps it read
LABEL_POINT_TOLERANCE_M = 100
HALO = "0 0 2px {colour}, 0 0 2px {colour}, 0 0 3px {colour}"  # CSS text-shadow
CHAR_WIDTH_EM = 0.55  # Arial's mean character width, for a label's width before drawing it
# The plot area of a 1600x900 slide inside its title and footer margins: only used to judge
# whether a name fits its council, so a few pixels either way do not matter.
PLOT_AREA_PX = (1500, 640)
# Paper x domains of the two panels: the first fills the slide's height, the second takes what
# is left beside it but the last column, which holds the legend (zoomed view) and the key of
# the councils named by a number.
NATIONAL_PANELS = ((0.0, 0.37), (0.39, 0.86))
ZOOM_PANELS = ((0.0, 0.64), (0.66, 0.835))


class LegendPlace(TypedDict):
    """Where a slide map's legend sits (`x`, paper coordinates), the width its title wraps at
    (characters), and where the key of numbered councils sits (`key_x`, `key_y` at its top)."""

    x: float
    wrap: int
    key_x: float
    key_y: float
    key_yanchor: str


# The legend: beside the small England of a zoomed view, the key under it; in the national
# view, over the Irish Sea at England's top left, which no council reaches, the key in the last
# column beside the London inset.
LEGEND_PLACES: dict[str, LegendPlace] = {
    "zoom": {"x": 0.845, "wrap": 26, "key_x": 0.845, "key_y": 0.0, "key_yanchor": "bottom"},
    "national": {"x": 0.0, "wrap": 26, "key_x": 0.87, "key_y": 1.0, "key_yanchor": "top"},
}
LEGEND_SIZE_PX = 14
FRAME_COLOUR = "#888888"
FADED_OUTLINE_COLOUR = "#9a9a9a"
LOCATOR_OUTLINE_WIDTH = 1.0


@dataclass(frozen=True)
class SlideMapLayers:
    """What a slide map draws. `councils`: la_code and polygons (EPSG:27700) drawn in zoomed
    panels and the inset, `overview` the same simplified for the England panels (see
    `slide_outlines`; default `councils`); `kept`: codes the filters keep (None: all);
    `inset_codes`: the councils of the London inset; `health` and `health_overview`: outline
    polygons (EPSG:27700) of `health_label`, detailed and simplified."""

    councils: gpd.GeoDataFrame
    colouring: Colouring
    overview: gpd.GeoDataFrame | None = None
    pathfinder_codes: tuple[str, ...] = ()
    kept: frozenset[str] | None = None
    selected: str | None = None
    inset_codes: tuple[str, ...] = ()
    health: gpd.GeoDataFrame | None = None
    health_overview: gpd.GeoDataFrame | None = None
    health_label: str = ""

    def polygons(self, *, detailed: bool) -> gpd.GeoSeries:
        """Council polygons indexed by la_code, detailed or simplified."""
        frame = self.councils if detailed or self.overview is None else self.overview
        return frame.set_index("la_code").geometry

    def health_polygons(self, *, detailed: bool) -> gpd.GeoSeries | None:
        frame = self.health if detailed or self.health_overview is None else self.health_overview
        return None if frame is None else frame.geometry


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


def _faded(colour: str) -> str:
    """`colour` moved `FADED_SHARE` of the way to white (a print-safe stand-in for opacity)."""
    rgb = convert_colors_to_same_type([colour], colortype="rgb")[0][0]
    return find_intermediate_color(rgb, "rgb(255, 255, 255)", FADED_SHARE, colortype="rgb")


def _wrapped(name: str) -> str:
    """A name on lines of about `LABEL_LINE_CHARS`, joined by `<br>`; words are never split."""
    return "<br>".join(textwrap.wrap(name, LABEL_LINE_CHARS, break_long_words=False))


def _abbreviation(name: str) -> str:
    """A short form of a council's name: initials of 'X and Y' ('K&C'), the part before
    'upon' ('Kingston'); 'City of London' is 'City', its common name."""
    if name == "City of London":
        return "City"
    if " and " in name:
        return "&".join(part[0] for part in name.split(" and "))
    return _wrapped(name.split(" upon ")[0])


def _label_size_px(text: str) -> tuple[float, float]:
    """About how wide and tall a label is drawn (px)."""
    lines = text.split("<br>")
    return (
        max(len(line) for line in lines) * LABEL_SIZE_PX * CHAR_WIDTH_EM,
        len(lines) * LABEL_SIZE_PX * LINE_HEIGHT_EM,
    )


def short_name(name: str, *, width_px: float = float("inf")) -> str:
    """A council's name as a map label no wider than `width_px`: wrapped on `<br>` with 'and'
    as '&', else its short form ('K&C', 'Kingston', 'City')."""
    wrapped = _wrapped(name.replace(" and ", " & "))
    if name != "City of London" and _label_size_px(wrapped)[0] <= width_px:
        return wrapped
    return _abbreviation(name)


def _overlap(a: tuple[float, float, str], b: tuple[float, float, str]) -> bool:
    """Whether two labels (x px, y px, text) centred on their points would overlap."""
    (ax, ay, a_text), (bx, by, b_text) = a, b
    (aw, ah), (bw, bh) = _label_size_px(a_text), _label_size_px(b_text)
    return abs(ax - bx) * 2 < aw + bw and abs(ay - by) * 2 < ah + bh


def map_labels(names: list[str], points_px: list[tuple[float, float]], widths_px) -> list[str]:
    """Labels of councils (`names`, label points and widths in px): each as `short_name` fits
    its council; both of two labels that would overlap in their short form; and "" (to be
    named by a number, see `numbered`) where even the short form is wider than its council
    or, of two short forms that still overlap, for the narrower council."""
    texts = [short_name(name, width_px=width) for name, width in zip(names, widths_px, strict=True)]
    pairs = list(itertools.combinations(range(len(names)), 2))
    for i, j in pairs:
        if _overlap((*points_px[i], texts[i]), (*points_px[j], texts[j])):
            texts[i], texts[j] = _abbreviation(names[i]), _abbreviation(names[j])
    texts = [
        text if _label_size_px(text)[0] <= width else ""
        for text, width in zip(texts, widths_px, strict=True)
    ]
    for i, j in pairs:
        if texts[i] and texts[j] and _overlap((*points_px[i], texts[i]), (*points_px[j], texts[j])):
            texts[i if widths_px[i] < widths_px[j] else j] = ""
    return texts


def numbered(names: list[str], texts: list[str]) -> tuple[list[str], list[str]]:
    """`texts` (of `map_labels`) with each "" replaced by a number, numbered in the order of
    the councils' names, and the key's lines ('1 City of London')."""
    left = sorted((names[index], index) for index, text in enumerate(texts) if not text)
    texts = list(texts)
    for number, (_, index) in enumerate(left, 1):
        texts[index] = str(number)
    return texts, [f"{number} {name}" for number, (name, _) in enumerate(left, 1)]


def _padded(bounds, *, padding: float = FOCUS_PADDING, minimum_m: float = 0.0):
    """(minx, miny, maxx, maxy) grown by `padding` of its span, to at least `minimum_m` a side."""
    minx, miny, maxx, maxy = bounds
    half_x = max((maxx - minx) * (1 + 2 * padding), minimum_m) / 2
    half_y = max((maxy - miny) * (1 + 2 * padding), minimum_m) / 2
    centre_x, centre_y = (minx + maxx) / 2, (miny + maxy) / 2
    return (centre_x - half_x, centre_y - half_y, centre_x + half_x, centre_y + half_y)


def _fill(bounds, domain_x, domain_y=(0.0, 1.0)):
    """`bounds` widened or heightened to the shape of a panel's paper domain, so the map fills
    the panel instead of leaving bands beside it."""
    minx, miny, maxx, maxy = bounds
    aspect = (domain_x[1] - domain_x[0]) * PLOT_AREA_PX[0]
    aspect /= (domain_y[1] - domain_y[0]) * PLOT_AREA_PX[1]
    width, height = maxx - minx, maxy - miny
    grow_x, grow_y = max(height * aspect - width, 0) / 2, max(width / aspect - height, 0) / 2
    return (minx - grow_x, miny - grow_y, maxx + grow_x, maxy + grow_y)


def _bounds_of(layers: SlideMapLayers, codes) -> tuple[float, float, float, float]:
    """Bounds of the councils of `codes` (EPSG:27700)."""
    return tuple(layers.polygons(detailed=True).reindex(sorted(codes)).dropna().total_bounds)


def focus_bounds(layers: SlideMapLayers):
    """The area a view zooms to (minx, miny, maxx, maxy in EPSG:27700), or None for the whole of
    England: around the selected council, else around the councils the filters keep when they
    lie within a part of England (no more than `NATIONAL_SHARE` of its width and height)."""
    polygons = layers.polygons(detailed=True)
    if layers.selected in polygons.index:
        return _padded(polygons[layers.selected].bounds, padding=0.6, minimum_m=MIN_FOCUS_SPAN_M)
    if not layers.kept:
        return None
    minx, miny, maxx, maxy = _bounds_of(layers, layers.kept)
    e_minx, e_miny, e_maxx, e_maxy = polygons.total_bounds
    if max((maxx - minx) / (e_maxx - e_minx), (maxy - miny) / (e_maxy - e_miny)) > NATIONAL_SHARE:
        return None
    return _padded((minx, miny, maxx, maxy), minimum_m=MIN_FOCUS_SPAN_M)


@dataclass(frozen=True)
class Panel:
    """One map on the slide: its axes ('' or '2'), the area it shows (EPSG:27700 bounds), its
    paper domain, whether it draws detailed outlines, only some councils (`only`, the inset),
    the legend, names (`labels`), a frame and heading, and the outline of another panel's area
    (`locates`)."""

    axes: str
    bounds: tuple[float, float, float, float]
    domain_x: tuple[float, float]
    domain_y: tuple[float, float] = (0.0, 1.0)
    detailed: bool = False
    only: tuple[str, ...] | None = None
    legend: bool = False
    labels: tuple[str, ...] = ()
    heading: str | None = None
    locates: tuple[float, float, float, float] | None = None
    outline_width: float = PATHFINDER_OUTLINE_WIDTH

    @property
    def line_scale(self) -> float:
        """How much thinner than on the map every outline is drawn (the small England)."""
        return self.outline_width / PATHFINDER_OUTLINE_WIDTH

    @property
    def px_per_m(self) -> float:
        """About how many pixels a metre takes (x and y share one scale)."""
        minx, miny, maxx, maxy = self.bounds
        width = (self.domain_x[1] - self.domain_x[0]) * PLOT_AREA_PX[0] / (maxx - minx)
        height = (self.domain_y[1] - self.domain_y[0]) * PLOT_AREA_PX[1] / (maxy - miny)
        return min(width, height)


def slide_panels(layers: SlideMapLayers) -> list[Panel]:
    """The national view (England, and London inset with its councils named), or a zoomed view
    (the focus, its councils named, beside England locating it)."""
    england = _padded(layers.polygons(detailed=False).total_bounds, padding=0.01)
    focus = focus_bounds(layers)
    if focus is None:
        panels = [Panel("", england, NATIONAL_PANELS[0], legend=True)]
        if layers.inset_codes:
            inset = _fill(
                _padded(_bounds_of(layers, layers.inset_codes), padding=0.02), NATIONAL_PANELS[1]
            )
            panels[0] = replace(panels[0], locates=inset)
            panels.append(
                Panel(
                    "2",
                    inset,
                    NATIONAL_PANELS[1],
                    detailed=True,
                    only=layers.inset_codes,
                    labels=layers.inset_codes,
                    heading="London",
                )
            )
        return panels
    focus = _fill(focus, ZOOM_PANELS[0])
    named = _in_focus(layers, focus)
    return [
        Panel(
            "",
            focus,
            ZOOM_PANELS[0],
            detailed=True,
            legend=True,
            labels=tuple(named),
        ),
        Panel("2", england, ZOOM_PANELS[1], locates=focus, outline_width=LOCATOR_OUTLINE_WIDTH),
    ]


def _in_focus(layers: SlideMapLayers, focus) -> list[str]:
    """Codes of the councils whose label point lies in the zoomed area: the kept ones when the
    filters keep some, else every one."""
    polygons = layers.polygons(detailed=True)
    if layers.kept:
        polygons = polygons.reindex(sorted(layers.kept)).dropna()
    inside = polygons.representative_point().within(shapely.box(*focus))
    return polygons.index[inside.to_numpy()].tolist()


def _casing(xs_ys, panel: Panel, line: str) -> go.Scatter:
    """The light casing drawn under the outline `line` of `MAP_LINES`."""
    casing = MAP_LINES[f"{line}_casing"]
    return _lines(xs_ys, None, panel, casing["color"], casing["weight"] * panel.line_scale, False)


def _lines(xs_ys, name, panel: Panel, colour: str, width: float, legend: bool) -> go.Scatter:
    xs, ys = xs_ys
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        name=name,
        showlegend=legend,
        line={"color": colour, "width": width},
        xaxis=f"x{panel.axes}",
        yaxis=f"y{panel.axes}",
        hoverinfo="skip",
    )


def _class_traces(layers: SlideMapLayers, panel: Panel, polygons: gpd.GeoSeries) -> list:
    """One filled trace per colour class, and a faded one of its councils the filters leave out."""
    classes = layers.colouring.frame.set_index("la_code")["class_index"].reindex(polygons.index)
    kept = polygons.index.isin(list(polygons.index if layers.kept is None else layers.kept))
    traces = []
    for index, (label, colour) in enumerate(
        zip(layers.colouring.labels, layers.colouring.colours, strict=True)
    ):
        for keep, fill in ((True, colour), (False, _faded(colour))):
            xs_ys = _rings_xy(polygons[(classes == index).to_numpy() & (kept == keep)])
            if panel.legend and keep and not xs_ys[0]:
                # A class with no council in this panel keeps its legend entry (the other
                # panel may show it): plotly leaves out the entry of a trace without points.
                xs_ys = ([None], [None])
            trace = _lines(
                xs_ys,
                label,
                panel,
                BORDER_COLOUR,
                0.4,
                panel.legend and keep,
            )
            traces.append(trace.update(fill="toself", fillcolor=fill, legendgroup=label))
    return traces


def _panel_traces(layers: SlideMapLayers, panel: Panel) -> list:
    """Traces of one panel: councils by class (left-out ones faded), health outlines, pathfinder
    outlines (faded ones grey), the selected council, the area another panel shows; only the
    shapes that meet the panel's area."""
    area = shapely.box(*panel.bounds)
    polygons = layers.polygons(detailed=panel.detailed)
    if panel.only is not None:
        polygons = polygons.reindex(list(panel.only)).dropna()
    polygons = polygons[polygons.intersects(area)]
    traces = _class_traces(layers, panel, polygons)
    health = layers.health_polygons(detailed=panel.detailed)
    if health is not None and panel.only is not None:  # the inset: bodies of its councils only
        health = health[health.representative_point().within(polygons.union_all())]
    if health is not None:
        traces.append(
            _lines(
                _rings_xy(health[health.intersects(area)]),
                f"{layers.health_label} boundaries",
                panel,
                HEALTH_OUTLINE_COLOUR,
                1.2,
                panel.legend,
            )
        )
    pathfinders = polygons.reindex(list(layers.pathfinder_codes)).dropna()
    left_out = ~pathfinders.index.isin(
        list(pathfinders.index if layers.kept is None else layers.kept)
    )
    # Only the dark outlines are cased: a faded one is grey on a pale fill.
    traces.append(_casing(_rings_xy(pathfinders[~left_out]), panel, "pathfinder"))
    for faded, colour in ((True, FADED_OUTLINE_COLOUR), (False, OUTLINE_COLOUR)):
        traces.append(
            _lines(
                _rings_xy(pathfinders[left_out == faded]),
                "2003 pathfinders (outline)",
                panel,
                colour,
                panel.outline_width,
                panel.legend and not faded,
            )
        )
    if layers.selected in polygons.index:
        name = layers.colouring.frame.set_index("la_code")["la_name"].get(layers.selected, "")
        rings = _rings_xy([polygons[layers.selected]])
        traces.append(_casing(rings, panel, "selected"))
        traces.append(
            _lines(rings, f"selected: {name}", panel, SELECTED_COLOUR, SELECTED_WIDTH, panel.legend)
        )
    if panel.locates is not None:
        minx, miny, maxx, maxy = panel.locates
        box_xy = ([minx, maxx, maxx, minx, minx], [miny, miny, maxy, maxy, miny])
        traces.append(_lines(box_xy, None, panel, LOCATOR_COLOUR, 1.5, False))
    return traces


def _inner(panel: Panel) -> tuple[float, float, float, float]:
    """The panel's area less a label's half width and height at each edge, where a name
    centred on its point would be cut off."""
    minx, miny, maxx, maxy = panel.bounds
    dx = LABEL_LINE_CHARS * LABEL_SIZE_PX * CHAR_WIDTH_EM / 2 / panel.px_per_m
    dy = 2 * LABEL_SIZE_PX * LINE_HEIGHT_EM / 2 / panel.px_per_m
    return (minx + dx, miny + dy, maxx - dx, maxy - dy)


def fill_colours(layers: SlideMapLayers, codes) -> list[str]:
    """The fill each council of `codes` is drawn in: its class colour, faded when the filters
    leave it out."""
    classes = layers.colouring.frame.set_index("la_code")["class_index"]
    colours = [layers.colouring.colours[classes[code]] for code in codes]
    return [
        colour if layers.kept is None or code in layers.kept else _faded(colour)
        for code, colour in zip(codes, colours, strict=True)
    ]


def _label_point(geometry) -> shapely.Point:
    """Where a council's name goes: the point of its largest part farthest from its edges."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    return polylabel(largest, tolerance=LABEL_POINT_TOLERANCE_M)


def _room_px(geometry, point: shapely.Point, panel: Panel) -> float:
    """How wide a one-line label centred on `point` can be and stay inside `geometry` (but for
    `LABEL_OVERHANG`): twice the least distance from the point to the council's edge, left or
    right, along the label's middle, top and bottom."""
    half_height = LABEL_SIZE_PX * LINE_HEIGHT_EM / 2 / panel.px_per_m
    minx, _, maxx, _ = geometry.bounds
    clearances = []
    for y in (point.y - half_height, point.y, point.y + half_height):
        across = shapely.LineString([(minx - 1, y), (maxx + 1, y)]).intersection(geometry)
        spans = [part.bounds for part in getattr(across, "geoms", [across]) if not part.is_empty]
        clearances.append(
            max(
                (min(point.x - x0, x1 - point.x) for x0, _, x1, _ in spans if x0 <= point.x <= x1),
                default=0.0,
            )
        )
    return 2 * min(clearances) * panel.px_per_m * LABEL_OVERHANG


def _label_trace(layers: SlideMapLayers, panel: Panel) -> tuple[go.Scatter, list[str]]:
    """Names of the panel's `labels` councils whose label point is clear of the panel's edges,
    each at that point, in black or white as reads on its fill and with a halo of that fill
    where a name reaches over a neighbour; a number where the name does not fit (see
    `map_labels`; the selected council is always named). Also the key's lines."""
    polygons = layers.polygons(detailed=True).reindex(list(panel.labels)).dropna()
    points = gpd.GeoSeries([_label_point(g) for g in polygons], index=polygons.index)
    inside = points.within(shapely.box(*_inner(panel))).to_numpy()
    polygons, points = polygons[inside], points[inside]
    names = layers.colouring.frame.set_index("la_code")["la_name"]
    widths = [
        float("inf") if code == layers.selected else _room_px(geometry, point, panel)
        for code, geometry, point in zip(polygons.index, polygons, points, strict=True)
    ]
    council_names = [names.get(code, code) for code in polygons.index]
    texts, key = numbered(
        council_names,
        map_labels(
            council_names,
            list(zip(points.x * panel.px_per_m, points.y * panel.px_per_m, strict=True)),
            widths,
        ),
    )
    fills = fill_colours(layers, polygons.index)
    trace = go.Scatter(
        x=points.x.round().tolist(),
        y=points.y.round().tolist(),
        text=texts,
        mode="text",
        textfont={
            "size": LABEL_SIZE_PX,
            "color": [text_colour(fill) for fill in fills],
            "shadow": [HALO.format(colour=fill) for fill in fills],
        },
        xaxis=f"x{panel.axes}",
        yaxis=f"y{panel.axes}",
        showlegend=False,
        hoverinfo="skip",
    )
    return trace, key


def _faded_key() -> go.Scatter:
    """A legend-only entry saying what a faded council is."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={"symbol": "square", "size": 14, "color": _faded("#808080")},
        name=FADED_LABEL,
    )


def _place(figure: go.Figure, panel: Panel) -> None:
    """Axes of a panel: equal scale in x and y, none drawn, the view fixed to its area; a
    frame and heading when it has one."""
    minx, miny, maxx, maxy = panel.bounds
    figure.update_layout(
        {
            f"xaxis{panel.axes}": {
                "visible": False,
                "range": [minx, maxx],
                "domain": list(panel.domain_x),
                "constrain": "domain",
            },
            f"yaxis{panel.axes}": {
                "visible": False,
                "range": [miny, maxy],
                "domain": list(panel.domain_y),
                "scaleanchor": f"x{panel.axes}",
                "constrain": "domain",
            },
        }
    )
    if panel.heading is None:
        return
    axes = {"xref": f"x{panel.axes} domain", "yref": f"y{panel.axes} domain"}
    figure.add_shape(
        type="rect", x0=0, x1=1, y0=0, y1=1, line={"color": FRAME_COLOUR, "width": 1}, **axes
    )
    figure.add_annotation(
        text=f"<b>{panel.heading}</b>",
        x=0.01,
        y=0.99,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 16},
        bgcolor="rgba(255,255,255,0.8)",
        **axes,
    )


def _add_key(figure: go.Figure, key: list[str], place: LegendPlace) -> None:
    """The key of the councils named on the map by a number, one a line."""
    figure.add_annotation(
        text="<br>".join(["<b>Numbered on the map</b>", *key]),
        xref="paper",
        yref="paper",
        x=place["key_x"],
        y=place["key_y"],
        xanchor="left",
        yanchor=place["key_yanchor"],
        align="left",
        showarrow=False,
        font={"size": KEY_SIZE_PX},
    )


def static_council_map(layers: SlideMapLayers) -> go.Figure:
    """The slide map of `layers` in the panels of `slide_panels`. No WebGL and no tiles, so it
    renders quickly and stays sharp in SVG and PDF."""
    crs = layers.councils.crs
    if crs is None or crs.to_epsg() != 27700:
        raise ValueError(f"slide outlines must be in EPSG:27700, not {crs}")
    figure = go.Figure()
    place = LEGEND_PLACES["national" if focus_bounds(layers) is None else "zoom"]
    for panel in slide_panels(layers):
        figure.add_traces(_panel_traces(layers, panel))
        if panel.labels:
            labels, key = _label_trace(layers, panel)
            figure.add_trace(labels)
            if key:
                _add_key(figure, key, place)
        _place(figure, panel)
    if layers.kept is not None:
        figure.add_trace(_faded_key())
    return figure.update_layout(
        plot_bgcolor="white",
        showlegend=True,
        legend={
            "title": {"text": wrap_html(layers.colouring.title, place["wrap"])},
            "x": place["x"],
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "font": {"size": LEGEND_SIZE_PX},
            "tracegroupgap": 0,
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    )
