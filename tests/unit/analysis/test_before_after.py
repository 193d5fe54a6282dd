"""Before and after 2003: the plain-words readings on hand-made results, then the real bundle."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis.before_after import (
    before_after,
    council_series,
    did_reading,
    pooled_reading,
    reading,
)
from trustmap.vocabulary import PATHFINDER_GROUPS

PATHFINDERS, OTHERS = PATHFINDER_GROUPS


def comparison(diff: float, low: float, high: float, means: tuple[float, float]) -> dict:
    groups = [{"group": PATHFINDERS, "mean": means[0]}, {"group": OTHERS, "mean": means[1]}]
    return {"groups": groups, "diff": diff, "ci_low": low, "ci_high": high, "p_welch": 0.5}


def did(estimate: float, low: float, high: float, p: float) -> dict:
    return {
        "estimate": estimate,
        "ci_low": low,
        "ci_high": high,
        "p": p,
        "n_councils": {PATHFINDERS: 35, OTHERS: 113},
        "confidence": 0.95,
    }


def result(level: dict, change: dict, panel: dict | None = None) -> dict:
    return {
        "label": "rate",
        "unit": "per 1,000 women aged 15-17",
        "before": "1998-2002",
        "after": "2004-2008",
        "level_before": level,
        "change": change,
        "did": panel or did(change["diff"], change["ci_low"], change["ci_high"], 0.5),
        "notes": ["Observational."],
    }


def test_reading_says_already_lower_and_gives_the_change_without_a_verdict_of_its_own():
    text = reading(result(comparison(-4, -6, -2, (40, 44)), comparison(-0.5, -2, 1, (-3.5, -3))))
    assert "pathfinders (and successors) was already lower than that of other councils" in text
    assert "'" not in text  # the groups by their names, never quoted as codes
    assert "gives the same difference (-0.50, 95% CI -2.00 to +1.00, p = 0.5)" in text
    assert "faster" not in text and "slower" not in text and text.endswith("Observational.")


def test_did_reading_says_the_gap_changed_no_more_than_chance_when_the_interval_covers_0():
    level, change = comparison(1, -1, 3, (45, 44)), comparison(-0.6, -2.5, 1.3, (-3.7, -3.1))
    text = did_reading(result(level, change, did(-0.606, -2.516, 1.303, 0.531)))
    assert text == (
        "Councils as units: from 1998-2002 to 2004-2008 the gap between pathfinders (and "
        "successors) and other councils changed no more than chance would explain. "
        "Difference-in-differences, the change of pathfinders (and successors) minus that of "
        "other councils: -0.61 per 1,000 women aged 15-17, 95% CI -2.52 to +1.30, p = 0.53; "
        "35 and 113 councils."
    )


def test_did_reading_says_fell_or_rose_when_the_interval_excludes_0():
    level, change = comparison(1, -1, 3, (45, 44)), comparison(-2, -3, -1, (-5, -3))
    fell = did_reading(result(level, change, did(-2.0, -3.0, -1.0, 0.0004)))
    assert "changed more than chance would explain: pathfinders (and successors) fell " in fell
    assert "-2.00 per 1,000 women aged 15-17, 95% CI -3.00 to -1.00, p < 0.001" in fell
    rose = did_reading(result(level, change, did(1.5, 0.2, 2.8, 0.02)))
    assert "(and successors) rose relative to other councils" in rose
    assert "+1.50 per 1,000 women aged 15-17, 95% CI +0.20 to +2.80, p = 0.02" in rose


def test_pooled_reading_is_description_with_each_groups_mean_rate_in_each_span():
    rows = [
        {"period": period, "group": group, "rate": rate, "ci_low": rate - 1, "ci_high": rate + 1}
        for period, group, rate in (
            ("2001", PATHFINDERS, 10.0),
            ("2002", PATHFINDERS, 10.0),
            ("2005", PATHFINDERS, 8.0),
            ("2001", OTHERS, 13.0),
            ("2002", OTHERS, 11.0),
            ("2005", OTHERS, 11.0),
        )
    ]
    text = pooled_reading(
        pd.DataFrame(rows), before=["2001", "2002"], after=["2005"], labels=PATHFINDER_GROUPS
    )
    assert text.startswith("Description, not a test: pooled rates")
    assert "10.0 to 8.0 for pathfinders (and successors); 12.0 to 11.0 for other councils" in text
    assert "no evidence against the council-level results" in text
    assert "every year" not in text and "'" not in text


def test_council_series_takes_each_council_on_the_vintage_asked(tiny_build):
    rows = council_series(tiny_build, "ons-u18-conception-rate", ["2001", "2005"], "2019")
    # Published on the 2009 councils: Shire's county becomes the 2019 unitary of the same
    # districts; the combined Delta and Epsilon unit is no council of 2019.
    assert rows.values.tolist() == [
        [tiny.ALPHA, "2001", 50.0],
        [tiny.BETA, "2001", 40.0],
        [tiny.GAMMA, "2001", 45.0],
        [tiny.SHIRE_2019, "2001", 30.0],
        [tiny.ALPHA, "2005", 38.0],
        [tiny.BETA, "2005", 34.0],
        [tiny.GAMMA, "2005", 42.0],
        [tiny.SHIRE_2019, "2005", 29.0],
    ]


def test_coterminous_councils_against_the_rest_on_the_tiny_bundle(tiny_build):
    found = before_after(
        tiny_build,
        "ons-u18-conception-rate",
        before="2001-2002",
        after="2004-2005",
        by="coterminous",
    )
    # CCG April 2019: Gamma and Shire coterminous (change -2 and -1), Alpha and Beta not (-10
    # and -6); Delta, published with Epsilon, is left out.
    assert (found["health"], found["la_vintage"], found["councils"]) == ("ccg2019", "2009", 4)
    groups = found["change"]["groups"]
    assert [(g["group"], g["n"], g["mean"]) for g in groups] == [
        ("councils coterminous with CCG April 2019", 2, -1.5),
        ("councils not coterminous", 2, -8.0),
    ]
    assert found["change"]["diff"] == 6.5
    assert found["notes"][0] == (
        "This is observational: no council was assigned to share its boundary."
    )


@pytest.mark.bundle
def test_sheffields_change_is_worked_from_the_ons_table(build):
    years = [str(year) for year in (1998, 1999, 2000, 2001, 2002, 2004, 2005, 2006, 2007, 2008)]
    rows = council_series(build, "ons-u18-conception-rate", years, "2009")
    sheffield = rows[rows["area_code"] == "E08000019"].set_index("period")["value"]
    before = (50.5 + 53.4 + 50.1 + 52.6 + 56.6) / 5
    after = (55.7 + 53.0 + 50.3 + 49.0 + 42.7) / 5
    assert sheffield[years[5:]].mean() - sheffield[years[:5]].mean() == pytest.approx(
        after - before
    )


@pytest.mark.bundle
def test_conceptions_before_after_compares_148_councils_and_says_why_4_are_out(build):
    found = before_after(build, "ons-u18-conception-rate", count_indicator="ons-u18-conceptions")
    assert found["la_vintage"] == "2009" and found["councils"] == 148
    assert [group["n"] for group in found["change"]["groups"]] == [35, 113]
    assert found["dropped"] == {"missing_values": 0, "boundary_or_combined": 4, "not_classified": 0}
    assert any("Hackney with the City of London" in note for note in found["notes"])
    assert found["change"]["diff"] == pytest.approx(-0.606, abs=1e-3)
    pooled = pd.DataFrame(found["pooled"])
    assert len(pooled) == 20 and set(pooled["councils"]) == {35, 113}
    first_1998 = pooled[(pooled["period"] == "1998") & (pooled["group"] == PATHFINDERS)]
    assert first_1998["count"].iat[0] == 9693
    # The headline is council-level; on the balanced councils its estimate is the Welch one.
    assert found["did"]["estimate"] == pytest.approx(found["change"]["diff"], abs=1e-9)
    assert (found["did"]["ci_low"], found["did"]["ci_high"]) == pytest.approx(
        (-2.516, 1.303), abs=1e-3
    )
    assert found["did"]["p"] == pytest.approx(0.531, abs=1e-3)
    assert found["did"]["n_councils"] == {PATHFINDERS: 35, OTHERS: 113}
    assert found["did"]["council_years"] == 148 * 10
    assert "changed no more than chance would explain" in found["did_reading"]
    assert found["did_reading"].endswith(
        "-0.61 per 1,000 women aged 15-17, 95% CI -2.52 to +1.30, p = 0.53; 35 and 113 councils."
    )
    assert found["pooled_reading"].startswith("Description, not a test")
    assert "every year" not in found["pooled_reading"]
