"""How the tests and benches start Debian's headless Chromium (through Playwright).

Without the background-networking flags Chromium tries to reach Google's hosts, which this
project's machines (and a user's offline laptop) cannot and should not do.
"""

from trustmap.export.renderer import CHROMIUM_PATH

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_PATH", "wait_until_still"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

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
