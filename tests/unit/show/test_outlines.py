"""The map's outline files: compact GeoJSON rounded to 4 places, in code order, addressed by
their content; on hand-made polygons and the tiny bundle."""

from __future__ import annotations

import hashlib
import json

import geopandas as gpd
import pytest
from shapely.geometry import Polygon

from tests.fixtures import bundle as tiny
from trustmap.show.outlines import (
    Outline,
    council_bounds,
    council_order,
    council_outline,
    health_outline,
    outline_geojson,
)

TRIANGLE = Polygon([(-1.123456, 52.000049), (-1.0, 52.00006), (-1.00004, 52.1)])


def test_geojson_rounds_to_four_places_with_i_first():
    frame = gpd.GeoDataFrame(
        {"name": ["Tri"], "code": ["T1"], "unused": [1]}, geometry=[TRIANGLE], crs=4326
    )
    content = outline_geojson(frame, ["code", "name"])
    assert content == (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        b'{"i":0,"code":"T1","name":"Tri"},"geometry":{"type":"Polygon","coordinates":'
        b"[[[-1.1235,52.0],[-1.0,52.0001],[-1.0,52.1],[-1.1235,52.0]]]}}]}"
    )


def test_geojson_refuses_projected_or_unknown_crs():
    frame = gpd.GeoDataFrame({"code": ["T1"]}, geometry=[TRIANGLE], crs=4326)
    with pytest.raises(ValueError, match="outlines must be in EPSG:4326, not EPSG:27700"):
        outline_geojson(frame.to_crs(27700), ["code"])
    with pytest.raises(ValueError, match="not None"):
        outline_geojson(frame.set_crs(None, allow_override=True), ["code"])


def test_an_outline_is_named_by_its_content():
    outline = Outline(b"{}")
    assert outline.digest == hashlib.sha256(b"{}").hexdigest()[:12] == "44136fa355b3"
    assert Outline(b"{ }").digest != outline.digest


def test_councils_in_code_order(tiny_build):
    order = council_order(tiny_build, "2004")
    assert list(order.columns) == ["la_code", "la_name", "geometry"]
    assert order["la_code"].tolist() == [
        tiny.GAMMA,
        tiny.DELTA,
        tiny.EPSILON,
        tiny.SHIRE_2009,
        tiny.ALPHABET,  # "PRE2009-..." sorts after "E..."
    ]
    features = json.loads(council_outline(tiny_build, "2004").content)["features"]
    assert [feature["properties"] for feature in features] == [
        {"i": i, "la_code": code, "la_name": name}
        for i, (code, name) in enumerate(order[["la_code", "la_name"]].values.tolist())
    ]
    # Alphabet is Alpha and Beta: the 0.2 x 0.1 degree rectangle at 2W 52N.
    assert gpd.GeoDataFrame.from_features(features).geometry.iloc[4].bounds == (
        -2.0,
        52.0,
        -1.8,
        52.1,
    )
    assert council_outline(tiny_build, "2004") is council_outline(tiny_build, "2004")


def test_health_outlines_of_the_bodies_with_polygons(tiny_build):
    features = json.loads(health_outline(tiny_build, "ccg2019").content)["features"]
    assert [feature["properties"] for feature in features] == [
        {"i": 0, "health_code": "E38000901", "health_name": "NHS Alphabet CCG"},
        {"i": 1, "health_code": "E38000902", "health_name": "NHS Gamma CCG"},
        {"i": 2, "health_code": "E38000903", "health_name": "NHS Shire CCG"},
        {"i": 3, "health_code": "E38000904", "health_name": "NHS Delta and Epsilon CCG"},
    ]
    # PCTs of 2006 are drawn from their member districts: Delta's PCT covers part of Delta
    # only, and Epsilon's is unsourced, so neither is drawn.
    pcts = json.loads(health_outline(tiny_build, "pct2006").content)["features"]
    assert [feature["properties"]["health_name"] for feature in pcts] == [
        "Alphabet PCT",
        "Gamma PCT",
        "Shire PCT",
    ]
    with pytest.raises(ValueError, match="no polygons for health vintage 'icb2024'"):
        health_outline(tiny_build, "icb2024")


def test_council_bounds_in_degrees(tiny_build):
    bounds = council_bounds(tiny_build, "2023")
    assert list(bounds.columns) == ["minx", "miny", "maxx", "maxy"]
    assert bounds.loc[tiny.WEST_SHIRE].tolist() == pytest.approx([-2.0, 52.1, -1.8, 52.2])
    assert bounds.loc[tiny.EPSILON].tolist() == pytest.approx([-1.7, 52.1, -1.6, 52.2])
    assert bounds.index.tolist() == council_order(tiny_build, "2023")["la_code"].tolist()
