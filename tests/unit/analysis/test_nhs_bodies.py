"""A council's NHS bodies through time, on the real bundle: Sutton (one borough, its CCG merged
into South West London's in 2020) and Sheffield (its own CCG and sub-ICB location inside the
South Yorkshire ICB; no known PCT of 2006)."""

from __future__ import annotations

import math

import pytest

from trustmap.analysis.nhs_bodies import NHS_BODY_COLUMNS, nhs_bodies, sub_icb_successions

pytestmark = pytest.mark.bundle

SUTTON, SHEFFIELD = "E09000029", "E08000019"
YEARS = [
    "October 2006",
    "April 2013",
    "July 2015",
    "April 2016",
    "April 2017",
    "April 2018",
    "April 2019",
    "April 2020",
    "April 2021",
    "July 2022",
    "April 2023",
    "April 2024",
]


def by_year(table) -> dict:
    return {row["year"]: row for row in table.to_dict("records")}


def test_sutton_names_each_commissioner_and_board_with_its_class_in_words(build):
    table = nhs_bodies(build, SUTTON, la_vintage="2023")
    assert list(table) == NHS_BODY_COLUMNS
    assert table["year"].tolist() == YEARS  # one row a date: the ICB beside its sub-ICB
    rows = by_year(table)
    pct = rows["October 2006"]
    assert (pct["commissioner"], pct["commissioner_type"]) == (
        "Sutton and Merton PCT",
        "primary care trust",
    )
    assert pct["class_label"] == "health area spans several councils"
    assert pct["share_of_council"] == 1.0
    assert rows["April 2013"]["share_of_council"] == pytest.approx(0.980, abs=0.001)  # overlay
    ccg = rows["April 2019"]
    assert (ccg["commissioner"], ccg["class_label"]) == ("NHS Sutton CCG", "coterminous")
    assert ccg["commissioner_type"] == "clinical commissioning group"
    assert ccg["icb"] == "" and math.isnan(ccg["icb_share_of_council"])  # no ICB before 2022
    assert rows["April 2020"]["commissioner"] == "NHS South West London CCG"
    latest = rows["April 2024"]
    assert latest["commissioner"] == "NHS South West London ICB - 36L"
    assert latest["commissioner_type"] == "sub-ICB location (part of an integrated care board)"
    assert latest["class_label"] == "health area spans several councils"
    assert latest["icb"] == "NHS South West London Integrated Care Board"
    assert latest["icb_class_label"] == "health area spans several councils"
    assert latest["icb_share_of_council"] == 1.0


def test_sheffield_is_coterminous_with_its_commissioner_not_with_its_board(build):
    rows = by_year(nhs_bodies(build, SHEFFIELD, la_vintage="2023"))
    pct = rows["October 2006"]
    assert pct["class"] == "not_determined" and math.isnan(pct["share_of_council"])
    assert pct["commissioner"].startswith(
        "not known: the bundle has the member areas of only 44 of the 152 primary care trusts "
        "of October 2006 (see the data bundle's notes on the primary care trusts of 2006)"
    )
    for year in YEARS[1:]:
        assert rows[year]["class_label"] == "coterminous", year
    assert rows["April 2021"]["commissioner"] == "NHS Sheffield CCG"
    latest = rows["April 2024"]
    assert (latest["commissioner"], latest["share_of_council"]) == (
        "NHS South Yorkshire ICB - 03N",
        1.0,
    )
    assert latest["icb"] == "NHS South Yorkshire Integrated Care Board"
    assert latest["icb_class"] == "health_spans_several"
    assert latest["icb_class_label"] == "health area spans several councils"
    assert rows["April 2023"]["icb_share_of_council"] == pytest.approx(0.998, abs=0.001)
    assert sub_icb_successions(build, SHEFFIELD, la_vintage="2023") == [
        "NHS South Yorkshire ICB - 03N took over from NHS Sheffield CCG in July 2022 "
        "(the same area code)."
    ]


def test_no_code_reaches_the_words(build):
    table = nhs_bodies(build, SHEFFIELD, la_vintage="2023")
    words = table[["year", "commissioner_type", "class_label", "icb_class_label"]]
    assert not words.apply(lambda column: column.str.contains("_")).any().any()
