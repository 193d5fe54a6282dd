"""Numbers and titles as people read them."""

from __future__ import annotations

import math

import pytest

from trustmap.stats.formatting import format_value, wrap_html


@pytest.mark.parametrize(
    "value, text",
    [
        (1234.0, "1,234"),  # whole numbers of 1 and more: no decimals
        (-5.0, "-5"),
        (0.0, "0.000"),
        (0.5, "0.500"),
        (0.12345, "0.123"),
        (12.5, "12.50"),
        (123.26, "123.3"),
        (12345.6, "12,346"),
        (math.nan, "no value"),
        (math.inf, "no value"),
    ],
)
def test_precision_suits_the_size(value, text):
    assert format_value(value) == text


def test_titles_wrap_at_words_with_plotly_breaks():
    assert wrap_html("one two three four", 9) == "one two<br>three<br>four"
    assert wrap_html("short", 40) == "short"
    assert wrap_html("", 10) == ""
