"""Concurrent users against the dashboard under gunicorn, replaying what a browser sends.

First, what a browser tab sends for each action is recorded in headless Chromium against the
server under test (bench/_flows.py: every request to the app but its cached scripts and styles,
POST bodies included, in the waves the tab sent them). Then each simulated user (a thread)
visits the site: opens a page (one of `_flows.OPEN_PAGES`: the page's GET, `_dash-layout`,
`_dash-dependencies`, Dash Pages' routing callback and the page's callbacks), then, with a pause
between actions, changes the map's indicator, clicks a council on the map (the clicked store,
the view callback, the routing callback, the paint's GET and the selected council's line),
opens a council's page, or now and then downloads an export (`GET /export/<chart>.<fmt>?<view>`).
A click or a council page asks for a random council of the 2019 vintage. Each request class is
timed per request (p50/p95/p99) and per action (the user's wait, all its waves).

Servers (all with 2 workers):
- default: gunicorn with `make serve`'s settings file (deploy/gunicorn.conf.py: 4 threads a
  worker, the cache warmed before the workers fork), no nginx, an in-process cache per worker;
- `--plain`: plain `gunicorn -w 2 app:server` (sync workers, cold cache), as issue 25 measured;
- `--redis`: two instances behind `make serve`'s nginx sharing one throwaway Redis that stops
  for OUTAGE_S seconds mid-run: no request may fail;
- `--faults`: `make serve` itself (deploy/serve.py: nginx in front of gunicorn); one gunicorn
  worker is SIGKILLed every KILL_EVERY_S seconds: no page load and no GET may fail; failed POSTs
  are counted apart, with their reasons;
- `--soak SECONDS`: `make serve` for that long; each minute, every worker's resident memory
  (from /proc), its growth since the worker's first minute, the errors and the load average.
Run: `.venv/bin/python bench/load.py [--seconds 60] [--users 50] [--plain | --redis | --faults
| --soak 1200]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from _flows import Flows, record
from _servers import (
    PYTHON,
    Exchange,
    deploy_gunicorn_command,
    fetch,
    gunicorn_command,
    machine_note,
    percentile,
    started,
)

from tests.support.gunicorn_workers import cpu_seconds, process_tree, resident_mb, workers
from tests.support.redis_server import RedisServer, redis_server

SECONDS = 60
USERS = 50
WORKERS = 2
MAX_REQUESTS = 500_000
ACTIONS_PER_VISIT = (3, 8)
PAUSE_S = (0.5, 2.0)  # a person reads the page between actions
EXPORT_SHARE = 0.05
CLICK_SHARE = 0.30
COUNCIL_PAGE_SHARE = 0.10
CHARTS = ("map", "pathfinder", "coterminous")
FORMATS = ("png", "svg", "pdf")
EXPORT_VIEWS = ("?v=2019&c=pathfinder", "?v=2019&c=coterminosity", "?c=indicator")
EXPORT_PROBE = "/export/map.svg?v=2019&c=pathfinder"
VINTAGE = "2019"
TARGET_P95_S = 0.3
OUTAGE_S = 15
KILL_EVERY_S = 30
SOAK_MINUTE_S = 60
SOAK_TARGET_MB = 50
UNAVAILABLE = "export unavailable"
EXPORT_BUSY = "export busy"
OPEN_PAGE, COUNCIL_PAGE = "open page", "open council page"


class Recorder:
    """Every request's class, outcome and seconds, and every action's seconds; says when the
    run is over."""

    def __init__(self, max_requests: int, deadline: float):
        self.max_requests = max_requests
        self.deadline = deadline
        self.started = time.monotonic()
        self.results: dict[str, list[Exchange]] = defaultdict(list)
        self.actions: dict[str, list[float]] = defaultdict(list)
        self.failed_loads: list[Exchange] = []  # the first failed GET of each page opened
        self.count = 0
        self._lock = threading.Lock()

    def add(self, kind: str, exchanges: list[Exchange], seconds: float) -> None:
        with self._lock:
            # Bodies are read and dropped: a soak keeps tens of thousands of exchanges.
            self.results[kind] += [replace(e, body=b"") for e in exchanges]
            self.actions[kind].append(seconds)
            self.count += len(exchanges)
            broken = [e for e in exchanges if not e.ok and not e.label.startswith("POST")]
            if kind in (OPEN_PAGE, COUNCIL_PAGE) and broken:
                self.failed_loads.append(broken[0])

    def done(self) -> bool:
        return self.count >= self.max_requests or time.monotonic() >= self.deadline

    def errors(self) -> list[Exchange]:
        with self._lock:
            return [e for kind, found in self.results.items() for e in found if failed(kind, e)]

    def report(self) -> None:
        print(
            f"{'class':<18}{'actions':>8}{'requests':>9}{'errors':>7}{'p50 ms':>8}{'p95 ms':>8}"
            f"{'p99 ms':>8}{'action p95':>11}"
        )
        everything = [e for exchanges in self.results.values() for e in exchanges]
        for kind, exchanges in [*sorted(self.results.items()), ("overall", everything)]:
            seconds = [e.seconds for e in exchanges]
            actions = self.actions.get(kind) or [s for a in self.actions.values() for s in a]
            errors = sum(failed(kind, e) for e in exchanges) if kind != "overall" else None
            print(
                f"{kind:<18}{len(actions):>8}{len(exchanges):>9}"
                f"{errors if errors is not None else len(self.errors()):>7}"
                + "".join(f"{percentile(seconds, s) * 1000:>8.0f}" for s in (0.5, 0.95, 0.99))
                + f"{percentile(actions, 0.95) * 1000:>11.0f}"
            )
        for kind, exchanges in sorted(self.results.items()):
            for example in [e for e in exchanges if failed(kind, e)][:3]:
                print(f"  {kind} error: {reason(example)} {example.label[:60]}")
        slow = {
            kind: percentile([e.seconds for e in exchanges], 0.95) / TARGET_P95_S
            for kind, exchanges in self.results.items()
            if kind not in (UNAVAILABLE, EXPORT_BUSY)
        }
        elapsed = time.monotonic() - self.started
        print(
            f"{len(everything) / elapsed:.1f} requests/s over {elapsed:.0f} s (in-flight included)"
        )
        over = ",".join(f"{kind} x{ratio:.2f}" for kind, ratio in sorted(slow.items()) if ratio > 1)
        print(
            f"load: requests={len(everything)} errors={len(self.errors())} "
            f"p95/target({TARGET_P95_S * 1000:.0f} ms) worst={max(slow.values()):.2f} "
            f"over={over or 'none'}"
        )

    def report_faults(self, kills: list[int]) -> None:
        """Failed page loads, GETs and POSTs apart, with their reasons."""
        errors = self.errors()
        gets = [e for e in errors if not e.label.startswith("POST")]
        posts = [e for e in errors if e.label.startswith("POST")]
        for name, found in (("GET", gets), ("POST", posts), ("page load", self.failed_loads)):
            reasons: dict[str, int] = defaultdict(int)
            for exchange in found:
                reasons[reason(exchange)] += 1
            for why, count in sorted(reasons.items(), key=lambda item: -item[1]):
                print(f"  failed {name}: {count} x {why}")
        print(
            f"faults: workers killed={len(kills)} failed page loads={len(self.failed_loads)} "
            f"failed GETs={len(gets)} failed POSTs={len(posts)} (target: 0 page loads, 0 GETs)"
        )


def failed(kind: str, exchange: Exchange) -> bool:
    return kind not in (UNAVAILABLE, EXPORT_BUSY) and not exchange.ok


def reason(exchange: Exchange) -> str:
    return exchange.error or f"HTTP {exchange.status}"


def export_kind(answer: Exchange) -> str:
    """`export`; UNAVAILABLE for the app's readable page saying the chart cannot be drawn for
    the view (a random user asks for it; the page disables that link); EXPORT_BUSY for the
    renderer's refusal when too many exports wait (503 with Retry-After, by design)."""
    if answer.status == 404 and answer.content_type.startswith("text/html"):
        return UNAVAILABLE
    return EXPORT_BUSY if answer.status == 503 else "export"


