"""Slides of a view of the tiny bundle: figure, title and source line (rendering is tested in
test_export)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trustmap.slides import SlideUnavailableError, make_slide
from trustmap.view import View

IMD = "iod2019-imd-average-score"
VIEW = View("2019", "indicator", None, IMD, "2019", nhs="ccg2019")


def test_map_slide_draws_every_class_and_the_pathfinders(tiny_build):
    slide = make_slide(tiny_build, "map", VIEW)
    names = [trace.name for trace in slide.figure.data]
    assert names == ["10 to 15", "15 to 20", "20 to 25", "25 to 30", "30 to 40"] + [
        "2003 pathfinders (outline)"
    ]
    assert list(slide.figure.data[-1].x).count(None) == 3  # Alpha, Beta and Delta
    assert slide.title == (
        "IoD 2019: IMD - Average score (average score), quintiles; yellow = lower = better: "
        "councils of 2019 (thick outline: 2003 pathfinders)"
    )
    assert slide.source.endswith("Councils as in force from 2019 (6).")


def test_comparison_slide_states_the_difference(tiny_build):
    slide = make_slide(tiny_build, "pathfinder", VIEW)
    assert slide.title.startswith(
        "IoD 2019: IMD - Average score, 2019: pathfinder minus other councils: difference "
        "13.33 (95% CI "
    )
    assert slide.source == (
        "Source: Ministry of Housing, Communities & Local Government, English Indices of "
        "Deprivation 2019, File 11: upper-tier local authority summaries (IoD2019 (April 2019 "
        "upper tier)); councils of 2019 (6 with a value)."
    )
    assert [trace.name for trace in slide.figure.data] == [
        "pathfinder (n=3)",
        "other councils (n=3)",
    ]


def test_a_comparison_with_an_empty_group_is_unavailable(tiny_build):
    only_pathfinders = replace(VIEW, status="pathfinder")
    empty = "group 'coterminous with CCG April 2019' has 0"
    with pytest.raises(SlideUnavailableError, match=empty):
        make_slide(tiny_build, "coterminous", only_pathfinders)
