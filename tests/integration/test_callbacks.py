"""The dashboard's callbacks called directly, on the real data bundle."""

from __future__ import annotations

import json
from contextvars import copy_context

import plotly.graph_objects as go
import pytest
from dash import Patch, no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from callbacks.comparison import update_comparison
from callbacks.council_map import map_table, map_update, update_map
from callbacks.detail import detail_children, profile_rows
from callbacks.state import FILTERS
from callbacks.view import CONTROLS, sync_view

NO_FILTERS = (None,) * (len(FILTERS) + 2)  # the filters, the health overlay, colour classes
DEFAULT_CONTROLS = ("2019", "pathfinder", None, "iod2019-imd-average-score", "2019", *NO_FILTERS)


def run_callback(function, triggered: str | None, *args):
    """Call a registered callback as Dash would after `triggered` (a 'component.prop') changed."""

    def call():
        prop_ids = [{"prop_id": triggered, "value": None}] if triggered else []
        context_value.set(AttributeDict(triggered_inputs=prop_ids))
        return function(*args)

    return copy_context().run(call)


def load_link(search: str) -> tuple:
    return run_callback(sync_view, "url.search", search, *DEFAULT_CONTROLS, None, None)


def view_of(outputs: tuple) -> dict:
    return outputs[len(CONTROLS) + 3]  # after the link, the controls and two option lists


def test_pathfinder_map_draws_every_council_and_outlines_the_35():
    view = view_of(load_link("?v=2019&c=pathfinder"))
    figure, drawn, alerts, source = map_update(view, None)
    assert isinstance(figure, go.Figure)
    fill, outline = figure.data
    assert len(fill.locations) == 151
    assert len(outline.locations) == 35
    assert outline.marker.line.width == 2.5
    assert figure.layout.map.style == "white-bg"
    assert "2003 pathfinder" in fill.colorbar.ticktext
    assert drawn == {"vintage": "2019", "colour": "pathfinder", "area": None} | dict.fromkeys(
        (*FILTERS, "health")
    )
    assert alerts == []
    assert source.startswith("Source: Office for National Statistics")


def test_indicator_change_sends_a_patch_without_geometry():
    view = view_of(load_link("?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019"))
    full, drawn, _, _ = map_update(view, None)
    changed = view | {"indicator": "iod2019-income-average-score"}
    patch, _, alerts, source = map_update(changed, drawn)
    assert isinstance(patch, Patch)
    sent = json.dumps(patch.to_plotly_json())
    assert "geojson" not in sent
    assert len(sent) < len(full.to_json()) / 100
    assert alerts == []
    assert source is no_update  # same source file: the line under the map stays
    to_lait = map_update(changed | {"indicator": "lait-fsp-new-gooddev"}, drawn)
    assert "Local Authority Interactive Tool" in to_lait[3]


def test_vintage_change_sends_the_new_geometry():
    view = view_of(load_link("?v=2019&c=pathfinder"))
    _, drawn, _, _ = map_update(view, None)
    figure, *_ = map_update(view | {"vintage": "2023"}, drawn)
    assert isinstance(figure, go.Figure)
    assert len(figure.data[0].geojson["features"]) == 153


def test_indicator_map_has_quantile_legend_with_bounds():
    view = view_of(load_link("?c=indicator&i=iod2019-imd-average-score&p=2019"))
    figure, *_ = map_update(view, None)
    labels = figure.data[0].colorbar.ticktext
    assert len(labels) == 5
    assert all(" to " in label for label in labels)
    assert "quintiles" in figure.data[0].colorbar.title.text


def test_indicator_of_another_vintage_is_announced():
    view = view_of(load_link("?v=2004&c=indicator&i=iod2019-imd-average-score&p=2019"))
    _, _, alerts, _ = map_update(view, None)
    assert "Choose vintage 2019" in str(alerts[0].children)


