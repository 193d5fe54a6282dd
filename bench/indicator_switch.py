"""Indicator switches in headless Chromium: trustmap against bench/naive_app.py, in one run.

trustmap is measured once its background warm-up has ended (`serving/warm.py`: every indicator's
paint as a switch from the landing view asks for it, about 40 s after it starts). Each app is
opened on the IoD 2019 indicators (period 2019, councils of 2019); then, alternating
between the apps, the indicator is changed (`dash_clientside.set_props`, as a user's choice
reaches Dash) to one neither has shown yet. Per switch: the time from the change to the first
animation frame with the map repainted in the new colours (trustmap: its legend, written with the
restyle, names the new indicator; naive: the figure's values changed and MapLibre is
idle), and every byte the page received from the change on (all responses: callbacks, paints,
anything else). Only 127.0.0.1 resolves.

Run: `.venv/bin/python bench/indicator_switch.py [--switches N]`; the last line is
`indicator_switch: speedup=<naive/real time> bytes_ratio=<naive/real bytes>`. With `--trace`,
trustmap alone: where one switch's milliseconds go (requests, map paths, legend), as timed in
the page.
"""

from __future__ import annotations

import argparse
import statistics
from contextlib import ExitStack

from _servers import HOST, machine_note, naive_app_command, real_app_command, serve, serve_warmed
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH
from trustmap.bundle.build import load_build

SWITCHES = 24
TIMEOUT_MS = 60_000
LATE_MS = 500  # a response arriving after the repaint still counts
VIEWPORT = {"width": 1440, "height": 900}
ONLY_LOOPBACK = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {HOST}"
START = "?v=2019&c=indicator&p=2019&i="

# Change the indicator; resolve with [t0, ms until repainted], timed in the page.
SWITCH = {
    "real": """async ([indicator, label]) => {
      const t0 = performance.now();
      window.dash_clientside.set_props('indicator', {value: indicator});
      await new Promise(resolve => {
        // The legend is written by the callback that restyles the map, in the same update;
        // two indicators may colour the councils alike, so the fills alone cannot tell.
        const check = () => {
          const title = document.querySelector('#map-legend').innerText.split('\\n')[0];
          if (title.startsWith(label + ' (')) requestAnimationFrame(resolve);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return [t0, performance.now() - t0];
    }""",
    "naive": """async ([indicator]) => {
      const graph = document.querySelector('#map .js-plotly-plot');
      const values = () => JSON.stringify(graph.data[0].z);
      const before = values();
      const t0 = performance.now();
      window.dash_clientside.set_props('indicator', {value: indicator});
      await new Promise(resolve => {
        const check = () => {
          const map = graph._fullLayout.map._subplot.map;
          if (values() !== before && map.loaded()) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
      return [t0, performance.now() - t0];
    }""",
}
READY = {
    "real": "() => document.querySelectorAll('#map .leaflet-overlay-pane path[fill]').length > 150",
    "naive": """() => { const g = document.querySelector('#map .js-plotly-plot');
      return g && g.data && g.data[0] && g._fullLayout.map._subplot.map.loaded(); }""",
}
# One switch of trustmap, timed in the page: each request (sent, first byte, last byte), the
# first change to the map's fill paths (restyled in place, or re-created), the legend, the frame.
TRACE = """async ([indicator, label, lateMs]) => {
  const marks = [];
  let t0 = 0;
  const mark = (what) => marks.push([performance.now() - t0, what]);
  const pane = document.querySelector('#map .leaflet-overlay-pane');
  const seen = new Set();
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      const what = r.type === 'childList' ? 'fill paths re-created' : 'fill paths restyled';
      if (!seen.has(what)) { seen.add(what); mark('first ' + what); }
    }
  });
  const watched = {subtree: true, childList: true, attributes: true, attributeFilter: ['fill']};
  observer.observe(pane, watched);
  t0 = performance.now();
  window.dash_clientside.set_props('indicator', {value: indicator});
  await new Promise(resolve => {
    const check = () => {
      const title = document.querySelector('#map-legend').innerText.split('\\n')[0];
      if (!title.startsWith(label + ' (')) return requestAnimationFrame(check);
      mark('legend names the indicator');
      requestAnimationFrame(resolve);
    };
    requestAnimationFrame(check);
  });
  mark('next frame: the time of the switch');
  observer.disconnect();
  await new Promise(resolve => setTimeout(resolve, lateMs));  // late responses too
  for (const r of performance.getEntriesByType('resource').filter(r => r.startTime >= t0)) {
    const name = r.name.replace(location.origin, '').split('?')[0];
    marks.push([r.startTime - t0, name + ' sent']);
    marks.push([r.responseStart - t0, name + ' first byte']);
    marks.push([r.responseEnd - t0, name + ' received (' + r.transferSize + ' B)']);
  }
  return marks.sort((a, b) => a[0] - b[0]);
}"""
# Bytes and responses since `t0`.
SINCE = """(t0) => {
  const after = performance.getEntriesByType('resource').filter(r => r.startTime >= t0);
  return {bytes: after.reduce((s, r) => s + r.transferSize, 0), responses: after.length};
}"""


