"""The gunicorn workers under a server started by `tests.support.processes.started` (gunicorn
itself, or `deploy/serve.py` and the gunicorn instances it starts), and the CPU time of a
server's processes, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cpu_seconds", "process_tree", "resident_mb", "workers"]

PROC = Path("/proc")


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # "pid (command) state ppid ...": the command may hold spaces and parentheses.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _is_gunicorn(pid: int) -> bool:
    try:
        return b"gunicorn" in (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return False


def workers(top: int) -> list[int]:
    """The gunicorn workers under `top`: the children of every gunicorn master that is `top` or
    one of its children."""
    masters = [pid for pid in [top, *_children(top)] if _is_gunicorn(pid)]
    return sorted(worker for master in masters for worker in _children(master))


def resident_mb(pid: int) -> float | None:
    """The resident memory of `pid` in MB (VmRSS), or None once it has ended."""
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return None
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(kilobytes) / 1024


def process_tree(top: int) -> list[int]:
    """`top` and every process below it."""
    tree, below = [], [top]
    while below:
        pid = below.pop()
        tree.append(pid)
        below += _children(pid)
    return tree


def cpu_seconds(pid: int) -> float:
    """The CPU time `pid` has used, user and system, its ended children's included; 0 once it
    has ended."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0.0
    # After "(command)": field 3 (state) first, so fields 14-17 (utime, stime, cutime, cstime)
    # are at 11-14.
    ticks = sum(int(value) for value in stat.rsplit(")", 1)[1].split()[11:15])
    return ticks / os.sysconf("SC_CLK_TCK")
