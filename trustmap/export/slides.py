"""Slides of a view for presenters: the map and the two group comparisons, each titled in plain
words with the filters and group sizes beneath, the technical detail in a footnote above the
source line; rendered alone, or as a briefing pack that opens with a cover stating the view."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import plotly.graph_objects as go

from trustmap.analysis.group_comparison import Comparison, comparison
from trustmap.bundle.build import Build
from trustmap.bundle.health_vintages import health_label
from trustmap.export import renderer as export
from trustmap.export.slide_map import (
    SLIDE_TOLERANCE_M,
    SlideMapLayers,
    slide_outlines,
    static_council_map,
)
from trustmap.model.council_filter import describe_filter
from trustmap.model.health_classes import health_areas
from trustmap.model.pathfinders import pathfinder_codes
from trustmap.model.values import indicator_meta
from trustmap.model.vintages import council_layer, council_table
from trustmap.show.chart_figures import group_comparison_figure
from trustmap.show.map_content import kept_councils, map_content
from trustmap.show.view import COLOUR_MODES, View
from trustmap.stats.formatting import wrap_html
from trustmap.stats.wording import (
    comparison_caution,
    comparison_footnote,
    comparison_headline,
    comparison_reading,
    comparison_subtitle,
)

__all__ = [
    "CHARTS",
    "CHART_NAMES",
    "Slide",
    "SlideUnavailableError",
    "COVER_SOURCE",
    "COVER_TITLE",
    "briefing",
    "briefing_slides",
    "cover_lines",
    "filters_in_words",
    "make_slide",
    "render_slide",
    "slide_availability",
]

CHARTS = ("map", "pathfinder", "coterminous")
READING_LINE_CHARS = 135  # the words above a comparison's chart, at 17 px on a 1600 px slide
PLOT_TOP, PLOT_RIGHT = 0.74, 0.8  # the comparison's plot leaves room for its words and legend
CAUTION_COLOUR = "#8a3b00"
CHART_NAMES = {
    "map": "The map",
    "pathfinder": "Pathfinders against other councils",
    "coterminous": "Coterminous councils against the rest",
}
INSET_REGION = "London"
SLIDE_POINT_SIZE = 9
COVER_TITLE = "trustmap briefing: children's trust pathfinders, boundaries and indicators"
COVER_SOURCE = "Every page names its source; the data are public and open."
NOTES_TITLE = "Notes and sources of the pages before, in full"
NOTES_LINE_CHARS = 150  # at the cover's 19 px


class SlideUnavailableError(LookupError):
    """A chart that cannot be drawn for this view (e.g. a comparison with an empty group)."""


@dataclass(frozen=True)
class Slide:
    """A figure with its plain-words `title`, and the `source` line (footnote first) under it;
    the subtitle (filters and group sizes) is the figure's own `layout.title.subtitle`."""

    figure: go.Figure
    title: str
    source: str


def filters_in_words(view: View) -> str | None:
    """The view's filters as a phrase (`council_filter.describe_filter`); None if none."""
    council_filter = view.council_filter()
    return describe_filter(council_filter) if council_filter.active else None


def vintage_outlines(build: Build, vintage: str) -> gpd.GeoDataFrame:
    """Council outlines of a vintage for slide maps of England (EPSG:27700), simplified once per
    process."""
    layer = council_layer(build, vintage)
    return build.memo(("slide_outlines", vintage), lambda: slide_outlines(layer))


def health_outlines(build: Build, health: str) -> gpd.GeoDataFrame:
    """Health bodies' polygons (EPSG:27700) simplified for slide maps of England, once per
    process."""
    return build.memo(
        ("slide_health", health),
        lambda: health_areas(build, health).simplify(SLIDE_TOLERANCE_M).to_frame("geometry"),
    )


def map_layers(build: Build, view: View) -> SlideMapLayers:
    """What the view's map slide draws: its colouring, the filters' councils, the selection,
    the health overlay and London's councils for the inset."""
    councils = council_table(build, view.vintage)
    kept = kept_councils(build, view)
    return SlideMapLayers(
        councils=council_layer(build, view.vintage)[["la_code", "geometry"]],
        overview=vintage_outlines(build, view.vintage),
        colouring=map_content(build, view).colouring,
        pathfinder_codes=tuple(pathfinder_codes(build, view.vintage)),
        kept=None if kept is None else frozenset(kept),
        selected=view.area if view.area in set(councils["la_code"]) else None,
        inset_codes=tuple(councils.loc[councils["region_name"] == INSET_REGION, "la_code"]),
        health=health_areas(build, view.health) if view.health else None,
        health_overview=health_outlines(build, view.health) if view.health else None,
        health_label=health_label(view.health) if view.health else "",
    )


def map_title(build: Build, view: View) -> str:
    """The map slide's headline in plain words."""
    if view.colour == "pathfinder":
        return f"Where the 2003 children's trust pathfinders are: councils of {view.vintage}"
    if view.colour == "coterminosity":
        return (
            f"Which councils of {view.vintage} share their boundaries with "
            f"{health_label(view.council_filter().health)}"
        )
    label = indicator_meta(build, view.indicator)["label"]
    return f"{label}, {view.period}: councils of {view.vintage}"


def map_subtitle(view: View, *, councils: int, kept: int | None, selected: str | None) -> str:
    """Which councils the map shows: all, or those the filters keep, and the selected one."""
    words = filters_in_words(view)
    if kept is None:
        shown = f"All {councils} councils of {view.vintage}."
    elif kept == 0:
        shown = f"Filters ({words}) keep no council of {view.vintage}: every council is faded."
    else:
        shown = f"Filters: {words}. {kept} of {councils} councils kept; the others are faded."
    return f"{shown} Selected: {selected} (zoomed in)." if selected else shown


