"""Read a figure as the app caches and sends it: a plain dict whose numpy arrays are plotly's
base64 typed-array specs ({"dtype": "f8", "bdata": ...}), the form plotly.js decodes."""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go


def decoded(value):
    """`value` with every typed-array spec in it turned back into its numpy array."""
    if isinstance(value, dict) and {"dtype", "bdata"} <= value.keys():
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        shape = value.get("shape")
        return array.reshape([int(n) for n in shape.split(",")]) if shape else array
    if isinstance(value, dict):
        return {key: decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


def plain_figure(figure: dict) -> go.Figure:
    """A cached figure as a validated plotly figure with its arrays decoded."""
    return go.Figure(decoded(figure))
