"""Component libraries the first screen does not use are loaded after the map has painted.

Dash puts every component library's script before its renderer, so the page draws nothing until
all are fetched and run; AG Grid's alone is 1.3 MB of JavaScript (345 kB compressed), and its
grids sit below the map, built only once the map has painted (`callbacks.charts`). Their tags
become `<meta name="trustmap-later-script">` naming each script; assets/trustmap_map.js loads
them once the councils are drawn, then tells the app the map has painted.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["LATER_LIBRARIES", "META_NAME", "split_later"]

# dash_table is registered by Dash itself and used nowhere in trustmap.
LATER_LIBRARIES = ("dash_ag_grid/", "dash/dash_table/")
META_NAME = "trustmap-later-script"
SCRIPT_TAG = re.compile(r'<script src="(?P<src>[^"]+)"></script>\s*')


def split_later(scripts: str) -> tuple[str, str]:
    """(`scripts` without the tags of `LATER_LIBRARIES`, meta tags naming those scripts in
    their order)."""
    later: list[str] = []

    def keep_or_defer(tag: re.Match) -> str:
        if any(f"/_dash-component-suites/{name}" in tag["src"] for name in LATER_LIBRARIES):
            later.append(tag["src"])
            return ""
        return tag[0]

    kept = SCRIPT_TAG.sub(keep_or_defer, scripts)
    metas = "".join(f'\n<meta name="{META_NAME}" content="{escape(src)}">' for src in later)
    return kept, metas
