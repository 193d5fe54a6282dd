"""The build: every processed layer and table, cached as (Geo)Parquet keyed by input checksums.

The cache key covers every file of the data bundle, the project's own tables and every module
the build imports, so a corrected bundle file or a code change rebuilds and is never mixed with
stale results. Nothing computed on request is ever written into a build folder. A build is
written to a temporary folder and renamed into place only when complete.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
from tqdm import tqdm

from trustmap.bundle import councils, health, health_vintages, indicators
from trustmap.bundle.datadir import resolve_data_dir
from trustmap.bundle.display import display_copy
from trustmap.bundle.sources import bundle_files, file_checksum, unknown_files
from trustmap.bundle.tables import tables_dir

CACHE_ENV_VAR = "TRUSTMAP_CACHE"
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CHECKOUT = PACKAGE_ROOT.parent
BUILD_ROOT_MODULE = "trustmap.bundle.build"
KEPT_BUILDS = 3

T = TypeVar("T")


def cache_root() -> Path:
    """$TRUSTMAP_CACHE, else `.cache` in the checkout, else the user's cache folder (an
    installed package)."""
    if chosen := os.environ.get(CACHE_ENV_VAR):
        return Path(chosen)
    if (CHECKOUT / "pyproject.toml").is_file():
        return CHECKOUT / ".cache"
    return Path.home() / ".cache" / "trustmap"


def imported_modules(root: str = BUILD_ROOT_MODULE) -> list[str]:
    """The package's modules (dotted names) that `root` imports, directly or not (itself and
    the packages around each included), read from their source: exactly the code that shapes a
    build, wherever it sits in the package."""
    seen: set[str] = set()
    waiting = [root]
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        tree = ast.parse(module_file(name).read_text(encoding="utf-8"))
        waiting += [found for node in ast.walk(tree) for found in _package_imports(node)]
        waiting += [name.rsplit(".", 1)[0]] if "." in name else []
    return sorted(seen)


def module_file(name: str) -> Path:
    """The source file of one of the package's modules, e.g. `trustmap.bundle.councils`."""
    relative = PACKAGE_ROOT.joinpath(*name.split(".")[1:])
    package = relative / "__init__.py"
    return package if package.is_file() else relative.with_suffix(".py")


def _package_imports(node: ast.AST) -> list[str]:
    """Modules of this package named by one import statement."""
    package = PACKAGE_ROOT.name
    if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == package:
        named = [f"{node.module}.{alias.name}" for alias in node.names]
        return [node.module, *(name for name in named if module_file(name).is_file())]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == package]
    return []


def build_key(data_dir: Path) -> str:
    """Checksum over the bundle's files, the project's tables and the modules the build
    imports."""
    digest = hashlib.sha256()
    inputs = [(f"bundle/{name}", data_dir / name) for name in bundle_files(data_dir)]
    tables = tables_dir()
    inputs += [(f"project/{p.relative_to(tables)}", p) for p in sorted(tables.rglob("*.csv"))]
    inputs += [(f"code/{name}", module_file(name)) for name in imported_modules()]
    for name, path in inputs:
        digest.update(f"{name}:{file_checksum(path)}\n".encode())
    return digest.hexdigest()[:20]


@dataclass
class Build:
    """Processed tables of one bundle; `layers` describes each for the UI and CLI."""

    data_dir: Path
    directory: Path
    tables: dict[str, pd.DataFrame]
    layers: list[dict] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    _row_indexes: dict = field(default_factory=dict, repr=False)
    _memos: dict = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def rows_where(self, name: str, column: str, value: str) -> pd.DataFrame:
        """Rows of table `name` whose `column` equals `value`, through an index built once per
        process (a scan of the 669k indicator values takes tens of milliseconds)."""
        key = (name, column)
        if key not in self._row_indexes:
            self._row_indexes[key] = {
                group: _as_slice(positions)
                for group, positions in self.tables[name]
                .groupby(column, sort=False)
                .indices.items()
            }
        return self.tables[name].iloc[self._row_indexes[key].get(value, slice(0, 0))]

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """A table derived from the build (a lookup, a per-vintage status) computed once per
        process. Keys hold validated choices only (a vintage the build has), so the memo is
        bounded by the build itself; callers read the result and never modify it."""
        if key not in self._memos:
            self._memos[key] = compute()
        return self._memos[key]


def _as_slice(positions):
    """Contiguous positions as a slice (a view, no copy), others as they are."""
    first, last = int(positions[0]), int(positions[-1])
    return slice(first, last + 1) if last - first + 1 == len(positions) else positions


def _write_table(table: pd.DataFrame, path: Path) -> None:
    partial = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.partial")
    table.to_parquet(partial, index=False)
    partial.replace(path)


def _read_table(path: Path) -> pd.DataFrame:
    # The schema alone says which reader: a table is read once, geometry or not.
    geographic = "geometry" in pq.read_schema(path).names
    table = gpd.read_parquet(path) if geographic else pd.read_parquet(path)
    return _in_one_chunk(table)


def _in_one_chunk(table: pd.DataFrame) -> pd.DataFrame:
    """`table` with each Arrow-backed column (the text ones) in one chunk. Parquet gives a chunk
    per row group, and Arrow takes rows from a chunked column by joining its chunks first: a
    council's rows of the 684k indicator values took 30 times longer from six chunks than from
    one. The values and dtypes are unchanged."""
    for name in table.columns:
        column = table[name]
        if not isinstance(column.array, pd.arrays.ArrowExtensionArray):
            continue
        chunks = column.array.__arrow_array__()
        if chunks.num_chunks > 1:
            table[name] = pd.array(chunks.combine_chunks(), dtype=column.dtype)
    return table


