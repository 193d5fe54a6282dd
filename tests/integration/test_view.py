"""The view callback: link, controls and stores kept in step."""

from __future__ import annotations

import pytest
from dash import no_update

from callbacks.data import get_build
from callbacks.view import sync_view
from layouts import ids
from tests.integration.conftest import DEFAULT_CONTROLS, NO_CLICKS, load_link, run_callback

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def change(control: str, value, current: dict, search: str = "") -> dict:
    controls = DEFAULT_CONTROLS | {name: current[name] or "" for name in DEFAULT_CONTROLS}
    return run_callback(
        sync_view,
        f"{control}.value",
        search=search,
        controls=controls | {control: value},
        clicks=NO_CLICKS,
        found="",
        priorities=None,
        current=current,
    )


def test_bad_link_falls_back_to_defaults_with_a_message():
    outputs = load_link("?v=1999&c=rainbow&i=nope&p=%3Cb%3E&a=E99999999&zz=1")
    view = outputs["view"]
    assert (view["vintage"], view["colour"]) == ("2019", "pathfinder")
    assert view["indicator"] == "iod2019-imd-average-score"
    assert view["area"] is None
    alert_text = str(outputs["alert"])
    for fragment in ("1999", "rainbow", "nope", "E99999999", "zz"):
        assert fragment in alert_text


def test_control_change_writes_the_link_and_keeps_the_area():
    current = load_link("?a=E09000029")["view"]
    outputs = change(ids.VINTAGE, "2023", current | {"colour": "indicator"}, "?a=E09000029")
    assert outputs["link"] == "?v=2023&c=indicator&i=iod2019-imd-average-score&p=2019&a=E09000029"
    assert outputs["controls"][ids.COLOUR] is no_update  # unchanged controls are not sent back
    assert outputs["alert"] is no_update
    assert outputs["area"] is no_update  # the same council stays selected


def test_new_indicator_gets_its_latest_period():
    current = load_link("")["view"]
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert outputs["view"]["period"] == "2025"
    assert outputs["comparison_key"]["indicator"] == "lait-fsp-new-gooddev"


def select(trigger: str, current: dict, *, clicks=None, found="") -> dict:
    return run_callback(
        sync_view,
        trigger,
        search="",
        controls=DEFAULT_CONTROLS,
        clicks=NO_CLICKS | (clicks or {}),
        found=found,
        priorities=None,
        current=current,
    )


def test_map_click_selects_the_council():
    current = load_link("")["view"]
    sutton = {"type": "Feature", "properties": {"i": 130, "la_code": "E09000029"}}
    outputs = select("inset-fill.clickData", current, clicks={ids.INSET_FILL: sutton})
    assert outputs["area"] == "E09000029"
    assert outputs["found"] == "Sutton (E09000029)"
    assert outputs["link"].endswith("a=E09000029")
    assert outputs["comparison_key"] is no_update  # a council does not change the comparisons
    assert outputs["trend_key"] is no_update


def test_theme_narrows_the_indicators_and_keeps_a_valid_choice():
    current = load_link("")["view"]
    outputs = change(ids.THEME, "send", current | {"colour": "indicator"})
    options = outputs["indicator_options"]
    assert 0 < len(options) < 535
    assert outputs["view"]["indicator"] in {option["value"] for option in options}
    assert outputs["view"]["theme"] == "send"
    assert "t=send" in outputs["link"]


def test_link_without_theme_restores_every_indicator():
    controls = DEFAULT_CONTROLS | {ids.THEME: "send", ids.INDICATOR: "lait-16-17yroldsen-et"}
    outputs = load_link("?c=indicator", controls)
    assert len(outputs["indicator_options"]) == len(get_build()["indicator_catalogue"])
    assert outputs["controls"][ids.THEME] == ""  # the theme control shows "All themes"


def test_odd_filter_in_a_link_falls_back_to_all():
    outputs = load_link("?r=Atlantis&s=maybe")
    assert outputs["view"]["region"] is None and outputs["view"]["status"] is None
    assert "Atlantis" in str(outputs["alert"])


def test_period_change_refires_the_comparisons_but_not_the_trend():
    current = load_link("?i=lait-fsp-new-gooddev")["view"]
    outputs = change(ids.PERIOD, "2023", current)
    assert outputs["comparison_key"]["period"] == "2023"
    assert outputs["trend_key"] is no_update


def test_indicator_change_with_a_council_selected_reaches_only_the_panels_neighbours():
    current = load_link("?a=E09000029")["view"]
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert outputs["panel_key"] is no_update  # its facts, timeline and spine stay as they are
    assert outputs["panel_indicator_key"] == {
        "area": "E09000029",
        "indicator": "lait-fsp-new-gooddev",
        "period": "2025",
    }
    moved = change(ids.VINTAGE, "2023", current)
    assert moved["panel_key"] == {"area": "E09000029", "vintage": "2023", "nhs": "sicbl2023"}
    assert moved["panel_indicator_key"] is no_update


def test_nhs_geography_follows_the_council_vintage_unless_the_link_names_one():
    assert load_link("?v=2004")["view"]["nhs"] == "pct2006"
    assert load_link("?v=2023")["view"]["nhs"] == "sicbl2023"
    chosen = load_link("?v=2004&n=icb2024")
    assert chosen["view"]["nhs"] == "icb2024"
    assert chosen["controls"][ids.NHS] == "icb2024"
    odd = load_link("?v=2019&n=pct1999")
    assert odd["view"]["nhs"] == "ccg2019"
    assert "Unknown NHS geography 'pct1999'" in str(odd["alert"])


def test_changing_the_council_vintage_moves_the_nhs_geography_with_it():
    current = load_link("?v=2019&n=icb2024")["view"]
    outputs = change(ids.VINTAGE, "2004", current)
    assert outputs["view"]["nhs"] == "pct2006"
    assert outputs["nhs"] == "pct2006"  # the era section's store, written only on a change
    switched = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert switched["nhs"] is no_update and switched["own_key"] is no_update
    assert outputs["link"] == "?v=2004&c=pathfinder&i=iod2019-imd-average-score&p=2019"


def test_search_selects_by_name_code_or_former_name_and_says_when_nothing_matches():
    current = load_link("")["view"]
    assert select("search.value", current, found="sutton")["area"] == "E09000029"
    assert select("search.value", current, found="E10000008")["area"] == "E10000008"
    assert select("search.value", current, found="Bedfordshire")["area"] == "E06000055"  # Bedford
    missed = select("search.value", current | {"area": "E09000029"}, found="Atlantis")
    assert missed["area"] is None
    assert "No council of 2019 matches 'Atlantis'." in str(missed["alert"])


def test_choosing_an_indicator_or_theme_colours_the_map_by_it():
    current = load_link("")["view"]
    assert current["colour"] == "pathfinder"
    outputs = change(ids.INDICATOR, "lait-fsp-new-gooddev", current)
    assert outputs["view"]["colour"] == "indicator"
    themed = change(ids.THEME, "health", current)["view"]
    assert themed["colour"] == "indicator"
    assert themed["indicator"].startswith("lait-")  # a children's indicator comes first
