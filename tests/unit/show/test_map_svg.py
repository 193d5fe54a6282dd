"""The map as inline SVG: paths in Web Mercator units of 50 m (y down), the bounds a drawing
shows, fills and outlines as the live map paints them, and the legend; on hand-made shapes and
paints and on the tiny bundle."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import Polygon, box

from trustmap.show.colouring import MAP_FILL, MAP_LINES
from trustmap.show.map_svg import (
    FILLS_CLASS,
    UNIT_M,
    council_paths,
    councils_group,
    geometry_path,
    legend_html,
    map_svg,
    view_box,
)
from trustmap.show.outlines import council_order

SVG = "{http://www.w3.org/2000/svg}"
# Web Mercator: a degree of longitude is 111,319.49 m everywhere; from the equator to 1 degree
# north is 111,325.14 m.
DEGREE_EAST_M = 111_319.49
ONE_DEGREE_NORTH_M = 111_325.14


def paint(**changes) -> dict:
    """A paint of three councils in two colour classes, the second a pathfinder."""
    return {
        "classes": [0, 1, 1],
        "legend": {
            "title": "Rate <per 1,000>",
            "labels": ["low", "high"],
            "colours": ["#aaa", "#222"],
            "unit": "",
        },
        "pathfinders": [1],
        "kept": None,
        "selected": None,
        "lines": MAP_LINES,
        "fill": MAP_FILL,
    } | changes


def parsed(group: str) -> ET.Element:
    return ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{group}</svg>')


def fills(group: str) -> list[ET.Element]:
    tree = parsed(group)
    layer = next(g for g in tree.iter(f"{SVG}g") if g.get("class") == FILLS_CLASS)
    return list(layer)


def test_a_square_is_a_move_and_three_relative_lines_in_50_m_units_y_down():
    square = box(0, 0, 100, 200)  # metres: 2 units wide, 4 tall
    assert geometry_path(square) == "M2 0l0 -4 -2 0 0 4z"


def test_a_hole_is_a_ring_of_its_own_and_repeated_points_are_dropped():
    outer = [(0, 0), (1000, 0), (1000, 1000), (0, 1000)]
    hole = [(400, 400), (410, 400), (600, 400), (600, 600), (400, 600)]  # 410 rounds onto 400
    path = geometry_path(Polygon(outer, [hole]))
    assert path.count("M") == 2 and path.count("z") == 2
    assert path.endswith("M8 -8l4 0 0 -4 -4 0z")


def test_the_view_box_of_a_degree_square_at_the_equator():
    x, y, width, height = view_box([[0.0, 0.0], [1.0, 1.0]])
    assert (x, width) == (0, round(DEGREE_EAST_M / UNIT_M))
    assert (y, height) == (-round(ONE_DEGREE_NORTH_M / UNIT_M), round(ONE_DEGREE_NORTH_M / UNIT_M))


def test_each_council_is_filled_with_its_class_colour_under_a_white_border():
    group = councils_group(["M0 0l1 0 0 1z", "M5 5l1 0 0 1z", "M9 9l1 0 0 1z"], paint())
    paths = fills(group)
    assert [p.get("fill") for p in paths] == ["#aaa", "#222", "#222"]
    assert {p.get("fill-opacity") for p in paths} == {str(MAP_FILL["kept_opacity"])}
    layer = next(g for g in parsed(group).iter(f"{SVG}g") if g.get("class") == FILLS_CLASS)
    assert layer.get("stroke") == MAP_LINES["border"]["color"]


def test_pathfinders_and_the_selected_council_are_outlined_over_a_casing():
    shapes = ["M0 0l1 0 0 1z", "M5 5l1 0 0 1z", "M9 9l1 0 0 1z"]
    tree = parsed(councils_group(shapes, paint(selected=2)))
    outlines = [p for p in tree.iter(f"{SVG}path") if p.get("fill") == "none"]
    drawn = [(p.get("d"), p.get("stroke"), p.get("stroke-width")) for p in outlines]
    line, casing = MAP_LINES["pathfinder"], MAP_LINES["pathfinder_casing"]
    chosen, chosen_casing = MAP_LINES["selected"], MAP_LINES["selected_casing"]
    assert drawn == [
        (shapes[1], casing["color"], str(casing["weight"])),
        (shapes[1], line["color"], str(line["weight"])),
        (shapes[2], chosen_casing["color"], str(chosen_casing["weight"])),
        (shapes[2], chosen["color"], str(chosen["weight"])),
    ]


def test_councils_the_filters_leave_out_are_faded():
    group = councils_group(["M0 0l1 0 0 1z", "M5 5l1 0 0 1z", "M9 9l1 0 0 1z"], paint(kept=[1]))
    opacities = [float(p.get("fill-opacity")) for p in fills(group)]
    assert opacities == [
        MAP_FILL["faded_opacity"],
        MAP_FILL["kept_opacity"],
        MAP_FILL["faded_opacity"],
    ]


def test_the_legend_names_its_classes_and_lines_in_the_live_legends_words():
    legend = legend_html(paint(selected=0, kept=[0]))
    assert "Rate &lt;per 1,000&gt;" in legend
    keys = re.findall(r"</span>([^<]+)</span>", legend)
    assert keys == [
        "low",
        "high",
        "2003 pathfinder (or successor)",
        "selected council",
        "left out by the filters",
    ]
    assert re.findall(r"</span>([^<]+)</span>", legend_html(paint()))[2:] == [
        "2003 pathfinder (or successor)"
    ]


def test_council_paths_follow_council_order_one_square_each(tiny_build):
    paths = council_paths(tiny_build, "2009")
    order = council_order(tiny_build, "2009")
    assert len(paths) == len(order) == 6
    alpha = paths[order.index[order["la_name"] == "Alpha"][0]]
    assert alpha.count("M") == 1
    steps = [int(step) for step in re.search(r"l([^z]+)z", alpha).group(1).split()]
    tenth_of_a_degree = round(DEGREE_EAST_M / 10 / UNIT_M)
    assert max(abs(step) for step in steps[0::2]) == pytest.approx(tenth_of_a_degree, abs=1)


def test_the_inset_draws_the_maps_councils_again(tiny_build):
    colours = {"classes": [0] * 6, "pathfinders": [], "legend": paint()["legend"]}
    england, london = map_svg(
        tiny_build,
        "2009",
        paint(**colours),
        bounds=[[52.0, -2.0], [52.2, -1.6]],
        inset=[[52.0, -2.0], [52.1, -1.9]],
        snap=0.25,
    )
    assert len(fills(england)) == 6
    inset = ET.fromstring(london)
    assert [use.get("href") for use in inset] == ["#trustmap-preview-councils"]
    assert inset.get("data-snap") == "1" and ET.fromstring(england).get("data-snap") == "0.25"
