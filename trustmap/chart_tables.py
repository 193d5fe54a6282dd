"""The tidy tables behind the charts (each also a chart's table twin, ready for CSV): two
indicators against each other, an indicator's trend for pathfinders and the other councils,
the group comparisons, and the published totals of trust priorities."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trustmap.build import Build
from trustmap.choices import UnknownChoiceError
from trustmap.council_filter import CouncilFilter, filter_councils
from trustmap.group_comparison import group_membership
from trustmap.themes import published_priorities
from trustmap.values import council_values, data_vintage, indicator_meta, indicator_rows
from trustmap.vintages import council_table

__all__ = [
    "COMPARISON_COLUMNS",
    "OTHER_GROUP",
    "PATHFINDER_GROUP",
    "TREND_COLUMNS",
    "Axis",
    "comparison_table",
    "indicator_axis",
    "published_totals_table",
    "records",
    "scatter_source",
    "scatter_table",
    "trend_note",
    "trend_source",
    "trend_table",
]


PATHFINDER_GROUP = "pathfinder"


OTHER_GROUP = "other councils"


@dataclass(frozen=True)
class Axis:
    """One indicator period as a chart axis, with what its source line needs."""

    indicator: str
    period: str
    label: str
    unit: str
    source: str
    licence: str

    @property
    def title(self) -> str:
        return f"{self.label} ({self.period})"


def indicator_axis(build: Build, indicator_id: str, period: str) -> Axis:
    """The catalogue facts of one indicator period; raises UnknownChoiceError on bad choices."""
    indicator_rows(build, indicator_id, period)  # validates both choices
    meta = indicator_meta(build, indicator_id)
    return Axis(indicator_id, period, meta["label"], meta["unit"], meta["source"], meta["licence"])


def _groups(build: Build, vintage: str) -> pd.Series:
    """la_code -> PATHFINDER_GROUP or OTHER_GROUP for the councils of `vintage`."""
    in_first, _ = group_membership(build, "pathfinder", vintage)
    return in_first.map({True: PATHFINDER_GROUP, False: OTHER_GROUP})


def scatter_table(
    build: Build,
    x: Axis,
    y: Axis,
    vintage: str,
    council_filter: CouncilFilter | None = None,
) -> pd.DataFrame:
    """Councils of `vintage` with a value on both axes (and kept by `council_filter`):
    la_code, la_name, group, x, y.

    Both indicators go through `council_values`, so each is matched to the councils of
    `vintage` by the districts they cover; a council whose area differs is left out.
    """
    names = council_table(build, vintage).set_index("la_code")["la_name"]
    both = pd.concat(
        {
            "x": council_values(build, x.indicator, x.period, vintage),
            "y": council_values(build, y.indicator, y.period, vintage),
        },
        axis=1,
        join="inner",
    )
    both = _kept(build, both, vintage, council_filter)
    table = both.rename_axis("la_code").reset_index()
    table.insert(1, "la_name", table["la_code"].map(names))
    table.insert(2, "group", table["la_code"].map(_groups(build, vintage)))
    return table.sort_values(["group", "la_name"]).reset_index(drop=True)


def scatter_source(x: Axis, y: Axis, vintage: str, matched: int, councils: int) -> str:
    """The scatter's source line: both indicators with their periods and sources, the council
    vintage and how many councils had both values."""
    sources = "; ".join(dict.fromkeys([x.source, y.source]))
    licences = "; ".join(dict.fromkeys([x.licence, y.licence]))
    return (
        f"x: {x.title}. y: {y.title}. On the councils of {vintage}: {matched} of {councils} "
        f"had both values. Sources: {sources}. {licences}."
    )


# Interpolated quartiles carry float noise (69.55000000000001) into the table and its CSV.
STATISTIC_DECIMALS = 6


TREND_COLUMNS = ["period", "la_vintage", "group", "n", "median", "q1", "q3"]


def _kept(build: Build, values, vintage: str, council_filter):
    """`values` (indexed by la_code) of the councils of `vintage` that `council_filter` keeps."""
    if council_filter is None or not council_filter.active:
        return values
    return values[values.index.isin(filter_councils(build, vintage, council_filter))]


def trend_table(
    build: Build, indicator_id: str, council_filter: CouncilFilter | None = None
) -> pd.DataFrame:
    """Per period and group (pathfinder, other councils): n, median and interquartile range,
    of the councils `council_filter` keeps (on each period's vintage).

    Each period is taken on the council vintage of its own data (`data_vintage`), with
    pathfinders as defined on that vintage; a period without council values keeps its rows
    with n = 0 and no statistics, so a chart shows the gap rather than joining across it.
    """
    periods = sorted(indicator_rows(build, indicator_id)["period"].unique())
    rows = []
    for period in periods:
        try:
            vintage = data_vintage(build, indicator_id, period)
        except UnknownChoiceError:  # no council rows at all for this period
            vintage = None
        values = (
            _kept(
                build,
                council_values(build, indicator_id, period, vintage),
                vintage,
                council_filter,
            )
            if vintage
            else pd.Series(dtype=float)
        )
        groups = _groups(build, vintage) if vintage else pd.Series(dtype=object)
        for group in (PATHFINDER_GROUP, OTHER_GROUP):
            chosen = values[values.index.map(groups) == group]
            rows.append(
                {
                    "period": period,
                    "la_vintage": vintage,
                    "group": group,
                    "n": len(chosen),
                    "median": round(chosen.median(), STATISTIC_DECIMALS),
                    "q1": round(chosen.quantile(0.25), STATISTIC_DECIMALS),
                    "q3": round(chosen.quantile(0.75), STATISTIC_DECIMALS),
                }
            )
    return pd.DataFrame(rows, columns=TREND_COLUMNS)


def trend_note(table: pd.DataFrame) -> str | None:
    """Why a trend cannot be drawn (None when it can): it needs two periods with values."""
    with_values = table.loc[table["n"] > 0, "period"].unique()
    if len(with_values) >= 2:
        return None
    if len(with_values) == 1:
        return (
            f"This indicator has council values for one period only ({with_values[0]}): "
            "there is no trend to draw. The group comparison shows that period."
        )
    return "This indicator has no council values, so there is no trend to draw."


def trend_source(table: pd.DataFrame, axis: Axis) -> str:
    """The trend's source line: indicator, its periods and their council vintages, source."""
    with_values = table[table["n"] > 0]
    vintages = with_values.groupby("la_vintage", sort=True)["period"].agg(
        lambda periods: ", ".join(dict.fromkeys(periods))
    )
    on = "; ".join(f"councils of {vintage} for {periods}" for vintage, periods in vintages.items())
    return f"{axis.label}, {on}. Source: {axis.source}. {axis.licence}."


def published_totals_table() -> pd.DataFrame:
    """The published priority totals (Bachmann et al. 2006): priority (the paper's wording),
    theme (the dashboard's), trusts, of_trusts, source. Totals only: no per-trust rows exist."""
    table = published_priorities()
    wording = table["published_wording"].fillna(table["label"])
    return pd.DataFrame(
        {
            "priority": wording.to_numpy(),
            "theme": table["label"].to_numpy(),
            "trusts": table["published_priority_trusts"].astype(int).to_numpy(),
            "of_trusts": table["of_trusts"].to_numpy(),
            "source": table["source"].to_numpy(),
        }
    )


COMPARISON_COLUMNS = [
    "comparison",
    "group",
    "n",
    "mean",
    "median",
    "sd",
    "diff",
    "ci_low",
    "ci_high",
    "confidence",
    "p_welch",
    "p_mannwhitney",
    "hedges_g",
    "indicator",
    "label",
    "period",
    "la_vintage",
    "councils_matched",
    "source",
]


def comparison_table(
    result_pathfinder: dict | None, result_coterminous: dict | None
) -> pd.DataFrame:
    """Table twin of the two comparison box plots: one row per group of each
    `compare_indicator` result (n, mean, median, sd) with the result's difference (first group
    minus second), interval, tests, indicator, period, council vintage and source repeated.
    A missing result (None, as when a grouping could not be compared) gives no rows."""
    rows = []
    for result in (result_pathfinder, result_coterminous):
        if result is None:
            continue
        shared = {name: result[name] for name in COMPARISON_COLUMNS if name in result}
        for group in result["groups"]:
            rows.append({**shared, "comparison": result["by"], **group})
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts (missing values as None), e.g. for a grid's rowData."""
    return table.astype(object).where(table.notna(), None).to_dict("records")
