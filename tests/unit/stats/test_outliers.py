"""Values far from the rest: more than three interquartile ranges from the median."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from trustmap.stats.outliers import far_from_median

# Quartiles 12.25 and 18.75 (IQR 6.5), median 15.5: far means beyond -4 or 35.
TEENS = [0, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]


def test_values_more_than_three_iqrs_from_the_median_are_far():
    values = pd.Series([*TEENS, 57, 58.0], index=[f"c{n}" for n in range(14)])
    far = far_from_median(values)
    # 0 is 15.5 from the median: low, but not far.
    assert far.to_dict() == {"c12": 57.0, "c13": 58.0}


def test_exactly_three_iqrs_is_not_far_and_missing_values_are_ignored():
    values = pd.Series([*TEENS, 35.0, 58.0, math.nan])
    assert far_from_median(values).tolist() == [58.0]
    assert far_from_median(values, iqrs=1).tolist() == [0.0, 35.0, 58.0]
    assert far_from_median(pd.Series([math.nan])).empty


def test_iqrs_must_be_positive():
    with pytest.raises(ValueError, match="iqrs must be positive, not 0"):
        far_from_median(pd.Series([1.0, 2.0]), iqrs=0)
