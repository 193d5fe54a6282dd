"""The councils an analyst's own file lists under a theme, in their link form: listed, settled
from a client's link (bounded, unknown codes named), kept by ground, and put in words."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap.model.own_list import (
    OwnList,
    listed_under,
    own_in_words,
    read_own,
    same_ground,
    settle_own,
)

PRIORITIES = pd.DataFrame(
    {
        "la_code": ["E09000029", "E06000001", "E09000029", "E10000023", "E06000001"],
        "theme": ["early-years", "early-years", "send", "send", "youth-justice"],
    }
)
KNOWN = frozenset({"E06000001", "E09000029", "E09000030", "E10000023", "E06000065"})
THEMES = ("early-years", "send", "youth-justice")


def settled(value):
    return settle_own(value, theme_ids=THEMES, council_codes=KNOWN)


def test_a_file_lists_its_councils_under_a_theme_or_any():
    assert listed_under(PRIORITIES, "early-years") == OwnList(
        "early-years", ("E06000001", "E09000029")
    )
    assert listed_under(PRIORITIES, "send") == OwnList("send", ("E09000029", "E10000023"))
    assert listed_under(PRIORITIES, None) == OwnList(None, ("E06000001", "E09000029", "E10000023"))
    assert listed_under(PRIORITIES, "mental-health") is None


def test_the_link_form_reads_back():
    themed = OwnList("send", ("E09000029", "E10000023"))
    assert themed.link_value() == "send.E09000029.E10000023"
    assert read_own("send.E09000029.E10000023") == themed
    assert OwnList(None, ("E06000001",)).link_value() == "E06000001"
    assert read_own("E06000001") == OwnList(None, ("E06000001",))


def test_a_link_value_is_made_canonical_and_unknown_codes_are_named():
    assert settled("send.E10000023.E09000029.E10000023") == ("send.E09000029.E10000023", [])
    assert settled("E09000030.E99999991.E99999992.E99999993.E99999994.bad") == (
        "E09000030",
        [
            "Left out of the link's priorities list: unknown council codes 'E99999991', "
            "'E99999992', 'E99999993' and 2 more."
        ],
    )
    assert settled(None) == (None, [])


@pytest.mark.parametrize(
    "value, note",
    [
        ("", "The link's priorities list cannot be read: the 'Your priorities' filter is off."),
        (["E06000001"], "The link's priorities list cannot be read"),
        ("gardening.E06000001", "has an unknown theme 'gardening': the 'Your priorities'"),
        ("send.E99999999", "has no known council: the 'Your priorities' filter is off."),
        (
            ".".join(["E06000001"] * 7),  # 7 items: more than the 5 codes there are, plus a theme
            "has 7 items, more than the 5 council codes there are",
        ),
    ],
)
def test_a_link_value_that_cannot_be_a_list_turns_the_filter_off(value, note):
    own, notes = settled(value)
    assert own is None
    assert note in notes[-1]


def test_a_council_is_kept_by_its_code_or_by_the_ground_of_a_listed_council():
    grounds = pd.Series(
        {
            "E10000023": "d1;d2;d3",  # North Yorkshire county, 2019
            "E06000065": "d1;d2;d3",  # the unitary council on the same districts, 2023
            "E06000001": "d4",
            "E06000002": "d5",
            "E06000099": "d1;d2",  # part of the county's ground only
        }
    )
    councils = ["E06000001", "E06000002", "E06000065", "E06000099"]
    assert same_ground(councils, ["E10000023", "E06000001"], grounds) == [
        True,
        False,
        True,
        False,
    ]
    assert same_ground(["E06000002"], ["E99999999"], grounds) == [False]


def test_a_list_in_words_names_the_theme_and_its_size():
    assert own_in_words(OwnList("early-years", ("E06000001", "E09000029"))) == (
        "councils your file lists under Early intervention and early years (2)"
    )
    assert own_in_words(OwnList(None, ("E06000001",)), lister="the link") == (
        "councils the link lists under any theme (1)"
    )
