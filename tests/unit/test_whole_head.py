"""deploy/whole_head.py: a response's head leaves in the same send as its body's first bytes,
so a gunicorn worker killed between two sends never leaves nginx holding a head alone."""

from __future__ import annotations

from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.http.wsgi import Response

from deploy.whole_head import hold_heads


class Sends:
    """A socket that records each send."""

    def __init__(self):
        self.sent: list[bytes] = []

    def sendall(self, data: bytes) -> None:
        self.sent.append(bytes(data))


def response(body_length: int | None) -> tuple[Response, Sends]:
    request = SimpleNamespace(version=(1, 1), method="GET", headers=[], should_close=lambda: False)
    sock = Sends()
    answer = Response(request, sock, Config())
    headers = [("Content-Type", "text/plain")]
    if body_length is not None:
        headers.append(("Content-Length", str(body_length)))
    answer.start_response("200 OK", headers)
    return answer, sock


def test_the_head_leaves_with_the_first_bytes_of_the_body():
    hold_heads()
    answer, sock = response(10)
    answer.write(b"0123456789")
    answer.close()
    assert len(sock.sent) == 1
    head, body = sock.sent[0].split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200 OK") and b"Content-Length: 10" in head
    assert body == b"0123456789"


def test_a_response_without_a_body_sends_its_head_at_close():
    hold_heads()
    answer, sock = response(0)
    answer.close()
    assert len(sock.sent) == 1 and sock.sent[0].endswith(b"\r\n\r\n")


def test_a_chunked_body_still_follows_its_head():
    hold_heads()
    answer, sock = response(None)
    answer.write(b"abc")
    answer.close()
    joined = b"".join(sock.sent)
    assert joined.index(b"HTTP/1.1 200 OK") == 0
    assert joined.endswith(b"3\r\nabc\r\n0\r\n\r\n")
