"""The council panel in headless Chromium: a council's own page (`/council/CODE`, opened by
its address, so the test holds whatever draws the map), its spine chart, its statistical
neighbours named and its coterminosity timeline strip, on a desktop and a phone screen.

Screenshots go to tests/artifacts/ (git-ignored): panel-<council>-<screen>.png.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.support.browser import wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

PANEL_TIMEOUT_MS = 120_000
CALLBACK_URL = re.compile(r"/_dash-update-component(\?|$)")
SCREENS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}

# What a plotly graph inside `selector` has drawn: its traces' names, y values and texts.
GRAPH = """(selector) => {
  const graph = document.querySelector(selector + ' .js-plotly-plot');
  if (!graph || !graph.data || !graph.data.length) return null;
  return graph.data.map(t => ({
    name: t.name || '', y: Array.from(t.y || []), text: Array.from(t.text || []),
    hovertext: Array.from(t.hovertext || [])}));
}"""


def open_panel(browser, app_url: str, address: str, screen: str, council: str):
    """A page at `screen` size showing the panel of `council` (its page at `address`), its
    strip and spine drawn."""
    page = browser.new_page(viewport=SCREENS[screen])
    outside = []

    def route(request_route):
        if request_route.request.url.startswith(app_url + "/"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(app_url + address)
    page.locator("#detail-name", has_text=council).wait_for(timeout=PANEL_TIMEOUT_MS)
    for graph in ("#timeline-graph", "#spine-graph"):
        page.wait_for_function(f"() => ({GRAPH})('{graph}') !== null", timeout=PANEL_TIMEOUT_MS)
    return page, outside


def drawn(page, selector: str) -> list[dict]:
    return page.evaluate(f"({GRAPH})('{selector}')")


def as_read(label: str) -> str:
    """A chart label as a reader reads it: its wrapped lines joined, no-break spaces as spaces."""
    return label.replace("<br>", " ").replace("\u00a0", " ")


def show_neighbours(page) -> str:
    page.get_by_role("button", name="Statistical neighbours").click()
    table = page.locator("#neighbour-table")
    table.wait_for(timeout=PANEL_TIMEOUT_MS)
    return table.inner_text()


def screenshots(page, name: str) -> None:
    wait_until_drawn(page)
    page.screenshot(path=ARTIFACTS / f"panel-{name}.png", full_page=True)
    page.locator("#detail").locator("xpath=ancestor::div[contains(@class,'card')][1]").screenshot(
        path=ARTIFACTS / f"panel-{name}-card.png"
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_sutton_panel(browser, app_url, screen):
    page, outside = open_panel(browser, app_url, "/council/E09000029", screen, "Sutton")
    strip = drawn(page, "#timeline-graph")[:-1]  # the last trace outlines the map's vintage
    classes = {trace["name"]: len(trace["y"]) for trace in strip}
    # coterminous with NHS Sutton CCG 2013-2019 (6 vintages), one part of South West London
    # bodies from April 2020 (8 vintages); Sutton and Merton PCT in 2006
    assert classes == {"coterminous": 6, "health area spans several councils": 9}
    hover = " ".join(text for trace in strip for text in trace["hovertext"])
    assert "NHS Sutton CCG" in hover and "Sutton and Merton PCT" in hover
    spine = drawn(page, "#spine-graph")
    labels = [as_read(text) for text in next(t["text"] for t in spine if t["name"] == "labels")]
    assert len(labels) == 33  # every early-years indicator
    assert "Foundation Stage - Literacy · 2025" in labels
    assert "33 indicators" in page.locator("#spine-caption").inner_text()
    assert "Source: Department for Education" in page.locator("#spine-source").inner_text()
    neighbours = show_neighbours(page)
    for name in ("Merton", "Hertfordshire", "Kingston upon Thames", "Buckinghamshire"):
        assert name in neighbours
    screenshots(page, f"sutton-{screen}")
    assert outside == []
    page.close()


def test_indicator_change_updates_the_neighbours_and_leaves_the_rest_of_the_panel(browser, app_url):
    # The council's page has no controls: its link's indicator changes while the page stays
    # as the browser's Forward button brings back a view of the same council on another one.
    address = "/council/E09000029?c=indicator&i=iod2019-imd-average-score"
    page, outside = open_panel(browser, app_url, address, "desktop", "Sutton")
    assert show_neighbours(page)
    assert page.locator("#neighbour-summary").inner_text().startswith("IoD 2019: IMD")
    wait_until_drawn(page)
    page.evaluate(
        "() => history.pushState(null, '', location.pathname"
        " + '?c=indicator&i=iod2019-income-average-score')"
    )
    page.go_back()
    asked = []  # the outputs of every callback the change sets off

    def record(request_route):
        asked.append(request_route.request.post_data_json["output"])
        request_route.continue_()

    page.route(CALLBACK_URL, record)
    page.go_forward()
    summary = page.locator("#neighbour-summary", has_text="Income")
    summary.wait_for(timeout=PANEL_TIMEOUT_MS)
    assert summary.inner_text().startswith("IoD 2019: Income - Average score")
    assert "Sutton: " in summary.inner_text()
    wait_until_drawn(page)
    assert page.title() == "Sutton · trustmap"
    assert any("neighbours.children" in output for output in asked)
    for unchanged in ("timeline-graph.figure", "spine-graph.figure", "detail.children"):
        assert not any(unchanged in output for output in asked), unchanged
    assert outside == []
    page.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_devon_panel(browser, app_url, screen):
    page, outside = open_panel(browser, app_url, "/council/E10000008?v=2019", screen, "Devon")
    strip = drawn(page, "#timeline-graph")[:-1]
    classes = {trace["name"]: len(trace["y"]) for trace in strip}
    # Devon PCT (2006); two CCGs across Devon and its neighbours 2013-2018; NHS Devon CCG,
    # then the Devon sub-ICB location and ICB, from 2019, each also covering Plymouth and Torbay
    assert classes == {"coterminous": 1, "overlapping": 5, "health area spans several councils": 9}
    neighbours = show_neighbours(page)
    assert neighbours.count("\n") >= 10  # a header and ten councils
    assert "Somerset" in neighbours
    page.get_by_role("button", name="Children and boundaries").click()
    page.locator("#children-count").wait_for(timeout=PANEL_TIMEOUT_MS)
    assert page.locator("#children-count").inner_text() == "143,900"
    screenshots(page, f"devon-{screen}")
    assert outside == []
    page.close()
