"""Slide maps: vector outlines in British National Grid, holes kept for enclosed councils."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from trustmap.colouring import Colouring
from trustmap.slide_map import SlideMapLayers, slide_outlines, static_council_map

COUNTY = Polygon(
    box(0, 0, 30_000, 30_000).exterior.coords, [box(10_000, 10_000, 20_000, 20_000).exterior.coords]
)
CITY = box(10_000, 10_000, 20_000, 20_000)


def colouring(classes: dict[str, int]) -> Colouring:
    frame = pd.DataFrame(
        {
            "la_code": list(classes),
            "la_name": list(classes),
            "class_index": list(classes.values()),
            "detail": "",
        }
    )
    return Colouring(frame, ("low", "high"), ("#000000", "#ffffff"), "test")


def test_enclosed_council_shows_through_its_county_hole():
    councils = gpd.GeoDataFrame({"la_code": ["county", "city"]}, geometry=[COUNTY, CITY], crs=27700)
    layers = SlideMapLayers(
        councils, colouring({"county": 0, "city": 0}), pathfinder_codes=("city",)
    )
    figure = static_council_map(layers)
    low, low_faded, high, _, faded_outline, outline = figure.data
    assert list(low.x).count(None) == 3  # county exterior, county hole, city
    assert list(low_faded.x) == [] and high.name == "high" and list(high.x) == []
    assert list(outline.x).count(None) == 1 and outline.line.width == 2.5
    assert list(faded_outline.x) == []
    assert all(isinstance(x, int) for x in low.x if x is not None)  # whole metres


def test_slide_outlines_keep_shared_edges_and_refuse_lon_lat():
    halves = gpd.GeoDataFrame(
        {"la_code": ["a", "b"]},
        geometry=[box(0, 0, 5_000, 10_000), box(5_000, 0, 10_000, 10_000)],
        crs=27700,
    )
    simplified = slide_outlines(halves)
    assert simplified.geometry.iloc[0].intersection(simplified.geometry.iloc[1]).length > 0
    with pytest.raises(ValueError, match="EPSG:27700"):
        static_council_map(SlideMapLayers(halves.to_crs(4326), colouring({"a": 0, "b": 1})))
