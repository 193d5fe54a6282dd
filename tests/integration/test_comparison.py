"""The group comparisons' callback."""

from __future__ import annotations

import pytest

from callbacks.comparison import update_comparison
from tests.integration.conftest import load_link

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def test_comparison_gives_two_figures_and_sentences():
    key = load_link("?i=iod2019-imd-average-score&p=2019")["comparison_key"]
    outputs = update_comparison(key)
    assert {row["group"] for row in outputs["rows"]} >= {"pathfinder", "other councils"}
    assert [trace.name for trace in outputs["figures"]["pathfinder"].data] == [
        "pathfinder (n=35)",
        "other councils (n=116)",
    ]
    assert "Welch p=" in str(outputs["texts"]["pathfinder"])
    assert "95% CI" in str(outputs["texts"]["coterminous"])
    assert "Indices of Deprivation" in outputs["source"]


def test_filters_narrow_the_comparison():
    key = load_link("?v=2019&r=London&y=LB")["comparison_key"]
    names = [trace.name for trace in update_comparison(key)["figures"]["pathfinder"].data]
    assert names == ["pathfinder (n=8)", "other councils (n=25)"]  # London's 33 boroughs


def test_a_group_too_small_is_explained_not_drawn():
    key = load_link("?s=pathfinder")["comparison_key"]  # pathfinders only: no other councils
    outputs = update_comparison(key)
    assert outputs["figures"]["pathfinder"]["data"] == []
    assert "with the filters chosen" in str(outputs["texts"]["pathfinder"])
