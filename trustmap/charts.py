"""Charts beyond the map: two indicators against each other, an indicator's trend for
pathfinders and other councils, and the published totals of trust priorities.

Tidy-table makers take a build and return plain frames (the table twin of each chart, ready
for CSV); figure builders are pure functions of those frames. No Dash import.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import unlabel_rgb

from trustmap import analysis
from trustmap.build import Build
from trustmap.figures import SAFE
from trustmap.themes import PATHFINDER_COUNT, published_priorities

PATHFINDER_GROUP = "pathfinder"
OTHER_GROUP = "other councils"
# Same colours as the comparison box plots (pathfinders SAFE[1]); a second channel, the
# marker symbol, keeps the groups apart without colour.
GROUP_STYLES = {
    OTHER_GROUP: {"color": SAFE[0], "symbol": "circle", "opacity": 0.55, "size": 7},
    PATHFINDER_GROUP: {"color": SAFE[1], "symbol": "diamond", "opacity": 0.95, "size": 10},
}
BAND_OPACITY = 0.18
CHART_HEIGHT_PX = 420
TITLE_WRAP_CHARS = 70
AXIS_WRAP_CHARS = 45

PER_TRUST_NOT_PUBLISHED = (
    "Published totals only: which trust chose which priority, or pooled which budgets, was "
    "not published, so no council is shown here."
)


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
    analysis.indicator_rows(build, indicator_id, period)  # validates both choices
    meta = build["indicator_catalogue"].set_index("id").loc[indicator_id]
    return Axis(indicator_id, period, meta["label"], meta["unit"], meta["source"], meta["licence"])


def council_periods(build: Build, indicator_id: str) -> list[str]:
    """Periods of an indicator that have at least one council value, oldest first (periods
    sort as strings, as the period dropdown does)."""
    rows = analysis.indicator_rows(build, indicator_id)
    council = rows[(rows["geography"] == "council") & rows["value"].notna()]
    return sorted(council["period"].unique())


def latest_council_period(build: Build, indicator_id: str) -> str:
    periods = council_periods(build, indicator_id)
    if not periods:
        raise analysis.UnknownChoiceError(f"{indicator_id} has no council values")
    return periods[-1]


def _groups(build: Build, vintage: str) -> pd.Series:
    """la_code -> PATHFINDER_GROUP or OTHER_GROUP for the councils of `vintage`."""
    in_first, _ = analysis.group_membership(build, "pathfinder", vintage)
    return in_first.map({True: PATHFINDER_GROUP, False: OTHER_GROUP})


def scatter_table(
    build: Build,
    x: Axis,
    y: Axis,
    vintage: str,
    council_filter: analysis.CouncilFilter | None = None,
) -> pd.DataFrame:
    """Councils of `vintage` with a value on both axes (and kept by `council_filter`):
    la_code, la_name, group, x, y.

    Both indicators go through `council_values`, so each is matched to the councils of
    `vintage` by the districts they cover; a council whose area differs is left out.
    """
    names = analysis.council_layer(build, vintage).set_index("la_code")["la_name"]
    both = pd.concat(
        {
            "x": analysis.council_values(build, x.indicator, x.period, vintage),
            "y": analysis.council_values(build, y.indicator, y.period, vintage),
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


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _chart_layout(figure: go.Figure, title: str, subtitle: str) -> None:
    figure.update_layout(
        title={
            "text": _wrap(title, TITLE_WRAP_CHARS),
            "subtitle": {"text": _wrap(subtitle, TITLE_WRAP_CHARS + 20)},
            "font": {"size": 14},
            "x": 0,
            "xanchor": "left",
        },
        height=CHART_HEIGHT_PX,
        margin={"l": 70, "r": 10, "t": 100, "b": 60},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
    )
    figure.update_xaxes(gridcolor="#e5e5e5", zeroline=False, automargin=True)
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False, automargin=True)


def scatter_figure(table: pd.DataFrame, x: Axis, y: Axis, vintage: str) -> go.Figure:
    """Councils as points (x against y), pathfinders drawn last as larger diamonds; hover
    names the council. `table` is `scatter_table`'s frame."""
    figure = go.Figure()
    for group, style in GROUP_STYLES.items():
        rows = table[table["group"] == group]
        figure.add_trace(
            go.Scatter(
                x=rows["x"],
                y=rows["y"],
                mode="markers",
                name=f"{group} (n={len(rows)})",
                text=rows["la_name"],
                customdata=rows["la_code"],
                marker={
                    "color": style["color"],
                    "symbol": style["symbol"],
                    "size": style["size"],
                    "opacity": style["opacity"],
                    "line": {"width": 0.5, "color": "#333333"},
                },
                hovertemplate=("<b>%{text}</b><br>x: %{x}<br>y: %{y}<extra>" + group + "</extra>"),
            )
        )
    _chart_layout(
        figure,
        f"{y.label} against {x.label}",
        f"x: {x.period}, y: {y.period}; councils of {vintage}, {len(table)} with both values",
    )
    # The title names both indicators; the axes keep to their units so that they stay short.
    figure.update_xaxes(title=_wrap(f"x: {x.unit}", AXIS_WRAP_CHARS))
    figure.update_yaxes(title=_wrap(f"y: {y.unit}", AXIS_WRAP_CHARS))
    return figure


