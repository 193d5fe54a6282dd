"""Where every file comes from: the committed manifest of the bundle, checksums and attribution."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pandas as pd

from trustmap.bundle import schemas
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import read_csv

__all__ = [
    "OGL_ATTRIBUTION",
    "bundle_files",
    "citation",
    "describe",
    "file_checksum",
    "manifest",
    "source_line",
    "unknown_files",
]

MANIFEST_TABLE = "manifest.csv"
OGL_ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0. "
    "Source: Office for National Statistics and government departments as named; "
    "contains OS data © Crown copyright and database right."
)


@cache
def manifest() -> pd.DataFrame:
    """The bundle files this project knows: file, title, publisher, origin, vintage, licence."""
    return read_csv(table_path(MANIFEST_TABLE), schemas.MANIFEST).set_index("file")


def describe(file: str) -> dict[str, str]:
    """Source facts of one bundle file, e.g. for a chart's source line."""
    row = manifest().loc[file]
    return {"file": file, **row.to_dict()}


def citation(file: str) -> str:
    """'Publisher, Title (vintage)' of one bundle file."""
    facts = describe(file)
    return f"{facts['publisher']}, {facts['title']} ({facts['vintage']})"


def source_line(*files: str) -> str:
    """One line naming publisher, title and vintage of each file, for charts and tables."""
    cited = "; ".join(citation(file) for file in dict.fromkeys(files))
    return f"Source: {cited}. Open Government Licence v3.0."


def file_checksum(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bundle_files(data_dir: Path) -> list[str]:
    """Every data file in the bundle, as paths relative to it (SOURCES/notes excluded)."""
    return sorted(
        str(path.relative_to(data_dir))
        for path in data_dir.rglob("*")
        if path.is_file() and path.suffix not in {".md"}
    )


def unknown_files(data_dir: Path) -> list[str]:
    """Bundle files the manifest does not describe: noticed and reported, never used."""
    return [f for f in bundle_files(data_dir) if f not in manifest().index]
