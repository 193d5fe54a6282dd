"""Server time of a council click and of an indicator change, callback by callback, in one
process (no server, no HTTP): the callbacks called as Dash calls them inside the real app.

For every council of the default vintage, a click on the map: the view callback, the map page's
paint and selected-council line, and the council page's sections (facts, timeline, NHS bodies,
spine, neighbours, children), each computed afresh (its results dropped from the cache first;
the map's paint with no council selected, which a click does not change, stays cached as it
would be). Then, with the last council still selected, a change to each indicator of the
catalogue: the view callback, the map's paint and the compare page's callbacks (comparisons,
neighbours, the second indicator's periods, scatter, trend), each computed afresh.
`--profile` prints cProfile's top functions of the clicks.
Run: `.venv/bin/python bench/callbacks.py [--councils N] [--indicators N] [--profile]`.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from collections import defaultdict
from collections.abc import Callable

from _servers import machine_note
from dash import no_update

from callbacks import charts, compare, council
from callbacks import map as map_page
from callbacks.view import sync_view
from layouts import ids
from layouts.charts import default_y_indicator
from layouts.compare import DEFAULT_LIST
from layouts.council import DEFAULT_SPINE_THEME
from layouts.view_stores import store_values
from serving import map_files
from serving.cache import cache
from serving.data import get_build
from tests.integration.conftest import (
    DEFAULT_CONTROLS,
    control_change,
    load_link,
    run_callback,
    stored,
)
from trustmap.model.vintages import council_table

PROFILE_LINES = 25


class Timings:
    """Seconds per callback name; prints median and max per name."""

    def __init__(self):
        self.seconds: dict[str, list[float]] = defaultdict(list)

    def time(self, name: str, call: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = call()
        self.seconds[name].append(time.perf_counter() - start)
        return result

    def callback(self, name: str, function: Callable, trigger: str, **inputs) -> object:
        """`function`'s outputs, called as Dash calls it after `trigger` changed; timed."""
        return self.time(name, lambda: run_callback(function, trigger, **inputs))

    def report(self, title: str) -> None:
        print(f"\n{title}")
        print(f"{'callback':<30}{'calls':>6}{'median ms':>11}{'max ms':>9}")
        for name, seconds in self.seconds.items():
            print(
                f"{name:<30}{len(seconds):>6}{statistics.median(seconds) * 1000:>11.1f}"
                f"{max(seconds) * 1000:>9.1f}"
            )


def forget(*functions: Callable) -> None:
    """Drop every cached result of `functions` (memoized by the one cache)."""
    for function in functions:
        cache.delete_memoized(function)


def paint(view: dict) -> str:
    """What the map page's paint URL answers for `view` (`serving.map_files`' route)."""
    return map_files.paint_json(map_files.painted_view(view))


def view_change(
    timings: Timings, name: str, trigger: str, view: dict, *, changed=None, clicked=None, **asked
) -> dict:
    """The view callback after `trigger` changed on the map page showing `view` (its controls
    showing `view`, but for the values `asked`), timed as `name`; returns the view it settles
    on."""
    controls = {control: view[control] or "" for control in DEFAULT_CONTROLS} | asked
    outputs = timings.callback(
        name,
        sync_view,
        trigger,
        link={"search": "", "pathname": "/"},
        changed=changed,
        clicked=clicked,
        found="",
        priorities=None,
        controls=controls,
        current=view,
    )
    new = stored(outputs, ids.VIEW)
    return view if new is no_update else new


