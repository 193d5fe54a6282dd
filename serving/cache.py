"""The one cache of per-request results (comparisons, charts, profiles, the map's table): a
flask-caching object configured in one place. Keys hold the build's key and validated choices
only (a settled `View`, a known council), so a client cannot fill it with junk.

The back end follows the deployment (`cache_config`):
- in-process (`RecentMemoryCache`), the default: `make run` needs nothing else;
- a folder shared by the workers of one machine (`SharedFolderCache`), when
  `TRUSTMAP_CACHE_DIR` is set;
- Redis, shared by every instance, when `TRUSTMAP_REDIS_URL` is set. A Redis that stops
  answering is skipped (results are computed, not cached) and tried again every
  `REDIS_RETRY_S`; the outage and the recovery are logged once each per worker.

Cached results hold figures as plain dicts (`Figure.to_dict()`, what Dash sends anyway): a
plotly figure validates itself again when unpickled, 8 ms for a council's spine chart at every
hit against 0.1 ms for its dict.

Every back end is bounded: a count of entries for the first two (serving/bounded_caches.py
says why not cachelib's own), and for Redis the server's own `maxmemory` with an LRU policy
(`deploy/redis.conf`); every entry also expires.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from flask import Flask
from flask_caching import Cache
from flask_caching.backends.rediscache import RedisCache
from redis.exceptions import RedisError

__all__ = ["FallibleRedisCache", "cache", "cache_config", "configure_cache"]

cache = Cache()
RESULTS_KEPT = 5000  # the in-process and folder back ends drop entries beyond this many
# (the warm-up alone keeps about 1,700: serving/warm.py)
RESULT_TIMEOUT_S = 24 * 3600  # results never go stale within a build; the build is in the key
REDIS_SOCKET_TIMEOUT_S = 0.25  # a cache read is worth less than this; compute instead
REDIS_RETRY_S = 5.0
log = logging.getLogger("trustmap.cache")


class FallibleRedisCache(RedisCache):
    """flask-caching's RedisCache that treats an unreachable Redis as an empty cache.

    After a failed call, Redis is left alone for `retry_s` (every read misses, every write is
    dropped), so an outage costs one short socket timeout per worker and interval, not one per
    request; it is logged once when it starts and once when Redis answers again.
    """

    def __init__(self, *args, retry_s: float = REDIS_RETRY_S, **kwargs):
        super().__init__(*args, **kwargs)
        self.retry_s = retry_s
        self._retry_at = 0.0  # monotonic time before which Redis is not asked
        self._failed_at = 0.0  # monotonic time of the last failed call
        self._down = False
        self._state_lock = threading.Lock()

    @classmethod
    def factory(cls, app, config, args, kwargs):
        kwargs["retry_s"] = config.get("CACHE_REDIS_RETRY_S", REDIS_RETRY_S)
        return super().factory(app, config, args, kwargs)

    def _call(self, name: str, *args, fallback=None):
        """RedisCache's method `name`, or `fallback` while Redis is out."""
        asked = time.monotonic()
        if asked < self._retry_at:
            return fallback
        try:
            result = getattr(RedisCache, name)(self, *args)
        except RedisError as error:
            self._mark_down(error)
            return fallback
        if self._down:
            self._mark_up(asked)
        return result

    def _mark_down(self, error: RedisError) -> None:
        with self._state_lock:
            self._failed_at = time.monotonic()
            self._retry_at = self._failed_at + self.retry_s
            if not self._down:
                self._down = True
                log.warning(
                    "Redis cache not answering (%s); computing without it, retrying every %g s",
                    type(error).__name__,
                    self.retry_s,
                )

    def _mark_up(self, asked: float) -> None:
        """Redis answered a call `asked` at that time: back up, unless the call began before
        the last failure (another thread's call, in flight as Redis stopped)."""
        with self._state_lock:
            if self._down and asked > self._failed_at:
                self._down = False
                log.warning("Redis cache answering again; using it")

    def get(self, key):
        return self._call("get", key)

    def get_many(self, *keys):
        return self._call("get_many", *keys, fallback=[None] * len(keys))

    def has(self, key):
        return self._call("has", key, fallback=False)

    def set(self, key, value, timeout=None):
        return self._call("set", key, value, timeout, fallback=False)

    def add(self, key, value, timeout=None):
        return self._call("add", key, value, timeout, fallback=False)

    def set_many(self, mapping, timeout=None):
        return self._call("set_many", mapping, timeout, fallback=[])

    def delete(self, key):
        return self._call("delete", key, fallback=False)

    def delete_many(self, *keys):
        return self._call("delete_many", *keys, fallback=[])

    def clear(self):
        return self._call("clear", fallback=False)


def cache_config(build_key: str, environ: dict | None = None) -> dict:
    """flask-caching settings for this deployment (`TRUSTMAP_REDIS_URL`, else
    `TRUSTMAP_CACHE_DIR`, else in-process), keys prefixed by the build."""
    environ = os.environ if environ is None else environ
    common = {
        "CACHE_DEFAULT_TIMEOUT": RESULT_TIMEOUT_S,
        "CACHE_KEY_PREFIX": f"trustmap-{build_key}-",
    }
    if environ.get("TRUSTMAP_REDIS_URL"):
        return common | {
            "CACHE_TYPE": f"{__name__}.FallibleRedisCache",
            "CACHE_REDIS_URL": environ["TRUSTMAP_REDIS_URL"],
            "CACHE_OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT_S,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT_S,
            },
        }
    if environ.get("TRUSTMAP_CACHE_DIR"):
        return common | {
            "CACHE_TYPE": "serving.bounded_caches.SharedFolderCache",
            "CACHE_DIR": environ["TRUSTMAP_CACHE_DIR"],
            "CACHE_THRESHOLD": RESULTS_KEPT,
        }
    return common | {
        "CACHE_TYPE": "serving.bounded_caches.RecentMemoryCache",
        "CACHE_THRESHOLD": RESULTS_KEPT,
    }


def configure_cache(server: Flask, build_key: str) -> None:
    """The app's results cache on the back end `cache_config` chooses, keyed by the build."""
    cache.init_app(server, config=cache_config(build_key))
