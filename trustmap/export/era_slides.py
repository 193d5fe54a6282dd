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

__all__ = ["CHARTS", "before_after_slide", "choice_query", "class_counts_slide", "make_slide"]

CHARTS = ("before-after", "nhs-classes")
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


def _choice(build: Build, args: Mapping[str, str]) -> era.BeforeAfterChoice:
    asked = {field: args.get(key) for key, field in QUERY_KEYS.items()}
    return era.check_choice(
        build,
        asked["indicator"],
        _years(asked["before"]),
        _years(asked["after"]),
        asked["by"],
        asked["health"],
    )


def _for_slide(figure: go.Figure, legend: dict) -> go.Figure:
    """The screen figure made ready for `export.slide_figure`: its title (placed for a phone)
    cleared for the slide's own, and its legend placed by `legend`, clear of the footer."""
    figure.layout.title = go.layout.Title()
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
        f"{view['reading']} Source: {view['source_name']}; councils of {view['la_vintage']}, "
        f"{view['councils']} compared; pooled denominators derived (count / rate)."
    )
    # The top right of the plot is empty: rates fell after 2008 in both groups.
    inside = {"x": 0.99, "xanchor": "right", "y": 0.99, "yanchor": "top", "orientation": "v"}
    return Slide(_for_slide(figure, inside | {"bgcolor": "rgba(255,255,255,0.8)"}), title, source)


def class_counts_slide(build: Build) -> Slide:
    table = nhs_story.class_count_table(build)
    right = {"x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top", "orientation": "v"}
    figure = _for_slide(era_figures.class_counts_figure(table), right)
    source = " ".join([*nhs_story.partly_determined(table), nhs_story.class_counts_source(table)])
    return Slide(
        figure, "Councils sharing a boundary with their NHS commissioner, 2006-2024", source
    )


def make_slide(build: Build, chart: str, args: Mapping[str, str]) -> Slide:
    """The slide of one of `CHARTS`; `args` (a request's query) holds the before/after choice.
    Raises ValueError on an unknown chart or an odd choice."""
    if chart == "nhs-classes":
        return class_counts_slide(build)
    if chart == "before-after":
        return before_after_slide(build, _choice(build, args))
    raise ValueError(f"unknown chart '{chart}'; choose one of {', '.join(CHARTS)}")
