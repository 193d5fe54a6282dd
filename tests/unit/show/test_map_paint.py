"""A view's paint for the map's outlines: classes, legend, pathfinders, kept and selected
councils and where to zoom, every list in council code order; on the tiny bundle and a
hand-made bounds frame."""

from __future__ import annotations

from dataclasses import fields

import pandas as pd
import pytest

from tests.fixtures import bundle as tiny
from trustmap.show.map_paint import (
    PAINTED_FIELDS,
    empty_note,
    map_paint,
    paint_query,
    select_council,
    view_paint,
    zoom_bounds,
)
from trustmap.show.view import View

IMD = "iod2019-imd-average-score"
# 2019 in code order: Alpha 0, Beta 1, Shire 2, Gamma 3, Delta 4, Epsilon 5.
BOUNDS = pd.DataFrame(
    {
        "minx": [-2.0, -1.9, -1.123456],
        "miny": [52.0, 52.0, 50.5],
        "maxx": [-1.9, -1.8, -1.0],
        "maxy": [52.1, 52.1, 50.6],
    },
    index=pd.Index(["A", "B", "C"], name="la_code"),
)


def view(colour: str = "indicator", vintage: str = "2019", **fields) -> View:
    return View(vintage, colour, None, IMD, "2019", nhs="ccg2019", **fields)


def test_zoom_bounds_are_south_west_north_east_with_a_margin():
    assert zoom_bounds(BOUNDS, ["A"]) == [[51.95, -2.05], [52.15, -1.85]]
    assert zoom_bounds(BOUNDS, ["B", "A"]) == [[51.95, -2.05], [52.15, -1.75]]
    assert zoom_bounds(BOUNDS, ["C"]) == [[50.45, -1.1735], [50.65, -0.95]]  # 4 places
    assert zoom_bounds(BOUNDS, ["Z"]) is None
    assert zoom_bounds(BOUNDS, []) is None


def test_empty_note_names_the_vintage():
    assert empty_note(view(vintage="2023")) == (
        "No council of 2023 matches these filters, so none is highlighted and the comparisons "
        "have nothing to compare: remove a filter."
    )


def test_national_indicator_paint(tiny_build):
    paint = map_paint(tiny_build, view())
    assert set(paint) == {
        *("classes", "details", "legend", "pathfinders", "kept", "selected", "zoom"),
        *("lines", "fill", "source", "note", "level", "query"),
    }
    assert paint["lines"]["pathfinder"] == {"color": "#111111", "weight": 2.5, "opacity": 1}
    # Quintile classes of 30, 20, 10, 25, 40, 15 (10 to 15, ..., 30 to 40).
    assert paint["classes"] == [3, 1, 0, 2, 4, 0]
    assert paint["details"] == ["30", "20", "10", "25", "40", "15"]
    assert paint["legend"] == {
        "title": "IoD 2019: IMD - Average score (average score), quintiles; yellow = lower = "
        "better",
        "labels": ["10 to 15", "15 to 20", "20 to 25", "25 to 30", "30 to 40"],
        "colours": [
            "rgb(253, 231, 37)",
            "rgb(96, 200, 96)",
            "rgb(34, 144, 140)",
            "rgb(59, 81, 138)",
            "rgb(68, 1, 84)",
        ],
        "unit": "average score",
    }
    assert paint["pathfinders"] == [0, 1, 4]  # Alpha, Beta, Delta
    assert (paint["kept"], paint["selected"], paint["zoom"]) == (None, None, None)
    # Publisher, title and vintage of the two files as manifest.csv lists them (the district
    # boundaries, IoD 2019 File 11), their licence, and the tiny bundle's 6 councils of 2019.
    assert paint["source"] == (
        "Source: Office for National Statistics, Local Authority Districts (December 2016) "
        "Boundaries, Super Generalised (200 m) Clipped (December 2016); Ministry of Housing, "
        "Communities & Local Government, English Indices of Deprivation 2019, File 11: "
        "upper-tier local authority summaries (IoD2019 (April 2019 upper tier)). "
        "Open Government Licence v3.0. Councils as in force from 2019 (6)."
    )
    assert (paint["note"], paint["level"]) == (None, "info")


def test_a_filter_keeps_and_zooms_to_its_councils(tiny_build):
    paint = map_paint(tiny_build, view("pathfinder", region="North"))
    assert paint["classes"] == [1, 1, 0, 0, 1, 0]
    assert paint["kept"] == [0, 1, 3]  # Alpha, Beta, Gamma
    # Alpha to Gamma span 2W to 1.7W along 52N-52.1N; 0.05 degrees around.
    assert paint["zoom"] == [[51.95, -2.05], [52.15, -1.65]]
    assert paint["selected"] is None


