"""The map's files: outlines (content-addressed, pre-compressed, cached for good) and a view's
paint (a few kB of classes, hover text, selection and zoom); and the map's CSV."""

from __future__ import annotations

import gzip
import io
import json
import re

import brotli
import pandas as pd
import pytest

from callbacks.map import map_csv
from layouts.map import map_config
from serving.data import choices, get_build, view_from_store
from tests.integration.conftest import linked
from trustmap.show.map_paint import paint_query
from trustmap.show.outlines import council_order
from trustmap.show.view import View

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

IMD = "?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019"


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def view_of(search: str):
    return view_from_store(linked(search))


def paint_of(client, search: str) -> dict:
    """The paint the browser fetches for the view a link opens (as trustmap_map.js asks)."""
    view = view_of(search)
    response = client.get(f"/map/paint.json?b={get_build().directory.name}&{paint_query(view)}")
    assert response.status_code == 200
    return response.get_json()


def code_at(position: int, vintage: str = "2019") -> str:
    return council_order(get_build(), vintage)["la_code"][position]


def test_pathfinder_paint_colours_every_council_and_outlines_the_35(client):
    paint = paint_of(client, "?v=2019&c=pathfinder")
    assert len(paint["classes"]) == len(paint["details"]) == 151
    assert len(paint["pathfinders"]) == 35
    assert paint["legend"]["labels"] == ["not a pathfinder", "2003 pathfinder"]
    assert (paint["kept"], paint["selected"], paint["zoom"], paint["note"]) == (
        None,
        None,
        None,
        None,
    )
    devon = paint["classes"][[code_at(i) for i in range(151)].index("E10000008")]
    assert paint["legend"]["labels"][devon] == "2003 pathfinder"
    assert paint["source"].startswith("Source: Office for National Statistics")


def test_indicator_paint_is_a_few_kilobytes_without_geometry(client):
    view = view_of(IMD)
    response = client.get(f"/map/paint.json?b={get_build().directory.name}&{paint_query(view)}")
    body = response.get_data()
    assert len(body) < 4_000 and b"coordinates" not in body
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    legend = json.loads(body)["legend"]
    assert len(legend["labels"]) == 5 and all(" to " in label for label in legend["labels"])
    # IMD score: lower is better, so the lowest class takes the yellow (better) end.
    assert "lower = better" in legend["title"] and legend["colours"][0] == "rgb(253, 231, 37)"
    breaks = paint_of(client, IMD + "&m=natural_breaks")["legend"]
    assert "natural breaks" in breaks["title"] and breaks["labels"] != legend["labels"]


def test_a_paint_asked_for_before_the_view_settles_names_the_settled_view(client):
    # As an indicator is chosen, the browser asks at once for its paint, with no period (the
    # route settles the latest); the paint names the view the view callback settles, so the
    # browser knows it is drawn when that view arrives.
    build = get_build().directory.name
    asked = "vintage=2019&colour=indicator&indicator=iod2019-imd-average-score"
    paint = client.get(f"/map/paint.json?b={build}&{asked}").get_json()
    assert paint["query"] == paint_query(view_of(IMD)) == f"{asked}&period=2019&nhs=ccg2019"
    assert paint == paint_of(client, IMD)


def test_the_browser_reads_each_control_as_the_view_field_it_sets():
    config = map_config(get_build(), choices())
    fields = set(View.__dataclass_fields__)
    assert config["controls"] and set(config["controls"]) <= fields
    assert set(config["fields"]) <= fields


def test_selected_council_is_outlined_and_zoomed_to(client):
    paint = paint_of(client, "?v=2019&a=E09000029")
    assert code_at(paint["selected"]) == "E09000029"
    (south, west), (north, east) = paint["zoom"]
    assert 51.2 < south < 51.3 and 51.4 < north < 51.5  # Sutton, with a margin
    assert -0.3 < west < -0.25 and -0.1 < east < -0.05
    assert paint["kept"] is None  # a selection fades nothing


