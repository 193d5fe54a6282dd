"""Words, not codes: every table twin of the compare, NHS, era and council pages (and so every
CSV they download) headed and filled in the vocabulary's words, for a few real views; and the
era and outcome sentences name their groups without quoting them. Numbers, council codes and
indicator ids (the tables' "Area code" and "Indicator code" columns) are data and stay."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from layouts import charts, compare, council, era, nhs
from layouts.common import twin_headers
from trustmap.analysis import era as era_view
from trustmap.analysis import nhs_story, outcomes
from trustmap.analysis.group_comparison import GROUPINGS, comparison
from trustmap.analysis.neighbours import compare_with_neighbours
from trustmap.analysis.profile import spine_rows
from trustmap.bundle.health_vintages import health_vintages
from trustmap.bundle.themes import themes
from trustmap.model.values import data_vintage
from trustmap.show import chart_tables
from trustmap.show.spine_figure import spine_table
from trustmap.show.timeline_strip import council_strip
from trustmap.vocabulary import (
    COLUMN_HEADERS,
    COTERMINOSITY_CLASS_LABELS,
    COTERMINOSITY_METHOD_LABELS,
    GROUPING_LABELS,
    JUDGEMENT_METHOD_LABELS,
    PATHFINDER_CLASS_LABELS,
    PATHFINDER_STATUS_LABELS,
    UNROUNDED_SUFFIX,
)

SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
QUOTED = re.compile(r"'[^']*'")
KEYED = (
    PATHFINDER_STATUS_LABELS,
    PATHFINDER_CLASS_LABELS,
    COTERMINOSITY_CLASS_LABELS,
    COTERMINOSITY_METHOD_LABELS,
    JUDGEMENT_METHOD_LABELS,
    GROUPING_LABELS,
)
# The ids the core keys things by; a key that is also a word the vocabulary gives a reader
# ("coterminous", "not compared") is no code.
WORDS = {label for labels in KEYED for label in labels.values()}
CODES = (
    set(health_vintages()["id"])
    | set(themes()["theme"])
    | {key for labels in KEYED for key in labels}
) - WORDS

IMD, READINESS, LOOKED_AFTER = (
    "iod2019-imd-average-score",
    "lait-fsp-new-gooddev",
    "lait-lac",
)
SUTTON, DORSET = "E09000029", "E06000059"  # a 2003 pathfinder; a council made in 2019


def columns_of(module) -> dict[str, list[dict]]:
    """A layout module's table twins' column lists, by name."""
    return {
        name: columns
        for name, columns in vars(module).items()
        if isinstance(columns, list) and columns and isinstance(columns[0], dict)
    }


TWINS = {
    f"{module.__name__}.{name}": columns
    for module in (charts, compare, council, era, nhs)
    for name, columns in columns_of(module).items()
}


def coded(text: str) -> list[str]:
    """What in `text` reads as a code: snake_case words, a whole cell that is a code id, or
    a code id in quotes."""
    found = SNAKE_CASE.findall(text)
    if text in CODES:
        found.append(text)
    found += [quoted for quoted in QUOTED.findall(text) if quoted.strip("'") in CODES]
    return found


def codes_in(columns: list[dict], rows: list[dict]) -> dict[str, list[str]]:
    """Header or cell -> what reads as a code in it, over the columns a twin shows."""
    headers = twin_headers(columns)
    found = {f"header {header!r}": coded(header) for header in headers.values()}
    for row in rows:
        for field in headers:
            value = row.get(field)
            if isinstance(value, str):
                found[f"{field}: {value!r}"] = coded(value)
    return {where: codes for where, codes in found.items() if codes}


@pytest.mark.parametrize("name", TWINS)
def test_every_twin_column_has_the_vocabularys_header(name):
    """Each field of a twin is listed in COLUMN_HEADERS (a column may still name a narrower
    meaning of its own), so no header falls back to the field with its underscores spaced."""
    fields = [column["field"].removesuffix(UNROUNDED_SUFFIX) for column in TWINS[name]]
    assert [field for field in fields if field not in COLUMN_HEADERS] == []


def comparison_rows(build) -> tuple[list[dict], list[dict]]:
    results = [comparison(build, IMD, "2019", by).result for by in GROUPINGS]
    neighbours = compare_with_neighbours(
        build, IMD, "2019", data_vintage(build, IMD, "2019"), list_year="2025"
    )
    return (
        chart_tables.records(chart_tables.comparison_table(*results)),
        chart_tables.records(chart_tables.neighbours_table(neighbours)),
    )


@pytest.mark.bundle
def test_the_comparisons_read_in_words(build):
    rows, neighbours = comparison_rows(build)
    assert codes_in(compare.COMPARISON_TWIN, rows) == {}
    assert codes_in(compare.NEIGHBOURS_TWIN, neighbours) == {}
    assert {row["comparison"] for row in rows} == {
        "Pathfinders and other councils",
        "Coterminous councils and the rest",
    }
    assert [row["group"] for row in rows] == [
        "pathfinders (and successors)",
        "other councils",
        "councils coterminous with CCG April 2019",
        "councils not coterminous",
    ]


@pytest.mark.bundle
def test_the_charts_read_in_words(build):
    vintage = data_vintage(build, IMD, "2019")
    x = chart_tables.indicator_axis(build, IMD, "2019")
    y = chart_tables.indicator_axis(build, READINESS, "2019")
    scatter = chart_tables.scatter_table(build, x, y, vintage)
    trend = chart_tables.trend_table(build, LOOKED_AFTER)
    assert codes_in(charts.SCATTER_COLUMNS, chart_tables.records(scatter)) == {}
    assert codes_in(charts.TREND_COLUMNS, chart_tables.records(trend)) == {}
    published = chart_tables.records(chart_tables.published_totals_table())
    assert codes_in(charts.PUBLISHED_COLUMNS, published) == {}
    assert set(trend["group"].dropna()) == {"pathfinders (and successors)", "other councils"}


@pytest.mark.bundle
@pytest.mark.parametrize("by", ["pathfinder", "coterminous"])
def test_the_era_reads_in_words(build, by):
    choice = era_view.check_choice(
        build, "ons-u18-conception-rate", [1998, 2002], [2004, 2008], by, "ccg2019"
    )
    view = era_view.before_after_view(build, choice)
    assert codes_in(era.YEARLY_COLUMNS, view["yearly"]) == {}
    sentences = ("did_reading", "reading", "pooled_reading", "source")
    for sentence in (view[key] for key in sentences):
        assert QUOTED.findall(sentence) == [] and coded(sentence) == []
    header = era.results_table(era_view.comparison_rows(view)).children[0]
    assert coded(" ".join(str(cell.children) for cell in header.children.children)) == []


@pytest.mark.bundle
@pytest.mark.parametrize("by", ["pathfinder", "coterminous"])
def test_did_it_matter_reads_in_words(build, by):
    made = outcomes.outcome_comparison(
        build, LOOKED_AFTER, period_from="2016", period_to="2023", by=by
    )
    assert codes_in(nhs.OUTCOME_COLUMNS, chart_tables.records(made.councils)) == {}
    for sentence in (made.result["reading"], outcomes.dropped_sentence(made.result)):
        assert QUOTED.findall(sentence) == [] and coded(sentence) == []


@pytest.mark.bundle
def test_the_nhs_class_counts_read_in_words(build):
    table = nhs_story.class_count_table(build)
    rows = chart_tables.records(table)
    assert codes_in(nhs.CLASS_COUNT_COLUMNS, rows) == {}
    shown = pd.DataFrame(rows)
    assert "April 2019: 191 CCGs" in set(shown["label"])  # its name, not "ccg2019"
    assert set(shown["method"]) <= set(COTERMINOSITY_METHOD_LABELS.values())


@pytest.mark.bundle
@pytest.mark.parametrize(("area", "theme"), [(SUTTON, "early-years"), (DORSET, "education")])
def test_the_council_tables_read_in_words(build, area, theme):
    timeline = chart_tables.records(council_strip(build, area, "2019"))
    assert codes_in(council.TIMELINE_COLUMNS, timeline) == {}
    spine = spine_table(spine_rows(build, area, theme=theme))
    assert codes_in(council.SPINE_COLUMNS, chart_tables.records(spine)) == {}
    assert set(spine["method"]) <= set(JUDGEMENT_METHOD_LABELS.values())
