"""An uploaded priorities file: checked by the server file's rules, one sentence per bad row."""

from __future__ import annotations

import pandas as pd

from trustmap.bundle.priorities import MAX_PROBLEMS, check_priorities, read_priorities
from trustmap.bundle.themes import MAX_PRIORITIES_BYTES

KNOWN = {"E09000029", "E06000001"}
THEME_NAMES = (
    "Disabled children and SEN, Early intervention and early years, Child and adolescent mental "
    "health, Child protection and safeguarding, Education and attainment, Child health, Youth "
    "justice, Deprivation (context)"
)


def test_a_good_file_is_read_without_its_duplicates():
    checked = read_priorities(
        b"\xef\xbb\xbfla_code,theme\nE09000029,early-years\nE09000029,early-years\nE06000001,send\n",
        KNOWN,
    )
    assert checked.problems == []
    assert checked.table.to_dict("records") == [
        {"la_code": "E09000029", "theme": "early-years"},
        {"la_code": "E06000001", "theme": "send"},
    ]


def test_every_bad_row_gets_its_own_message_in_file_order():
    content = (
        b"la_code,theme\n"
        b"E09000029,early-years\n"
        b",send\n"
        b"E0900002,send\n"
        b"E06000001,Early Years\n"
        b"E09000001,early-years\n"
        b"E06000001,nope\n"
        b"E06000001,\n"
    )
    checked = read_priorities(content, KNOWN)
    assert checked.table is None
    assert checked.problems == [
        "line 3, la_code: is empty.",
        "line 4, la_code: 'E0900002' is not a council code (E and eight digits, e.g. E09000029).",
        f"line 5, theme: 'Early Years' is not one of the themes: {THEME_NAMES}.",
        "line 6, la_code: 'E09000001' is an unknown council code.",
        "line 7, theme: 'nope' is not one of the themes (named above).",
        "line 8, theme: is empty.",
    ]


def test_a_theme_is_read_by_its_name_in_any_case_or_by_its_id_and_kept_as_its_id():
    checked = read_priorities(
        b"la_code,theme\n"
        b"E09000029,Youth justice\n"
        b"E06000001,youth justice \n"
        b"E06000001,  YOUTH   Justice\n"
        b"E09000029,early-years\n"
        b'E06000001,"Deprivation (context)"\n',
        KNOWN,
    )
    assert checked.problems == []
    assert checked.table.to_dict("records") == [
        {"la_code": "E09000029", "theme": "youth-justice"},
        {"la_code": "E06000001", "theme": "youth-justice"},
        {"la_code": "E09000029", "theme": "early-years"},
        {"la_code": "E06000001", "theme": "deprivation"},
    ]


def test_an_unknown_theme_name_refuses_the_file_and_names_the_themes_as_shown():
    checked = read_priorities(
        b"la_code,theme\nE09000029,Youth justice\nE06000001,Yoth justice\n", KNOWN
    )
    assert checked.table is None
    assert checked.problems == [
        f"line 3, theme: 'Yoth justice' is not one of the themes: {THEME_NAMES}."
    ]
    assert "youth-justice" not in checked.problems[0]


def test_a_stored_table_that_is_not_text_is_refused_in_words():
    checked = check_priorities(pd.DataFrame([{"la_code": "E09000029", "theme": 5}]), KNOWN)
    assert checked.table is None
    assert checked.problems == [f"line 2, theme: '5' is not one of the themes: {THEME_NAMES}."]


def test_wrong_columns_encoding_size_and_emptiness_are_refused_in_words():
    assert read_priorities(b"code,theme\nE09000029,send\n", KNOWN).problems == [
        "The file has no column la_code: it needs the columns la_code, theme (found: code, theme)."
    ]
    assert read_priorities(b"la_code,theme\n", KNOWN).problems == [
        "The file has a header but no rows."
    ]
    assert read_priorities(b"la_code,theme\n\xff,send\n", KNOWN).problems == [
        "The file is not UTF-8 text (at byte 14)."
    ]
    too_big = b"la_code,theme\n" + b"E09000029,send\n" * (MAX_PRIORITIES_BYTES // 15 + 1)
    assert "larger than 1,000,000 bytes" in read_priorities(too_big, KNOWN).problems[0]


def test_a_wrong_file_is_summed_up_after_the_first_problems():
    content = b"la_code,theme\n" + b"X,send\n" * (MAX_PROBLEMS + 5)
    problems = read_priorities(content, KNOWN).problems
    assert len(problems) == MAX_PROBLEMS + 1 and problems[-1] == "... and 5 more problems."
