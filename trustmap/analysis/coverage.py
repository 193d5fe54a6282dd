"""Children covered: how many of England's children lived in the 35 pathfinder councils.

The 2009 national evaluation says the pathfinders covered "20% of children in England"; the
mid-2009 population of their councils gives about a quarter, and so does the 2001 Census, two
years before they were named (its districts summed to the councils of 2004). All are shown,
none adjusted.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from trustmap.bundle import census2001
from trustmap.bundle.build import Build
from trustmap.bundle.sources import citation
from trustmap.bundle.themes import BACHMANN_2009
from trustmap.model import pathfinders, values

__all__ = [
    "CENSUS_CAVEATS",
    "EVALUATION_SHARE",
    "census_2001",
    "children_covered",
    "coverage",
    "coverage_source",
]

POPULATION_INDICATOR = "sfr27-population-0-17"
POPULATION_PERIOD = "2009"
COVERAGE_VINTAGE = "2009"  # the population is published for the 152 councils of April 2009
EVALUATION_SHARE = 0.20
ENGLAND_BASES = {True: "England row of the source", False: "sum of the councils"}
CENSUS_VINTAGE = pathfinders.PATHFINDER_VINTAGE  # the councils the pathfinders were named as
CENSUS_CAVEATS = (
    "Census day was 29 April 2001, two years before the pathfinders were named (July 2003).",
    "ONS adjusted small cells at random to keep people from being identified: totals are "
    "sound, single cells are not.",
    "Nomis gives the districts on their April 2015 boundaries; each council of 2004 is the sum "
    "of its districts (Cheshire of Cheshire East and Cheshire West and Chester, Bedfordshire of "
    "Bedford and Central Bedfordshire, the unitaries they became in 2009).",
    "The table counts people by sex, age and religion and has no all-religions total: "
    "children aged 0-17 are the sum of its 18 blocks of sex by religion.",
)


def children_covered(population: pd.DataFrame, pathfinder_codes: Iterable[str]) -> dict:
    """The pathfinders' children and England's, from `population` (area_code, geography
    `council` or `england`, value). Returns pathfinder_children, england_children,
    england_basis (the source's England row if it has one, else the sum of councils),
    share (0-1) and councils (pathfinder councils counted)."""
    councils = population[population["geography"] == "council"].set_index("area_code")["value"]
    codes = pd.Index(pathfinder_codes).unique()
    missing = codes.difference(councils.dropna().index)
    if not missing.empty:
        raise ValueError(
            f"{len(missing)} pathfinder council(s) have no population, e.g. {missing[0]}; "
            "the share would be understated"
        )
    england = population.loc[population["geography"] == "england", "value"].dropna()
    england_children = round(england.iat[0] if len(england) else councils.sum())
    pathfinder_children = round(councils[codes].sum())
    return {
        "pathfinder_children": pathfinder_children,
        "england_children": england_children,
        "england_basis": ENGLAND_BASES[len(england) > 0],
        "share": pathfinder_children / england_children,
        "councils": len(codes),
    }


def coverage_source(build: Build) -> str:
    """Where both figures come from, and why they may differ."""
    source = build["indicator_catalogue"].set_index("id").at[POPULATION_INDICATOR, "source"]
    return (
        f"Children aged 0-17 at mid-2009 (ONS estimates rounded to 100): {source}. "
        f'The evaluation\'s "20% of children in England": '
        f"{BACHMANN_2009}. It may differ from these counts because some pathfinders worked in "
        "part of their council or on one service, while the counts take every child of the 35 "
        "councils."
    )


def _census_councils(build: Build) -> pd.DataFrame:
    """Children aged 0-17 on Census day 2001 in each council of 2004 (area_code, geography
    `council`, value): the census's districts summed to their councils, once per process."""

    def compute() -> pd.DataFrame:
        children = census2001.read_children_2001(build.data_dir).set_index("ltla_code")
        members = build["council_members"]
        council_of = members.loc[members["vintage"] == CENSUS_VINTAGE].set_index("ltla16cd")
        unmatched = children.index.symmetric_difference(council_of.index)
        if not unmatched.empty:
            raise ValueError(
                f"{len(unmatched)} district(s) of the 2001 Census and the councils of "
                f"{CENSUS_VINTAGE} do not match, e.g. {unmatched[0]}; the share would be wrong"
            )
        councils = children["children_0_17"].groupby(council_of["la_code"]).sum()
        return pd.DataFrame(
            {"area_code": councils.index, "geography": "council", "value": councils.to_numpy()}
        )

    return build.memo(("census_2001_councils",), compute)


def census_2001(build: Build) -> dict:
    """`children_covered` for the 35 pathfinders among the councils of 2004 on Census day
    2001 (children aged 0-17; England is the sum of its councils), with census_day, source and
    caveats (sentences), and `cited`, the source in a few words."""
    covered = children_covered(
        _census_councils(build), pathfinders.pathfinder_codes(build, CENSUS_VINTAGE)
    )
    source = (
        f"Children aged 0-17 on Census day: {citation(census2001.ST149_FILE)}, summed to the "
        f"councils of {CENSUS_VINTAGE}."
    )
    return {
        **covered,
        "census_day": census2001.CENSUS_DAY,
        "cited": "ONS, 2001 Census table ST149",
        "source": source,
        "caveats": list(CENSUS_CAVEATS),
    }


def coverage(build: Build) -> dict:
    """`children_covered` for the pathfinders among the councils of 2009 (mid-2009 children
    aged 0-17), with `evaluation_share` (0.20), `source`, `cited` (the source in a few words)
    and `census_2001` (`census_2001`: the same on Census day 2001)."""
    population = values.indicator_rows(build, POPULATION_INDICATOR, POPULATION_PERIOD)
    status = pathfinders.vintage_pathfinders(build, COVERAGE_VINTAGE)
    covered = children_covered(population, status.loc[status["pathfinder"], "la_code"])
    return {
        **covered,
        "evaluation_share": EVALUATION_SHARE,
        "cited": "ONS estimates in DfE SFR27/2010",
        "source": coverage_source(build),
        "census_2001": census_2001(build),
    }
