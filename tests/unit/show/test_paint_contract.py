"""The paint's contract with the browser: assets/trustmap_map.js reads the fields of `MapPaint`
by their names, every one of them and no other, and writes no colour or line of its own."""

from __future__ import annotations

import re
from pathlib import Path

from trustmap.show.map_paint import MapPaint

SCRIPT = Path(__file__).parents[3] / "assets" / "trustmap_map.js"


def fields_read(source: str) -> set[str]:
    """Names read from a paint in the script (`h.x` in the layer styles, `paint.x` elsewhere)."""
    return set(re.findall(r"\b(?:h|paint|current)\.(\w+)", source))


def test_the_script_reads_every_paint_field_by_its_name():
    assert fields_read(SCRIPT.read_text()) == set(MapPaint.__annotations__)


def test_the_check_sees_a_field_the_paint_lacks():
    assert fields_read("const x = paint.c[i] + h.legend.title;") == {"c", "legend"}


def test_the_script_spells_no_line_colour():
    """Line colours and widths come in the paint's `lines` (trustmap.show.colouring.MAP_LINES)."""
    assert re.findall(r"#[0-9a-fA-F]{6}\b", SCRIPT.read_text()) == []
