"""The export route when its renderer (kaleido's Chromium) is killed or hangs: the export that
meets a hung renderer answers 503 with Retry-After, and the next export starts a new one."""

from __future__ import annotations

import os
import signal

import pytest

from trustmap.export import renderer as export

pytestmark = pytest.mark.bundle

EXPORT = "/export/pathfinder.png?v=2019&i=iod2019-imd-average-score&p=2019"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def exported(client):
    response = client.get(EXPORT)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.get_data()[:8] == PNG_SIGNATURE
    return response


def test_an_export_after_chromium_is_killed_succeeds(client):
    exported(client)
    killed = export.renderer.browser_pid()
    os.killpg(killed, signal.SIGKILL)
    exported(client)
    assert export.renderer.browser_pid() not in (None, killed)


def test_a_hung_renderer_answers_503_then_is_restarted(client, monkeypatch):
    exported(client)
    monkeypatch.setattr(export.renderer, "timeout_s", 2.0)
    hung = export.renderer.browser_pid()
    os.killpg(hung, signal.SIGSTOP)  # alive, but never answers
    response = client.get(EXPORT)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == str(export.RETRY_AFTER_S)
    assert "restarting" in response.get_data(as_text=True)
    monkeypatch.undo()  # the new Chromium gets the usual time to start and draw
    exported(client)
    assert export.renderer.browser_pid() != hung
