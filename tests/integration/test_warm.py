"""The cache warmed before a server takes requests (callbacks/warm.py): every council's panel
on the landing view is then answered without computing anything."""

from __future__ import annotations

import pytest

from callbacks import detail
from callbacks.warm import warm_up
from layouts.council_panel import DEFAULT_SPINE_THEME

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def test_after_warming_every_landing_council_panel_comes_from_the_cache(monkeypatch):
    assert warm_up() == 151  # the councils of 2019

    def computed(*_args, **_kwargs):
        raise AssertionError("computed, not read from the cache")

    for name in ("spine_rows", "council_strip", "child_population", "vintage_pathfinders"):
        monkeypatch.setattr(detail, name, computed)
    for code in ("E09000029", "E10000008", "E08000003"):  # Sutton, Devon, Manchester
        assert detail.spine_outputs(code, DEFAULT_SPINE_THEME)["rows"]
        assert detail.timeline_outputs(code, "2019", "ccg2019")["rows"]
        assert detail.children_section(code, "2019")
        assert detail.detail_children(code, "2019", "ccg2019")
