"""The map page of the real app in headless Chromium: what a person sees, and what crosses the
network. A link's council opens its own page (`/council/<code>`), and the comparisons' exports
live on `/compare`; each page's accessibility is checked in test_pages.py.

Screenshots of the main views are kept in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from layouts.pages import linked_view
from serving.data import get_build
from tests.e2e.conftest import ARTIFACTS
from tests.support.browser import wait_until_drawn
from trustmap.show.map_paint import map_paint
from trustmap.show.outlines import council_order

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

MAP_TIMEOUT_MS = 60_000
SMALL_UPDATE_BYTES = 50_000
VIEWPORT = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
INCOME = "iod2019-income-average-score"

# What the map has drawn (Leaflet SVG): council fills, distinct fill colours, the outlines of
# pathfinders (2 px) and of the selected council (4 px), the London inset's fills, the legend.
RENDERED = """() => {
  const fills = Array.from(document.querySelectorAll('#map .leaflet-overlay-pane path'));
  if (fills.length < 100) return null;
  const outlines = '#map .leaflet-map-outlines-pane path';
  return {
    councils: fills.length,
    colours: new Set(fills.map(p => p.getAttribute('fill'))).size,
    pathfinders: document.querySelectorAll(outlines + '[stroke-width="2.5"]').length,
    selected: document.querySelectorAll(outlines + '[stroke-width="4"]').length,
    inset: document.querySelectorAll('#inset .leaflet-overlay-pane path').length,
    legend: document.querySelector('#map-legend').innerText,
  };
}"""

# Each council's fill colour on England's map, by code (its path's class: council-<code>).
FILLS = """() => Object.fromEntries(
  Array.from(document.querySelectorAll('#map .leaflet-overlay-pane path'))
    .map(p => [p.getAttribute('class').match(/council-(\\w+)/)[1], p.getAttribute('fill')]))"""

# Councils whose drawn shape lies inside a map's box, each at least `minPx` wide or tall.
INSIDE = """([mapId, codes, minPx]) => {
  const box = document.getElementById(mapId).getBoundingClientRect();
  return codes.filter(code => {
    const path = document.querySelector('#' + mapId + ' path.council-' + code);
    if (!path) return false;
    const r = path.getBoundingClientRect();
    return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1
      && r.bottom <= box.bottom + 1 && Math.max(r.width, r.height) >= minPx;
  });
}"""

# The legend's colour classes (label, swatch colour) with how many council fills the map has
# drawn in each one's colour.
CLASS_KEYS = """() => {
  const classes = document.querySelector('#map-legend .trustmap-keys');  // then the lines' keys
  const keys = classes.querySelectorAll('.trustmap-key');
  const fills = Array.from(document.querySelectorAll('#map .leaflet-overlay-pane path'))
    .map(p => p.getAttribute('fill'));
  return Array.from(keys).map(key => {
    const colour = key.querySelector('.trustmap-swatch').style.backgroundColor;
    return [key.innerText.trim(), colour, fills.filter(fill => fill === colour).length];
  });
}"""


class Visit:
    """A page that may only talk to the app's host, recording what it tried and received."""

    def __init__(self, browser, app_url: str):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.outside: list[str] = []
        self.requested: list[str] = []
        self.updates: list = []
        self.layout_bytes = 0
        self.page.route("**/*", self._route)
        self.page.on("response", self._response)
        self.app_url = app_url

    def _route(self, route):
        if route.request.url.startswith(self.app_url + "/"):
            self.requested.append(route.request.url)
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _response(self, response):
        if "_dash-update-component" in response.url:
            self.updates.append(response)
        if response.url.endswith("/_dash-layout"):
            self.layout_bytes = len(response.body())

    def update_sizes(self) -> list[tuple[str, int]]:
        """(callback outputs, body bytes) of every callback response so far (a callback that
        changed nothing answers 204, with no body)."""
        return [
            (r.request.post_data_json["output"], 0 if r.status == 204 else len(r.body()))
            for r in self.updates
        ]

    def open(self, query: str = "") -> float:
        """Load the app with a query string; seconds until the map has drawn its councils."""
        started = time.monotonic()
        self.page.goto(self.app_url + "/" + query)
        self.page.wait_for_function(
            f"() => {{ const r = ({RENDERED})(); return r && r.councils > 100; }}",
            timeout=MAP_TIMEOUT_MS,
        )
        return time.monotonic() - started

    def rendered(self) -> dict:
        """What the map has drawn."""
        self.page.wait_for_function(f"() => ({RENDERED})() !== null", timeout=MAP_TIMEOUT_MS)
        return self.page.evaluate(RENDERED)

    def wait_for_legend(self, text: str) -> None:
        """Wait until the legend shows `text`: a link's colouring reaches the page drawn with
        the default view as a paint of a few kB just after it."""
        self.page.wait_for_function(
            f"(text) => {{ const r = ({RENDERED})(); return r && r.legend.includes(text); }}",
            arg=text,
            timeout=MAP_TIMEOUT_MS,
        )

    def settle(self) -> None:
        """Wait until everything the page shows has drawn and the map is still."""
        wait_until_drawn(self.page)

    def choose_indicator(self, typed: str, name: str) -> None:
        """Choose an indicator as a reader does: type part of its name into the picker, then
        click the option `name`."""
        self.page.fill("#indicator", typed)
        self.page.get_by_role("option", name=name, exact=True).click()

    def screenshot(self, name: str) -> None:
        self.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


