"""One council against England: the tiny bundle's Alpha worked by hand, and Sutton on the real
bundle."""

from __future__ import annotations

import pytest

from tests.fixtures import bundle as tiny
from trustmap import profile
from trustmap.choices import UnknownChoiceError

COLUMNS = ["indicator_id", "period", "value", "england_value", "england_basis"]
COLUMNS += ["rank", "n_ranked", "quintile", "judgement"]


def test_alpha_against_england(tiny_build):
    table = profile.profile(tiny_build, tiny.ALPHA)
    assert list(table.columns) == [
        "indicator_id",
        "label",
        "period",
        "value",
        "england_value",
        "england_basis",
        "rank",
        "n_ranked",
        "quintile",
        "judgement",
        "unit",
        "polarity",
        "source",
    ]
    rows = table[COLUMNS].to_dict("records")
    mean = "mean of councils"
    # Lower is better for IMD, IDACI and infant mortality, higher for good development; rank 1
    # is the best; quintile = ceil(5 x rank / n). Good development: latest period (2023).
    expected = [
        [
            "iod2019-idaci-average-score",
            "2019",
            0.3,
            pytest.approx(1.2 / 5),
            mean,
            4,
            5,
            4,
            "not compared",
        ],
        [
            "iod2019-imd-average-score",
            "2019",
            30.0,
            pytest.approx(140 / 6),
            mean,
            5,
            6,
            5,
            "not compared",
        ],
        ["ons-infant-mortality-rate", "2020", 5.0, 4.0, "source", 4, 5, 4, "not compared"],
        ["lait-fsp-new-gooddev", "2023", 64.0, 73.0, "source", 7, 7, 5, "not compared"],
    ]
    assert rows == [dict(zip(COLUMNS, row, strict=True)) for row in expected]
    assert table["polarity"].tolist() == ["low", "low", "low", "high"]


def test_code_that_is_not_a_council_is_refused(tiny_build):
    with pytest.raises(UnknownChoiceError, match="area 'E99999999' is not a council code"):
        profile.profile(tiny_build, "E99999999")
    with pytest.raises(UnknownChoiceError, match="area 'E12000901' is not a council code"):
        profile.latest_council_rows(tiny_build, "E12000901")  # a region has values, not a council


@pytest.mark.bundle
def test_profile_reads_against_england(build):
    table = profile.profile(build, "E09000029")
    row = table.set_index("indicator_id").loc["iod2019-imd-average-score"]
    assert row["value"] == pytest.approx(13.987)
    assert row["england_basis"] == "mean of councils" and row["n_ranked"] == 151
    values = build["indicator_values"]
    sutton = values[(values["area_code"] == "E09000029") & (values["geography"] == "council")]
    latest = sutton.groupby("indicator_id")["period"].max()
    england = values[(values["geography"] == "england") & values["value"].notna()]
    with_england = set(zip(england["indicator_id"], england["period"], strict=True))
    expected = sum((indicator, period) in with_england for indicator, period in latest.items())
    assert len(table) == len(latest)
    assert (table["england_basis"] == "source").sum() == expected
