"""The export routes through Flask's test client, the map's CSV and the priorities upload
through their callbacks, inside the real app."""

from __future__ import annotations

import base64
import io

import pandas as pd
import pytest
from pypdf import PdfReader

from callbacks.map import map_csv
from callbacks.priorities import load_priorities, show_theme_counts
from layouts import ids
from serving.data import choices
from tests.integration.conftest import run_callback
from trustmap.export.slides import make_slide
from trustmap.show.view import parse_query

pytestmark = pytest.mark.bundle

SCHOOL_READINESS = "?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019"


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def test_a_london_map_slide_differs_from_the_national_one(client):
    national = client.get("/export/map.svg?v=2019&c=pathfinder")
    london = client.get("/export/map.svg?v=2019&c=pathfinder&r=London")
    assert national.status_code == london.status_code == 200
    national_svg, london_svg = national.get_data(as_text=True), london.get_data(as_text=True)
    assert "All 151 councils of 2019." in national_svg
    assert "Filters: London. 33 of 151 councils kept; the others are faded." in london_svg
    assert ">London<" in national_svg  # the inset's heading
    for borough in ("Sutton", "Croydon", "Ealing", "City"):  # named in the inset and the zoom
        assert f">{borough}<" in national_svg and f">{borough}<" in london_svg
    png_national = client.get("/export/map.png?v=2019&c=pathfinder").data
    png_london = client.get("/export/map.png?v=2019&c=pathfinder&r=London").data
    assert png_national[:8] == png_london[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_national != png_london


@pytest.mark.parametrize("vintage", ["2004", "2019", "2023"])
def test_the_london_inset_names_all_33_councils(build, vintage):
    view, _ = parse_query(f"?v={vintage}&c=pathfinder", choices())
    labels = next(
        trace for trace in make_slide(build, "map", view).figure.data if trace.mode == "text"
    )
    assert len(labels.text) == 33 and all(labels.text)


def test_a_chart_that_cannot_be_drawn_answers_a_readable_page(client):
    refused = client.get(f"/export/pathfinder.png{SCHOOL_READINESS}&s=pathfinder")
    assert refused.status_code == 404 and refused.mimetype == "text/html"
    page = refused.get_data(as_text=True)
    assert "<h1>This export cannot be made</h1>" in page
    assert "Pathfinders against other councils cannot be drawn for this view" in page
    assert "too few values" in page


def test_the_briefing_pack_opens_with_a_cover_and_says_what_is_left_out(client):
    response = client.get(f"/export/briefing.pdf{SCHOOL_READINESS}&r=London&s=pathfinder")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 2  # the cover and the map; both comparisons left out
    cover = reader.pages[0].extract_text()
    for text in ("Filters: London; pathfinders (and successors).", "Left out", "2. The map"):
        assert text in cover
    assert "http://localhost/?v=2019&c=indicator&i=lait-fsp-new-gooddev" in cover
    assert "Filters: London; pathfinders" in reader.pages[1].extract_text()


def test_the_map_csv_holds_only_the_kept_councils():
    view, _ = parse_query(f"{SCHOOL_READINESS}&r=London&s=pathfinder", choices())
    table = pd.read_csv(io.StringIO(map_csv(view)))
    assert sorted(table["la_name"]) == [
        "Bexley",
        "Croydon",
        "Ealing",
        "Greenwich",
        "Hammersmith and Fulham",
        "Redbridge",
        "Sutton",
        "Tower Hamlets",
    ]
    assert set(table["pathfinder_status"]) == {"2003 pathfinder"}
    assert set(table["region"]) == {"London"} and set(table["health"]) == {"CCG April 2019"}
    sutton = table.set_index("la_name").loc["Sutton"]
    assert sutton["health_bodies"] == "NHS Sutton CCG" and sutton["coterminosity"] == "coterminous"
    assert sutton["unit"] == "% achieving expected level" and sutton["period"] == 2019


def test_an_uploaded_file_is_counted_per_theme_and_a_bad_one_is_not():
    good = base64.b64encode(b"la_code,theme\nE09000029,early-years\nE09000008,early-years\n")
    data, message = run_callback(
        load_priorities,
        f"{ids.PRIORITIES_UPLOAD}.contents",
        contents=f"data:text/csv;base64,{good.decode()}",
        _clear=None,
        filename="mine.csv",
    )
    assert data == [
        {"la_code": "E09000029", "theme": "early-years"},
        {"la_code": "E09000008", "theme": "early-years"},
    ]
    assert message.children == "mine.csv: 2 council priorities read; counted below."
    table = show_theme_counts(data)
    header = [cell.children for cell in table.children[0].children.children]
    assert header[-1] == "Councils in your file"
    rows = {
        row.children[0].children: row.children[-1].children for row in table.children[1].children
    }
    assert (
        rows["Early intervention and early years"] == 2 and rows["Disabled children and SEN"] == 0
    )
    bad = base64.b64encode(b"la_code,theme\nE09000029,nope\n")
    data, message = run_callback(
        load_priorities,
        f"{ids.PRIORITIES_UPLOAD}.contents",
        contents=f"data:text/csv;base64,{bad.decode()}",
        _clear=None,
        filename="bad.csv",
    )
    assert data is None
    problem = message.children[1].children[0].children
    assert problem.startswith("line 2, theme: 'nope' is not one of the themes: Disabled children")
