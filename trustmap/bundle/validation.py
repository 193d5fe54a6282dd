"""Read bundle and project files, validating each against its declared schema.

Every failure raises `DataFileError` naming the file, the column and an example row, so a user
can open the file and fix it. Nothing is returned unless the whole file passed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa
import shapely

EXPECTED_EPSG = 4326
POLYGON_TYPES = {"Polygon", "MultiPolygon"}


class DataFileError(ValueError):
    """A data file failed validation; the message names file, column and an example row."""

    def __init__(
        self, path: Path | str, problem: str, *, column: str | None = None, example: object = None
    ):
        self.path, self.column, self.problem = Path(path), column, problem
        where = f", column '{column}'" if column else ""
        shown = f"; example row: {_describe_row(example)}" if example is not None else ""
        super().__init__(f"{Path(path).name}{where}: {problem}{shown}")


def _describe_row(example: object) -> str:
    if isinstance(example, pd.Series):
        shown = {k: v for k, v in example.items() if k != "geometry"}
        label = example.name if isinstance(example.name, str) else f"row {example.name}"
        return f"{label} {shown}"
    return repr(example)


def _first_failure(
    error: pa.errors.SchemaErrors, frame: pd.DataFrame, label_row: Callable[[int], str]
) -> tuple[str | None, str, object]:
    case = error.failure_cases.iloc[0]
    if case["check"] == "column_in_dataframe":
        missing = str(case["failure_case"])
        return missing, f"missing column '{missing}'; columns found: {list(frame.columns)}", None
    column = case["column"] if isinstance(case["column"], str) else None
    index = case["index"]
    if index is None or index not in frame.index:
        return column, f"value {case['failure_case']!r} fails {case['check']}", case["failure_case"]
    example = frame.loc[index].rename(label_row(int(index)))
    return column, f"value {case['failure_case']!r} fails {case['check']}", example


def csv_line(index: int) -> str:
    """Row label of a CSV read with a header: index 0 is line 2 of the file."""
    return f"line {index + 2}"


def feature_number(index: int) -> str:
    return f"feature {index}"


def validate_frame(
    frame: pd.DataFrame,
    schema: pa.DataFrameSchema,
    path: Path | str,
    *,
    label_row: Callable[[int], str] = csv_line,
) -> pd.DataFrame:
    """Validate `frame` (read from `path`) against `schema`; return the coerced frame."""
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        column, problem, example = _first_failure(error, frame, label_row)
        raise DataFileError(path, problem, column=column, example=example) from None


def read_csv(path: Path, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """Read a UTF-8 CSV (plain or .gz) as text and validate it; rows are numbered as in the file."""
    if not path.is_file():
        raise DataFileError(path, f"file not found in {path.parent}")
    try:
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
            encoding_errors="strict",
        )
    except UnicodeDecodeError as error:
        raise DataFileError(
            path, f"not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, EOFError, OSError) as error:
        raise DataFileError(path, f"cannot be read as CSV ({error})") from None
    return validate_frame(frame, schema, path)


def read_polygons(
    path: Path,
    schema: pa.DataFrameSchema,
    code_column: str,
    *,
    epsg: int = EXPECTED_EPSG,
    repair: bool = False,
) -> gpd.GeoDataFrame:
    """Read a GeoJSON (or TopoJSON) layer in EPSG:`epsg`, check its geometry and attributes;
    return it as read. TopoJSON has no CRS member, so a TopoJSON file is taken to be in `epsg`.
    With `repair`, invalid polygons are mended with `shapely.make_valid` and their number is
    kept in `layer.attrs["repaired"]` (quantised TopoJSON self-intersects where arcs snap)."""
    if not path.is_file():
        raise DataFileError(path, f"file not found in {path.parent}")
    try:
        layer = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several unrelated types for unreadable files
        raise DataFileError(path, f"cannot be read as a vector layer ({error})") from None
    if layer.crs is None and path.suffix == ".topojson":
        layer = layer.set_crs(epsg)
    if layer.crs is None or layer.crs.to_epsg() != epsg:
        raise DataFileError(path, f"CRS is {layer.crs}, expected EPSG:{epsg}")
    invalid = ~shapely.is_valid(layer.geometry.values) if repair else None
    if invalid is not None and invalid.any():
        mended = shapely.make_valid(layer.geometry.values[invalid])
        layer.loc[invalid, "geometry"] = gpd.GeoSeries(mended, crs=layer.crs).values
    _check_geometry(layer, path)
    attributes = validate_frame(
        pd.DataFrame(layer.drop(columns="geometry")), schema, path, label_row=feature_number
    )
    _check_unique(attributes, code_column, path)
    checked = gpd.GeoDataFrame(attributes, geometry=layer.geometry, crs=layer.crs)
    checked.attrs["repaired"] = int(invalid.sum()) if invalid is not None else 0
    return checked


def _check_geometry(layer: gpd.GeoDataFrame, path: Path) -> None:
    geometry = layer.geometry
    problems = [
        (geometry.isna() | geometry.is_empty, "empty geometry"),
        (~geometry.geom_type.isin(POLYGON_TYPES), "geometry is not a Polygon or MultiPolygon"),
        (~shapely.is_valid(geometry.values), "invalid geometry"),
    ]
    for failing, problem in problems:
        if failing.any():
            row = layer.loc[failing].iloc[0]
            reason = shapely.is_valid_reason(row.geometry) if problem == "invalid geometry" else ""
            detail = f" ({reason})" if reason else ""
            raise DataFileError(
                path,
                f"{int(failing.sum())} feature(s) with {problem}{detail}",
                column="geometry",
                example=row.rename(feature_number(int(row.name))),
            )


def _check_unique(frame: pd.DataFrame, column: str, path: Path) -> None:
    repeated = frame[column].duplicated(keep=False)
    reject_rows(frame, repeated, path, "code repeated; it must be unique", column=column)


def reject_rows(
    frame: pd.DataFrame, failing: pd.Series, path: Path | str, problem: str, *, column: str
) -> None:
    """Raise `DataFileError` showing the first row where `failing` holds, if any does."""
    if failing.any():
        raise DataFileError(
            path,
            f"{problem} ({int(failing.sum())} row(s))",
            column=column,
            example=frame.loc[failing].iloc[0],
        )
