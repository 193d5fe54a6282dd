"""Why a council of the tiny world has no value for an indicator period, in words."""

from __future__ import annotations

from tests.fixtures import bundle as tiny
from trustmap.model.value_gaps import missing_reasons
from trustmap.model.vintages import council_table


def reasons(build, indicator_id: str, period: str, vintage: str) -> dict[str, str]:
    codes = list(council_table(build, vintage)["la_code"])
    return missing_reasons(build, indicator_id, period, vintage, codes).to_dict()


def test_each_kind_of_gap_is_named(tiny_build):
    # Delta and Epsilon are published together; Shire's successors of 2023 have only Shire's
    # figure; Beta's infant deaths are blank in the source; Epsilon is not in the IDACI file.
    combined = "a combined unit in the source in 2004 (Delta and Epsilon)"
    assert reasons(tiny_build, "ons-u18-conception-rate", "2004", "2009") == {
        tiny.DELTA: combined,
        tiny.EPSILON: combined,
    }
    shire_only = "no value in 2019; the source has figures only for Shire, a different area"
    assert reasons(tiny_build, "iod2019-imd-average-score", "2019", "2023") == {
        tiny.WEST_SHIRE: shire_only,
        tiny.EAST_SHIRE: shire_only,
    }
    assert reasons(tiny_build, "ons-infant-deaths", "2020", "2019") == {
        tiny.BETA: "no value in 2020"
    }
    assert reasons(tiny_build, "iod2019-idaci-average-score", "2019", "2019") == {
        tiny.EPSILON: "not in the source for 2019"
    }


def test_only_the_councils_asked_about_are_answered_in_their_order(tiny_build):
    gaps = missing_reasons(
        tiny_build, "ons-u18-conception-rate", "2004", "2009", [tiny.EPSILON, tiny.ALPHA]
    )
    assert gaps.index.tolist() == [tiny.EPSILON]  # Alpha has a value
