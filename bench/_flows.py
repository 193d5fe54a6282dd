"""What a browser sends for each thing a person does in the dashboard, recorded once in headless
Chromium (Playwright) so that the load bench replays exactly that.

`record(url)` opens each page and performs each action in a real tab, and keeps every request
to the app (not its scripts and styles, which a browser caches: `/assets/`,
`/_dash-component-suites/`), with its POST body. A request belongs to a wave: the wave after the
latest one any of whose answers had come back before it was sent. `Flow.replay` sends the waves
in order, each wave's requests in parallel, as the tab did. A council's code in a recorded
address or body (`RECORDED_CODE`) is replaced by another council's on replay, so that many
users do not all ask for the same council.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from _servers import Exchange, fetch
from playwright.sync_api import Page, Request, sync_playwright

from tests.support.browser import CHROMIUM_ARGS, CHROMIUM_PATH, wait_until_drawn

RECORDED_CODE = "E06000002"  # Middlesbrough, in every vintage's outlines
CACHED = ("/assets/", "/_dash-component-suites/", "/_favicon")
QUIET_S = 1.5  # nothing asked or answered for this long: the tab has done what it will
RECORD_TIMEOUT_S = 60
OPEN_PAGES = ("/", "/?v=2019&c=indicator", "/council", "/compare", "/nhs", "/era", "/about")
INDICATORS_RECORDED = 4
CLICKS_RECORDED = 3


@dataclass(frozen=True)
class Sent:
    """One request as the tab sent it: method, address (from the site's root) and body."""

    method: str
    path: str
    body: str | None

    def replay(self, url: str, code: str) -> Exchange:
        path = self.path.replace(RECORDED_CODE, code)
        body = None if self.body is None else self.body.replace(RECORDED_CODE, code)
        label = f"{self.method} {path.split('?')[0]}"
        return fetch(url + path, label, body=body)


@dataclass
class Flow:
    """The requests of one action, wave after wave."""

    name: str
    waves: list[list[Sent]] = field(default_factory=list)

    def replay(self, url: str, code: str = RECORDED_CODE) -> list[Exchange]:
        """Send each wave's requests in parallel, the next wave once they have all answered."""
        exchanges: list[Exchange] = []
        for wave in self.waves:
            with ThreadPoolExecutor(max_workers=len(wave)) as pool:
                exchanges += pool.map(lambda sent: sent.replay(url, code), wave)
        return exchanges

    @property
    def requests(self) -> int:
        return sum(len(wave) for wave in self.waves)


@dataclass
class Flows:
    """Every recorded action, by request class."""

    opens: list[Flow]
    council_page: Flow
    clicks: list[Flow]
    indicators: list[Flow]

    def summary(self) -> str:
        def shape(flow: Flow) -> str:
            return f"{flow.name}: {flow.requests} requests in {len(flow.waves)} waves"

        flows = [*self.opens, self.council_page, self.clicks[0], self.indicators[0]]
        return "recorded in Chromium: " + "; ".join(shape(flow) for flow in flows)


class _Tab:
    """A Chromium tab whose requests to the app are written down, with when each was sent and
    answered."""

    def __init__(self, page: Page, url: str):
        self.page, self.url = page, url
        self.sent: list[tuple[Request, float]] = []
        self.answered: dict[Request, float] = {}
        self.last = time.monotonic()
        page.on("request", self._sent)
        page.on("requestfinished", self._answered)
        page.on("requestfailed", self._answered)

    def _sent(self, request: Request) -> None:
        self.last = time.monotonic()
        path = request.url.removeprefix(self.url)
        if request.url.startswith(self.url) and not path.startswith(CACHED):
            self.sent.append((request, self.last))

    def _answered(self, request: Request) -> None:
        self.last = time.monotonic()
        self.answered[request] = self.last

    def action(self, name: str, act) -> Flow:
        """Do `act()`, wait until the tab is quiet, and return what it sent, in waves."""
        self.sent, self.answered = [], {}
        act()
        wait_until_drawn(self.page)
        deadline = time.monotonic() + RECORD_TIMEOUT_S
        while time.monotonic() - self.last < QUIET_S or any(
            request not in self.answered for request, _ in self.sent
        ):
            if time.monotonic() > deadline:
                raise SystemExit(f"recording {name!r}: the tab never went quiet")
            self.page.wait_for_timeout(100)
        return Flow(name, self._waves())

    def _waves(self) -> list[list[Sent]]:
        waves: list[list[Sent]] = []
        wave_of: dict[Request, int] = {}
        seen: set[tuple[str, str, str | None]] = set()
        for request, at in self.sent:
            earlier = [wave_of[r] for r, _ in self.sent if r in wave_of and self.answered[r] <= at]
            number = 1 + max(earlier, default=-1)
            wave_of[request] = number
            key = (request.method, request.url.removeprefix(self.url), request.post_data)
            if key in seen:  # the same GET again (the outlines): the browser's cache answers
                continue
            seen.add(key)
            waves += [[] for _ in range(number + 1 - len(waves))]
            waves[number].append(Sent(*key))
        return [wave for wave in waves if wave]


def record(url: str) -> Flows:
    """Open each page and do each action in headless Chromium against the app at `url`."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            tab = _Tab(browser.new_page(), url)
            opens = [
                tab.action(f"open {path}", lambda p=path: tab.page.goto(url + p))
                for path in OPEN_PAGES
            ]
            council_page = tab.action(
                "open council page", lambda: tab.page.goto(f"{url}/council/{RECORDED_CODE}")
            )
            tab.action("back to the map", lambda: tab.page.goto(url + "/"))
            indicators = tab.page.evaluate("dash_component_api.getLayout('indicator').props.data")
            values = [item["value"] for item in _flat(indicators)][1 : 1 + INDICATORS_RECORDED]
            changes = [
                tab.action(
                    f"indicator {value}", lambda v=value: _set(tab.page, "indicator", value=v)
                )
                for value in values
            ]
            clicks = [
                tab.action(
                    "click council",
                    lambda: _set(
                        tab.page, "map-fill", clickData={"properties": {"la_code": RECORDED_CODE}}
                    ),
                )
                for _ in range(CLICKS_RECORDED)
            ]
        finally:
            browser.close()
    return Flows(opens, council_page, clicks, changes)


def _flat(options: list) -> list[dict]:
    """A select's options, its groups' items included."""
    return [
        item
        for option in options
        for item in (option.get("items", [option]) if isinstance(option, dict) else [])
    ]


def _set(page: Page, component: str, **props) -> None:
    """Set a component's property as the person's input would (Dash's `set_props`)."""
    page.evaluate("([id, props]) => dash_clientside.set_props(id, props)", [component, props])
