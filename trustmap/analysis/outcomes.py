"""Did it matter? Each council's change in an indicator between two periods, compared between
councils coterminous with their NHS body throughout a span of health vintages and the rest, or
between pathfinders and the rest, with a deprivation-adjusted difference.

Observational and confounded: nobody assigned councils to share a boundary or to be pathfinders,
and adjusting for one covariate (the IoD 2019 IMD average score) leaves every other difference
between the groups in place. Councils are left out, and counted, where a value is missing, where
their area differs between the periods and the council vintage compared, or where their
coterminosity in the span is not known (area changed, or not determined).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trustmap.analysis import group_comparison
from trustmap.analysis.before_after import council_series
from trustmap.bundle import choices, health_vintages
from trustmap.bundle.build import Build
from trustmap.model import health_classes, values
from trustmap.model.vintages import check_vintage, council_table
from trustmap.stats import change
from trustmap.stats.formatting import format_value
from trustmap.vocabulary import COTERMINOUS_THROUGHOUT_GROUPS

__all__ = [
    "COVARIATE",
    "DEFAULT_SPAN",
    "GROUPINGS",
    "Outcomes",
    "health_span",
    "observational",
    "outcome_comparison",
    "outcome_groups",
    "outcomes",
    "reading",
    "span_label",
    "span_unknowns",
    "summary_rows",
    "dropped_sentence",
    "OutcomeChoice",
    "check_outcome_choice",
    "compare_outcome_change",
    "outcome_indicators",
]

Grouping = Literal["coterminous", "pathfinder"]
GROUPINGS: tuple[Grouping, ...] = ("coterminous", "pathfinder")
# The CCG years before the 2020 mergers: the longest run of health vintages in which a council
# could share its boundary with one body (CCG 2013 to CCG 2019).
DEFAULT_SPAN = "ccg2013:ccg2019"
COVARIATE = ("iod2019-imd-average-score", "2019")
CONFOUNDED = {
    "coterminous": "nobody assigned councils to share a boundary with their NHS body",
    "pathfinder": "the pathfinders were chosen, not assigned",
}


def health_span(span: str) -> list[str]:
    """Health vintage ids from `span`: one id ("ccg2019") or 'first:last', both ends included,
    in the order of `health_vintages.csv` ('ccg2013:ccg2019' is the six CCG vintages 2013-2019)."""
    ids = list(health_vintages.health_vintages()["id"])
    first, _, last = span.partition(":")
    ends = [choices.check_choice(end, ids, "health vintage") for end in (first, last or first)]
    start, stop = ids.index(ends[0]), ids.index(ends[1])
    if start > stop:
        raise ValueError(f"span '{span}' runs backwards: {ends[0]} comes after {ends[1]}")
    return ids[start : stop + 1]


def span_label(health_ids: list[str]) -> str:
    """'CCG April 2013 to CCG April 2019', or one vintage's label."""
    first, last = (health_vintages.health_label(i) for i in (health_ids[0], health_ids[-1]))
    return first if len(health_ids) == 1 else f"{first} to {last}"


def outcome_groups(
    build: Build, by: Grouping, la_vintage: str, health_ids: list[str]
) -> tuple[pd.Series, tuple[str, str]]:
    """Boolean series (la_code of `la_vintage` -> in the first group) and the two labels. For
    "coterminous", councils coterminous in every vintage of `health_ids` against the rest;
    councils whose class there is unknown belong to neither group."""
    choices.check_choice(by, GROUPINGS, "grouping")
    if by == "pathfinder":
        in_first, labels = group_comparison.group_membership(build, by, la_vintage)
        return in_first.astype(bool), labels
    in_first = health_classes.coterminous_throughout(build, health_ids, la_vintage)
    first, second = COTERMINOUS_THROUGHOUT_GROUPS
    return in_first, (first.format(span=span_label(health_ids)), second)


def span_unknowns(build: Build, health_ids: list[str], la_vintage: str) -> dict[str, int]:
    """Councils of `la_vintage` whose class is unknown in some vintage of the span:
    `area_changed_in_span` (their area differs from every council then) and
    `not_determined_in_span` (the other unknowns: unsourced PCTs, or small areas that cannot be
    placed)."""
    table = health_classes.timeline(build, la_vintage=la_vintage)
    table = table[table["health"].isin(health_ids)]
    changed = set(table.loc[table["class"] == health_classes.AREA_CHANGED, "la_code"])
    unknown = set(table.loc[table["class"] == health_classes.NOT_DETERMINED, "la_code"])
    return {
        "area_changed_in_span": len(changed),
        "not_determined_in_span": len(unknown - changed),
    }


@dataclass(frozen=True)
class OutcomeChoice:
    """A checked choice of `outcome_comparison`'s arguments (span as 'first:last')."""

    indicator: str
    period_from: str
    period_to: str
    by: Grouping
    span: str = DEFAULT_SPAN


def outcome_indicators(catalogue: pd.DataFrame) -> list[str]:
    """Ids of the indicators with at least two periods (`periods` ';'-joined), in catalogue
    order: those whose change can be compared."""
    return catalogue.loc[catalogue["periods"].str.count(";") >= 1, "id"].tolist()


