"""The map page's HTML carries its linked view's map (serving/map_preview.py): every council
painted as the view's paint says, the legend, the selected council, and a script the CSP allows
by its hash; other pages carry none of it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from serving.map_preview import MARKER
from trustmap.show.map_svg import FILLS_CLASS

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

SUTTON = "E09000029"
LINK = f"/?v=2019&c=indicator&i=iod2019-imd-average-score&a={SUTTON}"


@pytest.fixture(scope="module")
def client():
    from app import server

    return server.test_client()


def fill_colours(page: str) -> list[str]:
    fills = re.search(rf'<g class="{FILLS_CLASS}"[^>]*>(.*?)</g>', page).group(1)
    return re.findall(r'fill="([^"]+)"', fills)


def test_a_linked_view_comes_with_its_map_painted_and_its_council_selected(client):
    response = client.get(LINK)
    page = response.get_data(as_text=True)
    paint = client.get(
        "/map/paint.json?vintage=2019&colour=indicator&indicator=iod2019-imd-average-score"
        f"&area={SUTTON}"
    ).get_json()
    assert fill_colours(page) == [paint["legend"]["colours"][k] for k in paint["classes"]]
    assert len(fill_colours(page)) == 151
    assert 'id="map-preview"' in page and 'aria-hidden="true"' in page
    assert paint["legend"]["title"].split(":")[0] in page
    assert "selected council" in page
    box = re.search(r'<svg viewBox="([-\d ]+)"', page).group(1).split()
    assert int(box[2]) < 2000, "the drawing shows Sutton, not all of England"


def test_the_drawings_script_is_allowed_by_its_hash(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    script = re.search(r'id="map-preview".*?<script>(.*?)</script>', page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]


def test_other_pages_carry_no_drawing(client):
    page = client.get("/compare?c=indicator").get_data(as_text=True)
    assert "map-preview" not in page and MARKER not in page
