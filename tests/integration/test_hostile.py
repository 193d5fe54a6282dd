"""Hostile requests against the real app through Flask's test client.

Tampered callback payloads and odd links must get a clear message (a 200 whose alert says what
was replaced) or a 4xx, never a 500 or a traceback, and the app must keep serving afterwards.
Payloads are built from the app's own `/_dash-dependencies`, so they stay those a browser
would send when callbacks gain outputs.
"""

from __future__ import annotations

import json
import re

import pytest

from layouts import ids
from layouts.view_stores import shell_id
from tests.support.dash_wire import (
    UPDATE_PATH,
    callback_writing,
    prop_id,
    request_for,
)

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

# What the view callback writes (the shell's view store), and what each page's copy holds.
SHELL_VIEW = f"{shell_id(ids.VIEW)}.data"
PAGE_VIEW = f"{ids.VIEW}.data"
CLICKED = f"{ids.CLICKED}.data"
SEARCH = f"{ids.URL}.search"
PATHNAME = f"{ids.URL}.pathname"
LINK_LOAD_CONTROLS = {
    PATHNAME: "/",
    "vintage.value": "2019",
    "colour.value": "pathfinder",
    "theme.value": None,
    "indicator.value": "iod2019-imd-average-score",
    "period.value": "2019",
}
GOOD_VIEW = {
    "vintage": "2019",
    "colour": "indicator",
    "theme": None,
    "indicator": "iod2019-imd-average-score",
    "period": "2019",
    "area": None,
}
MEGABYTE = 1024 * 1024
TRACEBACK_MARKS = ("Traceback (most recent call last)", 'File "/', "Werkzeug Debugger")
JUNK_VALUES = [123, 1.5, True, ["?v=2019"], {"v": "2019"}, [[{"a": [1]}]]]
ODD_LINKS = {
    "unknown values": "?v=1999&i=<script>&a=XX",
    "10 kB value": "?i=" + "y" * 10_000,
    "non-UTF-8 escapes": "?v=%ff%fe&i=%c3%28&a=%80",
    "broken escape": "?a=%ZZ&p=%",
    "repeated keys": "?v=2019&v=1999&v=",
}


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


@pytest.fixture(scope="module")
def callbacks(client) -> list[dict]:
    response = client.get("/_dash-dependencies")
    assert response.status_code == 200
    return response.get_json()


def link_load(callbacks, search, pathname: str = "/") -> dict:
    """What the page posts on load: the view callback reading the link's query."""
    spec = callback_writing(callbacks, SHELL_VIEW)
    values = {SEARCH: search, **LINK_LOAD_CONTROLS, PATHNAME: pathname}
    return request_for(spec, values, [SEARCH])


def view_written(response) -> dict:
    """The view the view callback's answer writes to the shell's store."""
    return response.get_json()["response"][shell_id(ids.VIEW)]["data"]


