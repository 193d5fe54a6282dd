"""DfE statistical neighbours: each council's 10 most similar councils (April 2021, May 2025).

Three uses: a council's neighbours, named and ranked; LAIT's statistical-neighbour average (the
unweighted mean over neighbours with a value); and the matched comparison of pathfinders with
their own neighbours (`compare_with_neighbours`).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.weightstats import DescrStatsW

from trustmap.analysis.profile import indicator_decimals
from trustmap.bundle import choices, schemas
from trustmap.bundle.build import Build
from trustmap.bundle.validation import read_csv
from trustmap.model import pathfinders, values, vintages
from trustmap.model.council_filter import CouncilFilter, describe_filter, filter_councils
from trustmap.stats import readings

__all__ = [
    "LIST_YEARS",
    "MIN_NEIGHBOURS",
    "NEIGHBOURS_FILE",
    "ListYear",
    "compare_with_neighbours",
    "neighbour_average",
    "neighbour_differences",
    "neighbours",
    "read_neighbours",
    "summarise_differences",
]

NEIGHBOURS_FILE = "indicators/dfe_statistical_neighbours_2021_2025.csv"
ListYear = Literal["2021", "2025"]
LIST_YEARS: dict[str, str] = {"2021": "April 2021", "2025": "May 2025"}
MIN_NEIGHBOURS = 3  # a pathfinder with fewer comparable neighbours is left out
DEFINITION = (
    "For each pathfinder with a value, its neighbours that are pathfinders, have no value or are "
    f"not councils of the vintage are dropped; it is kept if at least {MIN_NEIGHBOURS} remain. "
    "Its difference is its value minus the mean of those neighbours."
)


def read_neighbours(build: Build) -> pd.DataFrame:
    """The bundle's neighbour lists: list_year, la_code, la_name, rank, neighbour_code,
    neighbour_name, closeness (capitalisation made consistent: "Very close")."""

    def read() -> pd.DataFrame:
        table = read_csv(build.data_dir / NEIGHBOURS_FILE, schemas.STATISTICAL_NEIGHBOURS)
        names = table.drop_duplicates(["vintage", "area_code"]).set_index(["vintage", "area_code"])[
            "la_name"
        ]
        neighbour_key = pd.MultiIndex.from_frame(table[["vintage", "neighbour_area_code"]])
        return pd.DataFrame(
            {
                "list_year": table["vintage"].map({v: k for k, v in LIST_YEARS.items()}),
                "la_code": table["area_code"],
                "la_name": table["la_name"],
                "rank": table["rank"],
                "neighbour_code": table["neighbour_area_code"],
                "neighbour_name": names.reindex(neighbour_key).to_numpy(),
                "closeness": table["closeness"].str.capitalize(),
            }
        )

    return build.memo(("statistical_neighbours",), read)


def _list(build: Build, list_year: str) -> pd.DataFrame:
    choices.check_choice(list_year, LIST_YEARS, "neighbour list")
    table = read_neighbours(build)
    return table[table["list_year"] == list_year]


def neighbours(build: Build, area_code: str, *, list_year: ListYear = "2025") -> pd.DataFrame:
    """The council's 10 statistical neighbours in DfE's `list_year` list, most similar first:
    rank, neighbour_code, neighbour_name, closeness."""
    table = _list(build, list_year)
    own = table[table["la_code"] == area_code]
    if own.empty:
        raise choices.UnknownChoiceError(
            f"council '{area_code}' is not in DfE's {LIST_YEARS[list_year]} neighbour list"
        )
    columns = ["rank", "neighbour_code", "neighbour_name", "closeness"]
    return own.sort_values("rank")[columns].reset_index(drop=True)


def neighbour_average(
    build: Build, area_code: str, values: pd.Series, *, list_year: ListYear = "2025"
) -> tuple[float, int]:
    """LAIT's statistical-neighbour average of `values` (indexed by council code): the unweighted
    mean over the neighbours with a value, and how many had one (NaN, 0 when none)."""
    codes = neighbours(build, area_code, list_year=list_year)["neighbour_code"]
    present = values.reindex(codes).dropna()
    return (float(present.mean()) if len(present) else math.nan), len(present)


def neighbour_differences(
    values: pd.Series,
    is_pathfinder: pd.Series,
    neighbour_lists: pd.DataFrame,
    *,
    min_neighbours: int = MIN_NEIGHBOURS,
) -> pd.DataFrame:
    """Each pathfinder against its own neighbours (see DEFINITION).

    `values` and `is_pathfinder` are indexed by the codes of the councils of one vintage;
    `neighbour_lists` has la_code and neighbour_code. One row per pathfinder: la_code, value,
    neighbours_mean, neighbours_used, difference (value - neighbours_mean), kept, reason.
    """
    rows = []
    pathfinders = is_pathfinder[is_pathfinder.astype(bool)].index
    lists = neighbour_lists.groupby("la_code")["neighbour_code"].agg(list)
    for code in pathfinders:
        value = values.get(code, math.nan)
        listed = pd.Index(lists.get(code, []))
        usable = listed[listed.isin(values.dropna().index) & ~listed.isin(pathfinders)]
        mean = float(values[usable].mean()) if len(usable) else math.nan
        if pd.isna(value):
            reason = "no value"
        elif listed.empty:
            reason = "not in the neighbour list"
        elif len(usable) < min_neighbours:
            reason = f"only {len(usable)} comparable neighbour(s)"
        else:
            reason = ""
        rows.append(
            {
                "la_code": code,
                "value": value,
                "neighbours_mean": mean,
                "neighbours_used": len(usable),
                "difference": value - mean,
                "kept": not reason,
                "reason": reason,
            }
        )
    columns = ["la_code", "value", "neighbours_mean", "neighbours_used", "difference", "kept"]
    return pd.DataFrame(rows, columns=[*columns, "reason"])


def summarise_differences(differences: pd.Series, *, confidence: float = 0.95) -> dict:
    """n, diff (mean), ci_low and ci_high (one-sample t), p_ttest (t against 0) and p_wilcoxon
    (signed-rank) of the differences; statistics are NaN when fewer than 2."""
    kept = differences.dropna().to_numpy(dtype=float)
    result = {"n": len(kept), "diff": float(kept.mean()) if len(kept) else math.nan}
    if len(kept) < 2:
        return {**result, **dict.fromkeys(("ci_low", "ci_high", "p_ttest", "p_wilcoxon"), math.nan)}
    ci_low, ci_high = DescrStatsW(kept).tconfint_mean(alpha=1 - confidence)
    no_difference = not np.any(kept)  # the tests are undefined when every difference is 0
    return {
        **result,
        "ci_low": float(ci_low),
        "ci_high": float(ci_high),
        "p_ttest": math.nan if no_difference else float(stats.ttest_1samp(kept, 0.0).pvalue),
        "p_wilcoxon": math.nan if no_difference else float(stats.wilcoxon(kept).pvalue),
    }


def compare_with_neighbours(
    build: Build,
    indicator_id: str,
    period: str,
    la_vintage: str,
    *,
    list_year: ListYear = "2025",
    council_filter: CouncilFilter | None = None,
) -> dict:
    """Pathfinders of `la_vintage` against their own statistical neighbours on one indicator
    period: the summary of `summarise_differences`, the definition, a plain reading and a
    small-group caution, and one row per pathfinder (la_code, la_name, value, neighbours_mean,
    neighbours_used, difference, kept, reason), at full precision.

    `council_filter` chooses which pathfinders are compared (London's, say); their neighbours
    stay DfE's, wherever they are, or the comparison would no longer be matched."""
    vintages.check_vintage(build, la_vintage)
    scores = values.council_values(build, indicator_id, period, la_vintage)
    status = pathfinders.vintage_pathfinders(build, la_vintage).set_index("la_code")
    in_vintage = vintages.council_layer(build, la_vintage)["la_code"]
    table = neighbour_differences(
        scores.reindex(in_vintage), status["pathfinder"], _list(build, list_year)
    )
    table.insert(1, "la_name", table["la_code"].map(status["la_name"]))
    if council_filter is not None and council_filter.active:
        kept = filter_councils(build, la_vintage, council_filter)
        table = table[table["la_code"].isin(kept)].reset_index(drop=True)
    meta = build["indicator_catalogue"].set_index("id").loc[indicator_id]
    summary = summarise_differences(table.loc[table["kept"], "difference"])
    decimals = int(indicator_decimals(build)[indicator_id])
    polarity = None if meta["polarity"] == "none" else meta["polarity"]
    return {
        "indicator": indicator_id,
        "label": meta["label"],
        "period": period,
        "la_vintage": la_vintage,
        "by": "neighbours",
        "neighbour_list": LIST_YEARS[list_year],
        "filters": describe_filter(council_filter),
        "definition": DEFINITION,
        **summary,
        "confidence": 0.95,
        "reading": readings.plain_reading(
            summary["diff"],
            summary["ci_low"],
            summary["ci_high"],
            first_label="pathfinders",
            second_label="their statistical neighbours",
            polarity=polarity,
            unit=meta["unit"],
            decimals=decimals,
        ),
        "caution": readings.small_group_caution({"pathfinders kept": summary["n"]}),
        "pathfinders_dropped": int((~table["kept"]).sum()),
        "unit": meta["unit"],
        "decimals": decimals,
        "polarity": meta["polarity"],
        "source": meta["source"],
        "pathfinders": table.to_dict(orient="records"),
    }
