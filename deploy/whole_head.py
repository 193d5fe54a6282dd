"""gunicorn writes a response's head and its body in two sends. A worker killed between them
(SIGKILLed, or out of memory) leaves nginx with the head alone: nginx has passed it on and can
no longer try another worker, and the client gets a response cut short. Here the head waits
for the body's first bytes and leaves in the same send, so a killed worker has sent either
nothing (nginx tries the next worker) or a whole small response.

`hold_heads()` patches gunicorn's `Response` (gunicorn 27, the version pinned); it runs in
gunicorn's master, before the workers fork (deploy/gunicorn.conf.py).
"""

from __future__ import annotations

from gunicorn import util
from gunicorn.http.wsgi import Response

__all__ = ["hold_heads"]


def head_bytes(response: Response) -> bytes:
    """The response's status line and headers, as gunicorn's `send_headers` writes them."""
    lines = [*response.default_headers(), *(f"{k}: {v}\r\n" for k, v in response.headers)]
    return util.to_bytestring("{}\r\n".format("".join(lines)), "latin-1")


def send_held_head(response: Response) -> None:
    held = getattr(response, "_held_head", b"")
    if held:
        response._held_head = b""
        response.sock.sendall(held)


def hold_heads() -> None:
    """Patch `Response` so that its head leaves with the body's first bytes (at the latest
    with `close`); a file sent by `sendfile` gets its head first, as before. Once only."""
    if getattr(Response, "holds_heads", False):
        return
    send_now = Response.send_headers
    send_file = Response.sendfile
    close = Response.close

    def send_headers(self) -> None:
        if getattr(self, "_sending_file", False):
            send_now(self)
        elif not self.headers_sent:
            self._held_head = head_bytes(self)
            self.headers_sent = True

    def emit_body(self, data: bytes) -> None:
        held = getattr(self, "_held_head", b"")
        if held and not self.chunked:
            self._held_head = b""
            self.sock.sendall(held + data)
            return
        send_held_head(self)
        util.write(self.sock, data, self.chunked)

    def sendfile(self, respiter) -> bool:
        send_held_head(self)
        self._sending_file = True
        try:
            return send_file(self, respiter)
        finally:
            self._sending_file = False

    def close_response(self) -> None:
        if not self.headers_sent:
            send_headers(self)
        send_held_head(self)
        close(self)

    Response.send_headers = send_headers
    Response._emit_body = emit_body
    Response.sendfile = sendfile
    Response.close = close_response
    Response.holds_heads = True
