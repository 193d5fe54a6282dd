"""Where every file comes from: the manifest, citations, checksums and unknown files."""

from __future__ import annotations

import shutil

from tests.fixtures.bundle import write_bundle
from trustmap.bundle import sources

DISTRICTS = "boundaries/england_ltla_2016_bsc.geojson"
CCGS = "boundaries/england_ccg_2019.geojson"
DISTRICTS_CITATION = (
    "Office for National Statistics, Local Authority Districts (December 2016) Boundaries, "
    "Super Generalised (200 m) Clipped (December 2016)"
)


def test_citation_and_source_line_from_the_manifest():
    assert sources.citation(DISTRICTS) == DISTRICTS_CITATION
    assert sources.describe(DISTRICTS)["licence"] == "Open Government Licence v3.0"
    assert sources.source_line(DISTRICTS, CCGS, DISTRICTS) == (
        f"Source: {DISTRICTS_CITATION}; ONS / NHS England, Clinical Commissioning Groups "
        "(April 2019) (April 2019). Open Government Licence v3.0."
    )


def test_bundle_files_unknown_files_and_checksums(tmp_path):
    bundle = write_bundle(tmp_path / "bundle")
    (bundle / "boundaries" / "SOURCES.md").write_text("notes")
    listed = sources.bundle_files(bundle)
    assert len(listed) == 17 and "boundaries/SOURCES.md" not in listed
    assert listed[:2] == [CCGS, DISTRICTS]
    assert sources.unknown_files(bundle) == []
    shutil.copyfile(bundle / CCGS, bundle / "boundaries" / "england_ccg_2099.geojson")
    assert sources.unknown_files(bundle) == ["boundaries/england_ccg_2099.geojson"]
    (tmp_path / "abc").write_bytes(b"abc")
    # SHA-256 of "abc", FIPS 180-2 appendix B.1.
    assert sources.file_checksum(tmp_path / "abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
