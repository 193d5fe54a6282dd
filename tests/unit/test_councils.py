"""Council vintages: counts, the bundle's own upper-tier files, and predecessor/successor links."""

from __future__ import annotations

import geopandas as gpd
import pytest

from trustmap import councils
from trustmap.vintages import district_area_series

BUNDLE_LAYERS = {
    "2004": ("boundaries/england_upper_tier_la_2004_2008_bsc.geojson", "la_code"),
    "2009": ("boundaries/england_utla_2009_2019_bsc.geojson", "utla16cd"),
}


def test_each_vintage_has_its_sourced_number_of_councils(build):
    built = build["councils"].groupby("vintage").size().to_dict()
    expected = councils.vintages().set_index("vintage")["councils"].to_dict()
    assert (
        built
        == expected
        == {"2004": 150, "2009": 152, "2019": 151, "2020": 151, "2021": 152, "2023": 153}
    )


def test_every_vintage_partitions_the_326_districts(build):
    members = build["council_members"]
    per_vintage = members.groupby("vintage")["ltla16cd"]
    assert (per_vintage.nunique() == 326).all() and (per_vintage.size() == 326).all()


@pytest.mark.parametrize("vintage", ["2004", "2009"])
def test_built_vintage_matches_bundle_upper_tier_area_by_area(build, data_dir, vintage):
    name, code = BUNDLE_LAYERS[vintage]
    bundle = gpd.read_file(data_dir / name).to_crs(27700).set_index(code)
    ours = build["councils"].query("vintage == @vintage").set_index("la_code")
    assert set(ours.index) == set(bundle.index)
    overlap = ours.geometry.intersection(bundle.geometry.reindex(ours.index)).area
    union = ours.geometry.union(bundle.geometry.reindex(ours.index)).area
    # Both are dissolved from the same 200 m districts: differences are rounding only.
    assert (overlap / union).min() > 0.999


def test_council_types_and_names_of_2004(build):
    c2004 = build["councils"].query("vintage == '2004'").set_index("la_code")
    assert c2004["la_type"].value_counts().to_dict() == {"UA": 47, "MD": 36, "County": 34, "LB": 33}
    assert c2004.loc["PRE2009-CHES", "la_name"] == "Cheshire"
    assert c2004.loc["E06000052", "la_type"] == "County"  # Cornwall before April 2009


def test_successors_are_derived_from_members(build):
    links = councils.successors(
        build["council_members"], district_area_series(build), "2009", "2023"
    )
    cumbria = links[links["la_code_from"] == "E10000006"].set_index("la_code_to")
    assert set(cumbria.index) == {"E06000063", "E06000064"}
    assert cumbria["share_of_from"].sum() == pytest.approx(1.0)
    bucks = links[links["la_code_from"] == "E10000002"]
    assert bucks[["la_code_to", "share_of_from"]].values.tolist() == [["E06000060", 1.0]]
    back = councils.successors(
        build["council_members"], district_area_series(build), "2009", "2004"
    )
    assert back.set_index("la_code_from").loc["E06000055", "la_code_to"] == "PRE2009-BEDS"


def test_change_that_leaves_a_district_uncovered_is_rejected(build):
    base = councils.base_members(councils.read_districts(build.data_dir))
    changes = councils.council_changes().query("la_code == 'E06000061'")
    with pytest.raises(councils.DataFileError, match="uncovered"):
        councils.apply_changes(base, changes)
