"""Every id a callback names exists in a section of the page, with the property it uses.

The sections below the map join the page after it has painted, so Dash cannot check the
callbacks against the first layout (the app runs with suppress_callback_exceptions); this test
checks them against every section the page can show.
"""

from __future__ import annotations

import json

import pytest
from dash import html

from callbacks.charts import sections_below_map
from callbacks.era import era_body
from callbacks.nhs_story import story_body
from layouts import ids
from tests.support.dash_wire import outputs_of, ref_of

pytestmark = pytest.mark.bundle

WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])  # as /_dash-dependencies writes them


@pytest.fixture(scope="module")
def page_components() -> list:
    """Every component with an id the page can hold: the first layout and each later section."""
    from app import app

    page = html.Div(
        [
            app.layout,
            *sections_below_map(None),
            html.Div(era_body()),
            html.Div(story_body()),
        ]
    )
    return [node for node in page._traverse() if getattr(node, "id", None) is not None]


def matches(component_id, wanted) -> bool:
    if not isinstance(wanted, dict):
        return component_id == wanted
    return (
        isinstance(component_id, dict)
        and component_id.keys() == wanted.keys()
        and all(value in WILDCARDS or component_id[key] == value for key, value in wanted.items())
    )


def callback_refs(spec: dict) -> list[dict]:
    outputs = [ref_of(prop) for prop in outputs_of(spec)]
    return outputs + spec["inputs"] + spec["state"]


@pytest.fixture(scope="module")
def callbacks() -> list[dict]:
    from app import server

    return server.test_client().get("/_dash-dependencies").get_json()


def missing_refs(callbacks: list[dict], components: list) -> list[str]:
    """'id.property' of every ref no component on the page has."""
    missing = []
    for spec in callbacks:
        for ref in callback_refs(spec):
            wanted = ref["id"]
            if isinstance(wanted, str) and wanted.startswith("{"):
                wanted = json.loads(wanted)
            found = [c for c in components if matches(c.id, wanted)]
            if not found or not all(ref["property"] in c.available_properties for c in found):
                missing.append(f"{json.dumps(wanted)}.{ref['property']}")
    return missing


def test_every_callback_id_and_property_exists_on_the_page(page_components, callbacks):
    assert len(callbacks) > 20  # the app's callbacks were read
    assert missing_refs(callbacks, page_components) == []
    grids = {
        c.id["name"]
        for c in page_components
        if isinstance(c.id, dict) and c.id == ids.grid(c.id["name"])
    }
    assert {"scatter", "trend", "published", "comparison"} <= grids  # the charts' table twins


def test_a_misnamed_id_or_property_is_found(page_components, callbacks):
    spec = dict(callbacks[0])
    spec["inputs"] = [{"id": "no-such-id", "property": "value"}, {"id": "url", "property": "nope"}]
    assert missing_refs([spec], page_components) == ['"no-such-id".value', '"url".nope']
