"""How the tests and benches start Debian's headless Chromium (through Playwright).

Without the background-networking flags Chromium tries to reach Google's hosts, which this
project's machines (and a user's offline laptop) cannot and should not do.
"""

from trustmap.export.renderer import CHROMIUM_PATH

__all__ = [
    "AXE_WCAG",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "LAYOUT_SHIFT",
    "wait_until_drawn",
    "wait_until_still",
]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

# axe-core's options: every rule of WCAG 2 A and AA, nothing excluded. The tests read only the
# violations; the other result types are cut to one node each, which spares axe a selector for
# every node that passes (most of its time on the pages with the largest tables).
AXE_WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]},
    "resultTypes": ["violations"],
}

# Resolves true once the page has nothing left to draw: Dash's tab title no longer "Updating..."
# and the map still for five animation frames (a zoom or fly has ended); false after `limitMs`.
PAGE_STILL = """(limitMs) => new Promise((resolve) => {
  const started = performance.now();
  const pane = () => {
    const map = document.querySelector('#map .leaflet-map-pane');
    const proxy = document.querySelector('#map .leaflet-proxy');
    return (map ? map.style.transform : '') + '|' + (proxy ? proxy.style.transform : '');
  };
  let last = pane(), still = 0;
  (function check() {
    requestAnimationFrame(() => {
      const now = pane();
      still = now === last && !document.title.startsWith('Updating') ? still + 1 : 0;
      last = now;
      if (still >= 5) resolve(true);
      else if (performance.now() - started > limitMs) resolve(false);
      else check();
    });
  })();
})"""


def wait_until_still(page, *, limit_ms: int = 30_000) -> None:
    """Wait until what a reader sees has stopped changing: the network idle, Dash done
    updating, and the map's zoom or fly ended; fail after `limit_ms`."""
    page.wait_for_load_state("networkidle")
    assert page.evaluate(PAGE_STILL, limit_ms), f"the page was still changing after {limit_ms} ms"


# Added before a page loads: the sum of its layout shifts not caused by input, as Chromium's
# `layout-shift` entries report them (window.trustmapLayoutShift).
LAYOUT_SHIFT = """
window.trustmapLayoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.trustmapLayoutShift += entry.value;
  }
}).observe({ type: "layout-shift", buffered: true });
"""

# True once nothing on the page is drawing: Dash has no callback in flight, every plotly graph
# has drawn its chart, and no table still says it is being drawn.
DRAWN = """() => !document.querySelector('[data-dash-is-loading="true"]')
  && Array.from(document.querySelectorAll('.js-plotly-plot, .dash-graph'))
       .every((graph) => graph.querySelector('.main-svg') || graph.offsetParent === null)
  && !document.body.innerText.includes('Drawing the table')"""


def wait_until_drawn(page, *, limit_ms: int = 60_000) -> None:
    """Wait until everything the page shows has drawn and stopped moving: no callback in
    flight, every chart drawn, the network idle and the map still."""
    page.wait_for_function(DRAWN, timeout=limit_ms)
    wait_until_still(page, limit_ms=limit_ms)
    page.wait_for_function(DRAWN, timeout=limit_ms)
