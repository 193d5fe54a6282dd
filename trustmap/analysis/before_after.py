"""Before and after 2003: each council's change between two spans of years, compared between
pathfinders and the rest, or coterminous councils and the rest. Councils are the units of the
evidence (a difference-in-differences, `stats.did`, then Welch comparisons); the pooled yearly
rates weigh councils by size and only describe the groups.

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
from trustmap.stats import change, did, rates, readings
from trustmap.stats.wording import format_p

__all__ = [
    "DEFAULT_HEALTH",
    "before_after",
    "council_series",
    "did_reading",
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
    `not_classified` by the grouping), `did` (the council-level difference-in-differences of
    `did.council_did`) and its plain words `did_reading` (the headline), `notes`, the Welch
    `reading` and the source. `health` (default `DEFAULT_HEALTH`) is used only with
    by="coterminous". With `count_indicator` (the counts whose rate per `per` is
    `indicator_id`) it adds the groups' `pooled` yearly rates (records of
    `group_pooled_rates`), `pooled_reading` (description, not a test) and the
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
    result["did_reading"] = did_reading(result)
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
    """`councils` compared, `dropped` counts, the difference-in-differences (`did`) and the
    Welch comparisons of the change and of the levels in each span."""
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
    panel = did.council_did(values, in_first, before=spans[0], after=spans[1], labels=labels)
    return {"councils": len(table), "dropped": dropped, "did": panel, **compared}


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


def did_reading(result: dict) -> str:
    """The headline: the council-level difference-in-differences in plain words (did the gap
    between the groups change from `before` to `after` by more than chance would explain),
    then its estimate, interval, p and the councils in each group."""
    estimate, low, high = (result["did"][key] for key in ("estimate", "ci_low", "ci_high"))
    (first, n_first), (second, n_second) = result["did"]["n_councils"].items()
    if low > 0 or high < 0:
        moved = "rose" if low > 0 else "fell"
        verdict = f"more than chance would explain: {first} {moved} relative to {second}"
    else:
        verdict = "no more than chance would explain"
    return (
        f"Councils as units: from {result['before']} to {result['after']} the gap between "
        f"{first} and {second} changed {verdict}. Difference-in-differences, the change of "
        f"{first} minus that of {second}: {estimate:+.2f} "
        f"{readings.difference_unit(result['unit'])}, "
        f"{result['did']['confidence']:.0%} CI {low:+.2f} to {high:+.2f}, "
        f"{format_p(result['did']['p'])}; {n_first} and {n_second} councils."
    )


def reading(result: dict) -> str:
    """The Welch comparisons, councils as units, in plain words: was the first group's level
    already different in the `before` span (read from the 95% interval), and the difference
    in each council's change (the headline's estimate, so no verdict of its own); then the
    observational caveat."""
    first, second = (group["group"] for group in result["change"]["groups"])
    return (
        f"In {result['before']} the {result['label']} of {first} was "
        f"{_gap_words(result['level_before'])} that of {second} "
        f"(Welch, gap {_interval(result['level_before'])}); the Welch test on the change of "
        f"each council from {result['before']} to {result['after']} gives the same "
        f"difference ({_interval(result['change'])}, "
        f"{format_p(result['change']['p_welch'])}). {result['notes'][0]}"
    )


def pooled_reading(
    pooled: pd.DataFrame, *, before: list[str], after: list[str], labels: tuple[str, str]
) -> str:
    """The pooled yearly rates (`rates.pooled_rates`) as description, never as a test: each
    group's mean yearly pooled rate in each span, and why their exact Poisson intervals are
    no evidence against the council-level results."""
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
        f"Description, not a test: pooled rates, the counts of each group summed over its "
        f"councils, so larger councils weigh more. Mean yearly pooled rate, "
        f"{before[0]}-{before[-1]} to {after[0]}-{after[-1]}: {moves}. Their exact Poisson "
        f"intervals (the bands of the chart) "
        f"leave out the differences between councils, so they are no evidence against the "
        f"council-level results above."
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
