"""Tests for trustmap.stats.wording: hand-made results whose words and numbers are worked
by hand (no bundle)."""

import math

import pytest

from tests.fixtures.comparison_results import group_result
from trustmap.stats.wording import (
    comparison_caution,
    comparison_footnote,
    comparison_headline,
    comparison_reading,
    comparison_subtitle,
    comparison_unavailable,
    far_from_rest_note,
    format_p,
    left_out_lines,
)


def test_headline_is_plain_and_subtitle_names_filters_and_group_sizes():
    result = group_result()
    assert comparison_headline(result) == (
        "Pathfinders against other councils: Good level of development, 2019"
    )
    assert comparison_subtitle(result) == (
        "Filtered to London (councils of 2019): 8 pathfinders and 3 other councils"
    )
    everything = comparison_subtitle(group_result(filters="all councils"))
    assert everything == "All councils of 2019: 8 pathfinders and 3 other councils"
    assert "p =" not in comparison_headline(result) + comparison_subtitle(result)


def test_coterminous_titles_name_the_nhs_geography():
    result = group_result(by="coterminous", health="PCT October 2006")
    result["groups"][0]["group"] = "coterminous with PCT October 2006"
    assert comparison_headline(result).startswith(
        "Councils coterminous with PCT October 2006 against the rest: "
    )
    assert comparison_subtitle(result).endswith(
        "8 councils coterminous with PCT October 2006 and 3 councils not coterminous"
    )


def test_reading_of_an_interval_that_includes_zero():
    assert comparison_reading(group_result()) == (
        "Pathfinders scored 1.3 percentage points lower (worse) than other councils; a "
        "difference this size could well be chance (95% CI -4.2 to 1.6)."
    )


def test_reading_of_an_interval_that_excludes_zero_is_worded_from_the_interval_not_p():
    # The same p, but an interval clear of zero: the words follow the interval.
    result = group_result(diff=2.06, ci_low=0.44, ci_high=3.71, polarity="none")
    assert comparison_reading(result) == (
        "Pathfinders scored 2.1 percentage points higher than other councils; the 95% interval "
        "(0.4 to 3.7) does not include zero, so chance alone is an unlikely explanation."
    )


def test_caution_when_either_group_has_fewer_than_ten_councils():
    assert comparison_caution(group_result()) == (
        "Caution: only 8 pathfinders and 3 other councils; with fewer than 10 councils in a "
        "group, one council can swing the result."
    )
    big = group_result()
    big["groups"] = [dict(big["groups"][0], n=35), dict(big["groups"][1], n=10)]
    assert comparison_caution(big) == ""


def test_footnote_carries_the_tests_rounded():
    assert comparison_footnote(group_result()) == (
        "Difference in means, pathfinders minus other councils: -1.3 percentage points "
        "(95% CI -4.2 to 1.6), Welch interval. Welch t-test p = 0.016; Mann-Whitney U test "
        "p < 0.001; Hedges' g = -0.49."
    )


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0004, "p < 0.001"),
        (0.0163, "p = 0.016"),
        (0.4249, "p = 0.42"),
        (math.nan, "p not defined"),
    ],
)
def test_p_values_as_people_read_them(p, text):
    assert format_p(p) == text


def unavailable(by="pathfinder", health=None, *, kept, with_value, filtered=True):
    return comparison_unavailable(
        by, health, kept=kept, with_value=with_value, period="2019", filtered=filtered
    )


def test_a_group_the_filters_empty_is_named_in_one_sentence():
    assert unavailable(kept=(35, 0), with_value=(35, 0)) == (
        "Every council kept is a pathfinder, so there is no group to compare them with."
    )
    assert unavailable(kept=(0, 116), with_value=(0, 114)) == (
        "No council kept is a pathfinder, so the other councils have no group to be compared with."
    )
    assert unavailable("coterminous", "CCG April 2019", kept=(3, 0), with_value=(3, 0)) == (
        "Every council kept is coterminous with CCG April 2019, so there is no group to compare "
        "them with."
    )
    assert unavailable("coterminous", "PCT October 2006", kept=(0, 0), with_value=(0, 0)) == (
        "No council kept belongs to either group (councils coterminous with PCT October 2006 "
        "or councils not coterminous)."
    )


def test_too_few_values_say_how_many_of_how_many():
    assert unavailable(kept=(3, 2), with_value=(0, 0)) == (
        "No council kept has a value for 2019, so there is nothing to compare."
    )
    assert unavailable(kept=(1, 1), with_value=(1, 1)) == (
        "Too few councils to compare: only 1 pathfinder and 1 other council kept have a value "
        "for 2019; each group needs at least 2."
    )
    assert unavailable(kept=(5, 3), with_value=(5, 1), filtered=False) == (
        "Too few councils to compare: only 1 of the 3 other councils has a value for 2019; "
        "each group needs at least 2."
    )
    assert unavailable(kept=(2, 2), with_value=(2, 2)) is None


LOOKED_AFTER = {"unit": "Rate per 10,000", "decimals": 0}


def test_left_out_councils_are_listed_a_line_per_reason():
    result = group_result(
        left_out=[
            {
                "la_code": "E06000058",
                "la_name": "Bournemouth, Christchurch and Poole",
                "reason": "no value in 2019",
            },
            {
                "la_code": "E06000053",
                "la_name": "Isles of Scilly",
                "reason": "a combined unit in the source in 2019 (Cornwall and Isles of Scilly)",
            },
            {"la_code": "E06000059", "la_name": "Dorset", "reason": "no value in 2019"},
        ],
    )
    assert left_out_lines(result) == [
        "Bournemouth, Christchurch and Poole and Dorset: no value in 2019.",
        "Isles of Scilly: a combined unit in the source in 2019 (Cornwall and Isles of Scilly).",
    ]
    assert left_out_lines(group_result(left_out=[])) == []


def test_councils_far_from_the_rest_are_named_with_their_values_and_kept():
    far = [
        {"la_code": "E09000001", "la_name": "City of London", "value": 299.0},
        {"la_code": "E06000009", "la_name": "Blackpool", "value": 200.0},
    ]
    assert far_from_rest_note(group_result(far_from_rest=far, **LOOKED_AFTER)) == (
        "City of London (299 per 10,000) and Blackpool (200 per 10,000) are far from the rest "
        "(more than 3 interquartile ranges from the median of the councils compared) and kept."
    )
    one = far_from_rest_note(group_result(far_from_rest=far[1:], **LOOKED_AFTER))
    assert one.startswith("Blackpool (200 per 10,000) is far from the rest")
    assert far_from_rest_note(group_result(far_from_rest=[])) == ""