@pytest.fixture
def visit(browser, app_url):
    opened = Visit(browser, app_url)
    yield opened
    opened.page.close()


def test_map_draws_every_council_without_outside_requests(visit):
    seconds = visit.open()
    visit.settle()
    drawn = visit.rendered()
    visit.screenshot("pathfinders")
    print(f"first map drawn in {seconds:.1f} s; {drawn}")
    assert drawn["councils"] == 151  # the councils of 2019
    assert drawn["inset"] == 151  # London's inset draws from the same outline file
    assert drawn["pathfinders"] == 35  # 34 of the 35, and Bedfordshire's two successors
    assert drawn["colours"] == 2  # pathfinder, not a pathfinder
    assert "2003 pathfinder" in drawn["legend"]
    # The outlines come once, as a file; no callback and not the layout carries polygons.
    # (Routing turns the browser's HTTP cache off, so each of the four layers asks; a browser
    # gets it once: the file is preloaded and cached as immutable.)
    outlines = {url for url in visit.requested if "/map/outlines/" in url}
    assert len(outlines) == 1, outlines
    cached = visit.page.request.get(outlines.pop()).headers["cache-control"]
    assert cached == "public, max-age=31536000, immutable"
    assert visit.layout_bytes < 200_000
    assert not any(b'"coordinates"' in r.body() for r in visit.updates if r.status == 200)
    assert visit.page.get_by_text("Source: Office for National Statistics").first.is_visible()
    assert visit.page.get_by_text("Open Government Licence").first.is_visible()
    assert visit.outside == []
    assert not [url for url in visit.requested if "favicon" in url]  # asked at each change


def test_old_link_selects_its_council_and_its_page_fills_the_panel(visit):
    visit.open("?a=E09000029")
    # Sutton is outlined and the map has zoomed to it: no longer a speck.
    visit.page.wait_for_function(f"() => ({RENDERED})().selected === 1")
    # The test fails unless Sutton ends inside the map, 100 px or more.
    visit.page.wait_for_function(
        f"(args) => ({INSIDE})(args).length === 1",
        arg=["map", ["E09000029"], 100],
        timeout=MAP_TIMEOUT_MS,
    )
    selected = visit.page.locator("#selected-council")
    assert selected.inner_text().startswith("Sutton, London borough")
    selected.get_by_role("link", name="Open Sutton's page").click()
    visit.page.wait_for_url("**/council/E09000029?*")
    panel = visit.page.locator("#detail")
    panel.locator("#detail-name", has_text="Sutton").wait_for(timeout=MAP_TIMEOUT_MS)
    assert (
        panel.locator("#detail-pathfinder")
        .inner_text()
        .startswith("2003 children's trust pathfinder")
    )
    assert "coterminous: NHS Sutton CCG" in panel.inner_text()
    visit.page.wait_for_function(
        "() => { const g = document.querySelector('#spine-graph .js-plotly-plot');"
        " return g && g.data && g.data.length }",
        timeout=120_000,
    )
    visit.settle()
    visit.screenshot("sutton")
    assert visit.outside == []


