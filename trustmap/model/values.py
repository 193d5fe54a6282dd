"""Indicator values of a build: an indicator's rows, its values on the councils of a vintage,
its periods, and which council vintage its data belong to."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.bundle.choices import UnknownChoiceError, check_choice
from trustmap.bundle.themes import split_themes, themes
from trustmap.model.vintages import council_layer, member_sets

__all__ = [
    "council_periods",
    "council_values",
    "data_vintage",
    "indicator_list",
    "indicator_meta",
    "indicator_rows",
]


def indicator_meta(build: Build, indicator_id: str) -> pd.Series:
    """The catalogue row of one indicator (label, unit, polarity, themes, source, licence...)."""
    catalogue = build.memo(("catalogue",), lambda: build["indicator_catalogue"].set_index("id"))
    return catalogue.loc[check_choice(indicator_id, catalogue.index, "indicator")]


def indicator_rows(build: Build, indicator_id: str, period: str | None = None) -> pd.DataFrame:
    """Values of one indicator (and period) for every geography; raises on unknown choices."""
    indicator_meta(build, indicator_id)
    rows = build.rows_where("indicator_values", "indicator_id", indicator_id)
    if period is not None:
        check_choice(period, sorted(rows["period"].unique()), f"period of {indicator_id}")
        rows = rows[rows["period"] == period]
    return rows


def council_values(build: Build, indicator_id: str, period: str, vintage: str) -> pd.Series:
    """One indicator's council values on the councils of `vintage`, indexed by la_code.

    A source's council is matched to a council of `vintage` covering the same districts, so a
    code change alone (Buckinghamshire E10000002 -> E06000060) loses nothing; councils whose
    area differs between the data and the vintage are left out, never apportioned.
    """
    rows = indicator_rows(build, indicator_id, period)
    rows = rows[rows["geography"] == "council"]
    sets = member_sets(build)
    in_vintage = council_layer(build, vintage)["la_code"]
    target_by_set = pd.Series(in_vintage.to_numpy(), index=in_vintage.map(sets))
    matched = rows["area_code"].map(sets).map(target_by_set)
    return pd.Series(rows["value"].to_numpy(), index=matched.to_numpy(), name=indicator_id)[
        matched.notna().to_numpy()
    ].dropna()


def data_vintage(build: Build, indicator_id: str, period: str) -> str:
    """The council vintage most of an indicator period's council rows belong to."""
    rows = indicator_rows(build, indicator_id, period)
    vintages = rows.loc[rows["geography"] == "council", "vintage"]
    if vintages.empty:
        raise UnknownChoiceError(f"{indicator_id} has no council values for {period}")
    return vintages.mode().iat[0]


def council_periods(build: Build, indicator_id: str) -> list[str]:
    """Periods of an indicator that have at least one council value, oldest first (periods
    sort as strings, as the period dropdown does)."""
    rows = indicator_rows(build, indicator_id)
    council = rows[(rows["geography"] == "council") & rows["value"].notna()]
    return sorted(council["period"].unique())


def indicator_list(build: Build, *, theme: str | None = None) -> pd.DataFrame:
    """Indicators with id, label, period (';'-joined), unit, polarity, themes and source."""
    catalogue = build["indicator_catalogue"]
    if theme is not None:
        check_choice(theme, themes()["theme"], "theme")
        tagged = split_themes(catalogue["themes"])
        catalogue = catalogue.loc[tagged[tagged == theme].index.unique()]
    columns = ["id", "label", "period", "unit", "polarity", "themes", "source"]
    return catalogue.rename(columns={"periods": "period"})[columns].reset_index(drop=True)
