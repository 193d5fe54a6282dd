"""The group comparisons and the trend on the comparisons' page (`/compare?<view>`) in headless
Chromium, read as a person reads them: the plain reading, the small-group caution, the
neighbours comparator and its definition, and the per-council trend.

Screenshots (1440x900 and a 390x844 phone) go to tests/artifacts/comparisons-*.png.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.support.browser import wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

LONDON_READINESS = "?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019&r=London"
TIMEOUT_MS = 120_000
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):  # noqa: F811 (the fixture imported above)
    opened = browser.new_page(viewport=DESKTOP)
    yield opened
    opened.close()


def open_comparisons(page, base: str, query: str):
    """Open the comparisons' page for `query`; wait until all three have their words."""
    page.goto(base + "/compare" + query)
    for by in ("pathfinder", "coterminous", "neighbours"):
        page.locator(f"#compare-{by}-text p").first.wait_for(timeout=TIMEOUT_MS)
    return page.locator("section", has=page.locator("#compare-pathfinder-text"))


def test_london_comparisons_read_in_plain_words_with_a_caution(page, app_url):  # noqa: F811
    section = open_comparisons(page, app_url, LONDON_READINESS)
    pathfinders = page.locator("#compare-pathfinder-text")
    assert pathfinders.locator("[data-role=reading]").inner_text() == (
        "Pathfinders scored 0.3 percentage points lower (worse) than other councils; a "
        "difference this size could well be chance (95% CI -2.9 to 2.3)."
    )
    assert "Filtered to London (councils of 2019): 8 pathfinders and 25 other councils" in (
        pathfinders.inner_text()
    )
    caution = pathfinders.locator(".alert-warning")
    assert caution.is_visible()
    assert caution.inner_text().startswith("Caution: only 8 pathfinders;")
    assert "p = " not in pathfinders.inner_text()  # the test goes in the footnote
    assert "Welch t-test p = 0.8;" in page.locator("#compare-pathfinder-footnote").inner_text()
    coterminous = page.locator("#compare-coterminous-text").inner_text()
    assert coterminous.startswith("Councils coterminous with CCG April 2019 against the rest")
    assert "only 4 councils not coterminous" in coterminous
    wait_until_drawn(page)
    section.screenshot(path=ARTIFACTS / "comparisons-london-1440.png")
    page.set_viewport_size(PHONE)
    wait_until_drawn(page)
    section.screenshot(path=ARTIFACTS / "comparisons-london-390.png")


def test_neighbours_comparator_states_its_definition_and_lists_each_pathfinder(page, app_url):  # noqa: F811
    open_comparisons(page, app_url, LONDON_READINESS)
    card = page.locator(".card", has=page.locator("#compare-neighbours-text"))
    assert "kept if at least 3 remain" in card.inner_text()
    text = page.locator("#compare-neighbours-text")
    assert (
        text.locator("[data-role=reading]")
        .inner_text()
        .startswith(
            "Pathfinders scored 1.3 percentage points higher (better) than their statistical "
            "neighbours; a difference this size could well be chance (95% CI -1.2 to 3.7)."
        )
    )
    assert "DfE statistical neighbours of May 2025" in text.inner_text()
    assert "only 8 pathfinders kept" in text.locator(".alert-warning").inner_text()
    # The table twin's body once drawn: no cell spans the row (as "Drawing the table…" does).
    rows = card.locator("table tbody tr:not(:has(td[colspan]))")
    rows.first.wait_for(timeout=TIMEOUT_MS)
    assert rows.count() == 8  # London's 8 pathfinders, each its own row
    card.screenshot(path=ARTIFACTS / "comparisons-neighbours-1440.png")
    card.get_by_label("April 2021 list").check()
    page.wait_for_function(
        "() => document.querySelector('#compare-neighbours-text').innerText.includes('April 2021')",
        timeout=TIMEOUT_MS,
    )
    assert "DfE statistical neighbours of April 2021" in text.inner_text()


