"""The project's own small tables (vintages, pathfinders, themes, the manifest...): package data.

They sit in `data/` in the checkout, which the package reaches as `trustmap/tables` (a link in the
checkout, real files in an installed wheel), as momepy ships its data sets. `TRUSTMAP_TABLES=DIR`
points at another folder laid out the same way, e.g. a test's hand-made tables.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["PACKAGED_TABLES", "TABLES_ENV_VAR", "table_path", "tables_dir"]

TABLES_ENV_VAR = "TRUSTMAP_TABLES"
PACKAGED_TABLES = Path(str(resources.files("trustmap") / "tables"))


def tables_dir() -> Path:
    """The folder of the project's tables: $TRUSTMAP_TABLES, else the package's own."""
    chosen = os.environ.get(TABLES_ENV_VAR)
    return Path(chosen) if chosen else PACKAGED_TABLES


def table_path(relative: str) -> Path:
    """One table's path, e.g. `table_path("boundaries/vintages.csv")`."""
    return tables_dir() / relative
