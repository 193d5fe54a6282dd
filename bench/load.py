"""Concurrent users against the app under gunicorn (2 workers) on loopback.

Each simulated user (a thread with its own `DashTab`) opens the page (GET /, _dash-layout,
_dash-dependencies and the initial callbacks, then, as the browser does once the map has drawn,
the callbacks that build the sections below it and theirs), then, with a pause between actions,
changes the indicator, clicks a random council of the 2019 vintage (the POSTs a map click
triggers), and now and then downloads an export (`GET /export/<chart>.<fmt>?<view>`, skipped
with a note when the app has no such route). After each, the map's paint is fetched when the
view's changed as `assets/trustmap_map.js` does (`GET /map/paint.json?...`, counted with the
action). Sections below the map stay off screen: their clientside keys never pass on, so the
comparisons and charts do not fire. Everything stops at --seconds or after --max-requests requests.
The server is gunicorn -w 2 with `make serve`'s settings file (deploy/gunicorn.conf.py: 4
threads a worker, the cache warmed before the workers start), no nginx and an in-process cache
per worker; `--plain` runs plain
`gunicorn -w 2 app:server` (sync workers, cold cache), as the issue measured it.
`--redis` runs two instances (gunicorn -w 2 each) behind `make serve`'s nginx, sharing one
Redis (a throwaway `redis-server` on a free loopback port) that stops for OUTAGE_S seconds in
the middle of the run: no request may fail.
Run: `.venv/bin/python bench/load.py [--seconds 60] [--users 50] [--plain | --redis]`.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
from collections import defaultdict
from functools import partial
from urllib.parse import urlencode

from _servers import (
    PYTHON,
    DashTab,
    Exchange,
    deploy_gunicorn_command,
    fetch,
    gunicorn_command,
    layout_options,
    machine_note,
    percentile,
    serve,
    started,
)

from tests.support.redis_server import RedisServer, redis_server

SECONDS = 60
USERS = 50
WORKERS = 2
MAX_REQUESTS = 50_000
ACTIONS_PER_VISIT = (3, 8)
PAUSE_S = (0.5, 2.0)  # a person reads the map between actions
EXPORT_SHARE = 0.05
CLICK_SHARE = 0.35
CHARTS = ("map", "pathfinder", "coterminous")
FORMATS = ("png", "svg", "pdf")
EXPORT_PROBE = "/export/map.svg?v=2019&c=pathfinder"
START_QUERIES = ("", "?c=indicator", "?v=2019&c=coterminosity")
MAP_PAINTED = "map-painted.data"  # set in the browser once the map has drawn its councils
CLICK = "map-fill.clickData"
VINTAGE = "2019"
TARGET_P95_S = 0.3
WARM_UP_VISITS = 4
OUTAGE_S = 15
UNAVAILABLE = "export unavailable"


class Recorder:
    """Every request's kind, outcome and seconds; says when the request budget is spent."""

    def __init__(self, max_requests: int, deadline: float):
        self.max_requests = max_requests
        self.deadline = deadline
        self.started = time.monotonic()
        self.results: dict[str, list[Exchange]] = defaultdict(list)
        self.count = 0
        self._lock = threading.Lock()

    def add(self, kind: str, exchanges: list[Exchange]) -> None:
        with self._lock:
            self.results[kind] += exchanges
            self.count += len(exchanges)

    def done(self) -> bool:
        return self.count >= self.max_requests or time.monotonic() >= self.deadline

    def report(self) -> None:
        print(f"{'kind':<16}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
        everything = [e for exchanges in self.results.values() for e in exchanges]
        errors = {kind: sum(failed(kind, e) for e in found) for kind, found in self.results.items()}
        errors["overall"] = sum(errors.values())
        for kind, exchanges in [*sorted(self.results.items()), ("overall", everything)]:
            seconds = [e.seconds for e in exchanges]
            print(
                f"{kind:<16}{len(exchanges):>9}{errors[kind]:>8}"
                + "".join(
                    f"{percentile(seconds, share) * 1000:>9.0f}" for share in (0.5, 0.95, 0.99)
                )
            )
        for kind, exchanges in sorted(self.results.items()):
            for example in [e for e in exchanges if failed(kind, e)][:3]:
                print(
                    f"  {kind} error: {example.status} {example.error or ''} {example.label[:80]}"
                )
        slow = [
            kind
            for kind, exchanges in self.results.items()
            if not kind.startswith("export")
            and percentile([e.seconds for e in exchanges], 0.95) > TARGET_P95_S
        ]
        elapsed = time.monotonic() - self.started
        print(
            f"{len(everything) / elapsed:.1f} requests/s over {elapsed:.0f} s (in-flight included)"
        )
        print(
            f"load: requests={len(everything)} errors={errors['overall']} "
            f"p95_over_{TARGET_P95_S * 1000:.0f}ms={','.join(sorted(slow)) or 'none'}"
        )


def failed(kind: str, exchange: Exchange) -> bool:
    return kind != UNAVAILABLE and not exchange.ok


def export_kind(answer: Exchange) -> str:
    """`export`, or UNAVAILABLE for the app's readable page saying the chart cannot be
    drawn for the view (a random user asks for it; the page disables that link)."""
    unavailable = answer.status == 404 and answer.content_type.startswith("text/html")
    return UNAVAILABLE if unavailable else "export"


def user(url: str, councils: list[str], indicators: list[str], exports: bool, record: Recorder):
    """One person: visits of a few actions each until the run ends."""
    rng = random.Random()
    while not record.done():
        tab = DashTab(url)
        opened = tab.open(rng.choice(START_QUERIES))
        record.add("open page", [e for e in opened if e.label.startswith("GET")])
        if not all(e.ok for e in opened[:3]):
            record.add("open callbacks", opened[3:])
            continue
        opened = opened[3:] + repaint(tab) + tab.change(MAP_PAINTED, True)
        record.add("open callbacks", opened)
        for _ in range(rng.randint(*ACTIONS_PER_VISIT)):
            time.sleep(rng.uniform(*PAUSE_S))
            if record.done():
                return
            roll = rng.random()
            if exports and roll < EXPORT_SHARE:
                path = f"/export/{rng.choice(CHARTS)}.{rng.choice(FORMATS)}"
                answer = fetch(url + path + (tab.props.get("url.search") or ""), path)
                record.add(export_kind(answer), [answer])
            elif roll < EXPORT_SHARE + CLICK_SHARE:
                click = {"properties": {"la_code": rng.choice(councils)}}
                record.add("click council", tab.change(CLICK, click) + repaint(tab))
            else:
                changed = tab.change("indicator.value", rng.choice(indicators))
                record.add("indicator", changed + repaint(tab))


def repaint(tab: DashTab) -> list[Exchange]:
    """The paint's GET when the view differs from what the map shows (assets/trustmap_map.js's
    `paint`: same fields, same query, the build key first)."""
    config, view = tab.props.get("map-config.data"), tab.props.get("view.data")
    drawn = tab.props.get("map-drawn.data") or {}
    if not isinstance(config, dict) or not isinstance(view, dict):
        return []
    query = urlencode(
        [(name, view[name]) for name in config["fields"] if view.get(name) is not None]
    )
    if query == drawn.get("query"):
        return []
    tab.props["map-drawn.data"] = drawn | {"query": query}
    path = f"{config['paint']}?{urlencode({'b': config['build']})}&{query}"
    return [fetch(tab.base_url + path, "GET paint")]


def warm_up(url: str) -> tuple[list[str], list[str], bool]:
    """Visit the app a few times (both workers load the data); return the 2019 council codes,
    the indicator ids and whether the export routes exist."""
    for _ in range(WARM_UP_VISITS):
        tab = DashTab(url)
        tab.open(f"?v={VINTAGE}")
    outlines = (tab.props.get("map-config.data") or {}).get("outlines", {})
    councils = []
    if VINTAGE in outlines:
        features = json.loads(fetch(url + outlines[VINTAGE], "outlines").body)["features"]
        councils = [feature["properties"]["la_code"] for feature in features]
    indicators = layout_options(tab, "indicator.options")
    probe = fetch(url + EXPORT_PROBE, "export probe")
    exports = probe.ok and not probe.content_type.startswith("text/html")
    if not exports:
        print(f"note: no export route yet ({EXPORT_PROBE} -> {probe.status} {probe.content_type})")
    if not councils or not indicators:
        raise SystemExit("the warm-up visit found no councils or indicators on the page")
    return councils, indicators, exports


def run_users(url: str, args: argparse.Namespace, against: str, alongside=None) -> Recorder:
    """Warm up, then run the users; `alongside()`, if given, starts a thread with them (it is
    waited for at the end)."""
    councils, indicators, exports = warm_up(url)
    print(
        f"{args.users} users for {args.seconds:.0f} s against {against}; "
        f"{len(councils)} councils of {VINTAGE}, {len(indicators)} indicators"
    )
    record = Recorder(args.max_requests, time.monotonic() + args.seconds)
    users = [
        threading.Thread(target=user, args=(url, councils, indicators, exports, record))
        for _ in range(args.users)
    ]
    if alongside is not None:
        users.append(alongside())
    for thread in users:
        thread.start()
    for thread in users:
        # A request in flight at the deadline may take up to fetch's own timeout to end.
        thread.join()
    return record


def redis_outage(redis: RedisServer, after_s: float) -> threading.Thread:
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


def two_instances_command(port: int) -> list[str]:
    return [PYTHON, "deploy/serve.py", "--port", str(port), "--instances", "2"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain gunicorn -w 2 app:server (sync workers, cold cache) instead of make serve's "
        "gunicorn settings",
    )
    parser.add_argument(
        "--redis",
        action="store_true",
        help="two instances (gunicorn -w 2 each) behind make serve's nginx and one Redis, "
        "which stops for a while mid-run",
    )
    args = parser.parse_args()
    print(machine_note())
    if args.redis:
        with (
            redis_server() as redis,
            started(two_instances_command, "two", env={"TRUSTMAP_REDIS_URL": redis.url}) as server,
        ):
            record = run_users(
                server.url,
                args,
                "two instances behind nginx, one Redis",
                alongside=partial(redis_outage, redis, (args.seconds - OUTAGE_S) / 2),
            )
            down = server.log_path.read_text().count("Redis cache not answering")
        print(f"workers that logged the outage: {down} (one line each)")
    else:
        command, name = (
            (gunicorn_command, "plain gunicorn")
            if args.plain
            else (deploy_gunicorn_command, "gunicorn with deploy/gunicorn.conf.py")
        )
        with serve(partial(command, workers=args.workers), "gunicorn") as url:
            record = run_users(url, args, f"{name} -w {args.workers}")
    print(machine_note())
    record.report()


if __name__ == "__main__":
    main()
