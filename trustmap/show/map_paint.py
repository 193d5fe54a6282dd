"""What the browser needs to paint a view's map over outlines it already has: each council's
colour class and hover text, the legend, the pathfinders, the councils the filters keep, the
selected council and where to zoom. A few kilobytes, the same for every visitor of one view."""

from __future__ import annotations

from dataclasses import replace
from typing import TypedDict
from urllib.parse import urlencode

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.model.council_filter import filter_councils
from trustmap.model.pathfinders import pathfinder_codes
from trustmap.show.colouring import MAP_FILL, MAP_LINES, FillStyle, LineStyle
from trustmap.show.map_content import map_content
from trustmap.show.outlines import council_bounds, council_order
from trustmap.show.view import View

__all__ = [
    "PAINTED_FIELDS",
    "Legend",
    "MapPaint",
    "empty_note",
    "map_paint",
    "paint_query",
    "select_council",
    "view_paint",
    "zoom_bounds",
]

# The view's fields a paint depends on, in the order the browser writes them into its URL.
PAINTED_FIELDS = (
    "vintage",
    "colour",
    "indicator",
    "period",
    "scheme",
    "nhs",
    "area",
    "region",
    "la_type",
    "status",
    "cclass",
    "own",
)


class Legend(TypedDict):
    """The colour classes in legend order, and the unit shown beside every value."""

    title: str
    labels: list[str]
    colours: list[str]
    unit: str


class MapPaint(TypedDict):
    """A view's paint: the map's `hideout`, read by name in assets/trustmap_map.js. Every list
    of positions is in `council_order` (the outlines' feature.properties.i)."""

    classes: list[int]  # each council's colour class, an index into legend.colours
    details: list[str]  # each council's hover text
    legend: Legend
    pathfinders: list[int]  # positions drawn with the pathfinder outline
    kept: list[int] | None  # positions the filters keep (None: all)
    selected: int | None  # the selected council's position
    zoom: list[list[float]] | None  # [[south, west], [north, east]] (None: England)
    lines: dict[str, LineStyle]  # colouring.MAP_LINES
    fill: FillStyle  # colouring.MAP_FILL
    source: str
    note: str | None
    level: str | None
    query: str  # `paint_query` of the paint's view, settled: the browser knows it is drawn


def paint_query(view: View) -> str:
    """The paint's URL query of `view` (`PAINTED_FIELDS` in order, None left out), as the
    browser writes it (`paintQuery` in assets/trustmap_map.js)."""
    values = {name: getattr(view, name) for name in PAINTED_FIELDS}
    return urlencode({name: value for name, value in values.items() if value is not None})


# Degrees added around a zoomed council, so its neighbours show and its outline is not at the
# map's edge (about 5 km).
ZOOM_MARGIN = 0.05


def zoom_bounds(bounds: pd.DataFrame, codes: list[str]) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the councils `codes` (None: no council)."""
    chosen = bounds.loc[bounds.index.isin(codes)]
    if chosen.empty:
        return None
    south, west = chosen["miny"].min() - ZOOM_MARGIN, chosen["minx"].min() - ZOOM_MARGIN
    north, east = chosen["maxy"].max() + ZOOM_MARGIN, chosen["maxx"].max() + ZOOM_MARGIN
    return [
        [round(float(south), 4), round(float(west), 4)],
        [round(float(north), 4), round(float(east), 4)],
    ]


def empty_note(view: View) -> str:
    """What a user reads when the filters keep no council."""
    return (
        f"No council of {view.vintage} matches these filters, so none is highlighted and the "
        "comparisons have nothing to compare: remove a filter."
    )


def map_paint(build: Build, view: View) -> MapPaint:
    """A settled view's paint (`MapPaint`), its council selected and zoomed to."""
    return select_council(build, view_paint(build, view), view)


def view_paint(build: Build, view: View) -> MapPaint:
    """`map_paint` of the view with no council selected (`view.area` is not read): the same
    for every council a visitor clicks, so it can be computed once."""
    content = map_content(build, view)
    position = _positions(build, view.vintage)
    frame = content.colouring.frame.set_index("la_code").reindex(position.index)
    council_filter = view.council_filter()
    kept = filter_councils(build, view.vintage, council_filter) if council_filter.active else None
    note, level = content.note, content.level
    if kept == []:
        note, level = empty_note(view), "warning"
    return MapPaint(
        classes=frame["class_index"].astype(int).tolist(),
        details=frame["detail"].tolist(),
        legend=Legend(
            title=content.colouring.title,
            labels=list(content.colouring.labels),
            colours=list(content.colouring.colours),
            unit=content.colouring.unit,
        ),
        pathfinders=sorted(position[pathfinder_codes(build, view.vintage)].tolist()),
        kept=None if kept is None else sorted(position[kept].tolist()),
        selected=None,
        zoom=zoom_bounds(council_bounds(build, view.vintage), kept or []),
        lines=MAP_LINES,
        fill=MAP_FILL,
        source=content.source,
        note=note,
        level=level,
        query=paint_query(replace(view, area=None)),
    )


def select_council(build: Build, paint: MapPaint, view: View) -> MapPaint:
    """`paint` (a `view_paint` of `view`) for `view` (its query), with `view.area` selected and
    zoomed to, before the filters; none selected when no council of the view's vintage is."""
    selected = paint.copy()
    selected["query"] = paint_query(view)
    position = _positions(build, view.vintage)
    if view.area is not None and view.area in position.index:
        zoom = zoom_bounds(council_bounds(build, view.vintage), [view.area])
        selected["selected"], selected["zoom"] = int(position[view.area]), zoom
    return selected


def _positions(build: Build, vintage: str) -> pd.Series:
    """Each council's position in `council_order`, by la_code (once per process and vintage)."""

    def compute() -> pd.Series:
        order = council_order(build, vintage)["la_code"]
        return pd.Series(range(len(order)), index=order)

    return build.memo(("council_positions", vintage), compute)
