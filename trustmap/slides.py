"""Slides of a view for presenters: the map and the two group comparisons, each with a title
and a source line, rendered alone or as a briefing pack."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import plotly.graph_objects as go

from trustmap import export
from trustmap.build import Build
from trustmap.chart_figures import comparison_sentence, group_comparison_figure
from trustmap.group_comparison import comparison
from trustmap.map_content import map_content
from trustmap.pathfinders import pathfinder_codes
from trustmap.slide_map import slide_outlines, static_council_map
from trustmap.values import indicator_meta
from trustmap.view import View
from trustmap.vintages import council_layer

__all__ = ["CHARTS", "Slide", "SlideUnavailableError", "briefing", "make_slide", "render_slide"]

CHARTS = ("map", "pathfinder", "coterminous")


class SlideUnavailableError(LookupError):
    """A chart that cannot be drawn for this view (e.g. a comparison with an empty group)."""


@dataclass(frozen=True)
class Slide:
    figure: go.Figure
    title: str
    source: str


def vintage_outlines(build: Build, vintage: str) -> gpd.GeoDataFrame:
    """Council outlines of a vintage for slide maps (EPSG:27700), simplified once per process."""
    layer = council_layer(build, vintage)
    return build.memo(("slide_outlines", vintage), lambda: slide_outlines(layer))


def map_slide(build: Build, view: View) -> Slide:
    content = map_content(build, view)
    figure = static_council_map(
        vintage_outlines(build, view.vintage),
        content.colouring,
        pathfinder_codes(build, view.vintage),
    )
    title = (
        f"{content.colouring.title}: councils of {view.vintage} (thick outline: 2003 pathfinders)"
    )
    return Slide(figure, title, content.source)


def comparison_slide(build: Build, view: View, by: str) -> Slide:
    try:
        made = comparison(
            build,
            view.indicator,
            view.period,
            by,
            health=view.nhs,
            council_filter=view.council_filter(),
        )
    except ValueError as error:  # too few values, or a choice the build does not have
        raise SlideUnavailableError(str(error)) from error
    result = made.result
    unit = indicator_meta(build, view.indicator)["unit"]
    figure = group_comparison_figure(made.values, result, unit).update_layout(height=None)
    title = f"{result['label']}, {view.period}: {comparison_sentence(result)}"
    source = (
        f"Source: {result['source']}; councils of {result['la_vintage']} "
        f"({result['councils_matched']} with a value)."
    )
    return Slide(figure, title, source)


def make_slide(build: Build, chart: str, view: View) -> Slide:
    """The slide of one of CHARTS for a (settled) view."""
    return map_slide(build, view) if chart == "map" else comparison_slide(build, view, chart)


def render_slide(slide: Slide, image_format: str) -> bytes:
    return export.render(slide.figure, image_format, title=slide.title, source=slide.source)


def briefing(build: Build, view: View) -> bytes:
    """One PDF with every chart of the view that can be drawn, a page each."""
    pages = []
    for chart in CHARTS:
        try:
            pages.append(render_slide(make_slide(build, chart, view), "pdf"))
        except SlideUnavailableError:
            continue
    return export.briefing_pack(pages)
