"""Static exports for presenters: `/export/<chart>.<png|svg|pdf|pptx>?<view link>` and
`/export/briefing.<pdf|pptx>?<view link>`, drawn server-side from the same view as the page,
each named for what it shows (`trustmap.export.file_names`)."""

from __future__ import annotations

import logging
from datetime import date

from flask import Flask, Response, abort, request
from markupsafe import escape

from layouts.common import EXPORT_PREFIX
from serving.data import choices, get_build
from trustmap.export import deck, era_slides
from trustmap.export.file_names import export_name
from trustmap.export.renderer import RendererBusyError
from trustmap.export.slides import (
    CHART_NAMES,
    CHARTS,
    Slide,
    SlideUnavailableError,
    briefing,
    make_slide,
    render_slide,
)
from trustmap.show.view import View, parse_query, to_query

log = logging.getLogger("trustmap")
BRIEFING_FORMATS = ("pdf", "pptx")


def attachment(content: bytes, file_format: str, name: str) -> Response:
    return Response(
        content,
        mimetype=deck.FILE_TYPES[file_format],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def requested_view() -> View:
    """The view of the request's query, settled like a shared link (odd values -> defaults)."""
    view, _ = parse_query(request.query_string.decode("utf-8", "replace"), choices())
    return view


def refusal(message: str, status: int = 404) -> Response:
    """A short page a person can read, for an export that cannot be made (never JSON)."""
    page = (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>No export</title>'
        f"<main><h1>This export cannot be made</h1><p>{escape(message)}</p>"
        "<p>Close this tab and change the view, or choose another chart.</p></main></html>"
    )
    return Response(page, status=status, mimetype="text/html")


def renderer_busy(error: RendererBusyError) -> Response:
    """A 503 saying when to try again: the renderer's queue is full, or it is restarting."""
    log.warning("export refused: %s", error)
    response = refusal(
        f"Exports are busy ({error}); try again in {error.retry_after_s} seconds.", 503
    )
    response.headers["Retry-After"] = str(error.retry_after_s)
    return response


def register_routes(server: Flask) -> None:
    """Add the export routes to the app's Flask server."""
    server.register_error_handler(RendererBusyError, renderer_busy)

    @server.get(f"{EXPORT_PREFIX}/<chart>.<image_format>")
    def export_chart(chart: str, image_format: str):
        if chart == "briefing" and image_format in BRIEFING_FORMATS:
            return briefing_export(image_format)
        if chart in era_slides.CHARTS and image_format in deck.FILE_TYPES:
            return era_export(chart, image_format)
        if chart not in CHARTS or image_format not in deck.FILE_TYPES:
            abort(
                404,
                description=f"No export '{chart}.{image_format}': charts are "
                f"{', '.join(CHARTS)} (or briefing.pdf, briefing.pptx), formats "
                f"{', '.join(deck.FILE_TYPES)}.",
            )
        view = requested_view()
        build = get_build()
        try:
            content = slide_file(make_slide(build, chart, view), image_format)
        except SlideUnavailableError as reason:
            return refusal(f"{CHART_NAMES[chart]} cannot be drawn for this view: {reason}")
        return attachment(content, image_format, export_name(build, chart, image_format, view))


def briefing_export(file_format: str) -> Response:
    """The view's briefing pack, a PDF or a PowerPoint deck of the same pages."""
    view = requested_view()
    build = get_build()
    link = request.host_url.rstrip("/") + "/" + to_query(view)
    make = briefing if file_format == "pdf" else deck.briefing_deck
    content = make(build, view, link=link, made_on=date.today())
    return attachment(content, file_format, export_name(build, "briefing", file_format, view))


def era_export(chart: str, image_format: str) -> Response:
    """A slide of the pathfinder era or the NHS story; its choices come in the query and are
    checked by the core (an odd one is refused with a 400 saying why)."""
    build = get_build()
    try:
        slide = era_slides.make_slide(build, chart, request.args)
        choice = era_slides.query_choice(build, request.args) if chart == "before-after" else None
    except ValueError as reason:
        abort(400, description=str(reason))
    name = export_name(build, chart, image_format, choice)
    return attachment(slide_file(slide, image_format), image_format, name)


def slide_file(slide: Slide, file_format: str) -> bytes:
    """One slide as a file: an image or PDF from the renderer, or a one-slide deck."""
    return deck.deck_of([slide]) if file_format == "pptx" else render_slide(slide, file_format)
