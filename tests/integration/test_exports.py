"""The export routes through Flask's test client, the map's CSV and the priorities upload
through their callbacks, inside the real app."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from pptx import Presentation
from pypdf import PdfReader
from shapely.geometry import Point, Polygon

from callbacks.map import download_map_table, map_csv
from callbacks.priorities import load_priorities, show_theme_counts
from layouts import ids
from serving.data import choices
from tests.integration.conftest import run_callback
from trustmap.export.slides import make_slide, render_slide
from trustmap.show.colouring import contrast_ratio
from trustmap.show.view import parse_query

pytestmark = pytest.mark.bundle

SCHOOL_READINESS = "?v=2019&c=indicator&i=lait-fsp-new-gooddev&p=2019"
LOOKED_AFTER_LONDON = "?v=2019&c=indicator&i=lait-lac&p=2025&r=London"


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
    for borough in ("Sutton", "Croydon", "Ealing"):  # named in the inset and the zoom
        assert f">{borough}<" in national_svg and f">{borough}<" in london_svg
    # too small for its name at 14 px: a number on the map and a line of the key beside it
    assert re.search(r">\d+ City of London<", national_svg)
    assert re.search(r">\d+ City of London<", london_svg)
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
    assert "Every council kept is a pathfinder, so there is no group to compare them with." in page


def test_the_briefing_pack_opens_with_a_cover_and_says_what_is_left_out(client):
    response = client.get(f"/export/briefing.pdf{SCHOOL_READINESS}&r=London&s=pathfinder")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    # the cover, the map and the notes page; both comparisons left out
    assert len(reader.pages) == 3
    notes = reader.pages[2].extract_text()
    assert "Notes and sources of the pages before, in full" in notes
    assert "Colours: " in notes  # the map's footnote, cut from the map's own foot
    cover = reader.pages[0].extract_text()
    for text in ("Filters: London; pathfinders (and successors).", "Left out", "2. The map"):
        assert text in cover
    assert "http://localhost/?v=2019&c=indicator&i=lait-fsp-new-gooddev" in cover
    assert "Filters: London; pathfinders" in reader.pages[1].extract_text()


def attached_name(response) -> str:
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="'), disposition
    return disposition.split('"')[1]


@pytest.mark.parametrize(
    "address, name",
    [
        (
            f"/export/map.png{LOOKED_AFTER_LONDON}",
            "trustmap_children-looked-after-rate_2025_councils-2019_london.png",
        ),
        (
            f"/export/map.svg{LOOKED_AFTER_LONDON.replace('p=2025', 'p=2024')}",
            "trustmap_children-looked-after-rate_2024_councils-2019_london.svg",
        ),
        (
            "/export/map.pdf?v=2023&c=coterminosity&n=icb2024&y=LB",
            "trustmap_coterminous-icb-2024_councils-2023_london-boroughs.pdf",
        ),
        (
            f"/export/pathfinder.pptx{LOOKED_AFTER_LONDON}",
            "trustmap_pathfinders-and-other-councils_children-looked-after-rate_2025_"
            "councils-2023_london.pptx",
        ),
        (
            "/export/before-after.png?ei=ons-u18-conception-rate&eb=1998-2002&ea=2004-2008"
            "&eg=pathfinder",
            "trustmap_before-and-after_under-18-conception-rate_1998-2002-against-2004-2008_"
            "pathfinders.png",
        ),
    ],
)
def test_every_export_is_named_for_its_indicator_period_councils_and_filters(client, address, name):
    response = client.get(address)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert attached_name(response) == name


def test_the_powerpoint_pack_has_the_pdf_packs_pages_and_editable_titles(client):
    pptx = client.get(f"/export/briefing.pptx{LOOKED_AFTER_LONDON}")
    pdf = client.get(f"/export/briefing.pdf{LOOKED_AFTER_LONDON}")
    assert pptx.status_code == pdf.status_code == 200
    assert pptx.mimetype == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    stem = "trustmap_briefing_children-looked-after-rate_2025_councils-2019_london"
    assert (attached_name(pptx), attached_name(pdf)) == (f"{stem}.pptx", f"{stem}.pdf")
    slides = list(Presentation(io.BytesIO(pptx.data)).slides)
    pages = PdfReader(io.BytesIO(pdf.data)).pages
    assert len(slides) == len(pages) == 5  # cover, map, two comparisons, notes and sources
    for slide, page in zip(slides, pages, strict=True):
        title = slide.shapes.title.text_frame.text
        assert title and " ".join(title.split()) in " ".join(page.extract_text().split())
        assert slide.notes_slide.notes_text_frame.text
    assert slides[1].shapes.title.text_frame.text == (
        "Children looked after rate per 10,000, 2025: councils of 2019"
    )


def test_the_map_csv_is_named_for_its_view():
    view, _ = parse_query(f"{LOOKED_AFTER_LONDON}&s=pathfinder", choices())
    download = run_callback(download_map_table, None, _=1, view=view.as_dict())
    assert download["filename"] == (
        "trustmap_children-looked-after-rate_2025_councils-2019_london_pathfinders.csv"
    )


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
    assert show_theme_counts(data, None) == []  # folded: not drawn
    table = show_theme_counts(data, [ids.PRIORITIES_ITEM])
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


SVG_NS = "{http://www.w3.org/2000/svg}"
STYLE_SIZE = re.compile(r"font-size:\s*([\d.]+)px")
STYLE_FILL = re.compile(r"(?:^|;)\s*fill:\s*([^;]+)")
POINT = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


def _rings(path_d: str) -> list[Polygon]:
    """The rings of an SVG path of plotly's ('M x,y L x,y ... Z', one M per ring)."""
    rings = [POINT.findall(part) for part in path_d.split("M") if part.strip()]
    return [Polygon([(float(x), float(y)) for x, y in ring]) for ring in rings if len(ring) > 2]


