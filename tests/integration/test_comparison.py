"""The group comparisons' callbacks: the two groupings and the neighbours comparator."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from callbacks.compare import update_comparison, update_neighbours
from layouts import ids
from tests.integration.conftest import linked
from tests.support.figures import plain_figure

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

LONDON_READINESS = "?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019&r=London"


def words(component) -> str:
    """The text of a component tree, as a person reads it."""
    if isinstance(component, list | tuple):
        return " ".join(words(child) for child in component)
    children = getattr(component, "children", component)
    return words(children) if children is not component else str(component)


def test_comparison_gives_two_figures_plain_readings_and_footnotes():
    key = linked("?i=iod2019-imd-average-score&p=2019", ids.COMPARISON_KEY)
    outputs = update_comparison(key)
    assert {row["group"] for row in outputs["csv"]["rows"]} >= {
        "pathfinders (and successors)",
        "other councils",
    }
    traces = plain_figure(outputs["figures"]["pathfinder"]).data
    assert [trace.name for trace in traces[:2]] == [
        "pathfinders (and successors)",
        "other councils",
    ]
    points = {trace.name: trace.marker.color for trace in traces[2:]}
    assert set(points) == {"not a pathfinder (116)", "2003 pathfinder (35)"}
    text = words(outputs["texts"]["pathfinder"])
    assert text.startswith("Pathfinders against other councils: IoD 2019: IMD - Average score")
    assert "All councils of 2019: 35 pathfinders and 116 other councils" in text
    assert "Caution" not in text and "p =" not in text
    assert "Welch t-test p = " in words(outputs["footnotes"]["pathfinder"])
    assert "Left out" not in words(outputs["footnotes"]["pathfinder"])  # every council has one
    coterminous = words(outputs["texts"]["coterminous"])
    assert coterminous.startswith("Councils coterminous with CCG April 2019 against the rest")
    assert "Indices of Deprivation" in outputs["source"]
    assert outputs["csv"]["source"] == outputs["source"]


def test_coterminous_points_take_the_maps_class_colours():
    key = linked("?i=iod2019-imd-average-score&p=2019", ids.COMPARISON_KEY)
    figure = update_comparison(key)["figures"]["coterminous"]
    traces = plain_figure(figure).data[2:]
    colours = {trace.name.split(" (")[0]: trace.marker.color for trace in traces}
    assert colours["coterminous"] == "rgb(17, 119, 51)"  # the map's green, never pathfinder red
    assert "rgb(204, 102, 119)" not in colours.values()


def test_london_comparison_reads_in_words_with_a_caution():
    outputs = update_comparison(linked(LONDON_READINESS, ids.COMPARISON_KEY))
    text = words(outputs["texts"]["pathfinder"])
    assert (
        "Pathfinders scored 0.3 percentage points lower (worse) than other councils; a "
        "difference this size could well be chance (95% CI -2.9 to 2.3)."
    ) in text
    assert "Caution: only 8 pathfinders;" in text
    rows = {row["group"]: row for row in outputs["csv"]["rows"]}
    assert rows["pathfinders (and successors)"]["mean"] == 74.0
    assert rows["pathfinders (and successors)"]["mean_exact"] == pytest.approx(74.0125)


def test_a_group_too_small_is_explained_not_drawn():
    key = linked("?s=pathfinder", ids.COMPARISON_KEY)  # pathfinders only: no other councils
    outputs = update_comparison(key)
    assert outputs["boxes"]["pathfinder"] == {"display": "none"}
    assert words(outputs["texts"]["pathfinder"]) == (
        "Every council kept is a pathfinder, so there is no group to compare them with."
    )
    export = outputs["exports"]["pathfinder"]
    props = export.to_plotly_json()["props"]
    assert export._type == "Button" and "disabled" not in props  # reachable, marked instead
    assert props["aria-disabled"] == "true"
    assert props["aria-describedby"] == outputs["texts"]["pathfinder"].id
    # Coterminous pathfinders against the other pathfinders can still be drawn.
    assert outputs["boxes"]["coterminous"] == {}
    assert outputs["exports"]["coterminous"]._type == "DropdownMenu"
    assert outputs["twin_box"] == {}


def test_looked_after_children_name_the_councils_left_out_and_far_from_the_rest():
    key = linked("?i=lait-lac&p=2019", ids.COMPARISON_KEY)
    notes = words(update_comparison(key)["footnotes"]["pathfinder"])
    assert "Left out (2): Bournemouth, Christchurch and Poole and Dorset: no value in 2019." in (
        notes
    )
    assert (
        "City of London (299 per 10,000) and Blackpool (200 per 10,000) are far from the rest"
    ) in notes


def test_a_filter_that_keeps_no_council_says_so():
    key = linked("?r=London&y=County", ids.COMPARISON_KEY)
    outputs = update_comparison(key)
    for by in ("pathfinder", "coterminous"):
        assert "The filters (London; county councils) keep no council of 2019" in words(
            outputs["texts"][by]
        )
    assert "keep no council" in words(update_neighbours(key, "2025")["text"])


def test_neighbours_comparator_on_london():
    key = linked(LONDON_READINESS, ids.COMPARISON_KEY)
    outputs = update_neighbours(key, "2025")
    text = words(outputs["text"])
    assert "Pathfinders against their own statistical neighbours" in text
    assert "DfE statistical neighbours of May 2025" in text
    assert "Caution: only 8 pathfinders kept" in text
    rows = outputs["csv"]["rows"]
    assert [row["la_name"] for row in rows][:2] == ["Greenwich", "Bexley"]
    assert len(rows) == 8
    assert "Wilcoxon signed-rank test" in outputs["footnote"]
    older = update_neighbours(key, "2021")
    assert "April 2021" in words(older["text"])
    assert older["csv"]["rows"] != rows


def test_neighbours_refuses_an_unknown_list():
    with pytest.raises(PreventUpdate):
        update_neighbours(linked("", ids.COMPARISON_KEY), "1999")
