"""Cold page load until the map has drawn its councils: trustmap against bench/naive_app.py, in
one run, in headless Chromium.

Each app is started once and warmed by one uncounted load; the counted loads alternate between
the apps, each in a new browser context (empty cache). Every host but 127.0.0.1 resolves to
nothing (Chromium's host resolver rules, which leave the HTTP cache on, as a browser has it).
"Drawn" is the first animation frame with at least 150 council shapes painted: trustmap's
Leaflet paths with their fill, or, before them, the same councils in their colours drawn into the
page's HTML (serving/map_preview.py) while that drawing is shown; the naive app's MapLibre
polygons. Every frame is watched from the page's first (an init script), not from its load
event: a map drawn before the scripts have run counts when it was drawn. Bytes are the
navigation and every response that ended before then (transferSize: compressed bytes on the
wire).

Run: `.venv/bin/python bench/first_paint.py [--loads N]`; the last line is
`first_paint: real=<s> naive=<s> ratio=<real/naive>` with the bytes each transferred.
"""

from __future__ import annotations

import argparse
import statistics
from contextlib import ExitStack

from _servers import HOST, machine_note, naive_app_command, real_app_command, serve
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH

LOADS = 7
VIEWPORT = {"width": 1440, "height": 900}
DRAWN_TIMEOUT_MS = 60_000
MIN_COUNCILS = 150
ONLY_LOOPBACK = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}"

# performance.now() in a frame with >= MIN_COUNCILS council shapes painted, else null: by the
# live map (LEAFLET_DRAWN), or by the drawing in the HTML while shown, else the live map
# (REAL_DRAWN).
LEAFLET_DRAWN = """(minCouncils) => {
  const paths = document.querySelectorAll('#map .leaflet-overlay-pane path[fill]');
  return paths.length >= minCouncils ? performance.now() : null;
}"""
PREVIEW_DRAWN = """(minCouncils) => {
  const drawing = document.querySelector('#map-preview:not([hidden]) .trustmap-preview-fills');
  const shown = drawing && drawing.getBoundingClientRect().height > 0
    && drawing.querySelectorAll('path[fill]').length >= minCouncils;
  return shown ? performance.now() : null;
}"""
REAL_DRAWN = f"(n) => ({PREVIEW_DRAWN})(n) ?? ({LEAFLET_DRAWN})(n)"
NAIVE_DRAWN = """(minCouncils) => {
  const graph = document.querySelector('#map .js-plotly-plot');
  const subplot = graph && graph._fullLayout && graph._fullLayout.map;
  const map = subplot && subplot._subplot && subplot._subplot.map;
  if (!map || !map.isStyleLoaded() || !map.loaded()) return null;
  const fills = map.getStyle().layers.filter(l => l.type === 'fill').map(l => l.id);
  if (!fills.length) return null;
  const features = map.queryRenderedFeatures({layers: [fills[0]]});
  const councils = new Set(features.map(f => JSON.stringify(f.properties))).size;
  return councils >= minCouncils * 0.66 ? performance.now() : null;
}"""
# Each app's command, its map drawn, and its live map drawn (the naive app has only that).
APPS = {
    "real": (real_app_command, REAL_DRAWN, LEAFLET_DRAWN),
    "naive": (naive_app_command, NAIVE_DRAWN, NAIVE_DRAWN),
}

# Added before a page loads: a test tried at every animation frame until it holds; the time it
# returns is kept in window[name].
WATCH = """window[%r] = null;
(function watch(drawn) {
  requestAnimationFrame(() => {
    const at = drawn(%d);
    if (at === null) watch(drawn);
    else window[%r] = at;
  });
})(%s);"""

# Bytes and requests of the navigation and of every response that ended by `t` ms.
BYTES_BEFORE = """(t) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const before = performance.getEntriesByType('resource').filter(r => r.responseEnd <= t);
  const largest = [...before].sort((a, b) => b.transferSize - a.transferSize).slice(0, 3)
    .map(r => r.name.split('/').pop().split('?')[0].slice(0, 40) + ' '
      + (r.transferSize / 1e3).toFixed(0) + ' kB');
  return {bytes: nav.transferSize + before.reduce((s, r) => s + r.transferSize, 0),
          requests: before.length + 1, dcl: nav.domContentLoadedEventEnd, largest};
}"""


def watched(page, name: str, drawn_at: str) -> None:
    page.add_init_script(WATCH % (name, MIN_COUNCILS, name, drawn_at))


def waited(page, name: str) -> float:
    """Seconds from the navigation until the frame the watch `name` recorded."""
    at = page.wait_for_function(f"() => window[{name!r}]", timeout=DRAWN_TIMEOUT_MS)
    return at.json_value() / 1000


def load_once(browser, url: str, app: str) -> tuple[float, float, dict, list[str]]:
    """(seconds until drawn, until the live map drawn, bytes before the first, requests that
    tried another host)."""
    context = browser.new_context(viewport=VIEWPORT)
    outside: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "requestfailed",
            lambda r: outside.append(r.url) if not r.url.startswith(f"http://{HOST}:") else None,
        )
        _, drawn_at, live_at = APPS[app]
        watched(page, "trustmapDrawnAt", drawn_at)
        watched(page, "trustmapLiveAt", live_at)
        page.goto(url + "/", wait_until="commit")
        seconds, live = waited(page, "trustmapDrawnAt"), waited(page, "trustmapLiveAt")
        return seconds, live, page.evaluate(BYTES_BEFORE, seconds * 1000), outside
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=LOADS)
    args = parser.parse_args()
    print(machine_note())
    results: dict[str, list[tuple[float, float, dict]]] = {name: [] for name in APPS}
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {
            name: stack.enter_context(serve(command, name))
            for name, (command, _, _) in APPS.items()
        }
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=[*CHROMIUM_ARGS, ONLY_LOOPBACK]
        )
        for name in APPS:
            seconds, _, _, _ = load_once(browser, urls[name], name)
            print(f"warm-up {name} (not counted): {seconds:.2f} s")
        for number in range(1, args.loads + 1):
            order = list(APPS) if number % 2 else list(APPS)[::-1]
            for name in order:
                seconds, live, info, outside = load_once(browser, urls[name], name)
                results[name].append((seconds, live, info))
                print(
                    f"load {number} {name:5s}: drawn at {seconds:.2f} s (live map {live:.2f} s), "
                    f"DOMContentLoaded "
                    f"{info['dcl']:.0f} ms, {info['bytes'] / 1e6:.2f} MB in {info['requests']} "
                    f"requests before it (largest: {', '.join(info['largest'])})"
                    + (f"; {len(outside)} outside request(s) refused" if outside else "")
                )
        browser.close()
    print(machine_note())
    median = {name: statistics.median(s for s, _, _ in runs) for name, runs in results.items()}
    live = {name: statistics.median(s for _, s, _ in runs) for name, runs in results.items()}
    megabytes = {
        name: statistics.median(i["bytes"] for _, _, i in runs) / 1e6
        for name, runs in results.items()
    }
    print(f"live map drawn (median): real={live['real']:.2f} s naive={live['naive']:.2f} s")
    print(
        f"bytes before the map (median): real={megabytes['real']:.2f} MB "
        f"naive={megabytes['naive']:.2f} MB"
    )
    print(
        f"first_paint: real={median['real']:.2f} naive={median['naive']:.2f} "
        f"ratio={median['real'] / median['naive']:.2f}"
    )


if __name__ == "__main__":
    main()
