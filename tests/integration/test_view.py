"""The view callback: link, page, controls and stores kept in step."""

from __future__ import annotations

import pytest
from dash import no_update

from callbacks.view import sync_view
from layouts import ids
from serving.data import get_build
from tests.integration.conftest import (
    DEFAULT_CONTROLS,
    control_change,
    linked,
    load_link,
    run_callback,
    stored,
)
from trustmap.model.council_search import search_entries

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

SUTTON = "E09000029"
DEVON = "E10000008"


def change(control: str, value, current: dict, search: str = "", pathname: str = "/") -> dict:
    controls = DEFAULT_CONTROLS | {name: current[name] or "" for name in DEFAULT_CONTROLS}
    trigger, changed = control_change(control)
    return run_callback(
        sync_view,
        trigger,
        link={"search": search, "pathname": pathname},
        controls=controls | {control: value},
        changed=changed,
        clicked=None,
        found="",
        priorities=None,
        current=current,
    )


def test_bad_link_falls_back_to_defaults_with_a_message():
    outputs = load_link("?v=1999&c=rainbow&i=nope&p=%3Cb%3E&a=E99999999&zz=1")
    view = stored(outputs, ids.VIEW)
    assert (view["vintage"], view["colour"]) == ("2019", "pathfinder")
    assert view["indicator"] == "iod2019-imd-average-score"
    assert view["area"] is None
    alert_text = str(outputs["alert"])
    for fragment in ("1999", "rainbow", "nope", "E99999999", "zz"):
        assert fragment in alert_text


def test_control_change_writes_the_link_and_keeps_the_area():
    current = linked("?a=E09000029")
    outputs = change(ids.VINTAGE, "2023", current | {"colour": "indicator"}, "?a=E09000029")
    assert outputs["link"] == "?v=2023&c=indicator&i=iod2019-imd-average-score&p=2019&a=E09000029"
    assert outputs["controls"][ids.COLOUR] is no_update  # unchanged controls are not sent back
    assert outputs["alert"] is no_update
    assert stored(outputs, ids.AREA) is no_update  # the same council stays selected
    suggested = outputs["search_options"]  # the search suggests the councils of 2023
    assert suggested == search_entries(get_build(), "2023")["label"].tolist()
    assert "Cumberland (E06000063), also: Cumbria" in suggested  # a council of 2023 only


def test_new_indicator_gets_its_latest_period():
    current = linked("")
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert stored(outputs, ids.VIEW)["period"] == "2025"
    assert stored(outputs, ids.COMPARISON_KEY)["indicator"] == "lait-fsp-new-gooddev"


def select(trigger: str, current: dict, *, clicked=None, found="", pathname="/") -> dict:
    return run_callback(
        sync_view,
        trigger,
        link={"search": "", "pathname": pathname},
        controls=DEFAULT_CONTROLS,
        changed=None,
        clicked=clicked,
        found=found,
        priorities=None,
        current=current,
    )


def test_map_click_selects_the_council():
    current = linked("")
    outputs = select(f"{ids.CLICKED}.data", current, clicked={"code": SUTTON, "at": 1733400000})
    assert stored(outputs, ids.AREA) == SUTTON
    assert outputs["found"] == "Sutton (E09000029)"
    assert outputs["link"].endswith("a=E09000029")
    assert (
        stored(outputs, ids.COMPARISON_KEY) is no_update
    )  # a council does not change the comparisons
    assert stored(outputs, ids.TREND_KEY) is no_update


def offered(groups: list[dict]) -> list[str]:
    """The indicators the picker offers: its groups' items, in order."""
    return [item["value"] for group in groups for item in group["items"]]


def test_theme_narrows_the_indicators_and_keeps_a_valid_choice():
    current = linked("")
    outputs = change(ids.THEME, "send", current | {"colour": "indicator"})
    options = offered(outputs["indicator_options"])
    assert 0 < len(options) < 535
    assert len(set(options)) == len(options)  # each offered once
    assert stored(outputs, ids.VIEW)["indicator"] in options
    assert stored(outputs, ids.VIEW)["theme"] == "send"
    assert "t=send" in outputs["link"]


def test_link_without_theme_restores_every_indicator():
    controls = DEFAULT_CONTROLS | {ids.THEME: "send", ids.INDICATOR: "lait-16-17yroldsen-et"}
    outputs = load_link("?c=indicator", controls)
    offers = offered(outputs["indicator_options"])
    assert sorted(offers) == sorted(get_build()["indicator_catalogue"]["id"])
    assert outputs["controls"][ids.THEME] == ""  # the theme control shows "All themes"


def test_odd_filter_in_a_link_falls_back_to_all():
    outputs = load_link("?r=Atlantis&s=maybe")
    view = stored(outputs, ids.VIEW)
    assert view["region"] is None and view["status"] is None
    assert "Atlantis" in str(outputs["alert"])


def test_period_change_refires_the_comparisons_but_not_the_trend():
    current = linked("?i=lait-fsp-new-gooddev")
    outputs = change(ids.PERIOD, "2023", current)
    assert stored(outputs, ids.COMPARISON_KEY)["period"] == "2023"
    assert stored(outputs, ids.TREND_KEY) is no_update


