"""Facts of one council for its panel: its children (mid-2009) and its statistical neighbours
on an indicator.

A council is matched to a source's rows, and to DfE's neighbour lists, through the council
codes of any vintage covering exactly its 2016 districts (`vintages.member_sets`), so a code
change alone (Buckinghamshire E10000002 -> E06000060) loses nothing, while a council whose area
differs from the source's councils gets no figure rather than an apportioned one.
"""

from __future__ import annotations

import math

import pandas as pd

from trustmap.analysis import coverage, neighbours
from trustmap.analysis.profile import indicator_decimals
from trustmap.bundle import choices
from trustmap.bundle.build import Build
from trustmap.bundle.sources import source_line
from trustmap.model import values, vintages
from trustmap.stats import readings

__all__ = [
    "NEIGHBOUR_COLUMNS",
    "child_population",
    "neighbour_reading",
    "neighbours_on_indicator",
    "same_ground_values",
]

NEIGHBOUR_COLUMNS = ["rank", "neighbour_code", "neighbour_name", "closeness", "value"]


def same_ground_values(rows: pd.DataFrame, codes: pd.Index, sets: pd.Series) -> pd.Series:
    """The value of each of `codes` from `rows` (area_code, value) of a council whose 2016
    districts are the same (`sets`: council code -> its districts); NaN where none is."""
    by_set = pd.Series(rows["value"].to_numpy(), index=rows["area_code"].map(sets).to_numpy())
    by_set = by_set[by_set.index.notna() & ~by_set.index.duplicated()]
    return pd.Series(codes.map(sets).map(by_set).to_numpy(dtype=float), index=codes)


def child_population(build: Build, area: str) -> dict:
    """Children aged 0-17 at mid-2009 in council `area` (a code of any vintage): children (an
    int, or None), la_code_2009 (the 2009 council it matched, or None), note (why no figure)
    and source (the source line)."""
    sets = vintages.member_sets(build)
    choices.check_choice(area, sets.index, "council code")
    rows = values.indicator_rows(
        build, coverage.POPULATION_INDICATOR, coverage.POPULATION_PERIOD
    ).query("geography == 'council'")
    meta = values.indicator_meta(build, coverage.POPULATION_INDICATOR)
    source = f"{meta['label']}. {source_line(meta['source_file'])}"
    matched = rows[rows["area_code"].map(sets) == sets[area]]
    if matched.empty or matched["value"].isna().all():
        note = (
            f"not available for this council vintage: its area differs from every council of "
            f"{coverage.COVERAGE_VINTAGE}, and figures are never apportioned"
        )
        return {"children": None, "la_code_2009": None, "note": note, "source": source}
    row = matched.dropna(subset="value").iloc[0]
    return {
        "children": round(row["value"]),
        "la_code_2009": row["area_code"],
        "note": "",
        "source": source,
    }


def _list_code(build: Build, area: str, list_year: str) -> str:
    """The code under which DfE's `list_year` list names council `area` (same districts)."""
    listed = neighbours.read_neighbours(build)
    listed = listed.loc[listed["list_year"] == list_year, "la_code"].unique()
    sets = vintages.member_sets(build)
    same = [code for code in listed if code in sets.index and sets[code] == sets.get(area)]
    if not same:
        raise choices.UnknownChoiceError(
            f"This council is not in DfE's {neighbours.LIST_YEARS[list_year]} statistical "
            "neighbour list (its area differs from every council DfE lists)"
        )
    return same[0]


def neighbour_reading(
    value: float, mean: float, *, decimals: int, unit: str | None, polarity: str | None
) -> str:
    """'1.7 percentage points lower (worse) than its neighbours' mean', at the indicator's
    precision; "the same as ..." when equal to it; "" when either is missing."""
    if not (math.isfinite(value) and math.isfinite(mean)):
        return ""
    gap = readings.round_to(value - mean, decimals)
    if gap is None:  # the difference overflowed
        return ""
    if gap == 0:
        return "the same as its neighbours' mean to the precision shown"
    word = "higher" if gap > 0 else "lower"
    if polarity in ("high", "low"):
        word += " (better)" if (gap > 0) == (polarity == "high") else " (worse)"
    return f"{readings.format_difference(gap, decimals, unit)} {word} than its neighbours' mean"


def neighbours_on_indicator(
    build: Build,
    area: str,
    indicator_id: str,
    period: str,
    *,
    list_year: neighbours.ListYear = "2025",
) -> dict:
    """Council `area`'s 10 statistical neighbours in DfE's `list_year` list and, on one
    indicator period, its value against their mean (LAIT's average: unweighted, over the
    neighbours with a value).

    Returns list (e.g. "May 2025"), table (`NEIGHBOUR_COLUMNS`, most similar first), value,
    mean, with_value (neighbours with a value), reading, unit, decimals, label, period and
    source. Raises UnknownChoiceError when DfE's list has no council on the same ground.
    """
    code = _list_code(build, area, list_year)
    table = neighbours.neighbours(build, code, list_year=list_year)
    meta = values.indicator_meta(build, indicator_id)
    rows = values.indicator_rows(build, indicator_id, period).query("geography == 'council'")
    sets = vintages.member_sets(build)
    on_ground = same_ground_values(rows, pd.Index([area, *table["neighbour_code"]]), sets)
    table["value"] = on_ground.iloc[1:].to_numpy()
    mean, with_value = neighbours.neighbour_average(
        build, code, on_ground.iloc[1:], list_year=list_year
    )
    value = float(on_ground.iloc[0])
    decimals = int(indicator_decimals(build)[indicator_id])
    polarity = None if meta["polarity"] == "none" else meta["polarity"]
    return {
        "list": neighbours.LIST_YEARS[list_year],
        "table": table[NEIGHBOUR_COLUMNS],
        "value": value,
        "mean": mean,
        "with_value": with_value,
        "reading": neighbour_reading(
            value, mean, decimals=decimals, unit=meta["unit"], polarity=polarity
        ),
        "unit": meta["unit"],
        "decimals": decimals,
        "label": meta["label"],
        "period": period,
        "source": source_line(neighbours.NEIGHBOURS_FILE, meta["source_file"]),
    }