def test_a_selected_council_is_zoomed_to_before_the_filters(tiny_build):
    paint = map_paint(tiny_build, view("pathfinder", region="North", area=tiny.GAMMA))
    assert (paint["selected"], paint["kept"]) == (3, [0, 1, 3])
    assert paint["zoom"] == [[51.95, -1.85], [52.15, -1.65]]


def test_a_selection_changes_only_the_selected_council_the_zoom_and_the_query(tiny_build):
    unselected = view_paint(tiny_build, view("pathfinder", region="North", area=tiny.GAMMA))
    assert unselected == map_paint(tiny_build, view("pathfinder", region="North"))
    assert (unselected["selected"], unselected["zoom"]) == (None, [[51.95, -2.05], [52.15, -1.65]])
    gamma = view("pathfinder", area=tiny.GAMMA)
    selected = select_council(tiny_build, unselected, gamma)
    assert selected == unselected | {
        "selected": 3,
        "zoom": [[51.95, -1.85], [52.15, -1.65]],
        "query": paint_query(gamma),
    }


def test_a_paint_names_its_view_as_the_browser_asks_for_it(tiny_build):
    # The browser compares this query with the one it asks for to know a paint is drawn.
    query = f"vintage=2019&colour=indicator&indicator={IMD}&period=2019&nhs=ccg2019"
    assert map_paint(tiny_build, view())["query"] == paint_query(view()) == query
    selected = view(area=tiny.GAMMA, region="North")
    assert map_paint(tiny_build, selected)["query"] == f"{query}&area={tiny.GAMMA}&region=North"
    assert view_paint(tiny_build, selected)["query"] == f"{query}&region=North"


def test_a_council_of_another_vintage_is_not_selected(tiny_build):
    paint = map_paint(tiny_build, view(vintage="2023", area=tiny.SHIRE_2019))
    assert (paint["selected"], paint["zoom"]) == (None, None)
    assert len(paint["classes"]) == len(paint["details"]) == 7
    # 2023 in code order: Alpha, Beta, West Shire, East Shire, Gamma, Delta, Epsilon.
    assert paint["details"][2:4] == ["no value", "no value"]
    assert paint["pathfinders"] == [0, 1, 5]
    assert paint["level"] == "info" and paint["note"].startswith(
        "IoD 2019: IMD - Average score, 2019: 5 of the 7 councils of 2023 have a value."
    )


def test_filters_keeping_no_council_warn(tiny_build):
    paint = map_paint(tiny_build, view(region="London", la_type="MD"))
    assert (paint["kept"], paint["zoom"]) == ([], None)
    assert (paint["note"], paint["level"]) == (
        "No council of 2019 matches these filters, so none is highlighted and the comparisons "
        "have nothing to compare: remove a filter.",
        "warning",
    )


# Each council's class against the CCGs of April 2019 (Alpha + Beta; Gamma; Shire West + Shire
# East; Delta + Epsilon), worked from the tiny bundle's map, in council code order: 0
# coterminous, 1 health area spans several councils.
COTERMINOSITY_2019_CCGS = {
    # Gamma, Delta, Epsilon, Shire county, Alphabet (= Alpha + Beta, its CCG's ground)
    "2004": [0, 1, 1, 0, 0],
    # Alpha, Beta, Gamma, Delta, Epsilon, Shire county
    "2009": [1, 1, 0, 1, 1, 0],
    # Alpha, Beta, Shire unitary, Gamma, Delta, Epsilon
    "2019": [1, 1, 0, 0, 1, 1],
    # Alpha, Beta, West Shire, East Shire (which now share the Shire CCG), Gamma, Delta, Epsilon
    "2023": [1, 1, 1, 1, 0, 1, 1],
}


@pytest.mark.parametrize("vintage", ["2004", "2009", "2019", "2023"])
def test_every_list_has_a_value_per_council(tiny_build, vintage):
    paint = map_paint(tiny_build, view("coterminosity", vintage=vintage))
    councils = {"2004": 5, "2009": 6, "2019": 6, "2023": 7}[vintage]
    assert len(paint["classes"]) == len(paint["details"]) == councils
    assert paint["classes"] == COTERMINOSITY_2019_CCGS[vintage]
    # Only the classes present, in legend order, in Paul Tol's colour-blind-safe colours:
    # green #117733 and pale blue #88CCEE.
    assert paint["legend"]["labels"] == ["coterminous", "health area spans several councils"]
    assert paint["legend"]["colours"] == ["rgb(17, 119, 51)", "rgb(136, 204, 238)"]


def test_a_paint_depends_on_every_field_of_the_view_but_theme_and_overlay():
    """The theme only narrows the indicator list, and the health overlay is a layer of its
    own: every other field of a view can change the paint, so it is in the paint's URL."""
    assert set(PAINTED_FIELDS) == {field.name for field in fields(View)} - {"theme", "health"}
