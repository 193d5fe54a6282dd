"""Children covered by the pathfinder councils: a hand-made table, then the mid-2009 figures."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis.coverage import CENSUS_CAVEATS, children_covered, coverage
from trustmap.bundle.census2001 import CHILD_AGES, ST149_FILE, read_children_2001
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import DataFileError


def population(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "geography", "value"])


COUNCILS = [("A", "council", 100.0), ("B", "council", 300.0), ("C", "council", 600.0)]


def test_share_uses_the_sources_england_row_when_it_has_one():
    table = population([*COUNCILS, ("E92000001", "england", 1200.0)])
    result = children_covered(table, ["A", "B"])
    assert result == {
        "pathfinder_children": 400,
        "england_children": 1200,
        "england_basis": "England row of the source",
        "share": pytest.approx(1 / 3),
        "councils": 2,
    }


def test_share_falls_back_on_the_sum_of_councils():
    result = children_covered(population(COUNCILS), ["C", "C"])
    assert (result["england_children"], result["share"], result["councils"]) == (1000, 0.6, 1)
    assert result["england_basis"] == "sum of the councils"


def test_a_pathfinder_without_population_is_an_error_not_a_smaller_share():
    with pytest.raises(ValueError, match="D"):
        children_covered(population(COUNCILS), ["A", "D"])


def test_the_tiny_pathfinders_children(tiny_build):
    result = coverage(tiny_build)
    # Alpha, Beta and Delta (the pathfinders among the councils of 2009): 10,000 children each;
    # England's row of the source: 67,000.
    assert {k: result[k] for k in ("pathfinder_children", "england_children", "councils")} == {
        "pathfinder_children": 30_000,
        "england_children": 67_000,
        "councils": 3,
    }
    assert result["england_basis"] == "England row of the source"
    assert result["source"].startswith("Children aged 0-17 at mid-2009 (ONS estimates rounded")


@pytest.mark.bundle
def test_the_35_councils_held_a_quarter_of_englands_children_in_mid_2009(build):
    result = coverage(build)
    assert (result["pathfinder_children"], result["england_children"]) == (2_826_100, 11_012_300)
    assert result["councils"] == 35 and result["share"] == pytest.approx(0.2566, abs=1e-4)
    assert result["evaluation_share"] == 0.20
    assert "20% of children in England" in result["source"] and "2009" in result["source"]


def test_the_tiny_pathfinders_children_on_census_day_2001(tiny_build):
    census = coverage(tiny_build)["census_2001"]
    # Each district's cell is in 6 child ages x 18 blocks: Alpha 10, Beta 20, Gamma 30, Shire
    # West 40, Shire East 50, Delta 60, Epsilon 70 (x 108). The pathfinders of 2004: Alphabet
    # (Alpha and Beta) and Delta, 90 x 108 = 9,720 of England's 280 x 108 = 30,240 (Wales and
    # the 18-19-year-olds left out).
    assert {k: census[k] for k in ("pathfinder_children", "england_children", "councils")} == {
        "pathfinder_children": 9_720,
        "england_children": 30_240,
        "councils": 2,
    }
    assert census["share"] == pytest.approx(9 / 28)
    assert census["england_basis"] == "sum of the councils"
    assert census["census_day"] == "29 April 2001" and census["caveats"] == list(CENSUS_CAVEATS)
    assert "ST149" in census["source"] and "councils of 2004" in census["source"]


def test_the_census_reader_sums_the_blocks_and_names_a_file_that_is_not_the_report(
    tiny_files, tmp_path
):
    rows = read_children_2001(tiny_files.bundle).set_index("ltla_code")["children_0_17"]
    english = {code: cells for code, cells in tiny.CENSUS_2001_CELLS.items() if code[0] == "E"}
    assert rows.to_dict() == {code: 108 * cells for code, cells in english.items()}
    text = (tiny_files.bundle / ST149_FILE).read_text(encoding="utf-8")
    broken = tmp_path / ST149_FILE
    broken.parent.mkdir(parents=True)
    broken.write_text(text[: text.index("Sex        :,Females")], encoding="utf-8")
    with pytest.raises(DataFileError, match="expected 18 blocks, one per sex"):
        read_children_2001(tmp_path)
    broken.write_text(text.replace(CHILD_AGES[-1], "Age 16 or 17"), encoding="utf-8")
    with pytest.raises(DataFileError, match="no column 'Age 16 to 17'"):
        read_children_2001(tmp_path)
    with pytest.raises(DataFileError, match="file not found"):
        read_children_2001(tmp_path / "elsewhere")


@pytest.mark.bundle
def test_the_35_councils_held_a_quarter_of_englands_children_on_census_day_2001(build, data_dir):
    census = coverage(build)["census_2001"]
    assert 0.1 < census["share"] < 0.4 and census["councils"] == 35
    # An independent sum from the raw report: every English row of every block, its child ages
    # added up, districts taken to their 2004 council by mySociety's county codes.
    raw = pd.read_csv(data_dir / ST149_FILE, header=None, names=range(24), dtype=str)
    rows = raw[raw[1].str.fullmatch(r"E0[6-9]\d{6}", na=False)]
    children = rows[list(range(2, 8))].astype(int).sum(axis=1).groupby(rows[1]).sum()
    lookup = pd.read_csv(data_dir / "boundaries/lookup_mysociety_uk_local_authorities_2025.csv")
    lookup = lookup[lookup["nation"] == "England"]
    county = lookup.set_index("gss-code")["county-la"].reindex(children.index)
    counties = lookup.set_index("local-authority-code")["gss-code"]
    council = county.map(counties).fillna(pd.Series(children.index, index=children.index))
    pathfinders_2004 = pd.read_csv(table_path("pathfinders.csv"))["la_code_2004"]
    held = children[council.isin(pathfinders_2004)].sum()
    assert (census["pathfinder_children"], census["england_children"]) == (held, children.sum())
    assert (held, children.sum()) == (2_834_001, 11_133_012)  # as SOURCES.md's audit
