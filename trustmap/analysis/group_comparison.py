"""Two groups of councils compared on one indicator period: pathfinders against the other
councils, or councils coterminous with a health geography against the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trustmap.analysis.profile import indicator_decimals
from trustmap.bundle.build import Build
from trustmap.bundle.choices import check_choice
from trustmap.bundle.health_vintages import health_label
from trustmap.model.council_filter import (
    DEFAULT_HEALTH,
    CouncilFilter,
    describe_filter,
    filter_councils,
)
from trustmap.model.health_classes import NOT_DETERMINED, classify
from trustmap.model.pathfinders import vintage_pathfinders, years_after_announcement
from trustmap.model.values import council_values, data_vintage, indicator_meta
from trustmap.model.vintages import check_vintage, council_table
from trustmap.stats import compare
from trustmap.stats.compare import ComparisonStatistics
from trustmap.vocabulary import COTERMINOUS_GROUPS, PATHFINDER_GROUPS

__all__ = [
    "GROUPINGS",
    "Comparison",
    "ComparisonResult",
    "compare_indicator",
    "comparison",
    "comparison_source",
    "group_membership",
    "membership_classes",
]

GROUPINGS = ("pathfinder", "coterminous")


class ComparisonResult(ComparisonStatistics):
    """A group comparison, JSON-ready: what was compared, the statistics, and its source."""

    indicator: str
    label: str
    period: str
    la_vintage: str
    by: str
    councils_matched: int
    filters: str  # the filters in words (`council_filter.describe_filter`)
    health: str | None  # the NHS geography of a coterminosity grouping
    unit: str
    decimals: int
    polarity: Literal["high", "low"] | None
    years_after_2003: int
    source: str
    licence: str


def group_membership(
    build: Build, by: str, vintage: str, *, health: str = DEFAULT_HEALTH
) -> tuple[pd.Series, tuple[str, str]]:
    """Boolean series (la_code -> in first group) and the two group labels in words
    (`vocabulary.PATHFINDER_GROUPS`, `COTERMINOUS_GROUPS`); councils whose coterminosity is not
    determined belong to neither group."""
    check_choice(by, GROUPINGS, "grouping")
    if by == "pathfinder":
        status = vintage_pathfinders(build, vintage)
        return status.set_index("la_code")["pathfinder"], PATHFINDER_GROUPS
    table = classify(build, health, la_vintage=vintage)
    table = table[table["class"] != NOT_DETERMINED]
    first, second = COTERMINOUS_GROUPS
    return (table.set_index("la_code")["class"] == "coterminous"), (
        first.format(health=health_label(health)),
        second,
    )


def membership_classes(build: Build, by: str, vintage: str, health: str) -> pd.Series:
    """la_code -> the map's class of each council for `by`: "pathfinder" or "other"
    (`colouring.PATHFINDER_CLASSES`), or its coterminosity class (`COTERMINOSITY_CLASSES`), so
    that a chart colours each council as the map does."""
    if by == "pathfinder":
        status = vintage_pathfinders(build, vintage).set_index("la_code")["pathfinder"]
        return status.map({True: "pathfinder", False: "other"})
    return classify(build, health, la_vintage=vintage).set_index("la_code")["class"]


@dataclass(frozen=True)
class Comparison:
    """A group comparison's `result` (JSON-ready: groups, diff, CI, tests, unit, decimals,
    filters, source) and the `values` it compared (la_code, la_name, value, group label,
    class: the council's class on the map)."""

    result: ComparisonResult
    values: pd.DataFrame


def comparison(
    build: Build,
    indicator_id: str,
    period: str,
    by: str,
    *,
    vintage: str | None = None,
    health: str = DEFAULT_HEALTH,
    council_filter: CouncilFilter | None = None,
) -> Comparison:
    """Group comparison of one indicator period (on `vintage`, by default its data's own) of
    the councils `council_filter` keeps. Raises ValueError when a group has too few values."""
    vintage = vintage or data_vintage(build, indicator_id, period)
    values = council_values(build, indicator_id, period, check_vintage(build, vintage))
    if council_filter is not None and council_filter.active:
        values = values[values.index.isin(filter_councils(build, vintage, council_filter))]
    membership, labels = group_membership(build, by, vintage, health=health)
    in_first = membership.reindex(values.index).dropna().astype(bool)
    result = compare.compare_groups(values, in_first, labels=labels)
    meta = indicator_meta(build, indicator_id)
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    compared = pd.DataFrame(
        {
            "la_code": in_first.index,
            "la_name": in_first.index.map(names),
            "value": values.reindex(in_first.index).to_numpy(),
            "group": in_first.map({True: labels[0], False: labels[1]}).to_numpy(),
            "class": in_first.index.map(membership_classes(build, by, vintage, health)),
        }
    )
    summary = ComparisonResult(
        indicator=indicator_id,
        label=meta["label"],
        period=period,
        la_vintage=vintage,
        by=by,
        **result.as_dict(),
        councils_matched=int(len(values)),
        filters=describe_filter(council_filter),
        health=health_label(health) if by == "coterminous" else None,
        unit=meta["unit"],
        decimals=int(indicator_decimals(build)[indicator_id]),
        polarity=meta["polarity"],
        years_after_2003=years_after_announcement(period),
        source=meta["source"],
        licence=meta["licence"],
    )
    return Comparison(summary, compared)


def compare_indicator(
    build: Build, indicator_id: str, period: str, by: str, **options
) -> ComparisonResult:
    """The `result` of `comparison` (options: vintage, health, council_filter)."""
    return comparison(build, indicator_id, period, by, **options).result


def comparison_source(result: ComparisonResult) -> str:
    """The source line of a comparison: indicator, period, councils compared, source, licence."""
    return (
        f"{result['label']}, {result['period']}, on the councils of {result['la_vintage']} "
        f"({result['councils_matched']} with a value). Source: {result['source']}. "
        f"{result['licence']}."
    )
