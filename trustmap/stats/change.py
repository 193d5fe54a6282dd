"""Change between two spans of periods, compared between two groups of councils.

Each council's change is the mean of its values over the `after` periods minus the mean over
the `before` periods, for councils with a value in every period of both spans. The groups are
compared with the Welch statistics of `trustmap.stats.compare`, and the difference in change is also
adjusted for covariates and fixed effects by OLS with HC3 (heteroskedasticity-robust) standard
errors.
These are observational comparisons: the groups were not assigned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
import statsmodels.api as sm

from trustmap.stats import compare
from trustmap.stats.regression import term_estimate

__all__ = [
    "adjusted_difference",
    "compare_change",
    "council_change",
    "dropped_councils",
    "span_periods",
]

YEAR_RANGE = re.compile(r"^(\d{4})-(\d{4})$")
# HC3 rather than HC1: in samples of a few hundred or fewer it keeps tests closest to their
# nominal size (Long and Ervin 2000), and a comparison of councils has about 150.
ROBUST_ERRORS = "HC3"
FIXED_EFFECT = "category"  # the design's column of `fixed_effects`, before its indicators


def span_periods(span: str, periods: Iterable[str]) -> list[str]:
    """The periods of `periods` that `span` names: one period as written ("2014-16"), a range of
    years "1998-2002" (every year, both ends included) or periods joined by commas."""
    known = list(periods)
    if span in known:
        return [span]
    years = YEAR_RANGE.match(span)
    if years and int(years[1]) < int(years[2]):
        chosen = [str(year) for year in range(int(years[1]), int(years[2]) + 1)]
    else:
        chosen = [part.strip() for part in span.split(",")]
    absent = [period for period in chosen if period not in known]
    if absent:
        raise ValueError(
            f"span '{span}' names period(s) {', '.join(absent)} that the indicator does not have; "
            f"it has {', '.join(known)}"
        )
    return chosen


def council_change(values: pd.DataFrame, *, before: list[str], after: list[str]) -> pd.DataFrame:
    """From `values` (area_code, period, value): per council (index area_code) `before` and
    `after` (mean over each span's periods) and `change` (after minus before). Only councils
    with a value in every period of both spans are kept."""
    if set(before) & set(after):
        raise ValueError(f"the spans overlap in {sorted(set(before) & set(after))}")
    chosen = values[values["period"].isin([*before, *after])]
    repeated = chosen.duplicated(["area_code", "period"])
    if repeated.any():
        row = chosen[repeated].iloc[0]
        raise ValueError(f"council {row['area_code']} has two values for {row['period']}")
    wide = chosen.pivot(index="area_code", columns="period", values="value")
    complete = wide.reindex(columns=[*before, *after]).dropna()
    table = pd.DataFrame(
        {"before": complete[before].mean(axis=1), "after": complete[after].mean(axis=1)}
    )
    return table.assign(change=table["after"] - table["before"])


def dropped_councils(
    values: pd.DataFrame, councils: Iterable[str], change: pd.DataFrame, *, periods: list[str]
) -> dict[str, int]:
    """Of `councils` (those the grouping classifies), how many are not in `change`:
    `missing_values` (a row in every one of the spans' `periods`, but some value missing) and
    `boundary_or_combined` (no row in some period: the data has no council with the same area
    then, after a boundary change or in a unit combining councils). `values` keeps missing
    values as rows (area_code, period, value)."""
    left_out = pd.Series(pd.Index(councils).unique().difference(change.index))
    in_spans = values[values["period"].isin(periods)]
    periods_with_rows = in_spans.groupby("area_code")["period"].nunique()
    every_period = left_out.map(periods_with_rows).fillna(0).eq(len(set(periods)))
    return {
        "missing_values": int(every_period.sum()),
        "boundary_or_combined": int((~every_period).sum()),
    }


def compare_change(
    change: pd.DataFrame,
    in_first: pd.Series,
    *,
    labels: tuple[str, str],
    column: str = "change",
    confidence: float = 0.95,
) -> dict:
    """Welch comparison of one column of `council_change` (`change`, or the levels `before` or
    `after`) between the councils where `in_first` is True and the rest: `measure`, `groups`
    (group, n, mean, median, sd each), diff (first minus second), ci_low, ci_high, p_welch,
    p_mannwhitney, hedges_g, confidence."""
    result = compare.compare_groups(change[column], in_first, labels=labels, confidence=confidence)
    return {"measure": column, **result.as_dict()}


def adjusted_difference(
    change: pd.DataFrame,
    in_first: pd.Series,
    covariates: pd.DataFrame,
    *,
    fixed_effects: pd.Series | None = None,
    confidence: float = 0.95,
) -> dict:
    """OLS of `change` on group membership (1 = first group), every column of `covariates`
    (indexed like `change`) and, given `fixed_effects` (a category per council, e.g. its
    region), one indicator per category but the first, with HC3 robust standard errors and t
    intervals: coefficient (adjusted difference in change), ci_low, ci_high, p, n, covariates
    (their names), fixed_effects (its name or None), covariate_coefficients, standard_errors,
    confidence and missing_covariate (councils left out for want of a covariate or category)."""
    reserved = {"change", "first", "const", FIXED_EFFECT} & set(covariates.columns)
    if reserved:
        raise ValueError(f"a covariate may not be named {', '.join(sorted(reserved))}")
    frame = pd.concat(
        {"change": change["change"], "first": in_first.reindex(change.index)}, axis=1
    ).dropna()
    terms = covariates.reindex(frame.index)
    if fixed_effects is not None:
        terms = terms.join(fixed_effects.rename(FIXED_EFFECT))
    complete = frame.join(terms).dropna()
    if complete["first"].nunique() < 2:
        raise ValueError("both groups need councils with a value of every covariate")
    if fixed_effects is not None:
        sizes = complete[FIXED_EFFECT].value_counts()
        if (sizes < 2).any():
            raise ValueError(
                f"every {fixed_effects.name} needs two councils or more, not "
                f"{', '.join(map(str, sizes.index[sizes < 2]))}"
            )
    design = complete.drop(columns=["change", FIXED_EFFECT], errors="ignore")
    if fixed_effects is not None:
        dummies = pd.get_dummies(complete[FIXED_EFFECT], prefix=FIXED_EFFECT, drop_first=True)
        design = design.join(dummies)
    design = sm.add_constant(design.astype(float), has_constant="add")
    fit = sm.OLS(complete["change"], design).fit(cov_type=ROBUST_ERRORS, use_t=True)
    return {
        **term_estimate(fit, "first", confidence=confidence, estimate_key="coefficient"),
        "n": int(fit.nobs),
        "covariates": [str(name) for name in covariates.columns],
        "fixed_effects": None if fixed_effects is None else str(fixed_effects.name),
        "covariate_coefficients": {
            str(name): float(fit.params[name]) for name in covariates.columns
        },
        "standard_errors": ROBUST_ERRORS,
        "missing_covariate": len(frame) - len(complete),
        "confidence": confidence,
    }
