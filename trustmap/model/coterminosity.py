"""Coterminosity of councils (local authorities, LA) and health areas (PCTs, CCGs).

Two ways to pair them: ``overlay_pairs`` intersects polygons (areas in EPSG:27700, metres),
``membership_pairs`` sums small units that nest exactly in both (e.g. LSOAs). Both return one
row per (la_code, health_code) with ``PAIR_COLUMNS``; the classifiers turn either table into
one class per council or per health area, and ``compare_methods`` sets the two side by side.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from trustmap.bundle.councils import BRITISH_NATIONAL_GRID

PAIR_COLUMNS = ["la_code", "health_code", "overlap", "share_of_la", "share_of_health", "iou"]

CLASSES = ("coterminous", "la_contains_several", "health_spans_several", "overlapping")
HEALTH_CLASSES = ("coterminous", "health_contains_several", "la_spans_several", "overlapping")

# Chosen on the real bundle: councils 2009-2019 (ONS, 200 m generalised) overlaid on CCGs of
# April 2019, both in EPSG:27700, and checked against the exact LSOA11 -> CCG19 -> LAD19 lookup.
# Of 926 overlay pairs, 697 are absent from the lookup (generalisation slivers): the larger of
# their two shares is under 0.01 for 682 of them and at most 0.027 (City of London, 3 km2).
# The 229 real pairs have a larger share of at least 0.029, most above 0.1, and the 81
# coterminous ones share 0.957-0.998 of area each way. At 0.03 the overlay classes equal the
# lookup's for all 152 councils; one real crossing (Surrey, 6 LSOAs, 0.029) reads as a sliver.
# Membership pairs are exact and their shares count units, not area: classify them with
# sliver_share=0, or this tolerance hides real crossings of a few LSOAs.
DEFAULT_SLIVER_SHARE = 0.03


def _require(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}; it has {list(frame.columns)}")


def _require_unique_bng(frame: gpd.GeoDataFrame, code: str, name: str) -> None:
    _require(frame, [code, "geometry"], name)
    if frame.crs is None or frame.crs.to_epsg() != BRITISH_NATIONAL_GRID:
        raise ValueError(
            f"{name} must be in EPSG:27700 (British National Grid, metres) so that areas are "
            f"in m2; found {frame.crs}. Reproject with .to_crs(27700)."
        )
    duplicated = frame.loc[frame[code].duplicated(), code].unique().tolist()
    if duplicated:
        raise ValueError(f"{name} has several rows for {code} {duplicated}; dissolve them first")


def _with_shares(pairs: pd.DataFrame, area_la: pd.Series, area_health: pd.Series) -> pd.DataFrame:
    la = pairs["la_code"].map(area_la)
    health = pairs["health_code"].map(area_health)
    pairs["share_of_la"] = pairs["overlap"] / la
    pairs["share_of_health"] = pairs["overlap"] / health
    pairs["iou"] = pairs["overlap"] / (la + health - pairs["overlap"])
    return pairs[PAIR_COLUMNS].sort_values(["la_code", "health_code"], ignore_index=True)


def overlay_pairs(
    local_authorities: gpd.GeoDataFrame, health_areas: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Intersect councils with health areas, both in EPSG:27700; one row per pair that overlaps.

    ``overlap`` is the intersection area in m2; pairs that only touch are left out.
    """
    _require_unique_bng(local_authorities, "la_code", "local_authorities")
    _require_unique_bng(health_areas, "health_code", "health_areas")
    # Only the areas of the pieces are needed, so a spatial-index query and one vectorised
    # intersection replace geopandas.overlay: same areas (to 1e-9 m2), 0.45 s instead of 0.66 s
    # for 152 councils x 191 CCGs.
    la_index, health_index = health_areas.sindex.query(
        local_authorities.geometry, predicate="intersects"
    )
    pieces = shapely.intersection(
        local_authorities.geometry.values[la_index], health_areas.geometry.values[health_index]
    )
    pairs = pd.DataFrame(
        {
            "la_code": local_authorities["la_code"].to_numpy()[la_index],
            "health_code": health_areas["health_code"].to_numpy()[health_index],
            "overlap": shapely.area(pieces),
        }
    )
    pairs = pairs[pairs["overlap"] > 0].copy()
    area_la = pd.Series(local_authorities.area.to_numpy(), index=local_authorities["la_code"])
    area_health = pd.Series(health_areas.area.to_numpy(), index=health_areas["health_code"])
    return _with_shares(pairs, area_la, area_health)


def membership_pairs(units: pd.DataFrame) -> pd.DataFrame:
    """Pairs from units (columns unit_code, la_code, health_code, weight) that each lie wholly
    in one council and one health area; ``overlap`` is the summed weight, so shares are exact."""
    _require(units, ["unit_code", "la_code", "health_code", "weight"], "units")
    if units[["unit_code", "la_code", "health_code", "weight"]].isna().any().any():
        raise ValueError("units has missing unit_code, la_code, health_code or weight values")
    if units["unit_code"].duplicated().any():
        raise ValueError("units lists a unit_code twice; each unit must be in one LA and one area")
    pairs = units.groupby(["la_code", "health_code"], as_index=False)["weight"].sum()
    pairs = pairs.rename(columns={"weight": "overlap"})
    pairs = pairs[pairs["overlap"] > 0].copy()
    area_la = pairs.groupby("la_code")["overlap"].sum()
    area_health = pairs.groupby("health_code")["overlap"].sum()
    return _with_shares(pairs, area_la, area_health)


