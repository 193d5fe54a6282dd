"""Coterminosity on hand-built squares in EPSG:27700 (1 km squares, areas known by hand)."""

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from trustmap.model.coterminosity import (
    DEFAULT_SLIVER_SHARE,
    classify_health_areas,
    classify_local_authorities,
    compare_methods,
    membership_pairs,
    overlay_pairs,
)

KM = 1000
WEST, EAST = box(0, 0, KM, KM), box(KM, 0, 2 * KM, KM)


def areas(code_column: str, geometries: dict[str, Polygon], crs: int = 27700) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {code_column: list(geometries)}, geometry=list(geometries.values()), crs=crs
    )


def councils(**geometries: Polygon) -> gpd.GeoDataFrame:
    return areas("la_code", geometries)


def health(**geometries: Polygon) -> gpd.GeoDataFrame:
    return areas("health_code", geometries)


def classes(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table.iloc[:, 0], table["class"], strict=True))


def shifted_pairs(shift_m: float) -> pd.DataFrame:
    """Health area HW is council W moved east by shift_m into E; HE is the rest of E."""
    return overlay_pairs(
        councils(W=WEST, E=EAST),
        health(HW=box(shift_m, 0, KM + shift_m, KM), HE=box(KM + shift_m, 0, 2 * KM, KM)),
    )


def test_identical_squares_sharing_an_edge_are_coterminous():
    pairs = overlay_pairs(councils(W=WEST, E=EAST), health(HW=WEST, HE=EAST))

    # Written out, not read from PAIR_COLUMNS: one row per (la_code, health_code) (the module
    # docstring), the overlap in m2 (overlay_pairs), its share of each side and intersection
    # over union.
    assert list(pairs.columns) == [
        "la_code",
        "health_code",
        "overlap",
        "share_of_la",
        "share_of_health",
        "iou",
    ]
    # The shared edge has no area, so W-HE and E-HW are not pairs.
    assert list(zip(pairs["la_code"], pairs["health_code"], strict=True)) == [
        ("E", "HE"),
        ("W", "HW"),
    ]
    assert pairs["overlap"].tolist() == pytest.approx([KM * KM, KM * KM])
    assert pairs[["share_of_la", "share_of_health", "iou"]].to_numpy().ravel() == pytest.approx(1)
    la = classify_local_authorities(pairs)
    assert classes(la) == {"E": "coterminous", "W": "coterminous"}
    assert la["health_codes"].tolist() == [["HE"], ["HW"]]
    assert la["index"].tolist() == pytest.approx([1, 1])
    assert classes(classify_health_areas(pairs)) == {"HE": "coterminous", "HW": "coterminous"}


def test_council_split_into_two_health_halves():
    halves = health(H1=box(0, 0, KM / 2, KM), H2=box(KM / 2, 0, KM, KM))
    pairs = overlay_pairs(councils(C=WEST), halves)

    la = classify_local_authorities(pairs)
    assert la.loc[0, "class"] == "la_contains_several"
    assert la.loc[0, "health_codes"] == ["H1", "H2"]
    assert la.loc[0, "n_health"] == 2
    assert la.loc[0, "share_of_la_max"] == pytest.approx(0.5)
    assert la.loc[0, "index"] == pytest.approx(0.5)
    health_side = classify_health_areas(pairs)
    assert classes(health_side) == {"H1": "la_spans_several", "H2": "la_spans_several"}
    assert health_side["la_codes"].tolist() == [["C"], ["C"]]
    assert health_side["share_of_health_max"].tolist() == pytest.approx([1, 1])


def test_health_rectangle_straddling_two_councils():
    pairs = overlay_pairs(councils(W=WEST, E=EAST), health(H=box(0, 0, 2 * KM, KM)))

    la = classify_local_authorities(pairs)
    assert classes(la) == {"E": "health_spans_several", "W": "health_spans_several"}
    assert la["share_of_la_max"].tolist() == pytest.approx([1, 1])
    assert la["index"].tolist() == pytest.approx([0.5, 0.5])
    health_side = classify_health_areas(pairs)
    assert classes(health_side) == {"H": "health_contains_several"}
    assert health_side.loc[0, "la_codes"] == ["E", "W"]
    assert health_side.loc[0, "n_la"] == 2