def check_outcome_choice(
    build: Build,
    indicator: object,
    period_from: object,
    period_to: object,
    by: object,
    span: tuple[object, object],
) -> OutcomeChoice:
    """The choice from values a browser sent, checked (raises ValueError saying what is
    wrong): an indicator with two periods of council values, in order, a grouping, and a span
    of known health vintages in order."""
    indicator = choices.check_choice(
        indicator, outcome_indicators(build["indicator_catalogue"]), "indicator"
    )
    if not (
        isinstance(period_from, str)
        and isinstance(period_to, str)
        and all(isinstance(value, str) for value in span)
    ):
        raise ValueError("choose two periods and the first and last NHS vintages of the span")
    _check_periods(build, indicator, period_from, period_to)
    by = choices.check_choice(by, GROUPINGS, "grouping")
    span_text = f"{span[0]}:{span[1]}"
    health_span(span_text)
    return OutcomeChoice(indicator, period_from, period_to, by, span_text)


@dataclass(frozen=True)
class Outcomes:
    """An outcome comparison's `result` (JSON-ready) and its `councils` (la_code, la_name,
    group, value_from, value_to, change, covariate: one row per council compared)."""

    result: dict
    councils: pd.DataFrame


def compare_outcome_change(
    series: pd.DataFrame,
    in_first: pd.Series,
    covariate: pd.Series,
    *,
    labels: tuple[str, str],
    periods: tuple[str, str],
) -> tuple[pd.DataFrame, dict, dict]:
    """From `series` (area_code, period, value), the councils `in_first` classifies: the
    `change.council_change` table (before, after, change = value in periods[1] minus value in
    periods[0]), its Welch comparison between the groups (`change.compare_change`) and the
    difference adjusted for `covariate` (la_code -> value; `change.adjusted_difference`)."""
    series = series[series["area_code"].isin(in_first.index)]
    table = change.council_change(series, before=[periods[0]], after=[periods[1]])
    comparison = change.compare_change(table, in_first, labels=labels)
    return table, comparison, change.adjusted_difference(table, in_first, covariate)


def _check_periods(build: Build, indicator_id: str, period_from: str, period_to: str) -> None:
    periods = values.council_periods(build, indicator_id)
    for period in (period_from, period_to):
        choices.check_choice(period, periods, f"period of {indicator_id} with council values")
    if period_from >= period_to:
        raise ValueError(f"--from ({period_from}) must come before --to ({period_to})")


def outcome_comparison(
    build: Build,
    indicator_id: str,
    *,
    period_from: str,
    period_to: str,
    by: Grouping = "coterminous",
    span: str = DEFAULT_SPAN,
    la_vintage: str | None = None,
) -> Outcomes:
    """Each council's change (value in `period_to` minus value in `period_from`) on the
    councils of `la_vintage` (default: the data's own in `period_to`), compared between the
    groups of `outcome_groups` with Welch statistics (`comparison`: groups with n, mean,
    median, sd; diff, ci_low, ci_high, p_welch) and adjusted for the IoD 2019 IMD average score
    by OLS with HC3 errors (`adjusted`: coefficient, ci_low, ci_high, p, n, ...). `dropped`
    counts the councils left out and why (`_dropped`, `span_unknowns`, and
    `missing_covariate`); `reading` says it in plain words."""
    _check_periods(build, indicator_id, period_from, period_to)
    vintage = check_vintage(
        build, la_vintage or values.data_vintage(build, indicator_id, period_to)
    )
    health_ids = health_span(span) if by == "coterminous" else []
    in_first, labels = outcome_groups(build, by, vintage, health_ids)
    series = council_series(build, indicator_id, [period_from, period_to], vintage)
    covariate = values.council_values(build, *COVARIATE, vintage).rename(COVARIATE[0])
    table, comparison, adjusted = compare_outcome_change(
        series, in_first, covariate, labels=labels, periods=(period_from, period_to)
    )
    dropped = _dropped(build, indicator_id, (period_from, period_to), vintage, in_first, table)
    if by == "coterminous":
        dropped |= span_unknowns(build, health_ids, vintage)
    dropped["missing_covariate"] = adjusted["missing_covariate"]
    meta = values.indicator_meta(build, indicator_id)
    result = {
        "indicator": indicator_id,
        "label": meta["label"],
        "unit": meta["unit"],
        "period_from": period_from,
        "period_to": period_to,
        "la_vintage": vintage,
        "by": by,
        "span": health_ids,
        "councils": len(table),
        "dropped": dropped,
        "comparison": comparison,
        "adjusted": adjusted,
        "covariate_label": values.indicator_meta(build, COVARIATE[0])["label"],
        "caveat": observational(by),
        "source": meta["source"],
    }
    result["reading"] = reading(result)
    return Outcomes(result, _council_rows(build, table, in_first, labels, covariate, vintage))


