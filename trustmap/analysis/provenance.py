"""Where the dashboard's data come from and what each layer covers, in words for a reader (the
about page): the sources grouped by what they are used for, with publisher, edition and licence
read from the manifest; the councils of each year; and each NHS geography's coverage, counted
from the build. No file name, field name or build key reaches the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from trustmap.analysis.neighbours import NEIGHBOURS_FILE
from trustmap.bundle import councils, health, health_vintages, indicators, sources
from trustmap.bundle.build import Build
from trustmap.model import health_classes
from trustmap.vocabulary import COTERMINOSITY_METHOD_LABELS, in_words

__all__ = [
    "KIND_NAMES",
    "Entry",
    "NhsYear",
    "Source",
    "SourceGroup",
    "council_years",
    "grouped_files",
    "health_coverage",
    "in_words",
    "layer_remarks",
    "overlay_dates",
    "source_groups",
    "sources_in_words",
    "used_files",
]

# The kinds of NHS body of `health_vintages.csv`, plural, for a heading.
KIND_NAMES = {
    "PCT": "Primary care trusts",
    "CCG": "Clinical commissioning groups",
    "sub-ICB location": "Sub-ICB locations",
    "ICB": "Integrated care boards",
}

# The few facts a layer's coverage text holds that no table of the build keeps, as
# (pattern, name of the number); the words around each number are the page's.
REMARK_PATTERNS = (
    (re.compile(r"(\d+) mended with make_valid"), "repaired"),
    (re.compile(r"(\d+) have a sourced member list"), "sourced"),
    (re.compile(r"of which (\d+) cover part of a district"), "partial"),
)

# Manifest wording meant for the project, not a reader.
MANIFEST_WORDS = (
    (re.compile(r"\s*\(see [^)]*\)"), ""),
    (re.compile(r"\bthe bundle\b"), "trustmap"),
)


@dataclass(frozen=True)
class SourceGroup:
    """Files read for one purpose: `files` give the publisher, edition and licence shown,
    `supporting` files (code lookups, data dictionaries) are read with them."""

    name: str
    used_for: str
    files: tuple[str, ...]
    supporting: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """One source as a reader sees it."""

    name: str
    publisher: str
    edition: str
    licence: str
    used_for: str


@dataclass(frozen=True)
class NhsYear:
    """One NHS geography as a reader sees it: 'April 2013', 'Clinical commissioning groups',
    '211 of 211', how councils are classed against it, whether the map draws it, and notes."""

    date: str
    bodies: str
    known: str
    method: str
    drawn: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """A term and its description, for a definition list."""

    term: str
    description: str


def _date(value) -> str:
    return f"{pd.Timestamp(value):%B %Y}"


def _health_files(*columns: str, method: str | None = None) -> tuple[str, ...]:
    table = health_vintages.health_vintages()
    if method is not None:
        table = table[table["method"] == method]
    files = [file for column in columns for file in table[column].dropna()]
    return tuple(dict.fromkeys(files))


def overlay_dates() -> list[str]:
    """The dates ('April 2013') of the NHS geographies classed from outlines only."""
    table = health_vintages.health_vintages()
    dates = table.loc[table["method"] == "overlay", "in_force_from"]
    return list(dict.fromkeys(_date(date) for date in dates))


def source_groups() -> list[SourceGroup]:
    """Every bundle file the dashboard reads, grouped by use, in the page's order."""
    return [
        SourceGroup(
            "Council boundaries",
            "The outline of every council with children's services duties from 2004 to 2023: "
            "each year's councils are joined from these districts (those of 2004-2008 by undoing "
            "the changes of April 2009).",
            (councils.DISTRICTS_FILE,),
        ),
        SourceGroup(
            "Local government reorganisations, 2018 to 2025",
            "Following councils, and the small areas inside them, through the mergers of 2019 "
            "to 2023.",
            (health_vintages.LA_CHANGES_FILE,),
        ),
        SourceGroup(
            "Small-area lookups to NHS bodies and councils",
            "Which NHS body and which council each of England's small statistical areas (lower "
            "layer super output areas) lay in: the exact test of whether boundaries matched.",
            tuple(
                dict.fromkeys(
                    _health_files("lookup_file", "district_file", method="membership")
                    + (health.LSOA_LOOKUP_FILE,)
                )
            ),
        ),
        SourceGroup(
            "Outlines of NHS bodies",
            "Drawing NHS bodies on the map; and, for "
            f"{in_words(overlay_dates())}, when no small-area lookup exists, deciding "
            "each council's class by overlaying outlines.",
            tuple(dict.fromkeys(_health_files("polygon_file") + (health.CCG_FILE,))),
        ),
        SourceGroup(
            "Primary care trusts of October 2006 and the areas they covered",
            "The primary care trusts around each council in the children's trust era, for the "
            "trusts whose areas a source states.",
            (health.PCT_FILE,),
        ),
        SourceGroup(
            "Local Authority Interactive Tool (LAIT)",
            "Most indicators: children's social care, special educational needs and disability, "
            "child health, early years, schools, post-16, youth justice and spending, each with "
            "its unit and which direction is better.",
            (indicators.LAIT_DATA_FILE,),
            (indicators.LAIT_METADATA_FILE, indicators.DFE_LA_LOOKUP_FILE),
        ),
        SourceGroup(
            "English Indices of Deprivation 2019",
            "Deprivation of councils and districts in 2019, including income deprivation "
            "affecting children; context for every comparison.",
            ("indicators/iod2019_utla_summaries.csv", "indicators/iod2019_ltla_summaries.csv"),
        ),
        SourceGroup(
            "Indices of Multiple Deprivation 2004, 2007 and 2010, by small area",
            "Deprivation of the councils of the children's trust era in 2004 and 2007: the "
            "share of their small areas among England's most deprived tenth, and their mean "
            "small-area score (an unweighted approximation of the official average).",
            (indicators.IMD_LSOA_FILE,),
        ),
        SourceGroup(
            "Indices of Multiple Deprivation 2004 to 2015 on the districts of 2021",
            "One deprivation series on a single geography; these are re-aggregated from small "
            "areas, not the official council summaries of the time.",
            ("indicators/imd_2004_2015_ltla21_derived_humaniverse.csv",),
        ),
        SourceGroup(
            "Child mortality tables, 2020 and 2021",
            "Births, stillbirths and infant deaths, with their rates, by council.",
            ("indicators/ons_infant_mortality_by_la_2020_2021.csv",),
        ),
        SourceGroup(
            "Under-18 conceptions, 1998 to 2017",
            "The one council outcome that spans the pathfinder era: from five years before the "
            "2003 announcement to fourteen after.",
            (indicators.CONCEPTIONS_FILE,),
        ),
        SourceGroup(
            "Children looked after, 31 March 2010",
            "Children looked after by each council in 2010, and the children aged 0-17 at "
            "mid-2009 from which the pathfinders' share of England's children is counted.",
            (indicators.SFR27_FILE,),
        ),
        SourceGroup(
            "Children's services statistical neighbours",
            "Each council's ten most similar councils, for comparing the pathfinders with their "
            "own neighbours.",
            (NEIGHBOURS_FILE,),
        ),
    ]


