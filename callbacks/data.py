"""The build, loaded once per process, and the per-vintage tables the callbacks reuse.

Cached tables are shared between callbacks: callers read them and never modify them.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from callbacks.state import Choices
from trustmap import analysis, figures
from trustmap.build import Build, load_build
from trustmap.themes import themes

HEALTH = "ccg2019"
HEALTH_LABEL = "CCG April 2019"
# The exact LSOA lookup exists for CCGs 2019, and `compare_indicator` groups councils by it.
COTERMINOSITY_METHOD = "membership"


@cache
def get_build() -> Build:
    return load_build(progress=True)


@cache
def choices() -> Choices:
    return Choices.from_build(get_build(), themes()["theme"])


@cache
def councils(vintage: str) -> pd.DataFrame:
    """Councils of a vintage (la_code, la_name, la_type, region_name), sorted by code."""
    display = get_build()["councils_display"]
    rows = display[display["vintage"] == analysis.check_vintage(get_build(), vintage)]
    return pd.DataFrame(rows.drop(columns="geometry")).sort_values("la_code")


@cache
def council_geojson(vintage: str) -> dict:
    display = get_build()["councils_display"]
    return figures.council_geojson(display[display["vintage"] == vintage])


@cache
def slide_outlines(vintage: str):
    """Council outlines of a vintage for slide maps (EPSG:27700, simplified once)."""
    return figures.slide_outlines(analysis.council_layer(get_build(), vintage))


@cache
def health_geojson(health: str) -> dict:
    """Display polygons of a health geography (ccg2019 or pct2006) as GeoJSON."""
    return figures.health_geojson(get_build()[f"{health}_display"])


def pathfinders(vintage: str) -> pd.DataFrame:
    """Pathfinder status of a vintage's councils (memoised by the build)."""
    return analysis.vintage_pathfinders(get_build(), vintage)


def coterminosity(vintage: str) -> pd.DataFrame:
    """Coterminosity of a vintage's councils with CCG 2019 (memoised by the build)."""
    return analysis.coterminosity_table(get_build(), vintage, HEALTH, COTERMINOSITY_METHOD)


def profile(area_code: str) -> pd.DataFrame:
    """A council against England (computed once per build, then read from its cache)."""
    return analysis.profile(get_build(), area_code)


@cache
def catalogue() -> pd.DataFrame:
    return get_build()["indicator_catalogue"].set_index("id")
