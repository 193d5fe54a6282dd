"""The package's layers, read from the source: each module imports only its own layer or those
below it, and nothing in the package imports Dash."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trustmap

PACKAGE_ROOT = Path(trustmap.__file__).parent
# Lowest first: the vocabulary and the bundle's readers up to the command line.
LAYERS = (
    "trustmap.vocabulary",
    "trustmap.bundle",
    "trustmap.model",
    "trustmap.stats",
    "trustmap.analysis",
    "trustmap.show",
    "trustmap.export",
    "trustmap.cli",
    "trustmap.__main__",
)


def layer_of(module: str) -> int:
    """Index in LAYERS of the layer a dotted module name belongs to."""
    for index, layer in enumerate(LAYERS):
        if module == layer or module.startswith(f"{layer}."):
            return index
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS or move it")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[str]:
    """Every absolute module name one source file imports (`from a.b import c` names a.b.c
    too, since c may be a module)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def upward_imports(root: Path) -> list[str]:
    """'importer -> imported' for each import of a higher layer under the package `root`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        importer = module_name(path)
        if importer == "trustmap":
            continue
        for imported in imports_of(path):
            if imported.split(".")[0] != "trustmap" or imported == "trustmap":
                continue
            if layer_of(imported) > layer_of(importer):
                found.append(f"{importer} -> {imported}")
    return found


def test_no_module_imports_a_higher_layer():
    assert upward_imports(PACKAGE_ROOT) == []


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    """The check itself: a bundle module that imports the statistics layer is reported."""
    bundle = tmp_path / "trustmap" / "bundle"
    bundle.mkdir(parents=True)
    (bundle / "reader.py").write_text("from trustmap.stats import compare\n")
    monkeypatch.setattr(f"{__name__}.PACKAGE_ROOT", tmp_path / "trustmap")  # module_name reads it
    assert upward_imports(tmp_path / "trustmap") == [
        "trustmap.bundle.reader -> trustmap.stats",
        "trustmap.bundle.reader -> trustmap.stats.compare",
    ]


def test_a_module_outside_every_layer_is_refused():
    with pytest.raises(AssertionError, match="trustmap.helpers belongs to no layer"):
        layer_of("trustmap.helpers")


def test_the_package_imports_no_dash():
    dash_imports = [
        f"{module_name(path)} -> {found}"
        for path in PACKAGE_ROOT.rglob("*.py")
        for found in imports_of(path)
        if found.split(".")[0] == "dash"
    ]
    assert dash_imports == []


def test_at_most_twelve_modules_sit_at_the_top():
    assert len(list(PACKAGE_ROOT.glob("*.py"))) <= 12