def test_indicator_without_council_values_is_announced():
    view = view_of(load_link("?c=indicator&i=imd-district21-imd-score&p=2015"))
    figure, _, alerts, _ = map_update(view, None)
    assert alerts[0].color == "warning"
    assert "no council values" in str(alerts[0].children)
    assert list(figure.data[0].colorbar.ticktext) == ["no value"]


def test_unchanged_map_is_not_resent():
    view = view_of(load_link("?v=2019&c=pathfinder"))
    _, drawn, _, _ = map_update(view, None)
    with pytest.raises(PreventUpdate):
        map_update(view | {"indicator": "another"}, drawn)


def test_selection_sends_only_the_selected_point():
    view = view_of(load_link("?v=2019&c=pathfinder"))
    full, drawn, _, _ = map_update(view, None)
    patch, _, alerts, source = map_update(view | {"area": "E09000029"}, drawn)
    operations = patch.to_plotly_json()["operations"]
    assert [op["location"] for op in operations] == [["data", 0, "selectedpoints"]]
    position = operations[0]["params"]["value"][0]
    assert full.data[0].locations[position] == "E09000029"
    assert alerts is no_update


def test_bad_link_falls_back_to_defaults_with_a_message():
    outputs = load_link("?v=1999&c=rainbow&i=nope&p=%3Cb%3E&a=E99999999&zz=1")
    view = view_of(outputs)
    assert view["vintage"] == "2019"
    assert view["colour"] == "pathfinder"
    assert view["indicator"] == "iod2019-imd-average-score"
    assert view["area"] is None
    alert_text = str(outputs[-1])
    for fragment in ("1999", "rainbow", "nope", "E99999999", "zz"):
        assert fragment in alert_text


def test_control_change_writes_the_link_and_keeps_the_area():
    current = view_of(load_link("?a=E09000029"))
    controls = ("2023", "indicator", None, "iod2019-imd-average-score", "2019", *NO_FILTERS)
    outputs = run_callback(sync_view, "vintage.value", "?a=E09000029", *controls, None, current)
    assert outputs[0] == ("?v=2023&c=indicator&i=iod2019-imd-average-score&p=2019&a=E09000029")
    assert outputs[2] is no_update  # unchanged controls are not sent back
    assert outputs[-1] is no_update


def test_new_indicator_gets_its_latest_period():
    current = view_of(load_link(""))
    controls = ("2019", "indicator", None, "iod2019-imd-average-score", "1999", *NO_FILTERS)
    outputs = run_callback(sync_view, "indicator.value", "", *controls, None, current)
    assert view_of(outputs)["period"] == "2019"


def test_map_click_selects_the_council():
    current = view_of(load_link(""))
    click = {"points": [{"location": "E09000029"}]}
    outputs = run_callback(sync_view, "map.clickData", "", *DEFAULT_CONTROLS, click, current)
    assert outputs[len(CONTROLS) + 4] == "E09000029"  # the area store
    assert outputs[0].endswith("a=E09000029")


def test_detail_names_the_council_and_its_status():
    text = str(detail_children("E09000029", "2019"))
    assert "Sutton" in text
    assert "pathfinder" in text
    assert "coterminous" in text


def test_profile_rows_are_limited_and_numeric():
    rows, caption = profile_rows("E09000029")
    assert 0 < len(rows) <= 30
    assert {"label", "period", "value", "england_value", "rank", "quintile"} <= set(rows[0])
    assert "indicators" in caption


def test_comparison_gives_two_figures_and_sentences():
    view = view_of(load_link("?i=iod2019-imd-average-score&p=2019"))
    by_pathfinder, text, by_coterminous, text2, source, table, compared = update_comparison(
        "token", view, None
    )
    assert {row["group"] for row in table} >= {"pathfinder", "other councils"}
    assert len(by_pathfinder.data) == 2
    assert "Welch p=" in str(text)
    assert "95% CI" in str(text2)
    assert "Indices of Deprivation" in source
    with pytest.raises(PreventUpdate):
        update_comparison("token", view | {"vintage": "2004", "area": "E09000029"}, compared)


