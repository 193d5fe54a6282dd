"""What the browser needs to paint a view's map over outlines it already has: each council's
colour class and hover text, the legend, the pathfinders, the councils the filters keep, the
selected council and where to zoom. A few kilobytes, the same for every visitor of one view."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.model.council_filter import filter_councils
from trustmap.model.pathfinders import pathfinder_codes
from trustmap.show.map_content import map_content
from trustmap.show.outlines import council_bounds, council_order
from trustmap.show.view import View

__all__ = ["empty_note", "map_paint", "select_council", "view_paint", "zoom_bounds"]

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


def map_paint(build: Build, view: View) -> dict:
    """A settled view's paint, every list in `council_order`: `c` class index, `d` hover
    detail, `legend` (title, labels, colours, unit), `p` pathfinder positions, `k` positions the
    filters keep (None: all), `s` the selected council's position (None), `z` bounds to zoom to
    (None: England), `source`, `note` and `level`."""
    return select_council(build, view_paint(build, view), view)


def view_paint(build: Build, view: View) -> dict:
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
    return {
        "c": frame["class_index"].astype(int).tolist(),
        "d": frame["detail"].tolist(),
        "legend": {
            "title": content.colouring.title,
            "labels": list(content.colouring.labels),
            "colours": list(content.colouring.colours),
            "unit": content.colouring.unit,
        },
        "p": sorted(position[pathfinder_codes(build, view.vintage)].tolist()),
        "k": None if kept is None else sorted(position[kept].tolist()),
        "s": None,
        "z": zoom_bounds(council_bounds(build, view.vintage), kept or []),
        "source": content.source,
        "note": note,
        "level": level,
    }


def select_council(build: Build, paint: dict, view: View) -> dict:
    """`paint` (a `view_paint` of `view`) with `view.area` selected and zoomed to, before the
    filters; unchanged when no council of the view's vintage is selected."""
    position = _positions(build, view.vintage)
    if view.area not in position.index:
        return paint
    zoom = zoom_bounds(council_bounds(build, view.vintage), [view.area])
    return paint | {"s": int(position[view.area]), "z": zoom}


def _positions(build: Build, vintage: str) -> pd.Series:
    """Each council's position in `council_order`, by la_code (once per process and vintage)."""

    def compute() -> pd.Series:
        order = council_order(build, vintage)["la_code"]
        return pd.Series(range(len(order)), index=order)

    return build.memo(("council_positions", vintage), compute)
