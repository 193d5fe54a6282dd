"""Shared fixtures: the real data bundle and its cached build (tests marked `bundle`), and the
tiny hand-made bundle of tests/fixtures/bundle.py with its build (every other test)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures.bundle import write_bundle, write_project_tables
from tests.support import early
from trustmap.bundle import health_vintages
from trustmap.bundle.build import CACHE_ENV_VAR, Build, load_build
from trustmap.bundle.datadir import resolve_data_dir
from trustmap.bundle.tables import TABLES_ENV_VAR
from trustmap.stats import judgement

REAL_BUNDLE_FIXTURES = {"build", "data_dir"}
PROJECT_TABLES_READ_ONCE = (health_vintages.health_vintages, judgement.read_statistics)


def pytest_collection_modifyitems(items) -> None:
    """A test that reads the real bundle must say so, or `pytest -m "not bundle"` breaks."""
    unmarked = [
        item.nodeid
        for item in items
        if REAL_BUNDLE_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("bundle") is None
    ]
    if unmarked:
        raise pytest.UsageError(f"tests using the real bundle lack @pytest.mark.bundle: {unmarked}")


def pytest_collection_finish(session) -> None:
    """Start the servers of the chosen tests' modules now (tests/support/early.py)."""
    if session.config.option.collectonly:
        return
    modules = dict.fromkeys(item.module for item in session.items if hasattr(item, "module"))
    for module in modules:
        for starter in getattr(module, early.EARLY_START, ()):
            early.start_early(starter)


def pytest_sessionfinish() -> None:
    early.stop_all()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return resolve_data_dir()


@pytest.fixture(scope="session")
def build(data_dir):
    return load_build(data_dir)


@dataclass(frozen=True)
class TinyFiles:
    bundle: Path
    project: Path
    tables: dict[str, Path]
    cache: Path


@pytest.fixture(scope="session")
def tiny_files(tmp_path_factory) -> TinyFiles:
    root = tmp_path_factory.mktemp("tiny")
    project = root / "project"
    tables = write_project_tables(project)
    return TinyFiles(write_bundle(root / "bundle"), project, tables, root / "cache")


@pytest.fixture
def tiny_project(tiny_files, monkeypatch) -> Iterator[TinyFiles]:
    """The tiny world's project tables in place of the package's (vintages, council changes,
    pathfinders, health vintages, indicator statistics; themes, indicator metadata and the
    manifest copied from the package), and a build cache in a temporary folder."""
    monkeypatch.setenv(TABLES_ENV_VAR, str(tiny_files.project))
    monkeypatch.setenv(CACHE_ENV_VAR, str(tiny_files.cache))
    # Both tables are read once per process: forget the project's, then the tiny world's.
    for read_once in PROJECT_TABLES_READ_ONCE:
        read_once.cache_clear()
    yield tiny_files
    for read_once in PROJECT_TABLES_READ_ONCE:
        read_once.cache_clear()


@pytest.fixture(scope="session")
def _tiny_builds() -> dict[str, Build]:
    return {}


@pytest.fixture
def tiny_build(tiny_project, _tiny_builds) -> Build:
    """The build of the tiny bundle, made once per session (under `tiny_project`)."""
    if "build" not in _tiny_builds:
        _tiny_builds["build"] = load_build(tiny_project.bundle)
    return _tiny_builds["build"]
