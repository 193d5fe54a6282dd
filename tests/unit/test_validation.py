"""Broken copies of real bundle files give an error naming the file, the column and a row."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon

from tests.conftest import writable
from trustmap import councils, health, indicators, schemas
from trustmap.build import cache_root, load_build
from trustmap.datadir import DATA_ENV_VAR, DataDirectoryError, resolve_data_dir
from trustmap.themes import read_trust_priorities
from trustmap.validation import DataFileError, read_csv

LSOA_LOOKUP = health.LSOA_LOOKUP_FILE
IOD_UTLA = "indicators/iod2019_utla_summaries.csv"


def edit_csv(bundle, name, change) -> None:
    path = writable(bundle, name)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(frame).to_csv(path, index=False)


def test_missing_column_names_file_and_column(bundle_copy):
    edit_csv(bundle_copy, LSOA_LOOKUP, lambda f: f.drop(columns="LAD19CD"))
    with pytest.raises(DataFileError, match=r"lookup_lsoa11_ccg19_lad19_ons\.csv.*LAD19CD"):
        read_csv(bundle_copy / LSOA_LOOKUP, schemas.LSOA11_CCG19_LAD19)


def test_non_numeric_value_names_column_and_example_row(bundle_copy):
    edit_csv(bundle_copy, IOD_UTLA, lambda f: f.assign(value=f["value"].mask(f.index == 5, "n/a")))
    with pytest.raises(DataFileError) as caught:
        read_csv(bundle_copy / IOD_UTLA, schemas.IOD2019_UTLA)
    message = str(caught.value)
    assert "iod2019_utla_summaries.csv" in message and "'value'" in message
    assert "'n/a'" in message and "line 7" in message  # header is line 1, row index 5 is line 7


def test_malformed_area_code_is_rejected(bundle_copy):
    edit_csv(
        bundle_copy, IOD_UTLA, lambda f: f.assign(area_code=f["area_code"].mask(f.index == 0, "X1"))
    )
    with pytest.raises(DataFileError, match=r"area_code.*'X1'"):
        read_csv(bundle_copy / IOD_UTLA, schemas.IOD2019_UTLA)


def test_unknown_council_code_is_rejected(build, data_dir):
    rows = indicators.read_long_file(data_dir, indicators.LONG_FILES[0]).head(3).copy()
    rows.loc[rows.index[1], "area_code"] = "E06009999"
    with pytest.raises(DataFileError, match=r"area_code.*unknown council code.*E06009999"):
        indicators.attach_vintages(rows, build["council_members"])


def test_non_utf8_file_is_rejected(bundle_copy):
    path = writable(bundle_copy, IOD_UTLA)
    path.write_bytes(path.read_bytes().replace(b"Hartlepool", b"Hartlep\xf6ol", 1))
    with pytest.raises(DataFileError, match="not UTF-8"):
        read_csv(path, schemas.IOD2019_UTLA)


def _rewrite_layer(bundle, name, change) -> None:
    path = writable(bundle, name)
    layer = change(gpd.read_file(path))
    path.unlink()
    layer.to_file(path, driver="GeoJSON")


def test_wrong_crs_is_rejected(bundle_copy):
    _rewrite_layer(bundle_copy, councils.DISTRICTS_FILE, lambda g: g.to_crs(27700))
    with pytest.raises(DataFileError, match=r"england_ltla_2016_bsc\.geojson: CRS .*EPSG:4326"):
        councils.read_districts(bundle_copy)


def test_invalid_geometry_is_rejected(bundle_copy):
    bowtie = Polygon([(0, 50), (1, 51), (1, 50), (0, 51)])
    _rewrite_layer(
        bundle_copy,
        councils.DISTRICTS_FILE,
        lambda g: g.set_geometry(g.geometry.where(g.index != 3, bowtie)),
    )
    with pytest.raises(DataFileError, match=r"geometry.*invalid geometry.*Self-intersection"):
        councils.read_districts(bundle_copy)


def test_empty_geometry_is_rejected(bundle_copy):
    path = writable(bundle_copy, health.CCG_FILE)
    layer = json.loads(path.read_text())
    layer["features"][2]["geometry"] = None
    path.write_text(json.dumps(layer))
    with pytest.raises(DataFileError, match=r"england_ccg_2019\.geojson.*empty geometry.*E38"):
        health.read_ccg2019(bundle_copy)


def test_duplicate_area_is_rejected(bundle_copy):
    _rewrite_layer(
        bundle_copy,
        councils.DISTRICTS_FILE,
        lambda g: g.assign(ltla16cd=g["ltla16cd"].mask(g.index == 1, g["ltla16cd"][0])),
    )
    with pytest.raises(DataFileError, match=r"ltla16cd.*E06000001"):
        councils.read_districts(bundle_copy)


def test_broken_bundle_leaves_nothing_half_built(bundle_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTMAP_CACHE", str(tmp_path / "cache"))
    edit_csv(bundle_copy, LSOA_LOOKUP, lambda f: f.drop(columns="CCG19CD"))
    with pytest.raises(DataFileError, match="CCG19CD"):
        load_build(bundle_copy)
    assert list(cache_root().glob("*")) == []


def test_missing_data_directory_explains_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataDirectoryError, match=r"--data DIR.*TRUSTMAP_DATA"):
        resolve_data_dir()


def test_trust_priorities_file_is_validated(tmp_path, build):
    known = set(build["council_members"]["la_code"])
    good = tmp_path / "trust_priorities.csv"
    good.write_text("la_code,theme\nE09000029,send\nE09000029,send\n")
    assert read_trust_priorities(good, known).to_dict("records") == [
        {"la_code": "E09000029", "theme": "send"}
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("la_code,theme\nE09000029,astrology\n")
    with pytest.raises(DataFileError, match=r"theme.*unknown theme"):
        read_trust_priorities(bad, known)
    huge = tmp_path / "huge.csv"
    huge.write_text("la_code,theme\n" + "E09000029,send\n" * 80_000)
    with pytest.raises(DataFileError, match="larger than"):
        read_trust_priorities(huge, known)
