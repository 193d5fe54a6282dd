"""What the server refuses, and how it answers refusals and its own faults.

- A callback request (`/_dash-update-component`) must match a registered callback: its output,
  its inputs and state (ids and properties, in order) and the inputs it says changed. Anything
  else is refused with a 400 before Dash or a callback sees it.
- A refusal (any 4xx, or a choice the build does not have) is logged as ONE line saying what
  was refused and why, with client values cut and control characters escaped, so a flood of
  junk grows the log by a line per request and cannot forge a line.
- Anything else is the server's fault: a 500 with a short message and an incident id, and the
  full traceback in the log under that id.
"""

from __future__ import annotations

import json
import logging
import uuid

from flask import Flask, jsonify, request
from werkzeug.exceptions import BadRequest, HTTPException

from trustmap.bundle.choices import UnknownChoiceError

__all__ = ["LOGGED_VALUE_CHARS", "check_callback_request", "cut", "loggable", "register"]

UPDATE_PATH = "/_dash-update-component"
PAGES_LOCATION = "_pages_location"  # Dash Pages' dcc.Location
ROUTING_OUTPUT = "_pages_content.children"  # Dash Pages' routing callback
LOGGED_VALUE_CHARS = 60
MESSAGE_CHARS = 300  # a refusal's message to the client, values in it already cut
WILDCARDS = ('["MATCH"]', '["ALL"]', '["ALLSMALLER"]')
log = logging.getLogger("trustmap")


def cut(value: object, limit: int = LOGGED_VALUE_CHARS) -> str:
    """`value` as text of at most about `limit` characters, saying how long it was."""
    text = str(value)
    return text[:limit] + (f"...({len(text)} chars)" if len(text) > limit else "")


def loggable(value: object, limit: int = LOGGED_VALUE_CHARS) -> str:
    """`value` as it may enter the log: cut, then every control or non-ASCII character
    escaped (a newline becomes the two characters backslash-n)."""
    return cut(value, limit).encode("unicode_escape").decode("ascii")


def _ids_match(sent: object, registered: str) -> bool:
    """A sent component id against a registered one (dict ids are registered as JSON, with
    MATCH / ALL wildcards standing for any value)."""
    if not registered.startswith("{"):
        return sent == registered
    pattern = json.loads(registered)
    return (
        isinstance(sent, dict)
        and sent.keys() == pattern.keys()
        and all(
            json.dumps(wanted) in WILDCARDS or sent[key] == wanted
            for key, wanted in pattern.items()
        )
    )


def _refs_match(sent: object, registered: list[dict]) -> bool:
    """Sent inputs or state (a list of {id, property, value}; a list of those for ALL) against
    the registered ones, in order."""
    if not isinstance(sent, list) or len(sent) != len(registered):
        return False
    for item, spec in zip(sent, registered, strict=True):
        refs = item if isinstance(item, list) else [item]
        for ref in refs:
            if not isinstance(ref, dict) or ref.get("property") != spec["property"]:
                return False
            if not _ids_match(ref.get("id"), spec["id"]):
                return False
    return True


def check_callback_request(body: object, callback_map: dict) -> None:
    """Raise BadRequest (with why) unless `body` is a request for a registered callback."""
    if not isinstance(body, dict):
        raise BadRequest("a callback request is a JSON object")
    output = body.get("output")
    spec = callback_map.get(output) if isinstance(output, str) else None
    if spec is None:
        raise BadRequest(f"no callback has output '{loggable(output)}'")
    if "callback" not in spec:
        raise BadRequest("that callback runs in the browser, not on the server")
    if not _refs_match(body.get("inputs"), spec["inputs"]):
        raise BadRequest("inputs do not match the callback's inputs")
    if not _refs_match(body.get("state", []), spec["state"]):
        raise BadRequest("state does not match the callback's state")
    outputs = body.get("outputs")
    many = output.startswith("..")
    if many and not (isinstance(outputs, list) and len(outputs) == output.count("...") + 1):
        raise BadRequest("outputs do not match the callback's outputs")
    if not many and not isinstance(outputs, dict | list):
        raise BadRequest("outputs do not match the callback's outputs")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        raise BadRequest("changedPropIds is not a list of strings")
    if ROUTING_OUTPUT in output:
        _check_address(body.get("inputs"))


def _check_address(inputs: list) -> None:
    """The page's address, as Dash Pages' routing reads it: a path from the root (a browser
    never sends anything else, and Dash's routing fails on anything else; the view callback
    reads junk as an odd link's values)."""
    for ref in inputs:
        if isinstance(ref, dict) and ref.get("id") == PAGES_LOCATION:
            value = ref.get("value")
            if ref.get("property") == "pathname" and not (
                isinstance(value, str) and value.startswith("/")
            ):
                raise BadRequest(f"'{loggable(value)}' is not a page's address")
            if ref.get("property") == "search" and not isinstance(value, str | None):
                raise BadRequest("the address's query is not text")


def _refused(code: int, name: str, reason: str):
    log.warning(
        "refused %s %s: %s %s: %s",
        request.method,
        loggable(request.path),
        code,
        name,
        loggable(reason, 2 * LOGGED_VALUE_CHARS),
    )
    return jsonify(error=name, message=cut(reason, MESSAGE_CHARS)), code


def _fault(error: Exception):
    incident = uuid.uuid4().hex[:12]
    log.error(
        "incident %s: %s %s failed",
        incident,
        request.method,
        loggable(request.path),
        exc_info=error,
    )
    message = f"The server failed on this request (incident {incident}); nothing was changed."
    return jsonify(error="Internal Server Error", message=message, incident=incident), 500


def register(server: Flask, callback_map: dict) -> None:
    """Check callback requests before Dash runs them, and answer refusals and faults."""

    @server.before_request
    def check_update_request():
        if request.path != UPDATE_PATH or request.method != "POST":
            return None
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested deeper than the JSON parser goes
            body = None
        if body is None:
            raise BadRequest("the body is not JSON")
        check_callback_request(body, callback_map)
        return None

    @server.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is not None and error.code >= 500:
            return _fault(error)
        return _refused(error.code, error.name, error.description)

    @server.errorhandler(UnknownChoiceError)
    def unknown_choice(error: UnknownChoiceError):
        return _refused(400, "Bad Request", str(error))

    server.register_error_handler(Exception, _fault)