def test_filters_keep_their_councils_and_zoom_to_them(client):
    paint = paint_of(client, "?v=2019&r=London&y=LB")
    assert sorted(code_at(i) for i in paint["kept"]) == [f"E09{n:06d}" for n in range(1, 34)]
    (south, west), (north, east) = paint["zoom"]
    assert south < 51.3 and north > 51.68 and west < -0.5 and east > 0.3


def test_filter_that_keeps_no_council_says_so(client):
    paint = paint_of(client, "?v=2019&r=London&y=County")
    assert paint["kept"] == [] and paint["zoom"] is None and paint["level"] == "warning"
    assert paint["note"].startswith("No council of 2019 matches these filters")


def test_data_notes_for_other_vintages_and_missing_values(client):
    other = paint_of(client, "?v=2004&c=indicator&i=iod2019-imd-average-score&p=2019")
    assert "Choose vintage 2019 to see them all" in other["note"]
    missing = paint_of(client, "?c=indicator&i=imd-district21-imd-score&p=2015")
    assert missing["level"] == "warning" and "no council values" in missing["note"]
    assert missing["legend"]["labels"] == ["no value"]


def test_coterminosity_paint_names_health_bodies(client):
    paint = paint_of(client, "?v=2019&c=coterminosity")
    sutton = [code_at(i) for i in range(151)].index("E09000029")
    assert paint["details"][sutton] == "coterminous: NHS Sutton CCG"
    assert paint["legend"]["title"] == "Coterminosity with CCG April 2019"
    pct = paint_of(client, "?v=2004&c=coterminosity")
    assert pct["note"].startswith("106 of 150 councils are grey")


def test_paint_of_an_odd_query_is_the_default_view(client):
    junk = client.get("/map/paint.json?vintage=1999&colour=%3Cb%3E&zz=" + "x" * 5000)
    assert junk.status_code == 200
    assert junk.get_json() == paint_of(client, "")
    assert junk.headers["Cache-Control"] == "no-cache"  # no build key: never cached


def test_outlines_are_compressed_and_cached_for_good(client):
    url = map_config(get_build(), choices())["outlines"]["2019"]
    brotli_response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert brotli_response.headers["Content-Encoding"] == "br"
    assert brotli_response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    features = json.loads(brotli.decompress(brotli_response.get_data()))["features"]
    assert [f["properties"]["la_code"] for f in features] == list(
        council_order(get_build(), "2019")["la_code"]
    )
    gzipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert json.loads(gzip.decompress(gzipped.get_data()))["features"] == features
    assert len(brotli_response.get_data()) < 100_000
    stale = client.get(url.replace(url.split(".")[-2], "000000000000"))
    assert stale.headers["Cache-Control"] == "no-cache"
    assert client.get("/map/outlines/councils-1999.abc.geojson").status_code == 404


def test_health_outlines_are_served_for_every_overlay(client):
    health = map_config(get_build(), choices())["health"]
    assert "ccg2019" in health and health["ccg2019"]["label"] == "CCG April 2019 (191)"
    response = client.get(health["ccg2019"]["url"], headers={"Accept-Encoding": "identity"})
    features = json.loads(response.get_data())["features"]
    assert len(features) == 191 and features[0]["properties"]["health_code"].startswith("E38")


def test_map_table_twin_has_every_council_and_the_source():
    csv = map_csv(view_of(IMD))
    table = pd.read_csv(io.StringIO(csv))
    assert list(table.columns[:3]) == ["la_code", "la_name", "vintage"]
    assert len(table) == 151 and table["value"].notna().all()
    assert table["source"].str.startswith("Source: Office for National Statistics").all()


def test_the_page_serves_the_map_library_and_no_grid_library(client):
    """The table twins are plain HTML tables: no grid library is served; the map's is."""
    scripts = re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))
    assert not [src for src in scripts if "dash_ag_grid" in src]
    assert [src for src in scripts if "dash_leaflet" in src]
