"""Health geographies of the tiny bundle: CCGs of 2019 and their LSOAs, and PCTs of 2006 drawn
only where their whole extent is sourced."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.bundle import councils, health
from trustmap.bundle.validation import DataFileError


def test_ccgs_come_in_british_national_grid_with_their_areas(tiny_files):
    ccgs = health.read_ccg2019(tiny_files.bundle)
    assert ccgs.crs.to_epsg() == 27700
    assert ccgs[["health_code", "health_name"]].values.tolist() == [
        ["E38000901", "NHS Alphabet CCG"],
        ["E38000902", "NHS Gamma CCG"],
        ["E38000903", "NHS Shire CCG"],
        ["E38000904", "NHS Delta and Epsilon CCG"],
    ]
    assert (ccgs["area_m2"] == ccgs.area).all()


def test_lsoas_of_merged_districts_are_placed_by_their_name(tiny_files):
    districts = councils.read_districts(tiny_files.bundle)
    units = health.lsoa_ccg_units(tiny_files.bundle, districts).set_index("unit_code")
    assert len(units) == 14
    expected = pd.Series({lsoa: district for lsoa, district, _, _ in tiny.LSOAS})
    assert units["ltla16cd"].to_dict() == expected.to_dict()
    assert units.at["E01000907", "health_code"] == "E38000903"


def test_an_lsoa_that_cannot_be_placed_is_rejected(tmp_path):
    bundle = tiny.write_bundle(tmp_path / "bundle")
    path = bundle / health.LSOA_LOOKUP_FILE
    path.write_text(path.read_text().replace("Shire West 001A", "Nowhere 001A", 1))
    districts = councils.read_districts(bundle)
    with pytest.raises(DataFileError, match="LAD19CD.*cannot be placed in a 2016 district"):
        health.lsoa_ccg_units(bundle, districts)


def test_pct_members_and_coverage(tiny_build):
    rows, coverage = health.pct2006_members(tiny_build.data_dir, tiny_build["council_members"])
    assert rows.groupby("health_code")["ltla16cd"].agg(sorted).to_dict() == {
        "5Q1": [tiny.ALPHA, tiny.BETA],
        "5Q2": [tiny.GAMMA],
        "5Q3": [tiny.SHIRE_WEST, tiny.SHIRE_EAST],  # named as the county: both its districts
    }
    assert coverage == health.Coverage(
        152,
        3,
        "4 have a sourced member list, of which 1 cover part of a district and cannot be "
        "drawn; the others are unsourced (pct2006_membership.md)",
    )
    assert coverage.as_text().startswith("3 of 152 areas; 4 have a sourced member list")
    drawn = tiny_build["pct2006"].set_index("health_code")
    districts = tiny_build["district_areas"].set_index("ltla16cd")["area_m2"]
    assert drawn.at["5Q1", "area_m2"] == pytest.approx(districts[tiny.ALPHA] + districts[tiny.BETA])