def _compute_tables(data_dir: Path, progress: bool) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    steps = tqdm(total=6, desc="Building trustmap layers", disable=not progress, unit="step")
    districts = councils.read_districts(data_dir)
    members = councils.member_tables(districts)
    council_layers = councils.build_council_layers(districts, members)
    steps.update()
    ccg = health.read_ccg2019(data_dir)
    lsoa_units = health.lsoa_ccg_units(data_dir, districts)
    pct_members, pct_coverage = health.pct2006_members(data_dir, members)
    pct = health.dissolve_members(districts, pct_members)
    steps.update()
    tables = {
        "district_areas": councils.district_areas(districts).reset_index(),
        "council_members": members,
        "councils": council_layers,
        "ccg2019": ccg,
        "lsoa_ccg2019": lsoa_units,
        "pct2006_members": pct_members,
        "pct2006": pct,
    }
    health_tables, health_coverage = health_vintages.build_tables(
        data_dir,
        districts,
        tables["district_areas"].set_index("ltla16cd")["area_m2"],
        (pct_members, pct, pct_coverage.as_text()),
    )
    tables.update(health_tables)
    tables["councils_display"] = display_copy(council_layers, group="vintage")
    # The same polygons as these health vintages' own display copies: simplify them once.
    display = health_tables[health_vintages.DISPLAY_TABLE]
    for name in ("ccg2019", "pct2006"):
        chosen = display[display["health"] == name].drop(columns="health")
        tables[f"{name}_display"] = chosen.reset_index(drop=True)
    steps.update()
    values, catalogue = indicators.build_indicators(
        data_dir, lsoa_units.set_index("unit_code")["ltla16cd"], members
    )
    tables["indicator_values"], tables["indicator_catalogue"] = values, catalogue
    steps.update(3)
    steps.close()
    return tables, describe_layers(tables, pct_coverage, health_coverage)


def describe_layers(
    tables: dict[str, pd.DataFrame],
    pct_coverage: health.Coverage,
    health_coverage: dict[str, str] | None = None,
) -> list[dict]:
    """One entry per layer: name, rows, vintage, source file, coverage; one per health vintage
    (`health-<id>`, rows = units, or polygons where there is no lookup)."""
    layers = [
        {
            "layer": f"councils-{vintage}",
            "rows": int(len(rows)),
            "vintage": vintage,
            "source": f"{councils.DISTRICTS_FILE} + data/boundaries/council_changes.csv",
            "coverage": f"{len(rows)} councils (England)",
        }
        for vintage, rows in tables["councils"].groupby("vintage")
    ]
    ccgs = tables["ccg2019"]["health_code"].nunique()
    expected_ccgs = health_vintages.vintage("ccg2019")["expected_bodies"]
    layers += [
        {
            "layer": "ccg2019",
            "rows": len(tables["ccg2019"]),
            "vintage": "April 2019",
            "source": health.CCG_FILE,
            "coverage": f"{ccgs} of {expected_ccgs} CCGs",
        },
        {
            "layer": "lsoa-ccg2019",
            "rows": len(tables["lsoa_ccg2019"]),
            "vintage": "April 2019",
            "source": health.LSOA_LOOKUP_FILE,
            "coverage": "all English LSOAs (2011)",
        },
        {
            "layer": "pct2006",
            "rows": len(tables["pct2006"]),
            "vintage": "October 2006",
            "source": health.PCT_FILE,
            "coverage": pct_coverage.as_text(),
        },
        {
            "layer": "indicators",
            "rows": len(tables["indicator_values"]),
            "vintage": "2004-2025",
            "source": "indicators/*",
            "coverage": f"{len(tables['indicator_catalogue'])} indicators from "
            f"{tables['indicator_catalogue']['source_file'].nunique()} files",
        },
    ]
    units = tables[health_vintages.UNITS_TABLE]["health"].value_counts()
    polygons = tables[health_vintages.AREAS_TABLE]["health"].value_counts()
    for _, row in health_vintages.health_vintages().iterrows():
        if health_coverage is None or row["id"] not in health_coverage:
            continue
        layers.append(
            {
                "layer": f"health-{row['id']}",
                "rows": int(units.get(row["id"], polygons.get(row["id"], 0))),
                "vintage": row["label"].split(":")[0],
                "source": ";".join(health_vintages.source_files(row)),
                "coverage": health_coverage[row["id"]],
            }
        )
    return layers


def load_build(data_dir: str | os.PathLike | None = None, *, progress: bool = False) -> Build:
    """Load the cached build of the bundle, building it first if any input changed."""
    bundle = resolve_data_dir(data_dir)
    directory = cache_root() / f"build-{build_key(bundle)}"
    if not (directory / "layers.json").exists():
        _build_into(bundle, directory, progress)
    meta = json.loads((directory / "layers.json").read_text())
    tables = {path.stem: _read_table(path) for path in directory.glob("*.parquet")}
    return Build(bundle, directory, tables, meta["layers"], unknown_files(bundle))


def _build_into(bundle: Path, directory: Path, progress: bool) -> None:
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=directory.parent))
    try:
        tables, layers = _compute_tables(bundle, progress)
        for name, table in tables.items():
            _write_table(table, staging / f"{name}.parquet")
        (staging / "layers.json").write_text(json.dumps({"layers": layers}, indent=1))
        staging.rename(directory)
    except OSError:
        if not (directory / "layers.json").exists():
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune_old_builds(directory)


def _prune_old_builds(current: Path) -> None:
    builds = sorted(current.parent.glob("build-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEPT_BUILDS:]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)
