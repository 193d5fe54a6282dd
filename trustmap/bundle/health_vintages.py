"""NHS commissioners through time: the health vintages of `health_vintages.csv` and their files.

Each row of the project table names one health geography (PCT 2006, CCGs 2013-2021, sub-ICB
locations and ICBs 2022-2024), the date it came into force, the council vintage in force then,
its expected number of bodies (sourced), and the bundle files that define it: an LSOA lookup
(exact membership), polygons (display, and overlay where no lookup exists), or the PCT member
table. One reader per file kind reads every year; column names are table columns, except the
LSOA and district columns, which every ONS lookup names by one pattern (`LSOA11CD`,
`lsoa21_code`, `LAD19CD`, `ltla22_code`). Adding a year is a row and a manifest entry.

Every unit (LSOA) is placed in the December 2016 districts that all council vintages are built
from: by its lookup's district code where that is a 2016 district; else by its name, which
carries the name of the district it was drawn in ("Poole 001A", "Craven 001A"); else (LSOAs of
2021 named after districts merged before 2021, such as "Dorset 001A") in the set of 2016
districts the lookup's district replaced, per the ONS changes file. `ltla16_members` holds that
set ';'-joined: one code for every LSOA of 2011.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from trustmap.bundle import councils, schemas
from trustmap.bundle.councils import BRITISH_NATIONAL_GRID
from trustmap.bundle.display import display_copy
from trustmap.bundle.health import LSOA_NAME_SUFFIX
from trustmap.bundle.sources import manifest
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import DataFileError, read_csv, read_polygons, reject_rows

__all__ = [
    "HEALTH_VINTAGES_TABLE",
    "AREAS_TABLE",
    "DISPLAY_TABLE",
    "UNITS_TABLE",
    "build_tables",
    "default_for",
    "district_predecessors",
    "health_vintages",
    "methods",
    "pct_units",
    "place_in_districts",
    "read_areas",
    "read_lookup",
    "read_unit_districts",
    "read_units",
    "source_files",
    "vintage",
]

LA_CHANGES_FILE = "boundaries/ons_la_changes_2018_2025.csv"
HEALTH_VINTAGES_TABLE = "boundaries/health_vintages.csv"
UNIT_CODE = re.compile(r"^lsoa\d\d(cd|_code)$", re.IGNORECASE)
UNIT_NAME = re.compile(r"^lsoa\d\d(nm|_name)$", re.IGNORECASE)
DISTRICT_CODE = re.compile(r"^(lad|ltla)\d\d(cd|_code)$", re.IGNORECASE)
MERGER_TYPES = ("merger", "new_code")
UNIT_COLUMNS = ["unit_code", "ltla16_members", "health_code", "health_name", "weight"]


@cache
def health_vintages() -> pd.DataFrame:
    """The health vintages, oldest first, validated against each other and the manifest."""
    table = read_csv(table_path(HEALTH_VINTAGES_TABLE), schemas.HEALTH_VINTAGES)
    _check_rows(table)
    return table.sort_values("in_force_from", kind="stable").reset_index(drop=True)


def _check_rows(table: pd.DataFrame) -> None:
    known_vintages = set(councils.vintages()["vintage"])
    reject_rows(
        table,
        ~table["council_vintage"].isin(known_vintages),
        table_path(HEALTH_VINTAGES_TABLE),
        f"not a council vintage of vintages.csv {sorted(known_vintages)}",
        column="council_vintage",
    )
    for method, needed in (
        ("membership", ["lookup_file", "lookup_code", "lookup_name"]),
        ("pct_members", ["lookup_file"]),
        ("overlay", ["polygon_file", "polygon_code", "polygon_epsg"]),
    ):
        for column in needed:
            missing = (table["method"] == method) & table[column].isna()
            reject_rows(
                table,
                missing,
                table_path(HEALTH_VINTAGES_TABLE),
                f"method {method} needs a file",
                column=column,
            )
    for column in ("lookup_file", "district_file", "polygon_file"):
        unknown = table[column].notna() & ~table[column].isin(manifest().index)
        reject_rows(
            table,
            unknown,
            table_path(HEALTH_VINTAGES_TABLE),
            "file not in data/manifest.csv",
            column=column,
        )


def vintage(health_id: str) -> pd.Series:
    """The row of one health vintage; raises ValueError naming the ids for an unknown one."""
    table = health_vintages().set_index("id", drop=False)
    if health_id not in table.index:
        raise ValueError(f"unknown health vintage '{health_id}'; choose one of {list(table.index)}")
    return table.loc[health_id]


def health_label(health_id: str) -> str:
    """A health vintage as people name it: 'CCG April 2019', 'PCT October 2006'."""
    row = vintage(health_id)
    return f"{row['kind']} {pd.Timestamp(row['in_force_from']):%B %Y}"


@cache  # every view settled asks; an unknown vintage raises, and is not kept
def default_for(council_vintage: str) -> str:
    """The NHS geography shown with a council vintage by default: the first in force while those
    councils were (PCT 2006 for the councils of 2004, CCG 2019 for those of 2019)."""
    table = health_vintages()
    matching = table.loc[table["council_vintage"] == council_vintage, "id"]
    if matching.empty:
        raise ValueError(f"no health vintage is paired with the councils of {council_vintage}")
    return matching.iloc[0]


def methods(row: pd.Series) -> list[str]:
    """Methods a health vintage supports: its own first, then overlay if it has polygons."""
    supported = [row["method"]]
    if pd.notna(row["polygon_file"]) and row["method"] != "overlay":
        supported.append("overlay")
    return supported


def source_files(row: pd.Series) -> list[str]:
    """The bundle files a health vintage is read from (lookup, district lookup, polygons)."""
    columns = ("lookup_file", "district_file", "polygon_file")
    return list(dict.fromkeys(row[c] for c in columns if pd.notna(row[c])))


def _header_column(path: Path, columns: list[str], pattern: re.Pattern, what: str) -> str:
    found = [column for column in columns if pattern.match(column)]
    if len(found) != 1:
        raise DataFileError(
            path, f"expected one {what} column matching {pattern.pattern}, found {found}"
        )
    return found[0]


def _header(path: Path) -> list[str]:
    if not path.is_file():
        raise DataFileError(path, f"file not found in {path.parent}")
    # utf-8-sig: one of the ONS lookups starts with a byte-order mark.
    return pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns.tolist()


def read_lookup(path: Path, code: str, name: str) -> pd.DataFrame:
    """An LSOA -> NHS commissioner lookup as unit_code, unit_name, district_code (missing when
    the file has no district column), health_code, health_name."""
    header = _header(path)
    unit = _header_column(path, header, UNIT_CODE, "LSOA code")
    unit_name = _header_column(path, header, UNIT_NAME, "LSOA name")
    districts = [column for column in header if DISTRICT_CODE.match(column)]
    district = districts[0] if len(districts) == 1 else None
    table = read_csv(path, schemas.lsoa_health_lookup(unit, unit_name, code, name, district))
    return pd.DataFrame(
        {
            "unit_code": table[unit],
            "unit_name": table[unit_name],
            "district_code": table[district] if district else pd.NA,
            "health_code": table[code],
            "health_name": table[name],
        }
    )


def read_unit_districts(path: Path) -> pd.Series:
    """An LSOA -> (ward ->) district lookup as one district code per LSOA (index unit_code)."""
    header = _header(path)
    unit = _header_column(path, header, UNIT_CODE, "LSOA code")
    district = _header_column(path, header, DISTRICT_CODE, "district code")
    table = read_csv(path, schemas.lsoa_district_lookup(unit, district))
    pairs = table[[unit, district]].drop_duplicates()
    reject_rows(
        pairs, pairs[unit].duplicated(keep=False), path, "LSOA in two districts", column=district
    )
    return pairs.set_index(unit)[district].rename("district_code")


def district_predecessors(la_changes: pd.DataFrame, known: set[str]) -> dict[str, set[str]]:
    """Each district created by merger (ONS changes file) -> the `known` districts it replaced,
    followed through successive mergers (Taunton Deane -> Somerset West and Taunton -> Somerset)."""
    mergers = la_changes[la_changes["type"].isin(MERGER_TYPES)]
    replaced = mergers.groupby("newcd")["oldcd"].agg(set).to_dict()

    def expand(code: str) -> set[str]:
        if code in known:
            return {code}
        return set().union(*(expand(old) for old in replaced.get(code, ())))

    return {code: expand(code) for code in replaced}


def place_in_districts(
    units: pd.DataFrame, districts: pd.DataFrame, predecessors: dict[str, set[str]]
) -> pd.Series:
    """The ';'-joined 2016 districts (ltla16cd) each unit lies in, or missing if none is known.

    `units` has unit_name and district_code; `districts` ltla16cd and ltla16nm. A unit named
    after a 2016 district is placed there only if that district is one its lookup's district
    replaced, so a coincidence of names cannot move it.
    """
    code = units["district_code"]
    placed = code.where(code.isin(districts["ltla16cd"])).rename("ltla16_members")
    outside = placed.isna()
    by_name = districts.set_index("ltla16nm")["ltla16cd"]
    named = units.loc[outside, "unit_name"].str.replace(LSOA_NAME_SUFFIX, "", regex=True)
    named = named.map(by_name)
    replaced = {(new, old) for new, olds in predecessors.items() for old in olds}
    named_ok = [pair in replaced for pair in zip(code[outside], named, strict=True)]
    joined = {new: ";".join(sorted(olds)) for new, olds in predecessors.items() if olds}
    placed[outside] = named.where(named_ok).fillna(code[outside].map(joined))
    return placed


def read_units(
    data_dir: Path, row: pd.Series, districts: pd.DataFrame, la_changes: pd.DataFrame
) -> pd.DataFrame:
    """The LSOA units of a membership vintage: unit_code, ltla16_members, health_code,
    health_name and weight (1 per LSOA, so shares count LSOAs)."""
    path = data_dir / row["lookup_file"]
    units = read_lookup(path, row["lookup_code"], row["lookup_name"])
    if pd.notna(row["district_file"]):
        district_path = data_dir / row["district_file"]
        units["district_code"] = units["unit_code"].map(read_unit_districts(district_path))
        reject_rows(
            units,
            units["district_code"].isna(),
            district_path,
            f"LSOA of {row['lookup_file']} has no district here",
            column="unit_code",
        )
    if units["district_code"].isna().all():
        raise DataFileError(
            path, "no district column (LADyyCD or ltlayy_code) and no district_file"
        )
    predecessors = district_predecessors(la_changes, set(districts["ltla16cd"]))
    units["ltla16_members"] = place_in_districts(units, districts, predecessors)
    reject_rows(
        units,
        units["ltla16_members"].isna(),
        path,
        "LSOA cannot be placed in 2016 districts",
        column="district",
    )
    return units.assign(weight=1.0)[UNIT_COLUMNS]


def pct_units(pct_members: pd.DataFrame, district_areas: pd.Series) -> pd.DataFrame:
    """PCT 2006 as units: every 2016 district, with its sourced PCT (missing where unsourced)
    and its area in m2 as weight, so a council's share uncovered is the area of unsourced PCTs."""
    units = pd.DataFrame({"unit_code": district_areas.index, "weight": district_areas.to_numpy()})
    units = units.merge(
        pct_members.rename(columns={"ltla16cd": "unit_code"}), on="unit_code", how="left"
    )
    return units.assign(ltla16_members=units["unit_code"])[UNIT_COLUMNS]


