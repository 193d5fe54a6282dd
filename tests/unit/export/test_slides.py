"""Slides of a view: the filters and group sizes in words, plain titles, the map and comparison
slides of the tiny bundle, which charts a view can draw, and the briefing cover (rendering is
tested in test_export)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from tests.fixtures import bundle as tiny
from trustmap.export.slides import (
    NOTES_TITLE,
    SlideUnavailableError,
    cover_lines,
    filters_in_words,
    make_slide,
    map_subtitle,
    map_title,
    slide_availability,
)
from trustmap.show.view import View

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
    assert filters_in_words(LONDON_PATHFINDERS) == "London; pathfinders (and successors)"
    coterminous_boroughs = View(
        "2019", "pathfinder", None, "x", "2019", la_type="LB", cclass="coterminous", nhs="icb2024"
    )
    assert filters_in_words(coterminous_boroughs) == "London boroughs; coterminous (ICB April 2024)"
    listed = View("2019", "pathfinder", None, "x", "2019", region="London", own="send.E09000029")
    assert filters_in_words(listed) == (
        "London; councils your file lists under Disabled children and SEN (1)"
    )


def test_map_subtitle_says_how_many_councils_the_filters_keep():
    assert map_subtitle(NATIONAL, councils=151, kept=None, selected=None) == (
        "All 151 councils of 2019."
    )
    assert map_subtitle(LONDON_PATHFINDERS, councils=151, kept=8, selected="Sutton") == (
        "Filters: London; pathfinders (and successors). 8 of 151 councils kept; the others are "
        "faded. Selected: Sutton (zoomed in)."
    )
    assert map_subtitle(LONDON_PATHFINDERS, councils=151, kept=0, selected=None) == (
        "Filters (London; pathfinders (and successors)) keep no council of 2019: every council "
        "is faded."
    )


TINY = View("2019", "indicator", None, "iod2019-imd-average-score", "2019", nhs="ccg2019")
IMD_SOURCE = (
    "Ministry of Housing, Communities & Local Government, English Indices of Deprivation 2019, "
    "File 11: upper-tier local authority summaries (IoD2019 (April 2019 upper tier))"
)
DISTRICTS_SOURCE = (
    "Source: Office for National Statistics, Local Authority Districts (December 2016) "
    "Boundaries, Super Generalised (200 m) Clipped (December 2016)"
)
OUTLINE_NOTE = "Thick dark outline: the 2003 pathfinders (or their successors)."
PATHFINDERS_LEFT_OUT = "Pathfinders against other councils cannot be drawn for this view: "
COTERMINOUS_LEFT_OUT = "Coterminous councils against the rest cannot be drawn for this view: "
NO_OTHERS = "Every council kept is a pathfinder, so there is no group to compare them with."
NO_COTERMINOUS = (
    "No council kept is coterminous with CCG April 2019, so the councils not coterminous have "
    "no group to be compared with."
)


def test_map_titles_in_plain_words(tiny_build):
    assert map_title(tiny_build, TINY) == "IoD 2019: IMD - Average score, 2019: councils of 2019"
    assert map_title(tiny_build, replace(TINY, colour="pathfinder")) == (
        "Where the 2003 children's trust pathfinders are: councils of 2019"
    )
    assert map_title(tiny_build, replace(TINY, colour="coterminosity", nhs="pct2006")) == (
        "Which councils of 2019 share their boundaries with PCT October 2006"
    )


def test_national_map_slide_of_the_tiny_bundle(tiny_build):
    slide = make_slide(tiny_build, "map", TINY)
    assert slide.title == "IoD 2019: IMD - Average score, 2019: councils of 2019"
    assert slide.figure.layout.title.subtitle.text == "All 6 councils of 2019."
    assert slide.source == (
        "Colours: IoD 2019: IMD - Average score (average score), quintiles; yellow = lower = "
        f"better. {OUTLINE_NOTE} {DISTRICTS_SOURCE}; {IMD_SOURCE}. Open Government Licence "
        "v3.0. Councils as in force from 2019 (6)."
    )
    legend = [trace.name for trace in slide.figure.data if trace.showlegend]
    assert legend == ["10 to 15", "15 to 20", "20 to 25", "25 to 30", "30 to 40"] + [
        "2003 pathfinders (outline)"
    ]
    # England, and the London inset (Delta and Epsilon) on the second axes.
    assert {trace.xaxis for trace in slide.figure.data} == {"x", "x2"}


def test_filtered_map_slide_names_the_selection_and_the_overlay(tiny_build):
    view = replace(TINY, colour="pathfinder", region="North", area=tiny.GAMMA, health="ccg2019")
    slide = make_slide(tiny_build, "map", view)
    assert slide.figure.layout.title.subtitle.text == (
        "Filters: North. 3 of 6 councils kept; the others are faded. Selected: Gamma (zoomed in)."
    )
    assert slide.source.startswith(
        f"Colours: Children's trust pathfinders. {OUTLINE_NOTE} Orange lines: CCG April 2019 "
        f"boundaries. {DISTRICTS_SOURCE}."
    )
    legend = [trace.name for trace in slide.figure.data if trace.showlegend is not False]
    assert legend == [
        "not a pathfinder",
        "2003 pathfinder",
        "CCG April 2019 boundaries",
        "2003 pathfinders (outline)",
        "selected: Gamma",
        "left out by the filters (faded)",
    ]


def test_comparison_slide_puts_the_reading_above_and_the_tests_in_the_footnote(tiny_build):
    slide = make_slide(tiny_build, "pathfinder", TINY)
    assert slide.title == "Pathfinders against other councils: IoD 2019: IMD - Average score, 2019"
    words = slide.figure.layout.annotations[0].text
    assert words == (
        "<b>All councils of 2019: 3 pathfinders and 3 other councils</b><br>Pathfinders scored "
        "13.3 points higher (worse) than other councils; a difference this size could well be "
        "chance (95% CI -7.4 to 34.1).<br><span style='color:#8a3b00'>Caution: only 3 "
        "pathfinders and 3 other councils; with fewer than 10 councils in a group, one council "
        "can swing the result.</span>"
    )
    assert "Welch" not in words and "p =" not in slide.title + words
    assert slide.source == (
        "Difference in means, pathfinders minus other councils: 13.3 points (95% CI -7.4 to "
        "34.1), Welch interval. Welch t-test p = 0.15; Mann-Whitney U test p = 0.2; Hedges' g "
        f"= 1.20. Source: {IMD_SOURCE}; councils of 2019 (6 with a value)."
    )
    assert [trace.name for trace in slide.figure.data] == [
        "pathfinders (and successors)",
        "other councils",
        "2003 pathfinder (3)",
        "not a pathfinder (3)",
    ]


def test_coterminous_slide_colours_points_by_coterminosity_class(tiny_build):
    slide = make_slide(tiny_build, "coterminous", TINY)
    assert slide.title == (
        "Councils coterminous with CCG April 2019 against the rest: IoD 2019: IMD - Average "
        "score, 2019"
    )
    assert [trace.name for trace in slide.figure.data[2:]] == [
        "coterminous (2)",
        "health area spans several councils (4)",
    ]


def test_a_comparison_with_an_empty_group_is_unavailable(tiny_build):
    only_pathfinders = replace(TINY, status="pathfinder")
    assert slide_availability(tiny_build, TINY) == {
        "map": None,
        "pathfinder": None,
        "coterminous": None,
    }
    assert slide_availability(tiny_build, only_pathfinders) == {
        "map": None,
        "pathfinder": PATHFINDERS_LEFT_OUT + NO_OTHERS,
        "coterminous": COTERMINOUS_LEFT_OUT + NO_COTERMINOUS,
    }
    with pytest.raises(SlideUnavailableError, match="^Every council kept is a pathfinder, so "):
        make_slide(tiny_build, "pathfinder", only_pathfinders)


def test_cover_of_the_tiny_bundle_states_the_view(tiny_build):
    view = replace(TINY, status="pathfinder", area=tiny.ALPHA, health="ccg2019")
    link = "http://example.org/?v=2019&s=pathfinder"
    lines = cover_lines(tiny_build, view, link=link, made_on=date(2025, 1, 31))
    assert lines == [
        "Made on 31 January 2025.",
        "",
        "<b>The view</b>",
        "Councils: as in force from 2019 (6).",
        "Map colours: IoD 2019: IMD - Average score, 2019.",
        "NHS bodies for coterminosity: CCG April 2019.",
        "Filters: pathfinders (and successors).",
        f"Selected council: Alpha ({tiny.ALPHA}).",
        "Health boundaries drawn: CCG April 2019.",
        "",
        "<b>In this pack</b>",
        "2. The map",
        f"3. {NOTES_TITLE}",
        "",
        "<b>Left out</b>",
        PATHFINDERS_LEFT_OUT + NO_OTHERS,
        COTERMINOUS_LEFT_OUT + NO_COTERMINOUS,
        "",
        "<b>Reopen this view</b>",
        '<a href="http://example.org/?v=2019&amp;s=pathfinder">'
        "http://example.org/?v=2019&amp;s=pathfinder</a>",
    ]
    plain = cover_lines(tiny_build, TINY, link=link, made_on=date(2025, 1, 31))
    assert "Filters: none (every council)." in plain
    assert plain[plain.index("<b>In this pack</b>") + 1 :][:4] == [
        "2. The map",
        "3. Pathfinders against other councils",
        "4. Coterminous councils against the rest",
        f"5. {NOTES_TITLE}",
    ]


@pytest.mark.bundle
def test_cover_states_the_view_left_out_charts_and_the_link(build):
    link = (
        "http://example.org/?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019&r=London&s=pathfinder"
    )
    lines = cover_lines(build, LONDON_PATHFINDERS, link=link, made_on=date(2025, 1, 31))
    text = "\n".join(lines)
    assert lines[0] == "Made on 31 January 2025."
    assert "Filters: London; pathfinders (and successors)." in lines
    assert "Map colours: Foundation Stage - % achieving a good level of development, 2019." in lines
    assert re.findall(r"^\d\. .*$", text, re.MULTILINE) == ["2. The map", f"3. {NOTES_TITLE}"]
    left_out = lines[lines.index("<b>Left out</b>") + 1 :][:2]
    assert left_out[0].startswith("Pathfinders against other councils cannot be drawn")
    assert left_out[0].endswith(NO_OTHERS)
    assert lines[-1] == f'<a href="{link.replace("&", "&amp;")}">{link.replace("&", "&amp;")}</a>'
