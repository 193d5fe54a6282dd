"""Browser copies: simplified without gaps between neighbours, rings clockwise, EPSG:4326."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from trustmap.bundle.display import display_copy


def exterior_rings(geometries):
    for geometry in geometries:
        for polygon in getattr(geometry, "geoms", [geometry]):
            yield polygon.exterior


def test_two_neighbours_keep_their_shared_edge():
    squares = gpd.GeoDataFrame(
        {"la_code": ["A", "B"]},
        geometry=[box(400_000, 100_000, 410_000, 110_000), box(410_000, 100_000, 420_000, 110_000)],
        crs=27700,
    )
    shown = display_copy(squares)
    assert shown.crs.to_epsg() == 4326
    gap = shown.geometry.iloc[0].distance(shown.geometry.iloc[1])
    overlap = shown.geometry.iloc[0].intersection(shown.geometry.iloc[1]).area
    assert gap == 0 and overlap < 1e-9
    assert all(not ring.is_ccw for ring in exterior_rings(shown.geometry))


@pytest.mark.bundle
def test_real_councils_display_is_valid_clockwise_and_gap_free(build):
    shown = build["councils_display"].query("vintage == '2019'")
    assert len(shown) == 151 and shapely.is_valid(shown.geometry.values).all()
    assert all(not ring.is_ccw for ring in exterior_rings(shown.geometry))
    projected = shown.to_crs(27700)
    original = build["councils"].query("vintage == '2019'")
    # Simplification may move edges but must not open gaps or overlaps between neighbours.
    assert abs(projected.union_all().area - projected.area.sum()) / original.area.sum() < 1e-3
    assert abs(projected.area.sum() / original.area.sum() - 1) < 0.01