def assert_clear(response, *expected: str) -> None:
    """A 2xx whose body says `expected`, or a 4xx with a message; never a 5xx or traceback."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert not any(mark in body for mark in TRACEBACK_MARKS), body[:500]
    if response.status_code >= 400:
        assert response.is_json and response.get_json().get("message"), body[:500]
    for text in expected:
        assert text in body


def assert_still_serving(client, callbacks) -> None:
    page = client.get("/")
    update = client.post(UPDATE_PATH, json=link_load(callbacks, "?c=indicator"))
    assert page.status_code == 200
    assert update.status_code == 200
    assert view_written(update)["colour"] == "indicator"


def post_raw(client, body: str | bytes):
    return client.post(UPDATE_PATH, data=body, content_type="application/json")


def test_unknown_component_ids_are_refused(client, callbacks):
    payload = {
        "output": "nowhere.children",
        "outputs": {"id": "nowhere", "property": "children"},
        "inputs": [{"id": "nothing", "property": "value", "value": 1}],
        "changedPropIds": ["nothing.value"],
    }
    response = client.post(UPDATE_PATH, json=payload)
    assert 400 <= response.status_code < 500
    assert_clear(response)
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize("junk", JUNK_VALUES, ids=repr)
@pytest.mark.parametrize(
    "control",
    [
        SEARCH,
        PATHNAME,
        "vintage.value",
        "colour.value",
        "indicator.value",
        "period.value",
    ],
)
def test_wrong_types_in_the_view_callback(client, callbacks, control, junk):
    spec = callback_writing(callbacks, SHELL_VIEW)
    values = {SEARCH: "", **LINK_LOAD_CONTROLS, control: junk}
    response = client.post(UPDATE_PATH, json=request_for(spec, values, [control]))
    assert_clear(response)
    # Junk is answered as a link's unknown value is: a 200 whose view keeps the other controls'
    # values and puts the default in place of the junk (vintage 2019, the pathfinder map, the
    # default indicator, its latest period 2019), never the junk itself. A change of indicator
    # or period colours the map by the indicator.
    assert response.status_code == 200
    view = view_written(response)
    colour = "indicator" if control in ("indicator.value", "period.value") else "pathfinder"
    assert {key: view[key] for key in ("vintage", "colour", "indicator", "period")} == {
        "vintage": "2019",
        "colour": colour,
        "indicator": "iod2019-imd-average-score",
        "period": "2019",
    }
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize(
    "junk", [*JUNK_VALUES, "not a dict", {"points": "abc"}, {"code": 5, "at": "x"}], ids=repr
)
def test_wrong_types_in_a_map_click(client, callbacks, junk):
    spec = callback_writing(callbacks, SHELL_VIEW)
    values = {SEARCH: "", **LINK_LOAD_CONTROLS, CLICKED: junk}
    response = client.post(UPDATE_PATH, json=request_for(spec, values, [CLICKED]))
    assert_clear(response)
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize("junk", ["junk", [1, 2], {"vintage": "2019"}, 5], ids=repr)
def test_wrong_types_in_the_stored_view(client, callbacks, junk):
    """A tampered view store: the shell's, as the state of the view callback, and a page's copy,
    as every view reader's input."""
    spec = callback_writing(callbacks, SHELL_VIEW)
    values = {SEARCH: "", **LINK_LOAD_CONTROLS, SHELL_VIEW: junk}
    assert_clear(client.post(UPDATE_PATH, json=request_for(spec, values, ["indicator.value"])))
    readers = [s for s in callbacks if PAGE_VIEW in map(prop_id, s["inputs"])]
    assert readers
    for reader in readers:
        response = client.post(
            UPDATE_PATH, json=request_for(reader, {PAGE_VIEW: junk}, [PAGE_VIEW])
        )
        assert_clear(response)
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize("control", [SEARCH, "indicator.value"])
def test_a_megabyte_string_is_refused(client, callbacks, control):
    spec = callback_writing(callbacks, SHELL_VIEW)
    values = {SEARCH: "", **LINK_LOAD_CONTROLS, control: "x" * MEGABYTE}
    response = client.post(UPDATE_PATH, json=request_for(spec, values, [control]))
    assert 400 <= response.status_code < 500
    assert_clear(response)
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize("depth", [100, 5_000, 100_000])
def test_deeply_nested_junk(client, callbacks, depth):
    payload = link_load(callbacks, "")
    text = json.dumps(payload).replace('"value": ""', '"value": ' + "[" * depth + "]" * depth, 1)
    assert_clear(post_raw(client, text))
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "",
        "null",
        "[1, 2]",
        '"text"',
        '{"output": 1}',
        '{"output": "view.data"',
        b"\xff\xfe",
    ],
    ids=repr,
)
def test_malformed_json_is_refused(client, callbacks, body):
    response = post_raw(client, body)
    assert 400 <= response.status_code < 500
    assert_clear(response)
    assert_still_serving(client, callbacks)


