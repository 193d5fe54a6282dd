"""Did it matter? The change comparison on hand-made councils worked by hand and against
statsmodels directly; health spans, readings and who was left out; the CLI on the real bundle."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from trustmap import cli
from trustmap.analysis.outcomes import (
    compare_outcome_change,
    dropped_sentence,
    health_span,
    outcome_indicators,
    summary_rows,
)

# Six councils: A-C in the first group, D-F not; X has no 2025 value.
VALUES = {
    "A": (10.0, 12.0),
    "B": (20.0, 23.0),
    "C": (30.0, 34.0),
    "D": (10.0, 10.0),
    "E": (20.0, 21.0),
    "F": (30.0, 29.0),
    "X": (15.0, None),
}
IN_FIRST = pd.Series(
    {"A": True, "B": True, "C": True, "D": False, "E": False, "F": False, "X": True}
)
IMD = pd.Series({"A": 10.0, "B": 25.0, "C": 30.0, "D": 12.0, "E": 18.0, "F": 40.0, "X": 5.0})
LABELS = ("coterminous", "the rest")


def series() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"area_code": code, "period": period, "value": value}
            for code, pair in VALUES.items()
            for period, value in zip(("2016", "2025"), pair, strict=True)
        ]
    )


def test_change_difference_worked_by_hand():
    table, compared, _ = compare_outcome_change(
        series(), IN_FIRST, IMD, labels=LABELS, periods=("2016", "2025")
    )
    assert table["change"].to_dict() == {"A": 2, "B": 3, "C": 4, "D": 0, "E": 1, "F": -1}
    first, second = compared["groups"]
    assert (first["n"], first["mean"], second["n"], second["mean"]) == (3, 3.0, 3, 0.0)
    assert compared["diff"] == pytest.approx(3.0)
    # Welch by hand: both variances 1, n 3 each -> se sqrt(2/3), df 4
    se = np.sqrt(1 / 3 + 1 / 3)
    assert compared["ci_high"] - compared["diff"] == pytest.approx(2.7764451 * se, rel=1e-6)


def test_adjusted_difference_is_statsmodels_ols_with_hc3():
    _, _, adjusted = compare_outcome_change(
        series(), IN_FIRST, IMD, labels=LABELS, periods=("2016", "2025")
    )
    codes = list("ABCDEF")
    design = sm.add_constant(
        pd.DataFrame({"first": IN_FIRST[codes].astype(float), "imd": IMD[codes]})
    )
    change = pd.Series([2, 3, 4, 0, 1, -1], index=codes, dtype=float)
    fit = sm.OLS(change, design).fit(cov_type="HC3", use_t=True)
    assert adjusted["coefficient"] == pytest.approx(fit.params["first"])
    assert adjusted["p"] == pytest.approx(fit.pvalues["first"])
    assert adjusted["ci_low"] == pytest.approx(fit.conf_int().loc["first", 0])
    assert adjusted["n"] == 6 and adjusted["standard_errors"] == "HC3"


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


RESULT = {
    "indicator": "lait-lac",
    "period_from": "2016",
    "period_to": "2025",
    "la_vintage": "2023",
    "by": "coterminous",
    "councils": 145,
    "span": ["ccg2013", "ccg2015"],
    "comparison": {
        "groups": [
            {"group": "coterminous", "n": 79, "mean": 4.0},
            {"group": "rest", "n": 66, "mean": 12.9},
        ],
        "diff": -8.8,
        "ci_low": -14.3,
        "ci_high": -3.3,
        "p_welch": 0.002,
    },
    "adjusted": {"coefficient": -10.5, "ci_low": -16.5, "ci_high": -4.4, "p": 0.0008, "n": 145},
    "covariate_label": "IoD 2019: IMD - Average score",
    "dropped": {"boundary_changes": 0, "missing_values": 2, "area_changed_in_span": 6},
    "reading": "words",
    "source": "DfE",
}


def test_dropped_sentence_names_each_reason_with_a_count():
    assert dropped_sentence(RESULT) == (
        "145 councils of 2023 compared. Left out: 2 without a value in one of the periods; "
        "6 whose area changed within the span of NHS vintages."
    )


def test_summary_rows_carry_both_differences_and_the_drops():
    rows = summary_rows(RESULT).set_index("key")["value"]
    assert rows["n: coterminous"] == 79 and rows["mean change: rest"] == 12.9
    assert rows["diff"] == -8.8 and rows["adjusted_coefficient"] == -10.5
    assert rows["span"] == "ccg2013;ccg2015"
    assert rows["dropped_area_changed_in_span"] == 6


@pytest.mark.bundle
def test_cli_outcomes_children_looked_after_coterminous_2013_2019(build, capsys):
    argv = ["outcomes", "--indicator", "lait-lac", "--from", "2016", "--to", "2025"]
    assert cli.main([*argv, "--by", "coterminous", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["la_vintage"] == "2023" and printed["councils"] == 145
    assert [g["n"] for g in printed["comparison"]["groups"]] == [79, 66]
    assert printed["comparison"]["diff"] == pytest.approx(-8.838, abs=1e-3)
    assert printed["adjusted"]["coefficient"] == pytest.approx(-10.453, abs=1e-3)
    assert printed["dropped"]["area_changed_in_span"] == 6


@pytest.mark.bundle
def test_cli_outcomes_refuses_periods_in_the_wrong_order(build, capsys):
    argv = ["outcomes", "--indicator", "lait-lac", "--from", "2025", "--to", "2016"]
    assert cli.main(argv) == 2
    assert "must come before" in capsys.readouterr().err
