"""Broken copies of the tiny bundle's files give an error naming the file, the column and a row."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon

from tests.fixtures.bundle import IOD_UTLA_FILE, write_bundle
from trustmap.bundle import councils, health, schemas
from trustmap.bundle.build import cache_root, load_build
from trustmap.bundle.validation import DataFileError, read_csv, read_polygons

LSOA_LOOKUP = health.LSOA_LOOKUP_FILE


@pytest.fixture
def bundle(tmp_path):
    """A fresh tiny bundle that a test may break."""
    return write_bundle(tmp_path / "bundle")


def edit_csv(bundle, name, change) -> None:
    path = bundle / name
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False)


def rewrite_layer(bundle, name, change) -> None:
    path = bundle / name
    layer = change(gpd.read_file(path))
    path.unlink()
    layer.to_file(path, driver="GeoJSON")


def test_intact_files_pass_and_come_back_coerced(bundle):
    table = read_csv(bundle / IOD_UTLA_FILE, schemas.IOD2019_UTLA)
    assert len(table) == 11 and table["value"].dtype == float
    assert table["value"].tolist()[:2] == [30.0, 20.0]
    layer = read_polygons(bundle / councils.DISTRICTS_FILE, schemas.LTLA_2016, "ltla16cd")
    assert len(layer) == 7 and layer.crs.to_epsg() == 4326


def test_missing_column_names_file_and_column(bundle):
    edit_csv(bundle, LSOA_LOOKUP, lambda f: f.drop(columns="LAD19CD"))
    with pytest.raises(DataFileError, match=r"lookup_lsoa11_ccg19_lad19_ons\.csv.*LAD19CD"):
        read_csv(bundle / LSOA_LOOKUP, schemas.LSOA11_CCG19_LAD19)


def test_non_numeric_value_names_column_and_example_row(bundle):
    edit_csv(bundle, IOD_UTLA_FILE, lambda f: f.assign(value=f["value"].mask(f.index == 5, "n/a")))
    with pytest.raises(DataFileError) as caught:
        read_csv(bundle / IOD_UTLA_FILE, schemas.IOD2019_UTLA)
    message = str(caught.value)
    assert message.startswith("iod2019_utla_summaries.csv, column 'value': value 'n/a' fails")
    assert "line 7" in message and "Epsilon" in message  # header is line 1, row 5 is line 7


def test_malformed_area_code_is_rejected(bundle):
    edit_csv(
        bundle, IOD_UTLA_FILE, lambda f: f.assign(area_code=f["area_code"].mask(f.index == 0, "X1"))
    )
    with pytest.raises(DataFileError, match=r"area_code.*'X1'"):
        read_csv(bundle / IOD_UTLA_FILE, schemas.IOD2019_UTLA)


def test_non_utf8_file_is_rejected(bundle):
    path = bundle / IOD_UTLA_FILE
    path.write_bytes(path.read_bytes().replace(b"Alpha", b"Alph\xe4", 1))
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_csv(path, schemas.IOD2019_UTLA)


def test_missing_file_is_named(bundle):
    (bundle / IOD_UTLA_FILE).unlink()
    with pytest.raises(DataFileError, match=r"iod2019_utla_summaries\.csv: file not found in"):
        read_csv(bundle / IOD_UTLA_FILE, schemas.IOD2019_UTLA)


def test_unreadable_layer_is_named(bundle):
    (bundle / councils.DISTRICTS_FILE).write_text("not json")
    with pytest.raises(DataFileError, match=r"england_ltla_2016_bsc\.geojson: cannot be read"):
        councils.read_districts(bundle)


def test_wrong_crs_is_rejected(bundle):
    rewrite_layer(bundle, councils.DISTRICTS_FILE, lambda g: g.to_crs(27700))
    with pytest.raises(DataFileError, match=r"england_ltla_2016_bsc\.geojson: CRS .*EPSG:4326"):
        councils.read_districts(bundle)


def test_invalid_geometry_is_rejected(bundle):
    bowtie = Polygon([(0, 50), (1, 51), (1, 50), (0, 51)])
    rewrite_layer(
        bundle,
        councils.DISTRICTS_FILE,
        lambda g: g.set_geometry(g.geometry.where(g.index != 3, bowtie)),
    )
    with pytest.raises(DataFileError, match=r"geometry.*invalid geometry.*Self-intersection"):
        councils.read_districts(bundle)


def test_empty_geometry_is_rejected(bundle):
    path = bundle / health.CCG_FILE
    layer = json.loads(path.read_text())
    layer["features"][2]["geometry"] = None
    path.write_text(json.dumps(layer))
    with pytest.raises(DataFileError) as caught:
        health.read_ccg2019(bundle)
    message = str(caught.value)
    assert message.startswith("england_ccg_2019.geojson, column 'geometry': 1 feature(s) with")
    assert "empty geometry" in message and "feature 2" in message and "E38000903" in message


def test_duplicate_area_is_rejected(bundle):
    rewrite_layer(
        bundle,
        councils.DISTRICTS_FILE,
        lambda g: g.assign(ltla16cd=g["ltla16cd"].mask(g.index == 1, g["ltla16cd"][0])),
    )
    with pytest.raises(DataFileError) as caught:
        councils.read_districts(bundle)
    assert str(caught.value).startswith(
        "england_ltla_2016_bsc.geojson, column 'ltla16cd': value 'E06000901' fails "
        "field_uniqueness; example row: feature 0 {'ltla16cd': 'E06000901', 'ltla16nm': 'Alpha'"
    )


def test_broken_bundle_leaves_nothing_half_built(bundle, tiny_project, monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTMAP_CACHE", str(tmp_path / "cache"))
    edit_csv(bundle, LSOA_LOOKUP, lambda f: f.drop(columns="CCG19CD"))
    with pytest.raises(DataFileError, match="CCG19CD"):
        load_build(bundle)
    assert list(cache_root().glob("*")) == []
