"""Readable statistics: numbers rounded to an indicator's precision, differences with units, and
a one-line plain reading of a comparison, worded from its confidence interval (never from p)."""

from __future__ import annotations

import math
import re

__all__ = [
    "SMALL_GROUP",
    "difference_decimals",
    "difference_unit",
    "format_difference",
    "format_number",
    "format_with_unit",
    "plain_reading",
    "round_to",
    "small_group_caution",
    "unit_affixes",
]

SMALL_GROUP = 10  # below this many councils one council can swing a group's mean
PER_UNIT = re.compile(r"\bper\s+[\d,]+.*", re.IGNORECASE)
RATE_BASE = re.compile(r"\bper\s+\d[\d,]*\d", re.IGNORECASE)  # "per 10,000", not its population
# LAIT's finance items (DfE section 251 outturn: spend and weekly unit costs) are in pounds.
MONEY_UNITS = ("spend", "unit cost")


def round_to(value: float | None, decimals: int) -> float | None:
    """`value` rounded to `decimals` (None for a missing value)."""
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), decimals)


def format_number(value: float | None, decimals: int) -> str:
    """`value` with `decimals` decimals and thousands separators; "-" when missing."""
    rounded = round_to(value, decimals)
    return "-" if rounded is None else f"{rounded + 0.0:,.{decimals}f}"  # + 0.0: no "-0.0"


def difference_decimals(decimals: int) -> int:
    """Decimals for a difference of means: the indicator's, but at least one, since a mean of
    whole numbers is not whole (a 0-decimal interval of 0.4 to 3.0 would read "0 to 3")."""
    return max(decimals, 1)


def difference_unit(unit: str | None) -> str:
    """The unit of a difference between two values in `unit`: percentages differ by percentage
    points, rates by the rate's base ("per 10,000"), scores and unnamed units by points."""
    text = (unit or "").strip()
    if text.startswith("%") or "percent" in text.lower():
        return "percentage points"
    per = PER_UNIT.search(text)
    if per:
        return per.group(0)
    if not text or "score" in text.lower():
        return "points"
    return text


def unit_affixes(unit: str | None) -> tuple[str, str]:
    """The prefix and suffix that carry `unit` beside a number: ("£", "") for spend and unit
    costs, ("", "%") for percentages, ("", " per 10,000") for a rate per 10,000; ("", "") for
    any other unit (a count, a score, a rank), which a reader needs in words."""
    text = (unit or "").strip()
    if text.startswith("%") or "percent" in text.lower():
        return "", "%"
    if text.startswith("£") or text.lower() in MONEY_UNITS:
        return "£", ""
    per = RATE_BASE.search(text)
    return ("", f" {per.group(0)}") if per else ("", "")


def format_with_unit(value: float | None, decimals: int, unit: str | None) -> str:
    """`value` as `format_number` writes it, with its unit's sign where it has one
    (`unit_affixes`): "£57,058,815", "72.0%", "-£1,200", "14.2 per 10,000"; "-" when missing."""
    number = format_number(value, decimals)
    if number == "-":
        return number
    prefix, suffix = unit_affixes(unit)
    sign = "-" if number.startswith("-") else ""
    return f"{sign}{prefix}{number.removeprefix('-')}{suffix}"


def format_difference(difference: float | None, decimals: int, unit: str | None) -> str:
    """The size of a difference with its unit, e.g. "1.3 percentage points" (no sign)."""
    if difference is None or not math.isfinite(difference):
        return "-"
    return f"{format_number(abs(difference), decimals)} {difference_unit(unit)}"


def _direction(rounded: float, polarity: str | None) -> str:
    higher = rounded > 0
    word = "higher" if higher else "lower"
    if polarity not in ("high", "low"):
        return word
    return f"{word} (better)" if higher == (polarity == "high") else f"{word} (worse)"


def plain_reading(
    difference: float,
    ci_low: float,
    ci_high: float,
    *,
    first_label: str,
    second_label: str,
    polarity: str | None,
    unit: str | None,
    decimals: int,
    confidence: float = 0.95,
) -> str:
    """One sentence: how far the first group's mean lies from the second's, in the indicator's
    unit and precision (`difference_decimals`), "better"/"worse" only where polarity is known,
    and whether the interval leaves room for no difference at all."""
    decimals = difference_decimals(decimals)
    rounded = round_to(difference, decimals)  # None when `difference` is not finite
    if rounded is None or not all(math.isfinite(x) for x in (difference, ci_low, ci_high)):
        return f"Too few councils to compare {first_label} with {second_label}."
    subject = first_label[:1].upper() + first_label[1:]
    if rounded == 0:
        gap = f"{subject} scored the same as {second_label} to the precision shown"
    else:
        size = format_difference(difference, decimals, unit)
        gap = f"{subject} scored {size} {_direction(rounded, polarity)} than {second_label}"
    level = f"{confidence * 100:g}%"
    interval = f"{format_number(ci_low, decimals)} to {format_number(ci_high, decimals)}"
    if ci_low <= 0 <= ci_high:
        return f"{gap}; a difference this size could well be chance ({level} CI {interval})."
    return (
        f"{gap}; the {level} interval ({interval}) does not include zero, so chance alone "
        "is an unlikely explanation."
    )


def small_group_caution(sizes: dict[str, int], *, minimum: int = SMALL_GROUP) -> str:
    """A caution naming every group with fewer than `minimum` councils; "" when none has."""
    small = [f"{n} {label}" for label, n in sizes.items() if n < minimum]
    if not small:
        return ""
    return (
        f"Caution: only {' and '.join(small)}; with fewer than {minimum} councils in a group, "
        "one council can swing the result."
    )
