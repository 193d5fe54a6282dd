"""The council-level difference-in-differences on hand-built panels whose answer is known."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from trustmap.stats.did import council_did

LABELS = ("treated", "others")
LEVELS = {"a": 40.0, "b": 50.0, "c": 45.0, "d": 30.0, "e": 60.0, "f": 35.0, "g": 55.0}
TREATED = pd.Series({code: code in "abc" for code in LEVELS})


def panel(changes: dict[str, float], before: list[str], after: list[str]) -> pd.DataFrame:
    """Rows (area_code, period, value): each council at its level in every `before` year and
    at its level plus its change in every `after` year."""
    return pd.DataFrame(
        [
            {
                "area_code": code,
                "period": period,
                "value": LEVELS[code] + change * (period in after),
            }
            for code, change in changes.items()
            for period in [*before, *after]
        ]
    )


def test_treated_councils_dropping_exactly_2_give_an_estimate_of_minus_2():
    # Noise-free: every treated council drops by 2, every other stays flat; levels differ.
    changes = {code: -2.0 if TREATED[code] else 0.0 for code in LEVELS}
    before, after = ["2001", "2002"], ["2005", "2006"]
    found = council_did(
        panel(changes, before, after), TREATED, before=before, after=after, labels=LABELS
    )
    assert found["estimate"] == pytest.approx(-2.0)
    assert found["ci_low"] == pytest.approx(-2.0) and found["ci_high"] == pytest.approx(-2.0)
    assert found["n_councils"] == {"treated": 3, "others": 4}
    assert found["council_years"] == 28


def test_clustered_interval_is_worked_by_hand_from_each_councils_change():
    changes = {"a": -2.5, "b": -1.5, "c": -2.0, "d": 0.5, "e": -0.5, "f": 0.3, "g": -0.3}
    found = council_did(
        panel(changes, ["2001"], ["2005"]), TREATED, before=["2001"], after=["2005"], labels=LABELS
    )
    treated = np.array([-2.5, -1.5, -2.0])
    others = np.array([0.5, -0.5, 0.3, -0.3])
    # CR1 with one year per span: each council contributes its change's deviation from its
    # group's mean, scaled by G/(G-1) x (N-1)/(N-K); t with G - 1 degrees of freedom.
    councils, rows, terms = 7, 14, 4
    variance = (
        councils
        / (councils - 1)
        * (rows - 1)
        / (rows - terms)
        * (((treated - treated.mean()) ** 2).sum() / 9 + ((others - others.mean()) ** 2).sum() / 16)
    )
    half = stats.t.ppf(0.975, councils - 1) * np.sqrt(variance)
    assert found["estimate"] == pytest.approx(-2.0)
    assert found["ci_low"] == pytest.approx(-2.0 - half) and found["ci_high"] == pytest.approx(
        -2.0 + half
    )
    assert found["ci_high"] < 0 and found["p"] < 0.01


def test_no_effect_gives_an_interval_covering_zero():
    # Both groups fall by 1 on average, with the same spread.
    changes = {"a": -1.5, "b": -0.5, "c": -1.0, "d": -1.5, "e": -0.5, "f": -1.2, "g": -0.8}
    found = council_did(
        panel(changes, ["2001"], ["2005"]), TREATED, before=["2001"], after=["2005"], labels=LABELS
    )
    assert found["estimate"] == pytest.approx(0.0, abs=1e-12)
    assert found["ci_low"] < 0 < found["ci_high"] and found["p"] == pytest.approx(1.0)


def test_councils_missing_a_year_are_left_out_and_too_few_are_refused():
    changes = {code: -2.0 if TREATED[code] else 0.0 for code in LEVELS}
    rows = panel(changes, ["2001"], ["2005"])
    rows.loc[(rows["area_code"] == "d") & (rows["period"] == "2005"), "value"] = None
    found = council_did(rows, TREATED, before=["2001"], after=["2005"], labels=LABELS)
    assert found["n_councils"] == {"treated": 3, "others": 3} and found["council_years"] == 12
    with pytest.raises(ValueError, match="at least 2 councils in each group.*1 treated"):
        council_did(
            rows[rows["area_code"].isin(["a", "d", "e", "f"])],
            TREATED,
            before=["2001"],
            after=["2005"],
            labels=LABELS,
        )
