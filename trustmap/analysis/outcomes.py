"""Did it matter? Each council's change in an indicator between two periods, compared between
councils coterminous with their NHS body throughout a span of health vintages and the rest, or
between pathfinders and the rest, unadjusted and under a chain of adjustments.

Observational and confounded: nobody assigned councils to share a boundary or to be pathfinders.
The difference is therefore shown with every adjustment's sensitivity (`ESTIMATES`): Welch
unadjusted; OLS with HC3 errors adjusted for the IoD 2019 IMD average score, then also for the
value in the first period, then also for the English region (fixed effects); and that last model
without London. The headline says which intervals exclude zero. Every council of the compared
vintage that is not compared is named with its reason (`left_out`), and councils whose change lies
far from the median are named and kept (`far_councils`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trustmap.analysis import group_comparison
from trustmap.analysis.before_after import council_series
from trustmap.bundle import choices, health_vintages
from trustmap.bundle.build import Build
from trustmap.bundle.indicators import to_vintage_codes
from trustmap.model import health_classes, values
from trustmap.model.vintages import check_vintage, council_table
from trustmap.stats import change
from trustmap.stats.formatting import format_value
from trustmap.stats.outliers import far_from_median
from trustmap.stats.readings import format_number
from trustmap.stats.wording import format_p
from trustmap.vocabulary import COTERMINOUS_THROUGHOUT_GROUPS, LEFT_OUT_REASONS, OUTCOME_ESTIMATES

__all__ = [
    "COVARIATE",
    "DEFAULT_SPAN",
    "ESTIMATES",
    "GROUPINGS",
    "METHOD_NOTE",
    "OutcomeChoice",
    "Outcomes",
    "check_outcome_choice",
    "compare_outcome_change",
    "difference_estimates",
    "dropped_sentence",
    "estimate_rows",
    "far_councils",
    "headline",
    "health_span",
    "left_out",
    "observational",
    "outcome_comparison",
    "outcome_groups",
    "outcome_indicators",
    "outcomes",
    "outlier_note",
    "reading",
    "span_label",
    "summary_rows",
]

Grouping = Literal["coterminous", "pathfinder"]
GROUPINGS: tuple[Grouping, ...] = ("coterminous", "pathfinder")
# The CCG years before the 2020 mergers: the longest run of health vintages in which a council
# could share its boundary with one body (CCG 2013 to CCG 2019).
DEFAULT_SPAN = "ccg2013:ccg2019"
COVARIATE = ("iod2019-imd-average-score", "2019")
LEVEL = "value_from"  # the covariate that is each council's value in the first period
REGION = "region"
LONDON = "London"  # the region name of the 33 London boroughs in the council tables
ESTIMATES = tuple(OUTCOME_ESTIMATES)  # unadjusted, then each adjustment added to the last
FAR_IQRS = 3
ESTIMATE_DECIMALS = 2  # the estimates table: two decimals, as the differences are read
METHOD_NOTE = (
    "Unadjusted: Welch t interval. The others: least squares of each council's change on its "
    "group and the covariates named, HC3 robust standard errors and t intervals; region is one "
    "of the nine English regions; without London keeps every adjustment."
)
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


def difference_estimates(
    table: pd.DataFrame,
    in_first: pd.Series,
    comparison: dict,
    deprivation: pd.Series,
    region: pd.Series,
) -> list[dict]:
    """The difference in change (first group minus second) under each of `ESTIMATES`: the Welch
    `comparison`; OLS with HC3 errors (`change.adjusted_difference`) adjusted for `deprivation`,
    also for the level in the first period (`table["before"]`), also for `region` (la_code ->
    region name) as fixed effects, and that model without London. One dict per estimate:
    estimate, n, coefficient, ci_low, ci_high, p, excludes_zero, method, covariates,
    fixed_effects, missing_covariate."""
    covariates = deprivation.to_frame(COVARIATE[0])
    with_level = covariates.join(table["before"].rename(LEVEL))
    region = region.rename(REGION)
    outside_london = table[region.reindex(table.index) != LONDON]
    fits = {
        "deprivation": change.adjusted_difference(table, in_first, covariates),
        "level": change.adjusted_difference(table, in_first, with_level),
        "region": change.adjusted_difference(table, in_first, with_level, fixed_effects=region),
        "without_london": change.adjusted_difference(
            outside_london, in_first, with_level, fixed_effects=region
        ),
    }
    rows = [
        {
            "estimate": "unadjusted",
            "n": sum(group["n"] for group in comparison["groups"]),
            "coefficient": comparison["diff"],
            "ci_low": comparison["ci_low"],
            "ci_high": comparison["ci_high"],
            "p": comparison["p_welch"],
            "method": "Welch",
            "covariates": [],
            "fixed_effects": None,
            "missing_covariate": 0,
        }
    ]
    keys = ("n", "coefficient", "ci_low", "ci_high", "p", "covariates", "fixed_effects")
    for estimate, fit in fits.items():
        rows.append(
            {
                "estimate": estimate,
                **{key: fit[key] for key in keys},
                "method": f"OLS, {fit['standard_errors']} errors",
                "missing_covariate": fit["missing_covariate"],
            }
        )
    return [row | {"excludes_zero": row["ci_low"] > 0 or row["ci_high"] < 0} for row in rows]


def compare_outcome_change(
    series: pd.DataFrame,
    in_first: pd.Series,
    deprivation: pd.Series,
    region: pd.Series,
    *,
    labels: tuple[str, str],
    periods: tuple[str, str],
) -> tuple[pd.DataFrame, dict, list[dict]]:
    """From `series` (area_code, period, value), the councils `in_first` classifies: the
    `change.council_change` table (before, after, change = value in periods[1] minus value in
    periods[0]), its Welch comparison between the groups (`change.compare_change`) and the
    `difference_estimates` adjusted for `deprivation` and `region` (la_code -> value)."""
    series = series[series["area_code"].isin(in_first.index)]
    table = change.council_change(series, before=[periods[0]], after=[periods[1]])
    comparison = change.compare_change(table, in_first, labels=labels)
    estimates = difference_estimates(table, in_first, comparison, deprivation, region)
    return table, comparison, estimates


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
    groups of `outcome_groups`: `comparison` (Welch: groups with n, mean, median, sd; diff,
    ci_low, ci_high, p_welch), `estimates` (`difference_estimates`), `headline`, `left_out`
    (every council of the vintage not compared, with its reason; see `left_out`), `outliers`
    (`far_councils`), `reading` and `caveat`."""
    _check_periods(build, indicator_id, period_from, period_to)
    vintage = check_vintage(
        build, la_vintage or values.data_vintage(build, indicator_id, period_to)
    )
    health_ids = health_span(span) if by == "coterminous" else []
    in_first, labels = outcome_groups(build, by, vintage, health_ids)
    periods = (period_from, period_to)
    series = council_series(build, indicator_id, list(periods), vintage)
    deprivation = values.council_values(build, *COVARIATE, vintage).rename(COVARIATE[0])
    region = council_table(build, vintage).set_index("la_code")["region_name"]
    table, comparison, estimates = compare_outcome_change(
        series, in_first, deprivation, region, labels=labels, periods=periods
    )
    councils = _council_rows(build, table, in_first, labels, deprivation, vintage)
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
        "comparison": comparison,
        "estimates": estimates,
        "covariate_label": values.indicator_meta(build, COVARIATE[0])["label"],
        "left_out": left_out(
            build, indicator_id, periods, vintage, in_first, series, health_ids, deprivation
        ),
        "outliers": far_councils(councils),
        "caveat": observational(by),
        "source": meta["source"],
    }
    result["headline"] = headline(result)
    result["reading"] = reading(result)
    return Outcomes(result, councils)


