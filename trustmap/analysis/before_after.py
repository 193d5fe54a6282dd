"""Before and after 2003: each council's change between two spans of years, compared between
pathfinders and the rest, or coterminous councils and the rest, with the pooled yearly rates.

Observational: the 35 pathfinders were chosen, not assigned, and nobody assigned coterminosity.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from trustmap.analysis import group_comparison
from trustmap.bundle import choices
from trustmap.bundle.build import Build
from trustmap.bundle.indicators import COMBINED_UNITS_NOTE, to_vintage_codes
from trustmap.model import values, vintages
from trustmap.stats import change, rates

__all__ = [
    "DEFAULT_HEALTH",
    "before_after",
    "council_series",
    "group_pooled_rates",
    "pooled_reading",
    "reading",
]

# The only health geography complete for the 2009 councils today: PCT 2006 is sourced for 48
# of 152 PCTs, so most councils would be `not_determined` (and dropped).
DEFAULT_HEALTH = "ccg2019"
Grouping = Literal["pathfinder", "coterminous"]
OBSERVATIONAL = {
    "pathfinder": "This is observational: the pathfinders were chosen, not assigned.",
    "coterminous": "This is observational: no council was assigned to share its boundary.",
}


def council_series(
    build: Build, indicator_id: str, periods: list[str], vintage: str
) -> pd.DataFrame:
    """One indicator's council rows for `periods` on the councils of `vintage`: area_code,
    period, value (missing values kept). A source's council is matched to the council of
    `vintage` covering the same districts, as in `values.council_values`; others are left out."""
    rows = values.indicator_rows(build, indicator_id)
    rows = rows[(rows["geography"] == "council") & rows["period"].isin(periods)]
    codes = to_vintage_codes(rows["area_code"], build["council_members"], vintage)
    series = pd.DataFrame({"area_code": codes, "period": rows["period"], "value": rows["value"]})
    return series.dropna(subset=["area_code"]).reset_index(drop=True)


def _grouping(
    build: Build, by: Grouping, vintage: str, health: str | None
) -> tuple[pd.Series, tuple[str, str], str | None]:
    """Membership, labels and the health geography used (None when grouping by pathfinder)."""
    health = health or DEFAULT_HEALTH
    in_first, labels = group_comparison.group_membership(build, by, vintage, health=health)
    return in_first.astype(bool), labels, health if by == "coterminous" else None


def before_after(
    build: Build,
    indicator_id: str,
    *,
    before: str = "1998-2002",
    after: str = "2004-2008",
    by: Grouping = "pathfinder",
    health: str | None = None,
    vintage: str | None = None,
    count_indicator: str | None = None,
    per: int = 1000,
) -> dict:
    """The two groups' mean change from `before` to `after` (spans as in `change.span_periods`)
    and their levels in each span, each as a `change.compare_change` dict under `change`,
    `level_before` and `level_after`; with the periods, the council vintage (that of the data
    by default), `councils` compared, `dropped` counts (see `change.dropped_councils`, plus
    `not_classified` by the grouping), `notes`, the plain-words `reading` and
    the source. `health` (default `DEFAULT_HEALTH`) is used only with by="coterminous".
    With `count_indicator` (the counts whose rate per `per` is `indicator_id`) it adds the
    groups' `pooled` yearly rates (records of `group_pooled_rates`), `pooled_reading` and the
    `denominator_note`."""
    known = sorted(values.indicator_rows(build, indicator_id)["period"].unique())
    spans = change.span_periods(before, known), change.span_periods(after, known)
    vintage = vintages.check_vintage(
        build, vintage or values.data_vintage(build, indicator_id, spans[0][0])
    )
    in_first, labels, health = _grouping(build, by, vintage, health)
    result = {
        **_describe(build, indicator_id, by),
        "before": before,
        "after": after,
        "before_periods": spans[0],
        "after_periods": spans[1],
        "la_vintage": vintage,
        "by": by,
        "health": health,
        **_compare_spans(build, indicator_id, spans, vintage, in_first, labels),
    }
    result["reading"] = reading(result)
    if count_indicator is not None:
        choices.check_choice(count_indicator, build["indicator_catalogue"]["id"], "indicator")
        pooled = group_pooled_rates(
            build,
            count_indicator=count_indicator,
            rate_indicator=indicator_id,
            periods=[*spans[0], *spans[1]],
            by=by,
            health=health,
            vintage=vintage,
            per=per,
        )
        result |= {
            "pooled": pooled.to_dict(orient="records"),
            "pooled_reading": pooled_reading(
                pooled, before=spans[0], after=spans[1], labels=labels
            ),
            "denominator_note": rates.DENOMINATOR_NOTE.format(per=per),
        }
    return result


def _describe(build: Build, indicator_id: str, by: Grouping) -> dict:
    """Label, unit, source and the notes every reading of this comparison must carry."""
    meta = build["indicator_catalogue"].set_index("id").loc[indicator_id]
    rows = values.indicator_rows(build, indicator_id)
    notes = [OBSERVATIONAL[by]]
    if (rows["geography"] == "combined").any():
        notes.append(COMBINED_UNITS_NOTE)
    return {
        "indicator": indicator_id,
        "label": meta["label"],
        "unit": meta["unit"],
        "notes": notes,
        "source": meta["source"],
    }


def _compare_spans(
    build: Build,
    indicator_id: str,
    spans: tuple[list[str], list[str]],
    vintage: str,
    in_first: pd.Series,
    labels: tuple[str, str],
) -> dict:
    """`councils` compared, `dropped` counts, and the Welch comparisons of the change and of
    the levels in each span."""
    periods = [*spans[0], *spans[1]]
    values = council_series(build, indicator_id, periods, vintage)
    values = values[values["area_code"].isin(in_first.index)]
    table = change.council_change(values, before=spans[0], after=spans[1])
    all_councils = vintages.council_layer(build, vintage)["la_code"]
    dropped = change.dropped_councils(values, in_first.index, table, periods=periods)
    # e.g. councils whose PCT 2006 coterminosity is `not_determined`
    dropped["not_classified"] = int((~all_councils.isin(in_first.index)).sum())
    compared = {
        key: change.compare_change(table, in_first, labels=labels, column=column)
        for key, column in (
            ("change", "change"),
            ("level_before", "before"),
            ("level_after", "after"),
        )
    }
    return {"councils": len(table), "dropped": dropped, **compared}


def _gap_words(comparison: dict) -> str:
    if comparison["ci_high"] < 0:
        return "already lower than"
    if comparison["ci_low"] > 0:
        return "already higher than"
    return "no different from"


def _interval(comparison: dict) -> str:
    return (
        f"{comparison['diff']:+.2f}, 95% CI {comparison['ci_low']:+.2f} to "
        f"{comparison['ci_high']:+.2f}"
    )


def _change_words(comparison: dict) -> str:
    """'fall was faster' and the like, from the groups' mean changes and the interval."""
    means = [group["mean"] for group in comparison["groups"]]
    movement = "fall" if max(means) < 0 else "rise" if min(means) > 0 else "change"
    low, high = comparison["ci_low"], comparison["ci_high"]
    if movement == "fall":  # a more negative change is a faster fall
        low, high = -high, -low
    more, less = ("larger", "smaller") if movement == "change" else ("faster", "slower")
    if low > 0:
        return f"{movement} was {more}"
    if high < 0:
        return f"{movement} was {less}"
    return f"{movement} was no {more} or {less}"


