"""The map's two kinds of file: outlines (content-addressed GeoJSON, pre-compressed, cached by
browsers for a year) and a view's paint (a few kB of classes and hover text, cacheable by its
URL). A recolouring fetches only the paint; no figure is built for it."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace

import brotli
from flask import Flask, Response, abort, request

from layouts.map import OUTLINE_PREFIX, PAINT_PATH
from serving.cache import cache
from serving.data import choices, get_build
from trustmap.model.health_classes import display_ids
from trustmap.show.map_paint import PAINTED_FIELDS, select_council, view_paint
from trustmap.show.outlines import Outline, council_outline, health_outline
from trustmap.show.view import View, settle

YEAR_S = 365 * 24 * 3600
PAINT_MAX_AGE_S = 24 * 3600  # the build key is in the URL: a new build is a new URL
BROTLI_QUALITY = 9  # 11 saves 2% more and takes seconds per file


def compressed(outline: Outline, encoding: str) -> bytes:
    """The outline's bytes in `encoding` (br or gzip), made once per process."""
    make = {
        "br": lambda: brotli.compress(outline.content, quality=BROTLI_QUALITY),
        "gzip": lambda: gzip.compress(outline.content, 9),
    }[encoding]
    return get_build().memo(("outline", encoding, outline.digest), make)


def send_outline(outline: Outline, digest: str) -> Response:
    accepted = request.headers.get("Accept-Encoding", "")
    encoding = next((e for e in ("br", "gzip") if e in accepted), None)
    body = compressed(outline, encoding) if encoding else outline.content
    response = Response(body, mimetype="application/geo+json")
    if encoding:
        response.headers["Content-Encoding"] = encoding  # flask-compress leaves it as it is
    response.headers["Vary"] = "Accept-Encoding"
    current = digest == outline.digest  # an old page after a rebuild gets today's, uncached
    response.headers["Cache-Control"] = (
        f"public, max-age={YEAR_S}, immutable" if current else "no-cache"
    )
    return response


def requested_outline(name: str) -> Outline:
    kind, _, key = name.partition("-")
    if kind == "councils" and key in choices().vintages:
        return council_outline(get_build(), key)
    if kind == "health" and key in display_ids(get_build()):
        return health_outline(get_build(), key)
    abort(404, description="No such outline file.")


@cache.memoize()
def unselected_paint(view: View) -> dict:
    """The view's paint with no council selected: shared by every council clicked on it."""
    return view_paint(get_build(), view)


@cache.memoize()
def paint_json(view: View) -> str:
    paint = unselected_paint(replace(view, area=None))
    return json.dumps(select_council(get_build(), paint, view), separators=(",", ":"))


def painted_view(asked: dict) -> View:
    """The paint's view of `asked` (field names as in `View`), settled: odd values become
    defaults, unknown keys are ignored, so only known values reach the cache."""
    view, _ = settle({name: asked.get(name) or None for name in PAINTED_FIELDS}, choices())
    return view


def register_routes(server: Flask) -> None:
    """Add the outline and paint routes to the app's Flask server."""

    @server.get(f"{OUTLINE_PREFIX}/<name>.<digest>.geojson")
    def outline(name: str, digest: str):
        return send_outline(requested_outline(name), digest)

    @server.get(PAINT_PATH)
    def paint():
        response = Response(paint_json(painted_view(request.args)), mimetype="application/json")
        current = request.args.get("b") == get_build().directory.name
        response.headers["Cache-Control"] = (
            f"public, max-age={PAINT_MAX_AGE_S}" if current else "no-cache"
        )
        return response
