"""Council vintages: member tables from hand-made districts and changes, the tiny bundle's four
vintages, and on the real bundle the sourced counts, upper-tier files and successor links."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from tests.fixtures.tables import project_tables_with
from trustmap.bundle import councils
from trustmap.bundle.tables import TABLES_ENV_VAR
from trustmap.model.vintages import district_area_series

BUNDLE_LAYERS = {
    "2004": ("boundaries/england_upper_tier_la_2004_2008_bsc.geojson", "la_code"),
    "2009": ("boundaries/england_utla_2009_2019_bsc.geojson", "utla16cd"),
}


def districts(*rows: tuple) -> pd.DataFrame:
    """Districts as (ltla16cd, ltla16nm, ltla_type, cty16cd, cty16nm); all in region R."""
    frame = pd.DataFrame(rows, columns=["ltla16cd", "ltla16nm", "ltla_type", "cty16cd", "cty16nm"])
    return frame.assign(rgn16cd="E12000009", rgn16nm="R")


def changes(*rows: tuple) -> pd.DataFrame:
    """Council changes as (la_code, la_name, la_type, [members]), exploded as council_changes()."""
    frame = pd.DataFrame(rows, columns=["la_code", "la_name", "la_type", "ltla16cd"])
    return frame.explode("ltla16cd").reset_index(drop=True)


BASE = councils.base_members(
    districts(
        ("D1", "One", "UA", None, None),
        ("D2", "Two", "NMD", "C1", "County"),
        ("D3", "Three", "NMD", "C1", "County"),
        ("D4", "Four", "LB", None, None),
    )
)


def members_of(table: pd.DataFrame) -> dict[str, list[str]]:
    return table.groupby("la_code")["ltla16cd"].agg(sorted).to_dict()


def test_base_members_take_each_county_whole_and_other_districts_as_themselves():
    assert members_of(BASE) == {"C1": ["D2", "D3"], "D1": ["D1"], "D4": ["D4"]}
    kinds = BASE.drop_duplicates("la_code").set_index("la_code")
    assert kinds["la_type"].to_dict() == {"D1": "UA", "C1": "County", "D4": "LB"}
    assert kinds["la_name"].to_dict() == {"D1": "One", "C1": "County", "D4": "Four"}
    assert list(BASE.columns) == councils.MEMBER_COLUMNS


def test_a_change_replaces_every_council_it_touches():
    merged = councils.apply_changes(BASE, changes(("N1", "New", "UA", ["D1", "D2", "D3"])))
    assert members_of(merged) == {"D4": ["D4"], "N1": ["D1", "D2", "D3"]}
    assert set(merged.loc[merged["la_code"] == "N1", "region_name"]) == {"R"}
    split = councils.apply_changes(
        BASE, changes(("S1", "West", "UA", ["D2"]), ("S2", "East", "UA", ["D3"]))
    )
    assert members_of(split) == {"D1": ["D1"], "D4": ["D4"], "S1": ["D2"], "S2": ["D3"]}


def test_change_that_leaves_a_district_uncovered_is_rejected():
    # D2 alone replaces county C1, which also held D3: D3 would belong to no council.
    with pytest.raises(councils.DataFileError, match=r"uncovered \['D3'\] or doubled \[\]"):
        councils.apply_changes(BASE, changes(("N1", "New", "UA", ["D2"])))


def test_change_that_doubles_a_district_is_rejected():
    twice = changes(("N1", "New", "UA", ["D2", "D3"]), ("N2", "Other", "UA", ["D3"]))
    with pytest.raises(councils.DataFileError, match=r"uncovered \[\] or doubled \['D3'\]"):
        councils.apply_changes(BASE, twice)


def test_change_naming_an_unknown_district_is_rejected():
    with pytest.raises(councils.DataFileError, match="ltla16_members.*not a 2016 district.*D9"):
        councils.apply_changes(BASE, changes(("N1", "New", "UA", ["D1", "D9"])))


def test_tiny_vintages_are_built_from_the_project_tables(tiny_project):
    listed = councils.vintages()
    assert listed["vintage"].tolist() == ["2004", "2009", "2019", "2023"]
    assert listed["councils"].tolist() == [5, 6, 6, 7]
    read = councils.council_changes()
    assert read.groupby("la_code")["ltla16cd"].agg(sorted).to_dict() == {
        tiny.ALPHABET: [tiny.ALPHA, tiny.BETA],
        tiny.SHIRE_2019: [tiny.SHIRE_WEST, tiny.SHIRE_EAST],
        tiny.WEST_SHIRE: [tiny.SHIRE_WEST],
        tiny.EAST_SHIRE: [tiny.SHIRE_EAST],
    }
    members = councils.member_tables(councils.read_districts(tiny_project.bundle))
    by_vintage = {
        vintage: members_of(rows) for vintage, rows in members.groupby("vintage", sort=True)
    }
    shire = [tiny.SHIRE_WEST, tiny.SHIRE_EAST]
    unchanged = {
        tiny.GAMMA: [tiny.GAMMA],
        tiny.DELTA: [tiny.DELTA],
        tiny.EPSILON: [tiny.EPSILON],
    }
    alpha_beta = {tiny.ALPHA: [tiny.ALPHA], tiny.BETA: [tiny.BETA]}
    assert by_vintage == {
        "2004": {tiny.ALPHABET: [tiny.ALPHA, tiny.BETA], tiny.SHIRE_2009: shire, **unchanged},
        "2009": {**alpha_beta, tiny.SHIRE_2009: shire, **unchanged},
        "2019": {**alpha_beta, tiny.SHIRE_2019: shire, **unchanged},
        "2023": {
            **alpha_beta,
            tiny.WEST_SHIRE: [tiny.SHIRE_WEST],
            tiny.EAST_SHIRE: [tiny.SHIRE_EAST],
            **unchanged,
        },
    }


def test_change_of_an_unlisted_vintage_is_rejected(tiny_project, tmp_path, monkeypatch):
    text = tiny_project.tables["changes"].read_text().replace("\n2019,", "\n2018,", 1)
    bad = project_tables_with(
        tmp_path / "tables", {councils.CHANGES_TABLE: text}, base=tiny_project.project
    )
    monkeypatch.setenv(TABLES_ENV_VAR, str(bad))
    with pytest.raises(councils.DataFileError, match="vintage.*not listed in vintages.csv.*2018"):
        councils.council_changes()


def test_council_layers_dissolve_members_in_british_national_grid(tiny_build):
    layers = tiny_build["councils"]
    assert layers.crs.to_epsg() == 27700
    assert layers.groupby("vintage").size().to_dict() == {
        "2004": 5,
        "2009": 6,
        "2019": 6,
        "2023": 7,
    }
    alphabet = layers.set_index("la_code").loc[tiny.ALPHABET]
    assert alphabet["ltla16_members"] == f"{tiny.ALPHA};{tiny.BETA}"
    areas = district_area_series(tiny_build)
    assert alphabet["area_m2"] == pytest.approx(areas[tiny.ALPHA] + areas[tiny.BETA])
    # A 0.1 degree cell at 52N is about 6.9 km by 11.1 km.
    assert areas[tiny.ALPHA] == pytest.approx(6.86e6 * 11.13, rel=0.01)


def test_successors_share_areas_of_shared_districts():
    members = pd.DataFrame(
        {
            "vintage": ["old"] * 3 + ["new"] * 3,
            "la_code": ["A", "A", "B", "X", "Y", "Y"],
            "la_name": ["a", "a", "b", "x", "y", "y"],
            "ltla16cd": ["d1", "d2", "d3", "d1", "d2", "d3"],
        }
    )
    areas = pd.Series({"d1": 1.0, "d2": 3.0, "d3": 4.0}, name="area_m2")
    forward = councils.successors(members, areas, "old", "new")
    assert forward.values.tolist() == [
        ["A", "a", "X", "x", 0.25],
        ["A", "a", "Y", "y", 0.75],
        ["B", "b", "Y", "y", 1.0],
    ]
    backward = councils.successors(members, areas, "new", "old")
    assert backward[["la_code_from", "la_code_to", "share_of_from"]].values.tolist() == [
        ["X", "A", 1.0],
        ["Y", "A", 3 / 7],
        ["Y", "B", 4 / 7],
    ]


@pytest.mark.bundle
def test_each_vintage_has_its_sourced_number_of_councils(build):
    built = build["councils"].groupby("vintage").size().to_dict()
    expected = councils.vintages().set_index("vintage")["councils"].to_dict()
    assert (
        built
        == expected
        == {"2004": 150, "2009": 152, "2019": 151, "2020": 151, "2021": 152, "2023": 153}
    )


@pytest.mark.bundle
def test_every_vintage_partitions_the_326_districts(build):
    members = build["council_members"]
    per_vintage = members.groupby("vintage")["ltla16cd"]
    assert (per_vintage.nunique() == 326).all() and (per_vintage.size() == 326).all()


@pytest.mark.bundle
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


@pytest.mark.bundle
def test_council_types_and_names_of_2004(build):
    c2004 = build["councils"].query("vintage == '2004'").set_index("la_code")
    assert c2004["la_type"].value_counts().to_dict() == {"UA": 47, "MD": 36, "County": 34, "LB": 33}
    assert c2004.loc["PRE2009-CHES", "la_name"] == "Cheshire"
    assert c2004.loc["E06000052", "la_type"] == "County"  # Cornwall before April 2009


@pytest.mark.bundle
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


@pytest.mark.bundle
def test_real_change_that_leaves_a_district_uncovered_is_rejected(build):
    base = councils.base_members(councils.read_districts(build.data_dir))
    changes_2021 = councils.council_changes().query("la_code == 'E06000061'")
    with pytest.raises(councils.DataFileError, match="uncovered"):
        councils.apply_changes(base, changes_2021)