def reading(result: dict) -> str:
    """The before/after result in plain words, read from the 95% intervals only: was the first
    group's level already different in the `before` span, was its change faster or slower;
    then the observational caveat."""
    first, second = (group["group"] for group in result["change"]["groups"])
    return (
        f"In {result['before']} the {result['label']} of {first} was "
        f"{_gap_words(result['level_before'])} that of {second} "
        f"(gap {_interval(result['level_before'])}); from {result['before']} to "
        f"{result['after']} its {_change_words(result['change'])} "
        f"(difference in change {_interval(result['change'])}). {result['notes'][0]}"
    )


def _years_apart(pooled: pd.DataFrame, periods: list[str], labels: tuple[str, str]) -> str:
    """How the first group's yearly 95% intervals lie against the second's over `periods`."""
    wide = pooled[pooled["period"].isin(periods)].pivot(
        index="period", columns="group", values=["ci_low", "ci_high"]
    )
    first, second = labels
    lower = (wide["ci_high", first] < wide["ci_low", second]).sum()
    higher = (wide["ci_low", first] > wide["ci_high", second]).sum()
    if lower == len(periods):
        return "lower in every year"
    if higher == len(periods):
        return "higher in every year"
    return f"lower in {lower}, higher in {higher} and not apart in {len(periods) - lower - higher}"


def pooled_reading(
    pooled: pd.DataFrame, *, before: list[str], after: list[str], labels: tuple[str, str]
) -> str:
    """The pooled yearly rates (`rates.pooled_rates`) in plain words: in how many years of each
    span the first group's 95% exact Poisson interval lay below or above the second's, and
    each group's mean pooled rate in each span."""
    means = (
        pooled.assign(
            span=pooled["period"].map(
                {**dict.fromkeys(before, "before"), **dict.fromkeys(after, "after")}
            )
        )
        .groupby(["group", "span"])["rate"]
        .mean()
    )
    moves = "; ".join(
        f"{means[group, 'before']:.1f} to {means[group, 'after']:.1f} for {group}"
        for group in labels
    )
    return (
        f"Pooled over their councils, the rate of {labels[0]} was "
        f"{_years_apart(pooled, before, labels)} of {before[0]}-{before[-1]} and "
        f"{_years_apart(pooled, after, labels)} of {after[0]}-{after[-1]} against "
        f"{labels[1]} (95% exact Poisson intervals); mean yearly pooled rate, before to "
        f"after: {moves}."
    )


def group_pooled_rates(
    build: Build,
    *,
    count_indicator: str = "ons-u18-conceptions",
    rate_indicator: str = "ons-u18-conception-rate",
    periods: list[str] | None = None,
    by: Grouping = "pathfinder",
    health: str | None = None,
    vintage: str | None = None,
    per: int = 1000,
) -> pd.DataFrame:
    """`rates.pooled_rates` of the two groups for `periods` (default: every period of
    `rate_indicator`) on the councils of `vintage` (default: the data's): period, group,
    councils, count, denominator, rate, ci_low, ci_high (95% exact Poisson);
    `rates.DENOMINATOR_NOTE` says how the denominator is made."""
    periods = periods or sorted(values.indicator_rows(build, rate_indicator)["period"].unique())
    vintage = vintage or values.data_vintage(build, rate_indicator, periods[0])
    in_first, labels, _ = _grouping(build, by, vintage, health)
    counts = council_series(build, count_indicator, periods, vintage)
    council_rates = council_series(build, rate_indicator, periods, vintage)
    return rates.pooled_rates(counts, council_rates, in_first, labels=labels, per=per)
