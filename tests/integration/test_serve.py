"""`make serve`'s server (deploy/serve.py: nginx in front of gunicorn) keeps answering while
slow clients hold connections open with half-sent requests, and loses no GET when a worker is
killed."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sys
import threading
import time
import urllib.request

import pytest

from tests.support import early
from tests.support.gunicorn_workers import workers
from tests.support.processes import HOST, ROOT, started

pytestmark = pytest.mark.bundle

SLOW_CLIENTS = 8
KILL_CLIENTS = 4
PAGE_TIMEOUT_S = 10  # a plain gunicorn -w 2 answers none of these before its 30 s timeout
HALF_SENT = (
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
    b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{",
)


def serve_command(port: int) -> list[str]:
    return [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port)]


def serve():
    return started(serve_command, "serve")


EARLY_START = [serve]  # started as the session begins (tests/support/early.py)


@pytest.fixture(scope="module")
def server():
    with early.entered(serve) as running:
        yield running


def test_pages_answer_while_slow_clients_hold_connections(server):
    port = int(server.url.rsplit(":", 1)[1])
    slow = [socket.create_connection((HOST, port)) for _ in range(SLOW_CLIENTS)]
    try:
        for number, connection in enumerate(slow):
            connection.sendall(HALF_SENT[number % 2])
        for path in ("/", "/_dash-layout", "/_dash-dependencies", "/"):
            with urllib.request.urlopen(server.url + path, timeout=PAGE_TIMEOUT_S) as page:
                assert page.status == 200
    finally:
        for connection in slow:
            connection.close()
    log = server.log_path.read_text()
    assert "nginx in front of 1 gunicorn instance(s)" in log
    assert "WORKER TIMEOUT" not in log


def test_a_killed_worker_loses_no_get(server):
    """nginx tries a GET whose worker was SIGKILLed (mid-request, or idle with connections
    nginx kept open to it) on the next server entry; gunicorn replaces the worker."""
    before = workers(server.process.pid)
    assert len(before) == 2, before
    stop = threading.Event()
    answers: list[int | str] = []

    def client() -> None:
        while not stop.is_set():
            for path in ("/", "/_dash-layout", "/_dash-dependencies"):
                try:
                    with urllib.request.urlopen(server.url + path, timeout=10) as page:
                        page.read()
                        answers.append(page.status)
                except (OSError, http.client.HTTPException) as error:
                    answers.append(repr(error))

    clients = [threading.Thread(target=client) for _ in range(KILL_CLIENTS)]
    for thread in clients:
        thread.start()
    try:
        wait_for(lambda: len(answers) >= KILL_CLIENTS * 3)
        os.kill(before[0], signal.SIGKILL)
        wait_for(lambda: len(set(workers(server.process.pid)) - set(before)) == 1)
        served = len(answers)
        wait_for(lambda: len(answers) >= served + KILL_CLIENTS * 3)
    finally:
        stop.set()
        for thread in clients:
            thread.join()
    assert [answer for answer in answers if answer != 200] == []


def wait_for(condition, timeout_s: float = 20) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
