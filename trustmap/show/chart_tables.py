"""The tidy tables behind the charts (each also a chart's table twin, ready for CSV): two
indicators against each other, an indicator's trend per council with the group medians and
England, the group comparisons and the pathfinders against their neighbours (rounded, with
full-precision twins), and the published totals of trust priorities."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from trustmap.analysis.group_comparison import group_membership
from trustmap.analysis.profile import indicator_decimals
from trustmap.bundle.build import Build
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.bundle.themes import published_priorities
from trustmap.model.council_filter import CouncilFilter, filter_councils
from trustmap.model.values import council_values, data_vintage, indicator_meta, indicator_rows
from trustmap.model.vintages import council_table, member_sets
from trustmap.stats.readings import difference_decimals, difference_unit, round_to
from trustmap.stats.wording import comparison_caution, comparison_reading
from trustmap.vocabulary import GROUPING_LABELS, PATHFINDER_GROUPS

__all__ = [
    "COMPARISON_COLUMNS",
    "COUNCIL_SERIES",
    "ENGLAND_SERIES",
    "MEDIAN_SERIES",
    "NEIGHBOURS_COLUMNS",
    "OTHER_GROUP",
    "PATHFINDER_GROUP",
    "TREND_COLUMNS",
    "Axis",
    "comparison_table",
    "council_lines",
    "indicator_axis",
    "neighbours_table",
    "published_totals_table",
    "records",
    "scatter_source",
    "scatter_table",
    "selected_lines",
    "trend_note",
    "trend_source",
    "trend_table",
]


PATHFINDER_GROUP, OTHER_GROUP = PATHFINDER_GROUPS


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
    *,
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


TREND_COLUMNS = [
    "period",
    "la_vintage",
    "series",
    "line",
    "la_code",
    "la_name",
    "group",
    "value",
    "n",
    "q1",
    "q3",
    "value_exact",
]
COUNCIL_SERIES, MEDIAN_SERIES, ENGLAND_SERIES = "council", "median", "England"


def _kept(build: Build, values, vintage: str, council_filter):
    """`values` (indexed by la_code) of the councils of `vintage` that `council_filter` keeps."""
    if council_filter is None or not council_filter.active:
        return values
    return values[values.index.isin(filter_councils(build, vintage, council_filter))]


def _period_vintage(build: Build, indicator_id: str, period: str) -> str | None:
    try:
        return data_vintage(build, indicator_id, period)
    except UnknownChoiceError:  # no council rows at all for this period
        return None


def _council_rows(build: Build, indicator_id: str, periods, council_filter) -> pd.DataFrame:
    """Each period's council values on its data's vintage: period, la_vintage, la_code,
    la_name, group, value, and `line`: the code its ground has in the latest period (see
    `trend_table`)."""
    frames = []
    for period in periods:
        vintage = _period_vintage(build, indicator_id, period)
        if vintage is None:
            continue
        values = _kept(
            build, council_values(build, indicator_id, period, vintage), vintage, council_filter
        )
        names = council_table(build, vintage).set_index("la_code")["la_name"]
        frames.append(
            pd.DataFrame(
                {
                    "period": period,
                    "la_vintage": vintage,
                    "la_code": values.index,
                    "la_name": values.index.map(names),
                    "group": values.index.map(_groups(build, vintage)),
                    "value": values.to_numpy(),
                }
            )
        )
    columns = ["period", "la_vintage", "la_code", "la_name", "group", "value"]
    rows = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    # A source listing one ground under two codes (old and new) gives it one value per period.
    rows = rows.drop_duplicates(["period", "la_code"])
    return rows.assign(line=council_lines(rows["la_code"], member_sets(build)))


def council_lines(codes: pd.Series, grounds: pd.Series) -> pd.Series:
    """The trend line of each council row (rows in period order): the last code its ground
    (`grounds`: code -> its set of 2016 districts) has, so a council renamed or recoded on the
    same ground keeps one line and a council whose boundary changed starts a new one."""
    ground = codes.map(grounds)
    return codes.groupby(ground.to_numpy()).transform("last")


def _median_rows(councils: pd.DataFrame, periods, vintages: dict, decimals: int) -> pd.DataFrame:
    """Per period and group: n, median and quartiles (n = 0 and no statistics for a period
    without values, so that a chart shows the gap rather than joining across it)."""
    rows = []
    for period in periods:
        for group in (PATHFINDER_GROUP, OTHER_GROUP):
            chosen = councils.loc[
                (councils["period"] == period) & (councils["group"] == group), "value"
            ]
            median = chosen.median()
            rows.append(
                {
                    "period": period,
                    "la_vintage": vintages.get(period),
                    "series": MEDIAN_SERIES,
                    "group": group,
                    "value": round_to(median, decimals),
                    "n": len(chosen),
                    "q1": round_to(chosen.quantile(0.25), decimals),
                    "q3": round_to(chosen.quantile(0.75), decimals),
                    "value_exact": median,
                }
            )
    return pd.DataFrame(rows)


def _england_rows(build: Build, indicator_id: str) -> pd.DataFrame:
    """The source's own England value per period (none for most non-LAIT sources)."""
    rows = indicator_rows(build, indicator_id)
    england = rows[(rows["geography"] == "england") & rows["value"].notna()]
    return pd.DataFrame(
        {
            "period": england["period"].to_numpy(),
            "series": ENGLAND_SERIES,
            "la_name": "England",
            "value": england["value"].to_numpy(),
            "value_exact": england["value"].to_numpy(),
        }
    )


