"""Static exports for presenters: `/export/<chart>.<png|svg|pdf>?<view query>` and
`/export/briefing.pdf?<view query>`, rebuilt server-side from the same view as the page."""

from __future__ import annotations

import threading

import plotly.graph_objects as go
from dash import Input, Output, callback
from flask import Flask, Response, abort, request

from callbacks import comparison, council_map, data
from callbacks.state import View, parse_query, to_query
from trustmap import export, figures

CHARTS = ("map", "pathfinder", "coterminous")
_render_lock = threading.Lock()  # one shared Chromium renders one figure at a time


class SlideUnavailableError(LookupError):
    """A chart that cannot be drawn for this view (e.g. a comparison with an empty group)."""


def map_slide(view: View) -> tuple[go.Figure, str, str]:
    colouring, _, source = council_map.colouring_for(view.as_dict())
    status = data.pathfinders(view.vintage)
    figure = figures.static_council_map(
        data.slide_outlines(view.vintage),
        colouring,
        status.loc[status["pathfinder"], "la_code"],
    )
    title = f"{colouring.title}: councils of {view.vintage} (thick outline: 2003 pathfinders)"
    return figure, title, source


def comparison_slide(view: View, by: str) -> tuple[go.Figure, str, str]:
    made = comparison.comparison(view, by)
    if "error" in made:
        raise SlideUnavailableError(made["error"])
    meta = data.catalogue().loc[view.indicator]
    result = made["result"]
    figure = made["figure"].update_layout(height=None)
    title = f"{meta['label']}, {view.period}: {figures.comparison_sentence(result)}"
    source = (
        f"Source: {meta['source']}; councils of {result['la_vintage']} "
        f"({result['councils_matched']} with a value)."
    )
    return figure, title, source


def slide(chart: str, view: View) -> tuple[go.Figure, str, str]:
    return map_slide(view) if chart == "map" else comparison_slide(view, chart)


def render(chart: str, image_format: str, view: View) -> bytes:
    figure, title, source = slide(chart, view)
    with _render_lock:
        return export.render(figure, image_format, title=title, source=source)


def briefing(view: View) -> bytes:
    """Every chart of the view that can be drawn, one page each."""
    slides = []
    for chart in CHARTS:
        try:
            slides.append(slide(chart, view))
        except SlideUnavailableError:
            continue
    with _render_lock:
        return export.briefing_pack(slides)


def attachment(content: bytes, image_format: str, name: str) -> Response:
    return Response(
        content,
        mimetype=export.MEDIA_TYPES[image_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def register_routes(server: Flask) -> None:
    """Add the export routes to the app's Flask server."""

    @server.get("/export/<chart>.<image_format>")
    def export_chart(chart: str, image_format: str):
        if chart == "briefing" and image_format == "pdf":
            view = requested_view()
            return attachment(briefing(view), "pdf", f"trustmap_briefing_{view.vintage}.pdf")
        if chart not in CHARTS or image_format not in export.MEDIA_TYPES:
            abort(
                404,
                description=f"No export '{chart}.{image_format}': charts are "
                f"{', '.join(CHARTS)} (or briefing.pdf), formats {', '.join(export.MEDIA_TYPES)}.",
            )
        view = requested_view()
        try:
            content = render(chart, image_format, view)
        except SlideUnavailableError as reason:
            abort(404, description=str(reason))
        return attachment(content, image_format, f"trustmap_{chart}_{view.vintage}.{image_format}")


def requested_view() -> View:
    """The view of the request's query, settled like a shared link (odd values -> defaults)."""
    view, _ = parse_query(request.query_string.decode("utf-8", "replace"), data.choices())
    return view


def export_links(search: str | None) -> list[str]:
    """Hrefs of every export of the current view, in `EXPORT_LINK_IDS` order; the link is
    settled first, so odd or oversized queries are never echoed back."""
    view, _ = parse_query(search, data.choices())
    query = to_query(view)
    return [f"/export/{chart}.{fmt}{query}" for chart in CHARTS for fmt in export.MEDIA_TYPES] + [
        f"/export/briefing.pdf{query}"
    ]


EXPORT_LINK_IDS = [f"export-{chart}-{fmt}" for chart in CHARTS for fmt in export.MEDIA_TYPES] + [
    "export-briefing"
]


@callback(*(Output(name, "href") for name in EXPORT_LINK_IDS), Input("url", "search"))
def update_export_links(search):
    return export_links(search)
