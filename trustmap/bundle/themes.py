"""Themes: the priority areas analysts filter by, and the published counts of trust priorities."""

from __future__ import annotations

from functools import cache

import pandas as pd

from trustmap.bundle import schemas
from trustmap.bundle.tables import table_path
from trustmap.bundle.validation import DataFileError, read_csv, reject_rows

THEMES_TABLE = "themes.csv"
TRUST_PRIORITIES_TABLE = "indicators/trust_priorities.csv"  # optional, user's own
MAX_PRIORITIES_BYTES = 1_000_000
PATHFINDER_COUNT = 35
BACHMANN_2006 = (
    "Bachmann M, Reading R, Husbands C, et al. What are children's trusts? Early findings "
    "from a national survey. Child: Care, Health and Development 2006;32(2):137-146, "
    "doi:10.1111/j.1365-2214.2006.00573.x"
)
BACHMANN_2009 = (
    "Bachmann MO, O'Brien M, Husbands C, et al. Integrating children's services in England: "
    "national evaluation of children's trusts. Child: Care, Health and Development, issue 2, "
    "pp. 257-265, published 3 February 2009"
)
POOLED_BUDGETS_FINDING = (
    "Two-thirds of the 35 trusts had moved towards pooling budgets in at least some service areas."
)


@cache
def themes() -> pd.DataFrame:
    """Theme id, label, scope, and how many of the 35 trusts named it a priority (if published)."""
    return read_csv(table_path(THEMES_TABLE), schemas.THEMES)


def _theme_key(text: str) -> str:
    """A theme's name or id as compared: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


def theme_ids(names_or_ids: pd.Series) -> pd.Series:
    """The theme id of each value, given as a theme's label (as the Theme list shows it) or its
    id, in any case and spacing; missing where it is neither, or not text."""
    table = themes()
    known = {_theme_key(theme): theme for theme in table["theme"]}
    labels = zip(table["label"], table["theme"], strict=True)
    known |= {_theme_key(label): theme for label, theme in labels}

    def theme_id(value) -> str | None:
        return known.get(_theme_key(value)) if isinstance(value, str) else None

    return names_or_ids.map(theme_id)


def split_themes(column: pd.Series) -> pd.Series:
    """Semicolon-joined theme lists as one theme per row (index kept)."""
    return column.str.split(";").explode()


def published_priorities() -> pd.DataFrame:
    """The sourced totals only (Bachmann et al. 2006): per-trust choices were never published."""
    table = themes().dropna(subset=["published_priority_trusts"])
    return table.assign(of_trusts=PATHFINDER_COUNT)[
        ["theme", "label", "published_wording", "published_priority_trusts", "of_trusts", "source"]
    ]


def theme_coverage(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Each theme with its number of indicators in the bundle; themes with none are kept."""
    counts = split_themes(catalogue["themes"]).value_counts()
    table = themes()[["theme", "label"]].copy()
    table["indicators"] = table["theme"].map(counts).fillna(0).astype(int)
    return table


def read_trust_priorities(path, known_codes: set[str]) -> pd.DataFrame:
    """A user's own (la_code, theme) table, validated like any input; never invented."""
    if path.stat().st_size > MAX_PRIORITIES_BYTES:
        raise DataFileError(path, f"file is larger than {MAX_PRIORITIES_BYTES:,} bytes")
    table = read_csv(path, schemas.TRUST_PRIORITIES)
    for failing, column, problem in priority_checks(table, known_codes):
        reject_rows(table, failing, path, problem, column=column)
    return table.drop_duplicates()


def priority_checks(table: pd.DataFrame, known_codes: set[str]) -> list[tuple[pd.Series, str, str]]:
    """The rules a priorities table (la_code, theme) must meet beyond its schema, as (rows that
    fail, column, problem): the server's file and a browser's upload share them."""
    return [
        (~table["la_code"].isin(known_codes), "la_code", "unknown council code"),
        (~table["theme"].isin(themes()["theme"]), "theme", "unknown theme"),
    ]


def server_priorities(known_codes: set[str]) -> pd.DataFrame | None:
    """The optional `data/indicators/trust_priorities.csv` (la_code, theme), validated; None
    when there is none. Per-trust priorities were never published: only a user's own file can
    say which trust chose which theme."""
    if not table_path(TRUST_PRIORITIES_TABLE).exists():
        return None
    return read_trust_priorities(table_path(TRUST_PRIORITIES_TABLE), known_codes)


def theme_summary(catalogue: pd.DataFrame, priorities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Themes with their indicator counts and the published priority totals, and, given a
    user's priorities table (la_code, theme), how many councils it lists for each theme."""
    totals = published_priorities().set_index("theme")[["published_priority_trusts", "of_trusts"]]
    summary = theme_coverage(catalogue).join(totals, on="theme")
    if priorities is not None:
        listed = priorities.groupby("theme")["la_code"].nunique()
        summary["councils_in_your_file"] = summary["theme"].map(listed).fillna(0).astype(int)
    return summary
