"""Tests for trustmap.stats.readings: rounding, units and the plain reading's wording."""

import pytest

from trustmap.stats.readings import (
    difference_unit,
    format_difference,
    format_number,
    format_with_unit,
    plain_reading,
    small_group_caution,
)


def test_reading_of_an_interval_that_includes_zero():
    assert plain_reading(
        -1.3,
        -4.2,
        1.6,
        first_label="pathfinders",
        second_label="other councils",
        polarity=None,
        unit="score",
        decimals=1,
    ) == (
        "Pathfinders scored 1.3 points lower than other councils; a difference this size "
        "could well be chance (95% CI -4.2 to 1.6)."
    )


def test_reading_of_an_interval_that_excludes_zero_names_worse_by_polarity():
    assert plain_reading(
        2.345,
        0.5,
        4.19,
        first_label="pathfinders",
        second_label="their statistical neighbours",
        polarity="low",
        unit="% of pupils",
        decimals=1,
    ) == (
        "Pathfinders scored 2.3 percentage points higher (worse) than their statistical "
        "neighbours; the 95% interval (0.5 to 4.2) does not include zero, so chance alone is "
        "an unlikely explanation."
    )


def test_reading_says_better_only_with_polarity():
    text = plain_reading(
        -3.0,
        -5.0,
        -1.0,
        first_label="pathfinders",
        second_label="other councils",
        polarity="low",
        unit="Rate per 10,000",
        decimals=0,
    )
    assert text.startswith("Pathfinders scored 3.0 per 10,000 lower (better) than other councils;")


def test_reading_of_a_difference_lost_in_rounding():
    text = plain_reading(
        0.04,
        -1.0,
        1.1,
        first_label="coterminous councils",
        second_label="the rest",
        polarity="high",
        unit=None,
        decimals=1,
    )
    assert text.startswith("Coterminous councils scored the same as the rest to the precision")


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("% achieving expected level", "percentage points"),
        ("Rate per 10,000", "per 10,000"),
        ("Rate per 1000 live births", "per 1000 live births"),
        ("score", "points"),
        (None, "points"),
        ("Spend", "Spend"),
    ],
)
def test_difference_units(unit, expected):
    assert difference_unit(unit) == expected


def test_numbers_round_to_the_indicators_precision():
    assert format_number(35.557500000000005, 1) == "35.6"
    assert format_number(1234.56, 0) == "1,235"
    assert format_number(-0.04, 1) == "0.0"
    assert format_number(None, 2) == "-"
    assert format_difference(-1.26, 1, "% of pupils") == "1.3 percentage points"


def test_caution_names_every_small_group():
    assert small_group_caution({"pathfinders": 8, "other councils": 3}) == (
        "Caution: only 8 pathfinders and 3 other councils; with fewer than 10 councils in a "
        "group, one council can swing the result."
    )
    assert small_group_caution({"pathfinders": 35, "other councils": 115}) == ""


@pytest.mark.parametrize(
    ("value", "decimals", "unit", "shown"),
    [
        (57_058_815.0, 0, "Spend", "£57,058,815"),
        (-1200.0, 0, "Unit Cost", "-£1,200"),
        (72.04, 1, "% achieving expected level", "72.0%"),
        (14.25, 1, "Rate per 10,000 of 10-17 population", "14.2 per 10,000"),
        (3.9, 1, "per 1,000 live births", "3.9 per 1,000"),
        (252.0, 0, "Number of 2 yr olds", "252"),  # a count: its unit is said in words
        (None, 1, "%", "-"),
    ],
)
def test_values_carry_their_unit(value, decimals, unit, shown):
    assert format_with_unit(value, decimals, unit) == shown