def _dropped(
    build: Build,
    indicator_id: str,
    periods: tuple[str, str],
    vintage: str,
    in_first: pd.Series,
    table: pd.DataFrame,
) -> dict[str, int]:
    """Grouped councils not compared: `boundary_changes` (no council of the data's vintage in
    one of the periods has the same area, e.g. a council created in 2021 has no 2016 value)
    and `missing_values` (the rest: the source has no value)."""
    left_out = in_first.index.difference(table.index)
    members = build["council_members"]
    same_area = [
        health_classes.follow_councils(
            members, vintage, values.data_vintage(build, indicator_id, period)
        ).set_index("la_code")["same_area"]
        for period in periods
    ]
    changed = [code for code in left_out if not all(s.get(code, False) for s in same_area)]
    return {"boundary_changes": len(changed), "missing_values": len(left_out) - len(changed)}


def _council_rows(
    build: Build,
    table: pd.DataFrame,
    in_first: pd.Series,
    labels: tuple[str, str],
    covariate: pd.Series,
    vintage: str,
) -> pd.DataFrame:
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    rows = table.rename(columns={"before": "value_from", "after": "value_to"})
    return pd.DataFrame(
        {
            "la_code": rows.index,
            "la_name": rows.index.map(names),
            "group": rows.index.map(in_first).map({True: labels[0], False: labels[1]}),
            "value_from": rows["value_from"].to_numpy(),
            "value_to": rows["value_to"].to_numpy(),
            "change": rows["change"].to_numpy(),
            "covariate": rows.index.map(covariate).to_numpy(dtype=float),
        }
    ).sort_values("la_code", ignore_index=True)


def outcomes(build: Build, indicator_id: str, **options) -> dict:
    """The `result` of `outcome_comparison` (options: period_from, period_to, by, span,
    la_vintage)."""
    return outcome_comparison(build, indicator_id, **options).result


def observational(by: Grouping) -> str:
    """Why the comparison cannot show cause, for one grouping."""
    return (
        f"Observational and confounded: {CONFOUNDED[by]}, and the groups differ in more than "
        "deprivation, the one covariate adjusted for."
    )


def _interval(estimate: float, low: float, high: float, p: float) -> str:
    return (
        f"{format_value(estimate)} (95% CI {format_value(low)} to {format_value(high)}, p={p:.2g})"
    )


def reading(result: dict) -> str:
    """The comparison in plain words: each group's mean change, the difference with its 95%
    Welch interval, the adjusted difference, and the caveat."""
    compared, adjusted = result["comparison"], result["adjusted"]
    first, second = compared["groups"]
    return (
        f"From {result['period_from']} to {result['period_to']} the {result['label']} of "
        f"{first['group']} changed by {format_value(first['mean'])} on average "
        f"(n={first['n']}), that of {second['group']} by {format_value(second['mean'])} "
        f"(n={second['n']}): a difference of "
        + _interval(compared["diff"], compared["ci_low"], compared["ci_high"], compared["p_welch"])
        + f", Welch. Adjusted for the {result['covariate_label']} (OLS, HC3 robust errors, "
        f"n={adjusted['n']}) it is "
        + _interval(adjusted["coefficient"], adjusted["ci_low"], adjusted["ci_high"], adjusted["p"])
        + f". {result['caveat']}"
    )


def summary_rows(result: dict) -> pd.DataFrame:
    """The result of `outcomes` as key/value rows (for a table or CSV): groups' n and mean
    change, diff, ci_low, ci_high, p_welch, the adjusted difference, the councils dropped and
    why, the reading and the source."""
    compared, adjusted = result["comparison"], result["adjusted"]
    rows = {
        key: result[key]
        for key in ("indicator", "period_from", "period_to", "la_vintage", "by", "councils")
    }
    rows["span"] = ";".join(result["span"])
    for group in compared["groups"]:
        rows[f"n: {group['group']}"] = group["n"]
        rows[f"mean change: {group['group']}"] = group["mean"]
    rows |= {key: compared[key] for key in ("diff", "ci_low", "ci_high", "p_welch")}
    rows |= {
        f"adjusted_{key}": adjusted[key] for key in ("coefficient", "ci_low", "ci_high", "p", "n")
    }
    rows["covariate"] = result["covariate_label"]
    rows |= {f"dropped_{key}": count for key, count in result["dropped"].items()}
    rows |= {"reading": result["reading"], "source": result["source"]}
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})


DROPPED_REASONS = {
    "boundary_changes": "whose area in {la_vintage} differs from the councils of either period",
    "missing_values": "without a value in one of the periods",
    "area_changed_in_span": "whose area changed within the span of NHS vintages",
    "not_determined_in_span": "whose coterminosity is not determined in the span",
    "missing_covariate": "without a deprivation score (in the adjusted difference only)",
}


def dropped_sentence(result: dict) -> str:
    """How many councils were compared, and how many were left out for each reason."""
    reasons = [
        f"{count} {DROPPED_REASONS[key].format(la_vintage=result['la_vintage'])}"
        for key, count in result["dropped"].items()
        if count
    ]
    left_out = "; ".join(reasons) if reasons else "none"
    return (
        f"{result['councils']} councils of {result['la_vintage']} compared. Left out: {left_out}."
    )
