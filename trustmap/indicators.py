"""Indicators: one tidy long table from every indicator file, with project-authored metadata.

Values are the sources' own numbers; a missing value stays missing with the source's note.
Two tables are built and cached: `indicator_values` (one row per area, indicator and period) and
`indicator_catalogue` (one row per indicator: label, unit, polarity, themes, source, licence).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from trustmap import schemas
from trustmap.sources import PROJECT_DATA, citation, describe
from trustmap.themes import split_themes, themes
from trustmap.validation import DataFileError, read_csv

METADATA_PATH = PROJECT_DATA / "indicators" / "indicator_metadata.csv"
LAIT_DATA_FILE = "indicators/lait_dfe_children_indicators_2016_2025.csv.gz"
LAIT_METADATA_FILE = "indicators/lait_dfe_indicator_metadata.csv"
IMD_LSOA_FILE = "indicators/imd_lsoa01_2004_2007_2010.csv"
LAIT_POLARITY = {"High": "high", "Low": "low", "-": "none"}
LSOA01_COUNT = 32_482  # LSOAs ranked in IMD 2004 and 2007 (imd_rank 1..32,482)
MOST_DEPRIVED_DECILE_MAX_RANK = LSOA01_COUNT // 10  # ranks 1..3,248 are the most deprived 10%
VALUE_COLUMNS = [
    "area_code",
    "area_name",
    "source_file",
    "source_indicator",
    "period",
    "value",
    "value_note",
    "source_unit",
]
COUNCIL_PREFIXES = ("E06", "E08", "E09", "E10")


@dataclass(frozen=True)
class IndicatorFile:
    """A long-format indicator file of the bundle and how its columns map to ours."""

    file: str
    schema: pa.DataFrameSchema
    indicator_column: str
    district_level: bool = False


LONG_FILES = (
    IndicatorFile("indicators/iod2019_utla_summaries.csv", schemas.IOD2019_UTLA, "indicator"),
    IndicatorFile(
        "indicators/iod2019_ltla_summaries.csv",
        schemas.IOD2019_LTLA,
        "indicator",
        district_level=True,
    ),
    IndicatorFile(
        "indicators/imd_2004_2015_ltla21_derived_humaniverse.csv",
        schemas.IMD_DERIVED_LTLA21,
        "indicator",
        district_level=True,
    ),
    IndicatorFile(
        "indicators/ons_infant_mortality_by_la_2020_2021.csv", schemas.INFANT_MORTALITY, "indicator"
    ),
    IndicatorFile(LAIT_DATA_FILE, schemas.LAIT_DATA, "indicator_code"),
)


def geography_of(codes: pd.Series, *, district_level: bool) -> pd.Series:
    """`council`, `district`, `region`, `england` or `other`, from the GSS code's entity type."""
    prefix = codes.str[:3]
    geography = np.select(
        [
            prefix.isin(COUNCIL_PREFIXES) & (not district_level) | codes.str.startswith("PRE2009-"),
            prefix.isin(("E06", "E07", "E08", "E09")),
            prefix.isin(("E12", "E13")),
            prefix == "E92",
        ],
        ["council", "district", "region", "england"],
        default="other",
    )
    return pd.Series(geography, index=codes.index)


def read_long_file(data_dir: Path, source: IndicatorFile) -> pd.DataFrame:
    """One bundle file as rows of VALUE_COLUMNS plus `geography`."""
    frame = read_csv(data_dir / source.file, source.schema)
    unit = frame["unit"] if "unit" in frame else pd.Series(pd.NA, index=frame.index, dtype="str")
    rows = pd.DataFrame(
        {
            "area_code": frame["area_code"],
            "area_name": frame["area_name"],
            "source_file": source.file,
            "source_indicator": frame[source.indicator_column],
            "period": frame["period"],
            "value": frame["value"],
            "value_note": frame.get("value_note", frame.get("code_note")),
            "source_unit": unit,
        }
    )
    rows["geography"] = geography_of(rows["area_code"], district_level=source.district_level)
    return rows


