"""The councils an analyst's own priorities file lists under one theme (or under any), as a
view carries them: a short link value such as 'early-years.E09000029.E09000030'.

The file itself stays in the browser; only this list travels, in the page's link, so that the
map's paint, the comparisons and the exports (plain URLs: the server keeps no session) keep the
same councils as the screen. A list is kept on another council vintage by ground, not by code:
a council whose code changed but whose districts did not (a county becoming unitary) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd

from trustmap.bundle.themes import themes

__all__ = [
    "SEPARATOR",
    "OwnList",
    "listed_under",
    "own_in_words",
    "read_own",
    "same_ground",
    "settle_own",
    "under_theme",
]

SEPARATOR = "."  # unreserved in a URL: the link stays readable, one code after another
THEME_FORM = re.compile(r"[a-z][a-z-]*")  # theme ids are lower case; council codes are not
SHOWN_CODES = 3
SHOWN_CHARS = 20


@dataclass(frozen=True)
class OwnList:
    """Council codes (sorted, unique) a file lists under `theme` (None: under any theme)."""

    theme: str | None
    codes: tuple[str, ...]

    def link_value(self) -> str:
        """'early-years.E09000029.E09000030', or the codes alone for any theme."""
        return SEPARATOR.join([*([self.theme] if self.theme else []), *self.codes])


def listed_under(priorities: pd.DataFrame, theme: str | None) -> OwnList | None:
    """The councils a checked priorities table (la_code, theme) lists under `theme` (None: any
    theme); None when it lists none."""
    rows = priorities if theme is None else priorities[priorities["theme"] == theme]
    codes = tuple(sorted(set(rows["la_code"])))
    return OwnList(theme, codes) if codes else None


def read_own(value: str) -> OwnList:
    """A settled link value (`settle_own`) read back: a leading theme id, then codes."""
    parts = value.split(SEPARATOR)
    if THEME_FORM.fullmatch(parts[0]):
        return OwnList(parts[0], tuple(parts[1:]))
    return OwnList(None, tuple(parts))


def _named(codes: list[str]) -> str:
    shown = [f"'{code[:SHOWN_CHARS]}'" for code in codes[:SHOWN_CODES]]
    more = f" and {len(codes) - SHOWN_CODES} more" if len(codes) > SHOWN_CODES else ""
    return ", ".join(shown) + more


def settle_own(
    value: object, *, theme_ids: Collection[str], council_codes: Collection[str]
) -> tuple[str | None, list[str]]:
    """A link value from a client made canonical (codes sorted, unique, known), with a note for
    each thing left out; None (the filter off, with a note) when it names an unknown theme,
    lists more items than there are council codes, or no known council."""
    if value is None:
        return None, []
    off = "the 'Your priorities' filter is off"
    if not isinstance(value, str) or not value:
        return None, [f"The link's priorities list cannot be read: {off}."]
    parts = value.split(SEPARATOR)
    if len(parts) > len(council_codes) + 1:  # bounds the work and the link's length
        return None, [
            f"The link's priorities list has {len(parts)} items, more than the "
            f"{len(council_codes)} council codes there are: {off}."
        ]
    theme = parts[0] if THEME_FORM.fullmatch(parts[0]) else None
    if theme is not None and theme not in theme_ids:
        return None, [f"The link's priorities list has an unknown theme {_named([theme])}: {off}."]
    listed = parts[1:] if theme else parts
    unknown = [code for code in dict.fromkeys(listed) if code not in council_codes]
    notes = (
        [f"Left out of the link's priorities list: unknown council codes {_named(unknown)}."]
        if unknown
        else []
    )
    known = sorted(set(listed) - set(unknown))
    if not known:
        return None, [*notes, f"The link's priorities list has no known council: {off}."]
    return OwnList(theme, tuple(known)).link_value(), notes


def same_ground(councils: Iterable[str], listed: Iterable[str], grounds: pd.Series) -> list[bool]:
    """For each of `councils`, whether it is listed or covers exactly the ground of a listed
    council; `grounds` maps every council code to its ground (e.g. its sorted districts)."""
    listed = set(listed)
    listed_grounds = set(grounds.reindex(list(listed)).dropna())
    return [code in listed or grounds.get(code) in listed_grounds for code in councils]


def under_theme(theme: str | None) -> str:
    """'under Early intervention and early years', or 'under any theme'."""
    if theme is None:
        return "under any theme"
    return f"under {themes().set_index('theme')['label'].get(theme, theme)}"


def own_in_words(own: OwnList, *, lister: str = "your file") -> str:
    """'councils your file lists under Early intervention and early years (12)'."""
    return f"councils {lister} lists {under_theme(own.theme)} ({len(own.codes)})"
