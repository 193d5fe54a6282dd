"""Finding the data bundle: --data, then TRUSTMAP_DATA, then ../shared/data; a clear message."""

from __future__ import annotations

import pytest

from trustmap.bundle.datadir import DATA_ENV_VAR, DataDirectoryError, resolve_data_dir


def bundle_at(path):
    for name in ("boundaries", "indicators"):
        (path / name).mkdir(parents=True)
    return path


def test_missing_data_directory_explains_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataDirectoryError, match=r"--data DIR.*TRUSTMAP_DATA"):
        resolve_data_dir()


def test_explicit_folder_wins_over_the_environment(monkeypatch, tmp_path):
    chosen = bundle_at(tmp_path / "chosen")
    monkeypatch.setenv(DATA_ENV_VAR, str(bundle_at(tmp_path / "from-env")))
    assert resolve_data_dir(chosen) == chosen.resolve()
    assert resolve_data_dir() == (tmp_path / "from-env").resolve()


def test_folder_without_its_sub_folders_is_named(tmp_path):
    (tmp_path / "half" / "boundaries").mkdir(parents=True)
    with pytest.raises(DataDirectoryError, match=r"half has no indicators/ sub-folder\."):
        resolve_data_dir(tmp_path / "half")