def trend_table(
    build: Build, indicator_id: str, council_filter: CouncilFilter | None = None
) -> pd.DataFrame:
    """Every period of an indicator as TREND_COLUMNS: one `council` row per council with a
    value (of the councils `council_filter` keeps), one `median` row per group (n, median,
    quartiles; n = 0 where the period has no value), and the source's `England` row.

    Each period is taken on the council vintage of its own data (`data_vintage`), with
    pathfinders as defined on that vintage. A council's `line` is the code its ground (its set
    of 2016 districts) has in the latest period it appears: a code change alone keeps one line
    (Buckinghamshire), a boundary change starts a new one (Dorset in 2019). Medians and
    quartiles are rounded to the indicator's precision, and `value_exact` keeps them whole.
    """
    periods = sorted(indicator_rows(build, indicator_id)["period"].unique())
    councils = _council_rows(build, indicator_id, periods, council_filter)
    vintages = {p: _period_vintage(build, indicator_id, p) for p in periods}
    decimals = difference_decimals(int(indicator_decimals(build)[indicator_id]))
    table = pd.concat(
        [
            councils.assign(series=COUNCIL_SERIES, value_exact=councils["value"]),
            _median_rows(councils, periods, vintages, decimals),
            _england_rows(build, indicator_id),
        ],
        ignore_index=True,
    )
    return table.reindex(columns=TREND_COLUMNS)


def selected_lines(build: Build, table: pd.DataFrame, area_code: str | None) -> list[str]:
    """The `line`s of a `trend_table` on the same ground as council `area_code` (of any
    vintage): the selected council's line, or none where its ground has no value."""
    if area_code is None:
        return []
    sets = member_sets(build)
    councils = table[table["series"] == COUNCIL_SERIES]
    same = councils["la_code"].map(sets) == sets.get(area_code)
    return sorted(councils.loc[same, "line"].unique())


def trend_note(table: pd.DataFrame) -> str | None:
    """Why a trend cannot be drawn (None when it can): it needs two periods with values."""
    councils = table[table["series"] == COUNCIL_SERIES]
    with_values = sorted(councils["period"].unique())
    if len(with_values) >= 2:
        return None
    if len(with_values) == 1:
        return (
            f"This indicator has council values for one period only ({with_values[0]}): "
            "there is no trend to draw. The group comparison shows that period."
        )
    return "This indicator has no council values, so there is no trend to draw."


def _trend_vintages(table: pd.DataFrame) -> str:
    """Which council vintage each period is on: 'councils of 2009 for 2016, 2017, 2018; ...'."""
    councils = table[table["series"] == COUNCIL_SERIES]
    vintages = councils.groupby("la_vintage", sort=True)["period"].agg(
        lambda periods: ", ".join(dict.fromkeys(periods))
    )
    return "; ".join(
        f"councils of {vintage} for {periods}" for vintage, periods in vintages.items()
    )


def trend_source(table: pd.DataFrame, axis: Axis) -> str:
    """The trend's source line: indicator, its periods and their council vintages, source."""
    return f"{axis.label}, {_trend_vintages(table)}. Source: {axis.source}. {axis.licence}."


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