def test_map_table_twin_has_every_council_and_the_source():
    view = view_of(load_link("?c=indicator&i=iod2019-imd-average-score&p=2019"))
    table = map_table(view)
    assert len(table) == 151
    assert table["value"].notna().all()
    assert table["source"].iat[0].startswith("Source:")


def test_theme_narrows_the_indicators_and_keeps_a_valid_choice():
    current = view_of(load_link(""))
    controls = ("2019", "indicator", "send", "iod2019-imd-average-score", "2019", *NO_FILTERS)
    outputs = run_callback(sync_view, "theme.value", "", *controls, None, current)
    options = outputs[len(CONTROLS) + 1]  # the indicator options
    view = view_of(outputs)
    assert 0 < len(options) < 535
    assert view["indicator"] in {option["value"] for option in options}
    assert view["theme"] == "send"
    assert "t=send" in outputs[0]


def test_link_without_theme_restores_every_indicator():
    controls = ("2019", "indicator", "send", "lait-16-17yroldsen-et", "2025", *NO_FILTERS)
    outputs = run_callback(sync_view, "url.search", "?c=indicator", *controls, None, None)
    assert len(outputs[len(CONTROLS) + 1]) == 535
    assert outputs[3] is None  # the theme control is cleared


def test_filters_fade_other_councils_and_narrow_the_comparison():
    view = view_of(load_link("?v=2019&r=London&y=LB"))
    assert (view["region"], view["la_type"]) == ("London", "LB")
    figure, _, _, _ = map_update(view, None)
    assert len(figure.data[0].selectedpoints) == 33  # London's boroughs kept, others faded
    outputs = update_comparison("token", view, None)
    assert "n=8" in str(outputs[0]) and "n=25" in str(outputs[0])  # 8 London pathfinders


def test_odd_filter_in_a_link_falls_back_to_all():
    outputs = load_link("?r=Atlantis&s=maybe")
    view = view_of(outputs)
    assert view["region"] is None and view["status"] is None
    assert "Atlantis" in str(outputs[-1])


def test_health_overlay_is_added_and_removed_by_patch():
    view = view_of(load_link("?v=2019&h=ccg2019"))
    figure, drawn, _, _ = map_update(view, None)
    assert len(figure.data) == 3 and len(figure.data[2].locations) == 191
    patch, drawn, _, _ = map_update(view | {"health": "pct2006"}, drawn)
    assert isinstance(patch, Patch)
    replaced = to_json_plotly(patch.to_plotly_json())
    assert '"health_code":"5QQ"' in replaced  # Devon PCT, one of the 44 sourced
    removed, _, _, _ = map_update(view | {"health": None}, drawn)
    assert '"operation":"Delete"' in to_json_plotly(removed.to_plotly_json())


def test_detail_names_predecessors_and_successors():
    text = str(detail_children("E10000006", "2019"))
    assert "2023: Cumberland" in text and "Westmorland and Furness" in text


def test_map_hands_the_view_on_even_when_it_has_nothing_to_redraw():
    view = view_of(load_link("?v=2019&c=pathfinder"))
    *_, drawn, _, _, done = update_map(view, None)
    outputs = update_map(view | {"indicator": "iod2019-income-average-score"}, drawn)
    assert outputs[:4] == (no_update,) * 4  # the pathfinder map does not depend on it
    assert outputs[4] != done  # but the charts below are told the view changed


def test_class_scheme_and_polarity_set_the_legend():
    base = "?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019"
    quintiles, *_ = map_update(view_of(load_link(base)), None)
    breaks, *_ = map_update(view_of(load_link(base + "&m=natural_breaks")), None)
    assert quintiles.data[0].colorbar.ticktext != breaks.data[0].colorbar.ticktext
    assert "natural breaks" in breaks.data[0].colorbar.title.text.replace("<br>", " ")
    # IMD score: lower is better, so the lowest class takes the yellow (better) end.
    assert "lower = better" in quintiles.data[0].colorbar.title.text.replace("<br>", " ")
    assert quintiles.data[0].colorscale[0][1].lower() in ("#fde725", "rgb(253, 231, 37)")
