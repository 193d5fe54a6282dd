"""The vocabulary's words, and every table on screen headed in words rather than field names."""

from __future__ import annotations

import pytest

from layouts import charts, comparison_section, council_panel, era_section, nhs_story
from layouts.common import grid_columns
from trustmap.show.chart_tables import COMPARISON_COLUMNS, NEIGHBOURS_COLUMNS
from trustmap.vocabulary import column_header, council_type, sentence_case


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


GRIDS = [
    *(comparison_section._columns(names) for names in (COMPARISON_COLUMNS, NEIGHBOURS_COLUMNS)),
    *(
        definitions
        for module in (charts, council_panel, era_section, nhs_story)
        for definitions in vars(module).values()
        if isinstance(definitions, list)
        and definitions
        and isinstance(definitions[0], dict)
        and "field" in definitions[0]
    ),
]


def test_every_grid_of_the_page_is_found():
    assert len(GRIDS) >= 8


@pytest.mark.parametrize("definitions", GRIDS, ids=lambda d: d[0]["field"])
def test_no_grid_header_is_a_field_name(definitions):
    headers = [column["headerName"] for column in grid_columns(definitions)]
    assert [header for header in headers if "_" in header] == []
