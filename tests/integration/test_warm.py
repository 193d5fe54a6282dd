"""The cache warmed before a server takes requests (serving/warm.py): every council's panel
on the landing view, and the paint of every indicator chosen on it, are then answered without
computing anything."""

from __future__ import annotations

from dataclasses import replace

import pytest

from callbacks import council
from layouts.council import DEFAULT_SPINE_THEME
from serving.data import choices, get_build
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


SWITCHED_TO = ("lait-lac", "lait-fsp-new-gooddev", "lait-under18concep")


def test_after_warming_paints_a_switch_from_the_landing_map_asks_for_none_to_be_computed(
    monkeypatch,
):
    """The key the warm-up fills is the one the browser's paint URL reads: the landing view,
    coloured by the new indicator, its period left to the server (`asked` in trustmap_map.js)."""
    from app import server
    from serving import map_files, warm
    from serving.cache import cache

    real = choices()
    few = replace(real, periods={indicator: real.periods[indicator] for indicator in SWITCHED_TO})
    monkeypatch.setattr(warm, "choices", lambda: few)
    cache.delete_memoized(map_files.paint_json)
    assert warm.warm_paints() == len(SWITCHED_TO)

    def computed(*_args, **_kwargs):
        raise AssertionError("computed, not read from the cache")

    monkeypatch.setattr(map_files, "view_paint", computed)
    build = get_build().directory.name
    client = server.test_client()
    for indicator in SWITCHED_TO:
        query = f"b={build}&vintage=2019&colour=indicator&indicator={indicator}&nhs=ccg2019"
        answer = client.get(f"/map/paint.json?{query}")
        assert answer.status_code == 200
        assert answer.get_json()["legend"]["title"]
