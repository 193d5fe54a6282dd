"""Councils with children's services duties ("upper tier"), in every vintage, by one mechanism.

A vintage is a member table: each council is a set of December 2016 lower-tier districts
(`england_ltla_2016_bsc.geojson`). The April 2009 structure comes from the districts' own county
column; every other vintage applies the project's `council_changes.csv` to its neighbour in time.
A changed council replaces every council it shares a district with, so one table of changes serves
both directions, and predecessors and successors are derived from shared districts.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from trustmap.bundle import schemas
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import DataFileError, read_csv, read_polygons, reject_rows

DISTRICTS_FILE = "boundaries/england_ltla_2016_bsc.geojson"
VINTAGES_TABLE = "boundaries/vintages.csv"
CHANGES_TABLE = "boundaries/council_changes.csv"
BASE_VINTAGE = "2009"
BRITISH_NATIONAL_GRID = 27700
MEMBER_COLUMNS = ["la_code", "la_name", "la_type", "region_code", "region_name", "ltla16cd"]
DISTRICT_TYPE_TO_COUNCIL = {"UA": "UA", "MD": "MD", "LB": "LB"}


def read_districts(data_dir: Path) -> gpd.GeoDataFrame:
    """The 326 English districts of December 2016, validated, in EPSG:4326."""
    return read_polygons(data_dir / DISTRICTS_FILE, schemas.LTLA_2016, "ltla16cd")


def vintages() -> pd.DataFrame:
    """The council vintages this project builds, oldest first, with their sourced counts."""
    table = read_csv(table_path(VINTAGES_TABLE), schemas.VINTAGES)
    return table.sort_values("vintage").reset_index(drop=True)


def council_changes() -> pd.DataFrame:
    """Councils created or redefined in each vintage, with their 2016 member districts."""
    changes = read_csv(table_path(CHANGES_TABLE), schemas.COUNCIL_CHANGES)
    unknown = ~changes["vintage"].isin(vintages()["vintage"])
    reject_rows(
        changes,
        unknown,
        table_path(CHANGES_TABLE),
        "vintage not listed in vintages.csv",
        column="vintage",
    )
    return changes.assign(ltla16cd=changes["ltla16_members"].str.split(";")).explode("ltla16cd")


def base_members(districts: pd.DataFrame) -> pd.DataFrame:
    """April 2009 to March 2019: each shire county, and every other district as itself."""
    in_county = districts["cty16cd"].notna()
    return pd.DataFrame(
        {
            "la_code": districts["cty16cd"].where(in_county, districts["ltla16cd"]),
            "la_name": districts["cty16nm"].where(in_county, districts["ltla16nm"]),
            "la_type": districts["ltla_type"]
            .map(DISTRICT_TYPE_TO_COUNCIL)
            .where(~in_county, "County"),
            "region_code": districts["rgn16cd"],
            "region_name": districts["rgn16nm"],
            "ltla16cd": districts["ltla16cd"],
        }
    ).reset_index(drop=True)


def apply_changes(previous: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """Replace every council of `previous` that shares a district with a changed council."""
    unknown = ~changes["ltla16cd"].isin(previous["ltla16cd"])
    reject_rows(
        changes,
        unknown,
        table_path(CHANGES_TABLE),
        "member is not a 2016 district",
        column="ltla16_members",
    )
    touched = previous.loc[previous["ltla16cd"].isin(changes["ltla16cd"]), "la_code"]
    kept = previous[~previous["la_code"].isin(touched)]
    regions = previous.set_index("ltla16cd")[["region_code", "region_name"]]
    added = changes.join(regions, on="ltla16cd")[MEMBER_COLUMNS]
    result = pd.concat([kept, added], ignore_index=True)
    doubled = result.loc[result["ltla16cd"].duplicated(), "ltla16cd"].tolist()
    uncovered = sorted(set(previous["ltla16cd"]) - set(result["ltla16cd"]))
    if uncovered or doubled:
        raise DataFileError(
            table_path(CHANGES_TABLE),
            f"changes leave districts uncovered {uncovered} or doubled {doubled}",
            column="ltla16_members",
            example=changes.iloc[0],
        )
    return result


def member_tables(districts: pd.DataFrame) -> pd.DataFrame:
    """Members of every vintage: one row per (vintage, council, 2016 district)."""
    changes = council_changes()
    order = vintages()["vintage"].tolist()
    base_at = order.index(BASE_VINTAGE)
    tables = {BASE_VINTAGE: base_members(districts)}
    for step in (1, -1):
        previous = tables[BASE_VINTAGE]
        for vintage in order[base_at + step :: step] if step == 1 else order[base_at - 1 :: -1]:
            previous = apply_changes(previous, changes[changes["vintage"] == vintage])
            tables[vintage] = previous
    members = pd.concat([t.assign(vintage=v) for v, t in tables.items()], ignore_index=True)
    return members.sort_values(["vintage", "la_code", "ltla16cd"]).reset_index(drop=True)


def build_council_layers(districts: gpd.GeoDataFrame, members: pd.DataFrame) -> gpd.GeoDataFrame:
    """Dissolve each vintage's members into council polygons, in EPSG:27700, with area_m2."""
    projected = districts[["ltla16cd", "geometry"]].to_crs(BRITISH_NATIONAL_GRID)
    joined = projected.merge(members, on="ltla16cd")
    keys = ["vintage", "la_code", "la_name", "la_type", "region_code", "region_name"]
    councils = joined.dissolve(by=keys, aggfunc={"ltla16cd": lambda codes: ";".join(sorted(codes))})
    councils = councils.reset_index().rename(columns={"ltla16cd": "ltla16_members"})
    councils["area_m2"] = councils.area
    return councils.sort_values(["vintage", "la_code"]).reset_index(drop=True)


def district_areas(districts: gpd.GeoDataFrame) -> pd.Series:
    """Area of each 2016 district in m2 (EPSG:27700), indexed by ltla16cd."""
    return districts.to_crs(BRITISH_NATIONAL_GRID).set_index("ltla16cd").area.rename("area_m2")


def successors(
    members: pd.DataFrame, areas: pd.Series, from_vintage: str, to_vintage: str
) -> pd.DataFrame:
    """Councils of `to_vintage` that cover each council of `from_vintage`, with area shares.

    Works in either direction in time (predecessors are successors backwards). `share_of_from`
    is the fraction of the earlier council's area in the later one; 1.0 means wholly inside.
    """
    origin = members[members["vintage"] == from_vintage][["la_code", "la_name", "ltla16cd"]]
    target = members[members["vintage"] == to_vintage][["la_code", "la_name", "ltla16cd"]]
    pairs = origin.merge(target, on="ltla16cd", suffixes=("_from", "_to")).join(
        areas, on="ltla16cd"
    )
    grouped = pairs.groupby(["la_code_from", "la_name_from", "la_code_to", "la_name_to"])
    shares = grouped["area_m2"].sum().reset_index()
    shares["share_of_from"] = shares["area_m2"] / shares.groupby("la_code_from")[
        "area_m2"
    ].transform("sum")
    return shares.drop(columns="area_m2")
