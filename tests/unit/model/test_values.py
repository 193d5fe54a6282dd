"""Indicator values of a build on the tiny bundle: rows, council values on each vintage, the
vintage of the data, periods and the indicator list."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model import values

IMD = "iod2019-imd-average-score"
GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"


def test_council_values_on_their_own_vintage(tiny_build):
    imd = values.council_values(tiny_build, IMD, "2019", "2019")
    assert imd.name == IMD
    assert imd.sort_index().to_dict() == dict(sorted(tiny.IMD_SCORE_2019.items()))


def test_a_code_change_alone_loses_nothing(tiny_build):
    # Shire county E10000901 (2009) and Shire unitary E06000903 (2019) cover the same districts.
    on_2009 = values.council_values(tiny_build, IMD, "2019", "2009")
    assert on_2009[tiny.SHIRE_2009] == 10.0 and tiny.SHIRE_2019 not in on_2009
    assert len(on_2009) == 6


def test_councils_whose_area_changed_are_left_out_never_apportioned(tiny_build):
    on_2023 = values.council_values(tiny_build, IMD, "2019", "2023")
    assert on_2023.sort_index().to_dict() == {
        tiny.ALPHA: 30.0,
        tiny.BETA: 20.0,
        tiny.GAMMA: 25.0,
        tiny.DELTA: 40.0,
        tiny.EPSILON: 15.0,
    }  # West and East Shire split the 2019 Shire: no value
    on_2004 = values.council_values(tiny_build, IMD, "2019", "2004")
    assert sorted(on_2004.index) == [tiny.GAMMA, tiny.DELTA, tiny.EPSILON, tiny.SHIRE_2009]


def test_missing_values_are_dropped(tiny_build):
    infant = values.council_values(tiny_build, "ons-infant-mortality-rate", "2020", "2019")
    assert tiny.BETA not in infant and len(infant) == 5


def test_rows_periods_and_data_vintage(tiny_build):
    rows = values.indicator_rows(tiny_build, GOOD_DEVELOPMENT, "2020")
    assert rows[["area_code", "geography", "value"]].values.tolist() == [
        ["E92000001", "england", 72.0]
    ]
    assert values.council_periods(tiny_build, GOOD_DEVELOPMENT) == ["2016", "2017", "2023"]
    assert values.data_vintage(tiny_build, GOOD_DEVELOPMENT, "2016") == "2009"
    assert values.data_vintage(tiny_build, GOOD_DEVELOPMENT, "2023") == "2023"
    with pytest.raises(UnknownChoiceError, match="lait-fsp-new-gooddev has no council values"):
        values.data_vintage(tiny_build, GOOD_DEVELOPMENT, "2020")


def test_unknown_choices_name_the_choices(tiny_build):
    with pytest.raises(UnknownChoiceError, match="unknown period of .* '1999'; choose one of 2019"):
        values.indicator_rows(tiny_build, IMD, "1999")
    with pytest.raises(UnknownChoiceError, match="unknown indicator 'nope'"):
        values.indicator_meta(tiny_build, "nope")


def test_indicator_list_by_theme(tiny_build):
    early_years = values.indicator_list(tiny_build, theme="early-years")
    assert early_years.to_dict("records") == [
        {
            "id": GOOD_DEVELOPMENT,
            "label": "Foundation Stage - % achieving a good level of development",
            "period": "2016;2017;2020;2023",
            "unit": "% achieving expected level",
            "polarity": "high",
            "themes": "early-years;education",
            "source": "Department for Education, Local Authority Interactive Tool (LAIT): "
            "children's services indicators (2016-2025 editions)",
        }
    ]
    assert len(values.indicator_list(tiny_build)) == 15
    assert values.indicator_list(tiny_build, theme="send").empty
    with pytest.raises(UnknownChoiceError, match="unknown theme 'astrology'"):
        values.indicator_list(tiny_build, theme="astrology")


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
