"""Councils against NHS bodies: hand-built LSOA sets whose classes are known, then the bundle."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle import health_vintages
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.model import health_classes, vintages
from trustmap.model.health_classes import classify_units, follow_councils


def units(rows: list[tuple[str, str, str | None, str | None]], weight: float = 1.0):
    """Units from (unit_code, ltla16_members, health_code, health_name)."""
    table = pd.DataFrame(
        rows, columns=["unit_code", "ltla16_members", "health_code", "health_name"]
    )
    return table.assign(weight=weight)


def members(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["la_code", "la_name", "ltla16cd"])


def lsoas(count: int, district: str, code: str, name: str, start: int = 0):
    return [(f"L{district}{start + i}", district, code, name) for i in range(count)]


TWO_COUNCILS = members([("A", "Aton", "d1"), ("A", "Aton", "d2"), ("B", "Bury", "d3")])


def by_council(table: pd.DataFrame) -> dict[str, dict]:
    return table.set_index("la_code").to_dict("index")


def test_two_councils_with_one_body_each_are_coterminous():
    rows = lsoas(2, "d1", "H1", "NHS One") + lsoas(1, "d2", "H1", "NHS One")
    rows += lsoas(3, "d3", "H2", "NHS Two")
    table = by_council(classify_units(units(rows), TWO_COUNCILS))
    assert table["A"]["class"] == "coterminous" and table["A"]["health_names"] == "NHS One"
    assert table["B"]["class"] == "coterminous" and table["B"]["health_codes"] == "H2"
    assert table["A"]["share_of_la_max"] == 1.0 and table["A"]["n_health"] == 1


def test_a_body_over_two_councils_spans_several():
    rows = lsoas(3, "d1", "H1", "NHS Wide") + lsoas(2, "d3", "H1", "NHS Wide")
    table = by_council(classify_units(units(rows), TWO_COUNCILS))
    assert {table[c]["class"] for c in "AB"} == {"health_spans_several"}
    assert table["B"]["health_names"] == "NHS Wide"


def test_one_lsoa_crossing_makes_a_council_overlapping():
    # Aton: 9 LSOAs in H1 and one in H2, which also covers all of Bury.
    rows = lsoas(9, "d1", "H1", "NHS North") + lsoas(1, "d2", "H2", "NHS South")
    rows += lsoas(5, "d3", "H2", "NHS South")
    table = by_council(classify_units(units(rows), TWO_COUNCILS))
    assert table["A"]["class"] == "overlapping"
    assert table["A"]["share_of_la_max"] == pytest.approx(0.9)
    assert table["A"]["health_names"] == "NHS North;NHS South"
    assert table["B"]["class"] == "health_spans_several"


def test_a_council_split_between_its_own_bodies_contains_several():
    rows = lsoas(2, "d1", "H1", "NHS East") + lsoas(2, "d2", "H2", "NHS West")
    rows += lsoas(4, "d3", "H3", "NHS Bury")
    table = by_council(classify_units(units(rows), TWO_COUNCILS))
    assert table["A"]["class"] == "la_contains_several"
    assert table["A"]["share_of_la_max"] == 0.5
    assert table["B"]["class"] == "coterminous"


def test_a_renamed_body_keeps_its_class_and_shows_each_years_name():
    before = lsoas(3, "d1", "H1", "NHS Aton CCG") + lsoas(3, "d3", "H2", "NHS Bury CCG")
    after = [(u, d, c, "NHS Aton ICB - 01A" if c == "H1" else n) for u, d, c, n in before]
    council = members([("A", "Aton", "d1"), ("B", "Bury", "d3")])
    old, new = (by_council(classify_units(units(r), council)) for r in (before, after))
    assert old["A"]["class"] == new["A"]["class"] == "coterminous"
    assert (old["A"]["health_names"], new["A"]["health_names"]) == (
        "NHS Aton CCG",
        "NHS Aton ICB - 01A",
    )


def test_units_that_span_councils_leave_those_councils_not_determined():
    # A 2021 LSOA known only to lie somewhere in d1;d3 cannot be given to Aton or Bury.
    rows = lsoas(3, "d1", "H1", "NHS One") + lsoas(3, "d3", "H2", "NHS Two")
    rows += [("X1", "d1;d3", "H1", "NHS One")]
    table = by_council(classify_units(units(rows), TWO_COUNCILS))
    assert table["A"]["class"] == table["B"]["class"] == "not_determined"


def test_unsourced_pct_area_leaves_a_council_not_determined():
    rows = [("d1", "d1", "P1", "One PCT"), ("d2", "d2", None, None), ("d3", "d3", "P2", "Two PCT")]
    table = units(rows).assign(weight=[90.0, 10.0, 50.0])
    result = by_council(classify_units(table, TWO_COUNCILS))
    assert result["A"]["class"] == "not_determined"  # 90% covered, under 95%
    assert result["B"]["class"] == "coterminous"


def test_following_councils_keeps_same_ground_and_reports_changed_ground():
    council_members = pd.DataFrame(
        [
            ("2009", "C", "County", "d1"),
            ("2009", "C", "County", "d2"),
            ("2009", "U", "Unitary", "d3"),
            ("2019", "N", "North", "d1"),
            ("2019", "S", "South", "d2"),
            ("2019", "U", "Unitary", "d3"),
        ],
        columns=["vintage", "la_code", "la_name", "ltla16cd"],
    )
    links = follow_councils(council_members, "2019", "2009").set_index("la_code")
    assert links.loc["U", "same_area"] and links.loc["U", "la_code_to"] == "U"
    assert not links.loc["N", "same_area"] and links.loc["N", "la_name_to"] == "County"
    backwards = follow_councils(council_members, "2009", "2019").set_index("la_code")
    assert backwards.loc["C", "la_code_to"] == "N;S" and not backwards.loc["C", "same_area"]


# On the tiny bundle (tests/fixtures/bundle.py).


def test_ccg_classes_of_the_tiny_councils(tiny_build):
    table = health_classes.classify(tiny_build, "ccg2019")
    assert list(table.columns) == health_classes.CLASS_COLUMNS
    assert table[["la_code", "class", "health_codes", "health_names"]].values.tolist() == [
        [tiny.ALPHA, "health_spans_several", "E38000901", "NHS Alphabet CCG"],  # also Beta's
        [tiny.BETA, "health_spans_several", "E38000901", "NHS Alphabet CCG"],
        [tiny.SHIRE_2019, "coterminous", "E38000903", "NHS Shire CCG"],
        [tiny.GAMMA, "coterminous", "E38000902", "NHS Gamma CCG"],
        [tiny.DELTA, "health_spans_several", "E38000904", "NHS Delta and Epsilon CCG"],
        [tiny.EPSILON, "health_spans_several", "E38000904", "NHS Delta and Epsilon CCG"],
    ]
    assert table["share_of_la_max"].tolist() == [1.0] * 6
    # Membership counts LSOAs: Alpha holds 2 of its CCG's 4, so its index is 2 / 4.
    assert table.set_index("la_code").at[tiny.ALPHA, "index"] == 0.5


def test_overlay_agrees_with_membership_on_the_tiny_councils(tiny_build):
    checked = health_classes.method_agreement(tiny_build, "ccg2019")
    assert checked["la_name"].tolist() == ["Alpha", "Beta", "Shire", "Gamma", "Delta", "Epsilon"]
    assert checked["agree"].tolist() == [True] * 6
    assert health_classes.comparable_ids() == ["ccg2019"]
    with pytest.raises(ValueError, match="pct2006 lacks a lookup or polygons"):
        health_classes.method_agreement(tiny_build, "pct2006")


def test_pct2006_is_never_guessed_where_unsourced(tiny_build):
    table = health_classes.classify(tiny_build, "pct2006").set_index("la_code")
    assert table["class"].to_dict() == {
        tiny.SHIRE_2009: "coterminous",  # the membership names the county, not its districts
        tiny.GAMMA: "coterminous",
        tiny.DELTA: "not_determined",  # its PCT covers part of it only: not drawn
        tiny.EPSILON: "not_determined",  # its PCT's area is unsourced
        tiny.ALPHABET: "coterminous",
    }
    assert table.at[tiny.ALPHABET, "health_names"] == "Alphabet PCT"
    assert health_classes.bodies_known(tiny_build, "pct2006") == 3


def test_unknown_choices_are_refused(tiny_build):
    with pytest.raises(UnknownChoiceError, match="unknown health vintage 'ccg2020'"):
        health_classes.classify(tiny_build, "ccg2020")
    with pytest.raises(UnknownChoiceError, match="unknown method for ccg2019 'guess'"):
        health_classes.classify(tiny_build, "ccg2019", method="guess")
    with pytest.raises(UnknownChoiceError, match="unknown vintage '2020'"):
        health_classes.classify(tiny_build, "ccg2019", la_vintage="2020")


def test_class_counts_of_each_tiny_health_vintage(tiny_build):
    counts = health_classes.class_counts(tiny_build)
    counted = counts[counts["councils"] > 0]
    assert counted[["health", "class", "councils", "bodies"]].values.tolist() == [
        ["pct2006", "coterminous", 3, 3],
        ["pct2006", "not_determined", 2, 3],
        ["ccg2019", "coterminous", 2, 4],
        ["ccg2019", "health_spans_several", 4, 4],
    ]
    assert len(counts) == 2 * len(health_classes.ALL_CLASSES)
    assert health_classes.display_ids(tiny_build) == ["pct2006", "ccg2019"]


def test_coterminous_throughout_leaves_out_changed_ground_and_unknowns(tiny_build):
    both = health_classes.coterminous_throughout(tiny_build, ["pct2006", "ccg2019"], "2019")
    # Alpha and Beta were Alphabet in 2004 (area changed); Delta and Epsilon not_determined.
    assert both.to_dict() == {tiny.SHIRE_2019: True, tiny.GAMMA: True}
    ccg_only = health_classes.coterminous_throughout(tiny_build, ["ccg2019"], "2019")
    assert ccg_only[ccg_only].index.tolist() == [tiny.SHIRE_2019, tiny.GAMMA]
    assert len(ccg_only) == 6


# On the real bundle.

EXPECTED_2019 = {
    "coterminous": 81,
    "health_spans_several": 39,
    "overlapping": 19,
    "la_contains_several": 12,
}
IDS = health_vintages.health_vintages()["id"].tolist()


@pytest.mark.bundle
@pytest.mark.parametrize("health_id", IDS)
def test_every_council_classified_and_counts_as_expected(build, health_id):
    row = health_vintages.vintage(health_id)
    table = health_classes.classify(build, health_id)
    expected_councils = (
        vintages.vintage_summary(build).set_index("vintage").loc[row["council_vintage"], "expected"]
    )
    assert len(table) == table["la_code"].nunique() == expected_councils
    assert set(table["class"]) <= set(health_classes.ALL_CLASSES)
    if row["method"] != "pct_members":
        assert (table["class"] != "not_determined").all()
        assert health_classes.bodies_known(build, health_id) == row["expected_bodies"]
        named = table["health_names"].str.split(";").explode()
        assert named.str.len().gt(0).all()


@pytest.mark.bundle
def test_2019_membership_classes_are_unchanged(build):
    table = health_classes.classify(build, "ccg2019", la_vintage="2019", method="membership")
    assert table["class"].value_counts().to_dict() == EXPECTED_2019
    indexed = table.set_index("la_code")
    assert indexed.at["E09000029", "health_codes"] == "E38000179"  # Sutton: NHS Sutton CCG
    assert "E38000224" in indexed.at["E10000030", "health_codes"].split(";")  # Surrey: 6 LSOAs


@pytest.mark.bundle
def test_known_coterminous_pairs_on_real_data(build):
    table = health_classes.classify(build, "ccg2019", la_vintage="2019", method="membership")
    table = table.set_index("la_code")
    assert table.at["E08000016", "class"] == "coterminous"  # Barnsley = NHS Barnsley CCG
    assert table.at["E10000012", "class"] == "la_contains_several"  # Essex had five CCGs
    assert table.at["E09000001", "class"] == "health_spans_several"  # City and Hackney CCG
    london_boroughs = table[table.index.str.startswith("E09")]
    assert (london_boroughs["class"] == "coterminous").sum() == 29


@pytest.mark.bundle
def test_pct2006_is_as_before_with_its_coverage(build):
    table = health_classes.classify(build, "pct2006").set_index("la_code")
    assert table["class"].value_counts().to_dict() == {
        "not_determined": 106,
        "coterminous": 36,
        "health_spans_several": 8,
    }
    assert table.at["E09000008", "health_names"] == "Croydon PCT"
    assert table.at["E10000015", "class"] == "not_determined"  # Hertfordshire: a PCT unsourced
    assert table.at["E09000029", "class"] == "health_spans_several"  # Sutton and Merton PCT
    assert health_classes.bodies_known(build, "pct2006") == 44


@pytest.mark.bundle
def test_overlay_agrees_with_the_lookups(build):
    summary = health_classes.agreement_summary(build).set_index("health")
    assert summary["agree"].to_dict() == {
        "ccg2016": 150,
        "ccg2019": 150,
        "ccg2020": 137,
        "ccg2021": 151,
        "sicbl2022": 144,
    }
    assert summary.at["ccg2019", "disagree"] == "Surrey"


@pytest.mark.bundle
def test_a_borough_followed_through_every_vintage(build):
    barnet = health_classes.timeline(build, area="E09000003", la_vintage="2019")
    classes = barnet.set_index("health")["class"]
    assert (classes.loc["pct2006":"ccg2019"] == "coterminous").all()
    assert (classes.loc["ccg2020":] == "health_spans_several").all()
    bodies = barnet.set_index("health")["bodies"]
    assert bodies["ccg2019"] == "NHS Barnet CCG"
    assert bodies["icb2024"] == "NHS North Central London Integrated Care Board"


@pytest.mark.bundle
def test_a_council_whose_ground_changed_is_reported_not_guessed(build):
    dorset = health_classes.timeline(build, area="E06000059", la_vintage="2019")
    by_health = dorset.set_index("health")
    assert by_health.at["ccg2015", "class"] == "area_changed"
    assert by_health.at["ccg2015", "note"] == (
        "area changed: in the 2009 councils its ground lay in Dorset (E10000009)"
    )
    # From 2019 it is itself a council: NHS Dorset CCG covered it and Bournemouth,
    # Christchurch and Poole.
    assert by_health.at["ccg2019", "class"] == "health_spans_several"
    assert by_health.at["ccg2019", "bodies"] == "NHS Dorset CCG"


@pytest.mark.bundle
def test_coterminous_throughout_leaves_out_what_cannot_be_known(build):
    span = ["ccg2015", "ccg2016", "ccg2017", "ccg2018", "ccg2019"]
    result = health_classes.coterminous_throughout(build, span, "2019")
    assert result["E09000003"]  # Barnet
    assert "E06000059" not in result.index  # Dorset of 2019 did not exist before 2019
    assert not result["E10000012"]  # Essex
    assert len(result) == 149 and int(result.sum()) == 79
    assert not health_classes.coterminous_throughout(build, [*span, "ccg2020"], "2019")["E09000003"]


@pytest.mark.bundle
def test_class_counts_cover_every_vintage_and_class(build):
    counts = health_classes.class_counts(build)
    assert len(counts) == len(IDS) * len(health_classes.ALL_CLASSES)
    per_vintage = counts.groupby("health", sort=False)["councils"].sum()
    assert per_vintage.to_dict() == {
        **dict.fromkeys(["pct2006"], 150),
        **dict.fromkeys(["ccg2013", "ccg2015", "ccg2016", "ccg2017", "ccg2018"], 152),
        **dict.fromkeys(["ccg2019", "ccg2020"], 151),
        **dict.fromkeys(["ccg2021", "sicbl2022", "icb2022"], 152),
        **dict.fromkeys(["sicbl2023", "icb2023", "sicbl2024", "icb2024"], 153),
    }
    ccg2019 = counts[counts["health"] == "ccg2019"].set_index("class")["councils"]
    assert ccg2019[ccg2019 > 0].to_dict() == EXPECTED_2019
