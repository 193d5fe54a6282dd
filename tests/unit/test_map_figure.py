"""The interactive council map, from hand-made polygons and colourings."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from trustmap.colouring import Colouring
from trustmap.map_figure import (
    colouring_properties,
    council_geojson,
    council_map,
    health_geojson,
    health_outline,
    selected_points,
)

COUNCILS = gpd.GeoDataFrame(
    {"la_code": ["B", "A", "C"], "la_name": ["Bee", "Ay", "Sea"]},
    geometry=[box(-1.9, 52, -1.8, 52.1), box(-2, 52, -1.9, 52.1), box(-1.8, 52, -1.7, 52.1)],
    crs=4326,
)
COLOURING = Colouring(
    pd.DataFrame(
        {
            "la_code": ["A", "B", "C"],
            "la_name": ["Ay", "Bee", "Sea"],
            "class_index": [0, 1, 1],
            "detail": ["1.5", "2.5", "no value"],
        }
    ),
    ("low", "high"),
    ("#000000", "#ffffff"),
    "A colouring title that is long enough to wrap",
    "points",
)


def test_geojson_carries_only_the_code_in_code_order():
    geojson = council_geojson(COUNCILS)
    assert [f["properties"] for f in geojson["features"]] == [
        {"la_code": "A"},
        {"la_code": "B"},
        {"la_code": "C"},
    ]
    assert geojson["features"][0]["geometry"]["coordinates"][0][0] == (-1.9, 52.0)
    with pytest.raises(ValueError, match="must be in EPSG:4326"):
        council_geojson(COUNCILS.to_crs(27700))


def test_colouring_properties_are_numbers_and_a_stepped_scale():
    properties = colouring_properties(COLOURING)
    assert properties["z"] == [0, 1, 1]
    assert properties["customdata"] == ["1.5", "2.5", "no value"]
    assert properties["colorscale"] == [
        [0.0, "#000000"],
        [0.5, "#000000"],
        [0.5, "#ffffff"],
        [1.0, "#ffffff"],
    ]
    assert (properties["zmin"], properties["zmax"]) == (-0.5, 1.5)
    assert properties["hovertemplate"] == "<b>%{text}</b><br>%{customdata}<extra>points</extra>"
    bar = properties["colorbar"]
    assert (bar["tickvals"], bar["ticktext"]) == ([0, 1], ["low", "high"])
    assert bar["title"]["text"] == "A colouring title that is<br>long enough to wrap"


def test_selected_points_are_positions_in_map_order():
    assert selected_points(COLOURING, None) is None
    assert selected_points(COLOURING, ["C", "A"]) == [0, 2]
    assert selected_points(COLOURING, ["Z"]) is None


def test_map_outlines_the_pathfinders_and_fades_the_rest():
    figure = council_map(council_geojson(COUNCILS), COLOURING, ["B", "Z"], highlighted=["A"])
    fill, outline = figure.data
    assert list(fill.locations) == ["A", "B", "C"] and list(fill.text) == ["Ay", "Bee", "Sea"]
    assert list(fill.selectedpoints) == [0]
    assert list(outline.locations) == ["B"]  # Z is not on the map
    assert outline.marker.line.width == 2.5 and outline.hoverinfo == "skip"
    assert figure.layout.map.style == "white-bg"


def test_health_outline_names_each_area():
    areas = gpd.GeoDataFrame(
        {"health_code": ["H1"], "health_name": ["NHS One"], "area_m2": [1.0]},
        geometry=[box(-2, 52, -1.8, 52.1)],
        crs=4326,
    )
    geojson = health_geojson(areas)
    assert geojson["features"][0]["properties"] == {"health_code": "H1", "health_name": "NHS One"}
    trace = health_outline(geojson, "CCG April 2019")
    assert (list(trace.locations), list(trace.text)) == (["H1"], ["NHS One"])
    assert trace.hovertemplate == "%{text}<extra>CCG April 2019</extra>"
    with pytest.raises(ValueError, match="health polygons must be in EPSG:4326"):
        health_geojson(areas.to_crs(27700))
