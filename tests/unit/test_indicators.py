"""The tidy indicator table: source values kept exactly, metadata for all, IMD 2004 aggregates."""

from __future__ import annotations

import pandas as pd
import pytest

from trustmap import indicators
from trustmap.themes import theme_coverage


def test_every_indicator_has_metadata_and_themes(build, data_dir):
    catalogue = build["indicator_catalogue"]
    values = indicators.build_values(
        data_dir, build["lsoa_ccg2019"].set_index("unit_code")["ltla16cd"], build["council_members"]
    )
    present = values[["source_file", "source_indicator"]].drop_duplicates()
    metadata = indicators.read_metadata()
    missing = present.merge(metadata, how="left", on=["source_file", "source_indicator"])
    assert missing["id"].notna().all(), missing[missing["id"].isna()].head()
    assert catalogue["themes"].str.len().gt(0).all()
    assert set(catalogue["polarity"]) <= {"high", "low", "none"}


def test_source_values_are_kept_exactly(build, data_dir):
    raw = pd.read_csv(data_dir / "indicators/iod2019_utla_summaries.csv", dtype=str)
    row = raw[(raw["area_code"] == "E06000039") & (raw["indicator"] == "IDACI - Average score")]
    ours = build["indicator_values"].query(
        "indicator_id == 'iod2019-idaci-average-score' and area_code == 'E06000039'"
    )
    assert ours["value"].iat[0] == float(row["value"].iat[0])


def test_missing_stays_missing_with_the_source_note(build):
    rows = build["indicator_values"].query("indicator_id == 'ons-infant-mortality-rate'")
    flagged = rows[rows["value_note"].fillna("").str.contains(":|\\[x\\]")]
    assert not flagged.empty and flagged["value"].isna().all()


def test_imd_2004_share_is_exact_on_a_hand_checked_council(build, data_dir):
    lsoas = pd.read_csv(
        data_dir / "indicators/imd_lsoa01_2004_2007_2010.csv", dtype={"period": str}
    )
    hartlepool = lsoas[(lsoas["period"] == "2004") & (lsoas["la_code"] == "00EB")]
    expected = (hartlepool["imd_rank"] <= 3248).mean()
    ours = (
        build["indicator_values"]
        .query(
            "indicator_id == 'imd-lsoa-share-most-deprived-10pc' and period == '2004'"
            " and area_code == 'E06000001'"
        )["value"]
        .iat[0]
    )
    assert ours == pytest.approx(expected) and 0 < ours < 1


def test_imd_2004_covers_all_150_councils_and_every_lsoa(build):
    rows = build["indicator_values"].query(
        "indicator_id == 'imd-lsoa-mean-score' and period == '2004'"
    )
    assert rows["area_code"].nunique() == 150 and (rows["vintage"] == "2004").all()
    metadata = indicators.read_metadata().set_index("id")
    assert "APPROXIMATION" in metadata.at["imd-lsoa-mean-score", "note"]


def test_code_only_changes_get_the_right_vintage(build):
    bucks = build["indicator_values"].query("area_code == 'E06000060' and geography == 'council'")
    assert set(bucks["vintage"]) == {"2020", "2021", "2023"}


def test_every_theme_is_reported_even_without_indicators(build):
    coverage = theme_coverage(build["indicator_catalogue"].head(3))
    assert len(coverage) == 8 and (coverage["indicators"] == 0).sum() >= 5
