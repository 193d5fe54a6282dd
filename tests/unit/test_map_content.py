"""What the council map shows for a view of the tiny bundle: colouring, source line, the note
when the data are for other councils, the highlighted councils and the map's table twin."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.map_content import highlighted_councils, map_content, map_table
from trustmap.view import View

IMD = "iod2019-imd-average-score"
DISTRICTS_SOURCE = (
    "Source: Office for National Statistics, Local Authority Districts (December 2016) "
    "Boundaries, Super Generalised (200 m) Clipped (December 2016). Open Government Licence v3.0."
)
PATHFINDERS = 'Pathfinders: the 35 announced in July 2003 (Community Care, "Children\'s Trusts").'


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
    assert content.colouring.labels == ("coterminous", "health area spans several")
    assert content.colouring.frame["class_index"].tolist() == [1, 1, 0, 0, 1, 1]
    assert content.source == (
        "Source: Office for National Statistics, Local Authority Districts (December 2016) "
        "Boundaries, Super Generalised (200 m) Clipped (December 2016); Office for National "
        "Statistics, Lower Layer Super Output Area (2011) to Clinical Commissioning Group to "
        "Local Authority District (April 2019) Lookup in England (April 2019); ONS / NHS "
        "England, Clinical Commissioning Groups (April 2019) (April 2019). Open Government "
        "Licence v3.0. Councils as in force from 2019 (6)."
    )


def test_indicator_on_its_own_councils_has_no_note(tiny_build):
    content = map_content(tiny_build, view("indicator"))
    assert content.colouring.frame["detail"].tolist() == ["30", "20", "10", "25", "40", "15"]
    assert content.note is None


def test_indicator_on_other_councils_says_which_are_grey(tiny_build):
    content = map_content(tiny_build, view("indicator", vintage="2023"))
    assert (content.note, content.level) == (
        "IoD 2019: IMD - Average score, 2019: 5 of the 7 councils of 2023 have a value. Its data "
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


def test_highlighted_councils(tiny_build):
    assert highlighted_councils(tiny_build, view("pathfinder")) is None
    assert highlighted_councils(tiny_build, view("pathfinder", area=tiny.GAMMA)) == [tiny.GAMMA]
    assert highlighted_councils(tiny_build, view("pathfinder", region="London")) == [
        tiny.DELTA,
        tiny.EPSILON,
    ]


def test_map_table_is_the_csv_twin(tiny_build):
    table = map_table(tiny_build, view("indicator", vintage="2023"))
    assert list(table.columns) == [
        "la_code",
        "la_name",
        "vintage",
        "class",
        "detail",
        "indicator",
        "period",
        "value",
        "source",
    ]
    west = table.set_index("la_code").loc[tiny.WEST_SHIRE]
    assert (west["class"], west["detail"], west["vintage"]) == ("no value", "no value", "2023")
    assert table.set_index("la_code").at[tiny.DELTA, "value"] == 40.0
    pathfinder_table = map_table(tiny_build, view("pathfinder"))
    assert "value" not in pathfinder_table
    assert pathfinder_table["class"].tolist()[:3] == [
        "2003 pathfinder",
        "2003 pathfinder",
        "not a pathfinder",
    ]


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
