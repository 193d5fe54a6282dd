"""One council's profile: every indicator's latest value against England and all councils.

Computed on request (nothing is written into the build folder). The council's own rows are the
source rows of any council code covering the same districts, so Buckinghamshire's E10000002 finds
DfE's E06000060 rows. Each indicator's latest period is the latest the source gives for this
council; the spread (lowest, quartiles, highest) is over every council row of that period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from trustmap import choices, compare, judgement, vintages
from trustmap.build import Build
from trustmap.indicators import LAIT_DATA_FILE
from trustmap.themes import split_themes, themes

__all__ = ["SPINE_COLUMNS", "council_profile", "indicator_decimals", "spine_rows"]

SPINE_COLUMNS = [
    "indicator_id",
    "label",
    "period",
    "value",
    "value_note",
    "england_value",
    "england_basis",
    "lowest",
    "q25",
    "median",
    "q75",
    "highest",
    "n_councils",
    "rank",
    "method",
    "judgement",
    "judgement_998",
    "ci_low",
    "ci_high",
    "ci998_low",
    "ci998_high",
    "quartile",
    "reason",
    "unit",
    "decimals",
    "polarity",
    "themes",
    "source",
]


def indicator_decimals(build: Build) -> pd.Series:
    """Decimals to show for each indicator id: `decimals` of indicator_statistics.csv where
    given, else `judgement.decimals_of` over all the indicator's values (once per process)."""

    def compute() -> pd.Series:
        values = build["indicator_values"]
        inferred = values.groupby("indicator_id")["value"].agg(judgement.decimals_of)
        declared = judgement.read_statistics()["decimals"].dropna().astype(int)
        return declared.combine_first(inferred).astype(int)

    return build.memo(("indicator_decimals",), compute)


def _same_ground_codes(build: Build, area_code: str) -> list[str]:
    """Every council code (any vintage) covering exactly the districts of `area_code`."""
    # vintages.member_sets is the build's one district-set lookup; reuse it, never recompute.
    sets = vintages.member_sets(build)
    if area_code not in sets.index:
        raise choices.UnknownChoiceError(f"area '{area_code}' is not a council code")
    return list(sets.index[sets == sets[area_code]])


def _catalogue(build: Build, theme: str | None) -> pd.DataFrame:
    """Indicators of `theme` (all when None), children's (LAIT) indicators first, then by label."""
    catalogue = build["indicator_catalogue"]
    if theme is not None:
        choices.check_choice(theme, themes()["theme"], "theme")
        tagged = split_themes(catalogue["themes"])
        catalogue = catalogue.loc[tagged[tagged == theme].index.unique()]
    order = pd.DataFrame(
        {"other": catalogue["source_file"] != LAIT_DATA_FILE, "label": catalogue["label"]}
    )
    return catalogue.loc[order.sort_values(["other", "label"]).index].set_index("id")


def _counts_lookup(build: Build, ids: pd.Index) -> tuple[pd.DataFrame, pd.Series]:
    """(declared count pairs of `ids`, values of their count and denominator indicators keyed
    by indicator_id, area_code and period)."""
    statistics = judgement.read_statistics()
    judgement.check_statistics(statistics, build["indicator_catalogue"]["id"])
    pairs = statistics[statistics["count_indicator"].notna() & statistics.index.isin(ids)]
    needed = pd.concat([pairs["count_indicator"], pairs["denominator_indicator"]]).dropna().unique()
    if not needed.size:
        return pairs, pd.Series(dtype=float)
    values = pd.concat([build.rows_where("indicator_values", "indicator_id", i) for i in needed])
    return pairs, values.set_index(["indicator_id", "area_code", "period"])["value"]


def _count_pair(
    pairs: pd.DataFrame,
    keyed: pd.Series,
    indicator_id: str,
    area_code: str,
    period: str,
    value: float,
) -> judgement.CountPair | None:
    """The council's count and denominator for one indicator period, if declared and given."""
    if indicator_id not in pairs.index:
        return None
    pair = pairs.loc[indicator_id]
    count = keyed.get((pair["count_indicator"], area_code, period), np.nan)
    derived = pd.isna(pair["denominator_indicator"])
    if derived:
        # A council may lack the count (Cumbria's last years) or have a value of 0: no
        # denominator can be derived then, and the judgement falls back to quartiles.
        ratio = count * pair["multiplier"] / value if value else np.nan
        denominator = round(ratio) if np.isfinite(ratio) else np.nan
    else:
        denominator = keyed.get((pair["denominator_indicator"], area_code, period), np.nan)
    return judgement.CountPair(float(count), float(denominator), float(pair["multiplier"]), derived)


