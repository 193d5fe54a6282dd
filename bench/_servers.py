"""What every bench shares: an app started on a free loopback port, and a client that talks to a
Dash app the way a browser tab does.

`serve` starts a server as a subprocess, waits until `GET /` answers and stops it on exit
(`tests.support.processes.started` does the work, and also gives its process and log).
`DashTab` holds a tab's component properties, reads `/_dash-dependencies` and, after a change,
sends exactly the `/_dash-update-component` POSTs the renderer would send: every callback whose
input changed, in rounds (a callback's own outputs never re-trigger it), one round in parallel.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the benches import the project itself, run from anywhere

from tests.support.dash_wire import (  # noqa: E402
    UPDATE_PATH,
    component_key,
    outputs_of,
    prop_id,
    request_for,
)
from tests.support.processes import HOST, Server, free_port, started  # noqa: E402, F401

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
REQUEST_TIMEOUT_S = 60
MAX_ROUNDS = 6  # callback chains here are two or three rounds deep
WARM_TIMEOUT_S = 300


def real_app_command(port: int) -> list[str]:
    """The dashboard as `python app.py` runs it (debug off unless TRUSTMAP_DEBUG=1, never set)."""
    return [PYTHON, "app.py"]


def naive_app_command(port: int) -> list[str]:
    return [PYTHON, "bench/naive_app.py", str(port)]


def gunicorn_command(port: int, workers: int = 2) -> list[str]:
    """Plain gunicorn: sync workers, nothing loaded or cached before the first request."""
    return [GUNICORN, "-w", str(workers), "-b", f"{HOST}:{port}", "app:server"]


def deploy_gunicorn_command(port: int, workers: int = 2) -> list[str]:
    """gunicorn with `make serve`'s settings file (deploy/gunicorn.conf.py: threads, the app
    loaded and its cache warmed before the workers fork), without nginx in front and without
    `make serve`'s shared results folder: each worker keeps its own in-process cache."""
    settings = str(ROOT / "deploy" / "gunicorn.conf.py")
    return [GUNICORN, "-c", settings, "-w", str(workers), "-b", f"{HOST}:{port}"]


@contextmanager
def serve(command_for, name: str) -> Iterator[str]:
    """`started`, yielding only the base URL."""
    with started(command_for, name) as server:
        yield server.url


@contextmanager
def serve_warmed(command_for, name: str) -> Iterator[str]:
    """`serve`, once `python app.py` has warmed its paints in the background (the line it
    logs then): the server as its visitors find it a minute after it starts."""
    from serving.warm import WARMED

    with started(command_for, name) as server:
        deadline = time.monotonic() + WARM_TIMEOUT_S
        while WARMED not in server.log_path.read_text():
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not warm up; see {server.log_path}")
            time.sleep(0.5)
        yield server.url


@dataclass(frozen=True)
class Exchange:
    """One HTTP request: what it was for, its status, body bytes on the wire and seconds."""

    label: str
    status: int
    wire_bytes: int
    seconds: float
    body: bytes = b""
    error: str | None = None
    content_type: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 400


def fetch(url: str, label: str, payload: dict | None = None, body: str | None = None) -> Exchange:
    """GET `url`, or POST `payload` (or `body`, JSON already) as JSON; never raises for HTTP or
    network errors."""
    text = body if payload is None else json.dumps(payload)
    data = None if text is None else text.encode()
    request = urllib.request.Request(url, data=data, headers={"Accept-Encoding": "gzip"})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
            status, raw, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:  # an answer all the same: 4xx or 5xx
        status, raw, headers = error.code, error.read(), error.headers
    except (OSError, http.client.HTTPException) as error:  # refused, reset, cut short
        return Exchange(label, 0, 0, time.perf_counter() - started, error=repr(error))
    seconds = time.perf_counter() - started
    content = gzip.decompress(raw) if headers.get("Content-Encoding") == "gzip" else raw
    content_type = headers.get("Content-Type", "")
    return Exchange(label, status, len(raw), seconds, content, content_type=content_type)


def _layout_props(node, props: dict, types: dict) -> None:
    """Collect the props and type of every component with an id in a `/_dash-layout` tree."""
    if isinstance(node, list):
        for child in node:
            _layout_props(child, props, types)
        return
    if not isinstance(node, dict):
        return
    own = node.get("props") or {}
    if isinstance(own.get("id"), str | dict):
        component = component_key(own["id"])
        types[component] = node.get("type")
        for prop, value in own.items():
            if prop != "children" or not isinstance(value, dict | list):
                props[f"{component}.{prop}"] = value
    for value in own.values():
        if isinstance(value, dict | list):
            _layout_props(value, props, types)


