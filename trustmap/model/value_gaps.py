"""Why a council has no value for an indicator period: the source gives none for it, gives one
only for councils of another shape (before or after a reorganisation), publishes it inside a
combined unit, or does not list it at all."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.model.values import council_values, indicator_rows
from trustmap.model.vintages import council_table, member_sets
from trustmap.vocabulary import LEFT_OUT_REASONS, in_words

__all__ = ["missing_reasons"]


def _districts(area_code: str, sets: pd.Series) -> frozenset[str]:
    """The 2016 districts of a source's area: a council's, or the union of a combined unit's
    councils (codes joined by ';')."""
    return frozenset(
        district
        for code in area_code.split(";")
        if code in sets.index
        for district in sets[code].split(";")
    )


def _reason(districts: frozenset[str], rows: pd.DataFrame, period: str) -> str:
    """Why the council covering `districts` has no value, from the source's `rows` that
    overlap it (with their `districts`)."""
    overlapping = rows[rows["districts"].map(lambda other: bool(other & districts))]
    combined = overlapping[overlapping["geography"] == "combined"]
    if not combined.empty:
        unit = LEFT_OUT_REASONS["combined_unit"].format(period=period)
        return f"{unit} ({in_words(list(combined['area_name']))})"
    other_shapes = overlapping[
        (overlapping["districts"] != districts) & overlapping["value"].notna()
    ]
    if not other_shapes.empty:
        names = in_words(sorted(other_shapes["area_name"].unique()))
        return LEFT_OUT_REASONS["other_area"].format(period=period, names=names)
    key = "not_in_source" if overlapping.empty else "no_value"
    return LEFT_OUT_REASONS[key].format(period=period)


def missing_reasons(
    build: Build, indicator_id: str, period: str, vintage: str, la_codes
) -> pd.Series:
    """la_code -> why that council of `vintage` (one of `la_codes`) has no value for the
    indicator period, in `vocabulary.LEFT_OUT_REASONS`' words ("no value in 2019", "a combined
    unit in the source in 2003 (Hackney and City of London)", "no value in 2021; the source has
    figures only for Northamptonshire, a different area", "not in the source for 2019").
    Councils with a value are not listed; the order is `la_codes`'."""
    has_value = council_values(build, indicator_id, period, vintage).index
    wanted = [code for code in la_codes if code not in has_value]
    rows = indicator_rows(build, indicator_id, period)
    rows = rows[rows["geography"].isin(("council", "combined"))]
    sets = member_sets(build)
    rows = rows.assign(districts=rows["area_code"].map(lambda code: _districts(code, sets)))
    councils = council_table(build, vintage).set_index("la_code")["ltla16_members"]
    return pd.Series(
        [_reason(frozenset(councils[code].split(";")), rows, period) for code in wanted],
        index=pd.Index(wanted, name="la_code"),
        dtype="object",
    )
