"""Cold page load until the map has drawn its councils, in headless Chromium.

The app is started once and warmed by one uncounted load; each counted load then uses a new
browser context (empty cache), and every request not to 127.0.0.1 is aborted. "Drawn" is the
first animation frame at which MapLibre's `queryRenderedFeatures` returns council polygons (the
check of tests/e2e/test_dashboard.py). Run: `.venv/bin/python bench/first_paint.py [--loads N]`.
"""

from __future__ import annotations

import argparse
import statistics

from _servers import HOST, machine_note, real_app_command, serve
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH

LOADS = 5
TARGET_S = 1.5
VIEWPORT = {"width": 1400, "height": 1000}
DRAWN_TIMEOUT_MS = 60_000
MIN_COUNCILS = 100

# performance.now() (ms since navigation start) at the first frame with council polygons drawn.
DRAWN_AT = """(minCouncils) => {
  const graph = document.querySelector('#map .js-plotly-plot');
  const subplot = graph && graph._fullLayout && graph._fullLayout.map;
  const map = subplot && subplot._subplot && subplot._subplot.map;
  if (!map || !map.isStyleLoaded() || !map.loaded()) return null;
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  if (!fills.length) return null;
  const features = map.queryRenderedFeatures({layers: [fills[0]]});
  const councils = new Set(features.map(f => JSON.stringify(f.properties.ct))).size;
  return councils > minCouncils ? performance.now() : null;
}"""

# Notes when the page has each callback's whole response, by its output (resource timing gives
# the same URL for every callback, so it cannot tell the map's response from the others). These
# times include waits for a busy main thread, so they can come after resource timing's.
TIME_CALLBACKS = """(() => {
  const original = window.fetch;
  window.__callbacks = [];
  window.fetch = async (resource, init) => {
    const started = performance.now();
    const response = await original(resource, init);
    if (String(resource).includes('_dash-update-component') && init && init.body) {
      const size = (await response.clone().arrayBuffer()).byteLength;
      const output = JSON.parse(init.body).output;
      window.__callbacks.push({output, started, ended: performance.now(), size});
    }
    return response;
  };
})();"""

# What the Performance API says about the load (times in ms since navigation start).
BREAKDOWN = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const updates = resources.filter(r => r.name.includes('_dash-update-component'));
  const ends = updates.map(r => r.responseEnd);
  return {
    domContentLoaded: nav.domContentLoadedEventEnd,
    firstUpdate: ends.length ? Math.min(...ends) : null,
    lastUpdate: ends.length ? Math.max(...ends) : null,
    updates: updates.length,
    requests: resources.length + 1,
    transferred: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    map: (window.__callbacks || []).find(c => c.output.includes('map.figure')) || null,
    largest: resources.sort((a, b) => b.transferSize - a.transferSize).slice(0, 3)
      .map(r => [r.name.split('/').pop().split('?')[0], r.transferSize]),
  };
}"""


def load_once(browser, url: str) -> tuple[float, dict, list[str]]:
    """(seconds until drawn, Performance API breakdown, aborted outside URLs) of a cold load."""
    context = browser.new_context(viewport=VIEWPORT)
    outside: list[str] = []

    def only_loopback(route):
        if route.request.url.startswith(f"http://{HOST}:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        page = context.new_page()
        page.route("**/*", only_loopback)
        page.add_init_script(TIME_CALLBACKS)
        page.goto(url + "/")
        drawn_ms = page.wait_for_function(
            DRAWN_AT, arg=MIN_COUNCILS, timeout=DRAWN_TIMEOUT_MS
        ).json_value()
        return drawn_ms / 1000, page.evaluate(BREAKDOWN), outside
    finally:
        context.close()


def describe(breakdown: dict) -> str:
    def ms(key: str) -> str:
        value = breakdown[key]
        return "none" if value is None else f"{value:.0f} ms"

    figure = breakdown["map"]
    map_response = (
        f"map figure in the page at {figure['ended']:.0f} ms ({figure['size'] / 1e6:.2f} MB, "
        f"requested {figure['ended'] - figure['started']:.0f} ms before)"
        if figure
        else "no map figure response"
    )
    largest = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in breakdown["largest"])
    return (
        f"DOMContentLoaded {ms('domContentLoaded')}, first _dash-update-component response "
        f"{ms('firstUpdate')}, last {ms('lastUpdate')} ({breakdown['updates']} callbacks), "
        f"{map_response}, "
        f"{breakdown['requests']} requests, {breakdown['transferred'] / 1e6:.2f} MB transferred"
        f" (largest: {largest})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=LOADS)
    args = parser.parse_args()
    seconds = []
    print(machine_note())
    with serve(real_app_command, "real") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            warm_up, _, _ = load_once(browser, url)
            print(f"warm-up load (not counted): {warm_up:.2f} s")
            for number in range(1, args.loads + 1):
                drawn_s, breakdown, outside = load_once(browser, url)
                seconds.append(drawn_s)
                print(f"load {number}: map drawn at {drawn_s:.2f} s; {describe(breakdown)}")
                if outside:
                    print(f"  aborted {len(outside)} request(s) not to {HOST}: {outside[:3]}")
        finally:
            browser.close()
    median = statistics.median(seconds)
    verdict = "meets" if median <= TARGET_S else "misses"
    print(machine_note())
    print(f"first_paint: median={median:.2f} s over {len(seconds)} loads ({verdict} {TARGET_S} s)")


if __name__ == "__main__":
    main()
