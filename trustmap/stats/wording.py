"""The words of a comparison, for screen, table and slide alike: a plain headline naming the
groups, a subtitle naming the filters and the group sizes, the plain reading and small-group
caution (`readings`), and a footnote that carries the tests (p values never reach a headline).

Every function takes a result of `group_comparison.comparison` (by pathfinder or coterminous)
or of `neighbours.compare_with_neighbours` (by neighbours)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from trustmap.stats import compare, outliers, readings
from trustmap.vocabulary import COTERMINOUS_GROUPS, in_words

__all__ = [
    "comparison_caution",
    "comparison_footnote",
    "comparison_headline",
    "comparison_reading",
    "comparison_subtitle",
    "comparison_unavailable",
    "far_from_rest_note",
    "format_p",
    "group_nouns",
    "left_out_lines",
]


def format_p(p: float | None) -> str:
    """'p = 0.016', 'p < 0.001', or 'p not defined' (no spread, or too few values)."""
    if p is None or not math.isfinite(p):
        return "p not defined"
    return "p < 0.001" if p < 0.001 else f"p = {p:.2g}"


def group_nouns(result: Mapping[str, Any]) -> tuple[str, str]:
    """The two groups as a sentence names them: ("pathfinders", "other councils"),
    ("councils coterminous with CCG April 2019", "councils not coterminous") or ("pathfinders",
    "their statistical neighbours")."""
    if result["by"] == "pathfinder":
        return "pathfinders", "other councils"
    if result["by"] == "coterminous":
        first, second = COTERMINOUS_GROUPS
        return first.format(health=result["health"]), second
    return "pathfinders", "their statistical neighbours"


def _sizes(result: Mapping[str, Any]) -> str:
    first, second = group_nouns(result)
    if result["by"] == "neighbours":
        dropped = result["pathfinders_dropped"]
        left_out = f", {dropped} left out (see the table)" if dropped else ""
        return f"{result['n']} pathfinders, each against its neighbours{left_out}"
    n_first, n_second = (group["n"] for group in result["groups"])
    return f"{n_first} {first} and {n_second} {second}"


def comparison_headline(result: Mapping[str, Any]) -> str:
    """'Pathfinders against other councils: IoD 2019: IMD - Average score, 2019'."""
    first, _ = group_nouns(result)
    against = {
        "pathfinder": "other councils",
        "coterminous": "the rest",
        "neighbours": "their own statistical neighbours",
    }[result["by"]]
    return (
        f"{first[:1].upper()}{first[1:]} against {against}: {result['label']}, {result['period']}"
    )


def comparison_subtitle(result: Mapping[str, Any]) -> str:
    """Which councils, on which vintage (and neighbour list), and how many in each group:
    'All councils of 2019: 35 pathfinders and 116 other councils'."""
    councils = f"councils of {result['la_vintage']}"
    if result["by"] == "neighbours":
        councils += f", DfE statistical neighbours of {result['neighbour_list']}"
    if result["filters"] == "all councils":
        return f"All {councils}: {_sizes(result)}"
    return f"Filtered to {result['filters']} ({councils}): {_sizes(result)}"


def comparison_reading(result: Mapping[str, Any]) -> str:
    """The one-line plain reading of a result, worded from its interval (`plain_reading`)."""
    if result["by"] == "neighbours":
        return result["reading"]
    first, second = group_nouns(result)
    return readings.plain_reading(
        result["diff"],
        result["ci_low"],
        result["ci_high"],
        first_label=first,
        second_label=second,
        polarity=None if result["polarity"] == "none" else result["polarity"],
        unit=result["unit"],
        decimals=result["decimals"],
        confidence=result["confidence"],
    )


def comparison_caution(result: Mapping[str, Any]) -> str:
    """The small-group caution ("" when every group has at least `readings.SMALL_GROUP`)."""
    if result["by"] == "neighbours":
        return result["caution"]
    first, second = group_nouns(result)
    n_first, n_second = (group["n"] for group in result["groups"])
    return readings.small_group_caution({first: n_first, second: n_second})


def comparison_footnote(result: Mapping[str, Any]) -> str:
    """The statistics behind the reading, for the footnote: the signed difference with its
    unit and interval, then the tests with their p values."""
    decimals = readings.difference_decimals(result["decimals"])
    first, second = group_nouns(result)
    level = f"{result['confidence'] * 100:g}%"
    unit = readings.difference_unit(result["unit"])
    difference = (
        f"{readings.format_number(result['diff'], decimals)} {unit} "
        f"({level} CI {readings.format_number(result['ci_low'], decimals)} to "
        f"{readings.format_number(result['ci_high'], decimals)})"
    )
    if result["by"] == "neighbours":
        return (
            f"Mean of the pathfinders' differences from their neighbours' mean: {difference}, "
            f"one-sample t interval. One-sample t-test {format_p(result['p_ttest'])}; "
            f"Wilcoxon signed-rank test {format_p(result['p_wilcoxon'])}."
        )
    hedges = result["hedges_g"]
    effect = f"; Hedges' g = {hedges:.2f}" if hedges is not None else ""
    return (
        f"Difference in means, {first} minus {second}: {difference}, Welch interval. "
        f"Welch t-test {format_p(result['p_welch'])}; Mann-Whitney U test "
        f"{format_p(result['p_mannwhitney'])}{effect}."
    )


def _one(noun: str) -> str:
    """A group noun of `group_nouns` for one council: 'pathfinder', 'other council'."""
    return noun.replace("councils", "council", 1) if "councils" in noun else noun.removesuffix("s")


def _member(by: str, health: str | None) -> str:
    """What a council of the first group is: 'a pathfinder', 'coterminous with CCG April 2019'."""
    return "a pathfinder" if by == "pathfinder" else f"coterminous with {health}"


def comparison_unavailable(
    by: str,
    health: str | None,
    *,
    kept: tuple[int, int],
    with_value: tuple[int, int],
    period: str,
    filtered: bool,
) -> str | None:
    """Why a comparison by `by` cannot be drawn, in one sentence; None when it can. `kept`:
    how many councils the filters keep in each group; `with_value`: how many of them have a
    value for `period`."""
    first, second = group_nouns({"by": by, "health": health})
    councils = "council kept" if filtered else "council"
    if kept[0] and not kept[1]:
        return (
            f"Every {councils} is {_member(by, health)}, so there is no group to compare them with."
        )
    if kept[1] and not kept[0]:
        return (
            f"No {councils} is {_member(by, health)}, so the {second} have no group to be "
            "compared with."
        )
    if not any(kept):
        return f"No {councils} belongs to either group ({first} or {second})."
    if not any(with_value):
        return f"No {councils} has a value for {period}, so there is nothing to compare."
    small = [
        f"{n} {_one(noun) if n == 1 else noun}" if n == total else f"{n} of the {total} {noun}"
        for noun, n, total in zip((first, second), with_value, kept, strict=True)
        if n < compare.MIN_GROUP_SIZE
    ]
    if not small:
        return None
    verb = "has" if len(small) == 1 else "have"
    kept_word = " kept" if filtered else ""
    return (
        f"Too few councils to compare: only {in_words(small)}{kept_word} {verb} a value for "
        f"{period}; each group needs at least {compare.MIN_GROUP_SIZE}."
    )


def left_out_lines(result: Mapping[str, Any]) -> list[str]:
    """The councils a comparison leaves out, a line per reason ("Bournemouth, Christchurch and
    Poole and Dorset: no value in 2019."), in the order of `result["left_out"]`."""
    by_reason: dict[str, list[str]] = {}
    for council in result["left_out"]:
        by_reason.setdefault(council["reason"], []).append(council["la_name"])
    return [f"{in_words(names)}: {reason}." for reason, names in by_reason.items()]


def far_from_rest_note(result: Mapping[str, Any]) -> str:
    """The councils compared whose value is far from the rest (`outliers.far_from_median`),
    named with their values, or "" when none is: "City of London (299 per 10,000) and Isles of
    Scilly (0 per 10,000) are far from the rest ... and kept."."""
    far = result["far_from_rest"]
    if not far:
        return ""
    named = [
        f"{council['la_name']} "
        f"({readings.format_with_unit(council['value'], result['decimals'], result['unit'])})"
        for council in far
    ]
    verb = "is" if len(far) == 1 else "are"
    return (
        f"{in_words(named)} {verb} far from the rest (more than {outliers.FAR_IQRS:g} "
        "interquartile ranges from the median of the councils compared) and kept."
    )
