"""Shared fixtures: the real data bundle, its cached build, and broken copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trustmap.build import load_build
from trustmap.datadir import resolve_data_dir


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return resolve_data_dir()


@pytest.fixture(scope="session")
def build(data_dir):
    return load_build(data_dir)


@pytest.fixture
def bundle_copy(tmp_path, data_dir) -> Path:
    """A bundle in a temporary folder: every file linked to the real one until a test copies it
    for real (see `broken_copy`), so the shared bundle is never touched."""
    copy = tmp_path / "bundle"
    for source in data_dir.rglob("*"):
        if source.is_file():
            target = copy / source.relative_to(data_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
    return copy


def writable(bundle: Path, name: str) -> Path:
    """Replace the link to `name` in a bundle copy by a real, writable copy of the file."""
    path = bundle / name
    real = path.resolve()
    path.unlink()
    shutil.copyfile(real, path)
    return path
