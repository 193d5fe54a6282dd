"""The pathfinder era (`/era`) and the NHS story (`/nhs`) in the real app: the coverage
sentence, the before/after chart and the national class counts, at a desktop and a phone size.

Screenshots go to tests/artifacts/ (era-*.png, nhs-story-*.png)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import ARTIFACTS, playwright_api
from tests.support.browser import wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

SECTION_TIMEOUT_MS = 180_000  # a cold process works out every NHS vintage first
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
# Traces a plotly graph has drawn (one group per trace in its scatter, bar and box layers).
DRAWN = """(selector) => {
  const graph = document.querySelector(selector + ' .js-plotly-plot');
  const layers = '.scatterlayer .trace, .barlayer .trace, .boxlayer .trace';
  return graph ? graph.querySelectorAll(layers).length : 0;
}"""
PAGE = "#page-content"  # what a page shows beside (or above) the controls


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
    yield opened, request.param, app_url
    assert outside == []
    opened.close()


def wait_drawn(page, selector: str, traces: int) -> None:
    page.wait_for_function(f"() => ({DRAWN})('{selector}') >= {traces}", timeout=SECTION_TIMEOUT_MS)


def test_era_shows_coverage_and_before_after(page):
    page, size, app_url = page
    expect = playwright_api.expect
    page.goto(app_url + "/era")
    coverage = page.locator("#era-coverage")
    coverage.wait_for(timeout=SECTION_TIMEOUT_MS)
    for text in ("2,826,100", "11,012,300", "25.7%", '"20% of children in England"'):
        expect(coverage).to_contain_text(text)
    wait_drawn(page, "#era-chart", 4)  # two bands and two lines
    expect(page.locator("#era-chart")).to_contain_text("2003: pathfinders named")
    expect(page.locator("#era-reading")).to_contain_text("chosen, not assigned")
    headline = page.locator("#era-reading p").first
    expect(headline).to_have_text(re.compile(r"^Councils as units: from 1998-2002 to 2004-2008"))
    expect(headline).to_contain_text("changed no more than chance would explain")
    expect(headline).to_contain_text("Difference-in-differences")
    expect(headline).to_contain_text("35 and 113 councils")
    expect(page.locator("#era-pooled")).to_contain_text("Description, not a test: pooled rates")
    card = page.locator(".card", has=page.locator("#era-chart"))
    expect(card).not_to_contain_text("lower in every year")
    expect(page.locator("#era-source")).to_contain_text("Source: Office for National Statistics")
    wait_until_drawn(page)
    page.locator(PAGE).screenshot(path=ARTIFACTS / f"era-{size}.png")


def test_nhs_page_shows_class_counts_and_outcomes(page):
    page, size, app_url = page
    expect = playwright_api.expect
    page.goto(app_url + "/nhs")
    wait_drawn(page, "#story-class-counts", 5)  # one bar trace per class
    expect(page.locator("#story-class-counts")).to_contain_text("not determined")
    expect(page.locator(PAGE)).to_contain_text("PCT October 2006 is partly determined")
    wait_drawn(page, "#outcome-chart", 2)
    expect(page.locator("#outcome-reading")).to_contain_text("Observational and confounded")
    expect(page.locator("#outcome-reading")).to_contain_text("could be chance")
    expect(page.locator("#outcome-reading table")).to_contain_text("Without London")
    expect(page.locator("#outcome-dropped")).to_contain_text("Cumberland: no value in 2016")
    wait_until_drawn(page)
    page.locator(PAGE).screenshot(path=ARTIFACTS / f"nhs-story-{size}.png")
