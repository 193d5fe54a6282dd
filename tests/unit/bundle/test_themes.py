"""Themes: the eight priority themes, the published totals, and a user's own priorities file."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures.tables import project_tables_with
from trustmap.bundle import themes
from trustmap.bundle.tables import TABLES_ENV_VAR
from trustmap.bundle.validation import DataFileError

TINY_CODES = {"E06000901", "E06000902", "E08000901"}


def test_the_eight_themes_and_their_published_totals():
    assert themes.themes()["theme"].tolist() == [
        "send",
        "early-years",
        "mental-health",
        "safeguarding",
        "education",
        "health",
        "youth-justice",
        "deprivation",
    ]
    published = themes.published_priorities()
    assert dict(zip(published["theme"], published["published_priority_trusts"], strict=True)) == {
        "send": 16,
        "early-years": 11,
        "mental-health": 8,
    }
    assert (published["of_trusts"] == 35).all()


def test_a_theme_is_found_by_its_name_as_shown_or_its_id_in_any_case():
    given = pd.Series(
        ["Youth justice", " youth  JUSTICE ", "send", "SEND", "Yoth justice", None, 5]
    )
    found = themes.theme_ids(given)
    assert found[:4].tolist() == ["youth-justice", "youth-justice", "send", "send"]
    assert found[4:].isna().all()


def test_every_theme_is_reported_even_without_indicators():
    catalogue = pd.DataFrame({"themes": ["send;health", "send", "deprivation"]})
    coverage = themes.theme_coverage(catalogue).set_index("theme")["indicators"]
    assert coverage.to_dict() == {
        "send": 2,
        "early-years": 0,
        "mental-health": 0,
        "safeguarding": 0,
        "education": 0,
        "health": 1,
        "youth-justice": 0,
        "deprivation": 1,
    }


def test_themes_count_the_users_own_priorities_file(tiny_build, tmp_path, monkeypatch):
    catalogue = tiny_build["indicator_catalogue"]
    assert "councils_in_your_file" not in themes.theme_summary(catalogue)
    own = "la_code,theme\nE06000901,send\nE06000902,send\nE06000902,mental-health\n"
    tables = project_tables_with(tmp_path / "tables", {"indicators/trust_priorities.csv": own})
    monkeypatch.setenv(TABLES_ENV_VAR, str(tables))
    codes = set(tiny_build["council_members"]["la_code"])
    summary = themes.theme_summary(catalogue, themes.server_priorities(codes)).set_index("theme")
    counts = summary["councils_in_your_file"]
    assert (counts["send"], counts["mental-health"], counts["youth-justice"]) == (2, 1, 0)
    # The tiny catalogue: IMD and IDACI 2019, two IMD 2004 measures and two district scores
    # (deprivation), good development (early years, education), infant mortality, deaths and
    # births and under-18 conceptions and their rate (health), SFR27's three (safeguarding).
    assert summary["indicators"].to_dict() == {
        "send": 0,
        "early-years": 1,
        "mental-health": 0,
        "safeguarding": 3,
        "education": 1,
        "health": 5,
        "youth-justice": 0,
        "deprivation": 6,
    }


def test_no_priorities_file_means_no_column(tmp_path, monkeypatch):
    tables = project_tables_with(tmp_path / "tables")
    (tables / themes.TRUST_PRIORITIES_TABLE).unlink(missing_ok=True)
    monkeypatch.setenv(TABLES_ENV_VAR, str(tables))
    assert themes.server_priorities(TINY_CODES) is None


def test_trust_priorities_file_is_validated(tmp_path):
    good = tmp_path / "trust_priorities.csv"
    good.write_text("la_code,theme\nE06000901,send\nE06000901,send\n")
    assert themes.read_trust_priorities(good, TINY_CODES).to_dict("records") == [
        {"la_code": "E06000901", "theme": "send"}
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("la_code,theme\nE06000901,astrology\n")
    with pytest.raises(DataFileError, match=r"theme.*unknown theme"):
        themes.read_trust_priorities(bad, TINY_CODES)
    stranger = tmp_path / "stranger.csv"
    stranger.write_text("la_code,theme\nE09000029,send\n")
    with pytest.raises(DataFileError, match=r"la_code.*unknown council code.*E09000029"):
        themes.read_trust_priorities(stranger, TINY_CODES)
    huge = tmp_path / "huge.csv"
    huge.write_text("la_code,theme\n" + "E06000901,send\n" * 80_000)
    with pytest.raises(DataFileError, match="larger than"):
        themes.read_trust_priorities(huge, TINY_CODES)
