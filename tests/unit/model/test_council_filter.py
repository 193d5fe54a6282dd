"""Which of the tiny bundle's councils a filter keeps, and a filter in words."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model.council_filter import (
    CouncilFilter,
    describe_filter,
    filter_councils,
    no_council_kept,
)
from trustmap.model.own_list import OwnList


@pytest.mark.parametrize(
    "council_filter, kept",
    [
        (
            CouncilFilter(),
            [tiny.ALPHA, tiny.BETA, tiny.SHIRE_2019, tiny.GAMMA, tiny.DELTA, tiny.EPSILON],
        ),
        (CouncilFilter(region="North"), [tiny.ALPHA, tiny.BETA, tiny.GAMMA]),
        (CouncilFilter(la_type="LB"), [tiny.DELTA, tiny.EPSILON]),
        (CouncilFilter(pathfinder=True), [tiny.ALPHA, tiny.BETA, tiny.DELTA]),
        (CouncilFilter(pathfinder=False), [tiny.SHIRE_2019, tiny.GAMMA, tiny.EPSILON]),
        (CouncilFilter(coterminosity_class="coterminous"), [tiny.SHIRE_2019, tiny.GAMMA]),
        (CouncilFilter(region="North", pathfinder=False), [tiny.GAMMA]),
        (CouncilFilter(region="London", coterminosity_class="coterminous"), []),
    ],
)
def test_filters_keep_the_councils_worked_by_hand(tiny_build, council_filter, kept):
    assert filter_councils(tiny_build, "2019", council_filter) == kept


def test_a_filter_is_active_when_any_field_is_set():
    assert not CouncilFilter().active
    assert CouncilFilter(pathfinder=False).active


def test_unknown_values_name_the_choices(tiny_build):
    with pytest.raises(
        UnknownChoiceError,
        match="unknown region name 'Atlantis'; choose one of London, North, South",
    ):
        filter_councils(tiny_build, "2019", CouncilFilter(region="Atlantis"))
    with pytest.raises(UnknownChoiceError, match="unknown la type 'NMD'"):
        filter_councils(tiny_build, "2019", CouncilFilter(la_type="NMD"))


def test_filters_in_words():
    assert describe_filter(None) == "all councils"
    assert describe_filter(CouncilFilter()) == "all councils"
    assert describe_filter(CouncilFilter(region="London", la_type="LB", pathfinder=True)) == (
        "London; London boroughs; pathfinders (and successors)"
    )
    others = CouncilFilter(pathfinder=False, coterminosity_class="overlapping", health="ccg2019")
    assert describe_filter(others) == "other councils; overlapping (CCG April 2019)"


def test_a_filter_keeping_no_council_says_so():
    assert no_council_kept(CouncilFilter(region="London", la_type="MD"), "2019") == (
        "The filters (London; metropolitan districts) keep no council of 2019: there is "
        "nothing to draw. Clear or change a filter."
    )


@pytest.mark.parametrize(
    "listed, vintage, kept",
    [
        ((tiny.GAMMA, tiny.DELTA), "2019", [tiny.GAMMA, tiny.DELTA]),
        # Shire county (2009) became unitary on the same districts in 2019: kept by its ground.
        ((tiny.SHIRE_2009,), "2019", [tiny.SHIRE_2019]),
        ((tiny.SHIRE_2019,), "2009", [tiny.SHIRE_2009]),
        # Alphabet (2004) was Alpha and Beta together: neither alone covers its ground.
        ((tiny.ALPHABET,), "2019", []),
        # Shire split in 2023: neither half is the county's ground.
        ((tiny.SHIRE_2019, tiny.EPSILON), "2023", [tiny.EPSILON]),
    ],
)
def test_a_file_s_list_keeps_its_councils_by_ground(tiny_build, listed, vintage, kept):
    council_filter = CouncilFilter(listed=OwnList("send", listed))
    assert council_filter.active
    assert filter_councils(tiny_build, vintage, council_filter) == kept


def test_a_file_s_list_narrows_the_other_filters(tiny_build):
    listed = OwnList("send", (tiny.ALPHA, tiny.GAMMA, tiny.DELTA))
    assert filter_councils(tiny_build, "2019", CouncilFilter(region="North", listed=listed)) == [
        tiny.ALPHA,
        tiny.GAMMA,
    ]
    assert filter_councils(tiny_build, "2019", CouncilFilter(pathfinder=True, listed=listed)) == [
        tiny.ALPHA,
        tiny.DELTA,
    ]


def test_a_file_s_list_in_words():
    listed = OwnList("youth-justice", (tiny.ALPHA, tiny.GAMMA, tiny.DELTA))
    assert describe_filter(CouncilFilter(region="North", listed=listed)) == (
        "North; councils your file lists under Youth justice (3)"
    )
    assert no_council_kept(CouncilFilter(listed=OwnList(None, (tiny.ALPHA,))), "2019") == (
        "The filters (councils your file lists under any theme (1)) keep no council of 2019: "
        "there is nothing to draw. Clear or change a filter."
    )
