"""Two app instances (each gunicorn with deploy/gunicorn.conf.py: 2 workers) share one Redis:
a result computed by one is served from the cache by the other, and a Redis outage in the
middle of a run loses no request."""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import pytest

from layouts import ids
from tests.support.dash_wire import UPDATE_PATH, callback_writing, request_for
from tests.support.processes import ROOT, started
from tests.support.redis_server import redis_server

pytestmark = pytest.mark.bundle

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DEFAULT_KEY = {"indicator": "iod2019-imd-average-score", "period": "2019"}
OUTAGE_PHASES_S = (3, 4, 7)  # before the outage, during it, after (longer than the retry)
CLIENTS = 4


def instance_command(port: int) -> list[str]:
    return [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "-b", f"127.0.0.1:{port}"]


@pytest.fixture(scope="module")
def redis():
    with redis_server() as server:
        yield server


@pytest.fixture(scope="module")
def instances(redis):
    env = {"TRUSTMAP_REDIS_URL": redis.url}
    with ExitStack() as stack:
        yield [
            stack.enter_context(started(instance_command, f"instance{n}", env=env)) for n in (1, 2)
        ]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def post(url: str, body: dict) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url + UPDATE_PATH, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def comparison_body(callbacks: list[dict], key: dict) -> dict:
    spec = callback_writing(callbacks, f"{ids.COMPARE_SOURCE}.children")
    return request_for(spec, {f"{ids.COMPARISON_KEY}.data": key}, [f"{ids.COMPARISON_KEY}.data"])


def dropdown_values(node, component_id: str) -> list[str]:
    """The option values of the select `component_id` in a `/_dash-layout` tree, without its
    empty "All ..." choice."""
    if isinstance(node, list):
        return next(
            (found for child in node if (found := dropdown_values(child, component_id))), []
        )
    if not isinstance(node, dict):
        return []
    props = node.get("props") or {}
    if props.get("id") == component_id:
        return [option["value"] for option in props.get("options", []) if option["value"]]
    return next(
        (
            found
            for value in props.values()
            if isinstance(value, dict | list) and (found := dropdown_values(value, component_id))
        ),
        [],
    )


def test_a_result_computed_by_one_instance_is_served_by_the_other(instances, redis):
    first, second = instances
    body = comparison_body(get_json(first.url + "/_dash-dependencies"), DEFAULT_KEY)
    status, computed = post(first.url, body)
    assert status == 200
    keys = redis.client.dbsize()
    hits = redis.client.info("stats")["keyspace_hits"]
    status, served = post(second.url, body)
    assert status == 200
    assert json.loads(served) == json.loads(computed)  # the same figures and texts
    assert redis.client.dbsize() == keys  # the second instance stored nothing: it computed nothing
    assert redis.client.info("stats")["keyspace_hits"] >= hits + 2  # version key, then result


def test_a_redis_outage_loses_no_request(instances, redis):
    callbacks = get_json(instances[0].url + "/_dash-dependencies")
    layout = get_json(instances[0].url + "/_dash-layout")
    regions = dropdown_values(layout, ids.REGION)
    statuses = dropdown_values(layout, ids.STATUS)
    keys = itertools.cycle(
        DEFAULT_KEY | {"region": region, "status": status}
        for region, status in itertools.product(regions, [None, *statuses])
    )
    stop, answers, lock = threading.Event(), [], threading.Lock()

    def client(number: int) -> None:
        for turn in itertools.count():
            if stop.is_set():
                return
            with lock:
                key = next(keys)
            status, _ = post(instances[(number + turn) % 2].url, comparison_body(callbacks, key))
            with lock:
                answers.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    before, during, after = OUTAGE_PHASES_S
    time.sleep(before)
    redis.stop()
    time.sleep(during)
    redis.start()  # empty, as after a restart
    time.sleep(after)
    stop.set()
    for thread in threads:
        thread.join()
    assert len(regions) == 9 and len(answers) > 20
    assert set(answers) == {200}
    assert redis.client.dbsize() > 0  # the instances use Redis again
    for instance in instances:
        log = instance.log_path.read_text()
        assert log.count("Redis cache not answering") <= 2  # once per worker at most
        assert log.count("Traceback") == 0
    logs = "".join(instance.log_path.read_text() for instance in instances)
    assert logs.count("Redis cache answering again") >= 1
