"""Councils of a vintage against a health geography: (council, health area) pairs, each
council's coterminosity class, and the overlay method checked against the exact one."""

from __future__ import annotations

import pandas as pd

from trustmap import coterminosity
from trustmap.build import Build
from trustmap.choices import check_choice
from trustmap.vintages import check_vintage, council_layer, district_area_series

__all__ = [
    "HEALTH_GEOGRAPHIES",
    "METHODS",
    "coterminosity_pairs",
    "coterminosity_table",
    "method_check",
    "preferred_method",
]

HEALTH_GEOGRAPHIES = {"ccg2019": "CCG April 2019", "pct2006": "PCT October 2006"}
METHODS = ("overlay", "membership")
COMPLETE_COVER_SHARE = 0.95  # below this share of a council's area, unsourced PCTs are missing


def preferred_method(health: str) -> str:
    """The exact method wherever the build has small units that nest in both geographies:
    LSOAs for CCGs, 2016 districts for the sourced PCTs."""
    check_choice(health, HEALTH_GEOGRAPHIES, "health geography")
    return "membership"


def coterminosity_pairs(build: Build, vintage: str, health: str, method: str) -> pd.DataFrame:
    """(council, health area) pairs with shares (coterminosity.PAIR_COLUMNS)."""
    check_vintage(build, vintage)
    check_choice(health, HEALTH_GEOGRAPHIES, "health geography")
    check_choice(method, METHODS, "method")
    return build.memo(
        ("pairs", vintage, health, method), lambda: _compute_pairs(build, vintage, health, method)
    )


def _compute_pairs(build: Build, vintage: str, health: str, method: str) -> pd.DataFrame:
    if method == "overlay":
        health_areas = build[health][["health_code", "geometry"]]
        return coterminosity.overlay_pairs(council_layer(build, vintage), health_areas)
    members = build["council_members"]
    members = members[members["vintage"] == vintage][["la_code", "ltla16cd"]]
    if health == "ccg2019":
        units = build["lsoa_ccg2019"].merge(members, on="ltla16cd").assign(weight=1.0)
    else:
        units = (
            build["pct2006_members"]
            .merge(members, on="ltla16cd")
            .join(district_area_series(build).rename("weight"), on="ltla16cd")
            .assign(unit_code=lambda u: u["ltla16cd"])
        )
    return coterminosity.membership_pairs(units[["unit_code", "la_code", "health_code", "weight"]])


def coterminosity_table(
    build: Build, vintage: str, health: str = "ccg2019", method: str | None = None
) -> pd.DataFrame:
    """Per council: la_code, la_name, class, index, health_codes (';'-joined), share_of_la_max;
    `method` defaults to `preferred_method(health)`.

    PCT 2006 extents are sourced for some PCTs only: a council less than 95% covered by
    sourced PCTs gets class `not_determined`, never a guess.
    """
    method = method or preferred_method(health)
    pairs = coterminosity_pairs(build, vintage, health, method)
    return build.memo(
        ("coterminosity", vintage, health, method),
        lambda: _classify_councils(build, pairs, vintage, health, method),
    )


def _classify_councils(
    build: Build, pairs: pd.DataFrame, vintage: str, health: str, method: str
) -> pd.DataFrame:
    sliver = coterminosity.DEFAULT_SLIVER_SHARE if method == "overlay" else 0.0
    classes = coterminosity.classify_local_authorities(pairs, sliver_share=sliver)
    names = council_layer(build, vintage).set_index("la_code")["la_name"]
    table = pd.DataFrame({"la_code": names.index, "la_name": names.to_numpy()}).merge(
        classes, on="la_code", how="left"
    )
    covered = _covered_share(build, vintage, health)
    undetermined = table["la_code"].map(covered).fillna(0.0) < COMPLETE_COVER_SHARE
    table.loc[undetermined, "class"] = "not_determined"
    table["health_codes"] = _joined(table["health_codes"])
    return table[["la_code", "la_name", "class", "index", "health_codes", "share_of_la_max"]]


def _joined(codes: pd.Series) -> pd.Series:
    return codes.map(lambda listed: ";".join(listed) if isinstance(listed, list) else "")


def _covered_share(build: Build, vintage: str, health: str) -> pd.Series:
    """Share of each council's area inside some health area of the layer (1 for full layers).

    Measured on 2016 districts, which is exact for PCTs: their extents are unions of them.
    """
    members = build["council_members"]
    members = members[members["vintage"] == vintage].join(
        district_area_series(build), on="ltla16cd"
    )
    if health == "ccg2019":
        return pd.Series(1.0, index=members["la_code"].unique())
    covered = members["ltla16cd"].isin(build["pct2006_members"]["ltla16cd"])
    grouped = members.assign(covered_m2=members["area_m2"].where(covered, 0.0)).groupby("la_code")
    return grouped["covered_m2"].sum() / grouped["area_m2"].sum()


def method_check(build: Build, vintage: str, health: str = "ccg2019") -> pd.DataFrame:
    """Overlay against membership for every council, with the cause of each disagreement."""
    per_method = []
    for method, sliver in (("overlay", coterminosity.DEFAULT_SLIVER_SHARE), ("membership", 0.0)):
        pairs = coterminosity_pairs(build, vintage, health, method)
        per_method.append(coterminosity.classify_local_authorities(pairs, sliver_share=sliver))
    checked = coterminosity.compare_methods(*per_method)
    names = council_layer(build, vintage).set_index("la_code")["la_name"]
    checked.insert(1, "la_name", checked["la_code"].map(names))
    for column in ("health_codes_overlay", "health_codes_membership"):
        checked[column] = _joined(checked[column])
    return checked
