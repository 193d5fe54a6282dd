"""The 35 children's trust pathfinders of July 2003, and their status in every later vintage."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle import schemas
from trustmap.bundle.build import Build
from trustmap.bundle.councils import successors
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import read_csv, reject_rows
from trustmap.model.vintages import check_vintage, district_area_series

__all__ = [
    "pathfinder_codes",
    "pathfinder_status",
    "pathfinders_in",
    "read_pathfinders",
    "status_in_words",
    "vintage_pathfinders",
    "years_after_announcement",
]

PATHFINDERS_TABLE = "pathfinders.csv"
PATHFINDER_VINTAGE = "2004"
PATHFINDERS_SOURCE = (
    'Pathfinders: the 35 announced in July 2003 (Community Care, "Children\'s Trusts").'
)
ANNOUNCED_YEAR = 2003  # the pathfinders were announced in July 2003


def read_pathfinders(council_members: pd.DataFrame) -> pd.DataFrame:
    """The 35 as announced, each matched to exactly one 2004 council by code and name."""
    table = read_csv(table_path(PATHFINDERS_TABLE), schemas.PATHFINDERS)
    councils = council_members[council_members["vintage"] == PATHFINDER_VINTAGE]
    names = councils.drop_duplicates("la_code").set_index("la_code")["la_name"]
    mismatched = table["la_code_2004"].map(names) != table["la_name_2004"]
    reject_rows(
        table,
        mismatched,
        table_path(PATHFINDERS_TABLE),
        "code and name do not match one 2004 council",
        column="la_code_2004",
    )
    return table


def pathfinder_status(
    council_members: pd.DataFrame, areas: pd.Series, vintage: str
) -> pd.DataFrame:
    """Every council of `vintage` with `pathfinder` (bool), its 2004 pathfinder predecessors
    (`pathfinder_of`) and the share of its area that was a pathfinder area."""
    table = read_pathfinders(council_members)
    councils = council_members[council_members["vintage"] == vintage]
    status = councils.drop_duplicates("la_code")[["la_code", "la_name"]].set_index("la_code")
    links = successors(council_members, areas, PATHFINDER_VINTAGE, vintage)
    links = links[links["la_code_from"].isin(table["la_code_2004"])]
    share = _share_from_pathfinders(links, council_members, areas, vintage)
    status["pathfinder_share"] = share.reindex(status.index).fillna(0.0)
    status["pathfinder"] = status["pathfinder_share"] > 0.5
    names = links.groupby("la_code_to")["la_name_from"].agg(lambda n: "; ".join(sorted(n)))
    status["pathfinder_of"] = names.reindex(status.index).fillna("")
    return status.reset_index()


def _share_from_pathfinders(
    links: pd.DataFrame, members: pd.DataFrame, areas: pd.Series, vintage: str
) -> pd.Series:
    """Fraction of each later council's area that lay in a 2004 pathfinder."""
    later = members[members["vintage"] == vintage][["la_code", "ltla16cd"]]
    earlier = members[members["vintage"] == PATHFINDER_VINTAGE][["la_code", "ltla16cd"]]
    pathfinder_districts = earlier[earlier["la_code"].isin(links["la_code_from"])]["ltla16cd"]
    weighted = later.join(areas, on="ltla16cd")
    in_pathfinder = weighted["area_m2"].where(weighted["ltla16cd"].isin(pathfinder_districts), 0.0)
    return (
        in_pathfinder.groupby(weighted["la_code"]).sum()
        / weighted.groupby("la_code")["area_m2"].sum()
    )


def vintage_pathfinders(build: Build, vintage: str) -> pd.DataFrame:
    """`pathfinder_status` of every council of `vintage`, computed once per process."""
    check_vintage(build, vintage)
    return build.memo(
        ("pathfinders", vintage),
        lambda: pathfinder_status(build["council_members"], district_area_series(build), vintage),
    )


def pathfinder_codes(build: Build, vintage: str) -> list[str]:
    """Codes of the councils of `vintage` that are (mostly) a 2003 pathfinder's area."""
    status = vintage_pathfinders(build, vintage)
    return status.loc[status["pathfinder"], "la_code"].tolist()


def pathfinders_in(build: Build, vintage: str) -> pd.DataFrame:
    """Councils of `vintage` that are (or succeed) one of the 35 pathfinders: la_code, la_name,
    vintage, pathfinder_of, pathfinder_share (and announced_name for 2004)."""
    status = vintage_pathfinders(build, vintage)
    chosen = status[status["pathfinder_share"] > 0].copy()
    if vintage == PATHFINDER_VINTAGE:
        announced = read_pathfinders(build["council_members"]).set_index("la_code_2004")
        chosen["announced_name"] = chosen["la_code"].map(announced["announced_name"])
    chosen["vintage"] = vintage
    columns = ["la_code", "la_name", "vintage", "pathfinder_of", "pathfinder_share"]
    extra = ["announced_name"] if vintage == PATHFINDER_VINTAGE else []
    return chosen[columns + extra].sort_values("la_name").reset_index(drop=True)


def years_after_announcement(period: str) -> int:
    """How many years a period's start lies after the 2003 pathfinder announcement."""
    return int(period[:4]) - ANNOUNCED_YEAR


def status_in_words(row: pd.Series) -> str:
    """A council's pathfinder status (a row of `vintage_pathfinders`) as a sentence's end."""
    renamed = "" if row["pathfinder_of"] == row["la_name"] else f" (as {row['pathfinder_of']})"
    if row["pathfinder"]:
        return f"2003 children's trust pathfinder{renamed}"
    if row["pathfinder_share"] > 0:
        return f"partly a pathfinder area ({row['pathfinder_share']:.0%}){renamed}"
    return "not a pathfinder"