def test_indicator_change_with_a_council_selected_reaches_only_the_panels_neighbours():
    current = linked("?a=E09000029")
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    # its facts, timeline and spine stay as they are
    assert stored(outputs, ids.PANEL_KEY) is no_update
    assert stored(outputs, ids.PANEL_INDICATOR_KEY) == {
        "area": "E09000029",
        "indicator": "lait-fsp-new-gooddev",
        "period": "2025",
    }
    moved = change(ids.VINTAGE, "2023", current)
    assert stored(moved, ids.PANEL_KEY) == {
        "area": "E09000029",
        "vintage": "2023",
        "nhs": "sicbl2023",
    }
    assert stored(moved, ids.PANEL_INDICATOR_KEY) is no_update


def test_nhs_geography_follows_the_council_vintage_unless_the_link_names_one():
    assert linked("?v=2004")["nhs"] == "pct2006"
    assert linked("?v=2023")["nhs"] == "sicbl2023"
    chosen = load_link("?v=2004&n=icb2024")
    assert stored(chosen, ids.VIEW)["nhs"] == "icb2024"
    assert chosen["controls"][ids.NHS] == "icb2024"
    odd = load_link("?v=2019&n=pct1999")
    assert stored(odd, ids.VIEW)["nhs"] == "ccg2019"
    assert "Unknown NHS geography 'pct1999'" in str(odd["alert"])


def test_changing_the_council_vintage_moves_the_nhs_geography_with_it():
    current = linked("?v=2019&n=icb2024")
    outputs = change(ids.VINTAGE, "2004", current)
    assert stored(outputs, ids.VIEW)["nhs"] == "pct2006"
    # the era page's store, written only on a change
    assert stored(outputs, ids.ERA_NHS) == "pct2006"
    switched = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert stored(switched, ids.ERA_NHS) is no_update
    assert stored(switched, ids.OWN_KEY) is no_update
    assert outputs["link"] == "?v=2004&c=pathfinder&i=iod2019-imd-average-score&p=2019"


def test_search_selects_by_name_code_or_former_name_and_says_when_nothing_matches():
    current = linked("")

    def found(text: str):
        return stored(select("search.value", current, found=text), ids.AREA)

    assert found("sutton") == "E09000029"
    assert found("E10000008") == "E10000008"
    assert found("Bedfordshire") == "E06000055"  # Bedford
    missed = select("search.value", current | {"area": "E09000029"}, found="Atlantis")
    assert stored(missed, ids.AREA) is None
    assert "No council of 2019 matches 'Atlantis'." in str(missed["alert"])


def test_choosing_an_indicator_or_theme_colours_the_map_by_it():
    current = linked("")
    assert current["colour"] == "pathfinder"
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert stored(outputs, ids.VIEW)["colour"] == "indicator"
    themed = stored(change(ids.THEME, "health", current), ids.VIEW)
    assert themed["colour"] == "indicator"
    assert themed["indicator"].startswith("lait-")  # a children's indicator comes first


def test_a_council_page_selects_its_council_whatever_the_query_says():
    outputs = load_link(f"?v=2019&a={DEVON}", pathname=f"/council/{SUTTON}")
    assert stored(outputs, ids.AREA) == SUTTON
    assert stored(outputs, ids.PANEL_KEY)["area"] == SUTTON
    assert outputs["found"] == "Sutton (E09000029)"
    # reading the address writes neither the link nor the page
    assert outputs["link"] is no_update and outputs["page"] is no_update


def test_an_unknown_council_page_is_explained_and_selects_nothing():
    outputs = load_link("", pathname="/council/E99999999")
    assert stored(outputs, ids.AREA) is None
    assert "E99999999" in str(outputs["alert"])
    assert outputs["page"] is no_update


def test_a_search_from_a_page_other_than_the_map_opens_the_council_s_page():
    current = linked("")
    on_map = select("search.value", current, found="sutton")
    assert on_map["page"] is no_update  # the map shows its line about the council instead
    assert on_map["link"].endswith(f"a={SUTTON}")
    for page in ("/compare", "/council", "/nhs", "/about"):
        outputs = select("search.value", current, found="sutton", pathname=page)
        assert outputs["page"] == f"/council/{SUTTON}", page
        assert stored(outputs, ids.AREA) == SUTTON


def test_a_council_page_follows_the_council_selected():
    sutton = linked("", pathname=f"/council/{SUTTON}")
    outputs = select("search.value", sutton, found="Devon", pathname=f"/council/{SUTTON}")
    assert outputs["page"] == f"/council/{DEVON}"
    assert stored(outputs, ids.AREA) == DEVON
    # a control changed on the council's own page keeps the page
    same = change(ids.INDICATOR, "lait-fsp-new-gooddev", sutton, pathname=f"/council/{SUTTON}")
    assert same["page"] is no_update
    assert stored(same, ids.AREA) is no_update


def test_a_map_click_stays_on_the_map():
    outputs = select(f"{ids.CLICKED}.data", linked(""), clicked={"code": DEVON, "at": 1})
    assert stored(outputs, ids.AREA) == DEVON
    assert outputs["page"] is no_update


def test_an_odd_click_selects_nothing():
    current = linked("")
    for clicked in (None, "E09000029", {"code": 5}, {"at": 1}, ["E09000029"]):
        outputs = select(f"{ids.CLICKED}.data", current, clicked=clicked)
        assert stored(outputs, ids.AREA) is no_update  # none before, none after
        assert outputs["page"] is no_update
