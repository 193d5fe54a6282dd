"""Two groups of councils compared on one indicator period: pathfinders against the other
councils, or councils coterminous with a health geography against the rest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

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
    no_council_kept,
)
from trustmap.model.health_classes import NOT_DETERMINED, classify
from trustmap.model.pathfinders import vintage_pathfinders, years_after_announcement
from trustmap.model.value_gaps import missing_reasons
from trustmap.model.values import council_values, data_vintage, indicator_meta
from trustmap.model.vintages import check_vintage, council_table
from trustmap.stats import compare
from trustmap.stats.compare import ComparisonStatistics
from trustmap.stats.outliers import far_from_median
from trustmap.stats.wording import comparison_unavailable
from trustmap.vocabulary import COTERMINOUS_GROUPS, LEFT_OUT_REASONS, PATHFINDER_GROUPS

__all__ = [
    "GROUPINGS",
    "Comparison",
    "ComparisonResult",
    "ComparisonUnavailableError",
    "FarFromRest",
    "LeftOut",
    "compare_indicator",
    "comparison",
    "comparison_source",
    "group_membership",
    "membership_classes",
]

GROUPINGS = ("pathfinder", "coterminous")


class ComparisonUnavailableError(ValueError):
    """A comparison that cannot be drawn; its message says why in one plain sentence
    (`wording.comparison_unavailable`, or `council_filter.no_council_kept`)."""


class LeftOut(TypedDict):
    """A council of the vintage, kept by the filters, that is not compared, and why in words
    (`vocabulary.LEFT_OUT_REASONS`)."""

    la_code: str
    la_name: str
    reason: str


class FarFromRest(TypedDict):
    """A council compared whose value is far from the rest (`outliers.far_from_median`)."""

    la_code: str
    la_name: str
    value: float


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
    left_out: list[LeftOut]  # council by council, in code order
    far_from_rest: list[FarFromRest]  # kept in the statistics; highest value first


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


def _sizes(in_first: pd.Series) -> tuple[int, int]:
    """How many councils of `in_first` are in the first group, and in the second."""
    first = int(in_first.sum())
    return first, len(in_first) - first


def _left_out(
    build: Build,
    compared: pd.Index,
    kept: list[str],
    grouped: pd.Index,
    where: tuple[str, str, str],
    health: str,
) -> list[LeftOut]:
    """The councils `kept` but not `compared`: in neither group (coterminosity not determined),
    or without a value (`value_gaps.missing_reasons`) for the indicator period `where`
    (indicator, period, vintage)."""
    indicator_id, period, vintage = where
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    missing = missing_reasons(build, indicator_id, period, vintage, kept)
    not_grouped = LEFT_OUT_REASONS["not_determined"].format(health=health_label(health))
    return [
        LeftOut(
            la_code=code,
            la_name=names[code],
            reason=missing[code] if code in grouped else not_grouped,
        )
        for code in sorted(set(kept) - set(compared))
    ]


def _far_from_rest(values: pd.Series, names: pd.Series) -> list[FarFromRest]:
    far = far_from_median(values).sort_values(ascending=False)
    return [
        FarFromRest(la_code=code, la_name=names[code], value=value) for code, value in far.items()
    ]


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
    the councils `council_filter` keeps, naming those it leaves out and those far from the rest.
    Raises ComparisonUnavailableError, saying why in a sentence, when it cannot be drawn."""
    vintage = check_vintage(build, vintage or data_vintage(build, indicator_id, period))
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    council_filter = council_filter or CouncilFilter()
    filtered = council_filter.active
    kept = filter_councils(build, vintage, council_filter) if filtered else list(names.index)
    if not kept:
        raise ComparisonUnavailableError(no_council_kept(council_filter, vintage))
    values = council_values(build, indicator_id, period, vintage)
    values = values[values.index.isin(kept)]
    membership, labels = group_membership(build, by, vintage, health=health)
    grouped = membership.reindex(kept).dropna().astype(bool)
    in_first = membership.reindex(values.index).dropna().astype(bool)
    reason = comparison_unavailable(
        by,
        health_label(health) if by == "coterminous" else None,
        kept=_sizes(grouped),
        with_value=_sizes(in_first),
        period=period,
        filtered=filtered,
    )
    if reason:
        raise ComparisonUnavailableError(reason)
    result = compare.compare_groups(values, in_first, labels=labels)
    meta = indicator_meta(build, indicator_id)
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
        left_out=_left_out(
            build, in_first.index, kept, grouped.index, (indicator_id, period, vintage), health
        ),
        far_from_rest=_far_from_rest(values.reindex(in_first.index), names),
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
