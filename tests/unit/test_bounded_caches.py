"""The bounded in-process and folder caches keep memoize's version keys and recent results
when full (the stock ones dropped the version keys first, and every result with them)."""

from __future__ import annotations

import pytest
from flask import Flask
from flask_caching import Cache

from serving.bounded_caches import RecentMemoryCache, SharedFolderCache

THRESHOLD = 20


def memoized_app(config: dict) -> tuple:
    """An app whose memoized `square` records each time it really computes."""
    app = Flask("t")
    cache = Cache(app, config={"CACHE_DEFAULT_TIMEOUT": 3600, **config})
    computed = []

    @cache.memoize()
    def square(n: int) -> int:
        computed.append(n)
        return n * n

    return app, cache, computed, square


@pytest.fixture(params=["memory", "folder"])
def config(request, tmp_path) -> dict:
    back_end = {"memory": RecentMemoryCache, "folder": SharedFolderCache}[request.param]
    return {
        "CACHE_TYPE": f"{back_end.__module__}.{back_end.__name__}",
        "CACHE_THRESHOLD": THRESHOLD,
        "CACHE_DIR": str(tmp_path / "results"),
    }


def test_a_full_cache_keeps_the_version_key_and_the_results_in_use(config):
    app, cache, computed, square = memoized_app(config)
    with app.app_context():
        square(1)  # its first call stores the function's version key, then its result
        for n in range(2, 5 * THRESHOLD):
            square(n)
            assert square(1) == 1  # in use all along
        assert computed.count(1) == 1  # never dropped, nor was the version key
        computed.clear()
        assert square(2) == 4
        assert computed == [2]  # long unused: dropped to stay within the threshold


def test_the_memory_cache_drops_the_least_recently_used_first():
    cache = RecentMemoryCache(threshold=3)
    for key in "abc":
        cache.set(key, key)
    cache.get("a")
    cache.set("d", "d")
    assert [cache.get(key) for key in "abcd"] == ["a", None, "c", "d"]


def test_the_folder_cache_prunes_to_three_quarters_of_its_threshold(tmp_path):
    cache = SharedFolderCache(str(tmp_path), threshold=8)
    for n in range(9):
        cache.set(f"k{n}", n)
    cache.set("last", 9)  # over the threshold: the oldest go, down to 6, then this one
    kept = [key for key in [f"k{n}" for n in range(9)] if cache.get(key) is not None]
    assert kept == ["k3", "k4", "k5", "k6", "k7", "k8"]
    assert cache.get("last") == 9
