"""The before/after choice, its rows and source line, and the slide query that carries it."""

from __future__ import annotations

import pytest

from trustmap.analysis import era
from trustmap.export.era_slides import _years, before_after_slide, choice_query
from trustmap.vocabulary import PATHFINDER_GROUPS


def comparison(diff: float, n: tuple[int, int]) -> dict:
    return {
        "groups": [
            {"group": "pathfinder", "n": n[0], "mean": 40.0},
            {"group": "other", "n": n[1], "mean": 45.0},
        ],
        "diff": diff,
        "ci_low": diff - 1,
        "ci_high": diff + 1,
        "p_welch": 0.5,
    }


RESULT = {
    "level_before": comparison(-5.0, (35, 113)),
    "change": comparison(-0.6, (35, 113)),
    "level_after": comparison(-2.5, (35, 113)),
    "source": "ONS, Conceptions 2017",
    "la_vintage": "2009",
    "councils": 148,
    "dropped": {"missing_values": 0, "boundary_or_combined": 4, "not_classified": 0},
    "denominator_note": "Denominators are derived.",
}


def test_span_text_writes_ranges_and_single_years():
    assert era.span_text([1998, 2002]) == "1998-2002"
    assert era.span_text([2004, 2004]) == "2004"


def test_comparison_rows_keep_the_order_level_change_level():
    rows = era.comparison_rows(RESULT)
    assert list(rows["measure"]) == ["level_before", "change", "level_after"]
    assert list(rows["diff"]) == [-5.0, -0.6, -2.5]
    assert list(rows["n_second"]) == [113, 113, 113]


def test_source_line_counts_councils_compared_and_left_out():
    assert era.era_source(RESULT) == (
        "Source: ONS, Conceptions 2017. Councils of 2009: 148 compared; left out: 4 with no "
        "matching area or in a combined unit, 0 with a missing value, 0 not classified by the "
        "grouping. Denominators are derived. Open Government Licence v3.0."
    )


def test_slide_query_carries_the_choice_and_reads_back():
    choice = era.BeforeAfterChoice(
        "ons-u18-conception-rate", "1998-2002", "2004", "coterminous", "ccg2019"
    )
    assert choice_query(choice) == (
        "?ei=ons-u18-conception-rate&eb=1998-2002&ea=2004&eg=coterminous&n=ccg2019"
    )
    assert _years("1998-2002") == [1998, 2002] and _years("2004") == [2004, 2004]
    assert _years("<script>") is None and _years("1998-2000-2002") is None


@pytest.mark.bundle
def test_check_choice_refuses_overlapping_spans_and_unknown_health(build):
    with pytest.raises(ValueError, match="must end before"):
        era.check_choice(
            build, "ons-u18-conception-rate", [1998, 2004], [2004, 2008], "pathfinder", None
        )
    with pytest.raises(ValueError, match="NHS geography"):
        era.check_choice(
            build, "ons-u18-conception-rate", [1998, 2002], [2004, 2008], "coterminous", "x"
        )
    choice = era.check_choice(
        build, "ons-u18-conception-rate", [1998, 2002], [2004, 2008], "pathfinder", "ccg2019"
    )
    assert choice == era.BeforeAfterChoice(
        "ons-u18-conception-rate", "1998-2002", "2004-2008", "pathfinder"
    )


@pytest.mark.bundle
def test_before_after_view_pools_every_year_for_both_groups(build):
    choice = era.BeforeAfterChoice(
        "ons-u18-conception-rate", "1998-2002", "2004-2008", "pathfinder"
    )
    view = era.before_after_view(build, choice)
    assert len(view["yearly"]) == 40
    assert view["labels"] == PATHFINDER_GROUPS == ("pathfinders (and successors)", "other councils")
    first_1998 = [
        r for r in view["yearly"] if r["period"] == "1998" and r["group"] == PATHFINDER_GROUPS[0]
    ]
    assert first_1998[0]["count"] == 9693 and first_1998[0]["councils"] == 35
    assert view["change"]["diff"] == pytest.approx(-0.606, abs=1e-3)


@pytest.mark.bundle
def test_the_slide_carries_the_council_level_headline_not_the_pooled_rates(build):
    choice = era.BeforeAfterChoice(
        "ons-u18-conception-rate", "1998-2002", "2004-2008", "pathfinder"
    )
    slide = before_after_slide(build, choice)
    assert slide.figure.layout.title.subtitle.text.startswith(
        "Councils as units: from 1998-2002 to 2004-2008 the gap between pathfinders (and "
        "successors) and other councils changed no more than chance would explain. "
        "Difference-in-differences"
    )
    assert "pooled rates are description, not a test" in slide.source
    assert "every year" not in slide.source
    names = [trace.name for trace in slide.figure.data if trace.showlegend is not False]
    assert names == [f"{group}: pooled rates (description)" for group in PATHFINDER_GROUPS]
