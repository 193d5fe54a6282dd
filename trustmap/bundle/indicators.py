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

from trustmap.bundle import schemas
from trustmap.bundle.sources import citation, describe
from trustmap.bundle.tables import table_path
from trustmap.bundle.themes import split_themes, themes
from trustmap.bundle.validation import DataFileError, read_csv, reject_rows

METADATA_TABLE = "indicators/indicator_metadata.csv"
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
SFR27_FILE = "indicators/dfe_sfr27_2010_children_looked_after_pop0_17.csv"
DFE_LA_LOOKUP_FILE = "indicators/lookup_dfe_la_number_gss.csv"
CONCEPTIONS_FILE = "indicators/ons_under18_conceptions_1998_2017_table6.csv"
ERA_VINTAGE = "2009"  # both era files are on the councils of April 2009 to March 2019
# Councils abolished after 2009 are missing from the 2023+ DfE lookup; these are the GSS codes
# the bundle's LAIT file gives them (indicators/SOURCES.md, file 5, "added by hand").
RETIRED_DFE_LA_NUMBERS = {
    "835": "E10000009",
    "836": "E06000029",
    "837": "E06000028",
    "909": "E10000006",
    "928": "E10000021",
}
ENGLAND_CODE = "E92000001"
CLA_RATE_BASE = 10_000
COMBINED_UNITS_NOTE = (
    "ONS publishes Hackney with the City of London and Cornwall with the Isles of Scilly as two "
    "combined units: they are shown combined and left out of council comparisons."
)


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
    """`council`, `district`, `region`, `england` or `other`, from the GSS code's entity type;
    `combined` for a unit published for several councils together (codes joined by ';')."""
    prefix = codes.str[:3]
    geography = np.select(
        [
            codes.str.contains(";"),
            prefix.isin(COUNCIL_PREFIXES) & (not district_level) | codes.str.startswith("PRE2009-"),
            prefix.isin(("E06", "E07", "E08", "E09")),
            prefix.isin(("E12", "E13")),
            prefix == "E92",
        ],
        ["combined", "council", "district", "region", "england"],
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


def to_vintage_codes(codes: pd.Series, council_members: pd.DataFrame, vintage: str) -> pd.Series:
    """The code of the council of `vintage` that covers the same 2016 districts as each council
    code of any vintage (missing where none does), so E06000060 becomes E10000002 in 2009."""
    members = council_members.drop_duplicates(["la_code", "ltla16cd"])
    district_sets = members.groupby("la_code")["ltla16cd"].agg(lambda d: ";".join(sorted(d)))
    in_vintage = council_members.loc[council_members["vintage"] == vintage, "la_code"].unique()
    code_by_set = pd.Series(in_vintage, index=district_sets.reindex(in_vintage).to_numpy())
    return codes.map(district_sets).map(code_by_set)


def _measure_rows(
    areas: pd.DataFrame,
    values: pd.Series,
    *,
    source_file: str,
    source_indicator: str,
    period: pd.Series | str,
    unit: str,
    notes: pd.Series | None = None,
) -> pd.DataFrame:
    """One measure of a wide file as rows of VALUE_COLUMNS, `geography` and `vintage`;
    `areas` holds area_code, area_name and geography."""
    return pd.DataFrame(
        {
            "area_code": areas["area_code"],
            "area_name": areas["area_name"],
            "source_file": source_file,
            "source_indicator": source_indicator,
            "period": period,
            "value": values,
            "value_note": notes if notes is not None else pd.NA,
            "source_unit": unit,
            "geography": areas["geography"],
            "vintage": ERA_VINTAGE,
        }
    )


def _sfr27_areas(
    data_dir: Path, frame: pd.DataFrame, council_members: pd.DataFrame
) -> pd.DataFrame:
    """GSS code, name and geography of each SFR27 row: councils through their DfE number (on
    the 2009 councils), regions by name, England by its level (its DfE code is a council's)."""
    lookup = read_csv(data_dir / DFE_LA_LOOKUP_FILE, schemas.DFE_LA_NUMBER_GSS)
    gss = {**lookup.set_index("dfe_la_number")["area_code"].to_dict(), **RETIRED_DFE_LA_NUMBERS}
    regions = council_members.drop_duplicates("region_name").set_index("region_name")
    names = frame["geog_n"].str.strip()
    level = frame["geog_l"]
    council = to_vintage_codes(frame["geog_c"].map(gss), council_members, ERA_VINTAGE)
    codes = council.where(level == "LA", names.map(regions["region_code"]))
    codes = codes.where(level != "National", ENGLAND_CODE)
    reject_rows(
        frame, codes.isna(), data_dir / SFR27_FILE, "no GSS code for this area", column="geog_c"
    )
    geography = level.map({"National": "england", "GOR": "region", "LA": "council"})
    return pd.DataFrame({"area_code": codes, "area_name": names, "geography": geography})


def sfr27_rows(data_dir: Path, council_members: pd.DataFrame) -> pd.DataFrame:
    """DfE SFR27/2010: children looked after at 31 March 2010, children aged 0-17 at mid-2009
    (ONS, rounded to 100) and the derived rate per 10,000, for England, regions and the 152
    councils of 2009. Suppressed counts ("x") are missing with the note "x"."""
    frame = read_csv(data_dir / SFR27_FILE, schemas.SFR27_2010)
    areas = _sfr27_areas(data_dir, frame, council_members)
    looked_after = pd.to_numeric(frame["MarTotal_2010"], errors="coerce")
    children = pd.to_numeric(frame["Mid2009Pop0-17"], errors="coerce")
    count_hidden, children_hidden = frame["MarTotal_2010"].eq("x"), frame["Mid2009Pop0-17"].eq("x")
    measures = [
        (looked_after, "MarTotal_2010", "2010", "children looked after", count_hidden),
        (children, "Mid2009Pop0-17", "2009", "children aged 0-17", children_hidden),
        (
            looked_after / children * CLA_RATE_BASE,
            "MarTotal_2010 / Mid2009Pop0-17 x 10000",
            "2010",
            "per 10,000 children aged 0-17",
            count_hidden | children_hidden,
        ),
    ]
    return pd.concat(
        [
            _measure_rows(
                areas,
                values,
                source_file=SFR27_FILE,
                source_indicator=column,
                period=period,
                unit=unit,
                notes=pd.Series("x", index=frame.index).where(hidden),
            )
            for values, column, period, unit, hidden in measures
        ],
        ignore_index=True,
    )


def conception_rows(data_dir: Path) -> pd.DataFrame:
    """ONS under-18 conceptions, count and rate per 1,000 women aged 15-17, 1998-2017, for the
    English areas of 2018 (= the councils of 2009); the two combined units get the geography
    `combined` and a code joining their councils' codes with ';'."""
    frame = read_csv(data_dir / CONCEPTIONS_FILE, schemas.U18_CONCEPTIONS)
    frame = frame[frame["area_code"].str.startswith("E")].reset_index(drop=True)
    codes = frame["area_code"].str.replace(", ", ";")
    areas = pd.DataFrame(
        {
            "area_code": codes,
            # ONS footnote markers follow some names ("Hackney and City of London7").
            "area_name": frame["area_name"].str.replace(r"\d+$", "", regex=True),
            "geography": geography_of(codes, district_level=False),
        }
    )
    measures = {
        "u18_conceptions": "conceptions to women aged under 18",
        "u18_conception_rate_per_1000_women_15_17": "per 1,000 women aged 15-17",
    }
    return pd.concat(
        [
            _measure_rows(
                areas,
                frame[column],
                source_file=CONCEPTIONS_FILE,
                source_indicator=column,
                period=frame["year"],
                unit=unit,
            )
            for column, unit in measures.items()
        ],
        ignore_index=True,
    )


def read_metadata() -> pd.DataFrame:
    """The project's indicator metadata: id, source file and indicator, themes, polarity, label."""
    metadata = read_csv(table_path(METADATA_TABLE), schemas.INDICATOR_METADATA)
    unknown = split_themes(metadata["themes"]).loc[lambda t: ~t.isin(themes()["theme"])]
    if not unknown.empty:
        raise DataFileError(
            table_path(METADATA_TABLE),
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
            table_path(METADATA_TABLE),
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
    vintage that has it is taken. Rows that already carry a `vintage` (a file published on one
    council geography for every period, like the 1998-2017 conceptions on the 2009 councils)
    keep it. An unknown council code is an error.
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
    given = values.get("vintage", pd.Series(pd.NA, index=values.index, dtype="str"))
    keyed = values.drop(columns="vintage", errors="ignore").merge(
        keys, on=["area_code", "period"], how="left"
    )
    vintage = given.reset_index(drop=True).fillna(keyed["vintage"])
    return keyed.assign(vintage=vintage.where(keyed["geography"] == "council"))


def build_values(
    data_dir: Path, lsoa_districts: pd.Series, council_members: pd.DataFrame
) -> pd.DataFrame:
    """Every indicator value of the bundle, with geography and council vintage."""
    frames = [read_long_file(data_dir, source) for source in LONG_FILES]
    frames.append(imd_lsoa_aggregates(data_dir, lsoa_districts, council_members))
    frames += [sfr27_rows(data_dir, council_members), conception_rows(data_dir)]
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