# Interpolated quartiles carry float noise (69.55000000000001) into the table and its CSV.
STATISTIC_DECIMALS = 6
TREND_COLUMNS = ["period", "la_vintage", "group", "n", "median", "q1", "q3"]


def _kept(build: Build, values, vintage: str, council_filter):
    """`values` (indexed by la_code) of the councils of `vintage` that `council_filter` keeps."""
    if council_filter is None or not council_filter.active:
        return values
    return values[values.index.isin(analysis.filter_councils(build, vintage, council_filter))]


def trend_table(
    build: Build, indicator_id: str, council_filter: analysis.CouncilFilter | None = None
) -> pd.DataFrame:
    """Per period and group (pathfinder, other councils): n, median and interquartile range,
    of the councils `council_filter` keeps (on each period's vintage).

    Each period is taken on the council vintage of its own data (`data_vintage`), with
    pathfinders as defined on that vintage; a period without council values keeps its rows
    with n = 0 and no statistics, so a chart shows the gap rather than joining across it.
    """
    periods = sorted(analysis.indicator_rows(build, indicator_id)["period"].unique())
    rows = []
    for period in periods:
        try:
            vintage = analysis.data_vintage(build, indicator_id, period)
        except analysis.UnknownChoiceError:  # no council rows at all for this period
            vintage = None
        values = (
            _kept(
                build,
                analysis.council_values(build, indicator_id, period, vintage),
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


def _runs(present: list[bool]) -> list[list[int]]:
    """Positions of each unbroken run of True values."""
    runs, current = [], []
    for position, flag in enumerate(present):
        if flag:
            current.append(position)
        elif current:
            runs.append(current)
            current = []
    return [*runs, current] if current else runs


def _translucent(colour: str, alpha: float) -> str:
    red, green, blue = unlabel_rgb(colour)
    return f"rgba({red:g},{green:g},{blue:g},{alpha})"


def trend_figure(table: pd.DataFrame, axis: Axis) -> go.Figure:
    """Median per period for each group as a line, its interquartile range as a band; a
    period without values breaks line and band. `table` is `trend_table`'s frame and `axis`
    describes the indicator (its period is not used)."""
    periods = list(dict.fromkeys(table["period"]))
    figure = go.Figure()
    for group in (OTHER_GROUP, PATHFINDER_GROUP):
        style = GROUP_STYLES[group]
        rows = table[table["group"] == group].set_index("period").reindex(periods)
        for run in _runs(list(rows["n"] > 0)):
            band = rows.iloc[run]
            figure.add_trace(
                go.Scatter(
                    x=[*band.index, *band.index[::-1]],
                    y=[*band["q3"], *band["q1"][::-1]],
                    mode="lines",
                    fill="toself",
                    fillcolor=_translucent(style["color"], BAND_OPACITY),
                    line={"width": 0},
                    hoverinfo="skip",
                    legendgroup=group,
                    showlegend=False,
                    name=f"{group} interquartile range",
                )
            )
        figure.add_trace(
            go.Scatter(
                x=periods,
                y=rows["median"],
                mode="lines+markers",
                connectgaps=False,
                name=f"{group}: median, band = interquartile range",
                legendgroup=group,
                line={"color": style["color"], "width": 2.5},
                marker={"color": style["color"], "symbol": style["symbol"], "size": 9},
                customdata=rows[["n", "q1", "q3", "la_vintage"]].to_numpy(),
                hovertemplate=(
                    f"<b>{group}</b> %{{x}}<br>median %{{y}}<br>"
                    "IQR %{customdata[1]} to %{customdata[2]}<br>"
                    "n = %{customdata[0]} councils (of %{customdata[3]})<extra></extra>"
                ),
            )
        )
    missing = [p for p in periods if (table.loc[table["period"] == p, "n"] == 0).all()]
    gaps = f"; no council values for {', '.join(missing)}" if missing else ""
    _chart_layout(
        figure,
        f"{axis.label}: pathfinders and other councils",
        f"median and interquartile range per period, each on its data's council vintage{gaps}",
    )
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    figure.update_yaxes(title=_wrap(axis.unit, AXIS_WRAP_CHARS))
    return figure


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


def published_totals_figure(table: pd.DataFrame) -> go.Figure:
    """Horizontal bars of how many of the 35 trusts named each priority (published totals)."""
    ordered = table.iloc[::-1]  # bars draw bottom to top: commonest priority on top
    figure = go.Figure(
        go.Bar(
            x=ordered["trusts"],
            y=ordered["priority"],
            orientation="h",
            marker={"color": SAFE[1]},
            text=[
                f"{n} of {of}"
                for n, of in zip(ordered["trusts"], ordered["of_trusts"], strict=True)
            ],
            textposition="outside",
            hovertemplate="%{y}: %{x} of 35 trusts (published total)<extra></extra>",
        )
    )
    _chart_layout(
        figure,
        "Priorities the trusts named most often: published totals",
        "Bachmann et al. 2006, survey of the 35 pathfinders; no per-trust data",
    )
    figure.update_layout(height=260, margin={"l": 10, "r": 10, "t": 80, "b": 40})
    figure.update_xaxes(title="trusts (of 35)", range=[0, PATHFINDER_COUNT], dtick=5)
    figure.update_yaxes(automargin=True, gridcolor="rgba(0,0,0,0)")
    return figure


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
