"""How the tests and benches start Debian's headless Chromium (through Playwright).

Without the background-networking flags Chromium tries to reach Google's hosts, which this
project's machines (and a user's offline laptop) cannot and should not do.
"""

from trustmap.export.renderer import CHROMIUM_PATH

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_PATH"]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
