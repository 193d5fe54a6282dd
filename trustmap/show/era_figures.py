"""Figures of the pathfinder era and of the NHS reorganisation story: pure functions of tidy
frames. Pathfinders are red and only pathfinders; coterminous councils take the map's
coterminous colour; each figure is titled, and its source line is shown beside it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import hex_to_rgb, unlabel_rgb

from trustmap.show.colouring import COTERMINOSITY_CLASSES, SAFE, text_colour
from trustmap.stats.formatting import wrap_html
from trustmap.vocabulary import (
    COTERMINOUS_GROUPS,
    COTERMINOUS_THROUGHOUT_GROUPS,
    PATHFINDER_GROUPS,
)

__all__ = [
    "change_by_group_figure",
    "class_counts_figure",
    "group_colour",
    "pooled_rates_figure",
]

REST_COLOUR = "#6f6f6f"  # "not coterminous" and "the rest": no class colour of their own
ERA_HEIGHT_PX = 440
CLASS_COUNTS_HEIGHT_PX = 620
CLASS_COUNT_MIN_TEXT_PX = 10  # a count that would be drawn smaller is hidden (its hover stays)
CHANGE_HEIGHT_PX = 420
TITLE_CHARS = 42  # titles wrap early: plotly does not reflow them on a phone
SPAN_SHADE = "rgba(0,0,0,0.05)"
BAND_ALPHA = 0.2
# A coterminous group's label begins so whatever NHS geography or span it names.
COTERMINOUS_PREFIXES = tuple(
    groups[0].partition("{")[0] for groups in (COTERMINOUS_GROUPS, COTERMINOUS_THROUGHOUT_GROUPS)
)


def group_colour(label: str) -> str:
    """A group's colour by its label: pathfinders red, other councils blue (as on the map and
    in the comparisons), coterminous councils the map's coterminous colour, the rest grey."""
    if label == PATHFINDER_GROUPS[0]:
        return SAFE[1]
    if label == PATHFINDER_GROUPS[1]:
        return SAFE[0]
    if label.startswith(COTERMINOUS_PREFIXES):
        return COTERMINOSITY_CLASSES["coterminous"][1]
    return REST_COLOUR


def _translucent(colour: str, alpha: float) -> str:
    """'rgba(...)' of an 'rgb(...)' (plotly's palettes) or '#rrggbb' colour."""
    red, green, blue = unlabel_rgb(colour) if colour.startswith("rgb") else hex_to_rgb(colour)
    return f"rgba({red:g},{green:g},{blue:g},{alpha})"


def _layout(figure: go.Figure, title: str, subtitle: str, *, height: int = ERA_HEIGHT_PX) -> None:
    """Title and subtitle wrapped for a phone, with a top margin fitted to their lines (the
    subtitle is part of the title's text: plotly's own subtitle would overlap the plot once
    it wraps), white plot, legend below."""
    title_lines = wrap_html(title, TITLE_CHARS).split("<br>")
    subtitle_lines = wrap_html(subtitle, TITLE_CHARS + 18).split("<br>")
    figure.update_layout(
        title={
            "text": "<br>".join(title_lines)
            + f"<br><span style='font-size:11px'>{'<br>'.join(subtitle_lines)}</span>",
            "font": {"size": 14},
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 16},
        },
        height=height,
        margin={
            "l": 70,
            "r": 10,
            "t": 40 + 20 * len(title_lines) + 16 * len(subtitle_lines),
            "b": 60,
        },
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
    )
    figure.update_xaxes(gridcolor="#e5e5e5", zeroline=False, automargin=True)
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False, automargin=True)


def pooled_rates_figure(
    yearly: pd.DataFrame,
    *,
    labels: tuple[str, str],
    label: str,
    unit: str,
    before: list[str],
    after: list[str],
    marked_year: int = 2003,
) -> go.Figure:
    """Each group's pooled rate per year (line, labelled as description: it weighs councils by
    size) and its exact 95% Poisson interval (band), from `before_after.group_pooled_rates`
    (period, group, councils, rate, ci_low, ci_high); the `before` and `after` spans shaded and
    `marked_year` drawn as a dashed line."""
    figure = go.Figure()
    for name in labels:
        rows = yearly[yearly["group"] == name].assign(year=lambda t: t["period"].astype(int))
        rows = rows.sort_values("year")
        colour = group_colour(name)
        figure.add_trace(
            go.Scatter(
                x=[*rows["year"], *rows["year"][::-1]],
                y=[*rows["ci_high"], *rows["ci_low"][::-1]],
                fill="toself",
                fillcolor=_translucent(colour, BAND_ALPHA),
                line={"width": 0},
                hoverinfo="skip",
                legendgroup=name,
                showlegend=False,
            )
        )
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["rate"],
                mode="lines+markers",
                name=f"{name}: pooled rates (description)",
                legendgroup=name,
                line={"color": colour, "width": 2.5},
                marker={"color": colour, "size": 7},
                customdata=rows[["ci_low", "ci_high", "councils"]].to_numpy(),
                hovertemplate=(
                    f"<b>{name}</b> %{{x}}<br>pooled rate %{{y:.1f}}<br>"
                    "95% CI %{customdata[0]:.1f} to %{customdata[1]:.1f}<br>"
                    "%{customdata[2]} councils<extra></extra>"
                ),
            )
        )
    for span, text in ((before, "before"), (after, "after")):
        figure.add_vrect(
            x0=int(span[0]) - 0.4,
            x1=int(span[-1]) + 0.4,
            fillcolor=SPAN_SHADE,
            line_width=0,
            layer="below",
            annotation_text=text,
            annotation_position="top left",
        )
    figure.add_vline(
        x=marked_year,
        line={"dash": "dash", "color": "#333333", "width": 1},
        annotation_text=f"{marked_year}: pathfinders named",
        annotation_position="bottom right",
    )
    _layout(
        figure,
        f"{label}: two groups of councils, pooled per year",
        f"Description, not a test. Bands: exact 95% Poisson intervals, blind to differences "
        f"between councils. Shaded: {before[0]}-{before[-1]} and {after[0]}-{after[-1]}",
    )
    figure.update_yaxes(title=wrap_html(unit, 40))
    return figure


