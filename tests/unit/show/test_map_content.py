"""What the council map shows for a view of the tiny bundle: colouring, source line, the note
when the data are for other councils, the highlighted and kept councils and the map's table twin
(the CSV); and the table's rows on hand-made councils."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.show.colouring import pathfinder_colouring
from trustmap.show.map_content import (
    council_rows,
    highlighted_councils,
    kept_councils,
    map_content,
    map_table,
)
from trustmap.show.view import View

IMD = "iod2019-imd-average-score"
IMD_LABEL = "IoD 2019: IMD - Average score"
DISTRICTS_SOURCE = (
    "Source: Office for National Statistics, Local Authority Districts (December 2016) "
    "Boundaries, Super Generalised (200 m) Clipped (December 2016). Open Government Licence v3.0."
)
PATHFINDERS = 'Pathfinders: the 35 announced in July 2003 (Community Care, "Children\'s Trusts").'
SPANS = "health area spans several councils"


def plain(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """Rows of `columns` with missing values as None, so that they compare with ==."""
    return frame[columns].astype(object).where(frame[columns].notna(), None).values.tolist()


def view(colour: str, vintage: str = "2019", **fields) -> View:
    """A settled view: its NHS geography is CCG April 2019 unless given."""
    indicator, period = fields.pop("indicator", IMD), fields.pop("period", "2019")
    return View(
        vintage, colour, None, indicator, period, nhs=fields.pop("nhs", "ccg2019"), **fields
    )


def test_pathfinder_map(tiny_build):
    content = map_content(tiny_build, view("pathfinder"))
    assert content.colouring.labels == ("not a pathfinder", "2003 pathfinder")
    assert content.colouring.frame[["la_code", "class_index"]].values.tolist() == [
        [tiny.ALPHA, 1],
        [tiny.BETA, 1],
        [tiny.SHIRE_2019, 0],
        [tiny.GAMMA, 0],
        [tiny.DELTA, 1],
        [tiny.EPSILON, 0],
    ]
    assert content.source == f"{DISTRICTS_SOURCE} {PATHFINDERS} Councils as in force from 2019 (6)."
    assert (content.note, content.level) == (None, "info")


def test_coterminosity_map(tiny_build):
    content = map_content(tiny_build, view("coterminosity"))
    assert content.colouring.labels == ("coterminous", SPANS)
    assert content.colouring.frame["class_index"].tolist() == [1, 1, 0, 0, 1, 1]
    assert content.source == (
        "Source: Office for National Statistics, Local Authority Districts (December 2016) "
        "Boundaries, Super Generalised (200 m) Clipped (December 2016); Office for National "
        "Statistics, Lower Layer Super Output Area (2011) to Clinical Commissioning Group to "
        "Local Authority District (April 2019) Lookup in England (April 2019); ONS / NHS "
        "England, Clinical Commissioning Groups (April 2019) (April 2019). Open Government "
        "Licence v3.0. Councils as in force from 2019 (6)."
    )
    assert (content.note, content.level) == (None, "info")


def test_coterminosity_not_determined_is_a_warning(tiny_build):
    # Epsilon's PCT of 2006 is unsourced, so Delta and Epsilon cannot be classed.
    content = map_content(tiny_build, view("coterminosity", vintage="2004", nhs="pct2006"))
    assert (content.note, content.level) == (
        "2 of 5 councils are grey: the bundle has no boundaries or member list for their health "
        "bodies in this year, so their coterminosity is not determined.",
        "warning",
    )


def test_indicator_on_its_own_councils_has_no_note(tiny_build):
    content = map_content(tiny_build, view("indicator"))
    assert content.colouring.frame["detail"].tolist() == ["30", "20", "10", "25", "40", "15"]
    assert content.note is None


def test_indicator_on_other_councils_says_which_are_grey(tiny_build):
    content = map_content(tiny_build, view("indicator", vintage="2023"))
    assert (content.note, content.level) == (
        f"{IMD_LABEL}, 2019: 5 of the 7 councils of 2023 have a value. Its data "
        "are for the councils of 2019: councils whose area changed are grey, never apportioned. "
        "Choose vintage 2019 to see them all.",
        "info",
    )


def test_period_without_council_values_is_a_warning(tiny_build):
    content = map_content(
        tiny_build, view("indicator", indicator="lait-fsp-new-gooddev", period="2020")
    )
    assert content.colouring.labels == ("no value",)
    assert (content.note, content.level) == (
        "Foundation Stage - % achieving a good level of development, 2020: 0 of the 6 councils "
        "of 2019 have a value: it has no council values for this period.",
        "warning",
    )


def test_highlighted_and_kept_councils(tiny_build):
    assert highlighted_councils(tiny_build, view("pathfinder")) is None
    assert highlighted_councils(tiny_build, view("pathfinder", area=tiny.GAMMA)) == [tiny.GAMMA]
    assert highlighted_councils(tiny_build, view("pathfinder", region="London")) == [
        tiny.DELTA,
        tiny.EPSILON,
    ]
    assert kept_councils(tiny_build, view("pathfinder", area=tiny.GAMMA)) is None
    assert kept_councils(tiny_build, view("pathfinder", status="other", region="North")) == [
        tiny.GAMMA
    ]
    assert kept_councils(tiny_build, view("pathfinder", region="London", la_type="MD")) == []


def test_map_table_of_an_indicator_has_every_column(tiny_build):
    table = map_table(tiny_build, view("indicator", vintage="2023"))
    assert list(table.columns) == [
        "la_code",
        "la_name",
        "vintage",
        "region",
        "council_type",
        "pathfinder_status",
        "coterminosity",
        "health",
        "health_bodies",
        "map_class",
        "indicator",
        "period",
        "value",
        "unit",
        "source",
    ]
    # Sorted by code; West and East Shire (2023) have no value of 2019's Shire.
    varying = ["la_code", "la_name", "region", "council_type", "pathfinder_status"]
    varying += ["coterminosity", "health_bodies", "map_class", "value"]
    assert plain(table, varying) == [
        [tiny.ALPHA, "Alpha", "North", "UA", "2003 pathfinder", SPANS]
        + ["NHS Alphabet CCG", "27 to 32", 30.0],
        [tiny.BETA, "Beta", "North", "UA", "2003 pathfinder", SPANS]
        + ["NHS Alphabet CCG", "19 to 23", 20.0],
        [tiny.WEST_SHIRE, "West Shire", "South", "UA", "not a pathfinder", SPANS]
        + ["NHS Shire CCG", "no value", None],
        [tiny.EAST_SHIRE, "East Shire", "South", "UA", "not a pathfinder", SPANS]
        + ["NHS Shire CCG", "no value", None],
        [tiny.GAMMA, "Gamma", "North", "MD", "not a pathfinder", "coterminous"]
        + ["NHS Gamma CCG", "23 to 27", 25.0],
        [tiny.DELTA, "Delta", "London", "LB", "2003 pathfinder", SPANS]
        + ["NHS Delta and Epsilon CCG", "32 to 40", 40.0],
        [tiny.EPSILON, "Epsilon", "London", "LB", "not a pathfinder", SPANS]
        + ["NHS Delta and Epsilon CCG", "15 to 19", 15.0],
    ]
    assert set(table["vintage"]) == {"2023"} and set(table["health"]) == {"CCG April 2019"}
    assert set(table["indicator"]) == {IMD_LABEL} and set(table["unit"]) == {"average score"}
    assert set(table["period"]) == {"2019"}
    assert set(table["source"]) == {map_content(tiny_build, view("indicator", "2023")).source}


def test_map_table_keeps_only_the_filtered_councils(tiny_build):
    north = map_table(tiny_build, view("pathfinder", region="North"))
    assert "value" not in north and "indicator" not in north
    assert north[["la_code", "map_class"]].values.tolist() == [
        [tiny.ALPHA, "2003 pathfinder"],
        [tiny.BETA, "2003 pathfinder"],
        [tiny.GAMMA, "not a pathfinder"],
    ]
    pathfinders_2004 = map_table(
        tiny_build, view("coterminosity", vintage="2004", nhs="pct2006", status="pathfinder")
    )
    columns = ["la_code", "coterminosity", "health", "health_bodies"]
    assert plain(pathfinders_2004, columns) == [
        [tiny.DELTA, "not determined", "PCT October 2006", ""],
        [tiny.ALPHABET, "coterminous", "PCT October 2006", "Alphabet PCT"],
    ]
    assert map_table(tiny_build, view("indicator", region="London", la_type="MD")).empty


@pytest.mark.parametrize("colour", ["pathfinder", "coterminosity", "indicator"])
def test_every_council_of_the_vintage_is_coloured(tiny_build, colour):
    frame = map_content(tiny_build, view(colour, vintage="2004")).colouring.frame
    assert frame["la_code"].tolist() == [
        tiny.GAMMA,
        tiny.DELTA,
        tiny.EPSILON,
        tiny.SHIRE_2009,
        tiny.ALPHABET,
    ]


COUNCILS = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "la_name": ["Sutton", "Croydon", "Hartlepool"],
        "region_name": ["London", "London", "North East"],
        "la_type": ["LB", "LB", "UA"],
    }
)
STATUS = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "la_name": ["Sutton", "Croydon", "Hartlepool"],
        "pathfinder_share": [1.0, 0.0, 0.0],
        "pathfinder": [True, False, False],
        "pathfinder_of": ["Sutton", "", ""],
    }
)
CLASSES = pd.DataFrame(
    {
        "la_code": ["E09000029", "E09000008", "E06000001"],
        "class": ["coterminous", "overlapping", "not_determined"],
        "health_names": ["NHS Sutton CCG", "NHS Croydon CCG;NHS Sutton CCG", ""],
    }
)


def test_rows_keep_only_the_filtered_councils_with_status_class_and_bodies():
    rows = council_rows(
        COUNCILS,
        pathfinder_colouring(STATUS),
        CLASSES,
        health="CCG April 2019",
        kept=["E09000008", "E09000029"],
    )
    assert rows.to_dict("records") == [
        {
            "la_code": "E09000008",
            "la_name": "Croydon",
            "region": "London",
            "council_type": "LB",
            "pathfinder_status": "not a pathfinder",
            "coterminosity": "overlapping",
            "health": "CCG April 2019",
            "health_bodies": "NHS Croydon CCG; NHS Sutton CCG",
        },
        {
            "la_code": "E09000029",
            "la_name": "Sutton",
            "region": "London",
            "council_type": "LB",
            "pathfinder_status": "2003 pathfinder",
            "coterminosity": "coterminous",
            "health": "CCG April 2019",
            "health_bodies": "NHS Sutton CCG",
        },
    ]


def test_no_filter_keeps_every_council():
    rows = council_rows(COUNCILS, pathfinder_colouring(STATUS), CLASSES, health="x")
    assert rows["la_code"].tolist() == ["E06000001", "E09000008", "E09000029"]
    assert rows["coterminosity"].tolist() == ["not determined", "overlapping", "coterminous"]
