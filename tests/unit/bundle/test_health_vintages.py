"""The health vintages table, its file readers, and LSOAs placed in 2016 districts."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle import health_vintages, schemas
from trustmap.bundle.health_vintages import (
    district_predecessors,
    place_in_districts,
    read_lookup,
    read_unit_districts,
)
from trustmap.bundle.validation import DataFileError, read_csv, read_polygons
from trustmap.model import health_classes

IDS = [
    "pct2006",
    "ccg2013",
    "ccg2015",
    "ccg2016",
    "ccg2017",
    "ccg2018",
    "ccg2019",
    "ccg2020",
    "ccg2021",
    "sicbl2022",
    "icb2022",
    "sicbl2023",
    "icb2023",
    "sicbl2024",
    "icb2024",
]
CHANGES = pd.DataFrame(
    {
        "oldcd": ["E07000190", "E07000191", "E07000246", "E07000187", "S12000015"],
        "newcd": ["E07000246", "E07000246", "E06000066", "E06000066", "S12000047"],
        "type": ["merger", "merger", "merger", "merger", "new_code"],
    }
)
DISTRICTS = pd.DataFrame(
    {
        "ltla16cd": ["E07000187", "E07000190", "E07000191", "E06000001"],
        "ltla16nm": ["Mendip", "Taunton Deane", "West Somerset", "Hartlepool"],
    }
)


def test_the_table_lists_every_id_in_date_order_with_its_council_vintage():
    table = health_vintages.health_vintages()
    assert table["id"].tolist() == IDS
    assert table.set_index("id")["council_vintage"].to_dict() == {
        "pct2006": "2004",
        **dict.fromkeys(["ccg2013", "ccg2015", "ccg2016", "ccg2017", "ccg2018"], "2009"),
        "ccg2019": "2019",
        "ccg2020": "2020",
        **dict.fromkeys(["ccg2021", "sicbl2022", "icb2022"], "2021"),
        **dict.fromkeys(["sicbl2023", "icb2023", "sicbl2024", "icb2024"], "2023"),
    }


def test_methods_follow_the_files():
    def methods(health_id):
        return health_vintages.methods(health_vintages.vintage(health_id))

    assert methods("ccg2013") == ["overlay"]
    assert methods("ccg2015") == ["membership"]
    assert methods("ccg2016") == ["membership", "overlay"]
    assert methods("pct2006") == ["pct_members"]
    with pytest.raises(ValueError, match="unknown health vintage 'ccg2014'"):
        health_vintages.vintage("ccg2014")


def test_mergers_are_followed_back_to_2016_districts():
    known = set(DISTRICTS["ltla16cd"])
    predecessors = district_predecessors(CHANGES, known)
    assert predecessors["E06000066"] == {"E07000187", "E07000190", "E07000191"}
    assert predecessors["E07000246"] == {"E07000190", "E07000191"}


def test_units_are_placed_by_code_then_name_then_the_merged_set():
    units = pd.DataFrame(
        {
            "unit_name": ["Hartlepool 001A", "Mendip 002B", "Hartlepool 003C", "Somerset 004D"],
            "district_code": ["E06000001", "E06000066", "E06000066", "E06000066"],
        }
    )
    predecessors = district_predecessors(CHANGES, set(DISTRICTS["ltla16cd"]))
    placed = place_in_districts(units, DISTRICTS, predecessors).tolist()
    somerset = "E07000187;E07000190;E07000191"
    # A name that is not one of the merged district's predecessors cannot move a unit.
    assert placed == ["E06000001", "E07000187", somerset, somerset]


def test_lookup_columns_come_from_the_header_pattern(tmp_path):
    path = tmp_path / "lookup.csv.gz"
    text = (
        "\ufeffFID,LSOA11CD,LSOA11NM,CCG21CD,CCG21NM,LAD21CD\n"
        "1,E01000001,City of London 001A,E38000255,NHS North East London CCG,E09000001\n"
    )
    path.write_bytes(gzip.compress(text.encode()))
    table = read_lookup(path, "CCG21CD", "CCG21NM")
    assert table.iloc[0].to_dict() == {
        "unit_code": "E01000001",
        "unit_name": "City of London 001A",
        "district_code": "E09000001",
        "health_code": "E38000255",
        "health_name": "NHS North East London CCG",
    }


def test_a_broken_lookup_names_file_and_column(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text("lsoa21_code,lsoa21_name,icb24_code,icb24_name\nE01000001,x,E99000001,y\n")
    with pytest.raises(DataFileError, match="lookup.csv, column 'icb24_code'"):
        read_lookup(path, "icb24_code", "icb24_name")
    path.write_text("code,name,icb24_code,icb24_name\n")
    with pytest.raises(DataFileError, match="expected one LSOA code column"):
        read_lookup(path, "icb24_code", "icb24_name")


def test_an_lsoa_in_two_districts_is_rejected(tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text(
        "lsoa21_code,ward24_code,ltla24_code\n"
        "E01000001,E05000001,E09000001\nE01000001,E05000002,E09000001\n"
        "E01000002,E05000003,E09000002\nE01000002,E05000004,E09000003\n"
    )
    with pytest.raises(DataFileError, match="LSOA in two districts"):
        read_unit_districts(path)


def test_the_tiny_build_places_each_lsoa_and_reports_coverage(tiny_build):
    units = health_classes.health_units(tiny_build, "ccg2019").set_index("unit_code")
    # The lookup codes Shire's LSOAs by the 2019 unitary; their names carry the district,
    # which the ONS changes file says the unitary replaced.
    assert units.loc[["E01000901", "E01000907", "E01000909"], "ltla16_members"].tolist() == [
        tiny.ALPHA,
        tiny.SHIRE_WEST,
        tiny.SHIRE_EAST,
    ]
    assert len(units) == 14 and (units["weight"] == 1.0).all()
    # PCT 2006: every district is a unit weighted by its area; Delta's and Epsilon's PCTs
    # have no whole, sourced extent, so their districts have no PCT.
    pct = health_classes.health_units(tiny_build, "pct2006").set_index("unit_code")
    assert pct["health_code"].isna().to_dict() == {
        tiny.ALPHA: False,
        tiny.BETA: False,
        tiny.GAMMA: False,
        tiny.SHIRE_WEST: False,
        tiny.SHIRE_EAST: False,
        tiny.DELTA: True,
        tiny.EPSILON: True,
    }
    assert pct.at[tiny.SHIRE_WEST, "weight"] == pytest.approx(
        2 * pct.at[tiny.SHIRE_EAST, "weight"], rel=0.01
    )
    layers = {layer["layer"]: layer for layer in tiny_build.layers}
    assert layers["health-ccg2019"]["coverage"] == "4 CCGs (4 expected) from 14 LSOAs; 4 polygons"
    assert layers["health-pct2006"]["rows"] == 7
    assert layers["ccg2019"]["coverage"] == "4 of 4 CCGs"


def test_a_council_vintage_the_project_lacks_is_refused(tiny_project):
    table = tiny_project.tables["health_vintages"]
    original = table.read_text()
    try:
        table.write_text(original.replace(",membership,2019,", ",membership,2020,"))
        health_vintages.health_vintages.cache_clear()
        with pytest.raises(DataFileError, match="not a council vintage of vintages.csv"):
            health_vintages.health_vintages()
    finally:
        table.write_text(original)
        health_vintages.health_vintages.cache_clear()


# On the real bundle.


@pytest.mark.bundle
def test_every_lsoa_is_placed_once(build):
    for health_id in IDS:
        units = health_classes.health_units(build, health_id)
        if health_id in ("pct2006", "ccg2013", "sicbl2023", "icb2023"):
            assert len(units) == (326 if health_id == "pct2006" else 0)
            continue
        expected = 33_755 if health_id.endswith("2024") else 32_844  # SOURCES.md
        assert len(units) == units["unit_code"].nunique() == expected
        assert units["ltla16_members"].notna().all()


@pytest.mark.bundle
def test_lsoa21_councils_match_the_ons_2023_upper_tier(build, data_dir):
    """The 2024 LSOAs' councils of 2023, through 2016 districts, against ONS's own LTLA23 ->
    UTLA23 lookup applied to their 2024 district (2024 districts are those of 2023)."""
    units = health_classes.health_units(build, "sicbl2024")
    members = build["council_members"]
    ours = health_classes.unit_councils(
        units["ltla16_members"], members[members["vintage"] == "2023"]
    )
    districts = read_unit_districts(data_dir / "boundaries/lookup_lsoa21_ward24_lad24_ons.csv.gz")
    upper = read_csv(data_dir / "boundaries/lookup_ltla23_utla23_ons.csv", schemas.LTLA23_UTLA23)
    ons = units["unit_code"].map(districts).map(upper.set_index("ltla23_code")["utla23_code"])
    assert ons.notna().all()
    assert (ours == ons).all()


@pytest.mark.bundle
def test_the_2023_councils_match_the_2023_counties_and_unitaries(build, data_dir):
    path = data_dir / "boundaries/uk_ctyua_2023_bsc.geojson"
    official = read_polygons(path, schemas.CTYUA_2023, "CTYUA23CD")
    english = official[official["CTYUA23CD"].str.startswith("E")]
    ours = build["council_members"].query("vintage == '2023'").drop_duplicates("la_code")
    assert len(english) == len(ours) == 153
    assert english.set_index("CTYUA23CD")["CTYUA23NM"].sort_index().to_dict() == (
        ours.set_index("la_code")["la_name"].sort_index().to_dict()
    )


@pytest.mark.bundle
def test_each_health_vintage_has_a_layer_with_its_coverage(build):
    layers = {layer["layer"]: layer for layer in build.layers}
    assert layers["health-ccg2013"]["coverage"] == (
        "211 CCGs as polygons (211 expected), no lookup, 26 mended with make_valid, "
        "5 with no name in the bundle"
    )
    assert layers["health-sicbl2024"]["rows"] == 33_755
    assert layers["health-pct2006"]["coverage"].startswith("44 of 152 areas")
    display = health_classes.health_areas(build, "icb2023", display=True)
    assert display.crs.to_epsg() == 4326 and len(display) == 42
    assert health_classes.display_ids(build) == [
        "pct2006",
        "ccg2013",
        "ccg2016",
        "ccg2019",
        "ccg2020",
        "ccg2021",
        "sicbl2022",
        "sicbl2023",
        "icb2023",
    ]
