"""Browser copies of polygon layers: simplified with shared edges kept, in EPSG:4326."""

from __future__ import annotations

import geopandas as gpd
import shapely

DISPLAY_EPSG = 4326
# Invisible at the England-wide zooms the map opens at (a pixel is about 1.5 km); it halves the
# GeoJSON the browser parses and MapLibre tessellates against 300 m (304 kB against 421 kB).
SIMPLIFY_TOLERANCE_M = 500.0
COORDINATE_GRID_DEG = 1e-4  # about 10 m; keeps the GeoJSON sent to the browser small


def display_copy(layer: gpd.GeoDataFrame, *, group: str | None = None) -> gpd.GeoDataFrame:
    """Simplify a coverage (polygons that share edges, EPSG:27700) without opening gaps between
    neighbours, reproject to EPSG:4326 and orient exterior rings clockwise, as d3-geo (plotly's
    `geo` traces) requires and MapLibre accepts. `group` names a column whose values are
    separate coverages (one per council vintage)."""
    parts = [layer] if group is None else [rows for _, rows in layer.groupby(group, sort=False)]
    simplified = [
        part.set_geometry(shapely.coverage_simplify(part.geometry.values, SIMPLIFY_TOLERANCE_M))
        for part in parts
    ]
    joined = gpd.GeoDataFrame(gpd.pd.concat(simplified), crs=layer.crs).to_crs(DISPLAY_EPSG)
    geometry = shapely.set_precision(joined.geometry.values, COORDINATE_GRID_DEG)
    geometry = shapely.orient_polygons(shapely.make_valid(geometry), exterior_cw=True)
    return joined.set_geometry(geometry).drop(columns=["area_m2"], errors="ignore")
