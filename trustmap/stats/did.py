"""Difference-in-differences with councils as units: did one group's rate change from a
`before` span of years to an `after` span by more than the other group's?

The model is OLS of each council-year's value on group, span (after = 1) and group x span, with
errors clustered by council (CR1, t with councils - 1 degrees of freedom). The interaction is the
estimate: the first group's change minus the second's, in the value's own unit ("per 1,000
women aged 15-17"). Chosen over a quasi-Poisson model of counts with a population offset
because:

- a council is the unit that was (or was not) made a pathfinder, so each council weighs the
  same; a count model weighs councils by population, as the pooled rates do, and it is that
  weighting (with intervals blind to the spread between councils) that overstated certainty;
- on the balanced panel used here (every council with a value in every year of both spans, as
  `change.council_change` keeps) the estimate equals the difference in the groups' mean
  change, so the Welch comparison of changes has the same estimate and direction;
- clustering lets a council's years move together, which Poisson intervals on pooled counts
  ignore.
"""

from __future__ import annotations

import pandas as pd
import statsmodels.api as sm

from trustmap.stats import change
from trustmap.stats.regression import term_estimate
from trustmap.vocabulary import DID_MODEL

__all__ = ["council_did"]

MIN_COUNCILS = 2  # per group: a clustered error needs spread within each group


def _panel(
    values: pd.DataFrame, in_first: pd.Series, before: list[str], after: list[str]
) -> pd.DataFrame:
    """Council-years of the councils `in_first` classifies with a value in every period of both
    spans: area_code, value, first (1/0), after (1/0)."""
    classified = values[values["area_code"].isin(in_first.index)]
    complete = change.council_change(classified, before=before, after=after).index
    panel = classified[
        classified["area_code"].isin(complete) & classified["period"].isin([*before, *after])
    ]
    return panel.assign(
        first=panel["area_code"].map(in_first).astype(float),
        after=panel["period"].isin(after).astype(float),
    ).reset_index(drop=True)


def council_did(
    values: pd.DataFrame,
    in_first: pd.Series,
    *,
    before: list[str],
    after: list[str],
    labels: tuple[str, str],
    confidence: float = 0.95,
) -> dict:
    """The difference-in-differences of `values` (area_code, period, value) between the councils
    where `in_first` is True (labels[0]) and the rest (labels[1]): estimate (first group's mean
    change minus the second's), ci_low, ci_high, p, n_councils ({label: councils}),
    council_years, confidence and model (in words). Raises ValueError when a group has fewer
    than two councils with a value in every period of both spans."""
    panel = _panel(values, in_first.astype(bool), before, after)
    councils = panel.drop_duplicates("area_code")["first"]
    n_councils = {labels[0]: int(councils.sum()), labels[1]: int((councils == 0).sum())}
    if min(n_councils.values()) < MIN_COUNCILS:
        raise ValueError(
            f"the difference-in-differences needs at least {MIN_COUNCILS} councils in each "
            f"group with a value in every year of both spans; found "
            + ", ".join(f"{n} {label}" for label, n in n_councils.items())
        )
    design = sm.add_constant(
        panel[["first", "after"]].assign(interaction=panel["first"] * panel["after"])
    )
    fit = sm.OLS(panel["value"].astype(float), design).fit(
        cov_type="cluster",
        cov_kwds={"groups": pd.factorize(panel["area_code"])[0]},
        use_t=True,
    )
    return {
        **term_estimate(fit, "interaction", confidence=confidence),
        "n_councils": n_councils,
        "council_years": int(fit.nobs),
        "confidence": confidence,
        "model": DID_MODEL,
    }
