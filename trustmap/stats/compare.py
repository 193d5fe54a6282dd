"""Compare two groups of areas on an indicator, and one area with England."""

import math
from dataclasses import asdict, dataclass
from typing import TypedDict

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from trustmap.stats import judgement

POLARITIES = ("high", "low", None)
MIN_GROUP_SIZE = 2  # the fewest values a group needs for a mean, a spread and the tests


class GroupRow(TypedDict):
    """One group's summary, JSON-ready (None in place of NaN)."""

    group: str
    n: int
    mean: float | None
    median: float | None
    sd: float | None


class ComparisonStatistics(TypedDict):
    """Both groups' summaries and the statistics of their difference (first minus second),
    JSON-ready (None in place of NaN)."""

    groups: list[GroupRow]
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p_welch: float | None
    p_mannwhitney: float | None
    hedges_g: float | None
    confidence: float


def _number(value: float) -> float | None:
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class GroupSummary:
    """Size, mean, median and sample standard deviation (ddof=1) of one group."""

    group: str
    n: int
    mean: float
    median: float
    sd: float

    def as_dict(self) -> GroupRow:
        """Return the fields as a JSON-ready dict (NaN becomes None)."""
        return GroupRow(
            group=self.group,
            n=self.n,
            mean=_number(self.mean),
            median=_number(self.median),
            sd=_number(self.sd),
        )


@dataclass(frozen=True)
class GroupComparison:
    """Difference in means of two groups (first minus second) with its tests and effect size."""

    first: GroupSummary
    second: GroupSummary
    diff: float
    ci_low: float
    ci_high: float
    p_welch: float
    p_mannwhitney: float
    hedges_g: float
    confidence: float

    def _statistics(self) -> dict:
        names = ("diff", "ci_low", "ci_high", "p_welch", "p_mannwhitney", "hedges_g")
        return {name: getattr(self, name) for name in names}

    def as_dict(self) -> ComparisonStatistics:
        """Return a nested JSON-ready dict: both group summaries, then the statistics."""
        return ComparisonStatistics(
            groups=[self.first.as_dict(), self.second.as_dict()],
            diff=_number(self.diff),
            ci_low=_number(self.ci_low),
            ci_high=_number(self.ci_high),
            p_welch=_number(self.p_welch),
            p_mannwhitney=_number(self.p_mannwhitney),
            hedges_g=_number(self.hedges_g),
            confidence=self.confidence,
        )

    def as_row(self) -> dict:
        """Return a flat dict (first_*, second_*, then the statistics) for one table row."""
        return {
            **{f"first_{name}": value for name, value in asdict(self.first).items()},
            **{f"second_{name}": value for name, value in asdict(self.second).items()},
            **self._statistics(),
        }


def _split_groups(values: pd.Series, in_first: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Drop missing values and areas absent from `in_first`; return (first, second) values."""
    membership = in_first.reindex(values.index)
    kept = values.notna() & membership.notna()
    is_first = membership[kept].astype(bool).to_numpy()
    kept_values = values[kept].to_numpy(dtype=float)
    return kept_values[is_first], kept_values[~is_first]


def _too_few_message(labels: tuple[str, str], sizes: tuple[int, int]) -> str:
    """Say which groups have fewer than 2 values; empty when both are big enough."""
    small = [
        f"group {label!r} has {n}"
        for label, n in zip(labels, sizes, strict=True)
        if n < MIN_GROUP_SIZE
    ]
    if not small:
        return ""
    return (
        f"too few values to compare: {' and '.join(small)} (at least {MIN_GROUP_SIZE} are needed)"
    )


def _no_spread(values: np.ndarray) -> bool:
    """Whether every value equals the group's mean to within rounding (scipy's test for
    catastrophic cancellation in its moments): the group's spread is then 0 or rounding noise."""
    mean = float(np.mean(values))
    return bool(np.max(np.abs(values - mean)) <= np.finfo(float).eps * abs(mean))


NO_SPREAD_NOTE = "no spread: each group's values are all equal, so the Welch test is not defined"


def _summarise(group: str, values: np.ndarray) -> GroupSummary:
    if len(values) < MIN_GROUP_SIZE:
        return GroupSummary(group, len(values), math.nan, math.nan, math.nan)
    description = DescrStatsW(values, ddof=1)
    return GroupSummary(
        group,
        len(values),
        float(description.mean),
        float(np.median(values)),
        float(description.std),
    )


