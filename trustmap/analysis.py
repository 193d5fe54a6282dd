"""Questions asked of a build: pathfinders in a vintage, indicator lists, vintage summaries."""

from __future__ import annotations

import pandas as pd

from trustmap import councils
from trustmap.build import Build
from trustmap.pathfinders import pathfinder_status, read_pathfinders
from trustmap.themes import published_priorities, split_themes, theme_coverage, themes


class UnknownChoiceError(ValueError):
    """A vintage, theme, indicator or area that the build does not have."""


def known_vintages(build: Build) -> list[str]:
    return sorted(build["council_members"]["vintage"].unique())


def check_vintage(build: Build, vintage: str) -> str:
    """Return `vintage` if the build has it, else raise naming the choices."""
    known = known_vintages(build)
    if vintage not in known:
        raise UnknownChoiceError(f"unknown vintage '{vintage}'; choose one of {', '.join(known)}")
    return vintage


def district_area_series(build: Build) -> pd.Series:
    return build["district_areas"].set_index("ltla16cd")["area_m2"]


def vintage_summary(build: Build) -> pd.DataFrame:
    """Each vintage: date in force, councils built, councils expected (sourced), label."""
    built = build["council_members"].groupby("vintage")["la_code"].nunique().rename("councils")
    table = councils.vintages().rename(columns={"councils": "expected"})
    return table.join(built, on="vintage")[
        ["vintage", "in_force_from", "councils", "expected", "label", "source"]
    ]


def pathfinders_in(build: Build, vintage: str) -> pd.DataFrame:
    """Councils of `vintage` that are (or succeed) one of the 35 pathfinders."""
    status = pathfinder_status(build["council_members"], district_area_series(build), vintage)
    chosen = status[status["pathfinder_share"] > 0].copy()
    if vintage == "2004":
        announced = read_pathfinders(build["council_members"]).set_index("la_code_2004")
        chosen["announced_name"] = chosen["la_code"].map(announced["announced_name"])
    chosen["vintage"] = vintage
    columns = ["la_code", "la_name", "vintage", "pathfinder_of", "pathfinder_share"]
    extra = ["announced_name"] if vintage == "2004" else []
    return chosen[columns + extra].sort_values("la_name").reset_index(drop=True)


def indicator_list(build: Build, *, theme: str | None = None) -> pd.DataFrame:
    """Indicators with id, label, periods, unit, polarity, themes and source."""
    catalogue = build["indicator_catalogue"]
    if theme is not None:
        if theme not in set(themes()["theme"]):
            raise UnknownChoiceError(
                f"unknown theme '{theme}'; choose one of {', '.join(themes()['theme'])}"
            )
        tagged = split_themes(catalogue["themes"])
        catalogue = catalogue.loc[tagged[tagged == theme].index.unique()]
    columns = ["id", "label", "period", "unit", "polarity", "themes", "source"]
    return catalogue.rename(columns={"periods": "period"})[columns].reset_index(drop=True)


def theme_summary(build: Build) -> pd.DataFrame:
    """Themes with their indicator counts and the published priority totals."""
    coverage = theme_coverage(build["indicator_catalogue"])
    totals = published_priorities().set_index("theme")[["published_priority_trusts", "of_trusts"]]
    return coverage.join(totals, on="theme")
