"""The charts section's callbacks called directly, and its layout against them, on the real
data bundle."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from dash._callback import GLOBAL_CALLBACK_LIST
from dash.exceptions import PreventUpdate

from callbacks.charts import export_grid, update_scatter, update_trend, update_y_periods
from layouts.charts import grid_id

VIEW = {
    "vintage": "2019",
    "colour": "pathfinder",
    "theme": None,
    "indicator": "iod2019-imd-average-score",
    "period": "2019",
    "area": None,
}
GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"


def test_scatter_draws_both_groups_and_fills_its_table_twin():
    figure, source, alert, rows, columns, csv, drawn = update_scatter(
        "token", VIEW, "iod2019-idaci-average-score", "2019", None
    )
    assert isinstance(figure, go.Figure)
    assert [len(trace.x) for trace in figure.data] == [116, 35]
    assert alert == []
    assert len(rows) == 151
    assert set(rows[0]) == {"la_code", "la_name", "group", "x", "y"}
    assert csv == {"fileName": "trustmap_scatter.csv", "appendContent": source}
    headers = {
        column["field"]: column["headerName"] for column in columns if "headerName" in column
    }
    assert headers["y"] == "y: IoD 2019: IDACI - Average score (2019)"
    assert "151 of 151 had both values" in source
    assert drawn[:4] == ["iod2019-imd-average-score", "2019", "iod2019-idaci-average-score", "2019"]


def test_scatter_is_not_resent_for_another_council_or_vintage():
    *_, drawn = update_scatter("token", VIEW, GOOD_DEVELOPMENT, "2025", None)
    with pytest.raises(PreventUpdate):
        update_scatter(
            "token",
            VIEW | {"area": "E09000029", "vintage": "2023"},
            GOOD_DEVELOPMENT,
            "2025",
            drawn,
        )


def test_scatter_of_a_period_without_council_values_says_so():
    view = VIEW | {"indicator": GOOD_DEVELOPMENT, "period": "2020"}
    figure, _, alert, rows, *_ = update_scatter("token", view, GOOD_DEVELOPMENT, "2025", None)
    assert "No council of 2020 has values" in str(alert.children)
    assert rows == []
    assert figure["data"] == []


def test_second_indicator_gets_its_latest_period_with_council_values():
    options, value = update_y_periods(GOOD_DEVELOPMENT)
    assert value == "2025"
    assert "2020" not in {option["value"] for option in options}


def test_trend_of_a_single_period_indicator_is_a_note():
    figure, style, note, source, rows, drawn = update_trend("token", VIEW, None)
    assert style == {"display": "none"}
    assert "one period only (2019)" in str(note.children)
    assert "Indices of Deprivation 2019" in source
    assert len(rows) == 2
    assert drawn[0] == VIEW["indicator"]


def test_trend_over_periods_has_lines_bands_and_n_in_its_table():
    view = VIEW | {"indicator": GOOD_DEVELOPMENT, "period": "2025"}
    figure, style, note, source, rows, drawn = update_trend("token", view, None)
    assert style == {}
    assert note == []
    assert len(figure.data) == 6
    assert len(rows) == 20
    assert {row["n"] for row in rows if row["period"] == "2023"} == {35, 118}
    with pytest.raises(PreventUpdate):
        update_trend("token", view | {"period": "2016", "area": "E09000029"}, drawn)


def test_download_button_exports_its_grid():
    assert export_grid(1) is True


def _key(identifier) -> str:
    """A component id as one string; a dict id with its `name` wildcarded, so that a MATCH
    callback and each concrete twin give the same key."""
    if isinstance(identifier, str) and identifier.startswith("{"):
        identifier = json.loads(identifier)
    if isinstance(identifier, dict):
        return json.dumps({**identifier, "name": "*"}, sort_keys=True)
    return identifier


def _layout_keys(component) -> set[str]:
    return {_key(c.id) for c in component._traverse() if getattr(c, "id", None) is not None}


def _callback_keys(entry: dict) -> set[str]:
    """Ids of one registered callback: its outputs (from Dash's '..id.prop...id.prop..'
    string), inputs and states."""
    outputs = [part.rsplit(".", 1)[0] for part in entry["output"].strip(".").split("...")]
    others = [dependency["id"] for dependency in entry["inputs"] + entry["state"]]
    return {_key(identifier) for identifier in [*outputs, *others]}


def test_every_callback_id_is_on_the_page():
    from app import app

    known = _layout_keys(app.validation_layout)
    used = set()
    for entry in GLOBAL_CALLBACK_LIST:
        used |= _callback_keys(entry)
    assert {"view", "charts-scatter", "charts-trend-box", _key(grid_id("trend"))} <= used
    assert used <= known, used - known
    assert {
        _key(grid_id(name)) for name in ("scatter", "trend", "published", "comparison")
    } <= known


def test_scatter_and_trend_keep_only_the_filtered_councils():
    london = VIEW | {"region": "London"}
    figure, *_ = update_scatter("token", london, "iod2019-idaci-average-score", "2019", None)
    assert sum(len(trace.x) for trace in figure.data) == 33  # London's boroughs only
    _, _, _, _, rows, _ = update_trend(
        "token", london | {"indicator": "lait-fsp-new-gooddev"}, None
    )
    assert max(row["n"] for row in rows) <= 33
