"""Before and after 2003: the plain-words readings on hand-made results, then the real bundle."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.analysis.before_after import before_after, council_series, pooled_reading, reading
from trustmap.vocabulary import PATHFINDER_GROUPS

PATHFINDERS, OTHERS = PATHFINDER_GROUPS


def comparison(diff: float, low: float, high: float, means: tuple[float, float]) -> dict:
    groups = [{"group": PATHFINDERS, "mean": means[0]}, {"group": OTHERS, "mean": means[1]}]
    return {"groups": groups, "diff": diff, "ci_low": low, "ci_high": high}


def result(level: dict, change: dict) -> dict:
    return {
        "label": "rate",
        "before": "1998-2002",
        "after": "2004-2008",
        "level_before": level,
        "change": change,
        "notes": ["Observational."],
    }


def test_reading_says_already_lower_and_no_faster_when_the_intervals_say_so():
    text = reading(result(comparison(-4, -6, -2, (40, 44)), comparison(-0.5, -2, 1, (-3.5, -3))))
    assert "pathfinders (and successors) was already lower than that of other councils" in text
    assert "'" not in text  # the groups by their names, never quoted as codes
    assert "its fall was no faster or slower" in text and text.endswith("Observational.")


def test_reading_says_similar_and_faster_fall_or_slower_rise():
    fall = reading(result(comparison(1, -1, 3, (45, 44)), comparison(-2, -3, -1, (-5, -3))))
    assert "was no different from" in fall and "its fall was faster" in fall
    rise = reading(result(comparison(5, 2, 8, (50, 45)), comparison(-2, -3, -1, (1, 3))))
    assert "already higher than" in rise and "its rise was slower" in rise


def test_pooled_reading_counts_years_whose_intervals_lie_apart():
    rows = []
    for period, first, second in (("2001", (9, 11), (12, 14)), ("2002", (9, 11), (10, 12))):
        for group, (low, high) in ((PATHFINDERS, first), (OTHERS, second)):
            rows.append(
                {
                    "period": period,
                    "group": group,
                    "rate": (low + high) / 2,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    rows += [
        {"period": "2005", "group": PATHFINDERS, "rate": 8.0, "ci_low": 7, "ci_high": 9},
        {"period": "2005", "group": OTHERS, "rate": 11.0, "ci_low": 10, "ci_high": 12},
    ]
    text = pooled_reading(
        pd.DataFrame(rows), before=["2001", "2002"], after=["2005"], labels=PATHFINDER_GROUPS
    )
    assert "lower in 1, higher in 0 and not apart in 1 of 2001-2002" in text
    assert "lower in every year of 2005-2005" in text
    assert "10.0 to 8.0 for pathfinders (and successors); 12.0 to 11.0 for other councils" in text
    assert "'" not in text


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
