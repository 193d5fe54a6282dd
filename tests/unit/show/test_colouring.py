"""Councils in colour classes, from hand-made status, coterminosity and indicator frames."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from trustmap.show.colouring import (
    MAP_LINES,
    class_bounds,
    contrast_ratio,
    coterminosity_colouring,
    indicator_colouring,
    pathfinder_colouring,
    text_colour,
)

SKY, ROSE, SAND, GREEN = (
    "rgb(136, 204, 238)",
    "rgb(204, 102, 119)",
    "rgb(221, 204, 119)",
    "rgb(17, 119, 51)",
)
GREY = "#d9d9d9"
VIRIDIS_4 = ["rgb(68, 1, 84)", "rgb(49, 104, 142)", "rgb(53, 183, 121)", "rgb(253, 231, 37)"]


def test_pathfinder_classes_and_the_pathfinders_they_succeed():
    status = pd.DataFrame(
        {
            "la_code": ["D", "A", "C", "B"],
            "la_name": ["Gamma", "Alpha", "Betagam", "Beta"],
            "pathfinder_share": [0.0, 1.0, 0.25, 1.0],
            "pathfinder": [False, True, False, True],
            "pathfinder_of": ["", "Alphabet", "Alphabet", "Beta"],
        }
    )
    colouring = pathfinder_colouring(status)
    assert colouring.labels == ("not a pathfinder", "partly a pathfinder area", "2003 pathfinder")
    assert colouring.colours == (SKY, SAND, ROSE)
    assert colouring.title == "Children's trust pathfinders" and colouring.unit == ""
    assert colouring.frame.values.tolist() == [
        ["A", "Alpha", 2, "2003 pathfinder (as Alphabet)"],
        ["B", "Beta", 2, "2003 pathfinder"],  # the same name: nothing to add
        ["C", "Betagam", 1, "partly a pathfinder area (as Alphabet)"],
        ["D", "Gamma", 0, "not a pathfinder"],
    ]
    whole = pathfinder_colouring(status[status["pathfinder_share"] != 0.25])
    assert whole.labels == ("not a pathfinder", "2003 pathfinder")
    assert whole.frame["class_index"].tolist() == [1, 1, 0]


def test_coterminosity_classes_name_the_health_areas():
    table = pd.DataFrame(
        {
            "la_code": ["X", "Y", "Z"],
            "la_name": ["Ex", "Why", "Zed"],
            "class": ["coterminous", "health_spans_several", None],
            "health_codes": ["H1", "H1;H2", ""],
            "health_names": ["NHS One", "NHS One;NHS Two", ""],
        }
    )
    colouring = coterminosity_colouring(table, "CCG April 2019")
    assert colouring.labels == (
        "coterminous",
        "health area spans several councils",
        "not determined",
    )
    assert colouring.colours == (GREEN, SKY, GREY)
    assert colouring.title == "Coterminosity with CCG April 2019"
    assert colouring.frame["class_index"].tolist() == [0, 1, 2]
    assert colouring.frame["detail"].tolist() == [
        "coterminous: NHS One",
        "health area spans several councils: NHS One, NHS Two",
        "not determined",
    ]


COUNCILS = pd.DataFrame({"la_code": list("FEDCBA"), "la_name": list("fedcba")})
VALUES = pd.Series({"A": 0.0, "B": 10.0, "C": 20.0, "D": 30.0, "E": 40.0, "Z": 99.0})


def test_indicator_classes_with_the_better_end_yellow():
    colouring = indicator_colouring(
        COUNCILS, VALUES, "Score", "points", scheme="equal_interval", polarity="high", k=4
    )
    # Equal intervals of 0-40 in 4: up to 10, 20, 30, 40; F has no value; Z is no council.
    assert colouring.labels == ("0.000 to 10", "10 to 20", "20 to 30", "30 to 40", "no value")
    assert colouring.colours == (*VIRIDIS_4, GREY)
    assert colouring.frame["class_index"].tolist() == [0, 0, 1, 2, 3, 4]
    assert colouring.frame["detail"].tolist() == ["0.000", "10", "20", "30", "40", "no value"]
    assert colouring.title == "Score (points), equal intervals; yellow = higher = better"
    assert colouring.unit == "points"
    lower = indicator_colouring(
        COUNCILS, VALUES, "Score", "points", scheme="equal_interval", polarity="low", k=4
    )
    assert lower.colours == (*VIRIDIS_4[::-1], GREY)
    assert lower.title == "Score (points), equal intervals; yellow = lower = better"
    unknown = indicator_colouring(COUNCILS, VALUES, "Score", "points", scheme="equal_interval", k=4)
    assert (
        unknown.colours == colouring.colours and unknown.title == "Score (points), equal intervals"
    )


def test_quintiles_shrink_to_the_distinct_values_and_all_missing_is_one_grey_class():
    tied = pd.Series({"A": 1.0, "B": 1.0, "C": 1.0, "D": 2.0, "E": 2.0})
    ties = indicator_colouring(COUNCILS[COUNCILS["la_code"] != "F"], tied, "x", "u")
    assert ties.labels == ("1 to 1", "1 to 2")
    assert ties.frame["class_index"].tolist() == [0, 0, 0, 1, 1]
    assert ties.title == "x (u), quintiles"
    empty = indicator_colouring(COUNCILS, pd.Series({"A": np.nan}, dtype=float), "x", "u")
    assert (empty.labels, empty.colours) == (("no value",), (GREY,))
    assert empty.frame["class_index"].tolist() == [0] * 6


def test_class_bounds_by_scheme():
    classes, labels = class_bounds(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]))
    assert classes.tolist() == [0, 1, 2, 3, 4]
    assert labels == [
        "1 to 1.800",
        "1.800 to 2.600",
        "2.600 to 3.400",
        "3.400 to 4.200",
        "4.200 to 5",
    ]


@pytest.mark.parametrize(
    "first, second, ratio",
    [
        ("#ffffff", "#000000", 21.0),  # the WCAG extremes
        ("#777777", "#ffffff", 4.48),  # the grey that just fails AA on white
        ("#000000", "#000000", 1.0),
        ("rgb(255, 255, 255)", "#767676", 4.54),  # the lightest grey that passes on white
        ("#0000ff", "#ffffff", 8.59),
    ],
)
def test_contrast_ratio_of_known_pairs(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(ratio, abs=0.01)


def test_text_on_every_fill_reads_at_4_5_to_1():
    # White on Viridis' dark purple, black on its yellow; on every fill of the maps (Viridis,
    # Paul Tol's palette, the greys) one of the two reaches 4.5:1.
    assert text_colour(VIRIDIS_4[0]) == "#ffffff" and text_colour(VIRIDIS_4[3]) == "#000000"
    assert text_colour(GREEN) == "#ffffff" and text_colour(SKY) == "#000000"
    for fill in [*VIRIDIS_4, SKY, ROSE, SAND, GREEN, GREY, "#808080", "#6f6f6f"]:
        assert contrast_ratio(text_colour(fill), fill) >= 4.5


def test_dark_outlines_have_a_light_casing_wider_than_the_line():
    for line in ("pathfinder", "selected"):
        casing, outline = MAP_LINES[f"{line}_casing"], MAP_LINES[line]
        assert casing["weight"] == outline["weight"] + 3
        # the casing stands out on the darkest fill, the line on the lightest
        assert contrast_ratio(casing["color"], VIRIDIS_4[0]) > 10
        assert contrast_ratio(outline["color"], VIRIDIS_4[3]) > 10
