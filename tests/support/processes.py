"""Servers started for tests and benches: a subprocess on a free loopback port, waited for until
`GET /` answers, stopped with everything it started. Only 127.0.0.1 is ever contacted."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["HOST", "ROOT", "Server", "free_port", "started", "stop_group"]

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
START_TIMEOUT_S = 300  # a first run builds the data cache
STOP_TIMEOUT_S = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    """A server started by `started`: its base URL, its process and the file it logs to."""

    url: str
    process: subprocess.Popen
    log_path: Path


@contextmanager
def started(command_for, name: str, env: dict | None = None) -> Iterator[Server]:
    """Start `command_for(port)` in the project folder on a free port (with `env` added to
    the environment); yield it once `GET /` answers.

    The server's output goes to a log file (its path is printed if it fails to start); the
    process is terminated, then killed if it lingers, when the block ends.
    """
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if key != "TRUSTMAP_DEBUG"}
    environ |= (env or {}) | {"PORT": str(port)}
    url = f"http://{HOST}:{port}"
    with tempfile.NamedTemporaryFile(
        prefix=f"trustmap-{name}-", suffix=".log", delete=False
    ) as log:
        # A session of its own: `make serve` and what it starts are stopped together.
        process = subprocess.Popen(
            command_for(port),
            cwd=ROOT,
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_answering(url, process, log.name)
            yield Server(url, process, Path(log.name))
        finally:
            stop_group(process)


def stop_group(process: subprocess.Popen) -> None:
    """Terminate `process` and everything in its process group; kill what lingers."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        process.poll()  # reaped, so it no longer counts as a member of its group
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_until_answering(url: str, process: subprocess.Popen, log_name: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not start (exit code {process.poll()}); see {log_name}")
        time.sleep(0.5)
