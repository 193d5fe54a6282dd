"""Children covered: how many of England's children lived in the 35 pathfinder councils.

The 2009 national evaluation says the pathfinders covered "20% of children in England"; the
mid-2009 population of their councils gives about a quarter. Both are shown, neither adjusted.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.bundle.themes import BACHMANN_2009
from trustmap.model import pathfinders, values

__all__ = ["EVALUATION_SHARE", "children_covered", "coverage", "coverage_source"]

POPULATION_INDICATOR = "sfr27-population-0-17"
POPULATION_PERIOD = "2009"
COVERAGE_VINTAGE = "2009"  # the population is published for the 152 councils of April 2009
EVALUATION_SHARE = 0.20
ENGLAND_BASES = {True: "England row of the source", False: "sum of the councils"}


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
        f"{BACHMANN_2009}. The two may differ because some pathfinders worked in part of their "
        "council or on one service, while this count takes every child of the 35 councils."
    )


def coverage(build: Build) -> dict:
    """`children_covered` for the pathfinders among the councils of 2009 (mid-2009 children
    aged 0-17), with `evaluation_share` (0.20) and `source`."""
    population = values.indicator_rows(build, POPULATION_INDICATOR, POPULATION_PERIOD)
    status = pathfinders.vintage_pathfinders(build, COVERAGE_VINTAGE)
    covered = children_covered(population, status.loc[status["pathfinder"], "la_code"])
    return {**covered, "evaluation_share": EVALUATION_SHARE, "source": coverage_source(build)}
