"""trustmap for production on 127.0.0.1:$PORT: nginx (deploy/nginx.conf) in front of gunicorn
(deploy/gunicorn.conf.py). `make serve` runs it; `--instances 2` puts two gunicorn instances
behind the one nginx (give them a shared cache with TRUSTMAP_REDIS_URL).

Each instance listens on a free loopback port of its own; nginx's configuration, pid and
temporary files, and the results cache the workers share (unless TRUSTMAP_REDIS_URL or
TRUSTMAP_CACHE_DIR chooses one), live in a private temporary folder removed on exit.
Everything stops when any part stops, or on SIGTERM / Ctrl-C. Run from the project folder:
`.venv/bin/python deploy/serve.py [--port 8050] [--instances 1]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
HOST = "127.0.0.1"
START_TIMEOUT_S = 300  # a first start builds the data cache
STOP_TIMEOUT_S = 15
POLL_S = 0.5
ENTRIES_PER_INSTANCE = 4  # tries a request gets on one instance


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def nginx_config(runtime: Path, port: int, instance_ports: list[int]) -> str:
    """deploy/nginx.conf filled in for this run. Each instance is listed ENTRIES_PER_INSTANCE
    times: nginx retries a request whose worker died on the *next* entry (a connection it kept
    open to the dead worker may fail a try too), and with one entry per instance a single
    instance would have none. No entry is ever marked down (`max_fails=0`): a killed worker
    fails requests on every entry of its instance at once, and an instance with all its entries
    down would answer 502 for a while; a stopped instance refuses connections at once on
    loopback, so trying it costs nothing."""
    servers = "\n".join(
        f"        server {HOST}:{p} max_fails=0;"
        for p in instance_ports
        for _ in range(ENTRIES_PER_INSTANCE)
    )
    text = (DEPLOY / "nginx.conf").read_text()
    for placeholder, value in {
        "@RUNTIME@": str(runtime),
        "@LISTEN@": f"{HOST}:{port}",
        "@SERVERS@": servers,
    }.items():
        text = text.replace(placeholder, value)
    return text


def results_cache_env(runtime: Path) -> dict:
    """The environment of the instances: their workers share a results folder in `runtime`
    unless a cache is chosen already (TRUSTMAP_REDIS_URL or TRUSTMAP_CACHE_DIR)."""
    if os.environ.get("TRUSTMAP_REDIS_URL") or os.environ.get("TRUSTMAP_CACHE_DIR"):
        return dict(os.environ)
    return os.environ | {"TRUSTMAP_CACHE_DIR": str(runtime / "results")}


def gunicorn_command(port: int) -> list[str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [str(gunicorn), "-c", str(DEPLOY / "gunicorn.conf.py"), "-b", f"{HOST}:{port}"]


def wait_until_answering(port: int, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            break
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(POLL_S)
    raise SystemExit(f"trustmap did not start on {HOST}:{port}")


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each (gunicorn and nginx stop gracefully on it), then SIGKILL to what is left."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port: int, instances: int) -> int:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("make serve needs nginx (Debian: apt-get install nginx-light)")
    runtime = Path(tempfile.mkdtemp(prefix="trustmap-serve-"))
    processes: list[subprocess.Popen] = []
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        instance_ports = [free_port() for _ in range(instances)]
        env = results_cache_env(runtime)
        for instance_port in instance_ports:
            processes.append(subprocess.Popen(gunicorn_command(instance_port), cwd=ROOT, env=env))
        for instance_port in instance_ports:
            wait_until_answering(instance_port, processes)
        (runtime / "nginx.conf").write_text(nginx_config(runtime, port, instance_ports))
        processes.append(
            subprocess.Popen(
                [
                    nginx,
                    "-e",
                    "stderr",
                    "-p",
                    str(runtime),
                    "-c",
                    str(runtime / "nginx.conf"),
                    "-g",
                    "daemon off;",
                ],
                cwd=runtime,
            )
        )
        print(
            f"trustmap on http://{HOST}:{port} (nginx in front of {instances} gunicorn "
            f"instance(s) on ports {', '.join(map(str, instance_ports))})",
            file=sys.stderr,
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(POLL_S)
        return 1  # a part stopped on its own
    finally:
        stop(processes)
        shutil.rmtree(runtime, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8050")))
    parser.add_argument("--instances", type=int, default=1)
    args = parser.parse_args()
    sys.exit(serve(args.port, args.instances))


if __name__ == "__main__":
    main()
