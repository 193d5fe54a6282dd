"""Fill the cache with what visitors of the landing view ask for first: every council's panel
(facts, timeline strip, spine chart, children) and every indicator's paint. A click on any
council of the landing map, and a switch to any indicator from it, are then answered from the
cache, and what each process computes once (the health timeline of every council, 2.7 s) is
done before the first visitor.

`make serve` calls `warm_up` once in gunicorn's master (deploy/gunicorn.conf.py loads the app
before it forks its workers, so they start with it); about 10 s on this machine. `python
app.py` also warms every indicator's paint (about 40 s) in a background thread while it serves
(`warm_paints_in_background`). gunicorn's workers do not (not yet measured under the faults
bench with it): there each paint is computed once into the workers' shared cache.
"""

from __future__ import annotations

import sys
import threading
import time

from flask import Flask

from callbacks.council import children_section, detail_children, spine_outputs, timeline_outputs
from layouts.council import DEFAULT_SPINE_THEME
from serving.data import choices, get_build
from serving.map_files import paint_json, painted_view, unselected_paint
from trustmap.model.vintages import council_table
from trustmap.show.map_paint import PAINTED_FIELDS

# Between two paints of the background warm-up, so that the requests being served wait for
# it as little as possible (about 40 s in all on this machine).
BACKGROUND_PAUSE_S = 0.05
WARMED = "trustmap: indicator paints warmed"  # the line the background warm-up ends with


def warm_up() -> int:
    """Compute and cache the landing view's paint and every council's panel on it; returns
    how many councils."""
    view = choices().default_view()
    unselected_paint(view)
    codes = council_table(get_build(), view.vintage)["la_code"]
    for code in codes:
        detail_children(code, view.vintage, view.nhs)
        timeline_outputs(code, view.vintage, view.nhs)
        spine_outputs(code, DEFAULT_SPINE_THEME)
        children_section(code, view.vintage)
    return len(codes)


def warm_paints(pause_s: float = 0.0) -> int:
    """Cache each indicator's paint as the map asks for it when a visitor of the landing view
    chooses the indicator (coloured by it, its latest period: `asked` in trustmap_map.js);
    returns how many."""
    landing = choices().default_view()
    asked = {name: getattr(landing, name) for name in PAINTED_FIELDS} | {"colour": "indicator"}
    indicators = list(choices().periods)
    for indicator in indicators:
        paint_json(painted_view(asked | {"indicator": indicator, "period": None}))
        time.sleep(pause_s)
    return len(indicators)


def warm_paints_in_background(server: Flask) -> threading.Thread:
    """`warm_paints` in a daemon thread, pausing between paints, while `server` serves."""

    def warm() -> None:
        started = time.monotonic()
        with server.app_context():
            count = warm_paints(BACKGROUND_PAUSE_S)
        print(f"{WARMED}: {count} in {time.monotonic() - started:.0f} s", file=sys.stderr)

    thread = threading.Thread(target=warm, name="trustmap-warm-paints", daemon=True)
    thread.start()
    return thread