def _fill_under(fills: list[tuple[list[Polygon], str]], point: Point) -> str:
    """The colour drawn at `point`: the last fill (the topmost) whose rings hold it an odd
    number of times (holes are rings too); the slide's white where none does."""
    for rings, colour in reversed(fills):
        if sum(ring.contains(point) for ring in rings) % 2:
            return colour
    return "#ffffff"


def test_the_london_indicator_map_svg_reads_from_the_back_of_a_room(build):
    """Issue 23's test of done: the London-filtered indicator map as SVG has no text under
    13 px, and every council's label has 4.5:1 contrast against the fill beneath it."""
    view, _ = parse_query("?v=2019&c=indicator&i=lait-lac&r=London", choices())
    svg = ET.fromstring(render_slide(make_slide(build, "map", view), "svg"))
    sizes = [float(size) for e in svg.iter() for size in STYLE_SIZE.findall(e.get("style", ""))]
    assert sizes and min(sizes) >= 13
    labels = 0
    for subplot in svg.iter(f"{SVG_NS}g"):
        if not re.fullmatch(r"x\d*y\d*", subplot.get("class", "")):
            continue
        fills = [
            (_rings(path.get("d")), fill.group(1))
            for path in subplot.iter(f"{SVG_NS}path")
            if path.get("class") == "js-fill"
            # a class without councils here is drawn as an empty path, for its legend entry
            if (fill := STYLE_FILL.search(path.get("style")))
        ]
        for text in subplot.iter(f"{SVG_NS}text"):
            colour = STYLE_FILL.search(text.get("style")).group(1)
            fill = _fill_under(fills, Point(float(text.get("x")), float(text.get("y"))))
            name = "".join(text.itertext())
            assert contrast_ratio(colour, fill) >= 4.5, (name, colour, fill)
            labels += 1
    assert labels == 33  # every London council, by name or by a number in the key
