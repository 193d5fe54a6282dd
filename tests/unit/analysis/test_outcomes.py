"""Did it matter? The change comparison on hand-made councils worked by hand and against
statsmodels' formula API; the headline, estimates, who was left out and why, far councils; the
CLI on the real bundle, its region-and-level estimate checked against the raw files."""

from __future__ import annotations

import contextlib
import io
import json

import pandas as pd
import pytest
import statsmodels.formula.api as smf

from trustmap import cli
from trustmap.analysis.outcomes import (
    DEFAULT_SPAN,
    ESTIMATES,
    compare_outcome_change,
    dropped_sentence,
    estimate_rows,
    far_councils,
    headline,
    health_span,
    outcome_comparison,
    outcome_indicators,
    outlier_note,
    summary_rows,
)
from trustmap.model.health_classes import coterminous_throughout

# Twelve councils in three regions: A-F in the first group, G-L not; X has no 2025 value.
VALUES = {
    "A": (10.0, 12.0),
    "B": (20.0, 23.0),
    "C": (30.0, 34.0),
    "D": (12.0, 15.0),
    "E": (25.0, 26.0),
    "F": (18.0, 22.0),
    "G": (10.0, 10.0),
    "H": (20.0, 21.0),
    "I": (30.0, 29.0),
    "J": (14.0, 16.0),
    "K": (22.0, 21.0),
    "L": (28.0, 30.0),
    "X": (15.0, None),
}
IN_FIRST = pd.Series({code: code in "ABCDEFX" for code in VALUES})
IMD = pd.Series(
    dict(zip(VALUES, [10, 25, 30, 14, 22, 17, 12, 18, 40, 21, 26, 33, 5], strict=True)), dtype=float
)
REGION = pd.Series(dict(zip(VALUES, "LLNNSSLLNNSSN", strict=True))).map(
    {"L": "London", "N": "North", "S": "South"}
)
LABELS = ("coterminous", "the rest")
CODES = list("ABCDEFGHIJKL")


def series() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"area_code": code, "period": period, "value": value}
            for code, pair in VALUES.items()
            for period, value in zip(("2016", "2025"), pair, strict=True)
        ]
    )


def hand_compared():
    return compare_outcome_change(
        series(), IN_FIRST, IMD, REGION, labels=LABELS, periods=("2016", "2025")
    )


def test_change_difference_worked_by_hand():
    table, compared, estimates = hand_compared()
    assert table["change"].to_dict() == dict(
        zip(CODES, [2, 3, 4, 3, 1, 4, 0, 1, -1, 2, -1, 2], strict=True)
    )
    first, second = compared["groups"]
    assert (first["n"], first["mean"], second["n"], second["mean"]) == (6, 17 / 6, 6, 0.5)
    assert compared["diff"] == pytest.approx(17 / 6 - 0.5)
    assert [row["estimate"] for row in estimates] == list(ESTIMATES)
    assert estimates[0]["coefficient"] == compared["diff"] and estimates[0]["n"] == 12


def frame(codes: list[str]) -> pd.DataFrame:
    """The twelve councils by hand: change, group, deprivation, level in 2016, region."""
    return pd.DataFrame(
        {
            "change": [VALUES[c][1] - VALUES[c][0] for c in codes],
            "first": IN_FIRST[codes].astype(float).to_numpy(),
            "imd": IMD[codes].to_numpy(),
            "level": [VALUES[c][0] for c in codes],
            "region": REGION[codes].to_numpy(),
        }
    )


