"""The one cache of per-request results (comparisons, charts, profiles, the map's table): a
flask-caching object configured in one place. Keys hold the build's key and validated choices
only (a settled `View`, a known council), so a client cannot fill it with junk."""

from __future__ import annotations

from flask import Flask
from flask_caching import Cache

__all__ = ["cache", "configure_cache"]

cache = Cache()
RESULTS_KEPT = 2000  # the in-process back end drops entries beyond this many
RESULT_TIMEOUT_S = 24 * 3600  # results never go stale within a build; the build is in the key


def configure_cache(server: Flask, build_key: str) -> None:
    """In-process cache of the app's results, keyed by the build."""
    cache.init_app(
        server,
        config={
            "CACHE_TYPE": "SimpleCache",
            "CACHE_THRESHOLD": RESULTS_KEPT,
            "CACHE_DEFAULT_TIMEOUT": RESULT_TIMEOUT_S,
            "CACHE_KEY_PREFIX": f"trustmap-{build_key}-",
        },
    )
