"""Which of the tiny bundle's councils a filter keeps."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap.choices import UnknownChoiceError
from trustmap.council_filter import CouncilFilter, filter_councils


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