def read_areas(data_dir: Path, row: pd.Series, names: pd.Series) -> gpd.GeoDataFrame:
    """Polygons of a health vintage in EPSG:27700: health_code, health_name, area_m2.

    Files without names (the TopoJSON CCGs) take them from `names` (code -> name), the names
    that the lookups give the same code; a code no lookup knows keeps a missing name.
    ``attrs["repaired"]`` counts polygons mended by make_valid.
    """
    path = data_dir / row["polygon_file"]
    code, name = row["polygon_code"], row["polygon_name"]
    has_name = pd.notna(name)
    layer = read_polygons(
        path,
        schemas.health_polygons(code, name if has_name else None),
        code,
        epsg=int(row["polygon_epsg"]),
        repair=True,
    )
    areas = gpd.GeoDataFrame(
        {
            "health_code": layer[code],
            "health_name": layer[name] if has_name else layer[code].map(names),
        },
        geometry=layer.geometry.values,
        crs=layer.crs,
    ).to_crs(BRITISH_NATIONAL_GRID)
    areas.attrs["repaired"] = layer.attrs["repaired"]
    return areas.assign(area_m2=areas.area)


UNITS_TABLE = "health_units"
AREAS_TABLE = "health_areas"
DISPLAY_TABLE = "health_areas_display"


