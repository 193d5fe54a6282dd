"""Refusals and faults through the real app: a refused request is one escaped log line and a
4xx; a fault of the server is a 500 with an incident id, its traceback logged under that id;
callback requests that do not match their callback never reach it."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from callbacks import compare
from layouts import ids
from serving.guard import loggable
from tests.support.dash_wire import UPDATE_PATH, callback_writing, request_for
from tests.support.processes import ROOT

pytestmark = pytest.mark.bundle

FORGED = 'x\n127.0.0.1 - - "GET /admin HTTP/1.1" 200\r\n'


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


@pytest.fixture(scope="module")
def callbacks(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


def y_periods_request(callbacks, y_indicator) -> dict:
    spec = callback_writing(callbacks, f"{ids.Y_PERIOD}.options")
    prop = f"{ids.Y_INDICATOR}.value"
    return request_for(spec, {prop: y_indicator}, [prop])


def app_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "trustmap"]


def test_loggable_cuts_and_escapes():
    assert loggable("a\nb") == "a\\nb"
    assert loggable("é" + "z" * 100, limit=3) == "\\xe9zz...(101 chars)"


def test_a_refused_request_is_one_escaped_line(client, callbacks, caplog):
    junk = FORGED * 5000  # 240 kB
    with caplog.at_level(logging.INFO, logger="trustmap"):
        response = client.post(UPDATE_PATH, json=y_periods_request(callbacks, junk))
    assert response.status_code == 400
    assert len(response.get_data()) < 1000
    (line,) = app_lines(caplog)
    text = line.getMessage()
    assert "\n" not in text and "\r" not in text and len(text) < 400
    assert text.startswith("refused POST /_dash-update-component: 400 Bad Request: unknown ")
    assert line.exc_info is None


@pytest.mark.parametrize(
    "tamper",
    [
        {"inputs": []},
        {"inputs": [{"id": "somewhere", "property": "value", "value": 1}]},
        {"state": [{"id": ids.VIEW, "property": "data"}]},
        {"outputs": "x"},
        {"changedPropIds": [1]},
    ],
    ids=["no inputs", "other input", "extra state", "outputs not a list", "changed not strings"],
)
def test_requests_not_matching_their_callback_are_refused(client, callbacks, caplog, tamper):
    with caplog.at_level(logging.INFO, logger="trustmap"):
        body = y_periods_request(callbacks, "iod2019-imd-average-score") | tamper
        response = client.post(UPDATE_PATH, json=body)
    assert response.status_code == 400
    assert len(app_lines(caplog)) == 1


def test_a_request_for_a_browser_callback_is_refused(client, callbacks):
    spec = callback_writing(callbacks, f"{ids.MAP_DRAWN}.data")
    assert spec["clientside_function"]["function_name"] == "settled"
    response = client.post(UPDATE_PATH, json=request_for(spec, {}, [f"{ids.VIEW}.data"]))
    assert response.status_code == 400
    assert "runs in the browser" in response.get_json()["message"]


def test_a_server_fault_is_a_500_with_an_incident_id(client, callbacks, caplog, monkeypatch):
    def broken(view):
        raise RuntimeError("a bug")

    monkeypatch.setattr(compare, "comparison_outputs", broken)
    spec = callback_writing(callbacks, f"{ids.COMPARE_SOURCE}.children")
    key = {"indicator": "iod2019-imd-average-score", "period": "2019"}
    prop = f"{ids.COMPARISON_KEY}.data"
    with caplog.at_level(logging.INFO, logger="trustmap"):
        response = client.post(UPDATE_PATH, json=request_for(spec, {prop: key}, [prop]))
    assert response.status_code == 500
    answer = response.get_json()
    assert answer["error"] == "Internal Server Error" and len(answer["incident"]) == 12
    assert "a bug" not in response.get_data(as_text=True)
    (line,) = app_lines(caplog)
    assert line.getMessage().startswith(f"incident {answer['incident']}: POST ")
    assert line.exc_info[0] is RuntimeError


def test_every_callback_is_known_to_the_guard_before_the_first_request():
    """Dash fills its callback map at its first request; threads serving two first requests at
    once could find it half done, so the app makes that request itself as it starts."""
    script = (
        "import app; "
        "print(sum(key.startswith('..compare-pathfinder.figure') for key in app.app.callback_map))"
    )
    started = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert started.stdout.strip() == "1"
