"""Slides of the pathfinder era and of the NHS reorganisation story. Their choices are not part
of the map's view, so they travel in their own query keys (`ei` indicator, `eb` and `ea` the
before and after spans, `eg` grouping, `n` the NHS geography, as in the view's link)."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from trustmap.analysis import era, nhs_story
from trustmap.bundle.build import Build
from trustmap.export.slides import Slide
from trustmap.show import era_figures

__all__ = [
    "CHARTS",
    "before_after_slide",
    "choice_query",
    "class_counts_slide",
    "make_slide",
    "query_choice",
]

CHARTS = ("before-after", "nhs-classes")
SLIDE_TICK_PX = 16
SLIDE_BAR_TEXT_PX = 16
SLIDE_MIN_TEXT_PX = 14
BAR_NAMES_SHARE = 0.19  # of the slide's width, beside the bars (16 px, about 28 characters)
QUERY_KEYS = {"ei": "indicator", "eb": "before", "ea": "after", "eg": "by", "n": "health"}


def choice_query(choice: era.BeforeAfterChoice) -> str:
    """'?ei=...&eb=1998-2002&ea=2004-2008&eg=pathfinder' (and n= for the coterminous grouping)."""
    values = {key: getattr(choice, field) for key, field in QUERY_KEYS.items()}
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _years(span: str | None) -> list[int] | None:
    """[first, last] of '1998-2002' or '2004'; None (refused by `era.check_choice`) if odd."""
    parts = (span or "").split("-")
    if not all(part.isdigit() and len(part) == 4 for part in parts) or len(parts) > 2:
        return None
    return [int(parts[0]), int(parts[-1])]


def query_choice(build: Build, args: Mapping[str, str]) -> era.BeforeAfterChoice:
    """The before/after choice of a request's query (`QUERY_KEYS`), checked (ValueError if odd)."""
    asked = {field: args.get(key) for key, field in QUERY_KEYS.items()}
    return era.check_choice(
        build,
        asked["indicator"],
        _years(asked["before"]),
        _years(asked["after"]),
        asked["by"],
        asked["health"],
    )


def _for_slide(figure: go.Figure, legend: dict, subtitle: str) -> go.Figure:
    """The screen figure made ready for `export.slide_figure`: its title (placed for a phone)
    cleared for the slide's own, `subtitle` under it, its legend placed by `legend`, clear of
    the footer, and its axis text at the slide's size."""
    figure.layout.title = go.layout.Title(subtitle={"text": subtitle})
    figure.update_xaxes(tickfont_size=SLIDE_TICK_PX)
    figure.update_yaxes(tickfont_size=SLIDE_TICK_PX)
    return figure.update_layout(height=None, legend=legend)


def before_after_slide(build: Build, choice: era.BeforeAfterChoice) -> Slide:
    view = era.before_after_view(build, choice)
    figure = era_figures.pooled_rates_figure(
        pd.DataFrame(view["yearly"]),
        labels=view["labels"],
        label=view["label"],
        unit=view["unit"],
        before=view["before_periods"],
        after=view["after_periods"],
    )
    title = f"{view['label']}: before and after 2003"
    source = (
        f"{view['notes'][0]} The chart's pooled rates are description, "
        f"not a test. Source: {view['source_name']}; councils of {view['la_vintage']}, "
        f"{view['councils']} compared; pooled denominators derived (count / rate)."
    )
    # The top right of the plot is empty: rates fell after 2008 in both groups.
    inside = {"x": 0.99, "xanchor": "right", "y": 0.99, "yanchor": "top", "orientation": "v"}
    legend = inside | {"bgcolor": "rgba(255,255,255,0.8)"}
    return Slide(_for_slide(figure, legend, view["did_reading"]), title, source)


def _bar_names_inside(figure: go.Figure) -> None:
    """The bars' names written in the figure's own left part (paper x below `BAR_NAMES_SHARE`)
    instead of as tick labels: plotly widens the margin for long tick labels, which would push
    the slide's footer, placed at the plot's left edge, off the slide."""
    figure.update_xaxes(domain=[BAR_NAMES_SHARE, 1])
    figure.update_yaxes(showticklabels=False)
    for name in figure.data[0].y:
        figure.add_annotation(
            text=name,
            x=BAR_NAMES_SHARE - 0.005,
            xref="paper",
            xanchor="right",
            y=name,
            yref="y",
            align="right",
            showarrow=False,
            font={"size": SLIDE_TICK_PX},
        )


def class_counts_slide(build: Build) -> Slide:
    table = nhs_story.class_count_table(build)
    right = {"x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top", "orientation": "v"}
    figure = _for_slide(
        era_figures.class_counts_figure(table),
        right,
        " ".join(nhs_story.partly_determined(table)),
    )
    # Every count at a size that reads on a slide; one too wide for its part is hidden.
    figure.update_traces(textfont_size=SLIDE_BAR_TEXT_PX)
    figure.update_layout(uniformtext_minsize=SLIDE_MIN_TEXT_PX)
    _bar_names_inside(figure)
    source = nhs_story.class_counts_source(table)
    return Slide(
        figure, "Councils sharing a boundary with their NHS commissioner, 2006-2024", source
    )


def make_slide(build: Build, chart: str, args: Mapping[str, str]) -> Slide:
    """The slide of one of `CHARTS`; `args` (a request's query) holds the before/after choice.
    Raises ValueError on an unknown chart or an odd choice."""
    if chart == "nhs-classes":
        return class_counts_slide(build)
    if chart == "before-after":
        return before_after_slide(build, query_choice(build, args))
    raise ValueError(f"unknown chart '{chart}'; choose one of {', '.join(CHARTS)}")
