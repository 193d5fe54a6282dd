"""Children covered by the pathfinder councils: a hand-made table, then the mid-2009 figures."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap.analysis.coverage import children_covered, coverage


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