def _compare(
    first: np.ndarray, second: np.ndarray, labels: tuple[str, str], confidence: float
) -> GroupComparison:
    """Compare two arrays; every statistic is NaN when a group has fewer than 2 values, and
    the Welch test, its interval and Hedges' g are NaN when neither group has a spread."""
    summaries = _summarise(labels[0], first), _summarise(labels[1], second)
    first_summary, second_summary = summaries
    n1, n2 = len(first), len(second)
    if min(n1, n2) < MIN_GROUP_SIZE:
        nan = math.nan
        return GroupComparison(
            first_summary, second_summary, nan, nan, nan, nan, nan, nan, confidence
        )
    diff = first_summary.mean - second_summary.mean
    p_mannwhitney = float(stats.mannwhitneyu(first, second, alternative="two-sided").pvalue)
    flat = (_no_spread(first), _no_spread(second))
    if all(flat):
        # t = difference / 0: scipy would call any difference certain (p = 0), warning only of
        # precision loss. Not computable; the rank test still is.
        nan = math.nan
        return GroupComparison(
            first_summary, second_summary, diff, nan, nan, nan, p_mannwhitney, nan, confidence
        )
    means = CompareMeans(DescrStatsW(first), DescrStatsW(second))
    ci_low, ci_high = means.tconfint_diff(alpha=1 - confidence, usevar="unequal")
    # From the summaries: a group without spread has a standard deviation of 0, where scipy's
    # moments of its raw values lose all precision; the other group's alone makes the error.
    sd1, sd2 = (0.0 if no else summary.sd for no, summary in zip(flat, summaries, strict=True))
    welch = stats.ttest_ind_from_stats(
        first_summary.mean, sd1, n1, second_summary.mean, sd2, n2, equal_var=False
    )
    pooled_sd = math.sqrt(
        ((n1 - 1) * first_summary.sd**2 + (n2 - 1) * second_summary.sd**2) / (n1 + n2 - 2)
    )
    small_sample_correction = 1 - 3 / (4 * (n1 + n2) - 9)
    return GroupComparison(
        first=first_summary,
        second=second_summary,
        diff=diff,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        p_welch=float(welch.pvalue),
        p_mannwhitney=p_mannwhitney,
        # With no spread in either group the standardised difference is undefined.
        hedges_g=diff / pooled_sd * small_sample_correction if pooled_sd > 0 else math.nan,
        confidence=confidence,
    )


def compare_groups(
    values: pd.Series,
    in_first: pd.Series,
    *,
    labels: tuple[str, str] = ("first", "second"),
    confidence: float = 0.95,
) -> GroupComparison:
    """Compare values of areas where `in_first` is True with the rest (Welch CI and tests)."""
    first, second = _split_groups(values, in_first)
    message = _too_few_message(labels, (len(first), len(second)))
    if message:
        raise ValueError(message)
    return _compare(first, second, labels, confidence)


def compare_many(
    long_table: pd.DataFrame,
    in_first: pd.Series,
    *,
    labels: tuple[str, str] = ("first", "second"),
    confidence: float = 0.95,
    by: str | list[str] = "indicator_id",
) -> pd.DataFrame:
    """Compare the two groups for each key of `by`; one row per key, with BH-adjusted p_welch.

    Keys where a group has fewer than 2 values keep their group sizes, NaN statistics and
    a `note` saying why; so do keys where neither group has a spread (NaN Welch statistics).
    """
    key_columns = [by] if isinstance(by, str) else list(by)
    missing = {"area_code", "value", *key_columns} - set(long_table.columns)
    if missing:
        raise ValueError(
            f"long_table has no column(s) {sorted(missing)}; "
            f"expected area_code, value and {key_columns}"
        )
    rows = []
    for key, table in long_table.groupby(key_columns, sort=True, dropna=False):
        first, second = _split_groups(table.set_index("area_code")["value"], in_first)
        comparison = _compare(first, second, labels, confidence)
        rows.append(
            {
                **dict(zip(key_columns, key, strict=True)),
                **comparison.as_row(),
                "p_welch_bh": math.nan,
                "note": _too_few_message(labels, (len(first), len(second)))
                or (NO_SPREAD_NOTE if math.isnan(comparison.p_welch) else ""),
            }
        )
    empty = _compare(np.array([]), np.array([]), labels, confidence)
    columns = [*key_columns, *empty.as_row(), "p_welch_bh", "note"]
    result = pd.DataFrame(rows, columns=columns)
    has_p = result["p_welch"].notna()
    if has_p.any():
        adjusted = multipletests(result.loc[has_p, "p_welch"], method="fdr_bh")[1]
        result.loc[has_p, "p_welch_bh"] = adjusted
    return result


