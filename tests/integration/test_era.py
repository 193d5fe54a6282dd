"""The era and NHS pages as Dash Pages draws them, their callbacks called directly inside the
real app, and their slide exports through the app's routes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest

from callbacks.era import update_before_after
from callbacks.nhs import update_outcome_periods, update_outcomes
from layouts import ids
from layouts.pages import PAGES, routed
from tests.integration.conftest import run_callback
from tests.support.figures import plain_figure

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

RATE = "ons-u18-conception-rate"


def drawn(name: str):
    """The page `name` as Dash Pages first draws it (the default view)."""
    return routed(next(page for page in PAGES if page.name == name))()


def by_id(layout, component_id):
    (component,) = [c for c in layout._traverse() if getattr(c, "id", None) == component_id]
    return component


def card_of(layout, component_id) -> dbc.Card:
    """The card that holds the component with `component_id`."""
    (card,) = [
        node
        for node in layout._traverse()
        if isinstance(node, dbc.Card)
        and any(getattr(inner, "id", None) == component_id for inner in node._traverse())
    ]
    return card


def before_after(**asked):
    inputs = {
        "indicator": RATE,
        "before": [1998, 2002],
        "after": [2004, 2008],
        "by": "pathfinder",
        "nhs": "ccg2019",
    }
    return run_callback(update_before_after, None, **(inputs | asked))


def test_era_page_shows_the_coverage_sentence_beside_the_evaluations_figure():
    body = str(card_of(drawn("era"), ids.ERA_COVERAGE))
    assert "2,826,100" in body and "11,012,300" in body and "25.7%" in body
    # Census day 2001: 2,834,001 of 11,133,012 children aged 0-17.
    assert "2,834,001" in body and "11,133,012" in body and "25.5%" in body
    assert '"20% of children in England"' in body and "Bachmann" in body


def test_before_after_by_pathfinder_pools_20_years_for_both_groups():
    out = before_after()
    figure = plain_figure(out["figure"])
    lines = [trace for trace in figure.data if trace.mode == "lines+markers"]
    assert [len(trace.x) for trace in lines] == [20, 20]
    assert len(out["csv"]["rows"]) == 40
    text = " ".join(str(part.children) for part in out["reading"])
    assert "chosen, not assigned" in text
    assert "148 compared" in out["source"] and "derived" in out["source"]
    query = "?ei=ons-u18-conception-rate&eb=1998-2002&ea=2004-2008&eg=pathfinder"
    assert out["links"]["png"] == f"/export/before-after.png{query}"


def test_before_after_by_coterminous_uses_the_views_nhs_geography():
    out = before_after(by="coterminous", nhs="ccg2019")
    assert {row["group"] for row in out["csv"]["rows"]} == {
        "councils coterminous with CCG April 2019",
        "councils not coterminous",
    }
    assert "n=ccg2019" in out["links"]["svg"]


def test_overlapping_spans_show_a_message_not_a_chart():
    out = before_after(before=[1998, 2005])
    assert "must end before" in str(out["alert"].children)
    assert out["csv"]["rows"] == [] and out["figure"]["data"] == []


def test_nhs_page_has_the_class_counts_chart_and_its_twin():
    page = drawn("nhs")
    graph = by_id(page, ids.CLASS_COUNTS)
    assert len(graph.figure["data"]) == 5
    assert "PCT October 2006 is partly determined" in str(card_of(page, ids.CLASS_COUNTS))
    twin = by_id(page, ids.grid_rows("class-counts")).data
    assert twin["file_name"] == "trustmap_class-counts.csv" and twin["rows"]
    assert len(by_id(page, ids.grid("class-counts")).children[1].children) == len(twin["rows"])


def test_outcomes_children_looked_after_coterminous_against_the_rest():
    out = run_callback(
        update_outcomes,
        None,
        indicator="lait-lac",
        period_from="2016",
        period_to="2025",
        by="coterminous",
        span_first="ccg2013",
        span_last="ccg2019",
    )
    assert len(out["csv"]["rows"]) == 145
    assert out["dropped"][0].children.startswith("145 councils of 2023 compared")
    assert "Cumberland: no value in 2016" in str(out["dropped"][1])
    text = " ".join(str(part.children) for part in out["reading"])
    assert "-8.838" in text and "Observational and confounded" in text and "IMD" in text
    assert "could be chance" in out["reading"][0].children


def test_outcomes_refuse_a_backwards_span():
    out = run_callback(
        update_outcomes,
        None,
        indicator="lait-lac",
        period_from="2016",
        period_to="2025",
        by="coterminous",
        span_first="ccg2019",
        span_last="ccg2013",
    )
    assert "runs backwards" in str(out["alert"].children)


def test_outcome_periods_follow_the_indicator():
    options, first, _, last = update_outcome_periods("lait-fsp-new-gooddev")
    assert (first, last) == ("2016", "2025") and len(options) == 8


def test_slide_exports_of_the_class_counts_and_an_odd_before_after_choice():
    from app import server

    client = server.test_client()
    response = client.get("/export/nhs-classes.svg")
    assert response.status_code == 200 and response.data.startswith(b"<svg")
    refused = client.get(
        "/export/before-after.png?ei=ons-u18-conception-rate&eb=1998-2005&ea=2004-2008&eg=pathfinder"
    )
    assert refused.status_code == 400 and b"must end before" in refused.data
