"""The one results cache: its back end per deployment, and a Redis that stops answering."""

from __future__ import annotations

import logging
import time

import pytest
from flask import Flask
from flask_caching.backends.rediscache import RedisCache
from redis.exceptions import RedisError

from serving.cache import RESULTS_KEPT, FallibleRedisCache, cache_config
from tests.support.processes import free_port

pytestmark = pytest.mark.bundle  # the package's conftest starts the real app


@pytest.mark.parametrize(
    "environ, back_end",
    [
        ({}, "serving.bounded_caches.RecentMemoryCache"),
        ({"TRUSTMAP_CACHE_DIR": "/tmp/x"}, "serving.bounded_caches.SharedFolderCache"),
        (
            {"TRUSTMAP_CACHE_DIR": "/tmp/x", "TRUSTMAP_REDIS_URL": "redis://127.0.0.1:1/0"},
            "serving.cache.FallibleRedisCache",
        ),
    ],
    ids=["default", "folder", "redis"],
)
def test_the_back_end_follows_the_environment(environ, back_end):
    config = cache_config("build-abc", environ)
    assert config["CACHE_TYPE"] == back_end
    assert config["CACHE_KEY_PREFIX"] == "trustmap-build-abc-"
    assert config.get("CACHE_THRESHOLD", RESULTS_KEPT) == RESULTS_KEPT  # bounded but on Redis


def test_an_unreachable_redis_is_an_empty_cache_logged_once(caplog):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    config = cache_config("b", {"TRUSTMAP_REDIS_URL": url}) | {"CACHE_REDIS_RETRY_S": 60}
    cache = FallibleRedisCache.factory(Flask("t"), config, [], {})
    with caplog.at_level(logging.WARNING, logger="trustmap.cache"):
        started = time.perf_counter()
        answers = [cache.set("k", 1), cache.get("k"), cache.get_many("a", "b"), cache.has("k")]
        answers += [cache.get("k") for _ in range(100)]
        seconds = time.perf_counter() - started
    assert answers[:4] == [False, None, [None, None], False]
    assert set(answers[4:]) == {None}
    assert seconds < 1  # one refused connection, then Redis is left alone until the retry
    assert [record.getMessage() for record in caplog.records] == [
        "Redis cache not answering (ConnectionError); computing without it, retrying every 60 s"
    ]


def test_an_answer_begun_before_the_outage_does_not_end_it(caplog, monkeypatch):
    """One thread's call is in flight as Redis stops and another's fails: the first call's
    late answer is not Redis answering again (it was logged as such, then the outage twice)."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    config = cache_config("b", {"TRUSTMAP_REDIS_URL": url}) | {"CACHE_REDIS_RETRY_S": 60}
    cache = FallibleRedisCache.factory(Flask("t"), config, [], {})

    def refused(self, key):
        raise RedisError("connection refused")

    def in_flight_as_redis_stops(self, key):
        if key == "late":
            with monkeypatch.context() as stopped:
                stopped.setattr(RedisCache, "get", refused)
                assert cache.get("meanwhile") is None  # the other thread's failed call
            return "answer begun before the failure"
        raise AssertionError("Redis is left alone after the failure")

    monkeypatch.setattr(RedisCache, "get", in_flight_as_redis_stops)
    with caplog.at_level(logging.WARNING, logger="trustmap.cache"):
        assert cache.get("late") == "answer begun before the failure"
        assert cache.get("next") is None  # still out: left alone until the retry
    assert [record.getMessage() for record in caplog.records] == [
        "Redis cache not answering (RedisError); computing without it, retrying every 60 s"
    ]
