"""One term of a fitted statsmodels regression as the numbers a result reports."""

from __future__ import annotations

__all__ = ["term_estimate"]


def term_estimate(
    fit, term: str, *, confidence: float, estimate_key: str = "estimate"
) -> dict[str, float]:
    """The coefficient of `term` in `fit` (a statsmodels results object) under `estimate_key`,
    its interval at `confidence` (ci_low, ci_high) and its p value (p), as floats."""
    ci_low, ci_high = fit.conf_int(alpha=1 - confidence).loc[term]
    return {
        estimate_key: float(fit.params[term]),
        "ci_low": float(ci_low),
        "ci_high": float(ci_high),
        "p": float(fit.pvalues[term]),
    }
