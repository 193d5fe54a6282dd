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
    format_p,
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
