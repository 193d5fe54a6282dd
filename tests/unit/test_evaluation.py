"""The evaluation's question on every indicator of the tiny bundle."""

from __future__ import annotations

import pytest

from trustmap.evaluation import evaluation_check


def test_each_indicator_on_its_earliest_council_period(tiny_build):
    table = evaluation_check(tiny_build)
    assert table[
        ["indicator_id", "period", "years_after_2003", "first_n", "second_n"]
    ].values.tolist() == [
        # 2004: pathfinders Alphabet and Delta; of the others only Gamma has IMD LSOAs.
        ["imd-lsoa-mean-score", "2004", 1, 2, 1],
        ["imd-lsoa-share-most-deprived-10pc", "2004", 1, 2, 1],
        ["lait-fsp-new-gooddev", "2016", 13, 3, 3],
        ["iod2019-idaci-average-score", "2019", 16, 3, 2],
        ["iod2019-imd-average-score", "2019", 16, 3, 3],
        ["ons-infant-mortality-rate", "2020", 17, 2, 3],  # Beta's value is missing
    ]
    rows = table.set_index("indicator_id")
    assert rows.at["lait-fsp-new-gooddev", "diff"] == pytest.approx(70 - 212 / 3)
    assert rows.at["iod2019-imd-average-score", "label"] == "IoD 2019: IMD - Average score"
    assert "group 'other councils' has 1" in rows.at["imd-lsoa-mean-score", "note"]
    assert rows["p_welch_bh"].isna().tolist() == [True, True, False, False, False, False]
