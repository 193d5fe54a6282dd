"""The declared schemas: what each accepts and refuses, on hand-made rows."""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from trustmap.bundle import schemas


def failing_values(schema, frame: pd.DataFrame) -> list:
    """The values a schema refuses, in row order (empty when it accepts the frame)."""
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as error:
        return error.failure_cases.sort_values("index")["failure_case"].tolist()
    return []


def test_health_lookup_columns_are_named_by_the_caller():
    schema = schemas.lsoa_health_lookup(
        "lsoa21_code", "lsoa21_name", "icb24_code", "icb24_name", None
    )
    rows = pd.DataFrame(
        {
            "lsoa21_code": ["E01000001", "E01000002", "W01000003"],
            "lsoa21_name": ["City of London 001A", "City of London 001B", "Cardiff 001A"],
            "icb24_code": ["E54000027", "E38000255", "E54000027"],
            "icb24_name": ["NHS North Central London ICB"] * 3,
        }
    )
    # A Welsh LSOA is not English; sub-ICB (E38) and ICB (E54) codes both pass.
    assert failing_values(schema, rows) == ["W01000003"]
    with_district = schemas.lsoa_health_lookup(
        "LSOA11CD", "LSOA11NM", "CCG19CD", "CCG19NM", "LAD19CD"
    )
    assert list(with_district.columns) == ["LSOA11CD", "LSOA11NM", "CCG19CD", "CCG19NM", "LAD19CD"]


def test_district_lookup_takes_wales_but_not_regions():
    schema = schemas.lsoa_district_lookup("lsoa21cd", "lad24cd")
    rows = pd.DataFrame(
        {
            "lsoa21cd": ["E01000001", "W01000001", "E01000002"],
            "lad24cd": ["E09000001", "W06000015", "E12000007"],
        }
    )
    assert failing_values(schema, rows) == ["E12000007"]


def test_suppressed_counts_are_x_and_nothing_else():
    rows = pd.DataFrame(
        {
            "geog_l": ["National", "LA", "LA"],
            "geog_c": ["921", "202", "203"],
            "geog_n": ["England", "Camden", "Greenwich"],
            "MarTotal_2010": ["64400", "x", "-"],
            "Mid2009Pop0-17": ["11012300", "40000", "50000"],
        }
    )
    assert failing_values(schemas.SFR27_2010, rows) == ["-"]


def test_pct_members_are_council_codes_or_missing():
    rows = pd.DataFrame(
        {
            "pct_code": ["5K5", None, "5K6"],
            "pct_name": ["Brent PCT", "Unsourced PCT", "Harrow PCT"],
            "member_area_name": ["Brent", None, "London"],
            "coverage": ["whole", None, "whole"],
            "member_gss_code": ["E09000005", None, "E12000007"],
            "source": ["a", None, "b"],
        }
    )
    assert failing_values(schemas.PCT_2006_MEMBERSHIP, rows) == ["E12000007"]


@pytest.mark.parametrize(
    "health_id, valid",
    [("ccg2019", True), ("sicbl2024", True), ("CCG2019", False), ("ccg19", False)],
)
def test_health_vintage_ids_are_lower_case_words_and_a_year(health_id, valid):
    row = pd.DataFrame(
        {
            "id": [health_id],
            "kind": ["CCG"],
            "in_force_from": ["2019-04-01"],
            "method": ["membership"],
            "council_vintage": ["2019"],
            "expected_bodies": ["191"],
            **dict.fromkeys(
                ["lookup_file", "lookup_code", "lookup_name", "district_file", "polygon_file"],
                [None],
            ),
            **dict.fromkeys(["polygon_code", "polygon_name", "polygon_epsg"], [None]),
            "label": ["April 2019: 191 CCGs"],
            "source": ["CONTEXT.md"],
        }
    )
    assert failing_values(schemas.HEALTH_VINTAGES, row) == ([] if valid else [health_id])