@pytest.mark.parametrize(
    ("estimate", "formula", "codes"),
    [
        ("deprivation", "change ~ first + imd", CODES),
        ("level", "change ~ first + imd + level", CODES),
        ("region", "change ~ first + imd + level + C(region)", CODES),
        (
            "without_london",
            "change ~ first + imd + level + C(region)",
            [c for c in CODES if REGION[c] != "London"],
        ),
    ],
)
def test_each_adjustment_is_statsmodels_formula_ols_with_hc3(estimate, formula, codes):
    _, _, estimates = hand_compared()
    row = next(row for row in estimates if row["estimate"] == estimate)
    fit = smf.ols(formula, frame(codes)).fit(cov_type="HC3", use_t=True)
    assert row["coefficient"] == pytest.approx(fit.params["first"])
    assert row["p"] == pytest.approx(fit.pvalues["first"])
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(fit.conf_int().loc["first"]))
    assert row["n"] == len(codes) and row["method"] == "OLS, HC3 errors"
    assert row["excludes_zero"] == (row["ci_low"] > 0 or row["ci_high"] < 0)


def test_health_span_reads_first_to_last_in_table_order():
    assert health_span("ccg2013:ccg2019") == [
        "ccg2013",
        "ccg2015",
        "ccg2016",
        "ccg2017",
        "ccg2018",
        "ccg2019",
    ]
    assert health_span("icb2024") == ["icb2024"]
    with pytest.raises(ValueError, match="runs backwards"):
        health_span("ccg2019:ccg2013")
    with pytest.raises(ValueError, match="ccg1999"):
        health_span("ccg1999:ccg2019")


def test_outcome_indicators_need_two_periods():
    catalogue = pd.DataFrame({"id": ["a", "b", "c"], "periods": ["2016;2017", "2019", "1;2;3"]})
    assert outcome_indicators(catalogue) == ["a", "c"]


def estimate(key: str, low: float, high: float, n: int = 145) -> dict:
    return {
        "estimate": key,
        "n": n,
        "coefficient": (low + high) / 2,
        "ci_low": low,
        "ci_high": high,
        "p": 0.0008 if low * high > 0 else 0.2,
        "excludes_zero": low * high > 0,
    }


RESULT = {
    "indicator": "lait-lac",
    "label": "Children looked after rate per 10,000",
    "period_from": "2016",
    "period_to": "2025",
    "la_vintage": "2023",
    "by": "coterminous",
    "councils": 145,
    "span": ["ccg2013", "ccg2015"],
    "comparison": {
        "groups": [
            {"group": "coterminous councils", "n": 79, "mean": 4.0},
            {"group": "the rest", "n": 66, "mean": 12.9},
        ],
        "diff": -8.8,
        "ci_low": -14.3,
        "ci_high": -3.3,
        "p_welch": 0.002,
    },
    "estimates": [
        estimate("unadjusted", -14.3, -3.3),
        estimate("deprivation", -16.5, -4.4),
        estimate("level", -16.5, -4.4),
        estimate("region", -13.5, 1.4),
        estimate("without_london", -14.2, 2.8, n=113),
    ],
    "covariate_label": "IoD 2019: IMD - Average score",
    "left_out": [
        {"la_code": "E06000059", "la_name": "Dorset", "reason": "area changed within the span"},
        {"la_code": "E06000061", "la_name": "North Northamptonshire", "reason": "no value in 2016"},
        {"la_code": "E06000062", "la_name": "West Northamptonshire", "reason": "no value in 2016"},
    ],
    "outliers": [{"la_code": "E06000003", "la_name": "Redcar and Cleveland", "change": 71.0}],
    "headline": "words",
    "reading": "words",
    "source": "DfE",
}


def test_headline_says_which_estimates_exclude_zero():
    assert headline(RESULT) == (
        "From 2016 to 2025 the Children looked after rate per 10,000 of coterminous councils "
        "rose less than that of the rest: unadjusted, adjusted for deprivation and adjusted also "
        "for the 2016 level the 95% interval excludes zero, but adjusted also for region and "
        "without London it does not, so the difference could be chance."
    )


def test_headline_when_every_or_no_estimate_excludes_zero():
    robust = RESULT | {"estimates": [estimate(key, -9, -2) for key in ESTIMATES]}
    assert headline(robust).endswith(
        "rose less than that of the rest; every estimate, unadjusted or adjusted, has a 95% "
        "interval excluding zero."
    )
    falling = robust | {
        "estimates": [estimate(key, -9, 2) for key in ESTIMATES],
        "comparison": {"groups": [{"group": "a", "mean": -1.0}, {"group": "b", "mean": 3.0}]},
    }
    assert headline(falling).endswith(
        "of a fell, while that of b rose, but no estimate has a 95% interval excluding zero: "
        "it could be chance."
    )


