"""The charts section's callbacks called directly, and the page's ids against every callback."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from dash._callback import GLOBAL_CALLBACK_LIST
from dash.exceptions import PreventUpdate

from callbacks.charts import update_scatter, update_trend, update_y_periods
from layouts import ids
from tests.integration.conftest import load_link

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"
IDACI = "iod2019-idaci-average-score"


def keys(search: str) -> dict:
    return load_link(search)


def test_scatter_draws_both_groups_and_fills_its_table_twin():
    key = keys("?i=iod2019-imd-average-score&p=2019")["comparison_key"]
    outputs = update_scatter(key, IDACI, "2019")
    assert isinstance(outputs["figure"], go.Figure)
    assert [len(trace.x) for trace in outputs["figure"].data] == [116, 35]
    assert outputs["alert"] == []
    assert len(outputs["rows"]) == 151
    assert set(outputs["rows"][0]) == {"la_code", "la_name", "group", "x", "y"}
    assert outputs["csv"] == {
        "fileName": "trustmap_scatter.csv",
        "appendContent": outputs["source"],
    }
    headers = {column["field"]: column["headerName"] for column in outputs["columns"]}
    assert headers["y"] == "y: IoD 2019: IDACI - Average score (2019)"
    assert headers["la_code"] == "la_code"
    assert "151 of 151 had both values" in outputs["source"]


def test_scatter_of_a_period_without_council_values_says_so():
    key = keys(f"?i={GOOD_DEVELOPMENT}&p=2020")["comparison_key"]
    outputs = update_scatter(key, GOOD_DEVELOPMENT, "2025")
    assert "No council of 2020 has values" in str(outputs["alert"].children)
    assert outputs["rows"] == []
    assert outputs["figure"]["data"] == []


def test_scatter_waits_for_its_second_axis():
    with pytest.raises(PreventUpdate):
        update_scatter(keys("")["comparison_key"], None, "2019")


def test_second_indicator_gets_its_latest_period_with_council_values():
    options, value = update_y_periods(GOOD_DEVELOPMENT)
    assert value == "2025"
    assert "2020" not in {option["value"] for option in options}


def test_trend_of_a_single_period_indicator_is_a_note():
    outputs = update_trend(keys("")["trend_key"])
    assert outputs["box"] == {"display": "none"}
    assert "one period only (2019)" in str(outputs["note"].children)
    assert "Indices of Deprivation 2019" in outputs["source"]
    assert len(outputs["rows"]) == 2


def test_trend_over_periods_has_lines_bands_and_n_in_its_table():
    outputs = update_trend(keys(f"?i={GOOD_DEVELOPMENT}")["trend_key"])
    assert outputs["box"] == {}
    assert outputs["note"] == []
    assert len(outputs["figure"].data) == 6
    assert len(outputs["rows"]) == 20
    assert {row["n"] for row in outputs["rows"] if row["period"] == "2023"} == {35, 118}


def test_scatter_and_trend_keep_only_the_filtered_councils():
    london = keys(f"?r=London&i={GOOD_DEVELOPMENT}&p=2025")
    figure = update_scatter(london["comparison_key"], IDACI, "2019")["figure"]
    assert sum(len(trace.x) for trace in figure.data) == 33  # London's boroughs only
    rows = update_trend(london["trend_key"])["rows"]
    per_period = {}
    for row in rows:
        per_period[row["period"]] = per_period.get(row["period"], 0) + row["n"]
    assert max(per_period.values()) == 33  # both groups together: London's 33 boroughs


def _key(identifier) -> str:
    """A component id as one string; a dict id with its `name` wildcarded, so that a MATCH
    callback and each concrete twin give the same key."""
    if isinstance(identifier, str) and identifier.startswith("{"):
        identifier = json.loads(identifier)
    if isinstance(identifier, dict):
        return json.dumps({**identifier, "name": "*"}, sort_keys=True)
    return identifier


def _callback_keys(entry: dict) -> set[str]:
    """Ids of one registered callback: its outputs (from Dash's '..id.prop...id.prop..'
    string), inputs and states."""
    outputs = [part.rsplit(".", 1)[0] for part in entry["output"].strip(".").split("...")]
    others = [dependency["id"] for dependency in entry["inputs"] + entry["state"]]
    return {_key(identifier) for identifier in [*outputs, *others]}


def test_every_callback_id_is_on_the_page():
    from app import app

    known = {
        _key(component.id)
        for component in app.validation_layout._traverse()
        if getattr(component, "id", None) is not None
    }
    used = set().union(*(_callback_keys(entry) for entry in GLOBAL_CALLBACK_LIST))
    assert {ids.VIEW, ids.SCATTER, ids.TREND_BOX, _key(ids.grid("trend"))} <= used
    assert used <= known, used - known
    twins = {_key(ids.grid(name)) for name in ("scatter", "trend", "published", "comparison")}
    assert twins <= known
