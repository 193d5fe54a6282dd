"""The pathfinder-era indicators: SFR27/2010 looked-after children and ONS under-18 conceptions."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap import values
from trustmap.indicators import geography_of, to_vintage_codes

# Buckinghamshire: the same two districts as county E10000002 (2009) and unitary E06000060 (2020).
MEMBERS = pd.DataFrame(
    {
        "vintage": ["2009", "2009", "2020", "2020"],
        "la_code": ["E10000002", "E10000002", "E06000060", "E06000060"],
        "ltla16cd": ["E07000004", "E07000005", "E07000004", "E07000005"],
    }
)


def test_combined_units_get_their_own_geography():
    codes = pd.Series(["E09000012;E09000001", "E09000012", "E07000004", "E92000001"])
    assert geography_of(codes, district_level=False).tolist() == [
        "combined",
        "council",
        "district",
        "england",
    ]


def test_codes_map_to_the_vintage_council_with_the_same_districts():
    mapped = to_vintage_codes(pd.Series(["E06000060", "E10000002", "E99999999"]), MEMBERS, "2009")
    assert mapped.iloc[:2].tolist() == ["E10000002", "E10000002"] and pd.isna(mapped.iat[2])


@pytest.mark.bundle
def test_era_indicators_exist_with_their_periods_and_themes(build):
    catalogue = build["indicator_catalogue"].set_index("id")
    expected = {
        "sfr27-cla-count": ("2010", "safeguarding"),
        "sfr27-population-0-17": ("2009", "safeguarding"),
        "sfr27-cla-rate-per-10000-derived": ("2010", "safeguarding"),
        "ons-u18-conceptions": (";".join(str(y) for y in range(1998, 2018)), "health"),
        "ons-u18-conception-rate": (";".join(str(y) for y in range(1998, 2018)), "health"),
    }
    for indicator, (periods, theme) in expected.items():
        assert catalogue.at[indicator, "periods"] == periods
        assert catalogue.at[indicator, "themes"] == theme
    assert "DERIVED" in catalogue.at["sfr27-cla-rate-per-10000-derived", "note"]


@pytest.mark.bundle
def test_all_152_councils_of_2009_have_a_population_and_sheffields_rate_is_derived(build):
    population = values.council_values(build, "sfr27-population-0-17", "2009", "2009")
    assert len(population) == 152 and population.index.is_unique
    assert population["E10000002"] == 114_700  # DfE 825, listed under E06000060 today
    rate = values.council_values(build, "sfr27-cla-rate-per-10000-derived", "2010", "2009")
    assert rate["E08000019"] == pytest.approx(578 / 106_200 * 10_000)


@pytest.mark.bundle
def test_conceptions_cover_148_councils_and_two_combined_units_every_year(build):
    rows = values.indicator_rows(build, "ons-u18-conception-rate")
    per_year = rows[rows["geography"] == "council"].groupby("period")["area_code"].nunique()
    assert per_year.to_dict() == {str(year): 148 for year in range(1998, 2018)}
    combined = rows.loc[rows["geography"] == "combined", "area_code"].unique()
    assert sorted(combined) == ["E06000052;E06000053", "E09000012;E09000001"]
    assert (rows.loc[rows["geography"] == "council", "vintage"] == "2009").all()
    rates = values.council_values(build, "ons-u18-conception-rate", "1998", "2009")
    assert len(rates) == 148 and "E09000012" not in rates.index
    assert rates["E08000019"] == 50.5
