"""Starting the app without its data: one clear message, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

ROOT = Path(__file__).resolve().parents[2]


def test_missing_data_directory_stops_the_app_with_a_plain_message(tmp_path):
    env = dict(os.environ, TRUSTMAP_DATA=str(tmp_path / "nowhere"), PORT="1")
    started = subprocess.run(
        [sys.executable, "app.py"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 1
    assert "trustmap cannot start: No data directory" in started.stderr
    assert "TRUSTMAP_DATA=DIR" in started.stderr and "Traceback" not in started.stderr
