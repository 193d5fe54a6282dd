"""The build cache: keyed by input checksums, rebuilt when a bundle file changes."""

from __future__ import annotations

import pandas as pd

from tests.conftest import writable
from trustmap.build import build_key, load_build


def test_changed_input_changes_the_key_and_rebuilds(bundle_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTMAP_CACHE", str(tmp_path / "cache"))
    first = load_build(bundle_copy)
    assert load_build(bundle_copy).directory == first.directory  # warm: same build
    name = "indicators/iod2019_utla_summaries.csv"
    path = writable(bundle_copy, name)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    corrected = (frame["area_code"] == "E06000001") & (frame["indicator"] == "IMD - Average score")
    frame.loc[corrected, "value"] = "99.5"
    frame.to_csv(path, index=False)
    second = load_build(bundle_copy)
    assert second.directory != first.directory
    value = second["indicator_values"].query(
        "indicator_id == 'iod2019-imd-average-score' and area_code == 'E06000001'"
    )["value"]
    assert value.tolist() == [99.5]


def test_new_bundle_file_is_noticed(bundle_copy):
    before = build_key(bundle_copy)
    (bundle_copy / "indicators" / "new_source.csv").write_text("area_code,value\nE06000001,1\n")
    assert build_key(bundle_copy) != before
    assert "indicators/new_source.csv" in load_build(bundle_copy).unknown_files