def _span_reasons(build: Build, health_ids: list[str], vintage: str) -> pd.Series:
    """la_code -> why a council of `vintage` has no known class throughout the span:
    `area_changed_in_span` (its area matches a council in some vintages of the span, not in
    others), `not_a_council_in_span` (in none of them), `not_determined_in_span`."""
    table = health_classes.timeline(build, la_vintage=vintage)
    table = table[table["health"].isin(health_ids)]
    changed = (table["class"] == health_classes.AREA_CHANGED).groupby(table["la_code"])
    undetermined = (table["class"] == health_classes.NOT_DETERMINED).groupby(table["la_code"])
    reasons = pd.Series(None, index=changed.any().index, dtype="object")
    reasons[undetermined.any()] = "not_determined_in_span"
    reasons[changed.all()] = "not_a_council_in_span"
    reasons[changed.any() & ~changed.all()] = "area_changed_in_span"
    return reasons.dropna()


def _value_reason(
    build: Build, indicator_id: str, period: str, vintage: str, series: pd.DataFrame
) -> pd.Series:
    """la_code of `vintage` -> why it has no value in `period`: `not_a_council_then` (no council
    of the data's vintage then has its area), `combined_unit` (the source publishes it with
    another council) or `no_value`; councils with a value are absent."""
    then = values.data_vintage(build, indicator_id, period)
    same_area = health_classes.follow_councils(build["council_members"], vintage, then)
    reasons = pd.Series("no_value", index=same_area["la_code"].to_numpy(), dtype="object")
    reasons[~same_area["same_area"].to_numpy()] = "not_a_council_then"
    rows = values.indicator_rows(build, indicator_id, period)
    parts = rows.loc[rows["geography"] == "combined", "area_code"].str.split(";").explode()
    combined = to_vintage_codes(parts, build["council_members"], vintage).dropna()
    reasons[reasons.index.isin(combined) & (reasons == "no_value")] = "combined_unit"
    valued = series.loc[(series["period"] == period) & series["value"].notna(), "area_code"]
    return reasons.drop(valued, errors="ignore")


