"""'Your priorities' in headless Chromium, as an analyst uses it: upload a CSV through the page's
upload control, choose a theme, turn the filter on; the map fades every council the file does
not list under that theme, the comparisons' page names the group, the export links carry it;
forgetting the file turns it off; a link with the list works in a fresh browser without the file.

Screenshots (1440x900 and a 390x844 phone) go to tests/artifacts/priorities-*.png.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.support.browser import wait_until_drawn

pytestmark = [pytest.mark.browser, pytest.mark.bundle]

TIMEOUT_MS = 120_000
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
UPLOAD = Path(__file__).resolve().parents[1] / "fixtures" / "priorities_upload.csv"
# The file's early-years councils (Sutton, Croydon, Bexley and Devon were 2003 pathfinders).
EARLY_YEARS = [
    "E06000052",  # Cornwall
    "E09000004",  # Bexley
    "E09000008",  # Croydon
    "E09000021",  # Kingston upon Thames
    "E09000022",  # Lambeth
    "E09000024",  # Merton
    "E09000029",  # Sutton
    "E10000008",  # Devon
]
LIST_VALUE = ".".join(["early-years", *EARLY_YEARS])
WORDS = "councils your file lists under Early intervention and early years (8)"
COUNCILS_2019 = 151

# Each council of the main map by its fill opacity: kept (0.92) or faded (0.2).
OPACITIES = """() => Object.fromEntries(
  Array.from(document.querySelectorAll('#map path[class*="council-"]')).map(p => [
    Array.from(p.classList).find(c => c.startsWith('council-')).slice(8),
    p.getAttribute('fill-opacity'),
  ]))"""


@pytest.fixture
def page(browser):
    opened = browser.new_page(viewport=DESKTOP)  # a new context: its own session storage
    yield opened
    opened.close()


def kept_councils(page, count: int) -> list[str]:
    """The councils the map does not fade, once exactly `count` of them are left unfaded."""
    page.wait_for_function(
        f"""([all, count]) => {{ const v = Object.values(({OPACITIES})());
          return v.length === all && v.filter(x => x !== '0.2').length === count; }}""",
        arg=[COUNCILS_2019, count],
        timeout=TIMEOUT_MS,
    )
    opacities = page.evaluate(OPACITIES)
    assert set(opacities.values()) <= {"0.2", "0.92"}
    return sorted(code for code, opacity in opacities.items() if opacity != "0.2")


def on_page(url: str, path: str) -> bool:
    """Whether `url` is the page at `path`, its link carrying the file's early-years list."""
    address = urlsplit(url)
    return address.path == path and f"o={LIST_VALUE}" in address.query


def open_filters(page) -> None:
    page.get_by_role("button", name="Filter councils").click()
    page.locator("#own").wait_for(state="visible", timeout=TIMEOUT_MS)


def test_an_uploaded_file_filters_the_map_the_comparisons_and_the_exports(page, app_url):
    page.goto(app_url + "/?v=2019")
    page.locator("#map path.council-E09000029").wait_for(timeout=TIMEOUT_MS)
    open_filters(page)
    assert page.locator("#own").is_disabled()
    assert page.locator("#own-help").inner_text().startswith("To use it, upload your trusts'")

    page.get_by_role("button", name="Your trusts' priorities (upload)").click()
    page.locator("#priorities-upload input[type=file]").set_input_files(UPLOAD)
    page.get_by_text("priorities_upload.csv: 12 council priorities read").wait_for(
        timeout=TIMEOUT_MS
    )
    own = page.locator("#own")
    page.wait_for_function("() => !document.querySelector('#own').disabled", timeout=TIMEOUT_MS)
    assert own.locator("option").all_inner_texts()[-1] == "Only your file's councils (10)"

    page.select_option("#theme", "early-years")
    page.locator("#own option", has_text="(8)").wait_for(state="attached", timeout=TIMEOUT_MS)
    page.select_option("#own", label="Only your file's councils (8)")
    page.wait_for_url(f"**o={LIST_VALUE}**", timeout=TIMEOUT_MS)
    assert kept_councils(page, len(EARLY_YEARS)) == EARLY_YEARS
    assert page.locator("#own-help").inner_text().startswith(f"It keeps the {WORDS}:")
    map_png = page.locator("#export-map-png").get_attribute("href")
    assert map_png.startswith("/export/map.png?") and f"o={LIST_VALUE}" in map_png
    wait_until_drawn(page)  # the zoom to the kept councils
    page.screenshot(path=ARTIFACTS / "priorities-filtered-1440.png")

    # The comparisons' page, its link carrying the view, names the file's group.
    page.get_by_role("link", name="Compare groups").click()
    page.wait_for_url(lambda url: on_page(url, "/compare"), timeout=TIMEOUT_MS)
    page.wait_for_function(
        "(w) => document.querySelector('#compare-pathfinder-text')?.innerText.includes(w)",
        arg=WORDS,
        timeout=TIMEOUT_MS,
    )
    assert f"Filtered to {WORDS} (councils of 2023): 4 pathfinders and 4 other councils" in (
        page.locator("#compare-pathfinder-text").inner_text()
    )
    section = page.locator("section", has=page.locator("#compare-pathfinder-text"))
    section.screenshot(path=ARTIFACTS / "priorities-comparisons-1440.png")
    slide = page.request.get(app_url + map_png.replace("map.png", "map.svg"))
    assert slide.ok and f"Filters: {WORDS}. 8 of 151 councils kept" in slide.text()

    png = page.request.get(app_url + map_png)
    assert png.ok
    (ARTIFACTS / "priorities-map-slide.png").write_bytes(png.body())

    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url(lambda url: on_page(url, "/"), timeout=TIMEOUT_MS)
    assert kept_councils(page, len(EARLY_YEARS)) == EARLY_YEARS
    page.get_by_role("button", name="Forget my file").click()
    page.wait_for_function("() => !location.search.includes('o=')", timeout=TIMEOUT_MS)
    assert kept_councils(page, COUNCILS_2019) == sorted(page.evaluate(OPACITIES))
    page.wait_for_function("() => document.querySelector('#own').disabled", timeout=TIMEOUT_MS)
    assert own.input_value() == ""
    assert "not loaded any more" in page.locator("#url-alert").inner_text()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1440", "390"])
def test_a_link_with_the_list_works_in_a_fresh_browser(browser, app_url, viewport):
    page = browser.new_page(viewport=viewport)  # a new context: no file in its session
    page.goto(f"{app_url}/?v=2019&t=early-years&o={LIST_VALUE}")
    assert kept_councils(page, len(EARLY_YEARS)) == EARLY_YEARS
    wait_until_drawn(page)  # the zoom to the kept councils
    name = f"priorities-link-{viewport['width']}"
    page.screenshot(path=ARTIFACTS / f"{name}.png")
    open_filters(page)
    page.wait_for_function(
        "() => document.querySelector('#own-help').innerText.startsWith('This filter came')",
        timeout=TIMEOUT_MS,
    )
    own = page.locator("#own")
    assert own.input_value() == LIST_VALUE
    assert own.locator("option:checked").inner_text() == "Only the link's councils (8)"
    assert f"it keeps the {WORDS.replace('your file', 'that link')}, without your file" in (
        page.locator("#own-help").inner_text()
    )
    wait_until_drawn(page)
    page.locator("#side").screenshot(path=ARTIFACTS / f"{name}-panel.png")
    page.close()
