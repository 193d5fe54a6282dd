"""A council's facts matched through its districts, and the neighbour reading (no bundle)."""

from __future__ import annotations

import math

import pandas as pd

from trustmap.analysis.council_facts import neighbour_reading, same_ground_values

SETS = pd.Series(
    {
        "E10000002": "a;b;c",  # Buckinghamshire county of 2019
        "E06000060": "a;b;c",  # the same ground as a unitary from 2020
        "E06000055": "d",
        "E06000058": "e;f",  # a merger of 2019
        "E06000028": "e",
    }
)


def test_values_follow_the_ground_not_the_code():
    rows = pd.DataFrame({"area_code": ["E10000002", "E06000055", "E06000028"], "value": [1, 2, 3]})
    found = same_ground_values(rows, pd.Index(["E06000060", "E06000055", "E06000058"]), SETS)
    assert found.iloc[:2].tolist() == [1.0, 2.0]
    assert math.isnan(found["E06000058"])  # part of its ground only: never apportioned


def test_reading_words_the_gap_with_units_and_polarity():
    assert neighbour_reading(69.5, 70.29, decimals=1, unit="% achieving", polarity="high") == (
        "0.8 percentage points lower (worse) than its neighbours' mean"
    )
    assert neighbour_reading(
        12.0, 10.0, decimals=0, unit="per 10,000 children", polarity="low"
    ) == ("2 per 10,000 children higher (worse) than its neighbours' mean")
    assert neighbour_reading(5.0, 4.0, decimals=1, unit="score", polarity=None) == (
        "1.0 points higher than its neighbours' mean"
    )
    assert neighbour_reading(5.04, 5.0, decimals=1, unit="%", polarity="high") == (
        "the same as its neighbours' mean to the precision shown"
    )
    assert neighbour_reading(5.0, math.nan, decimals=1, unit="%", polarity="high") == ""
