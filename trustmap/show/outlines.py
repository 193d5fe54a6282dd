"""The map's geometry as compact GeoJSON files: one per council vintage and one per health
vintage with polygons, made once per build and addressed by their content, so a browser fetches
each at most once and caches it for good. Colours never travel with them (see `map_paint`)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from trustmap.bundle.build import Build
from trustmap.model.health_classes import display_ids, health_areas

__all__ = [
    "Outline",
    "council_bounds",
    "council_order",
    "council_outline",
    "health_outline",
    "outline_geojson",
]

# 4 decimal places of a degree is about 10 m: no visible slivers at London zoom, and 3 would
# save only 16 kB compressed.
PLACES = 4


@dataclass(frozen=True)
class Outline:
    """A GeoJSON file's bytes and its content-addressed name."""

    content: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.content).hexdigest()[:12]


def outline_geojson(frame: gpd.GeoDataFrame, columns: list[str]) -> bytes:
    """Polygons (EPSG:4326) with `columns` as properties and `i`, the row's position, as compact
    GeoJSON with coordinates rounded to `PLACES`."""
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ValueError(f"outlines must be in EPSG:4326, not {frame.crs}")
    rounded = shapely.transform(frame.geometry.array, lambda xy: np.round(xy, PLACES))
    features = [
        {
            "type": "Feature",
            "properties": {"i": i, **{column: row[column] for column in columns}},
            "geometry": shapely.geometry.mapping(geometry),
        }
        for i, (geometry, (_, row)) in enumerate(zip(rounded, frame.iterrows(), strict=True))
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":")).encode()


def council_order(build: Build, vintage: str) -> gpd.GeoDataFrame:
    """Display polygons of a vintage's councils sorted by code: the order of every array the map
    receives (la_code, la_name, geometry); once per process and vintage."""

    def compute() -> gpd.GeoDataFrame:
        display = build["councils_display"]
        chosen = display[display["vintage"] == vintage].sort_values("la_code")
        return chosen[["la_code", "la_name", "geometry"]].reset_index(drop=True)

    return build.memo(("council_order", vintage), compute)


def council_outline(build: Build, vintage: str) -> Outline:
    """The councils of a vintage (properties i, la_code, la_name)."""
    return build.memo(
        ("council_outline", vintage),
        lambda: Outline(outline_geojson(council_order(build, vintage), ["la_code", "la_name"])),
    )


def health_outline(build: Build, health_id: str) -> Outline:
    """The health areas of a health vintage with polygons (properties i, health_code,
    health_name); raises ValueError for one without (see `display_ids`)."""
    if health_id not in display_ids(build):
        raise ValueError(f"no polygons for health vintage '{health_id}'")

    def make() -> Outline:
        areas = health_areas(build, health_id, display=True).sort_values("health_code")
        return Outline(
            outline_geojson(areas.reset_index(drop=True), ["health_code", "health_name"])
        )

    return build.memo(("health_outline", health_id), make)


def council_bounds(build: Build, vintage: str) -> pd.DataFrame:
    """Each council's bounding box in degrees, indexed by la_code: minx, miny, maxx, maxy."""

    def compute() -> pd.DataFrame:
        councils = council_order(build, vintage)
        return councils.geometry.bounds.set_index(councils["la_code"])

    return build.memo(("council_bounds", vintage), compute)
