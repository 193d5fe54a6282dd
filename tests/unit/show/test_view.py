"""The view state and its short link, with a hand-made Choices (and one made from the tiny
build): a link never fails, each odd value is named and replaced by its default."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle.themes import themes
from trustmap.model.council_filter import CouncilFilter
from trustmap.model.own_list import OwnList
from trustmap.show.view import (
    Choices,
    View,
    indicator_groups,
    indicator_options,
    parse_query,
    period_options,
    settle,
    shown,
    to_query,
)

IMD = "iod2019-imd-average-score"
FSP = "lait-fsp-new-gooddev"
CHOICES = Choices(
    vintages=("2004", "2019", "2023"),
    themes=("deprivation", "early-years"),
    periods={FSP: ("2016", "2017", "2023"), IMD: ("2019",)},
    indicator_themes={FSP: frozenset({"early-years"}), IMD: frozenset({"deprivation"})},
    council_codes=frozenset({"E06000901", "E09000901"}),
    filters={
        "region": ("London", "North"),
        "la_type": ("LB", "UA"),
        "status": ("pathfinder", "other"),
        "cclass": ("coterminous", "not_determined"),
    },
    health_overlays={"ccg2019": "CCG April 2019 (4 of 4)"},
    nhs_vintages={
        "pct2006": "October 2006: 152 primary care trusts",
        "ccg2019": "April 2019: 191 CCGs",
        "sicbl2023": "April 2023: 106 sub-ICB locations",
    },
    indicator_labels={FSP: "Good level of development", IMD: "IMD average score"},
)
# The NHS geography defaults to the first in force with the council vintage (project table).
DEFAULT = View("2019", "pathfinder", None, IMD, "2019", nhs="ccg2019")


def test_an_empty_link_is_the_default_view():
    assert CHOICES.default_view() == DEFAULT
    assert parse_query("", CHOICES) == (DEFAULT, [])
    assert parse_query(None, CHOICES) == (DEFAULT, [])
    assert to_query(DEFAULT) == "?v=2019&c=pathfinder&i=iod2019-imd-average-score&p=2019"


def test_every_field_survives_a_round_trip():
    view = View(
        "2023",
        "indicator",
        "early-years",
        FSP,
        "2017",
        area="E09000901",
        region="London",
        la_type="LB",
        status="pathfinder",
        cclass="coterminous",
        health="ccg2019",
        scheme="natural_breaks",
        nhs="pct2006",
    )
    query = to_query(view)
    assert query == (
        "?v=2023&c=indicator&t=early-years&i=lait-fsp-new-gooddev&p=2017&r=London&y=LB"
        "&s=pathfinder&k=coterminous&h=ccg2019&m=natural_breaks&n=pct2006&a=E09000901"
    )
    assert parse_query(query, CHOICES) == (view, [])


def test_the_nhs_geography_follows_the_council_vintage_unless_the_link_names_one():
    view, notes = parse_query("?v=2004", CHOICES)
    assert (view.nhs, notes) == ("pct2006", [])
    assert to_query(view) == "?v=2004&c=pathfinder&i=iod2019-imd-average-score&p=2019"
    view, notes = parse_query("?v=2023&n=ccg2019", CHOICES)
    assert view.nhs == "ccg2019" and to_query(view).endswith("&n=ccg2019")
    view, notes = parse_query("?v=2023&n=ccg1999", CHOICES)
    assert view.nhs == "sicbl2023"
    assert notes == [
        "Unknown NHS geography 'ccg1999': showing April 2023: 106 sub-ICB locations instead."
    ]
    assert view.council_filter().health == "sicbl2023"


def test_odd_values_are_named_and_replaced():
    view, notes = parse_query("?v=1999&c=rainbow&i=nope&p=%3Cb%3E&a=E99999999&zz=1", CHOICES)
    assert view == DEFAULT
    assert notes == [
        "Ignored unknown link parameter 'zz'.",
        "Unknown vintage '1999': showing 2019 instead.",
        "Unknown colour mode 'rainbow': showing pathfinder status instead.",
        "Unknown indicator 'nope': showing IMD average score instead.",
        "IMD average score has no period '<b>': showing 2019.",
        "Unknown council code 'E99999999': no council selected.",
    ]


def test_a_theme_keeps_only_its_indicators():
    view, notes = parse_query(f"?t=early-years&i={IMD}&p=2019", CHOICES)
    assert (view.theme, view.indicator, view.period) == ("early-years", FSP, "2023")
    assert notes == ["Good level of development has no period '2019': showing 2023."]


def test_filters_and_overlays_fall_back_to_all():
    view, notes = parse_query("?r=Atlantis&s=maybe&h=pct1974&m=jenks", CHOICES)
    assert (view.region, view.status, view.health, view.scheme) == (None, None, None, None)
    assert notes == [
        "Unknown region 'Atlantis': showing all councils instead.",
        "Unknown pathfinder status 'maybe': showing all councils instead.",
        "Unknown NHS boundaries to draw 'pct1974': showing none instead.",
        "Unknown colour classes 'jenks': showing quintiles instead.",
    ]


@pytest.mark.parametrize("junk", [["2019"], {"v": 1}, 2019, 3.5])
def test_values_that_are_not_strings_are_replaced(junk):
    view, notes = settle(
        {"vintage": junk, "colour": "pathfinder", "indicator": IMD, "period": "2019", "area": junk},
        CHOICES,
    )
    assert (view.vintage, view.area) == ("2019", None)
    assert notes[0] == f"Unknown vintage '{junk}': showing 2019 instead."


def test_long_values_are_cut_when_echoed():
    assert shown("x" * 40) == "x" * 40
    assert shown("x" * 41) == "x" * 40 + "..."
    _, notes = parse_query("?v=" + "9" * 100, CHOICES)
    assert notes == [f"Unknown vintage '{'9' * 40}...': showing 2019 instead."]


def test_status_becomes_the_core_council_filter():
    view = View("2019", "pathfinder", None, IMD, "2019", region="North", status="other")
    assert view.council_filter() == CouncilFilter(region="North", pathfinder=False)
    assert View("2019", "pathfinder", None, IMD, "2019").council_filter() == CouncilFilter()


def test_a_file_s_list_travels_in_the_link_checked_and_bounded():
    view, notes = parse_query("?t=early-years&o=early-years.E09000901.E99999999", CHOICES)
    assert view.own == "early-years.E09000901"
    assert notes == ["Left out of the link's priorities list: unknown council codes 'E99999999'."]
    assert to_query(view).endswith("&p=2023&o=early-years.E09000901")
    assert view.council_filter() == CouncilFilter(listed=OwnList("early-years", ("E09000901",)))
    assert parse_query("?o=E09000901.E06000901", CHOICES)[0].own == "E06000901.E09000901"
    # 2 council codes are known: a list of 4 items is refused whole, not read.
    refused, notes = parse_query("?o=E06000901.E06000901.E06000901.E06000901", CHOICES)
    assert refused.own is None
    assert notes == [
        "The link's priorities list has 4 items, more than the 2 council codes there are: the "
        "'Your priorities' filter is off."
    ]


def test_dropdown_options():
    assert period_options(CHOICES, FSP) == [
        {"label": "2023", "value": "2023"},
        {"label": "2017", "value": "2017"},
        {"label": "2016", "value": "2016"},
    ]
    catalogue = pd.DataFrame({"id": [IMD, FSP], "label": ["IMD score", "Good development"]})
    assert indicator_options(catalogue, [FSP, IMD]) == [
        {"label": "Good development", "value": FSP},
        {"label": "IMD score", "value": IMD},
    ]


def test_indicator_groups_offer_each_indicator_once_under_a_theme():
    ks2 = "lait-ks2-rwm"
    catalogue = pd.DataFrame(
        {
            "id": [IMD, FSP, ks2],
            "label": ["IMD score", "Good development", "Key stage 2"],
            "themes": ["deprivation", "early-years;education", "education"],
        }
    )
    theme = themes().set_index("theme")["label"]
    # The themes table's order (early years, education, deprivation), not the order of ids; an
    # indicator of two themes under its first.
    assert indicator_groups(catalogue, [IMD, ks2, FSP]) == [
        {"group": theme["early-years"], "items": [{"label": "Good development", "value": FSP}]},
        {"group": theme["education"], "items": [{"label": "Key stage 2", "value": ks2}]},
        {"group": theme["deprivation"], "items": [{"label": "IMD score", "value": IMD}]},
    ]
    # The theme chosen gathers every indicator tagged with it, in the order of ids.
    assert indicator_groups(catalogue, [ks2, FSP], theme="education") == [
        {
            "group": theme["education"],
            "items": [
                {"label": "Key stage 2", "value": ks2},
                {"label": "Good development", "value": FSP},
            ],
        }
    ]
    assert indicator_groups(catalogue, []) == []


@pytest.mark.bundle
def test_every_real_indicator_is_offered_once(build):
    catalogue = build["indicator_catalogue"]
    groups = indicator_groups(catalogue, list(catalogue["id"]))
    offered = [item["value"] for group in groups for item in group["items"]]
    assert sorted(offered) == sorted(catalogue["id"])
    assert [group["group"] for group in groups] == [
        label for label in themes()["label"] if label in {group["group"] for group in groups}
    ]


def test_choices_from_the_tiny_build(tiny_build):
    choices = Choices.from_build(tiny_build, ["send", "deprivation"])
    assert choices.vintages == ("2004", "2009", "2019", "2023")
    assert choices.themes == ("send", "deprivation")
    assert choices.periods[FSP] == ("2016", "2017", "2020", "2023")
    assert choices.indicator_themes[FSP] == frozenset({"early-years", "education"})
    assert tiny.ALPHABET in choices.council_codes and len(choices.council_codes) == 10
    assert choices.filters["region"] == ("London", "North", "South")
    assert choices.filters["la_type"] == ("County", "LB", "MD", "UA")
    assert set(choices.health_overlays) == {"ccg2019", "pct2006"}
    # The tiny world's health table expects 5 PCTs; 3 have a sourced, whole extent.
    assert choices.health_overlays["pct2006"] == "PCT October 2006 (3 of 5 drawn)"
    assert choices.nhs_vintages == {
        "pct2006": "October 2006: 5 primary care trusts",
        "ccg2019": "April 2019: 4 CCGs",
    }
    assert choices.indicators_of("send") == []
    assert choices.default_view() == DEFAULT