EXACT = "_exact"  # suffix of the full-precision twin of a rounded column
ROUNDED_GROUP_FIELDS = ("mean", "median", "sd")
ROUNDED_STATISTICS = ("diff", "ci_low", "ci_high")
P_SIGNIFICANT_DIGITS = 3
COMPARISON_COLUMNS = [
    "comparison",
    "group",
    "n",
    *ROUNDED_GROUP_FIELDS,
    *ROUNDED_STATISTICS,
    "diff_unit",
    "reading",
    "caution",
    "p_welch",
    "p_mannwhitney",
    "hedges_g",
    "confidence",
    "unit",
    "indicator",
    "label",
    "period",
    "la_vintage",
    "filters",
    "councils_matched",
    "source",
    *(f"{name}{EXACT}" for name in (*ROUNDED_GROUP_FIELDS, *ROUNDED_STATISTICS)),
    "p_welch_exact",
    "p_mannwhitney_exact",
]
SHARED_FIELDS = ("unit", "indicator", "label", "period", "la_vintage", "filters")


def _significant(value: float | None, digits: int = P_SIGNIFICANT_DIGITS) -> float | None:
    return None if value is None else float(f"{value:.{digits}g}")


def comparison_table(*results: dict | None) -> pd.DataFrame:
    """Table twin of the group comparisons: one row per group of each `comparison` result
    (None, for a grouping that could not be compared, gives no rows), as COMPARISON_COLUMNS,
    the grouping in words (`vocabulary.GROUPING_LABELS`).

    Means, medians, standard deviations, the difference (first group minus second) and its
    interval are rounded to the indicator's precision (at least one decimal); p values to three
    significant digits; each has a full-precision `*_exact` twin for analysts. The plain
    reading and the small-group caution are repeated on each row."""
    rows = []
    for result in results:
        if result is None:
            continue
        decimals = difference_decimals(result["decimals"])
        shared = {
            "comparison": GROUPING_LABELS[result["by"]],
            **{name: result[name] for name in (*SHARED_FIELDS, "councils_matched", "source")},
            "diff_unit": difference_unit(result["unit"]),
            "reading": comparison_reading(result),
            "caution": comparison_caution(result),
            "confidence": result["confidence"],
            "hedges_g": round_to(result["hedges_g"], 2),
            **{name: round_to(result[name], decimals) for name in ROUNDED_STATISTICS},
            **{f"{name}{EXACT}": result[name] for name in ROUNDED_STATISTICS},
        }
        for name in ("p_welch", "p_mannwhitney"):
            shared |= {name: _significant(result[name]), f"{name}{EXACT}": result[name]}
        for group in result["groups"]:
            rows.append(
                {
                    **shared,
                    "group": group["group"],
                    "n": group["n"],
                    **{name: round_to(group[name], decimals) for name in ROUNDED_GROUP_FIELDS},
                    **{f"{name}{EXACT}": group[name] for name in ROUNDED_GROUP_FIELDS},
                }
            )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


NEIGHBOURS_COLUMNS = [
    "la_code",
    "la_name",
    "value",
    "neighbours_mean",
    "neighbours_used",
    "difference",
    "kept",
    "reason",
    "unit",
    "value_exact",
    "neighbours_mean_exact",
    "difference_exact",
]


def neighbours_table(result: dict) -> pd.DataFrame:
    """Table twin of `neighbours.compare_with_neighbours`: one row per pathfinder (kept ones
    first, largest difference first) as NEIGHBOURS_COLUMNS, the value rounded to the
    indicator's precision and the neighbours' mean and the difference to at least one decimal,
    each with its full-precision `*_exact` twin."""
    table = pd.DataFrame(result["pathfinders"], columns=NEIGHBOURS_COLUMNS[:8])
    table = table.sort_values(["kept", "difference"], ascending=[False, False])
    decimals = difference_decimals(result["decimals"])
    rounded = {
        "value": result["decimals"],
        "neighbours_mean": decimals,
        "difference": decimals,
    }
    for name, places in rounded.items():
        table[f"{name}{EXACT}"] = table[name]
        table[name] = table[name].map(lambda value, places=places: round_to(value, places))
    table["unit"] = result["unit"]
    return table.reindex(columns=NEIGHBOURS_COLUMNS).reset_index(drop=True)


def records(table: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts (missing values as None), e.g. for a grid's rowData."""
    return table.astype(object).where(table.notna(), None).to_dict("records")