def left_out(
    build: Build,
    indicator_id: str,
    periods: tuple[str, str],
    vintage: str,
    in_first: pd.Series,
    series: pd.DataFrame,
    health_ids: list[str],
    deprivation: pd.Series,
) -> list[dict]:
    """Every council of `vintage` not compared, or compared without a deprivation score, by
    reason then code: la_code, la_name and the first reason that applies, in words
    (`LEFT_OUT_REASONS`): its area changed within the span; no value in a period (not yet a
    council then, a combined unit in the source, or simply none); coterminosity not determined,
    or not a council, in the span; in neither group. `series` holds the rows compared
    (area_code, period, value)."""
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    span = _span_reasons(build, health_ids, vintage) if health_ids else pd.Series(dtype=object)
    by_period = {p: _value_reason(build, indicator_id, p, vintage, series) for p in periods}
    found: dict[str, tuple[str, str | None]] = {}
    for code in names.index:
        reason = _first_reason(code, span, by_period, in_first.index)
        if reason is None and pd.isna(deprivation.get(code)):
            reason = ("missing_covariate", None)
        if reason is not None:
            found[code] = reason
    order = list(LEFT_OUT_REASONS)
    return [
        {
            "la_code": code,
            "la_name": names[code],
            "reason": LEFT_OUT_REASONS[key].format(period=period),
        }
        for code, (key, period) in sorted(
            found.items(), key=lambda item: (order.index(item[1][0]), item[1][1] or "", item[0])
        )
    ]


def _first_reason(
    code: str, span: pd.Series, by_period: dict[str, pd.Series], grouped: pd.Index
) -> tuple[str, str | None] | None:
    """The first reason (key, period) why council `code` is not compared, or None."""
    if span.get(code) == "area_changed_in_span":
        return "area_changed_in_span", None
    for period, reasons in by_period.items():
        if code in reasons.index:
            return reasons[code], period
    if code in span.index:
        return span[code], None
    return None if code in grouped else ("not_grouped", None)


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


def far_councils(councils: pd.DataFrame, *, iqrs: float = FAR_IQRS) -> list[dict]:
    """The councils (la_code, la_name, change) whose change lies more than `iqrs`
    interquartile ranges from the median change of all councils compared; they stay in every
    estimate."""
    indexed = councils.set_index("la_code")
    far = far_from_median(indexed["change"], iqrs)
    return [
        {"la_code": code, "la_name": indexed.at[code, "la_name"], "change": float(value)}
        for code, value in far.items()
    ]


def outlier_note(result: dict) -> str:
    """Which councils lie far from the rest (kept), or that none does."""
    rule = f"more than {FAR_IQRS} interquartile ranges from the median change"
    if not result["outliers"]:
        return f"No council changed by {rule}."
    named = "; ".join(
        f"{row['la_name']} ({format_value(row['change'])})" for row in result["outliers"]
    )
    return f"Far from the rest ({rule}), kept in every estimate: {named}."


def outcomes(build: Build, indicator_id: str, **options) -> dict:
    """The `result` of `outcome_comparison` (options: period_from, period_to, by, span,
    la_vintage)."""
    return outcome_comparison(build, indicator_id, **options).result


def observational(by: Grouping) -> str:
    """Why the comparison cannot show cause, for one grouping."""
    return (
        f"Observational and confounded: {CONFOUNDED[by]}, and the groups differ in more than "
        "the deprivation, starting level and region adjusted for."
    )


def _interval(estimate: float, low: float, high: float, p: float) -> str:
    return (
        f"{format_value(estimate)} (95% CI {format_value(low)} to {format_value(high)}, p={p:.2g})"
    )


