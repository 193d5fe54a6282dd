"""One council against England: the tiny bundle's councils worked by hand, and Sutton on the real
bundle."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis import profile
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.stats import judgement
from trustmap.vocabulary import NOT_JUDGED_LABELS, NOT_JUDGED_REASONS

SPREAD = ["period", "value", "england_value", "england_basis", "lowest", "q25", "q75", "highest"]
VERDICT = ["n_councils", "rank", "method", "judgement", "quartile"]
MEAN = "mean of councils"


def rows(table, ids, columns):
    chosen = table.set_index("indicator_id").loc[ids, columns]
    return chosen.astype(object).where(chosen.notna(), None).values.tolist()


def test_gamma_against_england_by_quartile(tiny_build):
    table = profile.spine_rows(tiny_build, tiny.GAMMA)
    assert list(table.columns) == profile.SPINE_COLUMNS
    # IMD 2019 of the six councils: 10, 15, 20, 25, 30, 40 (quartiles 16.25, 22.5, 28.75);
    # Gamma's 25 is in the third quarter from the lowest, "lower middle" as lower is better.
    # Good development 2023 of the seven: 64, 67, 73, 74, 75, 77, 83 (q25 70, q75 76); Gamma's
    # 67 is under the first quartile, the worst quarter as higher is better, sixth of seven.
    ids = ["iod2019-imd-average-score", "lait-fsp-new-gooddev"]
    assert rows(table, ids, SPREAD + VERDICT) == [
        ["2019", 25.0, pytest.approx(140 / 6), MEAN, 10.0, 16.25, 28.75, 40.0]
        + [6, 4, "quartile", "lower middle", "C"],
        ["2023", 67.0, 73.0, "source", 64.0, 70.0, 76.0, 83.0]
        + [7, 6, "quartile", "worst quarter", "D"],
    ]
    assert table.set_index("indicator_id").at["lait-fsp-new-gooddev", "reason"] == (
        "no count and denominator in the source: quartile among 7 councils (LAIT banding)"
    )


def test_counts_give_a_wilson_interval(tiny_build):
    table = profile.spine_rows(tiny_build, tiny.DELTA, theme="health")
    # 60 infant deaths in 10,000 live births: 6.0 per 1,000, Wilson 95% 4.66 to 7.71 and
    # 99.8% 4.04 to 8.90, both above England's 4.0: worse, as lower is better.
    row = table.set_index("indicator_id").loc["ons-infant-mortality-rate"]
    assert (row["value"], row["england_value"], row["method"]) == (6.0, 4.0, "wilson")
    assert (row["judgement"], row["judgement_998"]) == ("worse", "worse")
    assert [row["ci_low"], row["ci_high"], row["ci998_low"], row["ci998_high"]] == pytest.approx(
        [4.6645, 7.7149, 4.0398, 8.9028], abs=1e-4
    )
    # Delta and Epsilon are one unit in the conceptions: no figure for Delta alone.
    conceptions = table.set_index("indicator_id").loc["ons-u18-conception-rate"]
    assert (conceptions["judgement"], conceptions["reason"]) == (
        "not compared",
        "the source has no figure for this council",
    )
    assert sorted(table["indicator_id"]) == [
        "ons-infant-deaths",
        "ons-infant-mortality-rate",
        "ons-live-births",
        "ons-u18-conception-rate",
        "ons-u18-conceptions",
    ]


def test_a_count_is_shown_but_not_judged(tiny_build):
    table = profile.spine_rows(tiny_build, tiny.DELTA, theme="health").set_index("indicator_id")
    # Delta's 60 infant deaths, declared a count: shown, ranked, never judged.
    deaths = table.loc["ons-infant-deaths"]
    assert (deaths["value"], deaths["method"], deaths["judgement"]) == (
        60.0,
        "not compared",
        "not compared: a count",
    )
    assert deaths["reason"] == NOT_JUDGED_REASONS["count"] and pd.isna(deaths["quartile"])
    # Live births, declared nothing, keep their quartile.
    assert table.at["ons-live-births", "method"] == "quartile"


def test_a_council_finds_the_rows_of_its_ground_under_an_older_code(tiny_build):
    """Shire's unitary of 2019 covers the districts of the 2009 county, whose code the
    conceptions (to 2005 here) and good development of 2016-17 are published under."""
    table = profile.council_profile(tiny_build, tiny.SHIRE_2019)
    assert table[["la_code", "la_name"]].drop_duplicates().values.tolist() == [
        [tiny.SHIRE_2019, "Shire"]
    ]
    ids = ["ons-u18-conception-rate", "lait-fsp-new-gooddev"]
    # 58 conceptions at a rate of 29.0: 2,000 women derived; 95% 22.5 to 37.3 is under
    # England's 40.0 (better), 99.8% 19.5 to 43.0 is not (similar).
    assert rows(table, ids, ["period", "value", "method", "judgement", "judgement_998"]) == [
        ["2005", 29.0, "wilson", "better", "similar"],
        ["2017", 76.0, "quartile", "best quarter", None],
    ]
    assert table.set_index("indicator_id").at["ons-u18-conception-rate", "reason"] == (
        "Wilson score interval against England (count from the source, a population derived "
        "as count x multiplier / value)"
    )


def test_each_council_reads_its_own_figures_from_the_lookups_kept_per_build(tiny_build):
    """Each indicator period's council values, their spread, England's values and the count
    pairs are kept on the build and shared by every council: after the full profiles of
    Delta and Shire, Gamma's rows are still Gamma's, in the full profile and in its theme."""
    for code in (tiny.DELTA, tiny.SHIRE_2019, tiny.GAMMA):
        profile.council_profile(tiny_build, code)
    columns = ["value", "rank", "n_councils", "lowest", "q25", "median", "q75", "highest"]
    imd = "iod2019-imd-average-score"
    # IMD 2019 of the six councils: 10, 15, 20, 25, 30, 40; Gamma's 25 ranks 4th.
    expected = [[25.0, 4, 6, 10.0, 16.25, 22.5, 28.75, 40.0]]
    full = profile.council_profile(tiny_build, tiny.GAMMA)
    assert rows(full, [imd], columns) == expected
    assert rows(
        profile.spine_rows(tiny_build, tiny.GAMMA, theme="deprivation"), [imd], columns
    ) == (expected)
    # Delta's infant mortality after Gamma's: its own 60 deaths in 10,000 births.
    delta = profile.spine_rows(tiny_build, tiny.DELTA, theme="health").set_index("indicator_id")
    row = delta.loc["ons-infant-mortality-rate"]
    assert (row["value"], row["method"], row["judgement"]) == (6.0, "wilson", "worse")
    assert [row["ci_low"], row["ci_high"]] == pytest.approx([4.6645, 7.7149], abs=1e-4)


def test_indicators_without_a_figure_say_why(tiny_build):
    table = profile.spine_rows(tiny_build, tiny.ALPHA, theme="deprivation")
    reasons = table.set_index("indicator_id")["reason"]
    # IMD 2004 is aggregated to the 2004 councils: Alphabet, not Alpha.
    assert reasons["imd-lsoa-mean-score"] == "the source has no figure for this council"
    assert reasons["iod2019-district-score"] == (
        "the source has no council-level figures for this indicator"
    )
    assert reasons["imd-lsoa-share-most-deprived-10pc"] == reasons["imd-lsoa-mean-score"]


def test_code_that_is_not_a_council_is_refused(tiny_build):
    with pytest.raises(UnknownChoiceError, match="area 'E99999999' is not a council code"):
        profile.spine_rows(tiny_build, "E99999999")
    with pytest.raises(UnknownChoiceError, match="area 'E12000901' is not a council code"):
        profile.spine_rows(tiny_build, "E12000901")  # a region has values, not a council
    with pytest.raises(UnknownChoiceError, match="unknown theme 'astrology'"):
        profile.spine_rows(tiny_build, tiny.ALPHA, theme="astrology")


@pytest.mark.bundle
def test_profile_reads_against_england(build):
    table = profile.council_profile(build, "E09000029").set_index("indicator_id")
    row = table.loc["iod2019-imd-average-score"]
    assert row["value"] == pytest.approx(13.987)
    assert row["england_basis"] == "mean of councils" and row["n_councils"] == 151
    assert table.at["lait-fsp-new-gooddev", "england_basis"] == "source"


# Units that name a count or a sum of money: every indicator with one is declared so.
COUNT_UNITS = r"^(?:Number|count|Total cases|Starters FTE|Leavers FTE|Social Workers|Spend$)"


@pytest.fixture(scope="module")
def every_spine(build) -> pd.DataFrame:
    """Every council's spine over every indicator (all themes), with its la_code."""
    codes = sorted(set(build["council_members"]["la_code"]))
    return pd.concat(profile.spine_rows(build, code).assign(la_code=code) for code in codes)


