"""The build cache, on the tiny bundle in a temporary cache: keyed by input checksums and by the
modules the build imports, rebuilt when either changes, never holding results computed later."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tests.fixtures.bundle import ALPHA, GAMMA, IOD_UTLA_FILE, write_bundle
from trustmap.analysis import profile
from trustmap.bundle import build as build_module
from trustmap.bundle.build import build_key, cache_root, imported_modules, load_build
from trustmap.stats import judgement

BUILD_MODULES = [
    "trustmap",
    "trustmap.bundle",
    "trustmap.bundle.build",
    "trustmap.bundle.councils",
    "trustmap.bundle.datadir",
    "trustmap.bundle.display",
    "trustmap.bundle.health",
    "trustmap.bundle.health_vintages",
    "trustmap.bundle.indicators",
    "trustmap.bundle.schemas",
    "trustmap.bundle.sources",
    "trustmap.bundle.tables",
    "trustmap.bundle.themes",
    "trustmap.bundle.validation",
    "trustmap.vocabulary",
]


@pytest.fixture
def own_bundle(tiny_project, tmp_path, monkeypatch):
    """A fresh tiny bundle this test may edit, with its own empty cache."""
    monkeypatch.setenv(build_module.CACHE_ENV_VAR, str(tmp_path / "cache"))
    return write_bundle(tmp_path / "bundle")


def test_cache_is_the_temporary_one(own_bundle, tmp_path):
    built = load_build(own_bundle)
    assert cache_root() == tmp_path / "cache"
    assert built.directory.parent == tmp_path / "cache"
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [built.directory.name]


def test_changed_input_changes_the_key_and_rebuilds(own_bundle):
    first = load_build(own_bundle)
    assert load_build(own_bundle).directory == first.directory  # warm: same build
    path = own_bundle / IOD_UTLA_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    corrected = (frame["area_code"] == ALPHA) & (frame["indicator"] == "IMD - Average score")
    frame.loc[corrected, "value"] = "99.5"
    frame.to_csv(path, index=False)
    second = load_build(own_bundle)
    assert second.directory != first.directory
    value = second["indicator_values"].query(
        "indicator_id == 'iod2019-imd-average-score' and area_code == @ALPHA"
    )["value"]
    assert value.tolist() == [99.5]


def test_new_bundle_file_is_noticed(own_bundle):
    before = build_key(own_bundle)
    (own_bundle / "indicators" / "new_source.csv").write_text("area_code,value\nE06000001,1\n")
    assert build_key(own_bundle) != before
    assert load_build(own_bundle).unknown_files == ["indicators/new_source.csv"]


def test_changed_project_table_changes_the_key(own_bundle, tiny_project):
    before = build_key(own_bundle)
    vintages = tiny_project.tables["vintages"]
    original = vintages.read_text()
    try:
        vintages.write_text(original.replace("2004: Alphabet county", "2004: renamed"))
        assert build_key(own_bundle) != before
    finally:
        vintages.write_text(original)
    assert build_key(own_bundle) == before


def test_build_imports_exactly_its_modules():
    # build -> councils, health, health_vintages, indicators, datadir, display, sources; they
    # bring schemas, validation, tables and themes, and the packages around them. Nothing that
    # answers questions of a build (compare, judgement, profile...).
    assert imported_modules() == BUILD_MODULES


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """A copy of the package the build key reads its modules from."""
    copy = tmp_path / "trustmap"
    shutil.copytree(build_module.PACKAGE_ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build_module, "PACKAGE_ROOT", copy)
    return copy


def test_key_covers_the_modules_the_build_imports_and_no_other(tiny_project, package_copy):
    bundle = tiny_project.bundle
    before = build_key(bundle)
    for outside in ("stats/compare.py", "analysis/profile.py", "show/view.py"):
        with (package_copy / outside).open("a") as module:
            module.write("\n# an edit outside the build\n")
    assert build_key(bundle) == before
    with (package_copy / "bundle" / "councils.py").open("a") as module:
        module.write("\n# an edit inside the build\n")
    changed = build_key(bundle)
    assert changed != before
    with (package_copy / "bundle" / "validation.py").open("a") as module:
        module.write("\n# imported by the build through councils\n")
    assert build_key(bundle) not in (before, changed)


def test_a_module_imported_later_joins_the_key(tiny_project, package_copy):
    bundle = tiny_project.bundle
    councils_source = package_copy / "bundle" / "councils.py"
    councils_source.write_text(
        councils_source.read_text().replace(
            "from trustmap.bundle import schemas",
            "from trustmap.bundle import schemas\nfrom trustmap.stats import compare",
        )
    )
    # compare brings judgement with it.
    assert imported_modules() == sorted(
        [*BUILD_MODULES, "trustmap.stats", "trustmap.stats.compare", "trustmap.stats.judgement"]
    )
    before = build_key(bundle)
    with (package_copy / "stats" / "compare.py").open("a") as module:
        module.write("\n# now inside the build\n")
    assert build_key(bundle) != before


def test_changing_a_comparison_rule_changes_the_profile(tiny_build, monkeypatch):
    """Profiles are computed on request from `judgement`, never read back from the build."""
    ids = ["iod2019-imd-average-score", "lait-fsp-new-gooddev", "ons-infant-mortality-rate"]

    def judgements() -> list[str]:
        table = profile.spine_rows(tiny_build, GAMMA).set_index("indicator_id")
        return table.loc[ids, "judgement"].tolist()

    # Quartiles among 6 and 7 councils; infant mortality by its counts (30 in 10,000).
    assert judgements() == ["lower middle", "worst quarter", "similar"]
    monkeypatch.setattr(judgement, "MIN_QUARTILE_COUNCILS", 7)
    assert judgements() == ["not compared", "worst quarter", "similar"]
    written = sorted(path.name for path in tiny_build.directory.iterdir())
    assert written == sorted([*(f"{name}.parquet" for name in tiny_build.tables), "layers.json"])
