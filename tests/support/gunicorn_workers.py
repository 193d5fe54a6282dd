"""The gunicorn workers under a server started by `tests.support.processes.started` (gunicorn
itself, or `deploy/serve.py` and the gunicorn instances it starts), read from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["resident_mb", "workers"]

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
