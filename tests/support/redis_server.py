"""A throwaway Debian `redis-server` on a free loopback port, configured as production's
(`deploy/redis.conf`), for the tests and benches of the shared cache; it can be stopped and
started again on the same port to play an outage."""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis

from tests.support.processes import HOST, ROOT, free_port

__all__ = ["RedisServer", "redis_server"]

START_TIMEOUT_S = 10
STOP_TIMEOUT_S = 10


class RedisServer:
    """One redis-server: `url` for TRUSTMAP_REDIS_URL, `client` to look inside, `stop` and
    `start` for an outage."""

    def __init__(self, folder: str):
        self.port = free_port()
        self.url = f"redis://{HOST}:{self.port}/0"
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.client = redis.Redis(host=HOST, port=self.port, socket_timeout=2)

    def start(self) -> None:
        command = ["redis-server", str(ROOT / "deploy" / "redis.conf"), "--port", str(self.port)]
        self.process = subprocess.Popen(
            [*command, "--dir", self.folder], stdout=subprocess.DEVNULL, cwd=self.folder
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                self.client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=STOP_TIMEOUT_S)


@contextmanager
def redis_server() -> Iterator[RedisServer]:
    """A started RedisServer, stopped when the block ends."""
    with tempfile.TemporaryDirectory(prefix="trustmap-redis-") as folder:
        server = RedisServer(folder)
        server.start()
        try:
            yield server
        finally:
            server.stop()