def test_a_switch_while_the_outlines_are_held_ends_with_its_colours_and_selection(browser, app_url):
    # The map has one paint: the page's, then each one fetched; the councils draw with the
    # paint shown when their outlines arrive, however late. Here a link's council, then an
    # indicator chosen, both before the outlines have come.
    page = browser.new_page(viewport=VIEWPORT)
    held = []
    page.route(
        "**/map/outlines/**",
        lambda route: route.continue_() if held is None else held.append(route),
    )
    page.goto(app_url + "/?a=E09000029", wait_until="commit")
    # The paint has reached the page (its legend names the selection), no outline yet.
    page.locator("#map-legend", has_text="selected council").wait_for(timeout=MAP_TIMEOUT_MS)
    page.evaluate(f"() => window.dash_clientside.set_props('indicator', {{value: '{INCOME}'}})")
    page.locator("#map-legend", has_text="Income - Average score").wait_for(timeout=MAP_TIMEOUT_MS)
    page.wait_for_url(f"**i={INCOME}**")
    assert page.locator("#map .leaflet-overlay-pane path").count() == 0
    held, routes = None, held
    assert routes, "the outlines were asked for while held"
    for route in routes:
        route.continue_()
    page.wait_for_function(
        f"() => {{ const r = ({RENDERED})(); return r && r.selected === 1; }}",
        timeout=MAP_TIMEOUT_MS,
    )
    view, _ = linked_view(page.url.split("?", 1)[1], None)
    assert (view.indicator, view.area) == (INCOME, "E09000029")
    assert page.evaluate(FILLS) == expected_fills(view)
    page.close()


def expected_fills(view) -> dict[str, str]:
    """Each council's fill colour in `view`'s paint, by code, as worked out by trustmap."""
    paint = map_paint(get_build(), view)
    codes = council_order(get_build(), view.vintage)["la_code"]
    return {code: paint["legend"]["colours"][paint["classes"][i]] for i, code in enumerate(codes)}


def test_indicator_change_sends_numbers_not_polygons(visit):
    visit.open("?c=indicator&i=iod2019-imd-average-score&p=2019")
    visit.wait_for_legend("quintiles")
    visit.settle()
    before = len(visit.updates)
    legend_before = visit.rendered()["legend"]
    visit.screenshot("indicator")
    visit.choose_indicator("Income - Average score", "IoD 2019: Income - Average score")
    visit.page.wait_for_url("**i=iod2019-income-average-score**")
    visit.page.wait_for_function(
        f"(before) => {{ const r = ({RENDERED})(); return r && r.legend !== before; }}",
        arg=legend_before,
    )
    visit.settle()
    after = visit.update_sizes()[before:]
    print(f"layout {visit.layout_bytes} bytes; after the change {after}")
    visit.screenshot("indicator-changed")
    assert after, "the change reached the server"
    assert "Income - Average score" in visit.rendered()["legend"]
    assert all(size < SMALL_UPDATE_BYTES for _, size in after)
    assert visit.rendered()["colours"] >= 5
    assert len({url for url in visit.requested if "/map/outlines/" in url}) == 1
    assert visit.outside == []


def test_coterminosity_view(visit):
    visit.open("?c=coterminosity&v=2023")
    visit.wait_for_legend("coterminous")
    visit.settle()
    visit.screenshot("coterminosity")
    drawn = visit.rendered()
    assert drawn["councils"] == 153  # the councils of 2023
    # The link's vintage brings its own NHS geography: sub-ICB locations, not 2019's CCGs.
    assert drawn["legend"].startswith("Coterminosity with sub-ICB location April 2023")
    # Each class in the map's colour (Paul Tol's green, sand, pale blue, purple) and the
    # councils drawn in it. The counts were worked apart from the app: ONS's 2023 county and
    # unitary outlines (the bundle's uk_ctyua_2023_bsc, which the app does not read) overlaid
    # with geopandas on the sub-ICB locations of April 2023, pieces under 3% of both areas
    # dropped, each council then classed by the definitions (one body that meets no other
    # council: coterminous; several, each only in it: contains several; one that meets
    # others too: spans several; else overlapping).
    assert visit.page.evaluate(CLASS_KEYS) == [
        ["coterminous", "rgb(17, 119, 51)", 44],
        ["council contains several health areas", "rgb(221, 204, 119)", 2],
        ["health area spans several councils", "rgb(136, 204, 238)", 93],
        ["overlapping", "rgb(170, 68, 153)", 14],
    ]


