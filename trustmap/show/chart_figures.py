"""Plotly figures of the chart tables (`chart_tables`): pure functions of tidy frames, one
colour language (pathfinders in the map's red, other councils in its blue; coterminosity in the
map's class colours), every chart titled and sourced."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trustmap.bundle.themes import PATHFINDER_COUNT
from trustmap.show.chart_tables import (
    COUNCIL_SERIES,
    ENGLAND_SERIES,
    MEDIAN_SERIES,
    OTHER_GROUP,
    PATHFINDER_GROUP,
    Axis,
)
from trustmap.show.colouring import (
    COTERMINOSITY_CLASSES,
    MAP_LINES,
    PATHFINDER_CLASSES,
    SAFE,
    SELECTED_COLOUR,
)
from trustmap.stats.formatting import wrap_html
from trustmap.stats.readings import difference_decimals, difference_unit

__all__ = [
    "CLASS_STYLES",
    "group_comparison_figure",
    "neighbours_figure",
    "published_totals_figure",
    "scatter_figure",
    "trend_figure",
]


PATHFINDER_COLOUR, OTHER_COLOUR = (
    PATHFINDER_CLASSES["pathfinder"][1],
    PATHFINDER_CLASSES["other"][1],
)
# The map's colours; a second channel, the marker symbol, keeps the groups apart without colour.
GROUP_STYLES = {
    OTHER_GROUP: {"color": OTHER_COLOUR, "symbol": "circle", "opacity": 0.55, "size": 7},
    PATHFINDER_GROUP: {
        "color": PATHFINDER_COLOUR,
        "symbol": "diamond",
        "opacity": 0.95,
        "size": 10,
    },
}
# Each council's class on the map (`group_comparison.membership_classes`) -> label and colour.
CLASS_STYLES = {
    "pathfinder": PATHFINDER_CLASSES["pathfinder"],
    "other": PATHFINDER_CLASSES["other"],
    **COTERMINOSITY_CLASSES,
}
CLASS_SYMBOLS = {"pathfinder": "diamond", "coterminous": "diamond"}
BOX_LINE = "#555555"
JITTER_WIDTH = 0.5
GOLDEN_FRACTION = 0.6180339887  # successive multiples spread evenly over [0, 1)
ENGLAND_COLOUR = "#333333"


CHART_HEIGHT_PX = 420
COMPARISON_HEIGHT_PX = 360
NEIGHBOURS_MIN_HEIGHT_PX = 260


TITLE_WRAP_CHARS = 70


AXIS_WRAP_CHARS = 45


PER_TRUST_NOT_PUBLISHED = (
    "Published totals only: which trust chose which priority, or pooled which budgets, was "
    "not published, so no council is shown here."
)


def _chart_layout(figure: go.Figure, title: str, subtitle: str) -> None:
    title_text = wrap_html(title, TITLE_WRAP_CHARS)
    subtitle_text = wrap_html(subtitle, TITLE_WRAP_CHARS + 20)
    # Room above the plot for every line of the title and subtitle, so neither covers it.
    lines = title_text.count("<br>") + 1, subtitle_text.count("<br>") + 1
    figure.update_layout(
        title={
            "text": title_text,
            "subtitle": {"text": subtitle_text},
            "font": {"size": 14},
            "x": 0,
            "xanchor": "left",
            # Anchored at the top: centred in the margin, a long subtitle would reach the plot.
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
        },
        height=CHART_HEIGHT_PX,
        margin={"l": 70, "r": 10, "t": 40 + 19 * lines[0] + 15 * lines[1], "b": 60},
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


def _line_points(rows: pd.DataFrame, periods: list[str], column: str) -> list:
    """`column` of each line over every period, lines one after another, each followed by a
    blank point so that no line joins the next; a period without a value is a gap."""
    wide = rows.pivot(index="line", columns="period", values=column).reindex(columns=periods)
    blank = np.full((len(wide), 1), None, dtype=object)
    return list(np.hstack([wide.astype(object).to_numpy(), blank]).ravel())


def _council_lines(rows: pd.DataFrame, periods: list[str], **style) -> go.Scatter:
    lines = rows["line"].nunique()
    values = _line_points(rows, periods, "value")
    return go.Scatter(
        x=[*periods, None] * lines,
        y=[None if pd.isna(v) else v for v in values],
        text=_line_points(rows, periods, "la_name"),
        mode="lines",
        connectgaps=False,
        hovertemplate="<b>%{text}</b> %{x}: %{y}<extra></extra>",
        **style,
    )


def _series(table: pd.DataFrame, periods: list[str], **style) -> go.Scatter:
    """One line over the periods (a median or England's), broken where it has no value."""
    values = table.set_index("period")["value"].reindex(periods)
    return go.Scatter(
        x=periods,
        y=[None if pd.isna(v) else v for v in values],
        mode="lines+markers",
        connectgaps=False,
        **style,
    )


def _latest_sizes(councils: pd.DataFrame) -> str:
    latest = councils["period"].max()
    sizes = councils.loc[councils["period"] == latest, "group"].value_counts()
    return (
        f"{sizes.get(PATHFINDER_GROUP, 0)} pathfinders and {sizes.get(OTHER_GROUP, 0)} other "
        f"councils in {latest}"
    )


def _vintage_span(councils: pd.DataFrame) -> str:
    first, last = councils["la_vintage"].min(), councils["la_vintage"].max()
    if first == last:
        return f"councils of {first}"
    return f"councils of {first} to {last}, each period on its data's own vintage"


def trend_figure(
    table: pd.DataFrame,
    axis: Axis,
    *,
    filters: str = "all councils",
    selected: list[str] | tuple[str, ...] = (),
) -> go.Figure:
    """A thin line per council (pathfinders in red over the others in blue), each group's
    median as a thick line, the source's England value dashed, and the `selected` lines (of
    `chart_tables.selected_lines`) bold in black, always the last trace. `table` is
    `trend_table`'s frame; `filters` names the councils kept in the title, and the subtitle the
    group sizes and the council vintages. A line breaks where its council has no value or its
    boundary changed."""
    periods = sorted(table["period"].unique())
    councils = table[table["series"] == COUNCIL_SERIES]
    figure = go.Figure()
    for group, opacity in ((OTHER_GROUP, 0.35), (PATHFINDER_GROUP, 0.6)):
        colour = GROUP_STYLES[group]["color"]
        rows = councils[councils["group"] == group]
        figure.add_trace(
            _council_lines(
                rows,
                periods,
                name=f"each {'pathfinder' if group == PATHFINDER_GROUP else 'other council'}",
                line={"color": colour, "width": 1},
                opacity=opacity,
                legendgroup=group,
            )
        )
    medians = table[table["series"] == MEDIAN_SERIES]
    for group in (OTHER_GROUP, PATHFINDER_GROUP):
        style = GROUP_STYLES[group]
        rows = medians[medians["group"] == group]
        figure.add_trace(
            _series(
                rows,
                periods,
                name=f"median of {'pathfinders' if group == PATHFINDER_GROUP else group}",
                line={"color": style["color"], "width": 4},
                marker={"color": style["color"], "symbol": style["symbol"], "size": 9},
                legendgroup=group,
                customdata=rows.set_index("period")["n"].reindex(periods).to_numpy(),
                hovertemplate=f"median of {group} %{{x}}: %{{y}} (n = %{{customdata}})"
                "<extra></extra>",
            )
        )
    england = table[table["series"] == ENGLAND_SERIES]
    if not england.empty:
        figure.add_trace(
            _series(
                england,
                periods,
                name="England (source)",
                line={"color": ENGLAND_COLOUR, "width": 2.5, "dash": "dash"},
                marker={"color": ENGLAND_COLOUR, "size": 6},
                hovertemplate="England %{x}: %{y}<extra></extra>",
            )
        )
    figure.add_trace(selected_trace(councils, periods, selected))
    missing = [p for p in periods if p not in set(councils["period"])]
    gaps = f"; no council values for {', '.join(missing)}" if missing else ""
    no_england = "" if not england.empty else "; the source gives no England value"
    _chart_layout(
        figure,
        f"{axis.label}, {periods[0]} to {periods[-1]}: {filters}",
        f"{_latest_sizes(councils)}; {_vintage_span(councils)}; a line breaks where a "
        f"council's boundary changed or it has no value{gaps}{no_england}",
    )
    figure.update_layout(height=CHART_HEIGHT_PX + figure.layout.margin.t)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    figure.update_yaxes(title=wrap_html(axis.unit, AXIS_WRAP_CHARS))
    return figure


def selected_trace(
    councils: pd.DataFrame, periods: list[str], selected: list[str] | tuple[str, ...]
) -> go.Scatter:
    """The selected council's line(s), bold: empty when none is selected (the trace stays, so
    that a new selection replaces it in place)."""
    rows = councils[councils["line"].isin(selected)]
    names = ", ".join(dict.fromkeys(rows.sort_values("period")["la_name"]))
    return _council_lines(
        rows,
        periods,
        name=f"selected: {names}" if names else "selected council",
        line={"color": SELECTED_COLOUR, "width": MAP_LINES["selected"]["weight"]},
        showlegend=bool(names),
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


def _jitter(count: int) -> np.ndarray:
    """Deterministic horizontal offsets that spread `count` points across the box."""
    return ((np.arange(count) * GOLDEN_FRACTION) % 1 - 0.5) * JITTER_WIDTH


def group_comparison_figure(values: pd.DataFrame, result: Mapping[str, Any]) -> go.Figure:
    """One box per group of a `group_comparison.comparison` result, with every council as a
    point coloured by its class on the map (`CLASS_STYLES`): pathfinders red, other councils
    blue; coterminous green, the other coterminosity classes in their map colours. `values`
    has la_name, value, group and class."""
    figure = go.Figure()
    decimals, unit = result["decimals"], result["unit"]
    groups = [group["group"] for group in result["groups"]]
    for position, group in enumerate(result["groups"]):
        rows = values[values["group"] == group["group"]]
        figure.add_trace(
            go.Box(
                x=[position] * len(rows),
                y=rows["value"],
                name=group["group"],
                boxpoints=False,
                width=0.6,
                line={"color": BOX_LINE, "width": 1.5},
                fillcolor="rgba(0,0,0,0)",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    placed = values.assign(position=values["group"].map({g: i for i, g in enumerate(groups)}))
    placed = placed.sort_values(["position", "value"])
    placed["x"] = placed["position"] + placed.groupby("position")["value"].transform(
        lambda v: _jitter(len(v))
    )
    for key, (label, colour) in CLASS_STYLES.items():
        rows = placed[placed["class"] == key]
        if rows.empty:
            continue
        figure.add_trace(
            go.Scatter(
                x=rows["x"],
                y=rows["value"],
                mode="markers",
                name=f"{label} ({len(rows)})",
                text=rows["la_name"],
                marker={
                    "color": colour,
                    "symbol": CLASS_SYMBOLS.get(key, "circle"),
                    "size": 8,
                    "line": {"width": 0.5, "color": "#333333"},
                },
                hovertemplate=f"%{{text}}: %{{y:,.{decimals}f}} {unit}<extra>{label}</extra>",
            )
        )
    ticks = [wrap_html(f"{group['group']} (n={group['n']})", 20) for group in result["groups"]]
    figure.update_layout(
        height=COMPARISON_HEIGHT_PX,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        yaxis_title=wrap_html(unit, 40),
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
    )
    figure.update_xaxes(tickvals=[0, 1], ticktext=ticks, range=[-0.6, 1.6], showgrid=False)
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return figure


def neighbours_figure(result: dict) -> go.Figure:
    """Each kept pathfinder's difference from its neighbours' mean as a red diamond (largest
    at the top), a line at no difference, and the mean difference with its interval as a grey
    band. `result` is `neighbours.compare_with_neighbours`'s."""
    kept = pd.DataFrame(result["pathfinders"])
    kept = kept[kept["kept"]].sort_values("difference")
    decimals = result["decimals"]
    places = difference_decimals(decimals)
    unit = difference_unit(result["unit"])
    figure = go.Figure()
    if result["n"] >= 2:
        figure.add_vrect(
            x0=result["ci_low"],
            x1=result["ci_high"],
            fillcolor="#bbbbbb",
            opacity=0.35,
            line_width=0,
            layer="below",
        )
        figure.add_vline(x=result["diff"], line={"color": "#555555", "dash": "dash", "width": 2})
    figure.add_vline(x=0, line={"color": "#000000", "width": 1})
    figure.add_trace(
        go.Scatter(
            x=kept["difference"],
            y=kept["la_name"],
            mode="markers",
            name="pathfinder: its value minus its neighbours' mean",
            marker={
                "color": PATHFINDER_COLOUR,
                "symbol": "diamond",
                "size": 10,
                "line": {"width": 0.5, "color": "#333333"},
            },
            customdata=kept[["value", "neighbours_mean", "neighbours_used"]].to_numpy(),
            hovertemplate=(
                f"<b>%{{y}}</b>: %{{customdata[0]:,.{decimals}f}} against "
                f"%{{customdata[1]:,.{places}f}} (mean of %{{customdata[2]}} neighbours)<br>"
                f"difference %{{x:+,.{places}f}} {unit}<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        height=max(NEIGHBOURS_MIN_HEIGHT_PX, 20 * len(kept) + 110),
        margin={"l": 10, "r": 10, "t": 10, "b": 50},
        plot_bgcolor="white",
        showlegend=False,
    )
    figure.update_xaxes(
        title=wrap_html(
            f"difference from the neighbours' mean ({unit}); grey band: 95% interval of the "
            "mean difference",
            AXIS_WRAP_CHARS,
        ),
        gridcolor="#e5e5e5",
        zeroline=False,
    )
    figure.update_yaxes(automargin=True, gridcolor="#f0f0f0", type="category")
    return figure