def test_l_shaped_overlap_is_overlapping():
    # H1 is W without its north-east quarter; H2 is that quarter plus all of E.
    l_shape = Polygon([(0, 0), (KM, 0), (KM, KM / 2), (KM / 2, KM / 2), (KM / 2, KM), (0, KM)])
    quarter_and_east = box(KM / 2, KM / 2, KM, KM).union(EAST)
    pairs = overlay_pairs(councils(W=WEST, E=EAST), health(H1=l_shape, H2=quarter_and_east))

    west_h2 = pairs.set_index(["la_code", "health_code"]).loc[("W", "H2")]
    assert west_h2["overlap"] == pytest.approx(250_000)
    assert west_h2["share_of_la"] == pytest.approx(0.25)
    assert west_h2["share_of_health"] == pytest.approx(0.2)
    assert west_h2["iou"] == pytest.approx(250_000 / (1_000_000 + 1_250_000 - 250_000))
    assert classes(classify_local_authorities(pairs)) == {
        "E": "health_spans_several",
        "W": "overlapping",
    }
    assert classes(classify_health_areas(pairs)) == {"H1": "la_spans_several", "H2": "overlapping"}


def test_one_percent_shift_is_a_sliver_and_stays_coterminous():
    pairs = shifted_pairs(shift_m=10)

    sliver = pairs.set_index(["la_code", "health_code"]).loc[("E", "HW")]
    assert sliver["share_of_la"] == pytest.approx(0.01)
    assert sliver["share_of_health"] == pytest.approx(0.01)
    la = classify_local_authorities(pairs)
    assert classes(la) == {"E": "coterminous", "W": "coterminous"}
    assert la["health_codes"].tolist() == [["HE"], ["HW"]]
    assert la["n_health"].tolist() == [1, 1]
    assert la["index"].tolist() == pytest.approx([0.99, 0.99 / 1.01])
    assert classes(classify_health_areas(pairs)) == {"HE": "coterminous", "HW": "coterminous"}


def test_one_percent_shift_counts_when_the_tolerance_is_lower():
    la = classify_local_authorities(shifted_pairs(shift_m=10), sliver_share=0.005)

    assert classes(la) == {"E": "overlapping", "W": "health_spans_several"}
    assert la.loc[la["la_code"] == "E", "health_codes"].item() == ["HE", "HW"]


def test_ten_percent_overlap_is_not_a_sliver():
    assert DEFAULT_SLIVER_SHARE < 0.1
    pairs = shifted_pairs(shift_m=100)

    assert classes(classify_local_authorities(pairs)) == {
        "E": "overlapping",
        "W": "health_spans_several",
    }
    assert classes(classify_health_areas(pairs)) == {"HE": "la_spans_several", "HW": "overlapping"}


def test_small_council_inside_a_big_health_area_is_not_a_sliver():
    # Like the Isles of Scilly: island I is all of itself but 1% of H, which also covers W.
    island = box(2 * KM, 0, 2 * KM + 100, 100)
    pairs = overlay_pairs(councils(W=WEST, I=island), health(H=WEST.union(island)))

    assert pairs.loc[pairs["la_code"] == "I", "share_of_health"].item() == pytest.approx(1 / 101)
    assert classes(classify_local_authorities(pairs)) == {
        "I": "health_spans_several",
        "W": "health_spans_several",
    }
    assert classify_health_areas(pairs).loc[0, "la_codes"] == ["I", "W"]


def test_small_health_area_inside_a_big_council_is_not_a_sliver():
    small = box(0, 0, 100, 100)
    pairs = overlay_pairs(councils(W=WEST), health(HS=small, HB=WEST.difference(small)))

    la = classify_local_authorities(pairs)
    assert la.loc[0, "class"] == "la_contains_several"
    assert la.loc[0, "health_codes"] == ["HB", "HS"]


def test_council_with_only_sliver_pairs_keeps_its_largest_pair():
    # L's only pair is a 10 m strip: 1% of L and of HR, so a sliver, yet L still gets a row.
    pairs = overlay_pairs(councils(L=WEST, R=EAST), health(HR=box(KM - 10, 0, 2 * KM, KM)))

    la = classify_local_authorities(pairs)
    assert la["la_code"].tolist() == ["L", "R"]
    assert la.loc[0, "health_codes"] == ["HR"]
    assert la.loc[0, "share_of_la_max"] == pytest.approx(0.01)
    assert classes(la) == {"L": "health_spans_several", "R": "health_spans_several"}


def test_overlay_rejects_a_crs_in_degrees():
    in_degrees = councils(W=WEST).set_crs(4326, allow_override=True)

    with pytest.raises(ValueError, match="EPSG:27700.*found EPSG:4326"):
        overlay_pairs(in_degrees, health(HW=WEST))
    with pytest.raises(ValueError, match="found None"):
        overlay_pairs(councils(W=WEST), health(HW=WEST).set_crs(None, allow_override=True))


