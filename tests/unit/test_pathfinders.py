"""The 35 pathfinders: one 2004 council each, and their status in every later vintage."""

from __future__ import annotations

import pytest

from trustmap import pathfinders
from trustmap.pathfinders import read_pathfinders


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


@pytest.mark.parametrize("vintage", ["2004", "2009", "2019", "2020", "2021", "2023"])
def test_status_carries_to_successors(build, vintage):
    listed = pathfinders.pathfinders_in(build, vintage)
    assert len(listed) == 35
    assert (listed["pathfinder_share"] == 1.0).all()
    assert "Sutton" in set(listed["la_name"]) and "Essex" in set(listed["la_name"])


def test_cli_lists_the_35_with_codes(capsys):
    from trustmap.cli import main

    assert main(["pathfinders", "--vintage", "2004", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("la_code,la_name")
    assert len(lines) == 36 and any(line.startswith("E10000012,Essex,") for line in lines)
