"""The map before Dash: the map page's HTML carries its view's map, drawn by the server as inline
SVG (`trustmap.show.map_svg`) with the London inset and the legend, where the live map will be.
It shows as soon as the page's HTML and style sheets have arrived, while Dash's scripts load and
its callbacks run, and goes once the live map has drawn its councils (`map_preview.js`, an
inline script whose hash the CSP allows).

The drawing lies over the page (nothing under it moves when it goes), in a copy of the shell's
grid (layouts/shell.py) so it sits where the map will; its top is the CSS's estimate of the
header's height until Dash has drawn the live map's box, then that box's top.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from pathlib import Path
from typing import cast

import dash
from flask import has_request_context, request

from layouts.map import ENGLAND, LONDON, ZOOM_SNAP
from layouts.pages import PAGES
from serving.data import choices, get_build
from serving.map_files import unselected_paint
from trustmap.show.map_paint import MapPaint, select_council
from trustmap.show.map_svg import legend_html, map_svg
from trustmap.show.view import View, parse_query

__all__ = ["MARKER", "SCRIPT", "preview_html", "register", "script_hash"]

MARKER = "<!-- the map before Dash -->"
MAP_PAGE = next(page.path for page in PAGES if page.name == "map")
SCRIPT = Path(__file__).with_name("map_preview.js").read_text()


def script_hash() -> str:
    """The CSP source of the inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode() + "'"


def preview_html(view: View) -> str:
    """The drawing of a (settled) view's map, its inset and legend, with its script: the
    view's paint from the results cache, the councils' paths from the build's (a millisecond
    to join; cached whole, 150 kB a view would crowd out the results)."""
    build = get_build()
    shared = cast(MapPaint, unselected_paint(replace(view, area=None)))  # the paint route's
    paint = select_council(build, shared, view)
    england, london = map_svg(
        build,
        view.vintage,
        paint,
        bounds=paint["zoom"] or ENGLAND,
        inset=LONDON,
        snap=ZOOM_SNAP,
    )
    return (
        f'<div id="map-preview" class="trustmap-preview" aria-hidden="true" '
        f'data-councils="{len(paint["classes"])}">'
        '<div class="container-fluid py-2"><div class="row g-3">'
        '<div class="col-xl-3 col-lg-4 order-last order-lg-first"></div>'
        '<div class="col-xl-9 col-lg-8"><div class="trustmap-map-frame">'
        f'<div class="trustmap-map">{england}</div>'
        '<div class="trustmap-map-aside"><figure class="mb-2">'
        '<figcaption class="small fw-semibold mb-0">London</figcaption>'
        f'<div class="trustmap-inset">{london}</div></figure>'
        f'<div class="trustmap-legend small">{legend_html(paint)}</div>'
        "</div></div></div></div></div></div>"
        f"<script>{SCRIPT}</script>"
    )


def with_preview(index: str) -> str:
    """The page's HTML with the map drawn into it on the map page (without it elsewhere)."""
    drawing = ""
    if has_request_context() and request.path == MAP_PAGE:
        view, _ = parse_query(request.query_string.decode(errors="replace"), choices())
        drawing = preview_html(view)
    return index.replace(MARKER, drawing, 1)


def register() -> None:
    """Have Dash pass every page's HTML through `with_preview` (its index hook)."""
    dash.hooks.index()(with_preview)