def reading(result: dict) -> str:
    """The comparison in plain words: each group's mean change, the unadjusted difference with
    its 95% Welch interval, and the caveat."""
    compared = result["comparison"]
    first, second = compared["groups"]
    return (
        f"From {result['period_from']} to {result['period_to']} the {result['label']} of "
        f"{first['group']} changed by {format_value(first['mean'])} on average "
        f"(n={first['n']}), that of {second['group']} by {format_value(second['mean'])} "
        f"(n={second['n']}): a difference of "
        + _interval(compared["diff"], compared["ci_low"], compared["ci_high"], compared["p_welch"])
        + f", Welch. {result['caveat']}"
    )


def _phrase(estimate: str, result: dict, *, in_sentence: bool) -> str:
    return OUTCOME_ESTIMATES[estimate][in_sentence].format(period=result["period_from"])


def _listed(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else f"{', '.join(phrases[:-1])} and {phrases[-1]}"


def _movement(first: float, second: float, second_group: str) -> str:
    """How the first group's mean change compares with the second's, in words."""
    if first < 0 < second:
        return f"fell, while that of {second_group} rose"
    if second < 0 < first:
        return f"rose, while that of {second_group} fell"
    rising = first > 0 or second > 0
    less = first < second if rising else first > second
    verb = "rose" if rising else "fell"
    return f"{verb} {'less' if less else 'more'} than that of {second_group}"


def headline(result: dict) -> str:
    """The difference and how far it survives adjustment: which estimates' 95% intervals
    exclude zero and which do not, in words."""
    first, second = result["comparison"]["groups"]
    lead = (
        f"From {result['period_from']} to {result['period_to']} the {result['label']} of "
        f"{first['group']} {_movement(first['mean'], second['mean'], second['group'])}"
    )
    excluding, including = (
        [
            _phrase(row["estimate"], result, in_sentence=True)
            for row in result["estimates"]
            if row["excludes_zero"] is wanted
        ]
        for wanted in (True, False)
    )
    if not including:
        return f"{lead}; every estimate, unadjusted or adjusted, has a 95% interval excluding zero."
    if not excluding:
        return f"{lead}, but no estimate has a 95% interval excluding zero: it could be chance."
    return (
        f"{lead}: {_listed(excluding)} the 95% interval excludes zero, but "
        f"{_listed(including)} it does not, so the difference could be chance."
    )


def estimate_rows(result: dict) -> list[dict]:
    """The estimates as a reader sees them (to `ESTIMATE_DECIMALS`): estimate (its name), n,
    difference, ci (95%), p and reading ("excludes zero" or "could be chance")."""
    return [
        {
            "estimate": _phrase(row["estimate"], result, in_sentence=False),
            "n": row["n"],
            "difference": format_number(row["coefficient"], ESTIMATE_DECIMALS),
            "ci": " to ".join(
                format_number(row[end], ESTIMATE_DECIMALS) for end in ("ci_low", "ci_high")
            ),
            "p": format_p(row["p"]),
            "reading": "excludes zero" if row["excludes_zero"] else "could be chance",
        }
        for row in result["estimates"]
    ]


def summary_rows(result: dict) -> pd.DataFrame:
    """The result of `outcomes` as key/value rows (for a table or CSV): groups' n and mean
    change, each estimate's n, coefficient, ci_low, ci_high and p, the councils left out per
    reason, the outliers, headline, reading and source."""
    compared = result["comparison"]
    rows = {
        key: result[key]
        for key in ("indicator", "period_from", "period_to", "la_vintage", "by", "councils")
    }
    rows["span"] = ";".join(result["span"])
    for group in compared["groups"]:
        rows[f"n: {group['group']}"] = group["n"]
        rows[f"mean change: {group['group']}"] = group["mean"]
    for row in result["estimates"]:
        name = _phrase(row["estimate"], result, in_sentence=True)
        rows |= {
            f"{key}: {name}": row[key] for key in ("n", "coefficient", "ci_low", "ci_high", "p")
        }
    rows["covariate"] = result["covariate_label"]
    for reason, count in Counter(row["reason"] for row in result["left_out"]).items():
        rows[f"left out: {reason}"] = count
    rows["outliers"] = "; ".join(row["la_name"] for row in result["outliers"])
    rows |= {key: result[key] for key in ("headline", "reading", "source")}
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})


def dropped_sentence(result: dict) -> str:
    """How many councils were compared, and how many were left out for each reason."""
    counts = Counter(row["reason"] for row in result["left_out"])
    reasons = "; ".join(f"{reason} ({count})" for reason, count in counts.items())
    return (
        f"{result['councils']} councils of {result['la_vintage']} compared. "
        f"Left out: {reasons or 'none'}."
    )