def indicators() -> list[tuple[str, str]]:
    """(id, label) of the IoD 2019 council indicators both apps can show."""
    catalogue = load_build()["indicator_catalogue"]
    chosen = catalogue[catalogue["source_file"].str.contains("iod2019_utla")]
    return list(zip(chosen["id"], chosen["label"], strict=True))


def open_app(browser, url: str, name: str, first: str):
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(url + "/" + (START + first if name == "real" else ""))
    page.wait_for_function(READY[name], timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    return page


def switch(page, name: str, indicator: str, label: str) -> dict:
    t0, repainted = page.evaluate(SWITCH[name], [indicator, label])
    page.wait_for_timeout(LATE_MS)  # count late responses too
    return page.evaluate(SINCE, t0) | {"ms": repainted}


def trace(choices: list[tuple[str, str]]) -> None:
    """Print where one switch of trustmap goes, after two untimed switches warm the page."""
    with serve_warmed(real_app_command, "real") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=[*CHROMIUM_ARGS, ONLY_LOOPBACK]
        )
        page = open_app(browser, url, "real", choices[0][0])
        for indicator, label in choices[1:3]:
            switch(page, "real", indicator, label)
        for ms, what in page.evaluate(TRACE, [*choices[3], LATE_MS]):
            print(f"{ms:7.1f} ms  {what}")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--switches", type=int, default=SWITCHES)
    parser.add_argument("--trace", action="store_true", help="trace one switch of trustmap")
    args = parser.parse_args()
    choices = indicators()
    if args.trace:
        print(machine_note())
        trace(choices)
        return
    if args.switches + 1 > len(choices):
        raise SystemExit(f"at most {len(choices) - 1} switches: each shows a new indicator")
    print(machine_note())
    results: dict[str, list[dict]] = {"real": [], "naive": []}
    commands = {"real": real_app_command, "naive": naive_app_command}
    servers = {"real": serve_warmed, "naive": serve}
    with ExitStack() as stack, sync_playwright() as playwright:
        urls = {
            name: stack.enter_context(servers[name](command, name))
            for name, command in commands.items()
        }
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=[*CHROMIUM_ARGS, ONLY_LOOPBACK]
        )
        pages = {name: open_app(browser, urls[name], name, choices[0][0]) for name in commands}
        for number, (indicator, label) in enumerate(choices[1 : args.switches + 1], start=1):
            for name in commands:
                measured = switch(pages[name], name, indicator, label)
                results[name].append(measured)
                print(
                    f"switch {number:2d} {name:5s}: repainted in {measured['ms']:.0f} ms, "
                    f"{measured['bytes'] / 1e3:.1f} kB in {measured['responses']} responses"
                )
        browser.close()
    print(machine_note())
    median = {
        name: (
            statistics.median(r["ms"] for r in runs),
            statistics.median(r["bytes"] for r in runs),
        )
        for name, runs in results.items()
    }
    for name, (ms, size) in median.items():
        print(f"{name}: median {ms:.0f} ms, {size / 1e3:.1f} kB per switch")
    speedup = median["naive"][0] / median["real"][0]
    ratio = median["naive"][1] / median["real"][1]
    print(f"indicator_switch: speedup={speedup:.1f} bytes_ratio={ratio:.0f}")


if __name__ == "__main__":
    main()
