"""Sources and coverage in words: every file read is in a source group, every group's files are
described in the manifest, and each NHS geography's coverage is counted from the build."""

from __future__ import annotations

import pytest

from trustmap.analysis import provenance
from trustmap.bundle import health_vintages, sources


def test_layer_remarks_keep_the_numbers_no_table_holds():
    assert provenance.layer_remarks(
        "211 CCGs as polygons (211 expected), no lookup, 26 mended with make_valid, "
        "5 with no name in the bundle"
    ) == {"repaired": 26}
    assert provenance.layer_remarks(
        "44 of 152 areas; 48 have a sourced member list, of which 4 cover part of a district "
        "and cannot be drawn; the others are unsourced"
    ) == {"sourced": 48, "partial": 4}
    assert provenance.layer_remarks("191 CCGs (191 expected) from 32,844 LSOAs") == {}


def test_in_words():
    assert provenance.in_words(["April 2013"]) == "April 2013"
    assert provenance.in_words(["a", "b", "c"]) == "a, b and c"


def test_every_grouped_file_is_in_the_manifest():
    assert provenance.grouped_files() <= set(sources.manifest().index)


@pytest.mark.bundle
def test_every_file_read_is_in_a_source_group(build):
    assert provenance.used_files(build) - provenance.grouped_files() == set()


@pytest.mark.bundle
def test_sources_carry_publisher_edition_and_licence(build):
    described = provenance.sources_in_words(build)
    assert len(described) == len(provenance.source_groups())
    assert all(s.publisher and s.edition and s.licence and s.used_for for s in described)
    lait = next(s for s in described if "LAIT" in s.name)
    assert lait.publisher == "Department for Education"
    assert "Indicators used: 434." in lait.used_for


@pytest.mark.bundle
def test_health_coverage_counts_each_geography(build):
    years = provenance.health_coverage(build)
    assert len(years) == len(health_vintages.health_vintages())
    pct, ccg2013 = years[0], years[1]
    assert (pct.bodies, pct.date, pct.known) == ("Primary care trusts", "October 2006", "44 of 152")
    assert pct.notes == (
        "A source states the areas of 48, 4 of which covered part of a district, which the "
        "district outlines cannot draw; the other 104 are unsourced.",
    )
    assert ccg2013.known == "211 of 211" and ccg2013.drawn
    assert ccg2013.notes == (
        "26 outlines were repaired where the published file's shapes crossed themselves.",
        "5 have no name in any source, only a code.",
    )


@pytest.mark.bundle
def test_council_years_count_the_councils_of_each_vintage(build):
    years = provenance.council_years(build)
    assert [entry.term for entry in years][:2] == ["2004-2008", "April 2009"]
    assert years[0].description.startswith("150 councils: ")
