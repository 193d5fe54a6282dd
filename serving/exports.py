"""Static exports for presenters: `/export/<chart>.<png|svg|pdf>?<view link>` and
`/export/briefing.pdf?<view link>`, drawn server-side from the same view as the page."""

from __future__ import annotations

import logging
from datetime import date

from flask import Flask, Response, abort, request
from markupsafe import escape

from layouts.common import EXPORT_PREFIX, export_links
from serving.data import choices, get_build
from trustmap.export import era_slides
from trustmap.export.renderer import MEDIA_TYPES, RendererBusyError
from trustmap.export.slides import (
    CHART_NAMES,
    CHARTS,
    SlideUnavailableError,
    briefing,
    make_slide,
    render_slide,
)
from trustmap.show.view import View, parse_query, to_query

log = logging.getLogger("trustmap")


def attachment(content: bytes, image_format: str, name: str) -> Response:
    return Response(
        content,
        mimetype=MEDIA_TYPES[image_format],
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
        if chart == "briefing" and image_format == "pdf":
            view = requested_view()
            link = request.host_url.rstrip("/") + "/" + to_query(view)
            content = briefing(get_build(), view, link=link, made_on=date.today())
            return attachment(content, "pdf", f"trustmap_briefing_{view.vintage}.pdf")
        if chart in era_slides.CHARTS and image_format in MEDIA_TYPES:
            return era_export(chart, image_format)
        if chart not in CHARTS or image_format not in MEDIA_TYPES:
            abort(
                404,
                description=f"No export '{chart}.{image_format}': charts are "
                f"{', '.join(CHARTS)} (or briefing.pdf), formats {', '.join(MEDIA_TYPES)}.",
            )
        view = requested_view()
        try:
            content = render_slide(make_slide(get_build(), chart, view), image_format)
        except SlideUnavailableError as reason:
            return refusal(f"{CHART_NAMES[chart]} cannot be drawn for this view: {reason}")
        return attachment(content, image_format, f"trustmap_{chart}_{view.vintage}.{image_format}")


def era_export(chart: str, image_format: str) -> Response:
    """A slide of the pathfinder era or the NHS story; its choices come in the query and are
    checked by the core (an odd one is refused with a 400 saying why)."""
    try:
        slide = era_slides.make_slide(get_build(), chart, request.args)
    except ValueError as reason:
        abort(400, description=str(reason))
    return attachment(
        render_slide(slide, image_format), image_format, f"trustmap_{chart}.{image_format}"
    )


def export_hrefs(view: View, chart: str) -> dict[str, str]:
    """Format -> href of one chart's exports of a (settled) view."""
    return export_links(chart, to_query(view))
