"""The charts section's callbacks called directly, and the page's ids against every callback."""

from __future__ import annotations

import csv

import pytest
from dash import no_update
from dash.exceptions import PreventUpdate

from callbacks.charts import download_table, update_scatter, update_trend, update_y_periods
from layouts import ids
from tests.integration.conftest import load_link, run_callback
from tests.support.figures import plain_figure

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

GOOD_DEVELOPMENT = "lait-fsp-new-gooddev"
IDACI = "iod2019-idaci-average-score"


def keys(search: str) -> dict:
    """The view stores a page loading `search` holds, by store id."""
    return load_link(search)["stores"]


def test_scatter_draws_both_groups_and_fills_its_table_twin():
    key = keys("?i=iod2019-imd-average-score&p=2019")[ids.COMPARISON_KEY]
    outputs = update_scatter(key, IDACI, "2019")
    figure = plain_figure(outputs["figure"])
    assert [len(trace.x) for trace in figure.data] == [116, 35]
    assert outputs["alert"] == []
    csv = outputs["csv"]
    assert len(csv["rows"]) == 151
    assert set(csv["rows"][0]) == {"la_code", "la_name", "group", "x", "y"}
    assert csv["source"] == outputs["source"]
    assert csv["file_name"] == (
        "trustmap_scatter_iod-2019-imd-average-score_2019_against_iod-2019-idaci-average-score_"
        "2019_councils-2019.csv"
    )
    assert csv["headers"]["y"] == "y: IoD 2019: IDACI - Average score (2019)"
    assert csv["headers"]["la_code"] == "Area code"
    head, body = outputs["twin"]
    assert [th.children for th in head.children.children][-1] == csv["headers"]["y"]
    assert len(body.children) == 151
    assert "151 of 151 had both values" in outputs["source"]


def test_scatter_of_a_period_without_council_values_says_so():
    key = keys(f"?i={GOOD_DEVELOPMENT}&p=2020")[ids.COMPARISON_KEY]
    outputs = update_scatter(key, GOOD_DEVELOPMENT, "2025")
    assert "No council of 2020 has values" in str(outputs["alert"].children)
    assert outputs["csv"]["rows"] == []
    assert outputs["figure"]["data"] == []


def test_scatter_waits_for_its_second_axis():
    with pytest.raises(PreventUpdate):
        update_scatter(keys("")[ids.COMPARISON_KEY], None, "2019")


def test_second_indicator_defaults_to_the_first_ones_period_where_it_has_it():
    options, value = update_y_periods(GOOD_DEVELOPMENT, "2019")
    assert value == "2019"  # the same period as IMD 2019, not the latest (2025)
    assert "2020" not in {option["value"] for option in options}
    assert update_y_periods(GOOD_DEVELOPMENT, "2004")[1] == "2025"  # no 2004: its latest
    assert update_y_periods(GOOD_DEVELOPMENT, None)[1] == "2025"


def trend(key, area=None, triggered="trend-key.data", drawn=None) -> dict:
    """The trend's outputs; `drawn`: the source line the trend already shows (None: not drawn)."""
    return run_callback(update_trend, triggered, key=key, area=area, drawn=drawn)


def test_trend_of_a_single_period_indicator_is_a_note():
    outputs = trend(keys("")[ids.TREND_KEY])
    assert outputs["box"] == {"display": "none"}
    assert "one period only (2019)" in str(outputs["note"].children)
    assert "Indices of Deprivation 2019" in outputs["source"]
    assert len(outputs["csv"]["rows"]) == 151 + 2  # every council's row and each group's median


def test_trend_draws_a_line_per_council_with_medians_and_england():
    outputs = trend(keys(f"?i={GOOD_DEVELOPMENT}")[ids.TREND_KEY], "E09000029")
    assert outputs["box"] == {}
    assert outputs["note"] == []
    names = [trace.name for trace in plain_figure(outputs["figure"]).data]
    assert names[-2:] == ["England (source)", "selected: Sutton"]
    rows = outputs["csv"]["rows"]
    medians = [row for row in rows if row["series"] == "median" and row["period"] == "2023"]
    assert {row["n"] for row in medians} == {35, 118}
    assert sum(row["series"] == "England" for row in rows) == 8  # none in 2020, 2021
    assert outputs["csv"]["source"] == outputs["source"]


def test_a_table_twin_downloads_as_csv_headed_in_words_with_its_source_last():
    twin = trend(keys(f"?i={GOOD_DEVELOPMENT}")[ids.TREND_KEY])["csv"]
    sent = download_table(1, twin)
    assert sent["filename"] == "trustmap_trend_foundation-stage-percent-achieving-a-good.csv"
    *lines, source = sent["content"].splitlines()
    assert source == twin["source"]
    rows = list(csv.DictReader(lines))
    assert list(rows[0])[:3] == ["Period", "Councils of", "Series"]
    assert len(rows) == len(twin["rows"])
    medians = [row for row in rows if row["Series"] == "median"]
    assert medians and all(row["Councils"].isdigit() for row in medians)  # counts stay whole
    with pytest.raises(PreventUpdate):
        download_table(1, None)  # the table is not drawn yet


def test_selecting_a_council_sends_only_its_line():
    key = keys(f"?i={GOOD_DEVELOPMENT}")[ids.TREND_KEY]
    drawn = trend(key)["source"]
    outputs = trend(key, "E10000020", triggered="area.data", drawn=drawn)  # Norfolk
    assert outputs["twin"] is no_update and outputs["source"] is no_update
    (operation,) = outputs["figure"].to_plotly_json()["operations"]
    assert operation["location"] == ["data", -1]
    assert operation["params"]["value"].name == "selected: Norfolk"


def test_a_council_selected_before_the_trend_is_drawn_draws_it_whole():
    """A page opening with a council selected: its trend is not drawn yet, so all of it is sent
    (a Patch would have nothing to patch)."""
    key = keys(f"?i={GOOD_DEVELOPMENT}")[ids.TREND_KEY]
    outputs = trend(key, "E10000020", triggered="area.data")
    assert outputs["source"] and outputs["csv"]["rows"]
    names = [trace.name for trace in plain_figure(outputs["figure"]).data]
    assert names[-1] == "selected: Norfolk"


def test_scatter_and_trend_keep_only_the_filtered_councils():
    london = keys(f"?r=London&i={GOOD_DEVELOPMENT}&p=2025")
    figure = update_scatter(london[ids.COMPARISON_KEY], IDACI, "2019")["figure"]
    assert sum(len(trace.x) for trace in plain_figure(figure).data) == 33  # London's boroughs only
    outputs = trend(london[ids.TREND_KEY])
    councils = [row for row in outputs["csv"]["rows"] if row["series"] == "council"]
    assert {row["period"] for row in councils if row["la_name"] == "Sutton"} >= {"2016", "2025"}
    per_period = {}
    for row in councils:
        per_period[row["period"]] = per_period.get(row["period"], 0) + 1
    assert max(per_period.values()) == 33  # London's 33 boroughs
    assert "London" in plain_figure(outputs["figure"]).layout.title.text


def test_a_filter_that_keeps_no_council_says_so_in_the_charts():
    nothing = keys(f"?r=London&y=County&i={GOOD_DEVELOPMENT}&p=2019")
    scatter = update_scatter(nothing[ids.COMPARISON_KEY], IDACI, "2019")
    assert "The filters (London; county councils) keep no council of 2019" in str(
        scatter["alert"].children
    )
    outputs = trend(nothing[ids.TREND_KEY])
    assert outputs["box"] == {"display": "none"}
    assert "keep no council" in str(outputs["note"].children)
