"""Pooled rates of two groups of councils, year by year, with exact Poisson intervals.

Sources such as ONS's conception tables publish a count and a rate but not the denominator;
it is derived per council as count / rate x `per` (a rate rounded to one decimal makes each
derived denominator uncertain by at most 0.05/rate of itself), summed over a group's councils,
and the pooled count is given the exact (Garwood, chi-square) Poisson interval.
"""

from __future__ import annotations

import pandas as pd
from statsmodels.stats.rates import confint_poisson

__all__ = ["DENOMINATOR_NOTE", "pooled_rates"]

DENOMINATOR_NOTE = (
    "Denominators are derived, not published: count / rate x {per:,} for each council, summed "
    "over the group. Intervals: exact Poisson (Garwood) on the pooled count."
)


def pooled_rates(
    counts: pd.DataFrame,
    rates: pd.DataFrame,
    in_first: pd.Series,
    *,
    labels: tuple[str, str] = ("first", "second"),
    per: int = 1000,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Per period and group (labels[0] where `in_first` is True): councils, count (summed),
    denominator (summed count / rate x per), rate (per `per`), ci_low and ci_high.

    `counts` and `rates` hold area_code, period, value. A council enters a period when
    `in_first` classifies it and it has a count and a positive rate there (a zero rate leaves
    its denominator unknown)."""
    keys = ["area_code", "period"]
    joined = counts[[*keys, "value"]].merge(
        rates[[*keys, "value"]], on=keys, suffixes=("_count", "_rate")
    )
    joined["group"] = joined["area_code"].map(in_first).map({True: labels[0], False: labels[1]})
    joined = joined[joined["value_rate"].gt(0) & joined["value_count"].notna()]
    joined = joined.dropna(subset=["group"])
    joined["denominator"] = joined["value_count"] / joined["value_rate"] * per
    pooled = (
        joined.groupby(["period", "group"])
        .agg(
            councils=("area_code", "size"),
            count=("value_count", "sum"),
            denominator=("denominator", "sum"),
        )
        .reset_index()
    )
    low, high = confint_poisson(
        pooled["count"].to_numpy(),
        pooled["denominator"].to_numpy(),
        method="exact-c",
        alpha=1 - confidence,
    )
    return pooled.assign(
        rate=pooled["count"] / pooled["denominator"] * per, ci_low=low * per, ci_high=high * per
    )
