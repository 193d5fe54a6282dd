"""trustmap's dashboard: creates the Dash app and wires its layout and callbacks.

`python app.py` serves on 127.0.0.1:$PORT (8050); TRUSTMAP_DEBUG=1 turns on Dash's debug mode.
Every asset, Bootstrap's stylesheet included, is served from this host.
"""

from __future__ import annotations

import os

import dash

import callbacks  # noqa: F401  (registers the callbacks)
from callbacks import data
from layouts import main_layout


def create_app() -> dash.Dash:
    build = data.get_build()
    app = dash.Dash(__name__, title="trustmap", serve_locally=True)
    app.layout = main_layout(build, data.choices())
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(
        host="127.0.0.1",
        port=int(os.environ.get("PORT", "8050")),
        debug=os.environ.get("TRUSTMAP_DEBUG") == "1",
    )
