"""File names of exports and CSV files: words of the view or choice, safe on every file system,
different whenever the indicator or the period differs."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from trustmap.analysis.era import BeforeAfterChoice
from trustmap.analysis.outcomes import OutcomeChoice
from trustmap.export.file_names import (
    MAX_CHARS,
    export_name,
    export_stem,
    file_name,
    indicator_words,
    slug,
)
from trustmap.show.view import View

SAFE = re.compile(r"^[a-z0-9_.-]+$")
READINESS_LONDON = View(
    "2019", "indicator", None, "lait-fsp-new-gooddev", "2017", region="London", nhs="ccg2019"
)


def test_slug_keeps_ascii_words_and_hyphens():
    assert slug("Children looked after rate per 10,000") == "children-looked-after-rate-per-10000"
    assert slug("Children’s services: Hammersmith & Fulham (café)") == (
        "childrens-services-hammersmith-and-fulham-cafe"
    )
    assert slug("% CLA / 2016-17 (OT)") == "percent-cla-2016-17-ot"
    assert slug("  ") == ""


def test_file_name_cuts_a_long_stem_at_a_separator_and_keeps_the_extension():
    assert file_name("Trend_London boroughs", "CSV") == "trustmap_trend_london-boroughs.csv"
    long = file_name("_".join(["pathfinders and other councils"] * 10), "pptx")
    assert len(long) <= MAX_CHARS and long.endswith("_pathfinders.pptx") and SAFE.match(long)
    with pytest.raises(ValueError, match="needs an extension"):
        file_name("trend", "")


def test_indicator_short_names_are_the_fewest_words_that_set_the_label_apart(tiny_build):
    # Two labels begin "Children looked after": each keeps its next words, never ending on a
    # small word such as "at" or "per".
    assert indicator_words(tiny_build, "sfr27-cla-count") == "children-looked-after-at-31"
    assert indicator_words(tiny_build, "sfr27-cla-rate-per-10000-derived") == (
        "children-looked-after-per-10000"
    )
    assert indicator_words(tiny_build, "ons-u18-conception-rate") == "under-18-conception-rate"
    assert indicator_words(tiny_build, "lait-fsp-new-gooddev") == "foundation-stage-percent"
    with pytest.raises(ValueError, match="unknown indicator 'nope'"):
        indicator_words(tiny_build, "nope")


def test_the_map_export_names_its_indicator_period_councils_and_filters(tiny_build):
    assert export_name(tiny_build, "map", "png", READINESS_LONDON) == (
        "trustmap_foundation-stage-percent_2017_councils-2019_london.png"
    )
    assert export_name(
        tiny_build, "map", "csv", replace(READINESS_LONDON, colour="pathfinder")
    ) == ("trustmap_pathfinders_councils-2019_london.csv")
    coterminous = View(
        "2019",
        "coterminosity",
        None,
        "lait-fsp-new-gooddev",
        "2017",
        la_type="LB",
        status="pathfinder",
        cclass="coterminous",
        nhs="pct2006",
    )
    assert export_name(tiny_build, "map", "svg", coterminous) == (
        "trustmap_coterminous-pct-2006_councils-2019_london-boroughs_pathfinders_"
        "coterminous-pct-2006.svg"
    )


def test_views_differing_only_in_indicator_or_period_have_different_names(tiny_build):
    others = [
        replace(READINESS_LONDON, period="2020"),
        replace(READINESS_LONDON, indicator="sfr27-cla-count", period="2010"),
        replace(READINESS_LONDON, indicator="sfr27-cla-rate-per-10000-derived", period="2010"),
    ]
    for chart, extension in [("map", "png"), ("briefing", "pptx"), ("trend", "csv")]:
        names = {export_name(tiny_build, chart, extension, v) for v in [READINESS_LONDON, *others]}
        expected = 3 if chart == "trend" else 4  # the trend shows every period
        assert len(names) == expected, names
        assert all(SAFE.match(name) and len(name) <= MAX_CHARS for name in names)


def test_comparisons_name_their_groups_and_the_councils_of_the_data(tiny_build):
    # The tiny bundle's 2017 values are on the councils of 2009, which the comparisons use.
    view = replace(READINESS_LONDON, region=None)
    assert export_name(tiny_build, "pathfinder", "pdf", view) == (
        "trustmap_pathfinders-and-other-councils_foundation-stage-percent_2017_councils-2009.pdf"
    )
    assert export_stem(tiny_build, "coterminous", view) == (
        "coterminous-councils-and-the-rest_ccg-2019_foundation-stage-percent_2017_councils-2009"
    )
    assert export_stem(tiny_build, "scatter", view, "against", "live births", "2020") == (
        "scatter_foundation-stage-percent_2017_against_live-births_2020_councils-2009"
    )


def test_era_nhs_and_council_exports_are_named_by_their_choices(tiny_build):
    before_after = BeforeAfterChoice(
        "ons-u18-conception-rate", "2001-2002", "2004-2005", "pathfinder"
    )
    assert export_name(tiny_build, "before-after", "png", before_after) == (
        "trustmap_before-and-after_under-18-conception-rate_2001-2002-against-2004-2005_"
        "pathfinders.png"
    )
    coterminous = replace(before_after, by="coterminous", health="pct2006")
    assert export_stem(tiny_build, "before-after", coterminous).endswith("_coterminous-pct-2006")
    change = OutcomeChoice(
        "lait-fsp-new-gooddev", "2016", "2023", "coterminous", span="pct2006:ccg2019"
    )
    assert export_stem(tiny_build, "outcomes", change) == (
        "change_foundation-stage-percent_2016-to-2023_coterminous-pct-2006-to-ccg-2019"
    )
    assert export_name(tiny_build, "profile", "csv", "E09000901") == "trustmap_profile_delta.csv"
    assert export_stem(tiny_build, "nhs-classes").startswith(
        "coterminosity-with-nhs-commissioners_20"
    )
    with pytest.raises(ValueError, match="no file name for 'pie'"):
        export_stem(tiny_build, "pie")


@pytest.mark.bundle
def test_the_real_catalogue_gives_short_names_that_stand_apart(build):
    assert indicator_words(build, "lait-lac") == "children-looked-after-rate"
    names = [indicator_words(build, i) for i in build["indicator_catalogue"]["id"]]
    assert max(map(len, names)) <= 56 and all(re.fullmatch(r"[a-z0-9-]+", n) for n in names)
    # Labels alike for their first 56 characters end with the words that set them apart.
    assert len(names) == len(set(names))
    assert indicator_words(build, "lait-ks2-nondap-maths-progress") == (
        "progress-scores-key-stage-2-non-disadvantaged-maths"
    )
