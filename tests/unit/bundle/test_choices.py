"""Checks of what a user asks for, with a message naming the choices."""

from __future__ import annotations

import pytest

from trustmap.bundle.choices import UnknownChoiceError, check_choice


def test_a_known_choice_comes_back():
    assert check_choice("2019", ["2004", "2019"], "vintage") == "2019"


def test_an_unknown_choice_names_a_few_of_the_choices():
    with pytest.raises(UnknownChoiceError) as caught:
        check_choice("1999", ["2004", "2019"], "vintage")
    assert str(caught.value) == "unknown vintage '1999'; choose one of 2004, 2019"
    with pytest.raises(UnknownChoiceError) as caught:
        check_choice("z", list("abcdefghij"), "letter")
    assert str(caught.value) == (
        "unknown letter 'z'; choose one of a, b, c, d, e, f, g, h ... (10 in all)"
    )
    assert issubclass(UnknownChoiceError, ValueError)  # the CLI reports it as bad input
