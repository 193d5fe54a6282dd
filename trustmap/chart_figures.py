"""Plotly figures of the chart tables (`chart_tables`): pure functions of tidy frames, one
colour language (pathfinders in red, other councils in blue; coterminosity in the map's
colours), every chart titled and sourced."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import unlabel_rgb

from trustmap.chart_tables import OTHER_GROUP, PATHFINDER_GROUP, Axis
from trustmap.colouring import COTERMINOSITY_CLASSES, SAFE
from trustmap.formatting import format_value, wrap_html
from trustmap.themes import PATHFINDER_COUNT

__all__ = [
    "comparison_sentence",
    "group_comparison_figure",
    "published_totals_figure",
    "scatter_figure",
    "trend_figure",
]


# Same colours as the comparison box plots (pathfinders SAFE[1]); a second channel, the
# marker symbol, keeps the groups apart without colour.
GROUP_STYLES = {
    OTHER_GROUP: {"color": SAFE[0], "symbol": "circle", "opacity": 0.55, "size": 7},
    PATHFINDER_GROUP: {"color": SAFE[1], "symbol": "diamond", "opacity": 0.95, "size": 10},
}


BAND_OPACITY = 0.18


# Points of a group comparison (first group, the rest): pathfinder red only for pathfinders,
# the map's coterminous green for coterminous councils, grey for "not coterminous", which
# gathers three of the map's classes.
GROUP_COLOURS = {
    "pathfinder": (SAFE[1], SAFE[0]),
    "coterminous": (COTERMINOSITY_CLASSES["coterminous"][1], "#777777"),
}


CHART_HEIGHT_PX = 420


TITLE_WRAP_CHARS = 70


AXIS_WRAP_CHARS = 45


PER_TRUST_NOT_PUBLISHED = (
    "Published totals only: which trust chose which priority, or pooled which budgets, was "
    "not published, so no council is shown here."
)


def _chart_layout(figure: go.Figure, title: str, subtitle: str) -> None:
    figure.update_layout(
        title={
            "text": wrap_html(title, TITLE_WRAP_CHARS),
            "subtitle": {"text": wrap_html(subtitle, TITLE_WRAP_CHARS + 20)},
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
    figure.update_xaxes(title=wrap_html(f"x: {x.unit}", AXIS_WRAP_CHARS))
    figure.update_yaxes(title=wrap_html(f"y: {y.unit}", AXIS_WRAP_CHARS))
    return figure


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
    figure.update_yaxes(title=wrap_html(axis.unit, AXIS_WRAP_CHARS))
    return figure


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


def group_comparison_figure(values: pd.DataFrame, result: dict, unit: str = "") -> go.Figure:
    """Box plot with every council as a point, one box per group of `compare_indicator`'s
    result; `values` has la_name, value and group (the result's group labels)."""
    figure = go.Figure()
    for position, group in enumerate(result["groups"]):
        rows = values[values["group"] == group["group"]]
        figure.add_trace(
            go.Box(
                y=rows["value"],
                name=f"{group['group']} (n={group['n']})",
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": GROUP_COLOURS[result["by"]][position], "size": 5},
                line={"color": SAFE[4]},
                fillcolor="rgba(0,0,0,0)",
                text=rows["la_name"],
                hovertemplate="%{text}: %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        showlegend=False,
        height=330,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        yaxis_title=wrap_html(unit, 40),
        plot_bgcolor="white",
    )
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return figure


def comparison_sentence(result: dict) -> str:
    """'difference X (95% CI a to b), Welch p=...' for a `compare_indicator` result."""
    first, second = (group["group"] for group in result["groups"])
    level = round(100 * result["confidence"])
    return (
        f"{first} minus {second}: difference {format_value(result['diff'])} "
        f"({level}% CI {format_value(result['ci_low'])} to {format_value(result['ci_high'])}), "
        f"Welch p={result['p_welch']:.3g}"
    )
