"""Fill the cache with what the landing view asks for before a server takes requests: the map's
paint and every council's panel (facts, timeline strip, spine chart, children). A click on any
council of the landing map is then answered from the cache, and what each process computes once
(the health timeline of every council, 2.7 s) is done before the first visitor.

`make serve` calls `warm_up` once in gunicorn's master (deploy/gunicorn.conf.py loads the app
before it forks its workers, so they start with it); about 10 s on this machine.
"""

from __future__ import annotations

from callbacks.council import children_section, detail_children, spine_outputs, timeline_outputs
from layouts.council import DEFAULT_SPINE_THEME
from serving.data import choices, get_build
from serving.map_files import unselected_paint
from trustmap.model.vintages import council_table


def warm_up() -> int:
    """Compute and cache the landing view's paint and every council's panel on it; returns how
    many councils."""
    view = choices().default_view()
    unselected_paint(view)
    codes = council_table(get_build(), view.vintage)["la_code"]
    for code in codes:
        detail_children(code, view.vintage, view.nhs)
        timeline_outputs(code, view.vintage, view.nhs)
        spine_outputs(code, DEFAULT_SPINE_THEME)
        children_section(code, view.vintage)
    return len(codes)