def grouped_files() -> set[str]:
    """Every file some group names."""
    return {file for group in source_groups() for file in (*group.files, *group.supporting)}


def used_files(build: Build) -> set[str]:
    """The bundle files the build and the analyses read: the set `source_groups` must cover."""
    return {
        councils.DISTRICTS_FILE,
        health_vintages.LA_CHANGES_FILE,
        health.CCG_FILE,
        health.LSOA_LOOKUP_FILE,
        health.PCT_FILE,
        *_health_files("lookup_file", "district_file", "polygon_file"),
        *build["indicator_catalogue"]["source_file"],
        indicators.LAIT_METADATA_FILE,
        indicators.DFE_LA_LOOKUP_FILE,
        NEIGHBOURS_FILE,
    }


def _cleaned(text: str) -> str:
    for pattern, replacement in MANIFEST_WORDS:
        text = pattern.sub(replacement, text)
    return text


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(_cleaned(str(v)) for v in values))


def sources_in_words(build: Build) -> list[Source]:
    """Each group of `source_groups` with its publishers, editions and licences (from the
    manifest, joined where its files differ) and, for indicator files, how many indicators."""
    manifest = sources.manifest()
    counts = build["indicator_catalogue"]["source_file"].value_counts()
    described = []
    for group in source_groups():
        rows = manifest.loc[list(group.files)]
        indicators_read = int(counts.reindex(list(group.files)).fillna(0).sum())
        used_for = group.used_for
        if indicators_read:
            used_for += f" Indicators used: {indicators_read:,}."
        described.append(
            Source(
                name=group.name,
                publisher=_joined(rows["publisher"]),
                edition=_joined(rows["vintage"]),
                licence=_joined(rows["licence"]),
                used_for=used_for,
            )
        )
    return described


