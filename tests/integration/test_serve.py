"""`make serve`'s server (deploy/serve.py: nginx in front of gunicorn) keeps answering while
slow clients hold connections open with half-sent requests."""

from __future__ import annotations

import socket
import sys
import urllib.request

import pytest

from tests.support.processes import HOST, ROOT, started

pytestmark = pytest.mark.bundle

SLOW_CLIENTS = 8
PAGE_TIMEOUT_S = 10  # a plain gunicorn -w 2 answers none of these before its 30 s timeout
HALF_SENT = (
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
    b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{",
)


def serve_command(port: int) -> list[str]:
    return [sys.executable, str(ROOT / "deploy" / "serve.py"), "--port", str(port)]


def test_pages_answer_while_slow_clients_hold_connections():
    with started(serve_command, "serve") as server:
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
