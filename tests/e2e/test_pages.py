"""Every page at its own address, as a reader opens it at 1440x900 and on a 390x844 phone:
drawn when it opens, named in the tab, still while it fills (layout shift under 0.02), and
without accessibility violations once everything on it has drawn (axe, WCAG 2 A and AA, no
exclusions). Screenshots of each are kept in tests/artifacts/ (git-ignored). The map page shows
its councils before Dash has drawn anything, where the live map then takes over."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.support.browser import AXE_WCAG, LAYOUT_SHIFT, wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"desktop": DESKTOP, "phone": PHONE}
SUTTON = "E09000029"
# (address, what the tab says, a selector a reader sees once the page has drawn)
PAGES = {
    "map": ("/", "Map · trustmap", "#map .leaflet-overlay-pane path"),
    "councils": ("/council", "Councils · trustmap", ".trustmap-council-list a"),
    "council": (f"/council/{SUTTON}", "Sutton · trustmap", "#spine-graph .main-svg"),
    "compare": ("/compare", "Compare groups · trustmap", "#compare-pathfinder .main-svg"),
    "nhs": ("/nhs", "NHS boundaries · trustmap", "#story-class-counts .main-svg"),
    "era": ("/era", "The pathfinder era · trustmap", "#era-chart .main-svg"),
    "about": ("/about", "About the data · trustmap", "h1"),
}
MAX_LAYOUT_SHIFT = 0.02


def open_page(browser, app_url: str, address: str, viewport: dict, ready: str):
    page = browser.new_page(viewport=viewport)
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(app_url + address)
    page.wait_for_selector(ready, state="attached", timeout=60_000)
    wait_until_drawn(page)
    return page


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_draws_when_it_opens_still_and_accessible(browser, app_url, name, size):
    from axe_playwright_python.sync_playwright import Axe

    address, title, ready = PAGES[name]
    page = open_page(browser, app_url, address, SIZES[size], ready)
    page.screenshot(path=ARTIFACTS / f"page-{name}-{size}.png", full_page=True)
    assert page.title() == title
    shift = page.evaluate("() => window.trustmapLayoutShift")
    assert shift < MAX_LAYOUT_SHIFT, f"{name} moved as it filled: layout shift {shift:.3f}"
    results = Axe().run(page, options=AXE_WCAG)
    found = [
        (violation["id"], violation["impact"], len(violation["nodes"]))
        for violation in results.response["violations"]
    ]
    assert found == [], results.generate_report()
    page.close()


def test_an_old_link_opens_the_same_view_on_the_map_page(browser, app_url):
    page = open_page(
        browser, app_url, f"/?a={SUTTON}&c=indicator", DESKTOP, "#map .leaflet-overlay-pane path"
    )
    selected = page.locator("#selected-council")
    assert "Sutton" in selected.inner_text()
    link = selected.get_by_role("link", name="Open Sutton's page")
    assert link.get_attribute("href").startswith(f"/council/{SUTTON}?")
    link.click()
    page.wait_for_url(f"**/council/{SUTTON}?*")
    page.wait_for_selector("#spine-graph .main-svg", timeout=60_000)
    assert page.title() == "Sutton · trustmap"
    page.close()


def test_sutton_page_shows_its_status_its_nhs_bodies_and_a_wide_spine_chart(browser, app_url):
    address, _, ready = PAGES["council"]
    page = open_page(browser, app_url, address, DESKTOP, ready)
    assert page.locator("h1").inner_text() == "Sutton"
    assert "pathfinder" in page.locator("#detail-pathfinder").inner_text()
    width = page.locator("#spine-graph").bounding_box()["width"]
    assert width >= 800, f"the spine chart is {width:.0f} px wide"
    page.close()


def test_the_view_travels_with_the_navigation(browser, app_url):
    query = "?c=indicator&i=lait-fsp-new-gooddev&r=London"
    page = open_page(browser, app_url, "/" + query, DESKTOP, "#map .leaflet-overlay-pane path")
    page.get_by_role("link", name="Compare groups").click()
    page.wait_for_url("**/compare?*")
    assert "r=London" in page.url and "lait-fsp-new-gooddev" in page.url
    page.wait_for_selector("#compare-pathfinder .main-svg", timeout=60_000)
    wait_until_drawn(page)
    assert page.locator("#region").input_value() == "London"
    page.go_back()
    page.wait_for_selector("#map .leaflet-overlay-pane path", state="attached", timeout=60_000)
    assert page.title() == "Map · trustmap"
    page.close()


def test_find_a_council_comes_first_on_a_phone_and_its_answer_stays_in_sight(browser, app_url):
    page = open_page(browser, app_url, "/", PHONE, "#map .leaflet-overlay-pane path")
    search = page.locator("#search")
    assert search.bounding_box()["y"] < 150
    search.fill("Sheffield")
    search.press("Enter")
    selected = page.locator("#selected-council")
    selected.get_by_role("link", name="Open Sheffield's page").wait_for(timeout=60_000)
    box = selected.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    page.close()


def test_finding_a_council_from_another_page_opens_its_page(browser, app_url):
    page = open_page(browser, app_url, "/compare", DESKTOP, PAGES["compare"][2])
    search = page.locator("#search")
    search.fill("Sutton")
    search.press("Enter")
    page.wait_for_url(f"**/council/{SUTTON}?*")
    page.wait_for_selector(PAGES["council"][2], timeout=60_000)
    assert page.locator("h1").inner_text() == "Sutton"
    page.close()


def test_the_map_is_one_tab_stop_between_the_top_and_its_csv_link(browser, app_url):
    page = open_page(browser, app_url, "/", DESKTOP, "#map .leaflet-overlay-pane path")
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.tagName, e.innerText || e.getAttribute('aria-label') || e.id || ''] }"
        )
        stops.append(focused)
        if focused[1].strip() == "Map data (CSV)":
            break
    assert stops[-1][1].strip() == "Map data (CSV)", stops
    assert not [stop for stop in stops if stop[0].lower() == "path"], stops
    print(f"{len(stops)} Tab stops from the top of / to the map's CSV link: {stops}")
    assert len(stops) <= 30
    page.close()


def test_the_map_shows_its_councils_before_dash_has_drawn(browser, app_url):
    page = browser.new_page(viewport=DESKTOP)
    page.route("**/_dash-component-suites/**", lambda route: route.abort())  # no Dash at all
    page.goto(app_url + "/?c=coterminosity")
    drawing = page.locator("#map-preview .trustmap-map svg")
    drawing.wait_for(state="visible")
    box = drawing.bounding_box()
    assert box["width"] > 600 and box["height"] > 500, box
    assert page.locator("#map-preview .trustmap-preview-fills path[fill]").count() >= 150
    assert "Coterminosity with" in page.locator("#map-preview .trustmap-legend").inner_text()
    assert page.locator("#map").count() == 0
    page.screenshot(path=ARTIFACTS / "map-before-dash.png")
    page.close()


# The drawing's map box when the live map's box first appears (the drawing then gives way).
BOX_AT_FIRST_MAP = """
new MutationObserver((_, observer) => {
  const drawing = document.querySelector('#map-preview .trustmap-map');
  if (!document.getElementById('map') || !drawing) return;
  const box = drawing.getBoundingClientRect();
  window.trustmapDrawingBox = [box.x, box.y + scrollY, box.width, box.height];
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });
"""


def test_the_drawing_gives_way_to_the_live_map_in_its_place(browser, app_url):
    page = browser.new_page(viewport=DESKTOP)
    page.add_init_script(BOX_AT_FIRST_MAP)
    page.goto(app_url + "/")
    page.wait_for_selector(PAGES["map"][2], state="attached", timeout=60_000)
    page.locator("#map-preview").wait_for(state="hidden")
    live = page.locator("#map").bounding_box()
    drawn = page.evaluate("() => window.trustmapDrawingBox")
    assert drawn == pytest.approx([live["x"], live["y"], live["width"], live["height"]], abs=1)
    page.close()
