"""Tests for trustmap.analysis.neighbours: a hand-made group worked by hand, and the real lists."""

import math

import numpy as np
import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis import neighbours
from trustmap.analysis.neighbours import neighbour_differences, summarise_differences
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model.council_filter import CouncilFilter

# P1, P2, P3, P5 are pathfinders with values, P4 a pathfinder with none; N6 has no value and
# X is not a council of the vintage (absent from `values`).
VALUES = pd.Series(
    {
        "P1": 10.0,
        "P2": 20.0,
        "P3": 30.0,
        "P4": np.nan,
        "P5": 11.0,
        "N1": 8.0,
        "N2": 9.0,
        "N3": 10.0,
        "N4": 15.0,
        "N5": 18.0,
        "N6": np.nan,
    }
)
PATHFINDER = pd.Series({code: code.startswith("P") for code in VALUES.index})
LISTS = pd.DataFrame(
    [("P1", n) for n in ("N1", "N2", "N3", "P2", "X")]
    + [("P2", n) for n in ("N3", "N4", "N5", "N6", "P1")]
    + [("P3", n) for n in ("N1", "N6", "X")]
    + [("P4", n) for n in ("N1", "N2", "N3")]
    + [("P5", n) for n in ("N2", "N3", "N4", "N5")],
    columns=["la_code", "neighbour_code"],
)


def test_each_pathfinder_against_its_comparable_neighbours():
    table = neighbour_differences(VALUES, PATHFINDER, LISTS).set_index("la_code")
    # P1: N1, N2, N3 -> 9; P2: N3, N4, N5 -> 43/3; P5: N2..N5 -> 13.
    assert table.loc[["P1", "P2", "P5"], "neighbours_mean"].tolist() == pytest.approx(
        [9.0, 43 / 3, 13.0]
    )
    assert table.loc[["P1", "P2", "P5"], "difference"].tolist() == pytest.approx(
        [1.0, 17 / 3, -2.0]
    )
    assert table["neighbours_used"].to_dict() == {"P1": 3, "P2": 3, "P3": 1, "P4": 3, "P5": 4}
    assert table["reason"].to_dict() == {
        "P1": "",
        "P2": "",
        "P3": "only 1 comparable neighbour(s)",
        "P4": "no value",
        "P5": "",
    }


def test_summary_of_the_differences_worked_by_hand():
    table = neighbour_differences(VALUES, PATHFINDER, LISTS)
    result = summarise_differences(table.loc[table["kept"], "difference"])
    # Differences 1, 17/3, -2: mean 14/9; squared deviations (25 + 1369 + 1024) / 81, so
    # sd = sqrt(2418 / 162) = 3.8634 and se = sd / sqrt(3) = 2.2305; t(0.975, 2) = 4.302653.
    mean, se = 14 / 9, math.sqrt(2418 / 162 / 3)
    assert result["n"] == 3
    assert result["diff"] == pytest.approx(mean)
    assert (result["ci_low"], result["ci_high"]) == pytest.approx(
        (mean - 4.302653 * se, mean + 4.302653 * se), abs=1e-5
    )
    # With 2 degrees of freedom the two-sided p of t is 1 - |t| / sqrt(2 + t²).
    t = mean / se
    assert result["p_ttest"] == pytest.approx(1 - t / math.sqrt(2 + t * t))
    # Signed ranks of |1|, |-2|, |17/3| are 1, 2, 3: W- = 2; 3 of the 8 equally likely sign
    # patterns give W+ <= 2, so the exact two-sided p is 6/8.
    assert result["p_wilcoxon"] == pytest.approx(0.75)


def test_fewer_than_two_differences_have_no_statistics():
    result = summarise_differences(pd.Series([1.5]))
    assert result["n"] == 1 and result["diff"] == 1.5 and math.isnan(result["p_ttest"])


