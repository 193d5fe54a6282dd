"""Council vintages of a build, on the tiny bundle: which exist, their councils, and each
council's predecessors and successors."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model import vintages


def test_known_vintages_and_their_counts(tiny_build):
    assert vintages.known_vintages(tiny_build) == ["2004", "2009", "2019", "2023"]
    summary = vintages.vintage_summary(tiny_build)
    assert summary[["vintage", "councils", "expected"]].values.tolist() == [
        ["2004", 5, 5],
        ["2009", 6, 6],
        ["2019", 6, 6],
        ["2023", 7, 7],
    ]
    with pytest.raises(UnknownChoiceError, match="unknown vintage '2020'; choose one of 2004"):
        vintages.check_vintage(tiny_build, "2020")


def test_council_table_is_sorted_by_code_without_geometry(tiny_build):
    table = vintages.council_table(tiny_build, "2023")
    assert "geometry" not in table
    assert table[["la_code", "la_name", "la_type", "region_name"]].values.tolist() == [
        [tiny.ALPHA, "Alpha", "UA", "North"],
        [tiny.BETA, "Beta", "UA", "North"],
        [tiny.WEST_SHIRE, "West Shire", "UA", "South"],
        [tiny.EAST_SHIRE, "East Shire", "UA", "South"],
        [tiny.GAMMA, "Gamma", "MD", "North"],
        [tiny.DELTA, "Delta", "LB", "London"],
        [tiny.EPSILON, "Epsilon", "LB", "London"],
    ]
    assert vintages.council_layer(tiny_build, "2023").crs.to_epsg() == 27700


def test_member_sets_name_each_council_by_its_districts(tiny_build):
    sets = vintages.member_sets(tiny_build)
    assert sets[tiny.ALPHABET] == f"{tiny.ALPHA};{tiny.BETA}"
    assert sets[tiny.SHIRE_2009] == sets[tiny.SHIRE_2019] == f"{tiny.SHIRE_WEST};{tiny.SHIRE_EAST}"


def test_lineage_lists_other_vintages_where_the_council_differs(tiny_build):
    alpha = vintages.council_lineage(tiny_build, tiny.ALPHA, "2019")
    assert alpha.values.tolist() == [["2004", tiny.ALPHABET, "Alphabet", 1.0]]
    shire = vintages.council_lineage(tiny_build, tiny.SHIRE_2019, "2019")
    assert shire[["vintage", "la_code", "la_name"]].values.tolist() == [
        ["2004", tiny.SHIRE_2009, "Shire"],
        ["2009", tiny.SHIRE_2009, "Shire"],
        ["2023", tiny.WEST_SHIRE, "West Shire"],
        ["2023", tiny.EAST_SHIRE, "East Shire"],
    ]
    # West Shire is two grid cells of Shire's three (cells differ slightly once projected).
    assert shire["share_of_council"].tolist() == pytest.approx([1, 1, 2 / 3, 1 / 3], rel=1e-3)
    assert vintages.council_lineage(tiny_build, tiny.GAMMA, "2019").empty
