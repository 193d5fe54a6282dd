"""The map callback: whole figures when the geometry changes, Patches otherwise; its CSV."""

from __future__ import annotations

import io
import json

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import Patch, no_update
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from callbacks.council_map import map_csv, map_update
from callbacks.data import view_from_store
from tests.integration.conftest import load_link
from trustmap.view import FILTERS

pytestmark = pytest.mark.bundle  # the real app on the real data bundle


def view_of(search: str):
    return view_from_store(load_link(search)["view"])


def test_pathfinder_map_draws_every_council_and_outlines_the_35():
    outputs = map_update(view_of("?v=2019&c=pathfinder"), None)
    figure = outputs["figure"]
    assert isinstance(figure, go.Figure)
    fill, outline = figure.data
    assert len(fill.locations) == 151
    assert len(outline.locations) == 35
    assert outline.marker.line.width == 2.5
    assert figure.layout.map.style == "white-bg"
    assert "2003 pathfinder" in fill.colorbar.ticktext
    assert outputs["drawn"] == {
        "vintage": "2019",
        "colour": "pathfinder",
        "area": None,
    } | dict.fromkeys((*FILTERS, "health"))
    assert outputs["alert"] == []
    assert outputs["source"].startswith("Source: Office for National Statistics")


def test_indicator_change_sends_a_patch_without_geometry():
    view = view_of("?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019")
    full = map_update(view, None)
    changed = view_of("?v=2019&c=indicator&i=iod2019-income-average-score&p=2019")
    patched = map_update(changed, full["drawn"])
    assert isinstance(patched["figure"], Patch)
    sent = json.dumps(patched["figure"].to_plotly_json())
    assert "geojson" not in sent
    assert len(sent) < len(full["figure"].to_json()) / 100
    assert patched["alert"] == []
    to_lait = map_update(view_of("?v=2019&c=indicator&i=lait-fsp-new-gooddev"), full["drawn"])
    assert "Local Authority Interactive Tool" in to_lait["source"]


def test_vintage_change_sends_the_new_geometry():
    drawn = map_update(view_of("?v=2019&c=pathfinder"), None)["drawn"]
    figure = map_update(view_of("?v=2023&c=pathfinder"), drawn)["figure"]
    assert isinstance(figure, go.Figure)
    assert len(figure.data[0].geojson["features"]) == 153


def test_indicator_map_has_quantile_legend_with_bounds():
    figure = map_update(view_of("?c=indicator&i=iod2019-imd-average-score&p=2019"), None)["figure"]
    labels = figure.data[0].colorbar.ticktext
    assert len(labels) == 5
    assert all(" to " in label for label in labels)
    assert "quintiles" in figure.data[0].colorbar.title.text


def test_indicator_of_another_vintage_is_announced():
    alert = map_update(view_of("?v=2004&c=indicator&i=iod2019-imd-average-score&p=2019"), None)
    assert "Choose vintage 2019 to see them all" in str(alert["alert"][0].children)


def test_indicator_without_council_values_is_announced():
    outputs = map_update(view_of("?c=indicator&i=imd-district21-imd-score&p=2015"), None)
    assert outputs["alert"][0].color == "warning"
    assert "no council values" in str(outputs["alert"][0].children)
    assert list(outputs["figure"].data[0].colorbar.ticktext) == ["no value"]


def test_unchanged_map_is_not_resent():
    view = view_of("?v=2019&c=pathfinder")
    drawn = map_update(view, None)["drawn"]
    with pytest.raises(PreventUpdate):
        map_update(view_of("?v=2019&c=pathfinder&i=iod2019-income-average-score"), drawn)


def test_selection_sends_only_the_selected_point():
    full = map_update(view_of("?v=2019&c=pathfinder"), None)
    outputs = map_update(view_of("?v=2019&c=pathfinder&a=E09000029"), full["drawn"])
    operations = outputs["figure"].to_plotly_json()["operations"]
    assert [op["location"] for op in operations] == [["data", 0, "selectedpoints"]]
    position = operations[0]["params"]["value"][0]
    assert full["figure"].data[0].locations[position] == "E09000029"
    assert outputs["alert"] is no_update


def test_filters_fade_other_councils():
    figure = map_update(view_of("?v=2019&r=London&y=LB"), None)["figure"]
    assert len(figure.data[0].selectedpoints) == 33  # London's boroughs kept, others faded


def test_health_overlay_is_added_and_removed_by_patch():
    full = map_update(view_of("?v=2019&h=ccg2019"), None)
    assert len(full["figure"].data) == 3 and len(full["figure"].data[2].locations) == 191
    to_pct = map_update(view_of("?v=2019&h=pct2006"), full["drawn"])
    assert isinstance(to_pct["figure"], Patch)
    assert '"health_code":"5QQ"' in to_json_plotly(to_pct["figure"].to_plotly_json())  # Devon PCT
    removed = map_update(view_of("?v=2019"), to_pct["drawn"])
    assert '"operation":"Delete"' in to_json_plotly(removed["figure"].to_plotly_json())


def test_class_scheme_and_polarity_set_the_legend():
    base = "?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019"
    quintiles = map_update(view_of(base), None)["figure"].data[0]
    breaks = map_update(view_of(base + "&m=natural_breaks"), None)["figure"].data[0]
    assert quintiles.colorbar.ticktext != breaks.colorbar.ticktext
    assert "natural breaks" in breaks.colorbar.title.text.replace("<br>", " ")
    # IMD score: lower is better, so the lowest class takes the yellow (better) end.
    assert "lower = better" in quintiles.colorbar.title.text.replace("<br>", " ")
    assert quintiles.colorscale[0][1].lower() in ("#fde725", "rgb(253, 231, 37)")


def test_map_table_twin_has_every_council_and_the_source():
    csv = map_csv(view_of("?c=indicator&i=iod2019-imd-average-score&p=2019"))
    table = pd.read_csv(io.StringIO(csv))
    assert list(table.columns[:3]) == ["la_code", "la_name", "vintage"]
    assert len(table) == 151 and table["value"].notna().all()
    assert table["source"].str.startswith("Source: Office for National Statistics").all()
