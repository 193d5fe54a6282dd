"""Slide wording: the filters and group sizes in words, plain titles, and the briefing cover."""

from __future__ import annotations

import re
from datetime import date

import pytest

from trustmap.slides import comparison_subtitle, cover_lines, filters_in_words, map_subtitle
from trustmap.view import View

NATIONAL = View("2019", "pathfinder", None, "iod2019-imd-average-score", "2019", nhs="ccg2019")
LONDON_PATHFINDERS = View(
    "2019",
    "indicator",
    None,
    "lait-fsp-new-gooddev",
    "2019",
    region="London",
    status="pathfinder",
    nhs="ccg2019",
)


def test_filters_in_words_name_every_filter():
    assert filters_in_words(NATIONAL) is None
    assert filters_in_words(LONDON_PATHFINDERS) == "London, pathfinders (and successors)"
    coterminous_boroughs = View(
        "2019", "pathfinder", None, "x", "2019", la_type="LB", cclass="coterminous", nhs="icb2024"
    )
    assert (
        filters_in_words(coterminous_boroughs) == "London boroughs, coterminous with ICB April 2024"
    )


def test_map_subtitle_says_how_many_councils_the_filters_keep():
    assert map_subtitle(NATIONAL, councils=151, kept=None, selected=None) == (
        "All 151 councils of 2019."
    )
    assert map_subtitle(LONDON_PATHFINDERS, councils=151, kept=8, selected="Sutton") == (
        "Filters: London, pathfinders (and successors). 8 of 151 councils kept; the others are "
        "faded. Selected: Sutton (zoomed in)."
    )
    assert "keep no council" in map_subtitle(
        LONDON_PATHFINDERS, councils=151, kept=0, selected=None
    )


def test_comparison_subtitle_names_filters_group_sizes_and_a_caution():
    result = {
        "by": "pathfinder",
        "la_vintage": "2019",
        "groups": [{"group": "pathfinder", "n": 8}, {"group": "other councils", "n": 25}],
    }
    london = View("2019", "indicator", None, "x", "2019", region="London", nhs="ccg2019")
    subtitle = comparison_subtitle(london, result)
    assert subtitle.startswith(
        "Filters: London. Compared: pathfinders (n=8) and other councils (n=25). Caution: only "
        "8 pathfinders;"
    )
    assert "Welch" not in subtitle and "p=" not in subtitle


@pytest.mark.bundle
def test_cover_states_the_view_left_out_charts_and_the_link(build):
    link = (
        "http://example.org/?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019&r=London&s=pathfinder"
    )
    lines = cover_lines(build, LONDON_PATHFINDERS, link=link, made_on=date(2025, 1, 31))
    text = "\n".join(lines)
    assert lines[0] == "Made on 31 January 2025."
    assert "Filters: London, pathfinders (and successors)." in lines
    assert "Map colours: Foundation Stage - % achieving a good level of development, 2019." in lines
    assert re.findall(r"^\d\. .*$", text, re.MULTILINE) == ["2. The map"]
    left_out = lines[lines.index("<b>Left out</b>") + 1 :][:2]
    assert left_out[0].startswith("Pathfinders against other councils cannot be drawn")
    assert "'other councils' has 0" in left_out[0]
    assert lines[-1] == f'<a href="{link.replace("&", "&amp;")}">{link.replace("&", "&amp;")}</a>'