def timed(record: Recorder, kind: str, action: Callable[[], list[Exchange]]) -> None:
    start = time.perf_counter()
    exchanges = action()
    record.add(kind, exchanges, time.perf_counter() - start)


def user(url: str, flows: Flows, councils: list[str], exports: bool, record: Recorder) -> None:
    """One person: visits of a few actions each until the run ends."""
    rng = random.Random()
    while not record.done():
        timed(record, OPEN_PAGE, partial(rng.choice(flows.opens).replay, url))
        for _ in range(rng.randint(*ACTIONS_PER_VISIT)):
            time.sleep(rng.uniform(*PAUSE_S))
            if record.done():
                return
            roll, code = rng.random(), rng.choice(councils)
            if exports and roll < EXPORT_SHARE:
                path = f"/export/{rng.choice(CHARTS)}.{rng.choice(FORMATS)}"
                start = time.perf_counter()
                answer = fetch(url + path + rng.choice(EXPORT_VIEWS), f"GET {path}")
                record.add(export_kind(answer), [answer], time.perf_counter() - start)
            elif roll < EXPORT_SHARE + CLICK_SHARE:
                timed(record, "click council", partial(rng.choice(flows.clicks).replay, url, code))
            elif roll < EXPORT_SHARE + CLICK_SHARE + COUNCIL_PAGE_SHARE:
                timed(record, COUNCIL_PAGE, partial(flows.council_page.replay, url, code))
            else:
                timed(record, "indicator", partial(rng.choice(flows.indicators).replay, url))


