"""Hostile clients against the production server (`make serve`) on loopback; bounded.

1. Slow clients: 8 connections that send part of a request, then one byte every few seconds
   (half stall inside the headers, half inside a POST body), reopened whenever the server drops
   them, held for 45 s while a normal page load (the page, its layout, its dependencies and the
   initial callbacks) is timed every second.
2. Junk: 300 callback requests built from the app's own `/_dash-dependencies` and
   `/_dash-layout`, every input and state replaced by distinct 100 kB junk (thousands of query
   keys, newlines, a forged log line), with the memory (RSS) of all the server's processes and
   the size of its log before and after, the statuses and the largest response.

`--server gunicorn` runs the README's plain `gunicorn -w 2` instead, `--server gthread` the same
with threads (the alternatives `make serve` was measured against).
Run: `.venv/bin/python bench/hostile.py [--server serve|gunicorn|gthread]`.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import socket
import threading
import time
from collections import Counter
from pathlib import Path

from _servers import (
    HOST,
    DashTab,
    Server,
    fetch,
    gunicorn_command,
    machine_note,
    percentile,
    started,
)

from tests.support.dash_wire import UPDATE_PATH, component_key, request_for

SLOW_CONNECTIONS = 8
HOLD_S = 45  # beyond gunicorn's 30 s worker timeout
TRICKLE_S = 5
PAGE_EVERY_S = 1.0
JUNK_REQUESTS = 300
JUNK_BYTES = 100_000
FORGED_LINE = '\n127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET /admin HTTP/1.1" 200 0\n'
TARGETS = {"page_max_s": 2.0, "memory_mb": 50, "log_kb": 300, "largest_kb": 1024}


def serve_command(port: int) -> list[str]:
    return ["make", "--no-print-directory", "serve", f"PORT={port}"]


def gthread_command(port: int) -> list[str]:
    return [*gunicorn_command(port), "-k", "gthread", "--threads", "4"]


SERVERS = {"serve": serve_command, "gunicorn": gunicorn_command, "gthread": gthread_command}


def slow_client(port: int, in_body: bool, stop: threading.Event, drops: Counter) -> None:
    """One stalled client: part of a request, then a byte every TRICKLE_S; reconnects."""
    if in_body:
        start = (
            f"POST {UPDATE_PATH} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n{"
        )
    else:
        start = f"GET / HTTP/1.1\r\nHost: {HOST}\r\nX-Slow: "
    while not stop.is_set():
        try:
            with socket.create_connection((HOST, port), timeout=TRICKLE_S + 1) as connection:
                connection.sendall(start.encode())
                while not stop.wait(TRICKLE_S):
                    connection.sendall(b"a")
                return
        except OSError:
            drops["in_body" if in_body else "in_headers"] += 1
            stop.wait(0.2)


def slow_clients_phase(server: Server) -> list[float]:
    """Seconds of each page load (inf when one failed) while the slow clients are held."""
    port = int(server.url.rsplit(":", 1)[1])
    stop, drops = threading.Event(), Counter()
    clients = [
        threading.Thread(target=slow_client, args=(port, i % 2 == 1, stop, drops))
        for i in range(SLOW_CONNECTIONS)
    ]
    for client in clients:
        client.start()
    time.sleep(1)
    loads, failed, ends = [], 0, time.monotonic() + HOLD_S
    while time.monotonic() < ends:
        began = time.perf_counter()
        exchanges = DashTab(server.url).open()
        ok = all(exchange.ok for exchange in exchanges)
        failed += not ok
        loads.append(time.perf_counter() - began if ok else float("inf"))
        time.sleep(max(0.0, PAGE_EVERY_S - (time.perf_counter() - began)))
    stop.set()
    for client in clients:
        client.join()
    finite = [s for s in loads if s != float("inf")]
    print(
        f"slow clients: {SLOW_CONNECTIONS} held for {HOLD_S} s (dropped by the server and "
        f"reopened: {drops['in_headers']} in headers, {drops['in_body']} in bodies)"
    )
    print(
        f"  page loads: {len(loads)}, failed {failed}; median {percentile(finite, 0.5):.2f} s, "
        f"p95 {percentile(finite, 0.95):.2f} s, max {max(loads):.2f} s"
    )
    return loads


def concrete_id(registered: str, layout_ids: list[dict]):
    """A registered id as a browser sends it: dict ids (wildcards) matched to the layout."""
    if not registered.startswith("{"):
        return registered
    pattern = json.loads(registered)
    for candidate in layout_ids:
        if candidate.keys() == pattern.keys() and all(
            isinstance(value, list) or candidate[key] == value for key, value in pattern.items()
        ):
            return candidate
    return {key: "junk" if isinstance(value, list) else value for key, value in pattern.items()}


def junk(rng: random.Random) -> str:
    """About JUNK_BYTES of distinct text: a query of unknown keys with a forged log line."""
    keys = base64.b32encode(rng.randbytes(JUNK_BYTES // 2)).decode().lower()
    query = "&".join(keys[i : i + 6] + "=" for i in range(0, len(keys), 6))
    return ("?" + query + FORGED_LINE + query)[:JUNK_BYTES]


def junk_requests(url: str) -> list[dict]:
    """JUNK_REQUESTS callback bodies, cycling through every server-side callback."""
    tab = DashTab(url)
    tab.open()
    layout_ids = [json.loads(key.rsplit(".", 1)[0]) for key in tab.props if key.startswith("{")]
    specs = [
        spec
        for spec in json.loads(fetch(url + "/_dash-dependencies", "deps").body)
        if not spec.get("clientside_function")
    ]
    rng = random.Random(13)
    bodies = []
    for number in range(JUNK_REQUESTS):
        spec = specs[number % len(specs)]
        refs = [
            {"id": concrete_id(ref["id"], layout_ids), "property": ref["property"]}
            for ref in spec["inputs"] + spec["state"]
        ]
        values = {f"{component_key(ref['id'])}.{ref['property']}": junk(rng) for ref in refs}
        spec = {**spec, "inputs": refs[: len(spec["inputs"])], "state": refs[len(spec["inputs"]) :]}
        bodies.append(request_for(spec, values, [next(iter(values))]))
    return bodies


def process_tree_rss_mb(root_pid: int) -> float:
    """Resident memory of `root_pid` and all its descendants, in MB."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root_pid}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total_kb = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total_kb += next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
    return total_kb / 1024