def test_overlay_rejects_missing_code_column():
    with pytest.raises(ValueError, match="health_areas lacks column"):
        overlay_pairs(councils(W=WEST), areas("CCG19CD", {"HW": WEST}))


def test_membership_pairs_gives_exact_shares():
    units = pd.DataFrame(
        {
            "unit_code": ["u1", "u2", "u3", "u4", "u5"],
            "la_code": ["A", "A", "B", "B", "C"],
            "health_code": ["H1", "H1", "H2", "H3", "H3"],
            # Weights that do not add exactly in binary: A-H1 must still share exactly 1.0.
            "weight": [0.1, 0.2, 1.0, 3.0, 1.0],
        }
    )

    expected = pd.DataFrame(
        {
            "la_code": ["A", "B", "B", "C"],
            "health_code": ["H1", "H2", "H3", "H3"],
            "overlap": [0.1 + 0.2, 1.0, 3.0, 1.0],
            "share_of_la": [1.0, 0.25, 0.75, 1.0],
            "share_of_health": [1.0, 1.0, 0.75, 0.25],
            "iou": [1.0, 0.25, 0.6, 0.25],
        }
    )
    pairs = membership_pairs(units)
    pd.testing.assert_frame_equal(pairs, expected, check_exact=True, check_dtype=False)
    assert classes(classify_local_authorities(pairs, sliver_share=0)) == {
        "A": "coterminous",
        "B": "overlapping",
        "C": "health_spans_several",
    }


def test_membership_pairs_rejects_a_unit_in_two_councils():
    units = pd.DataFrame(
        {"unit_code": ["u1", "u1"], "la_code": ["A", "B"], "health_code": ["H", "H"], "weight": 1}
    )
    with pytest.raises(ValueError, match="unit_code twice"):
        membership_pairs(units)


def membership_of(assignments: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Membership pairs from {unit_code: (la_code, health_code)}, one unit of weight 1 each."""
    units = pd.DataFrame(
        [(unit, la, health_code, 1) for unit, (la, health_code) in assignments.items()],
        columns=["unit_code", "la_code", "health_code", "weight"],
    )
    return membership_pairs(units)


def test_compare_methods_explains_a_disagreement():
    overlay = classify_local_authorities(shifted_pairs(shift_m=100))
    membership = classify_local_authorities(
        membership_of({"w": ("W", "HW"), "e": ("E", "HE")}), sliver_share=0
    )

    compared = compare_methods(overlay, membership).set_index("la_code")
    assert compared.loc["E", "class_overlay"] == "overlapping"
    assert compared.loc["E", "class_membership"] == "coterminous"
    assert not compared.loc["E", "agree"]
    assert compared.loc["E", "health_codes_overlay"] == ["HE", "HW"]
    assert compared.loc["E", "health_codes_membership"] == ["HE"]
    assert (
        compared.loc["E", "cause"]
        == "different health areas: overlay keeps HW that membership lacks"
    )
    assert compared.loc["W", "class_overlay"] == "health_spans_several"
    assert (
        compared.loc["W", "cause"]
        == "same health areas, shared differently: HW also meets E in overlay only"
    )


def test_compare_methods_flags_same_class_with_different_health_areas():
    overlay = classify_local_authorities(overlay_pairs(councils(W=WEST), health(HW=WEST)))
    membership = classify_local_authorities(membership_of({"w": ("W", "HX")}), sliver_share=0)

    compared = compare_methods(overlay, membership)
    assert compared.loc[0, "class_overlay"] == compared.loc[0, "class_membership"] == "coterminous"
    assert not compared.loc[0, "agree"]
    assert compared.loc[0, "cause"] == (
        "different health areas: overlay keeps HW that membership lacks; "
        "membership keeps HX that overlay lacks"
    )


def test_compare_methods_agrees_and_flags_a_missing_council():
    overlay = classify_local_authorities(shifted_pairs(shift_m=10))
    membership = classify_local_authorities(membership_of({"w": ("W", "HW")}), sliver_share=0)

    compared = compare_methods(overlay, membership)
    assert list(compared.columns) == [
        "la_code",
        "class_overlay",
        "class_membership",
        "agree",
        "health_codes_overlay",
        "health_codes_membership",
        "cause",
    ]
    assert compared["la_code"].tolist() == ["E", "W"]
    assert compared["agree"].tolist() == [False, True]
    assert compared["cause"].tolist() == ["LA missing from membership", ""]