def _later_names(row: pd.Series, units: dict[str, pd.DataFrame]) -> pd.Series:
    """Code -> name from the lookups of the same kind in force on or after `row`'s date,
    the nearest first (CCG 2013 codes that survived are named as in the 2015 lookup)."""
    table = health_vintages()
    later = table[
        (table["kind"] == row["kind"])
        & (table["in_force_from"] >= row["in_force_from"])
        & table["id"].isin(units)
    ]
    names = pd.Series(dtype=object)
    for health_id in later["id"]:
        own = units[health_id].drop_duplicates("health_code").set_index("health_code")
        names = names.combine_first(own["health_name"].dropna())
    return names


def _plural(kind: str) -> str:
    return f"{kind}s"


def _coverage(row: pd.Series, units: pd.DataFrame | None, areas: gpd.GeoDataFrame | None) -> str:
    expected = f"{row['expected_bodies']} expected"
    parts = []
    if units is not None:
        bodies = units["health_code"].nunique()
        parts.append(f"{bodies} {_plural(row['kind'])} ({expected}) from {len(units):,} LSOAs")
    if areas is not None:
        polygons = f"{len(areas)} polygons"
        if units is None:
            polygons = f"{len(areas)} {_plural(row['kind'])} as polygons ({expected}), no lookup"
        if areas.attrs.get("repaired"):
            polygons += f", {areas.attrs['repaired']} mended with make_valid"
        if unnamed := int(areas["health_name"].isna().sum()):
            polygons += f", {unnamed} with no name in the bundle"
        parts.append(polygons)
    return "; ".join(parts)