def warm_up(url: str) -> tuple[Flows, list[str], bool]:
    """Record the browser's flows (which also warms both workers); return them, the council
    codes of VINTAGE and whether the export routes exist."""
    flows = record(url)
    print(flows.summary())
    outlines = [
        sent.path
        for wave in flows.opens[0].waves
        for sent in wave
        if sent.path.startswith("/map/outlines/") and VINTAGE in sent.path
    ]
    if not outlines:
        raise SystemExit(f"the map page asked for no outlines of {VINTAGE}")
    features = json.loads(fetch(url + outlines[0], "outlines").body)["features"]
    councils = [feature["properties"]["la_code"] for feature in features]
    probe = fetch(url + EXPORT_PROBE, "export probe")
    exports = probe.ok and not probe.content_type.startswith("text/html")
    if not exports:
        print(f"note: no export route ({EXPORT_PROBE} -> {probe.status} {probe.content_type})")
    return flows, councils, exports


class CpuUse:
    """The CPUs used from its start to `report`: the whole machine's share busy, the server's
    processes (`top` and all below it) and this load client's own threads."""

    def __init__(self, top: int):
        self.top = top
        self.start = self._now()

    def _now(self) -> tuple[float, float, float, float, float]:
        """(wall s, machine busy s, machine total s, server CPU s, client CPU s)."""
        ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = ticks[3] + ticks[4]  # idle and waiting for I/O
        clock = os.sysconf("SC_CLK_TCK")
        server = sum(cpu_seconds(pid) for pid in process_tree(self.top))
        client = sum(os.times()[:2])
        return time.monotonic(), (sum(ticks) - idle) / clock, sum(ticks) / clock, server, client

    def report(self) -> None:
        wall, busy, total, server, client = (
            end - start for end, start in zip(self._now(), self.start, strict=True)
        )
        print(
            f"CPU during the run: the machine {busy / total:.0%} busy ({os.cpu_count()} CPUs); "
            f"the server's processes used {server / wall:.2f} CPUs, this load client "
            f"{client / wall:.2f}"
        )


def run_users(url: str, args: argparse.Namespace, against: str, top: int, alongside=()) -> Recorder:
    """Record the flows, then run the users with the threads `alongside(record)` returns
    (started with them, waited for at the end); print the CPUs used meanwhile by the server
    (`top` and the processes below it) and by this client."""
    flows, councils, exports = warm_up(url)
    seconds = args.soak or args.seconds
    print(
        f"{args.users} users for {seconds:.0f} s against {against}; "
        f"{len(councils)} councils of {VINTAGE}",
        flush=True,
    )
    record = Recorder(args.max_requests, time.monotonic() + seconds)
    threads = [
        threading.Thread(target=user, args=(url, flows, councils, exports, record))
        for _ in range(args.users)
    ]
    threads += [make(record) for make in alongside]
    cpu = CpuUse(top)
    for thread in threads:
        thread.start()
    for thread in threads:
        # A request in flight at the deadline may take up to fetch's own timeout to end.
        thread.join()
    cpu.report()
    return record


def redis_outage(redis: RedisServer, after_s: float, record: Recorder) -> threading.Thread:
    """A thread that stops Redis `after_s` after it starts, for OUTAGE_S, then starts it
    again (empty)."""

    def outage() -> None:
        time.sleep(after_s)
        redis.stop()
        print(f"redis stopped for {OUTAGE_S} s", flush=True)
        time.sleep(OUTAGE_S)
        redis.start()
        print("redis started again", flush=True)

    return threading.Thread(target=outage)