def council_years(build: Build) -> list[Entry]:
    """The councils of each year: term 'April 2009', description '152 councils: Bedfordshire
    and Cheshire split; five counties unitary'."""
    counted = build["councils"].groupby("vintage")["la_code"].nunique()
    entries = []
    for row in councils.vintages().itertuples():
        when, _, what = row.label.partition(": ")
        entries.append(Entry(when, f"{counted.get(row.vintage, 0)} councils: {what}"))
    return entries


def layer_remarks(coverage: str) -> dict[str, int]:
    """The numbers of `REMARK_PATTERNS` found in one layer's coverage text."""
    found = {}
    for pattern, name in REMARK_PATTERNS:
        if match := pattern.search(coverage):
            found[name] = int(match.group(1))
    return found


def _notes(remarks: dict[str, int], expected: int, unnamed: int) -> tuple[str, ...]:
    notes = []
    if "sourced" in remarks:
        partial = remarks.get("partial")
        notes.append(
            f"A source states the areas of {remarks['sourced']}"
            + (
                f", {partial} of which covered part of a district, which the district "
                "outlines cannot draw"
                if partial
                else ""
            )
            + f"; the other {expected - remarks['sourced']} are unsourced."
        )
    if remarks.get("repaired"):
        notes.append(
            f"{remarks['repaired']} outlines were repaired where the published file's shapes "
            "crossed themselves."
        )
    if unnamed:
        notes.append(f"{unnamed} have no name in any source, only a code.")
    return tuple(notes)


def health_coverage(build: Build) -> list[NhsYear]:
    """One row per NHS geography, oldest first: its date and kind, how many of its bodies the
    build places (of those that existed), by which method, whether the map can draw them, and
    notes (sourced trusts of 2006, repaired outlines, bodies without a name)."""
    remarks = {
        layer["layer"].removeprefix("health-"): layer_remarks(layer["coverage"])
        for layer in build.layers
        if layer["layer"].startswith("health-")
    }
    areas = build[health_vintages.AREAS_TABLE]
    rows = []
    for row in health_vintages.health_vintages().itertuples():
        outlines = areas[areas["health"] == row.id]
        rows.append(
            NhsYear(
                date=_date(row.in_force_from),
                bodies=KIND_NAMES.get(row.kind, row.kind),
                known=f"{health_classes.bodies_known(build, row.id)} of {row.expected_bodies}",
                method=COTERMINOSITY_METHOD_LABELS.get(row.method, row.method),
                drawn=len(outlines) > 0,
                notes=_notes(
                    remarks.get(row.id, {}),
                    int(row.expected_bodies),
                    int(outlines["health_name"].isna().sum()),
                ),
            )
        )
    return rows