def imd_lsoa_aggregates(
    data_dir: Path, lsoa_districts: pd.Series, council_members: pd.DataFrame
) -> pd.DataFrame:
    """IMD 2004 and 2007 for the 2004 councils, from LSOA scores and ranks.

    Each old ONS district is placed in the 2004 council that holds most of its LSOAs (LSOA 2001
    codes matched to 2011 codes, whose 2016 district is known); then every LSOA of the district
    follows it. The share of LSOAs in the most deprived 10% is exact; the mean LSOA score is an
    unweighted approximation of the official population-weighted average.
    """
    path = data_dir / IMD_LSOA_FILE
    lsoas = read_csv(path, schemas.IMD_LSOA01)
    lsoas = lsoas[lsoas["period"].isin(["2004", "2007"])]
    council_2004 = council_members[council_members["vintage"] == "2004"].set_index("ltla16cd")
    matched = lsoas["lsoa01_code"].map(lsoa_districts).map(council_2004["la_code"])
    district_council = matched.groupby([lsoas["period"], lsoas["la_code"]]).agg(
        lambda councils: councils.mode().iat[0] if councils.notna().any() else pd.NA
    )
    if district_council.isna().any():
        period, code = district_council[district_council.isna()].index[0]
        raise DataFileError(
            path, f"no LSOA of district {code} ({period}) matches a 2011 LSOA", column="la_code"
        )
    lsoas = lsoas.join(district_council.rename("council"), on=["period", "la_code"])
    lsoas["most_deprived_decile"] = lsoas["imd_rank"] <= MOST_DEPRIVED_DECILE_MAX_RANK
    grouped = lsoas.groupby(["council", "period"])
    measures = {
        "share_lsoas_most_deprived_10pc": grouped["most_deprived_decile"].mean(),
        "mean_lsoa_score": grouped["imd_score"].mean(),
    }
    units = {
        "share_lsoas_most_deprived_10pc": "proportion of LSOAs (0-1)",
        "mean_lsoa_score": "unweighted mean LSOA score",
    }
    names = council_2004.drop_duplicates("la_code").set_index("la_code")["la_name"]
    frames = [
        pd.DataFrame(
            {
                "area_code": series.index.get_level_values("council"),
                "period": series.index.get_level_values("period"),
                "source_indicator": name,
                "value": series.to_numpy(),
                "source_unit": units[name],
            }
        )
        for name, series in measures.items()
    ]
    rows = pd.concat(frames, ignore_index=True)
    return rows.assign(
        area_name=rows["area_code"].map(names),
        source_file=IMD_LSOA_FILE,
        value_note=pd.NA,
        geography="council",
    )[[*VALUE_COLUMNS, "geography"]]


def read_metadata() -> pd.DataFrame:
    """The project's indicator metadata: id, source file and indicator, themes, polarity, label."""
    metadata = read_csv(METADATA_PATH, schemas.INDICATOR_METADATA)
    unknown = split_themes(metadata["themes"]).loc[lambda t: ~t.isin(themes()["theme"])]
    if not unknown.empty:
        raise DataFileError(
            METADATA_PATH,
            f"unknown theme '{unknown.iat[0]}'",
            column="themes",
            example=metadata.loc[unknown.index[0]],
        )
    return metadata


