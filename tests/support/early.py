"""Servers started as the test session begins, so that their start overlaps the tests before
theirs: a server warms its cache for 20-30 s on one core while pytest, running one test at a
time and mostly waiting on a browser or a socket, leaves the other idle.

A test module lists in `EARLY_START` the functions that return its servers' context managers
(`processes.started`); tests/conftest.py enters each in a thread of its own once the session's
tests are chosen (for modules with a chosen test only), and the module's fixture takes the
server with `entered`, which waits until it answers and leaves the block when the module is
done; without an early start, `entered` enters the block itself.

Not for a server whose tests count what it logs while it warms: test_scale's instances warm
through Redis with a 0.25 s timeout, which a machine busy with other tests can exceed (logged
as an outage, and counted by the outage test).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

__all__ = ["EARLY_START", "entered", "start_early", "stop_all"]

EARLY_START = "EARLY_START"  # the name of a test module's list of early starts
Starter = Callable[[], AbstractContextManager[Any]]


class _Early:
    """One block entered in a thread: `value` waits until it is entered, `stop` leaves it."""

    def __init__(self, starter: Starter):
        self._starter = starter
        self._entered = threading.Event()
        self._leave = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, name=f"early-{starter.__name__}", daemon=True
        )
        self._thread.start()

    def _run(self) -> None:
        try:
            with self._starter() as value:
                self._value = value
                self._entered.set()
                self._leave.wait()
        except BaseException as error:  # handed to the test that asks for the value
            self._error = error
        finally:
            self._entered.set()

    def value(self) -> Any:
        self._entered.wait()
        if self._error is not None:
            raise self._error
        return self._value

    def stop(self) -> None:
        self._leave.set()
        self._thread.join()
        if self._error is not None:
            raise self._error


_started: dict[Starter, _Early] = {}


def start_early(starter: Starter) -> None:
    """Enter `starter()`'s block in a thread of its own, once per session."""
    if starter not in _started:
        _started[starter] = _Early(starter)


@contextmanager
def entered(starter: Starter) -> Iterator[Any]:
    """The value of `starter()`'s block, entered early if it was (waiting until it is), else
    now; the block is left when this one is."""
    early = _started.pop(starter, None)
    if early is None:
        with starter() as value:
            yield value
        return
    value = early.value()  # raises what the start raised (its thread has ended then)
    try:
        yield value
    finally:
        early.stop()


def stop_all() -> None:
    """Leave every block entered early and not taken (its tests did not run)."""
    while _started:
        _, early = _started.popitem()
        with contextlib.suppress(Exception):  # it failed to start or stop; no test asked for it
            early.stop()
