"""Health geographies: CCGs of April 2019 (polygons and exact LSOA lookup) and PCTs of 2006.

PCT 2006 boundaries are not published in the bundle: the layer is built from the membership
table, using only PCTs whose every member area is sourced and whole. How many PCTs that covers
is kept as the layer's coverage, for the UI to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from trustmap.bundle import schemas
from trustmap.bundle.councils import BRITISH_NATIONAL_GRID
from trustmap.bundle.validation import read_csv, read_polygons, reject_rows

CCG_FILE = "boundaries/england_ccg_2019.geojson"
LSOA_LOOKUP_FILE = "boundaries/lookup_lsoa11_ccg19_lad19_ons.csv"
PCT_FILE = "boundaries/pct2006_membership.csv"
PCT_TOTAL_2006 = 152  # CONTEXT.md: from 1 October 2006, 152 PCTs
LSOA_NAME_SUFFIX = r"\s+\d{3}[A-Z]$"


@dataclass(frozen=True)
class Coverage:
    """How much of a health geography the bundle can place on the map."""

    areas_total: int
    areas_with_sourced_extent: int
    note: str

    def as_text(self) -> str:
        return f"{self.areas_with_sourced_extent} of {self.areas_total} areas; {self.note}"


def read_ccg2019(data_dir: Path) -> gpd.GeoDataFrame:
    """The 191 CCGs of April 2019 as `health_code`, `health_name`, geometry in EPSG:27700."""
    layer = read_polygons(data_dir / CCG_FILE, schemas.CCG_2019, "CCG19CD")
    renamed = layer.rename(columns={"CCG19CD": "health_code", "CCG19NM": "health_name"})
    projected = renamed[["health_code", "health_name", "geometry"]].to_crs(BRITISH_NATIONAL_GRID)
    return projected.assign(area_m2=projected.area)


def lsoa_ccg_units(data_dir: Path, districts: pd.DataFrame) -> pd.DataFrame:
    """One row per 2011 LSOA: `unit_code`, its 2016 district `ltla16cd` and CCG `health_code`.

    The lookup's 2019 districts are 2016 districts except the April 2019 mergers; an LSOA in a
    merged district is placed by its name, which carries the 2011 district name ("Poole 001A").
    """
    path = data_dir / LSOA_LOOKUP_FILE
    lookup = read_csv(path, schemas.LSOA11_CCG19_LAD19)
    district_codes = set(districts["ltla16cd"])
    by_name = districts.set_index("ltla16nm")["ltla16cd"]
    merged = ~lookup["LAD19CD"].isin(district_codes)
    named = (
        lookup.loc[merged, "LSOA11NM"].str.replace(LSOA_NAME_SUFFIX, "", regex=True).map(by_name)
    )
    ltla16 = lookup["LAD19CD"].where(~merged, named)
    reject_rows(
        lookup, ltla16.isna(), path, "LSOA cannot be placed in a 2016 district", column="LAD19CD"
    )
    return pd.DataFrame(
        {
            "unit_code": lookup["LSOA11CD"],
            "ltla16cd": ltla16,
            "health_code": lookup["CCG19CD"],
            "health_name": lookup["CCG19NM"],
        }
    )


def pct2006_members(data_dir: Path, council_members: pd.DataFrame) -> tuple[pd.DataFrame, Coverage]:
    """PCTs of October 2006 whose whole extent is sourced, as (health_code, ltla16cd) rows.

    A member code is a 2016 district or a council of any vintage (Devon county, say); only rows
    whose area is sourced are used, never a guess from a PCT's name.
    """
    path = data_dir / PCT_FILE
    table = read_csv(path, schemas.PCT_2006_MEMBERSHIP)
    table["health_code"] = table["pct_code"].fillna(
        "NOCODE-" + table["pct_name"].str.replace(r"[^A-Za-z]+", "-", regex=True).str.strip("-")
    )
    complete = table.groupby("health_code").apply(
        lambda rows: bool(
            rows["member_gss_code"].notna().all() and (rows["coverage"] == "whole").all()
        ),
        include_groups=False,
    )
    usable = table[table["health_code"].isin(complete[complete].index)]
    expansion = pd.concat(
        [
            council_members[["la_code", "ltla16cd"]].drop_duplicates(),
            pd.DataFrame(
                {
                    "la_code": council_members["ltla16cd"].unique(),
                    "ltla16cd": council_members["ltla16cd"].unique(),
                }
            ),
        ]
    ).drop_duplicates()
    members = usable.merge(expansion, left_on="member_gss_code", right_on="la_code", how="left")
    reject_rows(
        members,
        members["ltla16cd"].isna(),
        path,
        "member code is neither a 2016 district nor a known council",
        column="member_gss_code",
    )
    sourced = int(table.groupby("health_code")["member_area_name"].count().gt(0).sum())
    coverage = Coverage(
        areas_total=PCT_TOTAL_2006,
        areas_with_sourced_extent=int(complete.sum()),
        note=(
            f"{sourced} have a sourced member list, of which {sourced - int(complete.sum())} "
            "cover part of a district and cannot be drawn; the others are unsourced "
            "(pct2006_membership.md)"
        ),
    )
    rows = members.rename(columns={"pct_name": "health_name"})[
        ["health_code", "health_name", "ltla16cd"]
    ]
    return rows.drop_duplicates().reset_index(drop=True), coverage


def dissolve_members(districts: gpd.GeoDataFrame, members: pd.DataFrame) -> gpd.GeoDataFrame:
    """Polygons of areas defined as sets of 2016 districts, in EPSG:27700, with area_m2."""
    projected = districts[["ltla16cd", "geometry"]].to_crs(BRITISH_NATIONAL_GRID)
    names = [c for c in members.columns if c != "ltla16cd"]
    layer = projected.merge(members, on="ltla16cd").dissolve(by=names).reset_index()
    return layer.drop(columns="ltla16cd", errors="ignore").assign(area_m2=lambda g: g.area)