def click(timings: Timings, view: dict, area: str) -> dict:
    """Click `area` on the map showing `view`; returns the new view."""
    forget(
        map_files.paint_json,
        council.detail_children,
        council.timeline_outputs,
        council.nhs_bodies_children,
        council.spine_outputs,
        council.neighbours_children,
        council.children_section,
    )
    clicked = {"code": area, "at": 1}
    new = view_change(timings, "sync_view (click)", f"{ids.CLICKED}.data", view, clicked=clicked)
    stores = store_values(new)
    on_area = f"{ids.AREA}.data"
    timings.time("paint.json", lambda: paint(new))
    timings.callback(
        "update_selected_line", map_page.update_selected_line, on_area, _area=area, view=new
    )
    panel = stores[ids.PANEL_KEY]
    timings.callback("update_detail", council.update_detail, on_area, area=area, view=panel)
    timings.callback("update_timeline", council.update_timeline, on_area, area=area, view=panel)
    timings.callback("update_nhs_bodies", council.update_nhs_bodies, on_area, area=area, view=panel)
    timings.callback(
        "update_spine", council.update_spine, on_area, area=area, theme=DEFAULT_SPINE_THEME
    )
    timings.callback(
        "update_neighbours (panel)",
        council.update_neighbours,
        on_area,
        area=area,
        view=stores[ids.PANEL_INDICATOR_KEY],
        list_year=DEFAULT_LIST,
    )
    timings.callback("update_children", council.update_children, on_area, area=area, view=panel)
    return new


def indicator_change(timings: Timings, view: dict, indicator: str) -> dict:
    """Choose `indicator` on the page showing `view`; returns the new view."""
    forget(
        map_files.paint_json,
        map_files.unselected_paint,
        compare.comparison_outputs,
        compare.neighbours_outputs,
        charts.scatter_outputs,
        charts.trend_outputs,
    )
    trigger, changed = control_change(ids.INDICATOR)
    asked = {ids.INDICATOR: indicator}
    new = view_change(timings, "sync_view (indicator)", trigger, view, changed=changed, **asked)
    stores = store_values(new)
    timings.time("paint.json", lambda: paint(new))
    key = stores[ids.COMPARISON_KEY]
    on_key = f"{ids.COMPARISON_KEY}.data"
    timings.callback("update_comparison", compare.update_comparison, on_key, key=key)
    timings.callback(
        "update_neighbours (groups)",
        compare.update_neighbours,
        on_key,
        key=key,
        list_year=DEFAULT_LIST,
    )
    y_indicator = default_y_indicator(get_build())
    _, y_period = timings.callback(
        "update_y_periods",
        charts.update_y_periods,
        f"{ids.PERIOD}.value",
        y_indicator=y_indicator,
        x_period=new["period"],
    )
    timings.callback(
        "update_scatter",
        charts.update_scatter,
        on_key,
        key=key,
        y_indicator=y_indicator,
        y_period=y_period,
    )
    timings.callback(
        "update_trend",
        charts.update_trend,
        f"{ids.TREND_KEY}.data",
        key=stores[ids.TREND_KEY],
        area=new["area"],
        drawn=None,
    )
    return new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=None, help="the first N councils only")
    parser.add_argument("--indicators", type=int, default=None, help="the first N only")
    parser.add_argument("--profile", action="store_true", help="cProfile the clicks")
    args = parser.parse_args()
    print(machine_note())
    start = time.perf_counter()
    from app import server  # creating the app loads the build

    with server.app_context():
        view = stored(load_link(""), ids.VIEW)
        print(f"app created, first view callback: {time.perf_counter() - start:.2f} s")
        vintage = view["vintage"]
        councils = list(council_table(get_build(), vintage)["la_code"])[: args.councils]
        profiler = cProfile.Profile() if args.profile else None
        clicks, changes = Timings(), Timings()
        if profiler:
            profiler.enable()
        for area in councils:
            view = click(clicks, view, area)
        if profiler:
            profiler.disable()
        catalogue = get_build()["indicator_catalogue"]["id"]
        others = [indicator for indicator in catalogue if indicator != view["indicator"]]
        indicators = others[: args.indicators]
        for indicator in indicators:
            view = indicator_change(changes, view, indicator)
    clicks.report(f"council click, {len(councils)} councils of {vintage}, each computed afresh")
    selected = "a council" if view["area"] else "no council"
    changes.report(f"indicator change, {len(indicators)} indicators, {selected} selected")
    print(machine_note())
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILE_LINES)


if __name__ == "__main__":
    main()
