"""File names that say what an export or a CSV file holds, in the words a person reads:
'trustmap_children-looked-after-rate_2025_councils-2019_london.png'.

A name is `trustmap`, then its parts (each a few words: what, indicator, period, councils,
filters) joined by underscores, then one dot and the extension. Every name is safe on every
file system: ASCII lowercase letters, digits, hyphens and underscores, at most `MAX_CHARS`
characters.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

from trustmap.analysis.era import BeforeAfterChoice
from trustmap.analysis.outcomes import OutcomeChoice
from trustmap.bundle.build import Build
from trustmap.bundle.health_vintages import health_vintages, vintage
from trustmap.bundle.themes import themes
from trustmap.model.council_filter import CouncilFilter
from trustmap.model.council_search import council_name
from trustmap.model.values import data_vintage
from trustmap.show.view import View
from trustmap.vocabulary import (
    COTERMINOSITY_CLASS_LABELS,
    GROUPING_LABELS,
    PATHFINDER_STATUS_LABELS,
    council_type,
)

__all__ = [
    "CHART_WORDS",
    "MAX_CHARS",
    "Subject",
    "export_name",
    "export_stem",
    "file_name",
    "indicator_words",
    "slug",
]

MAX_CHARS = 120
PREFIX = "trustmap"
# An indicator's short name: the fewest words of its label, at least MIN_INDICATOR_CHARS long,
# that no other indicator's label begins with (the labels themselves are unique), shortened
# to MAX_INDICATOR_CHARS where needed; labels alike for that long (one Foundation Stage
# measure by ethnic group, say) keep the words that set them apart, up to MAX_TAIL_CHARS.
MIN_INDICATOR_CHARS = 24
MAX_INDICATOR_CHARS = 56
MAX_TAIL_CHARS = 28
SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the", "to"}
    | {"with"}
)
SYMBOLS = {"%": " percent ", "&": " and ", "+": " plus "}
# What each export or table shows, before the words of its view or choice ("" for the map,
# which the view's own words name).
CHART_WORDS = {
    "map": "",
    "pathfinder": GROUPING_LABELS["pathfinder"],
    "coterminous": GROUPING_LABELS["coterminous"],
    "neighbours": GROUPING_LABELS["neighbours"],
    "comparison": "comparisons",
    "briefing": "briefing",
    "scatter": "scatter",
    "trend": "trend",
    "before-after": "before and after",
    "nhs-classes": "coterminosity with NHS commissioners",
    "outcomes": "change",
    "profile": "profile",
    "timeline": "coterminosity timeline",
    "spine": "spine chart",
}
COMPARISONS = ("pathfinder", "coterminous", "neighbours", "comparison", "scatter")

Subject = View | BeforeAfterChoice | OutcomeChoice | str | None


def slug(text: str) -> str:
    """Words as a file name part: ASCII, lowercase, hyphens ('Children looked after rate per
    10,000' -> 'children-looked-after-rate-per-10000', '% CLA' -> 'percent-cla')."""
    for symbol, word in SYMBOLS.items():
        text = text.replace(symbol, word)
    text = re.sub(r"(?<=\d),(?=\d)|['\u2019]", "", text)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def short_words(text: str) -> str:
    """A label without its asides in brackets, as a slug ('pathfinders (and successors)' ->
    'pathfinders')."""
    return slug(re.sub(r"\([^)]*\)", " ", text))


def file_name(stem: str, extension: str) -> str:
    """'trustmap_<stem>.<extension>', each underscore-separated part of `stem` made a slug (empty
    ones left out) and the whole cut at a hyphen or underscore to `MAX_CHARS` characters."""
    parts = [PREFIX, *filter(None, (slug(part) for part in stem.split("_")))]
    extension = slug(extension)
    if not extension:
        raise ValueError("a file name needs an extension, e.g. 'png' or 'csv'")
    name = "_".join(parts)
    room = MAX_CHARS - len(extension) - 1
    if len(name) > room:
        name = re.sub(r"[-_][^-_]*$", "", name[: room + 1])
    return f"{name}.{extension}"


def _word_prefix_lengths(slugs: Sequence[str]) -> dict[str, int]:
    """Slug -> how many of its words set it apart from every other (1 + the longest run of
    leading words it shares with another): neighbours in sorted order share the longest."""
    words = sorted(tuple(s.split("-")) for s in slugs)
    needed = dict.fromkeys(words, 1)

    def shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
        count = 0
        for x, y in zip(a, b, strict=False):
            if x != y:
                break
            count += 1
        return count

    for a, b in zip(words, words[1:], strict=False):
        common = shared(a, b) + 1
        needed[a] = max(needed[a], common)
        needed[b] = max(needed[b], common)
    return {"-".join(w): n for w, n in needed.items()}


def _leading(words: list[str], count: int) -> int:
    """At least `count` words, at least MIN_INDICATOR_CHARS characters, never ending on a small
    word such as 'of'."""
    while count < len(words) and (
        len("-".join(words[:count])) < MIN_INDICATOR_CHARS or words[count - 1] in SMALL_WORDS
    ):
        count += 1
    return count


def _short_name(label_slug: str, words_needed: int) -> str:
    """The fewest leading words that set the label apart (`words_needed`); if longer than
    MAX_INDICATOR_CHARS, without small words and cut at a word (a few very long labels that
    differ only near their end then share one)."""
    words = label_slug.split("-")
    kept = words[: _leading(words, words_needed)]
    if len("-".join(kept)) > MAX_INDICATOR_CHARS:
        kept = [kept[0], *(word for word in kept[1:] if word not in SMALL_WORDS)]
    while len("-".join(kept)) > MAX_INDICATOR_CHARS:
        kept.pop()
    return "-".join(kept)


def _with_tail(label_slug: str, words_needed: int) -> str:
    """A long label's short name ending with the words that set it apart (from the first word
    it does not share), e.g. 'progress-scores-key-stage-2-non-disadvantaged-maths'."""
    words = label_slug.split("-")
    tail = words[words_needed - 1 :]
    while len(tail) > 1 and len("-".join(tail)) > MAX_TAIL_CHARS:
        tail.pop()
    head = _short_name(label_slug, words_needed).split("-")
    while head and len("-".join([*head, *tail])) > MAX_INDICATOR_CHARS:
        head.pop()
    return "-".join([*head, *tail])


def _indicator_short_names(build: Build) -> dict[str, str]:
    labels = build["indicator_catalogue"].set_index("id")["label"].map(slug)
    needed = _word_prefix_lengths(labels.tolist())
    names = pd.Series({i: _short_name(label, needed[label]) for i, label in labels.items()})
    shared = names.duplicated(keep=False)
    names[shared] = [_with_tail(labels[i], needed[labels[i]]) for i in names.index[shared]]
    return names.to_dict()


def indicator_words(build: Build, indicator: str) -> str:
    """An indicator's short name from its label, e.g. 'children-looked-after-rate' (no two
    indicators of the build share one); computed once per process."""
    names = build.memo(("file_names", "indicators"), lambda: _indicator_short_names(build))
    if indicator not in names:
        raise ValueError(f"unknown indicator '{indicator}' for a file name")
    return names[indicator]


def health_words(health: str) -> str:
    """An NHS geography in a few words: 'CCG 2019', 'sub-ICB location 2022'."""
    row = vintage(health)
    return f"{row['kind']} {str(row['in_force_from'])[:4]}"


def filter_words(council_filter: CouncilFilter) -> list[str]:
    """The filters in short words: 'London', 'London boroughs', 'pathfinders', 'coterminous
    CCG 2019', 'own list early years'; none for no filter."""
    status = {True: "pathfinder", False: "other", None: None}[council_filter.pathfinder]
    words = [
        council_filter.region,
        council_type(council_filter.la_type, plural=True) if council_filter.la_type else None,
        short_words(PATHFINDER_STATUS_LABELS[status]) if status else None,
    ]
    if council_filter.coterminosity_class is not None:
        label = COTERMINOSITY_CLASS_LABELS.get(council_filter.coterminosity_class, "")
        words.append(f"{label} {health_words(council_filter.health)}")
    if council_filter.listed is not None:
        theme = council_filter.listed.theme
        label = themes().set_index("theme")["label"].get(theme, theme) if theme else ""
        words.append(f"own list {label}")
    return [word for word in words if word]


def colour_words(build: Build, view: View) -> list[str]:
    """What the map's colours show: the indicator and period, 'pathfinders', or 'coterminous
    CCG 2019'."""
    if view.colour == "pathfinder":
        return [short_words(PATHFINDER_STATUS_LABELS["pathfinder"])]
    if view.colour == "coterminosity":
        health = view.council_filter().health
        return [f"{COTERMINOSITY_CLASS_LABELS['coterminous']} {health_words(health)}"]
    return [indicator_words(build, view.indicator), view.period]


def view_words(build: Build, view: View, chart: str, more: Sequence[str] = ()) -> list[str]:
    """The words of a chart of a view: the map's colours (the indicator for every other chart),
    `more` (e.g. the scatter's second indicator), the councils and the filters."""
    council_filter = view.council_filter()
    if chart == "map":
        shown = colour_words(build, view)
    elif chart == "trend":  # every period
        shown = [indicator_words(build, view.indicator)]
    else:
        shown = [indicator_words(build, view.indicator), view.period]
    councils = view.vintage
    if chart in COMPARISONS:  # on the councils of the indicator's own data, where it has any
        with contextlib.suppress(ValueError):
            councils = data_vintage(build, view.indicator, view.period)
    if chart == "coterminous":  # against the councils coterminous with this NHS geography
        shown.insert(0, health_words(council_filter.health))
    vintage_words = [] if chart == "trend" else [f"councils {councils}"]
    return [*shown, *more, *vintage_words, *filter_words(council_filter)]


def before_after_words(build: Build, choice: BeforeAfterChoice) -> list[str]:
    grouping = (
        f"{COTERMINOSITY_CLASS_LABELS['coterminous']} {health_words(choice.health)}"
        if choice.health
        else short_words(PATHFINDER_STATUS_LABELS["pathfinder"])
    )
    return [
        indicator_words(build, choice.indicator),
        f"{choice.before} against {choice.after}",
        grouping,
    ]


def outcome_words(build: Build, choice: OutcomeChoice) -> list[str]:
    if choice.by == "pathfinder":
        grouping = short_words(PATHFINDER_STATUS_LABELS["pathfinder"])
    else:
        first, last = (health_words(health) for health in choice.span.split(":"))
        grouping = f"{COTERMINOSITY_CLASS_LABELS['coterminous']} {first} to {last}"
    return [
        indicator_words(build, choice.indicator),
        f"{choice.period_from} to {choice.period_to}",
        grouping,
    ]


def nhs_years() -> str:
    """The span of the NHS geographies, '2006-2024'."""
    years = health_vintages()["in_force_from"].astype(str).str[:4]
    return f"{years.min()}-{years.max()}"


def export_stem(build: Build, chart: str, subject: Subject = None, *more: str) -> str:
    """The parts of an export's name, '_'-joined slugs: `CHART_WORDS[chart]`, then the words of
    `subject` (a View; a before/after or outcome choice; a council code; None for the NHS
    classes), and `more` (after a view's indicator: the scatter's second one; after a council: a
    theme)."""
    if chart not in CHART_WORDS:
        raise ValueError(f"no file name for '{chart}'; charts are {', '.join(CHART_WORDS)}")
    match subject:
        case View():
            words = view_words(build, subject, chart, more)
        case BeforeAfterChoice():
            words = [*before_after_words(build, subject), *more]
        case OutcomeChoice():
            words = [*outcome_words(build, subject), *more]
        case str():
            words = [council_name(build, subject) or subject, *more]
        case None:
            words = [nhs_years()] if chart == "nhs-classes" else list(more)
    return "_".join(filter(None, map(slug, [CHART_WORDS[chart], *words])))


def export_name(
    build: Build, chart: str, extension: str, subject: Subject = None, *more: str
) -> str:
    """The file name of an export or CSV file (see `export_stem`), e.g.
    'trustmap_children-looked-after-rate_2025_councils-2019_london.png'."""
    return file_name(export_stem(build, chart, subject, *more), extension)
