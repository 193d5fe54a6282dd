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
CONCEPTIONS = "ons-u18-conception-rate"
SHIRE_ONLY = "no value in 2019; the source has figures only for Shire, a different area"
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
    # Shire's successors are named, each with why it is left out.
    assert on_2023["left_out"] == [
        {"la_code": code, "la_name": name, "reason": SHIRE_ONLY}
        for code, name in ((tiny.WEST_SHIRE, "West Shire"), (tiny.EAST_SHIRE, "East Shire"))
    ]
    boroughs = CouncilFilter(la_type="LB")  # Delta (pathfinder) and Epsilon
    with pytest.raises(group_comparison.ComparisonUnavailableError) as refused:
        group_comparison.compare_indicator(
            tiny_build, IMD, "2019", "pathfinder", council_filter=boroughs
        )
    assert str(refused.value) == (
        "Too few councils to compare: only 1 pathfinder and 1 other council kept have a value "
        "for 2019; each group needs at least 2."
    )


def test_comparison_source_line(tiny_build):
    result = group_comparison.compare_indicator(tiny_build, IMD, "2019", "pathfinder")
    assert group_comparison.comparison_source(result) == (
        "IoD 2019: IMD - Average score, 2019, on the councils of 2019 (6 with a value). "
        "Source: Ministry of Housing, Communities & Local Government, English Indices of "
        "Deprivation 2019, File 11: upper-tier local authority summaries (IoD2019 (April 2019 "
        "upper tier)). Open Government Licence v3.0."
    )


def test_nothing_left_out_or_far_when_every_council_has_a_value(tiny_build):
    result = group_comparison.compare_indicator(tiny_build, IMD, "2019", "pathfinder")
    assert (result["left_out"], result["far_from_rest"]) == ([], [])


def test_a_combined_unit_and_an_undetermined_class_are_named(tiny_build):
    # Delta and Epsilon are published as one unit: Alpha 40 and Beta 36 against Gamma 44 and
    # Shire 31.
    result = group_comparison.compare_indicator(tiny_build, CONCEPTIONS, "2004", "pathfinder")
    assert [group["n"] for group in result["groups"]] == [2, 2]
    combined = "a combined unit in the source in 2004 (Delta and Epsilon)"
    assert result["left_out"] == [
        {"la_code": tiny.DELTA, "la_name": "Delta", "reason": combined},
        {"la_code": tiny.EPSILON, "la_name": "Epsilon", "reason": combined},
    ]
    # Delta's and Epsilon's coterminosity with the PCTs of 2006 is not determined.
    by_pct = group_comparison.compare_indicator(
        tiny_build, IMD, "2019", "coterminous", health="pct2006"
    )
    undetermined = "coterminosity with PCT October 2006 not determined"
    assert by_pct["left_out"] == [
        {"la_code": tiny.DELTA, "la_name": "Delta", "reason": undetermined},
        {"la_code": tiny.EPSILON, "la_name": "Epsilon", "reason": undetermined},
    ]


def test_a_comparison_that_cannot_be_drawn_says_why_in_one_sentence(tiny_build):
    def refusal(**options) -> str:
        with pytest.raises(group_comparison.ComparisonUnavailableError) as refused:
            group_comparison.comparison(tiny_build, IMD, "2019", "pathfinder", **options)
        return str(refused.value)

    assert refusal(council_filter=CouncilFilter(pathfinder=True)) == (
        "Every council kept is a pathfinder, so there is no group to compare them with."
    )
    assert refusal(council_filter=CouncilFilter(region="South", pathfinder=True)) == (
        "The filters (South; pathfinders (and successors)) keep no council of 2019: there is "
        "nothing to draw. Clear or change a filter."
    )
    # On 2004 every council whose class is known is coterminous with its PCT.
    with pytest.raises(group_comparison.ComparisonUnavailableError) as refused:
        group_comparison.comparison(
            tiny_build, IMD, "2019", "coterminous", vintage="2004", health="pct2006"
        )
    assert str(refused.value) == (
        "Every council is coterminous with PCT October 2006, so there is no group to compare "
        "them with."
    )


LOOKED_AFTER = "lait-lac"


@pytest.mark.bundle
def test_looked_after_children_2019_name_bournemouth_dorset_and_the_far_councils(build):
    result = group_comparison.compare_indicator(build, LOOKED_AFTER, "2019", "pathfinder")
    # The source marks both new councils of April 2019 "-" (as it does Bournemouth, Poole and
    # the old Dorset county), so neither has a value to compare.
    assert result["left_out"] == [
        {
            "la_code": "E06000058",
            "la_name": "Bournemouth, Christchurch and Poole",
            "reason": "no value in 2019",
        },
        {"la_code": "E06000059", "la_name": "Dorset", "reason": "no value in 2019"},
    ]
    # Median 68 and interquartile range 42 (50 to 92): far means above 194 or below -58, so
    # the Isles of Scilly's 0 is compared and not far.
    assert result["far_from_rest"] == [
        {"la_code": "E09000001", "la_name": "City of London", "value": 299.0},
        {"la_code": "E06000009", "la_name": "Blackpool", "value": 200.0},
    ]
    assert [group["n"] for group in result["groups"]] == [35, 114]