def test_estimate_rows_name_each_adjustment_in_words():
    rows = estimate_rows(RESULT)
    assert [row["estimate"] for row in rows] == [
        "Unadjusted",
        "Adjusted for deprivation",
        "… and the 2016 level",
        "… and region",
        "Without London",
    ]
    assert rows[3] == {
        "estimate": "… and region",
        "n": 145,
        "difference": "-6.05",
        "ci": "-13.50 to 1.40",
        "p": "p = 0.2",
        "reading": "could be chance",
    }
    assert rows[0]["p"] == "p < 0.001" and rows[0]["reading"] == "excludes zero"


def test_dropped_sentence_counts_each_reason():
    assert dropped_sentence(RESULT) == (
        "145 councils of 2023 compared. Left out: area changed within the span (1); "
        "no value in 2016 (2)."
    )


def test_far_councils_are_named_and_kept():
    councils = pd.DataFrame(
        {
            "la_code": list("ABCDEFGH"),
            "la_name": [f"Council {c}" for c in "ABCDEFGH"],
            "change": [1.0, 2, 3, 4, 5, 6, 7, 40],  # IQR 3.5, median 4.5: 40 is 35.5 away
        }
    )
    assert far_councils(councils) == [{"la_code": "H", "la_name": "Council H", "change": 40.0}]
    assert outlier_note({"outliers": far_councils(councils)}) == (
        "Far from the rest (more than 3 interquartile ranges from the median change), kept in "
        "every estimate: Council H (40)."
    )
    assert outlier_note({"outliers": []}).startswith("No council changed by more than 3")


def test_summary_rows_carry_every_estimate_and_the_left_out():
    rows = summary_rows(RESULT).set_index("key")["value"]
    assert rows["n: coterminous councils"] == 79 and rows["mean change: the rest"] == 12.9
    assert rows["coefficient: unadjusted"] == pytest.approx(-8.8)
    assert rows["ci_high: adjusted also for region"] == 1.4
    assert rows["n: without London"] == 113
    assert rows["span"] == "ccg2013;ccg2015"
    assert rows["left out: no value in 2016"] == 2
    assert rows["outliers"] == "Redcar and Cleveland"


@pytest.mark.bundle
def test_cli_outcomes_children_looked_after_coterminous_2013_2019(build, cli_outcomes):
    printed = cli_outcomes
    assert printed["la_vintage"] == "2023" and printed["councils"] == 145
    assert [g["n"] for g in printed["comparison"]["groups"]] == [79, 66]
    estimates = {row["estimate"]: row for row in printed["estimates"]}
    assert list(estimates) == list(ESTIMATES)
    assert estimates["unadjusted"]["coefficient"] == pytest.approx(-8.838, abs=1e-3)
    assert estimates["deprivation"]["coefficient"] == pytest.approx(-10.453, abs=1e-3)
    assert [estimates[key]["excludes_zero"] for key in ESTIMATES] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert estimates["without_london"]["n"] == 145 - 32  # 33 boroughs less the City of London
    assert "could be chance" in printed["headline"]


@pytest.mark.bundle
def test_cli_outcomes_name_each_council_left_out_with_its_reason(build, cli_outcomes):
    reasons = {row["la_name"]: row["reason"] for row in cli_outcomes["left_out"]}
    changed = "area changed within the span of NHS vintages"
    not_yet = "no value in 2016: not yet a council then"
    assert reasons == {
        "Bournemouth, Christchurch and Poole": changed,
        "Dorset": changed,
        "North Northamptonshire": not_yet,
        "West Northamptonshire": not_yet,
        "Cumberland": not_yet,
        "Westmorland and Furness": not_yet,
        "City of London": "no value in 2025",
        "Isles of Scilly": "no value in 2025",
    }


