"""Slide maps: vector outlines in British National Grid, holes kept for enclosed councils."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from trustmap.colouring import Colouring
from trustmap.slide_map import slide_outlines, static_council_map

COUNTY = Polygon(
    box(0, 0, 30_000, 30_000).exterior.coords, [box(10_000, 10_000, 20_000, 20_000).exterior.coords]
)
CITY = box(10_000, 10_000, 20_000, 20_000)


def colouring(classes: dict[str, int], title: str = "test") -> Colouring:
    frame = pd.DataFrame(
        {
            "la_code": list(classes),
            "la_name": list(classes),
            "class_index": list(classes.values()),
            "detail": "",
        }
    )
    return Colouring(frame, ("low", "high"), ("#000000", "#ffffff"), title)


def test_enclosed_council_shows_through_its_county_hole():
    councils = gpd.GeoDataFrame({"la_code": ["county", "city"]}, geometry=[COUNTY, CITY], crs=27700)
    figure = static_council_map(councils, colouring({"county": 0, "city": 0}), ["city"])
    low, _, outline = figure.data
    assert list(low.x).count(None) == 3  # county exterior, county hole, city
    assert figure.data[1].name == "high" and list(figure.data[1].x) == []
    assert list(outline.x).count(None) == 1 and outline.line.width == 2.5
    assert all(isinstance(x, int) for x in low.x if x is not None)  # whole metres
    assert (low.fillcolor, low.name, outline.name) == (
        "#000000",
        "low",
        "2003 pathfinders (outline)",
    )
    # The city's ring as shapely stores it, in whole metres, closed by a gap.
    assert list(outline.x) == [20_000, 20_000, 10_000, 10_000, 20_000, None]
    assert list(outline.y) == [10_000, 20_000, 20_000, 10_000, 10_000, None]


def test_slide_outlines_keep_shared_edges_and_refuse_lon_lat():
    halves = gpd.GeoDataFrame(
        {"la_code": ["a", "b"]},
        geometry=[box(0, 0, 5_000, 10_000), box(5_000, 0, 10_000, 10_000)],
        crs=27700,
    )
    simplified = slide_outlines(halves)
    assert simplified["la_code"].tolist() == ["a", "b"] and simplified.crs.to_epsg() == 27700
    shared = simplified.geometry.iloc[0].intersection(simplified.geometry.iloc[1])
    assert shared.length == 10_000  # the whole edge x = 5 km
    with pytest.raises(ValueError, match="EPSG:27700"):
        static_council_map(halves.to_crs(4326), colouring({"a": 0, "b": 1}), [])


def test_legend_names_the_colouring_wrapped():
    halves = gpd.GeoDataFrame({"la_code": ["a"]}, geometry=[box(0, 0, 1, 1)], crs=27700)
    title = "A title long enough that a slide legend must wrap it onto two lines"
    figure = static_council_map(halves, colouring({"a": 1}, title), [])
    assert figure.layout.legend.title.text == (
        "A title long enough that a slide legend<br>must wrap it onto two lines"
    )
    assert figure.layout.yaxis.scaleanchor == "x"
