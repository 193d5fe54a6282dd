"""Numbers and text as people read them: values at a precision that suits their size, and
long titles wrapped for plotly (which breaks lines only at `<br>`)."""

from __future__ import annotations

import math
import textwrap

__all__ = ["format_value", "wrap_html"]


def format_value(value: float) -> str:
    """A value at a precision that suits its size (ranks whole, shares to three places)."""
    if not math.isfinite(value):
        return "no value"
    if value == int(value) and abs(value) >= 1:
        return f"{int(value):,}"
    magnitude = abs(value)
    digits = 3 if magnitude < 10 else 2 if magnitude < 100 else 1 if magnitude < 10_000 else 0
    return f"{value:,.{digits}f}"


def wrap_html(text: str, width: int) -> str:
    """`text` wrapped at `width` characters, lines joined by plotly's `<br>`."""
    return "<br>".join(textwrap.wrap(text, width)) or text
