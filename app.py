"""trustmap's dashboard: creates the Dash app and wires its layout, callbacks and routes.

`python app.py` serves on 127.0.0.1:$PORT (8050); TRUSTMAP_DEBUG=1 turns on Dash's debug mode
for local development only. Every asset, Bootstrap's stylesheet included, is served from this
host, and the Content-Security-Policy allows nothing else.
"""

from __future__ import annotations

import os

import dash
from flask import Flask, Response
from flask_talisman import Talisman

import callbacks  # noqa: F401  (registers the callbacks)
from layouts.map import preload_link
from layouts.pages import SHOWN
from layouts.pages import register as register_pages
from layouts.shell import shell
from serving import exports, guard, map_files, map_preview
from serving.cache import configure_cache
from serving.data import choices, get_build
from serving.warm import warm_paints_in_background
from trustmap.bundle.datadir import DataDirectoryError
from trustmap.bundle.validation import DataFileError

# A callback payload is a few kB, more in a tab holding an uploaded priorities file (its rows
# ride with each view change).
MAX_REQUEST_BYTES = 512 * 1024
# An empty icon in place of Dash's: Chromium asks for Dash's favicon again (4.6 kB) at every
# change of the link.
NO_FAVICON = '\n        <link rel="icon" href="data:,">'
# Headers that govern a document; a JSON answer (a callback, a paint) is never one, and every
# indicator switch would carry them twice (about 350 bytes each time).
DOCUMENT_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Referrer-Policy",
)
JSON_TYPES = ("application/json", "application/geo+json")


def script_sources(app: dash.Dash) -> dict:
    """Scripts from the own host, and the inline scripts (Dash's, the map's before Dash) by
    their hashes."""
    return {"script-src": ["'self'", *app.csp_hashes(), map_preview.script_hash()]}


def content_security_policy(app: dash.Dash) -> dict:
    """Own host only; the hashes cover Dash's inline start-up script."""
    return {
        "default-src": "'self'",
        **script_sources(app),
        "style-src": ["'self'", "'unsafe-inline'"],  # Leaflet, plotly and AG Grid set inline styles
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
    }


def keep_document_headers_to_documents(server: Flask) -> None:
    """Drop `DOCUMENT_HEADERS` from JSON answers. Registered before Talisman, so it runs after
    Talisman has added them (Flask runs after-request functions last-registered first)."""

    @server.after_request
    def drop(response: Response) -> Response:
        if response.mimetype in JSON_TYPES:
            for name in DOCUMENT_HEADERS:
                response.headers.pop(name, None)
        return response


def create_app() -> dash.Dash:
    build = get_build()
    # Pages join the shell as they open, so callbacks name ids the shell lacks;
    # tests/integration/test_callback_ids.py checks every id against every page instead of a
    # validation layout, which Dash would send with the page.
    app = dash.Dash(
        __name__,
        title="trustmap",
        update_title=None,  # the tab keeps the page's name while callbacks run
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=True,
        use_pages=True,
        pages_folder="",
        routing_callback_inputs=SHOWN,
    )
    register_pages()
    app.index_string = (
        app.index_string.replace("<html>", '<html lang="en">', 1)
        .replace("{%metas%}", "{%metas%}\n        " + preload_link(build, choices()), 1)
        .replace("{%favicon%}", NO_FAVICON.strip(), 1)
        .replace("{%app_entry%}", "{%app_entry%}\n        " + map_preview.MARKER, 1)
    )
    map_preview.register()
    app.layout = shell(build, choices())
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    configure_cache(server, build.directory.name)
    guard.register(server, app.callback_map)
    exports.register_routes(server)
    map_files.register_routes(server)
    keep_document_headers_to_documents(server)
    talisman = Talisman(
        server,
        force_https=False,
        session_cookie_secure=False,
        content_security_policy=content_security_policy(app),
        frame_options="DENY",
        referrer_policy="no-referrer",
    )
    finish_dash_setup(server)
    # Dash Pages adds its inline script (the tab's title) at that first request: hash it too.
    talisman.content_security_policy.update(script_sources(app))
    return app


def finish_dash_setup(server: Flask) -> None:
    """Dash completes its setup (the callbacks among them) at its first request, unlocked: two
    first requests in parallel threads could find it half done, and the guard then refused a
    real callback ("no callback has output ..."). The app makes that request itself, before
    it serves anyone (and, under gunicorn, before its workers fork)."""
    with server.test_client() as client:
        client.get("/_dash-dependencies")


try:
    app = create_app()
except (DataDirectoryError, DataFileError) as error:  # no bundle, or a broken file: say which
    raise SystemExit(f"trustmap cannot start: {error}") from None
server = app.server

if __name__ == "__main__":
    warm_paints_in_background(server)
    app.run(
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "8050")),
        debug=os.environ.get("TRUSTMAP_DEBUG") == "1",
    )