def map_slide(build: Build, view: View) -> Slide:
    content = map_content(build, view)
    layers = map_layers(build, view)
    names = layers.colouring.frame.set_index("la_code")["la_name"]
    subtitle = map_subtitle(
        view,
        councils=len(names),
        kept=None if layers.kept is None else len(layers.kept),
        selected=names.get(layers.selected),
    )
    figure = static_council_map(layers).update_layout(title_subtitle_text=subtitle)
    footnote = [
        f"Colours: {content.colouring.title}.",
        "Thick dark outline: the 2003 pathfinders (or their successors).",
        f"Orange lines: {layers.health_label} boundaries." if view.health else "",
        content.note or "",
    ]
    return Slide(
        figure, map_title(build, view), " ".join(filter(None, [*footnote, content.source]))
    )


def _comparison(build: Build, view: View, by: str) -> Comparison:
    try:
        return comparison(
            build,
            view.indicator,
            view.period,
            by,
            health=view.council_filter().health,
            council_filter=view.council_filter(),
        )
    except ValueError as error:  # too few values, or a choice the build does not have
        raise SlideUnavailableError(str(error)) from error


def comparison_slide(build: Build, view: View, by: str) -> Slide:
    made = _comparison(build, view, by)
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
    """The slide of one of CHARTS for a (settled) view; SlideUnavailableError when it cannot
    be drawn."""
    return map_slide(build, view) if chart == "map" else comparison_slide(build, view, chart)


def slide_availability(build: Build, view: View) -> dict[str, str | None]:
    """Each of CHARTS -> None when its slide can be drawn for the view, else the reason, in
    words a menu can show ('Pathfinders against other councils: ...')."""
    reasons: dict[str, str | None] = {"map": None}
    for chart in CHARTS[1:]:
        try:
            _comparison(build, view, chart)
            reasons[chart] = None
        except SlideUnavailableError as error:
            reasons[chart] = f"{CHART_NAMES[chart]} cannot be drawn for this view: {error}"
    return reasons


def render_slide(slide: Slide, image_format: str) -> bytes:
    return export.render(slide.figure, image_format, title=slide.title, source=slide.source)


def cover_lines(build: Build, view: View, *, link: str, made_on: date) -> list[str]:
    """The cover's lines (headings in <b>): the date, the view in words, the pages, which charts
    are left out and why, and the link that reopens the view."""
    councils = council_table(build, view.vintage).set_index("la_code")["la_name"]
    colour = COLOUR_MODES[view.colour]
    if view.colour == "indicator":
        colour = f"{indicator_meta(build, view.indicator)['label']}, {view.period}"
    lines = [
        f"Made on {made_on:%-d %B %Y}.",
        "",
        "<b>The view</b>",
        f"Councils: as in force from {view.vintage} ({len(councils)}).",
        f"Map colours: {colour}.",
        f"NHS bodies for coterminosity: {health_label(view.council_filter().health)}.",
        f"Filters: {filters_in_words(view) or 'none (every council)'}.",
    ]
    if view.area in councils.index:
        lines.append(f"Selected council: {councils[view.area]} ({view.area}).")
    if view.health:
        lines.append(f"Health boundaries drawn: {health_label(view.health)}.")
    missing = {chart: reason for chart, reason in slide_availability(build, view).items() if reason}
    pages = [CHART_NAMES[chart] for chart in CHARTS if chart not in missing]
    pages.append(NOTES_TITLE)
    lines += ["", "<b>In this pack</b>", *(f"{n}. {page}" for n, page in enumerate(pages, 2))]
    if missing:
        lines += ["", "<b>Left out</b>", *missing.values()]
    safe = html.escape(link)  # the host part comes from the request's Host header
    lines += ["", "<b>Reopen this view</b>", f'<a href="{safe}">{safe}</a>']
    return lines


def cover_figure(lines: list[str]) -> go.Figure:
    """A blank page with `lines` down its left side."""
    figure = go.Figure()
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
        font={"size": 19},
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return figure.update_layout(plot_bgcolor="white")


def briefing_slides(build: Build, view: View) -> list[Slide]:
    """The briefing's pages after its cover: every chart of the view that can be drawn, in the
    order of CHARTS (the PDF and the PowerPoint packs both read this list)."""
    slides = []
    for chart in CHARTS:
        try:
            slides.append(make_slide(build, chart, view))
        except SlideUnavailableError:
            continue  # the cover says why
    return slides


def notes_lines(slides: list[Slide]) -> list[str]:
    """The notes page's lines: each slide's title (in <b>) over its whole source line, of
    which a slide's foot prints only what fits (`renderer.footer_lines`)."""
    lines: list[str] = []
    for slide in slides:
        lines += [f"<b>{slide.title}</b>", wrap_html(slide.source, NOTES_LINE_CHARS), ""]
    return lines


def briefing(build: Build, view: View, *, link: str, made_on: date) -> bytes:
    """One PDF: a cover stating the view (see `cover_lines`), then every chart of the view that
    can be drawn (`briefing_slides`), a page each, and a last page of their notes and sources
    in full (`notes_lines`)."""
    cover = cover_figure(cover_lines(build, view, link=link, made_on=made_on))
    slides = briefing_slides(build, view)
    pages = [export.render(cover, "pdf", title=COVER_TITLE, source=COVER_SOURCE)]
    pages += [render_slide(slide, "pdf") for slide in slides]
    notes = cover_figure(notes_lines(slides))
    pages.append(export.render(notes, "pdf", title=NOTES_TITLE, source=COVER_SOURCE))
    return export.briefing_pack(pages)
