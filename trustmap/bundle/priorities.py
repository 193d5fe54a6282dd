"""A user's own trust priorities (la_code, theme) given as an upload: checked by the rules of the
server's file (`themes.read_trust_priorities`: the pandera schema, known councils, known themes),
but every bad row is reported, each in a sentence, instead of the first one only, and a theme
may be given by its name as the Theme list shows it (kept as its id)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from trustmap.bundle import schemas
from trustmap.bundle.themes import MAX_PRIORITIES_BYTES, priority_checks, theme_ids, themes
from trustmap.bundle.validation import csv_line

__all__ = ["MAX_PROBLEMS", "CheckedPriorities", "check_priorities", "read_priorities"]

MAX_PROBLEMS = 20  # a file with more bad rows than this is probably the wrong file
COLUMNS = list(schemas.TRUST_PRIORITIES.columns)
NOT_A_THEME = "is not one of the themes"
RULES = {
    "la_code": "is not a council code (E and eight digits, e.g. E09000029)",
    "theme": NOT_A_THEME,
}


@dataclass(frozen=True)
class CheckedPriorities:
    """The rows that passed (la_code, theme id; duplicates dropped) and one sentence per problem;
    `table` is None when any row failed, so a file is used whole or not at all."""

    table: pd.DataFrame | None
    problems: list[str]


def _schema_problems(frame: pd.DataFrame) -> dict[tuple[int, str], str]:
    """(row index, column) -> a sentence, for each cell failing the server file's schema."""
    try:
        schemas.TRUST_PRIORITIES.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        problems = {}
        for case in error.failure_cases.itertuples():
            if case.index is None or pd.isna(case.index) or case.column not in RULES:
                continue
            value = frame.loc[case.index, case.column]
            shown = "is empty" if pd.isna(value) else f"'{value}' {RULES[case.column]}"
            problems[(int(case.index), case.column)] = shown
        return problems
    return {}


def check_priorities(frame: pd.DataFrame, known_codes: set[str]) -> CheckedPriorities:
    """Check a priorities table read as text: its columns, then every row against the schema
    and against the known council codes and themes (`themes.priority_checks`), a theme being
    given by its name as the Theme list shows it or by its id, in any case (kept as its id)."""
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        return CheckedPriorities(
            None,
            [
                f"The file has no column {', '.join(missing)}: it needs the columns "
                f"{', '.join(COLUMNS)} (found: {', '.join(map(str, frame.columns)) or 'none'})."
            ],
        )
    if frame.empty:
        return CheckedPriorities(None, ["The file has a header but no rows."])
    ids = theme_ids(frame["theme"])
    # A name that is no theme stays as written, so that its message quotes the file.
    named = frame.assign(theme=ids.where(ids.notna(), frame["theme"]))
    problems = _schema_problems(named)
    for failing, column, problem in priority_checks(named, known_codes):
        rule = NOT_A_THEME if column == "theme" else f"is an {problem}"
        for index in named.index[failing.to_numpy()]:
            problems.setdefault((int(index), column), f"'{named.loc[index, column]}' {rule}")
    if problems:
        ordered = sorted(problems.items(), key=lambda item: (item[0][0], COLUMNS.index(item[0][1])))
        return CheckedPriorities(None, _capped(_sentences(ordered)))
    return CheckedPriorities(named[COLUMNS].drop_duplicates().reset_index(drop=True), [])


def _sentences(ordered: list[tuple[tuple[int, str], str]]) -> list[str]:
    """One sentence per problem; the first theme that is not one names the themes as the Theme
    list does (the ids are shown nowhere), the others point to it."""
    sentences, listed = [], False
    for (index, column), text in ordered:
        if column == "theme" and text.endswith(NOT_A_THEME):
            text += " (named above)" if listed else f": {', '.join(themes()['label'])}"
            listed = True
        sentences.append(f"{csv_line(index)}, {column}: {text}.")
    return sentences


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], f"... and {len(problems) - MAX_PROBLEMS} more problems."]


def read_priorities(content: bytes, known_codes: set[str]) -> CheckedPriorities:
    """Check an uploaded CSV (bytes, UTF-8) like the server's priorities file (`check_priorities`),
    after its size, its encoding and its CSV form."""
    if len(content) > MAX_PRIORITIES_BYTES:
        return CheckedPriorities(
            None, [f"The file is larger than {MAX_PRIORITIES_BYTES:,} bytes; is it the right one?"]
        )
    try:
        text = content.decode("utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except UnicodeDecodeError as error:
        return CheckedPriorities(None, [f"The file is not UTF-8 text (at byte {error.start})."])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return CheckedPriorities(None, [f"The file cannot be read as CSV ({error})."])
    return check_priorities(frame, known_codes)
