"""Judge one council's value against England, as Fingertips and DfE LAIT do.

Where the source gives a count and a real denominator, the council's Wilson score interval (95%
and 99.8%) is placed against England's value (Fingertips). Otherwise the council's quartile among
all councils, adjusted for polarity, is reported (LAIT's quartile banding: R's default quantiles,
A = best quarter), with the reason no interval was drawn. Counts and money measure a council's
size, not how it does: they are shown but not judged. "not compared" is left otherwise only where
neither method is possible, with the reason.

How an indicator declares what it is: a row of `data/indicators/indicator_statistics.csv` (id,
count_indicator, denominator_indicator, multiplier, decimals, kind, denominator, note). `kind` is
rate, proportion, count or money (an indicator without a row is judged by quartile). A count pair
says that `value = count / denominator * multiplier`, the count and denominator being other
indicators' values for the same area and period. With no `denominator_indicator` the denominator
is derived as `count * multiplier / value` (the rate is published, its denominator is not) and the
judgement says so. `denominator` says what it really is: published (the source gives it),
population (a population estimate, as in a rate per 10,000 children), or estimated (an estimate of
an eligible group, or a count the bundle lacks and derives from a rounded percentage): an interval
is drawn only on the first two, and never where the count passes its denominator (over 100%).
`decimals` overrides the precision rule of `decimals_of`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cache
from typing import Literal, TypeGuard

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from trustmap.bundle import schemas
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import DataFileError, read_csv, reject_rows
from trustmap.vocabulary import NOT_JUDGED_LABELS, NOT_JUDGED_REASONS

__all__ = [
    "CONFIDENCE_LEVELS",
    "INTERVAL_DENOMINATORS",
    "MAX_DECIMALS",
    "MIN_QUARTILE_COUNCILS",
    "NO_INTERVAL",
    "STATISTICS_TABLE",
    "CountPair",
    "CouncilQuartiles",
    "DenominatorKind",
    "Judgement",
    "Kind",
    "Method",
    "check_statistics",
    "decimals_of",
    "judge",
    "judge_interval",
    "quartile_band",
    "read_statistics",
    "wilson_interval",
]

STATISTICS_TABLE = "indicators/indicator_statistics.csv"
CONFIDENCE_LEVELS = (0.95, 0.998)  # Fingertips' two levels
MIN_QUARTILE_COUNCILS = 4  # fewer values have no quartiles worth the name
MAX_DECIMALS = 3  # Fingertips shows at most one decimal of a percentage: 3 of a proportion
QUARTILE_LETTERS = ("A", "B", "C", "D")
QUARTILE_WORDS = {
    "polarity": ("best quarter", "upper middle", "lower middle", "worst quarter"),
    "none": ("highest quarter", "upper middle", "lower middle", "lowest quarter"),
}
Method = Literal["wilson", "quartile", "not compared"]
Polarity = Literal["high", "low"] | None
Kind = Literal["rate", "proportion", "count", "money"]
DenominatorKind = Literal["published", "population", "estimated"]
INTERVAL_DENOMINATORS = ("published", "population")  # a binomial interval is valid on these
NO_INTERVAL = "no interval"  # how a quartile judgement's reason starts where Wilson was ruled out


@dataclass(frozen=True)
class CountPair:
    """A council's count and denominator: `value = count / denominator * multiplier`;
    `denominator_kind` says what the denominator is (see the module's docstring)."""

    count: float
    denominator: float
    multiplier: float
    derived_denominator: bool = False
    denominator_kind: DenominatorKind = "published"


@dataclass(frozen=True)
class Judgement:
    """How one council compares with England, by which method and why.

    `judgement` is better/similar/worse (higher/similar/lower without polarity) at 95% for the
    Wilson method, the quarter's words for the quartile method, else "not compared".
    `quartile` is LAIT's letter: A = best quarter (highest without polarity).
    """

    method: Method
    judgement: str
    judgement_998: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci998_low: float | None = None
    ci998_high: float | None = None
    quartile: str | None = None
    reason: str = ""

    def as_dict(self) -> dict:
        # Every field is a scalar: a shallow dict is dataclasses.asdict's, without its deep copies.
        return {field.name: getattr(self, field.name) for field in fields(self)}


@dataclass(frozen=True)
class CouncilQuartiles:
    """How many councils have a finite value of one indicator period (`n`) and their quartiles
    (`cuts`, R's type 7; None without values): all `judge` needs of the councils, computed once
    for every council judged against them (`of`). Whether `n` is enough is `judge`'s rule."""

    n: int
    cuts: tuple[float, float, float] | None

    @classmethod
    def of(cls, council_values: pd.Series | np.ndarray) -> CouncilQuartiles:
        values = np.asarray(council_values, dtype=float)
        values = values[np.isfinite(values)]
        if not len(values):
            return cls(0, None)
        q25, q50, q75 = np.percentile(values, [25, 50, 75], method="linear")
        return cls(len(values), (q25, q50, q75))


def wilson_interval(
    count: float, denominator: float, *, confidence: float = 0.95, multiplier: float = 1.0
) -> tuple[float, float]:
    """Wilson score interval of `count / denominator`, on the indicator's scale (x multiplier)."""
    low, high = proportion_confint(count, denominator, alpha=1 - confidence, method="wilson")
    return float(low) * multiplier, float(high) * multiplier


def judge_interval(interval: tuple[float, float], england_value: float, polarity: Polarity) -> str:
    """better/similar/worse by polarity (higher/similar/lower without): an interval touching
    England's value is similar."""
    low, high = sorted(interval)
    if low <= england_value <= high:
        return "similar"
    higher = low > england_value
    if polarity is None:
        return "higher" if higher else "lower"
    return "better" if higher == (polarity == "high") else "worse"


def quartile_band(value: float, council_values: np.ndarray, polarity: Polarity) -> str:
    """LAIT's band: A to D over R's default (type 7) quartiles of all councils, upper bounds
    inclusive; A is the best quarter (the lowest values when low is good, else the highest)."""
    q25, q50, q75 = np.percentile(council_values, [25, 50, 75], method="linear")
    return _band(value, (q25, q50, q75), polarity)


def _band(value: float, cuts: tuple[float, float, float], polarity: Polarity) -> str:
    from_lowest = int(np.searchsorted(cuts, value, side="left"))
    return QUARTILE_LETTERS[from_lowest if polarity == "low" else 3 - from_lowest]


def _not_compared(reason: str) -> Judgement:
    return Judgement("not compared", "not compared", reason=reason)


def _wilson(counts: CountPair, england_value: float, polarity: Polarity) -> Judgement:
    intervals = [
        wilson_interval(
            counts.count, counts.denominator, confidence=level, multiplier=counts.multiplier
        )
        for level in CONFIDENCE_LEVELS
    ]
    denominator = "a population" if counts.denominator_kind == "population" else "denominator"
    source = (
        f"count from the source, {denominator} derived as count x multiplier / value"
        if counts.derived_denominator
        else f"count and {denominator} from the source"
    )
    return Judgement(
        method="wilson",
        judgement=judge_interval(intervals[0], england_value, polarity),
        judgement_998=judge_interval(intervals[1], england_value, polarity),
        ci_low=intervals[0][0],
        ci_high=intervals[0][1],
        ci998_low=intervals[1][0],
        ci998_high=intervals[1][1],
        reason=f"Wilson score interval against England ({source})",
    )


def _no_interval(value: float, counts: CountPair | None, england_value: float | None) -> str:
    """Why no Wilson interval can be drawn ("" where one can)."""
    if counts is None:
        return "no count and denominator in the source"
    why = []
    if counts.denominator_kind not in INTERVAL_DENOMINATORS:
        why.append("the denominator is estimated, not published")
    numbers = (counts.count, counts.denominator)
    if not all(map(math.isfinite, numbers)) or counts.count < 0 or counts.denominator <= 0:
        why.append("no usable count and denominator for this council")
    elif counts.count > counts.denominator or value > counts.multiplier:
        why.append("the value is over 100% of its denominator")
    if england_value is None or not math.isfinite(england_value):
        why.append("England has no value")
    return f"{NO_INTERVAL} ({'; '.join(why)})" if why else ""


def _not_judged(kind: Kind | None) -> TypeGuard[Literal["count", "money"]]:
    return kind in NOT_JUDGED_LABELS


def judge(
    value: float | None,
    council_values: pd.Series | np.ndarray | CouncilQuartiles,
    *,
    polarity: Polarity,
    england_value: float | None,
    counts: CountPair | None = None,
    kind: Kind | None = None,
) -> Judgement:
    """Judge a council's `value` against England: nothing for a count or money (`kind`: "not
    compared: a count" with the reason); Wilson where `counts` are usable, their denominator
    real (`INTERVAL_DENOMINATORS`), the value at most 100% of it and England has a value; else
    its quartile among `council_values` (every council of the same period, the council
    included, or their `CouncilQuartiles`) with the reason no interval was drawn; else not
    compared with the reason."""
    if _not_judged(kind):
        return Judgement("not compared", NOT_JUDGED_LABELS[kind], reason=NOT_JUDGED_REASONS[kind])
    if value is None or not math.isfinite(value):
        return _not_compared("no value for this council")
    why = _no_interval(value, counts, england_value)
    if not why and counts is not None and england_value is not None:
        return _wilson(counts, england_value, polarity)
    quartiles = (
        council_values
        if isinstance(council_values, CouncilQuartiles)
        else CouncilQuartiles.of(council_values)
    )
    if quartiles.n < MIN_QUARTILE_COUNCILS or quartiles.cuts is None:
        return _not_compared(
            f"no count and denominator, and only {quartiles.n} council(s) have a value "
            f"(quartiles need {MIN_QUARTILE_COUNCILS})"
        )
    letter = _band(value, quartiles.cuts, polarity)
    words = QUARTILE_WORDS["none" if polarity is None else "polarity"]
    return Judgement(
        method="quartile",
        judgement=words[QUARTILE_LETTERS.index(letter)],
        quartile=letter,
        reason=f"{why}: quartile among {quartiles.n} councils (LAIT banding)",
    )


def decimals_of(values: pd.Series | np.ndarray, *, most: int = MAX_DECIMALS) -> int:
    """The source's precision: the most decimals any value shows (floats are stored as the
    shortest text that round-trips, so 12.13 shows 2), at most `most`."""
    numbers = np.asarray(values, dtype=float)
    numbers = numbers[np.isfinite(numbers)]
    for decimals in range(most):
        if np.allclose(np.round(numbers, decimals), numbers, rtol=1e-12, atol=1e-9):
            return decimals
    return most


@cache
def read_statistics() -> pd.DataFrame:
    """`indicator_statistics.csv`, validated: a count pair needs a multiplier and the kind of
    its denominator, a published denominator its indicator, a denominator a count; a count or
    money (never judged) has no count pair."""
    table = read_csv(table_path(STATISTICS_TABLE), schemas.INDICATOR_STATISTICS)
    has_count = table["count_indicator"].notna()
    checks = [
        (has_count & table["multiplier"].isna(), "multiplier", "a count needs a multiplier"),
        (
            has_count & table["denominator"].isna(),
            "denominator",
            "a count pair needs the kind of its denominator: published, population or estimated",
        ),
        (
            (table["denominator"] == "published") & table["denominator_indicator"].isna(),
            "denominator_indicator",
            "a published denominator needs the indicator that gives it",
        ),
        (
            table["denominator_indicator"].notna() & ~has_count,
            "count_indicator",
            "a denominator needs a count",
        ),
        (
            table["kind"].isin(list(NOT_JUDGED_LABELS)) & has_count,
            "kind",
            "a count or money is never judged, so it takes no count pair",
        ),
    ]
    for failing, column, problem in checks:
        reject_rows(table, failing, table_path(STATISTICS_TABLE), problem, column=column)
    return table.set_index("id")


def check_statistics(statistics: pd.DataFrame, indicator_ids: pd.Index) -> None:
    """Raise naming the first id of `statistics` that is not an indicator of the build."""
    named = pd.concat(
        [
            pd.Series(statistics.index, index=statistics.index),
            statistics["count_indicator"],
            statistics["denominator_indicator"],
        ]
    ).dropna()
    unknown = named[~named.isin(indicator_ids)]
    if not unknown.empty:
        raise DataFileError(
            table_path(STATISTICS_TABLE),
            f"unknown indicator '{unknown.iat[0]}' (row {unknown.index[0]})",
        )