def test_a_tiny_councils_neighbours_and_their_average(tiny_build):
    table = neighbours.neighbours(tiny_build, tiny.GAMMA)
    assert table.values.tolist() == [
        [1, tiny.ALPHA, "Alpha", "Very close"],  # the source writes "Very Close"
        [2, tiny.BETA, "Beta", "Close"],
        [3, tiny.WEST_SHIRE, "West Shire", "Close"],
    ]
    scores = pd.Series({tiny.ALPHA: 64.0, tiny.BETA: np.nan, tiny.WEST_SHIRE: 77.0})
    assert neighbours.neighbour_average(tiny_build, tiny.GAMMA, scores) == (70.5, 2)
    with pytest.raises(UnknownChoiceError, match="not in DfE's May 2025 neighbour list"):
        neighbours.neighbours(tiny_build, tiny.SHIRE_2019)  # a council of 2019 only
    with pytest.raises(UnknownChoiceError, match="unknown neighbour list '2019'"):
        neighbours.neighbours(tiny_build, tiny.GAMMA, list_year="2019")


def test_tiny_pathfinders_against_their_neighbours(tiny_build):
    result = neighbours.compare_with_neighbours(tiny_build, "lait-fsp-new-gooddev", "2023", "2023")
    rows = {row["la_name"]: row for row in result["pathfinders"]}
    # Alpha 64 against Gamma 67, East Shire 74, West Shire 77, Epsilon 75 (Beta is a
    # pathfinder); Beta 73 against Gamma, West and East Shire; Delta keeps two.
    assert rows["Alpha"]["neighbours_mean"] == 73.25 and rows["Alpha"]["neighbours_used"] == 4
    assert rows["Beta"]["difference"] == pytest.approx(73 - 218 / 3)
    assert (rows["Delta"]["kept"], rows["Delta"]["reason"]) == (
        False,
        "only 2 comparable neighbour(s)",
    )
    assert (result["n"], result["pathfinders_dropped"]) == (2, 1)
    assert result["diff"] == pytest.approx((-9.25 + 1 / 3) / 2)


@pytest.mark.bundle
def test_suttons_neighbours_named(build):
    table = neighbours.neighbours(build, "E09000029", list_year="2025")
    assert table["neighbour_name"].tolist() == [
        "Merton",
        "Hertfordshire",
        "Milton Keynes",
        "Cambridgeshire",
        "Oxfordshire",
        "Kingston upon Thames",
        "Bedford Borough",
        "West Sussex",
        "Bournemouth, Christchurch and Poole",
        "Buckinghamshire",
    ]
    assert table["rank"].tolist() == list(range(1, 11))


@pytest.mark.bundle
def test_imd_against_neighbours(build):
    result = neighbours.compare_with_neighbours(
        build, "iod2019-imd-average-score", "2019", "2019", list_year="2025"
    )
    assert result["n"] == 35 and result["pathfinders_dropped"] == 0
    assert result["diff"] == pytest.approx(-0.655, abs=1e-3)
    assert result["reading"].startswith("Pathfinders scored 0.655 points lower (better)")


@pytest.mark.bundle
def test_a_filter_chooses_the_pathfinders_but_not_their_neighbours(build):
    args = (build, "lait-fsp-new-gooddev", "2019", "2019")
    everyone = neighbours.compare_with_neighbours(*args)
    london = neighbours.compare_with_neighbours(
        *args, council_filter=CouncilFilter(region="London")
    )
    rows = pd.DataFrame(everyone["pathfinders"]).set_index("la_code")
    london_codes = [row["la_code"] for row in london["pathfinders"]]
    assert len(london_codes) == 8 and london["n"] == 8  # London's 8 pathfinders
    # Each keeps its differences from all its neighbours, London or not.
    same = rows.loc[london_codes, "difference"]
    assert london["diff"] == pytest.approx(same.mean())
    assert london["filters"] == "London"
    assert london["caution"].startswith("Caution: only 8 pathfinders kept")
