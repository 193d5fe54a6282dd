"""Find the data bundle: a directory laid out like `../shared/data` (boundaries/, indicators/)."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV_VAR = "TRUSTMAP_DATA"
# Beside the checkout, as this project is laid out; an installed copy sets TRUSTMAP_DATA.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data"
BUNDLE_SUBDIRS = ("boundaries", "indicators")


class DataDirectoryError(RuntimeError):
    """The data bundle could not be found or is not laid out as expected."""


def _explain(problem: str) -> str:
    return (
        f"{problem} trustmap reads its boundary and indicator files from a data bundle: a "
        f"directory with the sub-folders boundaries/ and indicators/ (see README, 'Data'). "
        f"Point at it with `--data DIR` or the environment variable {DATA_ENV_VAR}=DIR; "
        f"without either, trustmap looks for {DEFAULT_DATA_DIR}."
    )


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the bundle directory: `explicit`, else $TRUSTMAP_DATA, else ../shared/data."""
    chosen = explicit or os.environ.get(DATA_ENV_VAR)
    candidate = Path(chosen) if chosen else DEFAULT_DATA_DIR
    if not candidate.is_dir():
        origin = "given" if chosen else "default"
        raise DataDirectoryError(_explain(f"No data directory at {candidate} ({origin})."))
    missing = [name for name in BUNDLE_SUBDIRS if not (candidate / name).is_dir()]
    if missing:
        raise DataDirectoryError(_explain(f"{candidate} has no {', '.join(missing)}/ sub-folder."))
    return candidate.resolve()
