"""The package installed from its wheel, away from the checkout: it finds its own tables as
package data and lists the layers of the real bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustmap.bundle.build import CACHE_ENV_VAR, cache_root

CHECKOUT = Path(__file__).parents[2]


@pytest.mark.bundle
def test_the_installed_wheel_lists_the_layers_from_another_folder(build, data_dir, tmp_path):
    wheels, installed, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    pip = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", wheels, CHECKOUT], check=True)
    (wheel,) = wheels.glob("trustmap-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", installed, wheel], check=True)
    # The build made from the checkout is the installed copy's too: same code, same tables.
    environment = os.environ | {
        "PYTHONPATH": str(installed),
        "TRUSTMAP_DATA": str(data_dir),
        CACHE_ENV_VAR: str(cache_root()),
    }
    answer = subprocess.run(
        [sys.executable, "-m", "trustmap", "layers", "--format", "csv"],
        cwd=elsewhere,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    assert "\ncouncils-2019,151,2019," in answer.stdout  # England's 151 councils of April 2019
    where = subprocess.run(
        [sys.executable, "-c", "import trustmap; print(trustmap.__file__)"],
        cwd=elsewhere,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(installed)