def killer(top: int, kills: list[int], record: Recorder) -> threading.Thread:
    """A thread that SIGKILLs a random gunicorn worker under `top` every KILL_EVERY_S."""

    def kill() -> None:
        rng = random.Random()
        while not record.done():
            time.sleep(min(KILL_EVERY_S, max(0.0, record.deadline - time.monotonic())))
            alive = workers(top)
            if record.done() or not alive:
                return
            victim = rng.choice(alive)
            os.kill(victim, signal.SIGKILL)
            kills.append(victim)
            print(f"killed worker {victim} (SIGKILL); workers were {alive}", flush=True)

    return threading.Thread(target=kill)


def soak_monitor(top: int, record: Recorder) -> threading.Thread:
    """A thread printing, each minute, every worker's resident memory and its growth since that
    worker's first minute, the errors of the minute and the load average."""

    def monitor() -> None:
        first: dict[int, float] = {}
        errors_before, minute = 0, 0
        while not record.done():
            time.sleep(min(SOAK_MINUTE_S, max(0.0, record.deadline - time.monotonic())))
            minute += 1
            sizes = {pid: resident_mb(pid) for pid in workers(top)}
            parts = []
            for pid, size in sorted(sizes.items()):
                if size is None:
                    continue
                first.setdefault(pid, size)
                parts.append(f"{pid} {size:.0f} MB ({size - first[pid]:+.0f})")
            errors = len(record.errors())
            print(
                f"minute {minute}: requests={record.count} errors={errors - errors_before} "
                f"load={os.getloadavg()[0]:.1f} workers: {'; '.join(parts)}",
                flush=True,
            )
            errors_before = errors
        growth = [resident_mb(pid) or 0 for pid in first]
        worst = max((size - first[pid] for pid, size in zip(first, growth, strict=True)), default=0)
        print(
            f"soak: minutes={minute} workers={len(first)} errors={len(record.errors())} "
            f"largest growth={worst:.0f} MB (target < {SOAK_TARGET_MB} MB, "
            f"ratio {worst / SOAK_TARGET_MB:.2f})",
            flush=True,
        )

    return threading.Thread(target=monitor)


def serve_command(port: int, instances: int = 1) -> list[str]:
    """`make serve`: deploy/serve.py, nginx in front of `instances` gunicorn instances."""
    return [PYTHON, "deploy/serve.py", "--port", str(port), "--instances", str(instances)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--plain",
        action="store_true",
        help="plain gunicorn -w 2 app:server (sync workers, cold cache) instead of make serve's "
        "gunicorn settings",
    )
    mode.add_argument(
        "--redis",
        action="store_true",
        help="two instances behind make serve's nginx and one Redis, which stops mid-run",
    )
    mode.add_argument(
        "--faults",
        action="store_true",
        help=f"make serve, one gunicorn worker SIGKILLed every {KILL_EVERY_S} s",
    )
    mode.add_argument(
        "--soak", type=float, metavar="SECONDS", help="make serve for SECONDS, memory per minute"
    )
    args = parser.parse_args()
    if args.soak is not None and args.soak < SOAK_MINUTE_S:
        parser.error(f"--soak needs at least {SOAK_MINUTE_S} seconds (one minute's figures)")
    print(machine_note())
    kills: list[int] = []
    if args.redis:
        with (
            redis_server() as redis,
            started(
                partial(serve_command, instances=2), "two", env={"TRUSTMAP_REDIS_URL": redis.url}
            ) as server,
        ):
            record = run_users(
                server.url,
                args,
                "two instances behind nginx, one Redis",
                server.process.pid,
                alongside=[partial(redis_outage, redis, (args.seconds - OUTAGE_S) / 2)],
            )
            down = server.log_path.read_text().count("Redis cache not answering")
        print(f"workers that logged the outage: {down} (one line each)")
    elif args.faults or args.soak:
        with started(serve_command, "serve") as server:
            top = server.process.pid
            alongside = (
                [partial(killer, top, kills)] if args.faults else [partial(soak_monitor, top)]
            )
            record = run_users(server.url, args, "make serve (nginx, gunicorn)", top, alongside)
    else:
        command, name = (
            (gunicorn_command, "plain gunicorn")
            if args.plain
            else (deploy_gunicorn_command, "gunicorn with deploy/gunicorn.conf.py")
        )
        with started(partial(command, workers=args.workers), "gunicorn") as server:
            record = run_users(server.url, args, f"{name} -w {args.workers}", server.process.pid)
    print(machine_note())
    record.report()
    if args.faults:
        record.report_faults(kills)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
