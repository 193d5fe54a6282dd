"""Slides of a view for presenters: the map and the two group comparisons, each with a title
and a source line, rendered alone or as a briefing pack."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import plotly.graph_objects as go

from trustmap import export
from trustmap.build import Build
from trustmap.chart_figures import group_comparison_figure
from trustmap.comparison_wording import (
    comparison_caution,
    comparison_footnote,
    comparison_headline,
    comparison_reading,
    comparison_subtitle,
)
from trustmap.formatting import wrap_html
from trustmap.group_comparison import comparison
from trustmap.map_content import map_content
from trustmap.pathfinders import pathfinder_codes
from trustmap.slide_map import slide_outlines, static_council_map
from trustmap.view import View
from trustmap.vintages import council_layer

__all__ = ["CHARTS", "Slide", "SlideUnavailableError", "briefing", "make_slide", "render_slide"]

CHARTS = ("map", "pathfinder", "coterminous")
READING_LINE_CHARS = 135  # the words above a comparison's chart, at 17 px on a 1600 px slide
PLOT_TOP, PLOT_RIGHT = 0.74, 0.8  # the comparison's plot leaves room for its words and legend
CAUTION_COLOUR = "#8a3b00"


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
    figure = group_comparison_figure(made.values, result).update_layout(height=None)
    lines = [f"<b>{wrap_html(comparison_subtitle(result), READING_LINE_CHARS)}</b>"]
    lines.append(wrap_html(comparison_reading(result), READING_LINE_CHARS))
    caution = comparison_caution(result)
    if caution:
        lines.append(
            f"<span style='color:{CAUTION_COLOUR}'>{wrap_html(caution, READING_LINE_CHARS)}</span>"
        )
    # The words sit above the plot, between the slide's title and the boxes; the legend of
    # classes to the right of the boxes, clear of the footer.
    figure.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": 17, "color": "#222"},
    )
    figure.update_layout(
        yaxis_domain=[0, PLOT_TOP],
        xaxis_domain=[0, PLOT_RIGHT],
        legend={"orientation": "v", "x": PLOT_RIGHT + 0.02, "y": PLOT_TOP, "yanchor": "top"},
    )
    source = (
        f"{comparison_footnote(result)} Source: {result['source']}; councils of "
        f"{result['la_vintage']} ({result['councils_matched']} with a value)."
    )
    return Slide(figure, comparison_headline(result), source)


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
