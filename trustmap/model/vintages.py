"""Council vintages of a build: which exist, their councils and polygons, and each council's
predecessors and successors."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from trustmap.bundle import councils
from trustmap.bundle.build import Build
from trustmap.bundle.choices import check_choice

__all__ = [
    "check_vintage",
    "council_layer",
    "council_lineage",
    "council_table",
    "district_area_series",
    "known_vintages",
    "member_sets",
    "vintage_links",
    "vintage_summary",
]


def known_vintages(build: Build) -> list[str]:
    return sorted(build["council_members"]["vintage"].unique())


def check_vintage(build: Build, vintage: str) -> str:
    """Return `vintage` if the build has it, else raise naming the choices."""
    return check_choice(vintage, known_vintages(build), "vintage")


def district_area_series(build: Build) -> pd.Series:
    """Area of each 2016 district in m2, indexed by ltla16cd."""
    return build["district_areas"].set_index("ltla16cd")["area_m2"]


def vintage_summary(build: Build) -> pd.DataFrame:
    """Each vintage: vintage, in_force_from, councils (built), expected (sourced), label, source."""
    built = build["council_members"].groupby("vintage")["la_code"].nunique().rename("councils")
    table = councils.vintages().rename(columns={"councils": "expected"})
    return table.join(built, on="vintage")[
        ["vintage", "in_force_from", "councils", "expected", "label", "source"]
    ]


def council_layer(build: Build, vintage: str) -> gpd.GeoDataFrame:
    """Council polygons of `vintage` in EPSG:27700."""
    councils_all = build["councils"]
    return councils_all[councils_all["vintage"] == check_vintage(build, vintage)]


def council_table(build: Build, vintage: str) -> pd.DataFrame:
    """Councils of a vintage without geometry (la_code, la_name, la_type, region_name, ...),
    sorted by code: the order of every per-council array the map receives."""
    check_vintage(build, vintage)
    return build.memo(
        ("council_table", vintage),
        lambda: (
            pd.DataFrame(council_layer(build, vintage).drop(columns="geometry"))
            .sort_values("la_code")
            .reset_index(drop=True)
        ),
    )


def member_sets(build: Build) -> pd.Series:
    """Each council code of any vintage -> its set of 2016 districts (as a sorted string)."""

    def compute() -> pd.Series:
        members = build["council_members"].drop_duplicates(["la_code", "ltla16cd"])
        return members.groupby("la_code")["ltla16cd"].agg(lambda codes: ";".join(sorted(codes)))

    return build.memo(("member_sets",), compute)


def vintage_links(build: Build, from_vintage: str, to_vintage: str) -> pd.DataFrame:
    """`councils.successors` of two vintages of the build (once per process and pair): the
    same for every council, so a council's lineage need not redo it. Callers pass vintages the
    build has (the memo is bounded by them)."""
    return build.memo(
        ("vintage_links", from_vintage, to_vintage),
        lambda: councils.successors(
            build["council_members"], district_area_series(build), from_vintage, to_vintage
        ),
    )


def council_lineage(build: Build, la_code: str, vintage: str) -> pd.DataFrame:
    """The councils of other vintages that covered the same ground as `la_code` of `vintage`,
    where they differ from it: vintage, la_code, la_name and `share_of_council` (the share of
    this council's area that lay in each)."""
    rows = []
    for other in known_vintages(build):
        if other == vintage:
            continue
        links = vintage_links(build, vintage, other)
        links = links[links["la_code_from"] == la_code]
        if len(links) == 1 and links["la_code_to"].iat[0] == la_code:
            continue
        rows += [
            {
                "vintage": other,
                "la_code": link.la_code_to,
                "la_name": link.la_name_to,
                "share_of_council": link.share_of_from,
            }
            for link in links.itertuples()
        ]
    return pd.DataFrame(rows, columns=["vintage", "la_code", "la_name", "share_of_council"])
