"""The evaluation's question on every indicator of the tiny bundle."""

from __future__ import annotations

import pytest

from trustmap.analysis.evaluation import evaluation_check


def test_each_indicator_on_its_earliest_council_period(tiny_build):
    table = evaluation_check(tiny_build)
    assert table[
        ["indicator_id", "period", "years_after_2003", "first_n", "second_n"]
    ].values.tolist() == [
        # 2001, on the 2009 councils: Delta is published with Epsilon, so left out.
        ["ons-u18-conception-rate", "2001", -2, 2, 2],
        ["ons-u18-conceptions", "2001", -2, 2, 2],
        # 2004: pathfinders Alphabet and Delta; of the others only Gamma has IMD LSOAs.
        ["imd-lsoa-mean-score", "2004", 1, 2, 1],
        ["imd-lsoa-share-most-deprived-10pc", "2004", 1, 2, 1],
        ["sfr27-population-0-17", "2009", 6, 3, 3],
        ["sfr27-cla-count", "2010", 7, 3, 2],  # Epsilon's count is suppressed
        ["sfr27-cla-rate-per-10000-derived", "2010", 7, 3, 2],
        ["lait-fsp-new-gooddev", "2016", 13, 3, 3],
        ["iod2019-idaci-average-score", "2019", 16, 3, 2],
        ["iod2019-imd-average-score", "2019", 16, 3, 3],
        ["ons-infant-deaths", "2020", 17, 2, 3],  # Beta's deaths are missing
        ["ons-infant-mortality-rate", "2020", 17, 2, 3],
        ["ons-live-births", "2020", 17, 3, 3],
    ]
    rows = table.set_index("indicator_id")
    assert rows.at["lait-fsp-new-gooddev", "diff"] == pytest.approx(70 - 212 / 3)
    assert rows.at["iod2019-imd-average-score", "label"] == "IoD 2019: IMD - Average score"
    assert "group 'other councils' has 1" in rows.at["imd-lsoa-mean-score", "note"]
    # Pathfinders Alpha and Beta (-10 and -6) against Gamma and Shire (-2 and -1) at 2001.
    assert rows.at["ons-u18-conception-rate", "diff"] == pytest.approx(45.0 - 37.5)
    unadjusted = {"imd-lsoa-mean-score", "imd-lsoa-share-most-deprived-10pc"}
    assert set(rows.index[rows["p_welch_bh"].isna()]) == unadjusted