def _classify(
    pairs: pd.DataFrame, own: str, other: str, sliver_share: float, labels: tuple[str, ...]
) -> pd.DataFrame:
    """Classify each ``own`` area (la or health) by the ``other`` areas its kept pairs meet."""
    _require(pairs, PAIR_COLUMNS, "pairs")
    own_code, other_code = f"{own}_code", f"{other}_code"
    pairs = pairs.reset_index(drop=True)
    sliver = (pairs["share_of_la"] < sliver_share) & (pairs["share_of_health"] < sliver_share)
    # An area whose pairs are all slivers keeps its largest one, so that every area has a class.
    largest = pairs.loc[pairs.groupby(own_code)["overlap"].idxmax()]
    kept = pd.concat([pairs[~sliver], largest[sliver.loc[largest.index]]])
    kept = kept.assign(other_exclusive=kept.groupby(other_code)[own_code].transform("nunique") == 1)
    per_own = kept.groupby(own_code).agg(
        codes=(other_code, lambda codes: sorted(set(codes))),
        exclusive=("other_exclusive", "all"),
    )
    n_other = per_own["codes"].str.len()
    coterminous, contains_several, spans_several, overlapping = labels
    per_own["class"] = overlapping
    per_own.loc[(n_other == 1) & per_own["exclusive"], "class"] = coterminous
    per_own.loc[(n_other > 1) & per_own["exclusive"], "class"] = contains_several
    per_own.loc[(n_other == 1) & ~per_own["exclusive"], "class"] = spans_several
    stats = pairs.groupby(own_code).agg(index=("iou", "max"), share_max=(f"share_of_{own}", "max"))
    table = per_own.join(stats).reset_index()
    return pd.DataFrame(
        {
            own_code: table[own_code],
            "class": table["class"],
            "index": table["index"],
            f"{other}_codes": table["codes"],
            f"share_of_{own}_max": table["share_max"],
            f"n_{other}": n_other.to_numpy(),
        }
    )


def classify_local_authorities(
    pairs: pd.DataFrame, *, sliver_share: float = DEFAULT_SLIVER_SHARE
) -> pd.DataFrame:
    """One row per la_code with its class (one of ``CLASSES``), ``index`` (largest iou, 0-1),
    the sorted non-sliver health_codes, share_of_la_max and n_health.

    A pair is a sliver, and ignored, when both its shares are below ``sliver_share``; the
    default suits overlay pairs of generalised boundaries, pass 0 for exact membership pairs.
    """
    return _classify(pairs, "la", "health", sliver_share, CLASSES)


def classify_health_areas(
    pairs: pd.DataFrame, *, sliver_share: float = DEFAULT_SLIVER_SHARE
) -> pd.DataFrame:
    """One row per health_code with its class (one of ``HEALTH_CLASSES``), ``index``, the
    sorted non-sliver la_codes, share_of_health_max and n_la."""
    return _classify(pairs, "health", "la", sliver_share, HEALTH_CLASSES)


def _councils_by_health_code(classes: pd.DataFrame) -> dict[str, set[str]]:
    exploded = classes[["la_code", "health_codes"]].explode("health_codes")
    return exploded.groupby("health_codes")["la_code"].agg(set).to_dict()


def _cause(row: pd.Series, councils: dict[str, dict[str, set[str]]]) -> str:
    if row["agree"]:
        return ""
    for method in ("overlay", "membership"):
        if not isinstance(row[f"class_{method}"], str):
            return f"LA missing from {method}"
    overlay, membership = set(row["health_codes_overlay"]), set(row["health_codes_membership"])
    if overlay != membership:
        parts = [
            f"{method} keeps {', '.join(sorted(extra))} that {rival} lacks"
            for method, rival, extra in (
                ("overlay", "membership", overlay - membership),
                ("membership", "overlay", membership - overlay),
            )
            if extra
        ]
        return "different health areas: " + "; ".join(parts)
    parts = []
    for code in sorted(overlay):
        met = {method: councils[method].get(code, set()) - {row["la_code"]} for method in councils}
        for method, rival in (("overlay", "membership"), ("membership", "overlay")):
            if only := sorted(met[method] - met[rival]):
                parts.append(f"{code} also meets {', '.join(only)} in {method} only")
    return "same health areas, shared differently: " + "; ".join(parts)


def compare_methods(
    overlay_classes: pd.DataFrame, membership_classes: pd.DataFrame
) -> pd.DataFrame:
    """Join per-LA classes from the overlay and the membership method on la_code.

    ``agree`` is True when both give the same class and the same health areas; ``cause``
    explains a disagreement from the two tables alone.
    """
    columns = ["la_code", "class", "health_codes"]
    _require(overlay_classes, columns, "overlay_classes")
    _require(membership_classes, columns, "membership_classes")
    joined = overlay_classes[columns].merge(
        membership_classes[columns], on="la_code", how="outer", suffixes=("_overlay", "_membership")
    )
    # A council missing from one table has a NaN class there, which equals nothing.
    joined["agree"] = [
        overlay == membership and sorted(codes_overlay) == sorted(codes_membership)
        for overlay, membership, codes_overlay, codes_membership in joined[
            ["class_overlay", "class_membership", "health_codes_overlay", "health_codes_membership"]
        ].itertuples(index=False)
    ]
    councils = {
        "overlay": _councils_by_health_code(overlay_classes),
        "membership": _councils_by_health_code(membership_classes),
    }
    joined["cause"] = [_cause(row, councils) for _, row in joined.iterrows()]
    order = ["la_code", "class_overlay", "class_membership", "agree"]
    order += ["health_codes_overlay", "health_codes_membership", "cause"]
    return joined[order].sort_values("la_code", ignore_index=True)
