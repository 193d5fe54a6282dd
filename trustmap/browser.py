"""How this project starts Debian's headless Chromium (browser tests and benchmarks alike).

Without the background-networking flags Chromium tries to reach Google's hosts, which this
project's machines (and a user's offline laptop) cannot and should not do.
"""

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
