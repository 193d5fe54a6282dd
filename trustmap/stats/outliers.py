"""Values far from the rest: more than a few interquartile ranges from the median. They are
named, never dropped: a note says which councils they are, and the statistics keep them."""

from __future__ import annotations

import pandas as pd

__all__ = ["FAR_IQRS", "far_from_median"]

FAR_IQRS = 3  # how many interquartile ranges from the median a value is far from the rest


def far_from_median(values: pd.Series, iqrs: float = FAR_IQRS) -> pd.Series:
    """The values (same index, same order) more than `iqrs` interquartile ranges from the
    median of `values`; missing values are ignored. Quartiles are pandas' (linear
    interpolation)."""
    if iqrs <= 0:
        raise ValueError(f"iqrs must be positive, not {iqrs!r}")
    known = values.dropna().astype(float)
    if known.empty:
        return known
    q1, median, q3 = known.quantile([0.25, 0.5, 0.75])
    return known[(known - median).abs() > iqrs * (q3 - q1)]
