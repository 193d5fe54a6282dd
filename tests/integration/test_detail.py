"""The council panel's callbacks."""

from __future__ import annotations

import pytest

from callbacks.detail import detail_children, update_profile

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def test_detail_names_the_council_and_its_status():
    text = str(detail_children("E09000029", "2019", "ccg2019"))
    assert "Sutton" in text
    assert "2003 children's trust pathfinder" in text
    assert "coterminous: NHS Sutton CCG" in text


def test_detail_names_predecessors_and_successors():
    text = str(detail_children("E10000006", "2019", "ccg2019"))
    assert "2023: Cumberland" in text and "Westmorland and Furness" in text


def test_council_of_another_vintage_is_explained():
    text = str(
        detail_children("E06000060", "2019", "ccg2019")
    )  # Buckinghamshire, unitary from 2020
    assert "not one of the councils of vintage 2019" in text


def test_profile_rows_are_limited_and_numeric():
    outputs = update_profile("E09000029")
    rows = outputs["rows"]
    assert 0 < len(rows) <= 30
    assert {"label", "period", "value", "england_value", "rank", "quartile"} <= set(rows[0])
    numbers = [row["value"] for row in rows if row["value"] is not None]
    assert all(isinstance(value, float) for value in numbers) and len(numbers) >= 20
    assert "indicators against England" in outputs["caption"]
    assert outputs["style"] == {"display": "block"}


def test_unknown_area_shows_no_profile():
    assert update_profile("E99999999") == {"rows": [], "caption": "", "style": {"display": "none"}}
