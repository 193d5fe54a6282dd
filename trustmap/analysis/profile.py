"""One council's profile: every indicator's latest value against England and all councils.

Computed on request (nothing is written into the build folder). The council's own rows are the
source rows of any council code covering the same districts, so Buckinghamshire's E10000002 finds
DfE's E06000060 rows. Each indicator's latest period is the latest the source gives for this
council; the spread (lowest, quartiles, highest) is over every council row of that period.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from trustmap.bundle import choices
from trustmap.bundle.build import Build
from trustmap.bundle.indicators import LAIT_DATA_FILE
from trustmap.bundle.themes import split_themes, themes
from trustmap.model import vintages
from trustmap.stats import compare, judgement

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
DESCRIBING_COLUMNS = ("label", "unit", "polarity", "themes", "source")  # from the catalogue


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


def _catalogue(build: Build, theme: str | None) -> list[tuple[str, judgement.Polarity, dict]]:
    """Indicators of `theme` (all when None), children's (LAIT) indicators first, then by label:
    (indicator_id, polarity, the row's columns that describe the indicator) for each, once per
    process and theme."""
    if theme is not None:
        choices.check_choice(theme, themes()["theme"], "theme")

    def compute() -> list[tuple[str, judgement.Polarity, dict]]:
        catalogue = build["indicator_catalogue"]
        if theme is not None:
            tagged = split_themes(catalogue["themes"])
            catalogue = catalogue.loc[tagged[tagged == theme].index.unique()]
        order = pd.DataFrame(
            {"other": catalogue["source_file"] != LAIT_DATA_FILE, "label": catalogue["label"]}
        )
        catalogue = catalogue.loc[order.sort_values(["other", "label"]).index].set_index("id")
        decimals = indicator_decimals(build)
        return [
            (
                indicator_id,
                None if meta.polarity == "none" else meta.polarity,
                {
                    "indicator_id": indicator_id,
                    **{name: getattr(meta, name) for name in DESCRIBING_COLUMNS},
                    "decimals": int(decimals.get(indicator_id, judgement.MAX_DECIMALS)),
                },
            )
            for indicator_id, meta in zip(
                catalogue.index, catalogue.itertuples(index=False), strict=True
            )
        ]

    return build.memo(("spine_catalogue", theme), compute)


def _council_values(build: Build, indicator_id: str, period: str) -> pd.Series:
    """Every council's value of one indicator period keyed by area_code, in the order of the
    build's table (once per process and indicator period)."""

    def compute() -> pd.Series:
        rows = build.rows_where("indicator_values", "indicator_id", indicator_id)
        rows = rows[(rows["geography"] == "council") & (rows["period"] == period)]
        return rows.set_index("area_code")["value"]

    return build.memo(("council_values", indicator_id, period), compute)


def _ranking(build: Build, indicator_id: str, period: str) -> compare.CouncilRanking:
    """`_council_values` ready to rank and judge each council (once per process and indicator
    period)."""
    return build.memo(
        ("council_ranking", indicator_id, period),
        lambda: compare.rank_councils(_council_values(build, indicator_id, period)),
    )


def _spread(build: Build, indicator_id: str, period: str) -> dict:
    """Lowest, q25, median, q75, highest (linear, as LAIT's R) and n_councils of the councils'
    values of one indicator period (once per process and indicator period)."""

    def compute() -> dict:
        spread = _council_values(build, indicator_id, period).dropna().to_numpy(dtype=float)
        numbers = np.percentile(spread, [0, 25, 50, 75, 100]) if spread.size else [np.nan] * 5
        return {
            **dict(zip(("lowest", "q25", "median", "q75", "highest"), numbers, strict=True)),
            "n_councils": int(spread.size),
        }

    return build.memo(("spread", indicator_id, period), compute)


def _own_rows(build: Build, codes: list[str], indicator_ids: pd.Index) -> pd.DataFrame:
    """The council rows of `codes` for `indicator_ids`, in the order of the build's table."""
    rows = pd.concat([build.rows_where("indicator_values", "area_code", code) for code in codes])
    rows = rows[(rows["geography"] == "council") & rows["indicator_id"].isin(indicator_ids)]
    # The table's order, whatever the order of `codes`: the latest period's row is picked after
    # a sort that keeps no promise for ties, so its input must be the same as a scan's.
    return rows.sort_index()


def _england_values(build: Build) -> dict[tuple[str, str], float]:
    """England's value keyed by (indicator_id, period) (once per process)."""

    def compute() -> dict[tuple[str, str], float]:
        values = build["indicator_values"]
        england = values[values["geography"] == "england"]
        return england.set_index(["indicator_id", "period"])["value"].to_dict()

    return build.memo(("england_values",), compute)


def _with_council_rows(build: Build) -> frozenset[str]:
    """Indicator ids with any council row (once per process)."""

    def compute() -> frozenset[str]:
        values = build["indicator_values"]
        return frozenset(values.loc[values["geography"] == "council", "indicator_id"].unique())

    return build.memo(("with_council_rows",), compute)


CountPairs = dict[str, dict]  # indicator_id -> its row of indicator_statistics.csv
CountValues = dict[tuple[str, str, str], float]  # (indicator_id, area_code, period) -> value


def _counts_lookup(build: Build) -> tuple[CountPairs, CountValues]:
    """(declared count pairs, values of their count and denominator indicators keyed by
    indicator_id, area_code and period), once per process."""

    def compute() -> tuple[CountPairs, CountValues]:
        statistics = judgement.read_statistics()
        judgement.check_statistics(statistics, build["indicator_catalogue"]["id"])
        pairs = statistics[statistics["count_indicator"].notna()]
        needed = (
            pd.concat([pairs["count_indicator"], pairs["denominator_indicator"]]).dropna().unique()
        )
        if not needed.size:
            return pairs.to_dict("index"), {}
        values = pd.concat(
            [build.rows_where("indicator_values", "indicator_id", i) for i in needed]
        )
        keyed = values.set_index(["indicator_id", "area_code", "period"])["value"]
        return pairs.to_dict("index"), keyed.to_dict()

    return build.memo(("count_pairs",), compute)


def _count_pair(
    pairs: CountPairs,
    keyed: CountValues,
    indicator_id: str,
    area_code: str,
    period: str,
    value: float,
) -> judgement.CountPair | None:
    """The council's count and denominator for one indicator period, if declared and given."""
    pair = pairs.get(indicator_id)
    if pair is None:
        return None
    count = keyed.get((pair["count_indicator"], area_code, period), np.nan)
    derived = pd.isna(pair["denominator_indicator"])
    if derived:
        # A council may lack the count (Cumbria's last years) or have a value of 0: no
        # denominator can be derived then, and the judgement falls back to quartiles.
        ratio = count * pair["multiplier"] / value if value else np.nan
        denominator = round(ratio) if np.isfinite(ratio) else np.nan
    else:
        denominator = keyed.get((pair["denominator_indicator"], area_code, period), np.nan)
    return judgement.CountPair(
        float(count), float(denominator), float(pair["multiplier"]), derived, pair["denominator"]
    )


def _not_compared(build: Build, indicator_id: str) -> dict:
    """The columns of an indicator without a figure for the council: why not."""
    reason = (
        "the source has no figure for this council"
        if indicator_id in _with_council_rows(build)
        else "the source has no council-level figures for this indicator"
    )
    return {"method": "not compared", "judgement": "not compared", "reason": reason}


def _compared(
    build: Build,
    indicator_id: str,
    polarity: judgement.Polarity,
    source_row,
    kind: judgement.Kind | None,
) -> dict:
    """The columns of an indicator the council has a figure for (`source_row`: its latest
    row): the comparison with England and the spread of all councils."""
    period, code, value = source_row.period, source_row.area_code, source_row.value
    pairs, counts = _counts_lookup(build)
    versus = compare.compare_area_with_england(
        code,
        _ranking(build, indicator_id, period),
        polarity=polarity,
        england_value=_england_values(build).get((indicator_id, period)),
        counts=_count_pair(pairs, counts, indicator_id, code, period, value),
        kind=kind,
    ).as_dict()
    if versus["method"] == "not compared" and pd.notna(source_row.value_note):
        versus["reason"] += f" (source note: {source_row.value_note})"
    return {
        **versus,
        "period": period,
        "value_note": source_row.value_note,
        **_spread(build, indicator_id, period),
    }


def spine_rows(build: Build, area_code: str, *, theme: str | None = None) -> pd.DataFrame:
    """One row per indicator of `theme` (every indicator when None), children's (LAIT)
    indicators first: the latest period the source gives for this council, with SPINE_COLUMNS.

    `england_basis` is "source" (the source's England row) or "mean of councils"; lowest,
    q25, median, q75 and highest are over every council of that period (linear quantiles, as
    LAIT's R); `method` is wilson, quartile or not compared, and `reason` says why (see
    trustmap.stats.judgement: a count or money is "not compared: a count" or "not compared:
    money", a Wilson interval only on a real denominator).
    What does not depend on the council (each indicator period's council values, their spread
    and ranking, England's values, the count pairs) is computed once per process.
    """
    codes = _same_ground_codes(build, area_code)
    catalogue = _catalogue(build, theme)
    own = _own_rows(build, codes, pd.Index([indicator_id for indicator_id, *_ in catalogue]))
    latest = own.sort_values("period").groupby("indicator_id").tail(1).set_index("indicator_id")
    latest_rows = dict(zip(latest.index, latest.itertuples(index=False), strict=True))
    kinds = judgement.read_statistics()["kind"].to_dict()
    rows = []
    for indicator_id, polarity, described in catalogue:
        source_row = latest_rows.get(indicator_id)
        if source_row is None:
            rows.append({**described, **_not_compared(build, indicator_id)})
        else:
            kind = kinds.get(indicator_id)
            rows.append({**described, **_compared(build, indicator_id, polarity, source_row, kind)})
    return pd.DataFrame(rows).reindex(columns=SPINE_COLUMNS)


def council_profile(build: Build, area_code: str) -> pd.DataFrame:
    """Every indicator for one council, for the CSV: la_code and la_name, then SPINE_COLUMNS."""
    table = spine_rows(build, area_code)
    names = build["council_members"].drop_duplicates("la_code").set_index("la_code")["la_name"]
    table.insert(0, "la_name", names[area_code])
    table.insert(0, "la_code", area_code)
    return table