def test_trend_draws_each_london_council(page, app_url):  # noqa: F811
    page.goto(app_url + "/compare" + LONDON_READINESS + "&a=E09000029")
    title = page.locator("#charts-trend .gtitle", has_text="London").first
    title.wait_for(timeout=TIMEOUT_MS)
    assert "2016 to" in title.text_content()
    legend = page.locator("#charts-trend .legendtext").all_text_contents()
    assert "selected: Sutton" in legend
    assert "England (source)" in legend
    card = page.locator(".card", has=page.locator("#charts-trend"))
    wait_until_drawn(page)
    card.screenshot(path=ARTIFACTS / "comparisons-trend-1440.png")


def test_a_filter_that_keeps_no_council_says_so_in_each_chart(page, app_url):  # noqa: F811
    # No London borough is a county: every comparison and chart says the filters keep none.
    page.goto(app_url + "/compare?v=2019&i=lait-fsp-new-gooddev&p=2019&r=London&y=County")
    for by in ("pathfinder", "coterminous", "neighbours"):
        alert = page.locator(f"#compare-{by}-text .alert")
        alert.wait_for(timeout=TIMEOUT_MS)
        assert "The filters (London; county councils) keep no council of 2019" in alert.inner_text()
    page.locator("#charts-trend-note .alert").wait_for(timeout=TIMEOUT_MS)
    assert "keep no council" in page.locator("#charts-trend-note").inner_text()
    page.locator("#charts-scatter-alert .alert").wait_for(timeout=TIMEOUT_MS)
    assert "keep no council of 2019" in page.locator("#charts-scatter-alert").inner_text()


def test_trend_draws_with_no_council_selected(page, app_url):  # noqa: F811
    # The page's store of the selected council (null) reports itself changed as it mounts: the
    # trend must still be drawn whole, not sent only the bold line of a chart never drawn.
    open_comparisons(page, app_url, LONDON_READINESS)
    title = page.locator("#charts-trend .gtitle", has_text="London").first
    title.wait_for(timeout=TIMEOUT_MS)
    assert "2016 to" in title.text_content()
    wait_until_drawn(page)  # its table twin drawn too
    twin = page.locator("""table[id='{"name":"trend","type":"charts-grid"}']""")
    assert twin.locator("tbody tr:not(:has(td[colspan]))").count() > 0


PATHFINDERS_ONLY = "?v=2019&c=indicator&i=lait-lac&p=2019&s=pathfinder"
NO_OTHERS = "Every council kept is a pathfinder, so there is no group to compare them with."


def test_a_comparison_that_cannot_be_drawn_says_why_and_disables_its_export(page, app_url):  # noqa: F811
    page.goto(app_url + "/compare" + PATHFINDERS_ONLY)
    reason = page.locator("#compare-pathfinder-reason")
    reason.wait_for(timeout=TIMEOUT_MS)
    assert reason.inner_text() == NO_OTHERS
    assert page.locator("#compare-pathfinder-chart-box").is_hidden()
    card = page.locator(".card", has=reason)
    export = card.get_by_role("button", name="Export for slides")
    assert export.get_attribute("aria-disabled") == "true"
    assert export.get_attribute("aria-describedby") == "compare-pathfinder-reason"
    assert card.locator("a[href*='/export/']").count() == 0  # no live link to an error page
    # Coterminous pathfinders against the other pathfinders still draw, with a live menu.
    footnote = page.locator("#compare-coterminous-footnote")
    footnote.get_by_text("Welch t-test").wait_for(timeout=TIMEOUT_MS)
    assert page.locator("#compare-coterminous-export .dropdown-toggle").is_enabled()
    # No empty table: the groupings' table twin holds the coterminous rows only.
    twin = page.locator("""table[id='{"name":"comparison","type":"charts-grid"}']""")
    assert twin.locator("td[colspan]").count() == 0
    section = page.locator("section", has=reason)
    wait_until_drawn(page)
    section.screenshot(path=ARTIFACTS / "comparisons-pathfinders-only-1440.png")
    page.set_viewport_size(PHONE)
    wait_until_drawn(page)
    section.screenshot(path=ARTIFACTS / "comparisons-pathfinders-only-390.png")