@pytest.mark.bundle
def test_no_interval_on_an_estimated_denominator_or_over_100_percent(every_spine):
    statistics = judgement.read_statistics()
    declared = statistics.reindex(every_spine["indicator_id"]).set_index(every_spine.index)
    wilson = every_spine["method"] == "wilson"
    assert set(declared.loc[wilson, "denominator"]) == {"published", "population"}
    assert not (every_spine["value"] > declared["multiplier"])[wilson].any()
    percent = every_spine["unit"].str.contains("%", na=False) & (every_spine["value"] > 100)
    assert not (percent & wilson).any()
    # The case that asked for the rule: 3- and 4-year-olds over 100% of DfE's estimate.
    over = every_spine[percent & (every_spine["indicator_id"] == "lait-pct-3-4yr-olds")]
    assert len(over) >= 10 and set(over["method"]) == {"quartile"}
    why = "no interval (the denominator is estimated, not published; the value is over 100%"
    assert over["reason"].str.startswith(why).all()
    assert wilson.sum() > 1000  # intervals remain where the denominator is real


@pytest.mark.bundle
def test_counts_and_money_are_shown_but_not_judged(build, every_spine):
    kinds = judgement.read_statistics()["kind"]
    catalogue = build["indicator_catalogue"].set_index("id")
    named = catalogue.index[catalogue["unit"].str.contains(COUNT_UNITS)]
    assert set(kinds.reindex(named)) <= {"count", "money"}  # no count left undeclared
    sized = every_spine.assign(kind=kinds.reindex(every_spine["indicator_id"]).to_numpy())
    sized = sized[sized["kind"].isin(list(NOT_JUDGED_LABELS))]
    assert set(sized["kind"]) == {"count", "money"}
    shown = sized[sized["value"].notna()]
    assert (shown["judgement"] == shown["kind"].map(NOT_JUDGED_LABELS)).all()
    assert set(sized["method"]) == {"not compared"} and sized["quartile"].isna().all()
