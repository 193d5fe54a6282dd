"""Two groups of the tiny bundle's councils compared on one indicator period."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis import group_comparison
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model.council_filter import CouncilFilter
from trustmap.stats import compare
from trustmap.vocabulary import PATHFINDER_GROUPS

IMD = "iod2019-imd-average-score"
PATHFINDERS, OTHERS = PATHFINDER_GROUPS


def test_membership_by_pathfinder_and_by_coterminosity(tiny_build):
    status, labels = group_comparison.group_membership(tiny_build, "pathfinder", "2019")
    assert labels == ("pathfinders (and successors)", "other councils")
    assert status[status].index.tolist() == [tiny.ALPHA, tiny.BETA, tiny.DELTA]
    coterminous, labels = group_comparison.group_membership(tiny_build, "coterminous", "2019")
    assert labels == ("councils coterminous with CCG April 2019", "councils not coterminous")
    assert coterminous[coterminous].index.tolist() == [tiny.SHIRE_2019, tiny.GAMMA]
    assert len(coterminous) == 6
    with pytest.raises(UnknownChoiceError, match="unknown grouping 'size'"):
        group_comparison.group_membership(tiny_build, "size", "2019")


def test_councils_not_determined_belong_to_neither_group(tiny_build):
    in_first, _ = group_comparison.group_membership(
        tiny_build, "coterminous", "2004", health="pct2006"
    )
    assert in_first.to_dict() == {tiny.GAMMA: True, tiny.SHIRE_2009: True, tiny.ALPHABET: True}


def test_pathfinders_against_the_others(tiny_build):
    made = group_comparison.comparison(tiny_build, IMD, "2019", "pathfinder")
    result = made.result
    # Alpha 30, Beta 20, Delta 40 against Gamma 25, Shire 10, Epsilon 15.
    expected = compare.compare_groups(
        made.values.set_index("la_code")["value"],
        made.values.set_index("la_code")["group"] == PATHFINDERS,
        labels=PATHFINDER_GROUPS,
    )
    assert result["diff"] == pytest.approx(40 / 3) == expected.diff
    assert result["groups"] == expected.as_dict()["groups"]
    assert {key: result[key] for key in ("indicator", "period", "la_vintage", "by")} == {
        "indicator": IMD,
        "period": "2019",
        "la_vintage": "2019",
        "by": "pathfinder",
    }
    assert (result["councils_matched"], result["polarity"], result["years_after_2003"]) == (
        6,
        "low",
        16,
    )
    assert (result["filters"], result["health"], result["unit"], result["decimals"]) == (
        "all councils",
        None,
        "average score",
        0,
    )
    # Each council with its class on the map: "pathfinder" or "other".
    assert made.values.sort_values("la_code").values.tolist() == [
        [tiny.ALPHA, "Alpha", 30.0, PATHFINDERS, "pathfinder"],
        [tiny.BETA, "Beta", 20.0, PATHFINDERS, "pathfinder"],
        [tiny.SHIRE_2019, "Shire", 10.0, OTHERS, "other"],
        [tiny.GAMMA, "Gamma", 25.0, OTHERS, "other"],
        [tiny.DELTA, "Delta", 40.0, PATHFINDERS, "pathfinder"],
        [tiny.EPSILON, "Epsilon", 15.0, OTHERS, "other"],
    ]


def test_coterminous_against_the_rest(tiny_build):
    made = group_comparison.comparison(tiny_build, IMD, "2019", "coterminous")
    first, second = made.result["groups"]
    assert (first["n"], first["mean"], second["n"], second["mean"]) == (2, 17.5, 4, 26.25)
    assert made.result["diff"] == pytest.approx(-8.75)
    assert made.result["health"] == "CCG April 2019"
    # Shire and Gamma have a CCG of their own; the other four share theirs.
    assert made.values.set_index("la_code")["class"].to_dict() == {
        tiny.ALPHA: "health_spans_several",
        tiny.BETA: "health_spans_several",
        tiny.SHIRE_2019: "coterminous",
        tiny.GAMMA: "coterminous",
        tiny.DELTA: "health_spans_several",
        tiny.EPSILON: "health_spans_several",
    }


def test_membership_classes_are_the_maps_classes(tiny_build):
    by_status = group_comparison.membership_classes(tiny_build, "pathfinder", "2004", "pct2006")
    assert by_status.to_dict() == {
        tiny.GAMMA: "other",
        tiny.DELTA: "pathfinder",
        tiny.EPSILON: "other",
        tiny.SHIRE_2009: "other",
        tiny.ALPHABET: "pathfinder",
    }
    by_class = group_comparison.membership_classes(tiny_build, "coterminous", "2004", "pct2006")
    assert by_class[[tiny.GAMMA, tiny.EPSILON]].tolist() == ["coterminous", "not_determined"]


def test_on_another_vintage_and_with_a_filter(tiny_build):
    # On 2023 Shire has split: its 2019 value is left out, so 5 councils are compared.
    on_2023 = group_comparison.compare_indicator(
        tiny_build, IMD, "2019", "pathfinder", vintage="2023"
    )
    assert (on_2023["la_vintage"], on_2023["councils_matched"]) == ("2023", 5)
    assert [group["n"] for group in on_2023["groups"]] == [3, 2]
    boroughs = CouncilFilter(la_type="LB")  # Delta (pathfinder) and Epsilon
    with pytest.raises(ValueError, match="group 'other councils' has 1"):
        group_comparison.compare_indicator(
            tiny_build, IMD, "2019", "pathfinder", council_filter=boroughs
        )


def test_comparison_source_line(tiny_build):
    result = group_comparison.compare_indicator(tiny_build, IMD, "2019", "pathfinder")
    assert group_comparison.comparison_source(result) == (
        "IoD 2019: IMD - Average score, 2019, on the councils of 2019 (6 with a value). "
        "Source: Ministry of Housing, Communities & Local Government, English Indices of "
        "Deprivation 2019, File 11: upper-tier local authority summaries (IoD2019 (April 2019 "
        "upper tier)). Open Government Licence v3.0."
    )
