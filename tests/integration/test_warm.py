"""The cache warmed before a server takes requests (serving/warm.py): every council's panel
on the landing view is then answered without computing anything."""

from __future__ import annotations

import pytest

from callbacks import council
from layouts.council import DEFAULT_SPINE_THEME
from serving.warm import warm_up

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def test_after_warming_every_landing_council_panel_comes_from_the_cache(monkeypatch):
    assert warm_up() == 151  # the councils of 2019

    def computed(*_args, **_kwargs):
        raise AssertionError("computed, not read from the cache")

    for name in ("spine_rows", "council_strip", "child_population", "vintage_pathfinders"):
        monkeypatch.setattr(council, name, computed)
    for code in ("E09000029", "E10000008", "E08000003"):  # Sutton, Devon, Manchester
        assert council.spine_outputs(code, DEFAULT_SPINE_THEME)["csv"]["rows"]
        assert council.timeline_outputs(code, "2019", "ccg2019")["csv"]["rows"]
        assert council.children_section(code, "2019")
        assert council.detail_children(code, "2019", "ccg2019")
