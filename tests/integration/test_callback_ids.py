"""Every id a callback names exists in the shell or a page, with the property it uses.

Dash Pages adds a page to the shell when it opens, so Dash cannot check the callbacks against
the first layout (the app runs with suppress_callback_exceptions); this test checks them against
the shell and every page (`layouts.pages.PAGES`), each drawn as Dash Pages draws it for the
default view.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from dash import html

from layouts import ids
from layouts.pages import PAGES, routed
from layouts.shell import shell
from layouts.view_stores import STORES, shell_id
from serving.data import choices, get_build
from tests.support.dash_wire import outputs_of, ref_of

pytestmark = pytest.mark.bundle

WILDCARDS = (["MATCH"], ["ALL"], ["ALLSMALLER"])  # as /_dash-dependencies writes them
COUNCIL = "E09000029"  # Sutton: the council page is drawn for a council of the default vintage


def with_ids(component) -> list:
    return [node for node in component._traverse() if getattr(node, "id", None) is not None]


@pytest.fixture(scope="module")
def shell_components() -> list:
    return with_ids(html.Div(shell(get_build(), choices())))


@pytest.fixture(scope="module")
def page_components() -> dict[str, list]:
    """Page name -> every component with an id on it, as Dash Pages first draws it."""
    drawn = {}
    for page in PAGES:
        layout = routed(page)(code=COUNCIL) if page.path_template else routed(page)()
        drawn[page.name] = with_ids(html.Div(layout))
    return drawn


@pytest.fixture(scope="module")
def every_component(shell_components, page_components) -> list:
    return [*shell_components, *(c for components in page_components.values() for c in components)]


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
    """'id.property' of every ref no component among `components` has."""
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


def test_every_page_is_drawn(page_components):
    assert set(page_components) == {page.name for page in PAGES}
    assert all(page_components.values())


def test_every_callback_id_and_property_exists_in_the_shell_or_a_page(every_component, callbacks):
    assert len(callbacks) > 20  # the app's callbacks were read
    assert missing_refs(callbacks, every_component) == []
    twins = {
        c.id["name"]
        for c in every_component
        if isinstance(c.id, dict) and c.id == ids.grid(c.id["name"])
    }
    assert {"scatter", "trend", "published", "comparison"} <= twins  # the charts' table twins


def test_every_callback_can_fire_whole_on_some_page(shell_components, page_components, callbacks):
    """Each callback's inputs, outputs and state are all in the shell beside one page: none
    waits for an id only another page has."""
    broken = {}
    for spec in callbacks:
        missing = [
            missing_refs([spec], shell_components + page) for page in page_components.values()
        ]
        if all(missing):
            broken[spec["output"]] = min(missing, key=len)  # what the nearest page lacks
    assert broken == {}


def test_no_id_is_twice_in_the_shell_with_a_page(shell_components, page_components):
    for name, page in page_components.items():
        keys = [json.dumps(c.id, sort_keys=True) for c in shell_components + page]
        assert [key for key, count in Counter(keys).items() if count > 1] == [], name


def test_every_page_mirrors_the_shell_s_view_stores(shell_components, page_components):
    assert {shell_id(store) for store in STORES} <= {c.id for c in shell_components}
    for name, page in page_components.items():
        assert set(STORES) <= {c.id for c in page if isinstance(c.id, str)}, name


def test_a_misnamed_id_or_property_is_found(every_component, callbacks):
    spec = dict(callbacks[0])
    spec["inputs"] = [
        {"id": "no-such-id", "property": "value"},
        {"id": ids.URL, "property": "nope"},
    ]
    assert missing_refs([spec], every_component) == ['"no-such-id".value', f'"{ids.URL}".nope']