def junk_phase(server: Server) -> dict:
    bodies = junk_requests(server.url)
    time.sleep(2)
    memory_before = process_tree_rss_mb(server.process.pid)
    log_before = server.log_path.stat().st_size
    statuses, largest, sent = Counter(), 0, 0
    for body in bodies:
        exchange = fetch(server.url + UPDATE_PATH, body["output"], body)
        statuses[exchange.status] += 1
        largest = max(largest, len(exchange.body))
        sent += len(json.dumps(body))
    time.sleep(2)
    figures = {
        "memory_mb": process_tree_rss_mb(server.process.pid) - memory_before,
        "log_kb": (server.log_path.stat().st_size - log_before) / 1024,
        "largest_kb": largest / 1024,
        "http_5xx": sum(count for status, count in statuses.items() if status >= 500),
    }
    print(
        f"junk: {len(bodies)} callback requests, {sent / 1e6:.1f} MB sent; statuses "
        f"{dict(sorted(statuses.items()))}; largest response {figures['largest_kb']:.1f} kB"
    )
    print(
        f"  server memory {memory_before:.0f} -> {memory_before + figures['memory_mb']:.0f} MB "
        f"({figures['memory_mb']:+.1f} MB); log +{figures['log_kb']:.1f} kB"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=SERVERS, default="serve")
    args = parser.parse_args()
    print(machine_note())
    with started(SERVERS[args.server], args.server) as server:
        print(f"server: {args.server} at {server.url}, log {server.log_path}")
        loads = slow_clients_phase(server)
        figures = junk_phase(server)
    print(machine_note())
    figures["page_max_s"] = max(loads)
    met = [name for name, limit in TARGETS.items() if figures[name] < limit]
    met += ["http_5xx"] if figures["http_5xx"] == 0 else []
    print(
        f"hostile: server={args.server} page_max_s={figures['page_max_s']:.2f} "
        f"memory_mb={figures['memory_mb']:+.1f} log_kb={figures['log_kb']:.1f} "
        f"largest_kb={figures['largest_kb']:.1f} http_5xx={figures['http_5xx']} "
        f"targets_met={len(met)}/{len(TARGETS) + 1}"
    )


if __name__ == "__main__":
    main()