def spine_rows(build: Build, area_code: str, *, theme: str | None = None) -> pd.DataFrame:
    """One row per indicator of `theme` (every indicator when None), children's (LAIT)
    indicators first: the latest period the source gives for this council, with SPINE_COLUMNS.

    `england_basis` is "source" (the source's England row) or "mean of councils"; lowest,
    q25, median, q75 and highest are over every council of that period (linear quantiles, as
    LAIT's R);
    `method` is wilson, quartile or not compared, and `reason` says why (see trustmap.judgement).
    """
    codes = _same_ground_codes(build, area_code)
    catalogue = _catalogue(build, theme)
    values = build["indicator_values"]
    values = values[values["indicator_id"].isin(catalogue.index)]
    council_rows = values[values["geography"] == "council"]
    own = council_rows[council_rows["area_code"].isin(codes)]
    latest = own.sort_values("period").groupby("indicator_id").tail(1).set_index("indicator_id")
    peers = council_rows.merge(latest["period"].reset_index(), on=["indicator_id", "period"])
    peers_by_key = {
        key: rows.set_index("area_code")["value"]
        for key, rows in peers.groupby(["indicator_id", "period"])
    }
    england = values[values["geography"] == "england"].set_index(["indicator_id", "period"])[
        "value"
    ]
    with_council_rows = set(council_rows["indicator_id"].unique())
    pairs, counts = _counts_lookup(build, catalogue.index)
    decimals = indicator_decimals(build)
    rows = []
    for indicator_id, meta in catalogue.iterrows():
        polarity = None if meta["polarity"] == "none" else meta["polarity"]
        row = {
            "indicator_id": indicator_id,
            **{name: meta[name] for name in ("label", "unit", "polarity", "themes", "source")},
            "decimals": int(decimals.get(indicator_id, judgement.MAX_DECIMALS)),
        }
        if indicator_id not in latest.index:
            rows.append(
                {
                    **row,
                    "method": "not compared",
                    "judgement": "not compared",
                    "reason": "the source has no figure for this council"
                    if indicator_id in with_council_rows
                    else "the source has no council-level figures for this indicator",
                }
            )
            continue
        source_row = latest.loc[indicator_id]
        period, code = source_row["period"], source_row["area_code"]
        peer_values = peers_by_key[(indicator_id, period)]
        versus = compare.compare_area_with_england(
            code,
            peer_values,
            polarity=polarity,
            england_value=england.get((indicator_id, period)),
            counts=_count_pair(pairs, counts, indicator_id, code, period, source_row["value"]),
        ).as_dict()
        if versus["method"] == "not compared" and pd.notna(source_row["value_note"]):
            versus["reason"] += f" (source note: {source_row['value_note']})"
        spread = peer_values.dropna().to_numpy(dtype=float)
        lowest, q25, median, q75, highest = (
            np.percentile(spread, [0, 25, 50, 75, 100]) if spread.size else [np.nan] * 5
        )
        rows.append(
            {
                **row,
                **versus,
                "period": period,
                "value_note": source_row["value_note"],
                "lowest": lowest,
                "q25": q25,
                "median": median,
                "q75": q75,
                "highest": highest,
                "n_councils": int(spread.size),
            }
        )
    return pd.DataFrame(rows).reindex(columns=SPINE_COLUMNS)


def council_profile(build: Build, area_code: str) -> pd.DataFrame:
    """Every indicator for one council, for the CSV: la_code and la_name, then SPINE_COLUMNS."""
    table = spine_rows(build, area_code)
    names = build["council_members"].drop_duplicates("la_code").set_index("la_code")["la_name"]
    table.insert(0, "la_name", names[area_code])
    table.insert(0, "la_code", area_code)
    return table
