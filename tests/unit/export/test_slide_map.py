"""The slide map on hand-built councils: what is faded, zoomed, outlined and named; vector
outlines in British National Grid, holes kept for enclosed councils."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from plotly.colors import unlabel_rgb
from shapely.geometry import Polygon, box

from trustmap.export.slide_map import (
    FADED_LABEL,
    SlideMapLayers,
    fill_colours,
    focus_bounds,
    map_labels,
    numbered,
    short_name,
    slide_outlines,
    slide_panels,
    static_council_map,
)
from trustmap.show.colouring import Colouring

# A 400 x 400 km "England" of 100 km squares (c1..c15); the south-west square is "London",
# four 50 km squares (l0..l3).
SQUARES = {
    f"c{i}": box(
        100_000 * (i % 4), 100_000 * (i // 4), 100_000 * (i % 4 + 1), 100_000 * (i // 4 + 1)
    )
    for i in range(1, 16)
}
LONDON = {
    f"l{i}": box(50_000 * (i % 2), 50_000 * (i // 2), 50_000 * (i % 2 + 1), 50_000 * (i // 2 + 1))
    for i in range(4)
}
GEOMETRY = {**SQUARES, **LONDON}


def layers(**options) -> SlideMapLayers:
    councils = gpd.GeoDataFrame(
        {"la_code": list(GEOMETRY)}, geometry=list(GEOMETRY.values()), crs=27700
    )
    frame = pd.DataFrame(
        {"la_code": list(GEOMETRY), "la_name": list(GEOMETRY), "class_index": 0, "detail": ""}
    )
    colouring = Colouring(frame, ("one class",), ("#ff0000",), "Test colours")
    return SlideMapLayers(councils, colouring, inset_codes=tuple(LONDON), **options)


def test_national_view_is_england_beside_a_named_london_inset():
    england, inset = slide_panels(layers())
    assert england.bounds[0] < 0 and england.bounds[2] > 400_000  # all of it, padded
    assert inset.only == tuple(LONDON) and inset.labels == tuple(LONDON)
    assert inset.heading == "London" and england.locates == inset.bounds
    figure = static_council_map(layers())
    names = [trace.name for trace in figure.data if trace.showlegend]
    assert names == ["one class", "2003 pathfinders (outline)"]


def test_filters_spread_over_england_stay_national_and_fade_the_rest():
    spread = layers(kept=frozenset({"c1", "c15"}))
    assert focus_bounds(spread) is None
    figure = static_council_map(spread)
    kept, faded = figure.data[0], figure.data[1]
    assert list(kept.x).count(None) == 2  # c1 and c15
    assert list(faded.x).count(None) == len(GEOMETRY) - 2
    assert faded.fillcolor == "rgb(255.0, 178.5, 178.5)"  # red, 70% of the way to white
    assert figure.data[-1].name == FADED_LABEL


def test_a_region_filter_zooms_to_its_councils_and_names_them():
    zoomed = layers(kept=frozenset(LONDON))
    minx, miny, maxx, maxy = focus_bounds(zoomed)
    # 100 km grown by 8% each side
    assert (minx, miny, maxx, maxy) == pytest.approx((-8_000, -8_000, 108_000, 108_000))
    focus, england = slide_panels(zoomed)
    assert focus.detailed and set(focus.labels) == set(LONDON)
    assert england.locates == focus.bounds and focus.bounds[2] - focus.bounds[0] > 116_000


def test_a_selected_council_is_zoomed_to_with_a_strong_outline():
    selected = layers(selected="c6")
    minx, _, maxx, _ = focus_bounds(selected)
    assert (minx, maxx) == (140_000, 360_000)  # 200-300 km grown by 60% each side
    figure = static_council_map(selected)
    zoomed = [trace for trace in figure.data if trace.xaxis == "x" and trace.line.width in (7, 4)]
    casing, outline = zoomed  # the casing of colouring.MAP_LINES, 3 px wider, under the line
    assert casing.line.color == "#ffffff" and outline.name == "selected: c6"
    assert list(outline.x).count(None) == 1


def test_names_shorten_where_they_do_not_fit_or_collide():
    assert short_name("Kensington and Chelsea") == "Kensington<br>& Chelsea"
    assert short_name("Kensington and Chelsea", width_px=30) == "K&C"
    assert short_name("Kingston upon Thames", width_px=30) == "Kingston"
    assert short_name("City of London") == "City"
    labels = map_labels(
        ["Hammersmith and Fulham", "Kensington and Chelsea", "Sutton"],
        [(0, 0), (30, 5), (500, 500)],
        [200, 200, 200],
    )
    assert labels == ["H&F", "K&C", "Sutton"]


def test_a_name_that_cannot_fit_becomes_a_number_in_a_key():
    names = ["Westminster", "City of London", "Camden", "Sutton"]
    # City's short form (4 letters at 14 px, about 31 px) is wider than its 20 px; Camden and
    # Westminster collide even as short forms, and Camden is the narrower.
    labels = map_labels(names, [(0, 0), (300, 300), (10, 0), (600, 600)], [120, 20, 90, 200])
    assert labels == ["Westminster", "", "", "Sutton"]
    texts, key = numbered(names, labels)
    assert texts == ["Westminster", "2", "1", "Sutton"]  # numbered in the order of names
    assert key == ["1 Camden", "2 City of London"]


def test_every_label_is_black_or_white_as_reads_on_its_fill():
    councils = gpd.GeoDataFrame(
        {"la_code": ["dark", "light", "faded"]},
        geometry=[
            box(0, 0, 50_000, 50_000),
            box(50_000, 0, 100_000, 50_000),
            box(0, 50_000, 50_000, 100_000),
        ],
        crs=27700,
    )
    frame = pd.DataFrame(
        {
            "la_code": ["dark", "light", "faded"],
            "la_name": ["Dark", "Light", "Faded"],
            "class_index": [0, 1, 0],
            "detail": "",
        }
    )
    colouring = Colouring(frame, ("low", "high"), ("#440154", "#fde725"), "Viridis ends")
    kept = frozenset({"dark", "light"})
    layers = SlideMapLayers(councils, colouring, kept=kept, inset_codes=("dark", "light", "faded"))
    dark, faded = fill_colours(layers, ["dark", "faded"])
    # #440154 = (68, 1, 84), 70% of the way to white
    assert dark == "#440154" and unlabel_rgb(faded) == pytest.approx((198.9, 178.8, 203.7))
    figure = static_council_map(layers)
    labels = next(trace for trace in figure.data if trace.mode == "text")
    colours = dict(zip(labels.text, labels.textfont.color, strict=True))
    # white on the dark purple; black on yellow and on the purple faded 70% towards white
    assert colours == {"Dark": "#ffffff", "Light": "#000000", "Faded": "#000000"}
    assert labels.textfont.size >= 14


COUNTY = Polygon(
    box(0, 0, 30_000, 30_000).exterior.coords, [box(10_000, 10_000, 20_000, 20_000).exterior.coords]
)
CITY = box(10_000, 10_000, 20_000, 20_000)


def two_classes(classes: dict[str, int], title: str = "test") -> Colouring:
    frame = pd.DataFrame(
        {
            "la_code": list(classes),
            "la_name": list(classes),
            "class_index": list(classes.values()),
            "detail": "",
        }
    )
    return Colouring(frame, ("low", "high"), ("#000000", "#ffffff"), title)


def test_enclosed_council_shows_through_its_county_hole():
    councils = gpd.GeoDataFrame({"la_code": ["county", "city"]}, geometry=[COUNTY, CITY], crs=27700)
    figure = static_council_map(
        SlideMapLayers(councils, two_classes({"county": 0, "city": 0}), pathfinder_codes=("city",))
    )
    low, low_faded, high, high_faded, casing, faded_outline, outline = figure.data
    assert list(casing.x) == list(outline.x) and casing.line.width == outline.line.width + 3
    assert list(low.x).count(None) == 3  # county exterior, county hole, city
    assert [list(trace.x) for trace in (low_faded, high_faded, faded_outline)] == [[]] * 3
    assert list(high.x) == [None]  # no council: its legend entry only
    assert all(isinstance(x, int) for x in low.x if x is not None)  # whole metres
    assert (low.fillcolor, low.name, high.name, outline.name) == (
        "#000000",
        "low",
        "high",
        "2003 pathfinders (outline)",
    )
    assert (outline.line.width, outline.line.color) == (2.5, "#111111")
    # The city's ring as shapely stores it, in whole metres, closed by a gap.
    assert list(outline.x) == [20_000, 20_000, 10_000, 10_000, 20_000, None]
    assert list(outline.y) == [10_000, 20_000, 20_000, 10_000, 10_000, None]


def test_slide_outlines_keep_shared_edges_and_the_map_refuses_lon_lat():
    halves = gpd.GeoDataFrame(
        {"la_code": ["a", "b"]},
        geometry=[box(0, 0, 5_000, 10_000), box(5_000, 0, 10_000, 10_000)],
        crs=27700,
    )
    simplified = slide_outlines(halves)
    assert simplified["la_code"].tolist() == ["a", "b"] and simplified.crs.to_epsg() == 27700
    shared = simplified.geometry.iloc[0].intersection(simplified.geometry.iloc[1])
    assert shared.length == 10_000  # the whole edge x = 5 km
    with pytest.raises(ValueError, match="EPSG:27700, not EPSG:4326"):
        static_council_map(SlideMapLayers(halves.to_crs(4326), two_classes({"a": 0, "b": 1})))


def test_legend_names_the_colouring_wrapped():
    square = gpd.GeoDataFrame({"la_code": ["a"]}, geometry=[box(0, 0, 1_000, 1_000)], crs=27700)
    title = "A title long enough that a slide legend must wrap it onto two lines"
    figure = static_council_map(SlideMapLayers(square, two_classes({"a": 1}, title)))
    assert figure.layout.legend.title.text == (
        "A title long enough that a<br>slide legend must wrap it<br>onto two lines"
    )
    assert figure.layout.yaxis.scaleanchor == "x"


def test_a_zoomed_map_keeps_every_class_in_its_legend():
    # "London" holds only the low class; the high class (c1..c15) is off the zoomed panel but
    # on the small England beside it, so the legend still names it.
    classes = {code: int(code.startswith("c")) for code in GEOMETRY}
    councils = gpd.GeoDataFrame(
        {"la_code": list(GEOMETRY)}, geometry=list(GEOMETRY.values()), crs=27700
    )
    zoomed = SlideMapLayers(
        councils, two_classes(classes), inset_codes=tuple(LONDON), kept=frozenset(LONDON)
    )
    figure = static_council_map(zoomed)
    assert [trace.name for trace in figure.data if trace.showlegend][:2] == ["low", "high"]
