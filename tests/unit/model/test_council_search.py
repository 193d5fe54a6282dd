"""Finding a council by name, code or a former name: on hand-made member tables and the tiny
bundle's councils."""

from __future__ import annotations

import pandas as pd

from tests.fixtures import bundle as tiny
from trustmap.model.council_search import find_council, former_names, search_entries

# A county (C1: districts d1, d2) split into West and East Shire in 2023; Town (T1, d3) kept
# its code and was renamed.
MEMBERS = pd.DataFrame(
    [
        ("C1", "Shire", "d1", "2004"),
        ("C1", "Shire", "d2", "2004"),
        ("T1", "Town", "d3", "2004"),
        ("W1", "West Shire", "d1", "2023"),
        ("E1", "East Shire", "d2", "2023"),
        ("T1", "City of Town", "d3", "2023"),
    ],
    columns=["la_code", "la_name", "ltla16cd", "vintage"],
)


def test_a_split_county_finds_its_successors_and_they_find_it():
    assert former_names(MEMBERS, "2004").to_dict() == {
        "C1": "East Shire; West Shire",
        "T1": "City of Town",
    }
    assert former_names(MEMBERS, "2023").to_dict() == {
        "W1": "Shire",
        "E1": "Shire",
        "T1": "Town",
    }


def test_the_same_name_in_another_vintage_is_not_a_former_name():
    unchanged = MEMBERS.assign(la_name=MEMBERS["la_name"].replace("City of Town", "Town"))
    names = former_names(unchanged, "2023")
    assert names.index.tolist() == ["W1", "E1", "T1"]
    assert names["T1"] == ""


def test_search_entries_of_the_tiny_bundle(tiny_build):
    entries = search_entries(tiny_build, "2023")
    assert list(entries.columns) == ["la_code", "la_name", "label"]
    assert entries["label"].tolist() == [  # by name; Alpha and Beta were Alphabet in 2004
        f"Alpha ({tiny.ALPHA}), also: Alphabet",
        f"Beta ({tiny.BETA}), also: Alphabet",
        f"Delta ({tiny.DELTA})",
        f"East Shire ({tiny.EAST_SHIRE}), also: Shire",
        f"Epsilon ({tiny.EPSILON})",
        f"Gamma ({tiny.GAMMA})",
        f"West Shire ({tiny.WEST_SHIRE}), also: Shire",
    ]
    by_code = search_entries(tiny_build, "2004").set_index("la_code")["label"]
    assert by_code[tiny.ALPHABET] == f"Alphabet ({tiny.ALPHABET}), also: Alpha; Beta"
    assert by_code[tiny.SHIRE_2009] == f"Shire ({tiny.SHIRE_2009}), also: East Shire; West Shire"


ENTRIES = pd.DataFrame(
    {
        "la_code": ["E06000905", "E08000901", "E06000903", "E06000904"],
        "la_name": ["East Shire", "Gamma", "Shire", "West Shire"],
        "label": [
            "East Shire (E06000905), also: Shire",
            "Gamma (E08000901)",
            "Shire (E06000903), also: East Shire; West Shire",
            "West Shire (E06000904), also: Shire",
        ],
    }
)


def test_find_by_exact_label_code_or_name_before_contains():
    assert find_council(ENTRIES, "West Shire (E06000904), also: Shire") == "E06000904"
    assert find_council(ENTRIES, "  e08000901 ") == "E08000901"  # case and spaces ignored
    # "shire" is in every label but Gamma's: the exact name wins over the first containing it.
    assert find_council(ENTRIES, "SHIRE") == "E06000903"


def test_find_by_part_of_a_label_takes_the_first_row():
    assert find_council(ENTRIES, "also: shire") == "E06000905"  # East Shire, then West Shire
    assert find_council(ENTRIES, "(E0600090") == "E06000905"
    # Former names count: Shire (by name before West Shire) lists West Shire among them.
    assert find_council(ENTRIES, "west") == "E06000903"
    assert find_council(ENTRIES, "gam") == "E08000901"


def test_nothing_found():
    assert find_council(ENTRIES, "Atlantis") is None
    assert find_council(ENTRIES, "   ") is None
    assert find_council(ENTRIES, "") is None
    assert find_council(ENTRIES, "a.c") is None  # the text is not a pattern
