"""The pathfinders: matched to one 2004 council each, and their status in every later vintage,
on hand-made members, on the tiny bundle and on the real bundle's 35."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle.validation import DataFileError
from trustmap.model import pathfinders
from trustmap.model.pathfinders import pathfinder_status, read_pathfinders


def members(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["vintage", "la_code", "la_name", "ltla16cd"])


# 2004 as in the tiny bundle; in "2030" Beta and Gamma merge into Betagam.
MERGER = members(
    [
        ("2004", tiny.ALPHABET, "Alphabet", "a"),
        ("2004", tiny.ALPHABET, "Alphabet", "b"),
        ("2004", tiny.GAMMA, "Gamma", "g"),
        ("2004", tiny.DELTA, "Delta", "d"),
        ("2030", "X1", "Alpha", "a"),
        ("2030", "X2", "Betagam", "b"),
        ("2030", "X2", "Betagam", "g"),
        ("2030", "X3", "Delta", "d"),
    ]
)
AREAS = pd.Series({"a": 1.0, "b": 1.0, "g": 3.0, "d": 2.0}, name="area_m2")


def test_status_follows_the_share_of_area_that_was_a_pathfinder(tiny_project):
    status = pathfinder_status(MERGER, AREAS, "2030").set_index("la_code")
    assert status["pathfinder_share"].to_dict() == {"X1": 1.0, "X2": 0.25, "X3": 1.0}
    assert status["pathfinder"].to_dict() == {"X1": True, "X2": False, "X3": True}
    assert status["pathfinder_of"].to_dict() == {"X1": "Alphabet", "X2": "Alphabet", "X3": "Delta"}


def test_a_pathfinder_whose_name_does_not_match_is_rejected(tiny_project):
    renamed = MERGER.replace({"la_name": {"Delta": "Deltoid"}})
    with pytest.raises(DataFileError, match="la_code_2004.*do not match one 2004 council.*Delta"):
        read_pathfinders(renamed)


def test_tiny_pathfinders_in_each_vintage(tiny_build):
    in_2004 = pathfinders.pathfinders_in(tiny_build, "2004")
    assert in_2004[["la_code", "announced_name", "pathfinder_share"]].values.tolist() == [
        [tiny.ALPHABET, "Alphabet", 1.0],
        [tiny.DELTA, "Delta", 1.0],
    ]
    in_2023 = pathfinders.pathfinders_in(tiny_build, "2023")
    assert in_2023[["la_code", "vintage", "pathfinder_of"]].values.tolist() == [
        [tiny.ALPHA, "2023", "Alphabet"],
        [tiny.BETA, "2023", "Alphabet"],
        [tiny.DELTA, "2023", "Delta"],
    ]
    assert "announced_name" not in in_2023


def test_years_after_the_announcement():
    assert pathfinders.years_after_announcement("2004") == 1
    assert pathfinders.years_after_announcement("2016/17") == 13


@pytest.mark.bundle
def test_all_35_match_exactly_one_2004_council(build):
    table = read_pathfinders(build["council_members"])
    councils_2004 = build["councils"].query("vintage == '2004'")
    assert len(table) == 35 and table["la_code_2004"].is_unique
    matches = table["la_code_2004"].map(lambda code: (councils_2004["la_code"] == code).sum())
    assert (matches == 1).all()
    renamed = table.set_index("announced_name")["la_name_2004"]
    assert renamed["City of York"] == "York"
    assert renamed["East Yorkshire"] == "East Riding of Yorkshire"
    assert renamed["Newcastle"] == "Newcastle upon Tyne"


@pytest.mark.bundle
@pytest.mark.parametrize("vintage", ["2004", "2009", "2019", "2020", "2021", "2023"])
def test_status_carries_to_successors(build, vintage):
    listed = pathfinders.pathfinders_in(build, vintage)
    assert len(listed) == 35
    assert (listed["pathfinder_share"] == 1.0).all()
    assert "Sutton" in set(listed["la_name"]) and "Essex" in set(listed["la_name"])
