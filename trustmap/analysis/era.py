"""The pathfinder era on screen: the before/after choice a person makes (indicator, spans,
grouping), checked, and everything its view shows: the comparison of `before_after`, the two
groups' pooled yearly rates over every year of the indicator, the results as rows, and the
source line.

Only indicators published as a rate beside their count can be pooled (the denominator is
derived from the two); `POOLED_COUNTS` names each rate's count.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trustmap.analysis import before_after
from trustmap.bundle import choices
from trustmap.bundle.build import Build
from trustmap.bundle.health_vintages import health_vintages
from trustmap.model import values

__all__ = [
    "ANNOUNCED",
    "POOLED_COUNTS",
    "BeforeAfterChoice",
    "before_after_view",
    "check_choice",
    "comparison_rows",
    "era_indicators",
    "era_source",
    "span_text",
]

ANNOUNCED = 2003  # pathfinders named in July 2003
GROUPINGS: tuple[before_after.Grouping, ...] = ("pathfinder", "coterminous")
# rate indicator -> (its count indicator, the rate's "per")
POOLED_COUNTS = {"ons-u18-conception-rate": ("ons-u18-conceptions", 1000)}


@dataclass(frozen=True)
class BeforeAfterChoice:
    """A checked before/after choice: spans as `change.span_periods` reads them ("1998-2002"),
    grouping "pathfinder" or "coterminous", and the health vintage (None for pathfinders)."""

    indicator: str
    before: str
    after: str
    by: before_after.Grouping
    health: str | None = None


def era_indicators(build: Build) -> list[str]:
    """Rate indicators of `POOLED_COUNTS` with council values in years both before and after
    `ANNOUNCED`, in the catalogue's order."""
    known = set(build["indicator_catalogue"]["id"])
    eligible = []
    for indicator in POOLED_COUNTS:
        if indicator not in known:
            continue
        years = [int(p) for p in values.council_periods(build, indicator) if p.isdigit()]
        if any(y < ANNOUNCED for y in years) and any(y > ANNOUNCED for y in years):
            eligible.append(indicator)
    return eligible


def span_text(years: list[int]) -> str:
    """'1998-2002' from [1998, 2002]; one year alone ('2004') when both ends are the same."""
    first, last = years
    return str(first) if first == last else f"{first}-{last}"


def _years(value: object, name: str) -> list[int]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(year, int) and not isinstance(year, bool) for year in value)
        or value[0] > value[1]
    ):
        raise ValueError(f"the {name} span must be two years, first to last")
    return list(value)


def check_choice(
    build: Build, indicator: object, before: object, after: object, by: object, health: object
) -> BeforeAfterChoice:
    """The choice from values a browser sent, checked: an indicator of `era_indicators`, two
    [first, last] year spans with the before span ending before the after span starts, a
    grouping, and (for "coterminous") a known health vintage. Raises ValueError saying what
    is wrong."""
    indicator = choices.check_choice(indicator, era_indicators(build), "era indicator")
    spans = _years(before, "before"), _years(after, "after")
    if spans[0][1] >= spans[1][0]:
        raise ValueError(
            f"the before span ({span_text(spans[0])}) must end before the after span "
            f"({span_text(spans[1])}) starts"
        )
    by = choices.check_choice(by, GROUPINGS, "grouping")
    if by == "pathfinder":
        return BeforeAfterChoice(indicator, span_text(spans[0]), span_text(spans[1]), by)
    health_id: str = choices.check_choice(health, health_vintages()["id"], "NHS geography")
    return BeforeAfterChoice(indicator, span_text(spans[0]), span_text(spans[1]), by, health_id)


def before_after_view(build: Build, choice: BeforeAfterChoice) -> dict:
    """`before_after.before_after` of the choice (its council-level `did` and headline
    `did_reading` first, then the Welch `reading`; its pooled rates over the spans), plus
    `yearly`: the two groups' pooled rates in every year of the indicator (records of
    `before_after.group_pooled_rates`: period, group, councils, count, denominator, rate,
    ci_low, ci_high), `labels` (first group, second group), `source` (the line of
    `era_source`) and `source_name` (the data's citation alone).
    Raises ValueError when the spans name years the indicator lacks."""
    count_indicator, per = POOLED_COUNTS[choice.indicator]
    result = before_after.before_after(
        build,
        choice.indicator,
        before=choice.before,
        after=choice.after,
        by=choice.by,
        health=choice.health,
        count_indicator=count_indicator,
        per=per,
    )
    yearly = before_after.group_pooled_rates(
        build,
        count_indicator=count_indicator,
        rate_indicator=choice.indicator,
        by=choice.by,
        health=choice.health,
        vintage=result["la_vintage"],
        per=per,
    )
    labels = tuple(group["group"] for group in result["change"]["groups"])
    return result | {
        "yearly": yearly.to_dict(orient="records"),
        "labels": labels,
        "source_name": result["source"],
        "source": era_source(result),
    }


def era_source(result: dict) -> str:
    """The before/after view's source line: the data, the councils compared and left out,
    and how the pooled denominators were made."""
    dropped = result["dropped"]
    left_out = (
        f"{dropped['boundary_or_combined']} with no matching area or in a combined unit, "
        f"{dropped['missing_values']} with a missing value, "
        f"{dropped['not_classified']} not classified by the grouping"
    )
    return (
        f"Source: {result['source']}. Councils of {result['la_vintage']}: {result['councils']} "
        f"compared; left out: {left_out}. {result.get('denominator_note', '')} "
        f"Open Government Licence v3.0."
    ).replace("  ", " ")


def comparison_rows(result: dict) -> pd.DataFrame:
    """The level before, the change and the level after of a `before_after` result as rows:
    measure (level_before, change = after minus before, level_after), first, n_first,
    mean_first, second, n_second, mean_second, diff, ci_low, ci_high, p_welch."""
    rows = []
    for measure in ("level_before", "change", "level_after"):
        comparison = result[measure]
        first, second = comparison["groups"]
        rows.append(
            {
                "measure": measure,
                "first": first["group"],
                "n_first": first["n"],
                "mean_first": first["mean"],
                "second": second["group"],
                "n_second": second["n"],
                "mean_second": second["mean"],
                **{k: comparison[k] for k in ("diff", "ci_low", "ci_high", "p_welch")},
            }
        )
    return pd.DataFrame(rows)