def class_counts_figure(table: pd.DataFrame) -> go.Figure:
    """Stacked horizontal bars of councils per coterminosity class, one bar per health vintage
    (oldest on top, so that it reads on a phone too), in the map's class colours, each part
    labelled with its count (in black or white, as reads on its colour; hidden where too
    narrow) and each bar with its bodies (known of expected where fewer are known) and how
    many of its councils are coterminous; `table` is `nhs_story.class_count_table`'s frame."""
    order = list(dict.fromkeys(table["health"]))
    first_rows = table.drop_duplicates("health").set_index("health").loc[order]
    coterminous = table[table["class"] == "coterminous"].set_index("health")["councils"]
    bar_labels = [
        f"{row.kind.replace(' location', '')} {pd.Timestamp(row.date):%b %Y}, "
        + (
            f"{row.bodies} bodies"
            if row.bodies == row.expected_bodies
            else f"{row.bodies} of {row.expected_bodies} bodies"
        )
        + f"<br>{coterminous.get(row.Index, 0)} of {row.councils_then} coterminous"
        for row in first_rows.itertuples()
    ]
    figure = go.Figure()
    for name, (legend, colour) in COTERMINOSITY_CLASSES.items():
        rows = table[table["class"] == name].set_index("health").reindex(order)
        figure.add_trace(
            go.Bar(
                y=bar_labels,
                x=rows["councils"],
                orientation="h",
                name=legend,
                marker={"color": colour, "line": {"color": "#ffffff", "width": 0.5}},
                text=[f"{count:g}" if count else "" for count in rows["councils"].fillna(0)],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": text_colour(colour)},
                customdata=rows[["council_vintage", "councils_then", "bodies"]].to_numpy(),
                hovertemplate=(
                    f"<b>{legend}</b>: %{{x}} of %{{customdata[1]}} councils of "
                    "%{customdata[0]}<br>%{y}<extra></extra>"
                ),
            )
        )
    _layout(
        figure,
        "Councils sharing a boundary with their NHS commissioner, 2006-2024",
        "Each bar: the councils then in force, counted by coterminosity class with that "
        "year's NHS bodies. PCT 2006 is only partly sourced: grey = not determined.",
        height=CLASS_COUNTS_HEIGHT_PX,
    )
    figure.update_layout(
        barmode="stack",
        bargap=0.25,
        margin={"l": 10, "b": 90},
        legend={"y": -0.05},
        uniformtext={"minsize": CLASS_COUNT_MIN_TEXT_PX, "mode": "hide"},
    )
    figure.update_yaxes(autorange="reversed", tickfont={"size": 10}, gridcolor="rgba(0,0,0,0)")
    return figure


def change_by_group_figure(councils: pd.DataFrame, result: dict) -> go.Figure:
    """Each council's change as a point over a box per group, from `outcomes.Outcomes`
    (councils: la_name, group, change; result: comparison, label, unit, periods)."""
    figure = go.Figure()
    for group in result["comparison"]["groups"]:
        rows = councils[councils["group"] == group["group"]]
        colour = group_colour(group["group"])
        figure.add_trace(
            go.Box(
                y=rows["change"],
                name=wrap_html(f"{group['group']} (n={group['n']})", 22),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": colour, "size": 5},
                line={"color": "#444444"},
                fillcolor="rgba(0,0,0,0)",
                text=rows["la_name"],
                hovertemplate="%{text}: %{y}<extra></extra>",
            )
        )
    _layout(
        figure,
        f"{result['label']}: change from {result['period_from']} to {result['period_to']}",
        f"one point per council of {result['la_vintage']}; box = quartiles",
        height=CHANGE_HEIGHT_PX,
    )
    figure.update_layout(showlegend=False)
    figure.update_yaxes(title=wrap_html(f"change ({result['unit']})", 40), zeroline=True)
    return figure