def test_odd_link_shows_a_message_and_the_default_map(visit):
    visit.open("?v=1999&c=rainbow&i=%3Cscript%3E&a=nowhere")
    alert = visit.page.locator("#link-alert")
    alert.wait_for()
    text = alert.inner_text()
    assert "1999" in text
    assert "rainbow" in text
    assert "<script>" in text
    assert visit.rendered()["councils"] >= 150
    visit.screenshot("odd-link")


def test_map_click_selects_a_council_and_the_link_follows(visit):
    visit.open()
    visit.settle()
    visit.page.locator("#map path.council-E10000008").click()  # Devon
    visit.page.wait_for_url("**a=E10000008**")
    selected = visit.page.locator("#selected-council")
    selected.get_by_role("link", name="Open Devon's page").wait_for()
    assert selected.inner_text().startswith("Devon, county council")
    visit.page.wait_for_function(f"() => ({RENDERED})().selected === 1")
    visit.settle()
    visit.screenshot("devon-clicked")
    assert visit.outside == []


def test_search_selects_a_council_by_keyboard_alone(visit):
    visit.open()
    visit.settle()
    # From the top: the skip link, trustmap's name and the pages' links come first.
    for _ in range(12):
        visit.page.keyboard.press("Tab")
        if visit.page.evaluate("() => document.activeElement.id") == "search":
            break
    assert visit.page.evaluate("() => document.activeElement.id") == "search"
    visit.page.keyboard.type("Sutt")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**a=E09000029**")
    visit.page.locator("#selected-council", has_text="Sutton").wait_for()
    visit.page.wait_for_function(f"() => ({RENDERED})().selected === 1")
    assert visit.page.url.startswith(visit.app_url + "/?")  # the map page stays


def test_former_names_find_their_successors(visit):
    visit.open()
    visit.page.wait_for_function("() => document.querySelectorAll('#search-options option').length")
    suggestions = visit.page.eval_on_selector_all(
        "#search-options option", "options => options.map(o => o.value)"
    )
    assert len(suggestions) == 151
    assert [s for s in suggestions if "Bedfordshire" in s] == [
        "Bedford (E06000055), also: Bedfordshire",
        "Central Bedfordshire (E06000056), also: Bedfordshire",
    ]
    visit.page.fill("#search", "Bedfordshire")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_url("**a=E06000055**")


def test_london_filter_shows_every_london_council(visit):
    london = [f"E09{n:06d}" for n in range(1, 34)]  # the City and the 32 boroughs
    visit.open("?r=London")
    visit.page.wait_for_function(f"() => ({RENDERED})().legend.includes('left out')")
    # The map shows London: the test fails unless all 33 end inside it, 8 px or more each.
    visit.page.wait_for_function(
        f"(args) => ({INSIDE})(args).length === 33", arg=["map", london, 8], timeout=MAP_TIMEOUT_MS
    )
    visit.screenshot("london")
    assert visit.page.evaluate(INSIDE, ["inset", london, 3]) == london


def test_a_links_health_boundaries_are_drawn_as_the_page_opens(visit):
    visit.open("?h=ccg2019")
    visit.wait_for_legend("CCG April 2019")
    visit.page.wait_for_function(
        "() => document.querySelectorAll('#map .leaflet-map-health-pane path').length === 191",
        timeout=MAP_TIMEOUT_MS,
    )  # the CCGs of April 2019


def test_filter_that_keeps_no_council_says_so(visit):
    visit.open("?r=London&y=County")
    alert = visit.page.locator("#map-data-alert")
    alert.wait_for()
    assert alert.inner_text().startswith("No council of 2019 matches these filters")


def test_map_data_downloads_as_csv(visit):
    visit.open("?c=coterminosity")
    visit.settle()  # the link's view has reached the page, as when a reader clicks
    with visit.page.expect_download() as download:
        visit.page.click("#map-download-button")
    table = pd.read_csv(download.value.path())
    assert list(table.columns) == [
        "la_code",
        "la_name",
        "vintage",
        "region",
        "council_type",
        "pathfinder_status",
        "coterminosity",
        "health",
        "health_bodies",
        "map_class",
        "source",
    ]
    assert len(table) == 151
    sutton = table.set_index("la_code").loc["E09000029"]
    assert (sutton["coterminosity"], sutton["health_bodies"]) == ("coterminous", "NHS Sutton CCG")


