"""The pathfinder era and the NHS story in the real app: the coverage sentence, the
before/after chart and the national class counts, at a desktop and a phone size.

Screenshots go to tests/artifacts/ (era-*.png, nhs-story-*.png)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS, playwright_api
from tests.support.browser import wait_until_still

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

SECTION_TIMEOUT_MS = 180_000  # a cold process works out every NHS vintage first
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
# Traces a plotly graph has drawn (one group per trace in its scatter, bar and box layers).
DRAWN = """(selector) => {
  const graph = document.querySelector(selector + ' .js-plotly-plot');
  const layers = '.scatterlayer .trace, .barlayer .trace, .boxlayer .trace';
  return graph ? graph.querySelectorAll(layers).length : 0;
}"""


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, app_url):  # noqa: F811
    opened = browser.new_page(viewport=VIEWPORTS[request.param])
    outside = []

    def route(target):
        if target.request.url.startswith(app_url + "/"):
            target.continue_()
        else:
            outside.append(target.request.url)
            target.abort()

    opened.route("**/*", route)
    opened.goto(app_url + "/")
    yield opened, request.param
    assert outside == []
    opened.close()


def wait_drawn(page, selector: str, traces: int) -> None:
    page.wait_for_function(f"() => ({DRAWN})('{selector}') >= {traces}", timeout=SECTION_TIMEOUT_MS)


def test_era_shows_coverage_and_before_after_and_class_counts(page):
    page, size = page
    expect = playwright_api.expect
    coverage = page.locator("#era-coverage")
    coverage.wait_for(timeout=SECTION_TIMEOUT_MS)
    for text in ("2,826,100", "11,012,300", "25.7%", '"20% of children in England"'):
        expect(coverage).to_contain_text(text)
    wait_drawn(page, "#era-chart", 4)  # two bands and two lines
    expect(page.locator("#era-chart")).to_contain_text("2003: pathfinders named")
    expect(page.locator("#era-reading")).to_contain_text("chosen, not assigned")
    expect(page.locator("#era-source")).to_contain_text("Source: Office for National Statistics")
    page.locator("#era").scroll_into_view_if_needed()
    wait_until_still(page)
    page.locator("#era").screenshot(path=ARTIFACTS / f"era-{size}.png")

    wait_drawn(page, "#story-class-counts", 5)  # one bar trace per class
    story = page.locator("#nhs-story")
    expect(page.locator("#story-class-counts")).to_contain_text("not determined")
    expect(story).to_contain_text("PCT October 2006 is partly determined")
    wait_drawn(page, "#outcome-chart", 2)
    expect(page.locator("#outcome-reading")).to_contain_text("Observational and confounded")
    story.scroll_into_view_if_needed()
    wait_until_still(page)
    story.screenshot(path=ARTIFACTS / f"nhs-story-{size}.png")
