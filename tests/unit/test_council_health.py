"""Councils against a health geography: the tiny bundle's classes worked by hand, and on the real
bundle the known coterminous pairs and the overlay checked against exact membership."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap import council_health
from trustmap.choices import UnknownChoiceError


def test_ccg_classes_of_the_tiny_councils(tiny_build):
    table = council_health.coterminosity_table(tiny_build, "2019", "ccg2019")
    assert list(table.columns) == [
        "la_code",
        "la_name",
        "class",
        "index",
        "health_codes",
        "share_of_la_max",
    ]
    assert table[["la_code", "class", "health_codes"]].values.tolist() == [
        [tiny.ALPHA, "health_spans_several", "E38000901"],  # the CCG also covers Beta
        [tiny.BETA, "health_spans_several", "E38000901"],
        [tiny.SHIRE_2019, "coterminous", "E38000903"],
        [tiny.GAMMA, "coterminous", "E38000902"],
        [tiny.DELTA, "health_spans_several", "E38000904"],
        [tiny.EPSILON, "health_spans_several", "E38000904"],
    ]
    assert (table["share_of_la_max"] == 1.0).all()
    # Membership counts LSOAs: Alpha holds 2 of its CCG's 4, so its index is 1 x 0.5.
    assert table.set_index("la_code").at[tiny.ALPHA, "index"] == pytest.approx(0.5)


def test_overlay_agrees_with_membership_on_the_tiny_councils(tiny_build):
    checked = council_health.method_check(tiny_build, "2019", "ccg2019")
    assert checked["agree"].tolist() == [True] * 6
    assert checked["cause"].tolist() == [""] * 6
    assert checked.set_index("la_code").at[tiny.SHIRE_2019, "la_name"] == "Shire"


def test_pct2006_is_never_guessed_where_unsourced(tiny_build):
    table = council_health.coterminosity_table(tiny_build, "2004", "pct2006").set_index("la_code")
    assert table["class"].to_dict() == {
        tiny.GAMMA: "coterminous",
        tiny.DELTA: "not_determined",  # its PCT covers part of it only: not drawn
        tiny.EPSILON: "not_determined",  # its PCT's area is unsourced
        tiny.SHIRE_2009: "coterminous",  # the membership names the county, not its districts
        tiny.ALPHABET: "coterminous",
    }
    assert table.at[tiny.ALPHABET, "health_codes"] == "5Q1"


def test_unknown_choices_are_refused(tiny_build):
    with pytest.raises(UnknownChoiceError, match="unknown health geography 'ccg2020'"):
        council_health.coterminosity_table(tiny_build, "2019", "ccg2020")
    with pytest.raises(UnknownChoiceError, match="unknown method 'guess'"):
        council_health.coterminosity_pairs(tiny_build, "2019", "ccg2019", "guess")
    with pytest.raises(UnknownChoiceError, match="unknown vintage '2020'"):
        council_health.coterminosity_table(tiny_build, "2020")
    assert council_health.preferred_method("pct2006") == "membership"


@pytest.mark.bundle
def test_overlay_and_membership_agree_on_2019_councils_and_ccgs(build):
    checked = council_health.method_check(build, "2019", "ccg2019")
    assert len(checked) == 151
    assert checked.loc[~checked["agree"], ["la_code", "cause"]].values.tolist() == [
        ["E10000030", "different health areas: membership keeps E38000224 that overlay lacks"]
    ]  # Surrey: overlay drops that CCG's share as a sliver


@pytest.mark.bundle
def test_known_coterminous_pairs_on_real_data(build):
    table = council_health.coterminosity_table(build, "2019", "ccg2019", "membership").set_index(
        "la_code"
    )
    assert table.at["E08000016", "class"] == "coterminous"  # Barnsley = NHS Barnsley CCG
    assert table.at["E10000012", "class"] != "coterminous"  # Essex had five CCGs and more
    london_boroughs = table[table.index.str.startswith("E09")]
    assert (london_boroughs["class"] == "coterminous").sum() >= 25
    assert table.at["E09000001", "class"] == "health_spans_several"  # City and Hackney CCG


@pytest.mark.bundle
def test_real_pct2006_is_never_guessed_where_unsourced(build):
    table = council_health.coterminosity_table(build, "2004", "pct2006", "membership").set_index(
        "la_code"
    )
    assert table.at["E10000015", "class"] == "not_determined"  # Hertfordshire: one PCT unsourced
    assert table.at["E09000008", "class"] == "coterminous"  # Croydon = Croydon PCT
    assert table.at["E09000029", "class"] == "health_spans_several"  # Sutton and Merton PCT
    assert (table["class"] == "coterminous").sum() == 36  # as listed in pct2006_membership.md