def build_tables(
    data_dir: Path,
    districts: pd.DataFrame,
    district_areas: pd.Series,
    pct: tuple[pd.DataFrame, gpd.GeoDataFrame, str],
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Three build tables, each with a `health` column naming the vintage: `health_units`
    (`UNIT_COLUMNS`), `health_areas` (health_code, health_name, area_m2, EPSG:27700) and
    `health_areas_display` (EPSG:4326); and each vintage's coverage text. `pct` is the PCT
    2006 member rows, their dissolved polygons and coverage text, which
    `health.pct2006_members` and `health.dissolve_members` already compute."""
    la_changes = read_csv(data_dir / LA_CHANGES_FILE, schemas.LA_CHANGES)
    pct_members, pct_areas, pct_coverage = pct
    units: dict[str, pd.DataFrame] = {}
    areas: dict[str, gpd.GeoDataFrame] = {}
    coverage: dict[str, str] = {}
    rows = health_vintages()
    for _, row in rows[rows["method"] == "membership"].iterrows():
        units[row["id"]] = read_units(data_dir, row, districts, la_changes)
    for _, row in rows.iterrows():
        health_id = row["id"]
        if row["method"] == "pct_members":
            units[health_id], areas[health_id] = pct_units(pct_members, district_areas), pct_areas
            coverage[health_id] = pct_coverage
            continue
        if pd.notna(row["polygon_file"]):
            areas[health_id] = read_areas(data_dir, row, _later_names(row, units))
        coverage[health_id] = _coverage(row, units.get(health_id), areas.get(health_id))
    polygons = gpd.GeoDataFrame(
        pd.concat([a.assign(health=i) for i, a in areas.items()], ignore_index=True),
        crs=BRITISH_NATIONAL_GRID,
    )
    tables = {
        UNITS_TABLE: pd.concat([u.assign(health=i) for i, u in units.items()], ignore_index=True),
        AREAS_TABLE: polygons,
        DISPLAY_TABLE: display_copy(polygons, group="health"),
    }
    return tables, coverage