class DashTab:
    """One browser tab of a Dash app. Callbacks with wildcard ids (MATCH, ALL) are left out:
    the benches never trigger them."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.props: dict = {}
        self.types: dict = {}
        self.specs: list[dict] = []  # every server callback of the app
        self.callbacks: list[dict] = []  # those whose outputs are in the layout now

    def open(self, query: str = "") -> list[Exchange]:
        """Load the page, its layout and dependencies, then run the initial callbacks."""
        exchanges = [
            fetch(self.base_url + "/" + query, "GET /"),
            fetch(self.base_url + "/_dash-layout", "GET _dash-layout"),
            fetch(self.base_url + "/_dash-dependencies", "GET _dash-dependencies"),
        ]
        if not all(exchange.ok for exchange in exchanges):
            return exchanges
        self.props, self.types = {}, {}
        _layout_props(json.loads(exchanges[1].body), self.props, self.types)
        self.specs = [
            {**spec, "outputs_list": outputs_of(spec)}
            for spec in json.loads(exchanges[2].body)
            if not spec.get("clientside_function")
        ]
        self._find_callbacks()
        # dcc.Location reports the address on mount: the first callbacks see it changed.
        mounted = {}
        for component in (name for name, kind in self.types.items() if kind == "Location"):
            mounted |= {f"{component}.pathname": "/", f"{component}.search": query}
            mounted[f"{component}.href"] = f"{self.base_url}/{query}"
        self.props |= mounted
        initial = [spec for spec in self.callbacks if not spec.get("prevent_initial_call")]

        def waits(spec: dict) -> bool:
            """Whether another initial callback outputs one of its inputs (it runs after)."""
            inputs = {prop_id(ref) for ref in spec["inputs"]}
            return any(inputs & set(other["outputs_list"]) for other in initial if other != spec)

        first = [spec for spec in initial if not waits(spec)]
        return exchanges + self._run(first, set(mounted), fire_left=initial)

    def change(self, prop: str, value) -> list[Exchange]:
        """Set one property as a user would (a dropdown value, a map click) and follow it."""
        self.props[prop] = value
        triggered = [
            spec for spec in self.callbacks if any(prop_id(i) == prop for i in spec["inputs"])
        ]
        return self._run(triggered, {prop})

    def _payload(self, spec: dict, changed: set[str]) -> dict:
        ids = [prop_id(ref) for ref in spec["inputs"] if prop_id(ref) in changed]
        return request_for(spec, self.props, ids)

    def _find_callbacks(self) -> None:
        """The renderer runs no callback whose outputs are missing from the layout."""
        self.callbacks = [
            spec
            for spec in self.specs
            if all(prop.rsplit(".", 1)[0] in self.types for prop in spec["outputs_list"])
        ]

    def _post(self, spec: dict, changed: set[str]) -> tuple[Exchange, set[str], set[str]]:
        """POST one callback; returns the exchange, the props it set and the props of the
        components it added to the layout (a slot's new children)."""
        exchange = fetch(self.base_url + UPDATE_PATH, spec["output"], self._payload(spec, changed))
        updated, added = set(), {}
        if exchange.status == 200 and exchange.body:
            for component, values in json.loads(exchange.body).get("response", {}).items():
                for prop, value in values.items():
                    self.props[f"{component}.{prop}"] = value
                    updated.add(f"{component}.{prop}")
                    if prop == "children" and isinstance(value, dict | list):
                        _layout_props(value, added, self.types)
        self.props |= added
        return exchange, updated, set(added)

    def _run(self, specs: list[dict], changed: set[str], fire_left=()) -> list[Exchange]:
        """Fire `specs` in parallel, then whatever their outputs trigger, round after round."""
        exchanges: list[Exchange] = []
        fired: set[str] = set()
        for _ in range(MAX_ROUNDS):
            if not specs:
                break
            with ThreadPoolExecutor(max_workers=len(specs)) as pool:
                results = list(pool.map(self._post, specs, [changed] * len(specs)))
            fired |= {spec["output"] for spec in specs}
            exchanges += [exchange for exchange, _, _ in results]
            changed = set().union(*(updated for _, updated, _ in results))
            added = set().union(*(new for _, _, new in results))
            if added:
                self._find_callbacks()
            # Components added to the layout fire the callbacks that read them, as on load.
            specs = [
                candidate
                for candidate in self.callbacks
                if any(
                    prop_id(ref) in changed - set(candidate["outputs_list"])
                    or (prop_id(ref) in added and not candidate.get("prevent_initial_call"))
                    for ref in candidate["inputs"]
                )
            ]
            changed |= added
        # An initial callback whose inputs never changed still runs once, as in the renderer.
        left = [spec for spec in fire_left if spec["output"] not in fired]
        if left:
            exchanges += self._run(left, set())
        return exchanges


def machine_note() -> str:
    """Timings here are shared with whatever else the machine runs: say how busy it was."""
    one, five, _ = os.getloadavg()
    return f"machine: load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def percentile(values: list[float], share: float) -> float:
    """The `share` (0-1) percentile of `values`, interpolated between the nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def seconds(action) -> float:
    """Wall seconds one call of `action` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
