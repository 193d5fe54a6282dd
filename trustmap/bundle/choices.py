"""Checks of what a user asks for (a vintage, a theme, an indicator, a council), with a message
that names the choices."""

from __future__ import annotations

import reprlib
from collections.abc import Hashable, Iterable
from typing import TypeVar, cast

import pandas as pd

__all__ = ["UnknownChoiceError", "check_choice"]

SHOWN_CHOICES = 8

T = TypeVar("T")


class UnknownChoiceError(ValueError):
    """A vintage, theme, indicator or area that the build does not have."""


def check_choice(value: object, choices: Iterable[T], what: str) -> T:
    """Return `value` if it is one of `choices`, else raise naming a few of them."""
    # `value` equals one of `choices`, so it has their type: a narrowing mypy cannot infer.
    if isinstance(choices, pd.Index) and isinstance(value, Hashable) and value in choices:
        return cast(T, value)  # a hashed lookup: no list of hundreds of labels per call
    choices = list(choices)
    if value not in choices:
        shown = ", ".join(map(str, choices[:SHOWN_CHOICES]))
        more = f" ... ({len(choices)} in all)" if len(choices) > SHOWN_CHOICES else ""
        # reprlib cuts what a client sent to a few dozen characters: messages are echoed.
        raise UnknownChoiceError(
            f"unknown {what} {reprlib.repr(value)}; choose one of {shown}{more}"
        )
    return cast(T, value)
