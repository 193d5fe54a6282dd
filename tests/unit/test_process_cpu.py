"""The CPU time of a process tree, as the load bench reports it (tests/support)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.support.gunicorn_workers import cpu_seconds, process_tree


def test_a_process_tree_holds_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert process_tree(os.getpid())[0] == os.getpid()
        assert child.pid in process_tree(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_cpu_seconds_count_the_work_done():
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:  # 0.3 s of this process's CPU
        pass
    assert cpu_seconds(os.getpid()) - before >= 0.25


def test_an_ended_process_used_nothing():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert cpu_seconds(child.pid) == 0.0