@pytest.mark.bundle
def test_a_combined_unit_in_the_source_is_named_as_such(build):
    made = outcome_comparison(
        build, "ons-u18-conception-rate", period_from="2009", period_to="2016", by="pathfinder"
    )
    reasons = {row["la_name"]: row["reason"] for row in made.result["left_out"]}
    combined = "a combined unit in the source in 2009"
    assert {reasons["City of London"], reasons["Hackney"]} == {combined}
    assert reasons["Isles of Scilly"] == combined and reasons["Cornwall"] == combined


@pytest.mark.bundle
def test_region_and_level_estimate_agrees_with_an_independent_computation(
    build, cli_outcomes, data_dir
):
    """From the raw files: LAIT's rates, IoD 2019's IMD average score per 2019 council (with
    the codes that changed by 2023), the region of each council's districts in the ONS lookup;
    only the grouping comes from the code. Statsmodels' formula OLS with HC3 errors."""
    region_row = next(row for row in cli_outcomes["estimates"] if row["estimate"] == "region")
    lait = pd.read_csv(
        data_dir / "indicators/lait_dfe_children_indicators_2016_2025.csv.gz",
        dtype={"period": str},
    )
    lait = lait[lait["indicator_code"] == "LAC"]
    rates = lait.pivot_table(index="area_code", columns="period", values="value")
    iod = pd.read_csv(data_dir / "indicators/iod2019_utla_summaries.csv")
    imd = iod[iod["indicator"] == "IMD - Average score"].set_index("area_code")["value"]
    imd = imd.rename(index=CODES_2023)
    lookup = pd.read_csv(data_dir / "boundaries/lookup_ltla_cty_rgn_2014_2025_onsvisual.csv")
    lookup = lookup[lookup["ctrynm"] == "England"]
    region = pd.concat(
        [
            lookup.set_index("ltlacd")["rgnnm"],
            lookup.dropna(subset=["ctycd"]).drop_duplicates("ctycd").set_index("ctycd")["rgnnm"],
        ]
    ).rename(index=CODES_2023)
    first = coterminous_throughout(build, health_span(DEFAULT_SPAN), "2023")
    data = pd.DataFrame(
        {
            "change": rates["2025"] - rates["2016"],
            "level": rates["2016"],
            "imd": imd,
            "region": region[~region.index.duplicated()],
            "first": first.astype(float),
        }
    ).dropna()
    fit = smf.ols("change ~ first + imd + level + C(region)", data).fit(cov_type="HC3", use_t=True)
    low, high = fit.conf_int().loc["first"]
    assert region_row["n"] == len(data) == 145
    assert round(region_row["coefficient"], 2) == round(fit.params["first"], 2)
    assert (round(region_row["ci_low"], 2), round(region_row["ci_high"], 2)) == (
        round(low, 2),
        round(high, 2),
    )
    assert round(region_row["p"], 2) == round(fit.pvalues["first"], 2)


# IoD 2019 and the ONS lookup of 2014 name three councils of 2023 by their older county codes.
CODES_2023 = {"E10000002": "E06000060", "E10000023": "E06000065", "E10000027": "E06000066"}


@pytest.fixture(scope="module")
def cli_outcomes() -> dict:
    """What the CLI prints for children looked after, 2016 to 2025, by coterminosity: run once
    for the tests that read it."""
    argv = ["outcomes", "--indicator", "lait-lac", "--from", "2016", "--to", "2025"]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert cli.main([*argv, "--by", "coterminous", "--format", "json"]) == 0
    return json.loads(printed.getvalue())


@pytest.mark.bundle
def test_cli_outcomes_refuses_periods_in_the_wrong_order(build, capsys):
    argv = ["outcomes", "--indicator", "lait-lac", "--from", "2025", "--to", "2016"]
    assert cli.main(argv) == 2
    assert "must come before" in capsys.readouterr().err
