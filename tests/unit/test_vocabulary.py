"""The vocabulary's words, and every table on screen headed in words rather than field names."""

from __future__ import annotations

import pytest

from layouts import charts, compare, council, era, nhs
from layouts.common import twin_headers
from trustmap.vocabulary import (
    COTERMINOSITY_CLASS_DEFINITIONS,
    COTERMINOSITY_CLASS_LABELS,
    column_header,
    council_type,
    sentence_case,
)


def test_council_types_in_one_and_several():
    assert council_type("LB") == "London borough"
    assert council_type("UA", plural=True) == "unitary authorities"
    assert council_type("Parish") == "Parish"  # an unknown code as it is


def test_column_headers_read_as_words():
    assert column_header("ci_low") == "Lower 95% CI"
    assert column_header("la_code") == "Area code"
    assert column_header("p_mannwhitney_exact") == "p (Mann-Whitney U test) (unrounded)"
    assert column_header("share_of_pupils") == "Share of pupils"  # not listed: spaces
    assert sentence_case("London borough") == "London borough"


TWINS = [
    columns
    for module in (charts, compare, council, era, nhs)
    for columns in vars(module).values()
    if isinstance(columns, list)
    and columns
    and isinstance(columns[0], dict)
    and "field" in columns[0]
]


def test_every_table_twin_of_the_page_is_found():
    assert len(TWINS) >= 10


@pytest.mark.parametrize("columns", TWINS, ids=lambda columns: columns[0]["field"])
def test_no_table_header_is_a_field_name(columns):
    headers = twin_headers(columns).values()
    assert [header for header in headers if "_" in header] == []


def test_every_coterminosity_class_has_a_one_sentence_definition():
    assert COTERMINOSITY_CLASS_DEFINITIONS.keys() == COTERMINOSITY_CLASS_LABELS.keys()
    for definition in COTERMINOSITY_CLASS_DEFINITIONS.values():
        assert definition[0].isupper() and definition.endswith(".")
        assert definition.count(". ") == 0  # one sentence