def test_map_data_keeps_only_the_councils_the_filters_keep(visit):
    visit.open("?r=London&s=pathfinder")
    with visit.page.expect_download() as download:
        visit.page.click("#map-download-button")
    table = pd.read_csv(download.value.path())
    assert len(table) == 8 and set(table["region"]) == {"London"}


def test_back_button_restores_the_previous_view(visit):
    visit.open("?c=pathfinder")
    visit.settle()
    visit.page.get_by_label("Coterminosity with NHS bodies").check()
    visit.page.wait_for_url("**c=coterminosity**")
    visit.page.wait_for_function(
        f"() => {{ const r = ({RENDERED})(); return r && r.legend.includes('coterminous'); }}"
    )
    visit.page.go_back()
    visit.page.wait_for_function(
        f"() => {{ const r = ({RENDERED})(); return r && r.legend.includes('not a pathfinder'); }}"
    )
    assert visit.page.get_by_role("radio", name="Pathfinder status").is_checked()


def test_page_runs_under_its_content_security_policy(visit):
    problems = []
    visit.page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    visit.page.on("pageerror", lambda error: problems.append(str(error)))
    visit.open("?c=indicator&i=iod2019-idaci-average-score&p=2019")
    visit.settle()
    header = visit.page.request.get(visit.app_url + "/").headers["content-security-policy"]
    assert "frame-ancestors 'none'" in header and "default-src 'self'" in header
    assert problems == []


SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<svg", "pdf": b"%PDF-"}
EXPORTED = ("i=lait-fsp-new-gooddev", "s=pathfinder")


def fetch_exports(visit, chart: str) -> None:
    """Each format of `chart`'s export, as its menu links it: the view's query, a valid file."""
    for image_format, signature in SIGNATURES.items():
        href = visit.page.locator(f"#export-{chart}-{image_format}").get_attribute("href")
        assert all(part in href for part in EXPORTED), href
        response = visit.page.request.get(visit.app_url + href)
        assert response.ok and response.body().startswith(signature), (chart, image_format)
        (ARTIFACTS / f"export-{chart}.{image_format}").write_bytes(response.body())


def test_exports_of_the_current_view_are_valid_files(visit):
    # The newcomer's question: which pathfinders were coterminous with their CCG in 2019, and
    # how do they compare on school readiness? Pathfinders only, coloured by the indicator.
    visit.open("?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019&s=pathfinder")
    visit.wait_for_legend("quintiles")
    visit.settle()
    visit.screenshot("pathfinders-school-readiness")
    fetch_exports(visit, "map")
    briefing = visit.page.locator("#export-briefing").get_attribute("href")
    query = visit.page.locator("#export-map-png").get_attribute("href").split("?", 1)[1]
    # The comparisons (and their exports) are a page of their own; the view travels there.
    visit.page.get_by_role("link", name="Compare groups").click()
    visit.page.wait_for_url("**/compare?*")
    visit.page.wait_for_function(
        "() => (document.querySelector('#export-coterminous-png')?.getAttribute('href') || '')"
        ".includes('/export/')",
        timeout=MAP_TIMEOUT_MS,
    )
    fetch_exports(visit, "coterminous")
    # With pathfinders only there is nothing to compare them with: the export is disabled, and
    # its address answers a page that says why, not a file.
    disabled = visit.page.locator("#compare-pathfinder-export button[aria-disabled=true]")
    disabled.wait_for(timeout=MAP_TIMEOUT_MS)
    assert visit.page.locator("#export-pathfinder-png").count() == 0
    reason = visit.page.locator("#compare-pathfinder-reason").inner_text()
    assert reason.startswith("Every council kept is a pathfinder")
    refused = visit.page.request.get(f"{visit.app_url}/export/pathfinder.png?{query}")
    assert refused.status == 404 and reason in refused.text()
    pack = visit.page.request.get(visit.app_url + briefing)
    assert pack.ok and pack.body().startswith(b"%PDF-")
    (ARTIFACTS / "briefing.pdf").write_bytes(pack.body())