@dataclass(frozen=True)
class AreaVersusEngland:
    """One area's value, its rank among councils and its judgement against England (the
    fields of `judgement.Judgement`: method, judgement, judgement_998, CIs, quartile, reason)."""

    area_code: str
    value: float | None
    england_value: float | None
    england_basis: str
    rank: int | None
    n_ranked: int
    quintile: int | None
    verdict: judgement.Judgement

    def as_dict(self) -> dict:
        """Return the fields as a flat JSON-ready dict."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        verdict = fields.pop("verdict")
        return {**fields, **verdict.as_dict()}


@dataclass(frozen=True)
class CouncilRanking:
    """Every council's value of one indicator period, made ready to rank and judge any one of
    them (`rank_councils`): `values` by area code (NaN kept), the values present in ascending
    order (`ranked`), their mean and their `judgement.CouncilQuartiles`."""

    values: dict[str, float]
    ranked: np.ndarray
    mean: float | None
    quartiles: judgement.CouncilQuartiles


def rank_councils(council_values: pd.Series) -> CouncilRanking:
    """`council_values` (area code -> value, one per council) as a `CouncilRanking`: what
    `compare_area_with_england` computes once for all the councils it ranks."""
    if not council_values.index.is_unique:
        raise ValueError("council_values repeats area codes; expected one value per council")
    numbers = council_values.to_numpy(dtype=float)
    present = numbers[~np.isnan(numbers)]
    return CouncilRanking(
        values=dict(zip(council_values.index, numbers, strict=True)),
        ranked=np.sort(present),
        mean=float(present.mean()) if len(present) else None,
        quartiles=judgement.CouncilQuartiles.of(present),
    )


def _councils_better(ranking: CouncilRanking, value: float, polarity: judgement.Polarity) -> int:
    """How many councils have a better value than `value` (a higher one without polarity)."""
    if polarity == "low":
        return int(np.searchsorted(ranking.ranked, value, side="left"))
    return len(ranking.ranked) - int(np.searchsorted(ranking.ranked, value, side="right"))


def compare_area_with_england(
    area_code: str,
    council_values: pd.Series | CouncilRanking,
    *,
    polarity: judgement.Polarity,
    england_value: float | None = None,
    counts: judgement.CountPair | None = None,
    kind: judgement.Kind | None = None,
) -> AreaVersusEngland:
    """Rank one area among all councils and judge it against England (`judgement.judge`: a
    Wilson interval where `counts` are given, else its quartile among `council_values`; a
    count or money, by `kind`, is not judged). `council_values` may come as their
    `rank_councils`, made once for every area compared with them.

    Without the source's own England figure (None or NaN) the mean of the councils is used.
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")
    ranking = (
        council_values
        if isinstance(council_values, CouncilRanking)
        else rank_councils(council_values)
    )
    if area_code not in ranking.values:
        raise ValueError(f"area {area_code!r} is not among the {len(ranking.values)} councils")
    england: float | None
    if england_value is not None and pd.notna(england_value):
        england_basis, england = "source", float(england_value)
    else:
        england_basis, england = "mean of councils", ranking.mean
    value = _number(float(ranking.values[area_code]))
    rank = quintile = None
    if value is not None:
        # Rank 1 is the best value, or the highest when there is no polarity; ties share the
        # lowest rank (pandas' method="min"): 1 + how many councils did better.
        rank = 1 + _councils_better(ranking, value, polarity)
        quintile = math.ceil(5 * rank / len(ranking.ranked))
    return AreaVersusEngland(
        area_code=area_code,
        value=value,
        england_value=england,
        england_basis=england_basis,
        rank=rank,
        n_ranked=len(ranking.ranked),
        quintile=quintile,
        verdict=judgement.judge(
            value,
            ranking.quartiles,
            polarity=polarity,
            england_value=england,
            counts=counts,
            kind=kind,
        ),
    )