def test_unknown_area_code_from_a_click_selects_nothing(client, callbacks):
    spec = callback_writing(callbacks, SHELL_VIEW)
    click = {"code": "XX999", "at": 1733400000}
    values = {SEARCH: "", **LINK_LOAD_CONTROLS, CLICKED: click}
    response = client.post(UPDATE_PATH, json=request_for(spec, values, [CLICKED]))
    assert_clear(response)
    view = response.get_json()["response"].get(shell_id(ids.VIEW), {}).get("data")
    assert view is None or view["area"] is None


def test_unknown_area_code_in_the_panel_says_so(client, callbacks):
    detail = callback_writing(callbacks, "detail.children")
    panel = {"area": "E99999999", "vintage": "2019", "nhs": "ccg2019"}
    values = {"area.data": "E99999999", f"{ids.PANEL_KEY}.data": panel}
    response = client.post(UPDATE_PATH, json=request_for(detail, values, ["area.data"]))
    assert_clear(response, "E99999999")
    spine = callback_writing(callbacks, "spine-graph.figure")
    for area in ("E99999999", "<script>", 42, {"a": 1}):
        values = {"area.data": area, "spine-theme.value": "early-years"}
        response = client.post(UPDATE_PATH, json=request_for(spine, values, ["area.data"]))
        assert_clear(response)
        assert "E99999999" not in response.get_data(as_text=True)  # nothing built for it
    assert_still_serving(client, callbacks)


@pytest.mark.parametrize(
    "bad",
    [
        {"vintage": "1999"},
        {"indicator": "no-such-indicator"},
        {"period": "1066"},
        {"colour": "rainbow"},
        {"area": "XX"},
        {"indicator": 5},
        {"vintage": ["2019"]},
    ],
    ids=lambda bad: "-".join(f"{k}={v}" for k, v in bad.items()),
)
def test_unknown_vintage_or_indicator_in_the_view(client, callbacks, bad):
    """Every callback reading the view store gets a view the controls could never produce."""
    readers = [s for s in callbacks if PAGE_VIEW in map(prop_id, s["inputs"])]
    assert readers
    for reader in readers:
        values = {PAGE_VIEW: GOOD_VIEW | bad, "area.data": GOOD_VIEW["area"]}
        assert_clear(client.post(UPDATE_PATH, json=request_for(reader, values, [PAGE_VIEW])))
    assert_still_serving(client, callbacks)


def test_odd_link_is_explained_and_escaped(client, callbacks):
    response = client.post(UPDATE_PATH, json=link_load(callbacks, ODD_LINKS["unknown values"]))
    assert_clear(response, "1999", "XX")
    assert response.is_json
    alert = json.dumps(response.get_json()["response"]["url-alert"])
    assert "<script>" in alert or "\\u003cscript\\u003e" in alert  # as text, in a JSON string
    assert view_written(response)["vintage"] == "2019"


@pytest.mark.parametrize("search", ODD_LINKS.values(), ids=ODD_LINKS.keys())
def test_odd_links(client, callbacks, search):
    """The view callback and every other callback reading the address, and the page itself."""
    response = client.post(UPDATE_PATH, json=link_load(callbacks, search))
    assert_clear(response)
    assert response.status_code == 200
    readers = [s for s in callbacks if SEARCH in map(prop_id, s["inputs"])]
    for reader in readers:
        values = {SEARCH: search, **LINK_LOAD_CONTROLS}
        assert_clear(client.post(UPDATE_PATH, json=request_for(reader, values, [SEARCH])))
    assert_clear(client.get("/" + search))
    assert_still_serving(client, callbacks)


def test_a_long_link_is_not_echoed_many_times(client, callbacks):
    """Whatever reads the address answers in proportion to what it was sent, not ten times it:
    its answer grows by less than twice the link's length over its answer to a plain link (Dash
    Pages' routing answers with the whole page, whatever the link)."""
    search = ODD_LINKS["10 kB value"]
    readers = [s for s in callbacks if SEARCH in map(prop_id, s["inputs"])]
    assert len(readers) >= 2  # the view callback and Dash Pages' routing

    def answer(reader, link: str) -> bytes:
        values = {SEARCH: link, **LINK_LOAD_CONTROLS}
        return client.post(UPDATE_PATH, json=request_for(reader, values, [SEARCH])).get_data()

    for reader in readers:
        grown = len(answer(reader, search)) - len(answer(reader, "?i=y"))
        assert grown < 2 * len(search), reader["output"]