def build_catalogue(data_dir: Path, values: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator present in `values`, with metadata; raise if any lacks metadata."""
    metadata = read_metadata()
    present = values[["source_file", "source_indicator"]].drop_duplicates()
    joined = present.merge(metadata, on=["source_file", "source_indicator"], how="left")
    lacking = joined[joined["id"].isna()]
    if not lacking.empty:
        raise DataFileError(
            METADATA_PATH,
            f"{len(lacking)} indicator(s) in the bundle have no metadata row; add them",
            column="source_indicator",
            example=lacking.iloc[0],
        )
    lait = read_csv(data_dir / LAIT_METADATA_FILE, schemas.LAIT_METADATA).set_index(
        "indicator_code"
    )
    from_lait = joined["source_file"] == LAIT_DATA_FILE
    lait_rows = lait.reindex(joined["source_indicator"].where(from_lait))
    units = values.groupby(["source_file", "source_indicator"])["source_unit"].first()
    catalogue = joined.assign(
        label=joined["label"]
        .fillna(lait_rows["measure"].set_axis(joined.index))
        .fillna(joined["source_indicator"]),
        unit=lait_rows["unit"]
        .set_axis(joined.index)
        .where(from_lait, joined.set_index(["source_file", "source_indicator"]).index.map(units)),
        polarity=joined["polarity"]
        .fillna(lait_rows["polarity"].map(LAIT_POLARITY).set_axis(joined.index))
        .fillna("none"),
    )
    catalogue["source"] = catalogue["source_file"].map(citation)
    catalogue["licence"] = catalogue["source_file"].map(lambda file: describe(file)["licence"])
    periods = values.merge(joined[["source_file", "source_indicator", "id"]]).groupby("id")[
        "period"
    ]
    catalogue["periods"] = catalogue["id"].map(periods.unique().map(lambda p: ";".join(sorted(p))))
    return catalogue.sort_values("id").reset_index(drop=True)


def attach_vintages(values: pd.DataFrame, council_members: pd.DataFrame) -> pd.DataFrame:
    """Set `vintage` on council rows: the vintage in force at the period that has the code.

    Sources keep a council's current code for old periods (DfE lists Buckinghamshire as
    E06000060 from 2016), so when no vintage in force at the period has the code, the earliest
    vintage that has it is taken. An unknown council code is an error.
    """
    vintages_of = council_members.groupby("la_code")["vintage"].unique().map(sorted)
    council = values["geography"] == "council"
    unknown = council & ~values["area_code"].isin(vintages_of.index)
    if unknown.any():
        row = values.loc[unknown].iloc[0]
        raise DataFileError(
            row["source_file"],
            "unknown council code (in no vintage)",
            column="area_code",
            example=row,
        )
    keys = values.loc[council, ["area_code", "period"]].drop_duplicates()
    start_year = keys["period"].str[:4]
    keys["vintage"] = [
        max((v for v in vintages_of[code] if v <= year), default=vintages_of[code][0])
        for code, year in zip(keys["area_code"], start_year, strict=True)
    ]
    keyed = values.merge(keys, on=["area_code", "period"], how="left")
    return keyed.assign(vintage=keyed["vintage"].where(keyed["geography"] == "council"))


def build_values(
    data_dir: Path, lsoa_districts: pd.Series, council_members: pd.DataFrame
) -> pd.DataFrame:
    """Every indicator value of the bundle, with geography and council vintage."""
    frames = [read_long_file(data_dir, source) for source in LONG_FILES]
    frames.append(imd_lsoa_aggregates(data_dir, lsoa_districts, council_members))
    values = pd.concat(frames, ignore_index=True)
    return attach_vintages(values, council_members)


def build_indicators(
    data_dir: Path, lsoa_districts: pd.Series, council_members: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(values, catalogue): values keyed by `indicator_id`, catalogue one row per indicator."""
    values = build_values(data_dir, lsoa_districts, council_members)
    catalogue = build_catalogue(data_dir, values)
    ids = catalogue.set_index(["source_file", "source_indicator"])["id"]
    values["indicator_id"] = pd.MultiIndex.from_frame(
        values[["source_file", "source_indicator"]]
    ).map(ids)
    values = values.drop(columns=["source_indicator", "source_unit"])
    # Sorted by indicator, each indicator's rows are one slice (see Build.rows_where).
    values = values.sort_values(["indicator_id", "period", "area_code"], ignore_index=True)
    return values, catalogue
