"""Static exports for presenters: `/export/<chart>.<png|svg|pdf>?<view link>` and
`/export/briefing.pdf?<view link>`, drawn server-side from the same view as the page."""

from __future__ import annotations

import logging

from dash import Input, Output, callback
from flask import Flask, Response, abort, jsonify, request

from callbacks.data import choices, get_build
from layouts import ids
from trustmap.export import MEDIA_TYPES, RendererBusyError
from trustmap.slides import CHARTS, SlideUnavailableError, briefing, make_slide, render_slide
from trustmap.view import View, parse_query, to_query

EXPORT_LINK_IDS = [ids.export_link(chart, fmt) for chart in CHARTS for fmt in MEDIA_TYPES]
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


def renderer_busy(error: RendererBusyError):
    """A 503 saying when to try again: the renderer's queue is full, or it is restarting."""
    log.warning("export refused: %s", error)
    response = jsonify(
        error="Service Unavailable",
        message=f"Exports are busy ({error}); try again in {error.retry_after_s} s.",
    )
    response.headers["Retry-After"] = str(error.retry_after_s)
    return response, 503


def register_routes(server: Flask) -> None:
    """Add the export routes to the app's Flask server."""
    server.register_error_handler(RendererBusyError, renderer_busy)

    @server.get("/export/<chart>.<image_format>")
    def export_chart(chart: str, image_format: str):
        if chart == "briefing" and image_format == "pdf":
            view = requested_view()
            content = briefing(get_build(), view)
            return attachment(content, "pdf", f"trustmap_briefing_{view.vintage}.pdf")
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
            abort(404, description=str(reason))
        return attachment(content, image_format, f"trustmap_{chart}_{view.vintage}.{image_format}")


def export_links(search: str | None) -> list[str]:
    """Hrefs of every export of the current view, in `EXPORT_LINK_IDS` order, then the
    briefing pack's; the link is settled first, so odd or oversized queries are never echoed."""
    view, _ = parse_query(search, choices())
    query = to_query(view)
    charts = [f"/export/{chart}.{fmt}{query}" for chart in CHARTS for fmt in MEDIA_TYPES]
    return [*charts, f"/export/briefing.pdf{query}"]


@callback(
    *(Output(name, "href") for name in [*EXPORT_LINK_IDS, ids.EXPORT_BRIEFING]),
    Input(ids.URL, "search"),
)
def update_export_links(search):
    return export_links(search)