def test_unknown_export_is_a_404_with_a_message(client):
    response = client.get("/export/nothing.exe?v=1999")
    assert response.status_code == 404
    assert_clear(response)


def test_wrong_method_is_a_405_without_traceback(client):
    response = client.put(UPDATE_PATH, json={})
    assert response.status_code == 405
    assert_clear(response)


def test_debug_is_off(client):
    from app import server

    assert server.debug is False
    reload = client.get("/_reload-hash")
    assert reload.status_code != 200 or reload.get_json().get("reloadHash") is None
    page = client.get("/").get_data(as_text=True)
    config = json.loads(
        re.search(
            r'<script id="_dash-config" type="application/json">(.*?)</script>', page, re.S
        ).group(1)
    )
    assert "hot_reload" not in config
    assert config.get("ui") is False
    assert config.get("props_check") is False


def test_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    policy = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors" in policy
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


def test_json_answers_carry_no_document_headers(client):
    """A paint is JSON, never a document: no CSP or frame options on it (they are sent with
    every indicator switch), but still nosniff; an exported SVG keeps its CSP."""
    paint = client.get("/map/paint.json?vintage=2019")
    assert paint.mimetype == "application/json"
    assert "Content-Security-Policy" not in paint.headers
    assert "X-Frame-Options" not in paint.headers
    assert paint.headers.get("X-Content-Type-Options") == "nosniff"
    assert "frame-ancestors" in client.get("/export/map.svg").headers["Content-Security-Policy"]


def test_thousands_of_unknown_link_keys_are_counted(client, callbacks):
    """20,000 unknown keys (240 kB): one note with their count, not a note for each."""
    search = "?" + "&".join(f"k{number:05d}=" for number in range(20_000))
    response = client.post(UPDATE_PATH, json=link_load(callbacks, search))
    assert_clear(response)
    alert = json.dumps(response.get_json()["response"]["url-alert"])
    assert "Ignored 20000 unknown link parameters: 'k00000', 'k00001', 'k00002'" in alert
    assert "and 19997 more." in alert
    assert len(response.get_data()) < 100_000


def test_junk_in_every_input_is_never_echoed(client, callbacks):
    """Every callback, every input and state 100 kB of junk: a short answer or a refusal."""
    junk = "<junk>" + "j" * 100_000
    for spec in callbacks:
        if spec.get("clientside_function") or "{" in spec["output"]:
            continue
        refs = [prop_id(ref) for ref in spec["inputs"] + spec["state"]]
        body = request_for(spec, dict.fromkeys(refs, junk), refs[:1])
        if len(json.dumps(body)) > 512 * 1024:
            continue  # refused for its size (test_a_megabyte_string_is_refused)
        response = client.post(UPDATE_PATH, json=body)
        assert_clear(response)
        assert "j" * 1000 not in response.get_data(as_text=True), spec["output"]


@pytest.mark.parametrize(
    "code", ["E99999999", "<script>alert(1)</script>", "%ff%fe", "x" * 10_000, "a/b/c"], ids=len
)
def test_odd_council_pages(client, callbacks, code):
    """An odd council address: the view callback selects nothing it does not know, and the page
    says there is no such council, escaped."""
    response = client.post(UPDATE_PATH, json=link_load(callbacks, "", f"/council/{code}"))
    assert_clear(response)
    assert response.status_code == 200
    assert view_written(response)["area"] is None
    assert len(response.get_data()) < 2 * len(code) + 100_000
    page = client.get(f"/council/{code}")
    assert_clear(page)
    assert "<script>alert" not in page.get_data(as_text=True)
    assert_still_serving(client, callbacks)
