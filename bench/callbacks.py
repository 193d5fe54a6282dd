"""Server time of a council click and of an indicator change, callback by callback, in one
process (no server, no HTTP): the callbacks called as Dash calls them inside the real app.

For every council of the default vintage, a click on the map: the view callback, the council
panel's callbacks, the trend's selection and the map's paint, each computed afresh (its results
dropped from the cache first; what a click does not change, the trend for the view and the
map's paint with no council selected, stays cached as it would be). Then, with a council
selected, a change to every indicator of the catalogue: the view callback, the paint, the
comparisons, the scatter, the trend and the panel's neighbours, each computed afresh.
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

from callbacks.view import COMPARISON_FIELDS, TREND_FIELDS
from tests.integration.conftest import DEFAULT_CONTROLS, NO_CLICKS, load_link, run_callback

CLICK = "map-fill.clickData"
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

    def report(self, title: str) -> None:
        print(f"\n{title}")
        print(f"{'callback':<26}{'calls':>6}{'median ms':>11}{'max ms':>9}")
        for name, seconds in self.seconds.items():
            print(
                f"{name:<26}{len(seconds):>6}{statistics.median(seconds) * 1000:>11.1f}"
                f"{max(seconds) * 1000:>9.1f}"
            )


def controls_of(view: dict) -> dict:
    """The controls' values showing `view` (as the view callback wrote them)."""
    return {name: view.get(name) or "" for name in DEFAULT_CONTROLS}


def view_change(trigger: str, view: dict, **changes) -> dict:
    """The view callback's outputs after `trigger` changed from the page showing `view`."""
    from callbacks.view import sync_view

    controls = controls_of(view) | changes.pop("controls", {})
    return run_callback(
        sync_view,
        trigger,
        search="",
        controls=controls,
        clicks=changes.pop("clicks", NO_CLICKS),
        found="",
        priorities=None,
        current=view,
    )


def forget(*functions) -> None:
    """Drop every cached result of `functions` (memoized by the one cache)."""
    from serving.cache import cache

    for function in functions:
        cache.delete_memoized(function)


def click(timings: Timings, view: dict, area: str) -> dict:
    """Click `area` on the map of `view`; returns the new view."""
    from callbacks import charts, detail, map_files
    from layouts.council import DEFAULT_SPINE_THEME
    from trustmap.show.view import View

    forget(
        detail.detail_children,
        detail.timeline_outputs,
        detail.spine_outputs,
        detail.neighbours_children,
        detail.children_section,
        map_files.paint_json,
    )
    clicks = NO_CLICKS | {CLICK.split(".")[0]: {"properties": {"la_code": area}}}
    out = timings.time("sync_view (click)", lambda: view_change(CLICK, view, clicks=clicks))
    new, key = out["view"], out["panel_key"]
    timings.time("update_detail", lambda: detail.update_detail(area, key))
    timings.time("update_timeline", lambda: detail.update_timeline(area, key))
    timings.time("update_spine", lambda: detail.update_spine(area, DEFAULT_SPINE_THEME))
    neighbours_key = out["panel_indicator_key"]
    timings.time(
        "update_neighbours (panel)",
        lambda: detail.update_neighbours(area, neighbours_key, "2025"),
    )
    timings.time("update_children", lambda: detail.update_children(area, key))
    trend = {name: new[name] for name in TREND_FIELDS}
    timings.time(
        "update_trend (area)",
        lambda: run_callback(charts.update_trend, "area.data", key=trend, area=area),
    )
    timings.time("paint.json", lambda: map_files.paint_json(View(**new | {"theme": None})))
    return new


def download(timings: Timings, area: str) -> None:
    from callbacks import detail

    forget(detail.profile_csv)
    timings.time("profile_csv (download)", lambda: detail.profile_csv(area))


def indicator_change(timings: Timings, view: dict, indicator: str) -> dict:
    """Choose `indicator` on the page showing `view` (a council selected); returns the view."""
    from callbacks import charts, comparison, detail, map_files
    from layouts.charts import default_y_indicator, period_choice
    from serving.data import get_build
    from trustmap.show.view import View

    forget(
        map_files.paint_json,
        map_files.unselected_paint,
        comparison.comparison_outputs,
        comparison.neighbours_outputs,
        charts.scatter_outputs,
        charts.trend_outputs,
        detail.neighbours_children,
    )
    changed = {"controls": {"indicator": indicator}}
    out = timings.time(
        "sync_view (indicator)", lambda: view_change("indicator.value", view, **changed)
    )
    new = out["view"]
    timings.time("paint.json", lambda: map_files.paint_json(View(**new | {"theme": None})))
    key = {name: new[name] for name in COMPARISON_FIELDS}
    timings.time("update_comparison", lambda: comparison.update_comparison(key))
    timings.time("update_neighbours (groups)", lambda: comparison.update_neighbours(key, "2025"))
    y_indicator = default_y_indicator(get_build())
    _, y_period = period_choice(get_build(), y_indicator, new["period"])
    trend = {name: new[name] for name in TREND_FIELDS}
    timings.time("update_scatter", lambda: charts.update_scatter(key, y_indicator, y_period))
    timings.time(
        "update_trend (key)",
        lambda: run_callback(charts.update_trend, "trend-key.data", key=trend, area=new["area"]),
    )
    panel = out["panel_indicator_key"]
    timings.time(
        "update_neighbours (panel)",
        lambda: detail.update_neighbours(new["area"], panel, "2025"),
    )
    return new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=None, help="the first N councils only")
    parser.add_argument("--indicators", type=int, default=None, help="the first N only")
    parser.add_argument("--profile", action="store_true", help="cProfile the clicks")
    args = parser.parse_args()
    from app import server
    from serving.data import get_build
    from trustmap.model.vintages import council_table

    print(machine_note())
    with server.app_context():
        start = time.perf_counter()
        view = load_link("?v=2019")["view"]
        print(f"first view callback (build loaded): {time.perf_counter() - start:.2f} s")
        councils = list(council_table(get_build(), view["vintage"])["la_code"])[: args.councils]
        profiler = cProfile.Profile() if args.profile else None
        clicks, downloads, changes = Timings(), Timings(), Timings()
        if profiler:
            profiler.enable()
        for area in councils:
            view = click(clicks, view, area)
        if profiler:
            profiler.disable()
        for area in councils:
            download(downloads, area)
        indicators = list(get_build()["indicator_catalogue"]["id"])[: args.indicators]
        for indicator in indicators:
            view = indicator_change(changes, view, indicator)
    clicks.report(f"council click, {len(councils)} councils of 2019, each computed afresh")
    downloads.report("the full profile's CSV (the panel's download button)")
    changes.report(f"indicator change, {len(indicators)} indicators, a council selected")
    print(machine_note())
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(PROFILE_LINES)


if __name__ == "__main__":
    main()
