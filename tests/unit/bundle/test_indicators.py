"""The tidy indicator table: source values kept exactly, metadata for all, IMD 2004 aggregates;
on the tiny bundle (worked by hand) and on the real one."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle import indicators
from trustmap.bundle.validation import DataFileError


def test_geography_from_the_code():
    codes = pd.Series(
        ["E06000901", "E10000901", "E07000901", "E12000001", "E92000001", "W06000001"]
    )
    assert indicators.geography_of(codes, district_level=False).tolist() == [
        "council",
        "council",
        "district",
        "region",
        "england",
        "other",
    ]
    assert indicators.geography_of(codes[:2], district_level=True).tolist() == [
        "district",
        "other",
    ]
    placeholder = pd.Series(["PRE2009-ALPHABET"])
    assert indicators.geography_of(placeholder, district_level=True).tolist() == ["council"]


def test_combined_units_get_their_own_geography():
    codes = pd.Series(["E09000012;E09000001", "E09000012", "E07000004", "E92000001"])
    assert indicators.geography_of(codes, district_level=False).tolist() == [
        "combined",
        "council",
        "district",
        "england",
    ]


def test_codes_map_to_the_vintage_council_with_the_same_districts():
    # Buckinghamshire: the same two districts as county E10000002 (2009) and unitary E06000060.
    members = pd.DataFrame(
        {
            "vintage": ["2009", "2009", "2020", "2020"],
            "la_code": ["E10000002", "E10000002", "E06000060", "E06000060"],
            "ltla16cd": ["E07000004", "E07000005", "E07000004", "E07000005"],
        }
    )
    codes = pd.Series(["E06000060", "E10000002", "E99999999"])
    mapped = indicators.to_vintage_codes(codes, members, "2009")
    assert mapped.iloc[:2].tolist() == ["E10000002", "E10000002"] and pd.isna(mapped.iat[2])


def test_sfr27_rows_by_dfe_number_region_name_and_level(tiny_files, tiny_build):
    rows = indicators.sfr27_rows(tiny_files.bundle, tiny_build["council_members"])
    rate = rows[rows["source_indicator"] == "MarTotal_2010 / Mid2009Pop0-17 x 10000"]
    by_area = rate.set_index("area_code")
    # Shire (DfE 904) is listed under its 2019 unitary code: the 2009 county has its districts.
    assert by_area["value"].to_dict() == pytest.approx(
        {
            "E92000001": 300 / 67000 * 10_000,
            "E12000901": 135 / 29000 * 10_000,
            "E12000902": 20.0,
            "E12000907": 125 / 18000 * 10_000,
            tiny.ALPHA: 60.0,
            tiny.BETA: 30.0,
            tiny.GAMMA: 50.0,
            tiny.SHIRE_2009: 20.0,
            tiny.DELTA: 70.0,
            tiny.EPSILON: float("nan"),
        },
        nan_ok=True,
    )
    assert by_area.at[tiny.EPSILON, "value_note"] == "x"  # suppressed count
    assert by_area.at["E12000901", "area_name"] == "North"  # the source's padding stripped
    assert set(rows["vintage"]) == {"2009"}
    assert by_area["geography"].value_counts().to_dict() == {
        "council": 6,
        "region": 3,
        "england": 1,
    }


def test_conceptions_keep_the_combined_unit_apart(tiny_files):
    rows = indicators.conception_rows(tiny_files.bundle)
    combined = rows[rows["geography"] == "combined"]
    assert set(combined["area_code"]) == {f"{tiny.DELTA};{tiny.EPSILON}"}
    rate = rows[rows["source_indicator"] == "u18_conception_rate_per_1000_women_15_17"]
    alpha = rate[rate["area_code"] == tiny.ALPHA].set_index("period")["value"]
    assert alpha.to_dict() == {"2001": 50.0, "2002": 48.0, "2004": 40.0, "2005": 38.0}


def test_imd_2004_from_lsoas_worked_by_hand(tiny_files, tiny_build):
    lsoa_districts = tiny_build["lsoa_ccg2019"].set_index("unit_code")["ltla16cd"]
    rows = indicators.imd_lsoa_aggregates(
        tiny_files.bundle, lsoa_districts, tiny_build["council_members"]
    )
    share = rows[rows["source_indicator"] == "share_lsoas_most_deprived_10pc"]
    mean = rows[rows["source_indicator"] == "mean_lsoa_score"]
    # Alphabet's LSOAs: ranks 1,000, 20,000, 3,248 and 3,249; scores 50, 10, 40, 39.
    assert share.set_index("area_code")["value"].to_dict() == {
        tiny.GAMMA: 0.0,
        tiny.DELTA: 1.0,
        tiny.ALPHABET: 0.5,
    }
    assert mean.set_index("area_code")["value"].to_dict() == {
        tiny.GAMMA: 29.0,
        tiny.DELTA: 59.0,
        tiny.ALPHABET: 34.75,
    }
    assert set(rows["period"]) == {"2004"}  # 2010 is not aggregated
    assert rows.set_index("area_code").at[tiny.ALPHABET, "area_name"].tolist() == ["Alphabet"] * 2


def test_vintage_of_each_council_row(tiny_build):
    values = tiny_build["indicator_values"]
    council = values[values["geography"] == "council"]
    keys = council.groupby(["area_code", "period"])["vintage"].unique().map(list)
    assert keys[(tiny.SHIRE_2009, "2016")] == ["2009"]
    assert keys[(tiny.ALPHA, "2016")] == ["2009"]
    assert keys[(tiny.ALPHA, "2020")] == ["2019"]
    assert keys[(tiny.WEST_SHIRE, "2023")] == ["2023"]
    assert keys[(tiny.ALPHABET, "2004")] == ["2004"]
    assert values.loc[values["geography"] != "council", "vintage"].isna().all()


def test_a_code_used_before_its_council_existed_gets_the_earliest_vintage(tiny_build):
    # As DfE lists Buckinghamshire E06000060 from 2016: the Shire unitary's code for 2016.
    rows = pd.DataFrame(
        {"area_code": [tiny.SHIRE_2019], "period": ["2016"], "geography": ["council"]}
    ).assign(source_file="test.csv")
    attached = indicators.attach_vintages(rows, tiny_build["council_members"])
    assert attached["vintage"].tolist() == ["2019"]


def test_unknown_council_code_is_rejected(tiny_files, tiny_build):
    rows = indicators.read_long_file(tiny_files.bundle, indicators.LONG_FILES[0]).head(3).copy()
    rows.loc[rows.index[1], "area_code"] = "E06009999"
    with pytest.raises(DataFileError, match=r"area_code.*unknown council code.*E06009999"):
        indicators.attach_vintages(rows, tiny_build["council_members"])


def test_missing_stays_missing_with_the_source_note(tiny_build):
    rows = tiny_build["indicator_values"].query("indicator_id == 'ons-infant-mortality-rate'")
    beta = rows[rows["area_code"] == tiny.BETA]
    assert beta["value"].isna().tolist() == [True] and beta["value_note"].tolist() == [":"]


def test_an_indicator_without_metadata_is_rejected(tiny_files, tiny_build):
    values = pd.DataFrame(
        {
            "source_file": [tiny.IOD_UTLA_FILE],
            "source_indicator": ["A new measure"],
            "source_unit": ["score"],
            "period": ["2019"],
        }
    )
    with pytest.raises(DataFileError, match=r"1 indicator\(s\) in the bundle have no metadata"):
        indicators.build_catalogue(tiny_files.bundle, values)


def test_catalogue_takes_labels_units_and_polarity_from_the_sources(tiny_build):
    catalogue = tiny_build["indicator_catalogue"].set_index("id")
    lait = catalogue.loc["lait-fsp-new-gooddev"]
    assert (lait["label"], lait["unit"], lait["polarity"], lait["periods"]) == (
        "Foundation Stage - % achieving a good level of development",  # LAIT's measure
        "% achieving expected level",
        "high",  # LAIT's "High": the project's metadata leaves it blank
        "2016;2017;2020;2023",
    )
    assert catalogue.at["iod2019-imd-average-score", "unit"] == "average score"
    assert catalogue.at["iod2019-imd-average-score", "licence"] == "Open Government Licence v3.0"


@pytest.mark.bundle
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


@pytest.mark.bundle
def test_source_values_are_kept_exactly(build, data_dir):
    raw = pd.read_csv(data_dir / "indicators/iod2019_utla_summaries.csv", dtype=str)
    row = raw[(raw["area_code"] == "E06000039") & (raw["indicator"] == "IDACI - Average score")]
    ours = build["indicator_values"].query(
        "indicator_id == 'iod2019-idaci-average-score' and area_code == 'E06000039'"
    )
    assert ours["value"].iat[0] == float(row["value"].iat[0])


@pytest.mark.bundle
def test_real_missing_values_stay_missing_with_the_source_note(build, data_dir):
    raw = pd.read_csv(data_dir / tiny.INFANT_MORTALITY_FILE, dtype=str, keep_default_na=False)
    raw = raw[raw["indicator"] == "Infant mortality rate"]
    noted = raw["value_note"].str.contains(":|\\[x\\]")
    rows = build["indicator_values"].query("indicator_id == 'ons-infant-mortality-rate'")
    flagged = rows[rows["value_note"].fillna("").str.contains(":|\\[x\\]")]
    assert len(flagged) == noted.sum() and flagged["value"].isna().all()
    assert (raw.loc[noted, "value"] == "").all()


@pytest.mark.bundle
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


@pytest.mark.bundle
def test_imd_2004_covers_all_150_councils_and_every_lsoa(build):
    rows = build["indicator_values"].query(
        "indicator_id == 'imd-lsoa-mean-score' and period == '2004'"
    )
    assert rows["area_code"].nunique() == 150 and (rows["vintage"] == "2004").all()
    metadata = indicators.read_metadata().set_index("id")
    assert "APPROXIMATION" in metadata.at["imd-lsoa-mean-score", "note"]


@pytest.mark.bundle
def test_code_only_changes_get_the_right_vintage(build):
    bucks = build["indicator_values"].query("area_code == 'E06000060' and geography == 'council'")
    assert set(bucks["vintage"]) == {"2020", "2021", "2023"}


@pytest.mark.bundle
def test_era_indicators_exist_with_their_periods_and_themes(build):
    catalogue = build["indicator_catalogue"].set_index("id")
    expected = {
        "sfr27-cla-count": ("2010", "safeguarding"),
        "sfr27-population-0-17": ("2009", "safeguarding"),
        "sfr27-cla-rate-per-10000-derived": ("2010", "safeguarding"),
        "ons-u18-conceptions": (";".join(str(y) for y in range(1998, 2018)), "health"),
        "ons-u18-conception-rate": (";".join(str(y) for y in range(1998, 2018)), "health"),
    }
    for indicator, (periods, theme) in expected.items():
        assert catalogue.at[indicator, "periods"] == periods
        assert catalogue.at[indicator, "themes"] == theme
    assert catalogue.at["sfr27-cla-rate-per-10000-derived", "note"].startswith("DERIVED")
