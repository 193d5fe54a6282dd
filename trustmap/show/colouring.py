"""Councils in colour classes: pathfinder status, coterminosity class, or an indicator cut
into classes by a mapclassify scheme, with colour-blind-safe palettes and legend labels.

A `Colouring` is what every map (on screen or on a slide) and the map's CSV are drawn from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import mapclassify
import numpy as np
import pandas as pd
from plotly.colors import convert_colors_to_same_type, qualitative, sample_colorscale

from trustmap.model.health_classes import NOT_DETERMINED
from trustmap.stats.formatting import format_value
from trustmap.vocabulary import COTERMINOSITY_CLASS_LABELS, PATHFINDER_CLASS_LABELS

__all__ = [
    "BORDER_COLOUR",
    "MAP_FILL",
    "FillStyle",
    "HEALTH_OUTLINE_COLOUR",
    "MAP_LINES",
    "OUTLINE_COLOUR",
    "SELECTED_COLOUR",
    "LineStyle",
    "contrast_ratio",
    "relative_luminance",
    "text_colour",
    "PATHFINDER_OUTLINE_WIDTH",
    "CLASSIFIERS",
    "COTERMINOSITY_CLASSES",
    "PATHFINDER_CLASSES",
    "Colouring",
    "class_bounds",
    "coterminosity_colouring",
    "indicator_colouring",
    "pathfinder_colouring",
]


NO_DATA_COLOUR = "#d9d9d9"


class LineStyle(TypedDict, total=False):
    """One kind of line, in Leaflet's path option names (the browser applies it as it is)."""

    color: str
    weight: float
    opacity: float
    dashArray: str


# A light casing drawn under each dark outline, this many px wider: the outline stays visible
# on the darkest fill (as a white band around it) and on the lightest (as a dark line).
CASING_COLOUR = "#ffffff"
CASING_EXTRA_PX = 3


def _cased(line: LineStyle) -> LineStyle:
    """The casing drawn under `line`."""
    return {"color": CASING_COLOUR, "weight": line["weight"] + CASING_EXTRA_PX, "opacity": 1}


_PATHFINDER: LineStyle = {"color": "#111111", "weight": 2.5, "opacity": 1}
_SELECTED: LineStyle = {"color": "#000000", "weight": 4, "opacity": 1}
# The lines of every map: on screen (sent to the browser in each paint) and on slides.
MAP_LINES: dict[str, LineStyle] = {
    "border": {"color": "#ffffff", "weight": 0.6, "opacity": 1},  # between councils
    "pathfinder": _PATHFINDER,
    "pathfinder_casing": _cased(_PATHFINDER),
    "selected": _SELECTED,
    "selected_casing": _cased(_SELECTED),
    # Okabe-Ito orange: distinct from every fill palette used.
    "health": {"color": "#E69F00", "weight": 1.5, "opacity": 0.9, "dashArray": "5 4"},
}

TEXT_DARK, TEXT_LIGHT = "#000000", "#ffffff"
MIN_CONTRAST = 4.5  # WCAG 2 AA for text


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance (0 black to 1 white) of a '#rrggbb' or 'rgb(...)' colour."""
    channels = convert_colors_to_same_type([colour], colortype="tuple")[0][0]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    luminances = relative_luminance(first), relative_luminance(second)
    return (max(luminances) + 0.05) / (min(luminances) + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill`: always at least 4.58:1, so text
    in it reads on any fill (WCAG AA asks 4.5:1)."""
    dark, light = contrast_ratio(TEXT_DARK, fill), contrast_ratio(TEXT_LIGHT, fill)
    return TEXT_DARK if dark >= light else TEXT_LIGHT


class FillStyle(TypedDict):
    """Fill opacity of a council the filters keep and of one they leave out, and the legend's
    swatch for those left out."""

    kept_opacity: float
    faded_opacity: float
    faded_swatch: str


MAP_FILL = FillStyle(kept_opacity=0.92, faded_opacity=0.2, faded_swatch="#bbbbbb")
OUTLINE_COLOUR = MAP_LINES["pathfinder"]["color"]
PATHFINDER_OUTLINE_WIDTH = MAP_LINES["pathfinder"]["weight"]
BORDER_COLOUR = MAP_LINES["border"]["color"]
HEALTH_OUTLINE_COLOUR = MAP_LINES["health"]["color"]
SELECTED_COLOUR = MAP_LINES["selected"]["color"]


CLASSES_K = 5


# Paul Tol's colour-blind-safe qualitative palette, as shipped by plotly ("Safe").
SAFE = qualitative.Safe


# Legend order is bottom to top.
PATHFINDER_COLOURS = {"other": SAFE[0], "partly": SAFE[2], "pathfinder": SAFE[1]}
PATHFINDER_CLASSES = {
    key: (PATHFINDER_CLASS_LABELS[key], colour) for key, colour in PATHFINDER_COLOURS.items()
}

COTERMINOSITY_COLOURS = {
    "coterminous": SAFE[3],
    "la_contains_several": SAFE[2],
    "health_spans_several": SAFE[0],
    "overlapping": SAFE[5],
    NOT_DETERMINED: NO_DATA_COLOUR,
}
COTERMINOSITY_CLASSES = {
    key: (COTERMINOSITY_CLASS_LABELS[key], colour) for key, colour in COTERMINOSITY_COLOURS.items()
}


@dataclass(frozen=True)
class Colouring:
    """Councils in classes: `frame` has one row per council (la_code, la_name, class_index,
    detail) in map order; `labels` and `colours` give each class in legend order; `unit`
    is shown once beside every council's detail on hover."""

    frame: pd.DataFrame
    labels: tuple[str, ...]
    colours: tuple[str, ...]
    title: str
    unit: str = ""


def _classes_frame(councils: pd.DataFrame, class_index: pd.Series, detail: pd.Series):
    frame = councils[["la_code", "la_name"]].sort_values("la_code").reset_index(drop=True)
    frame["class_index"] = frame["la_code"].map(class_index).astype(int)
    text = frame["la_code"].map(detail)
    frame["detail"] = text.astype(object).where(text.notna(), "")
    return frame


def _categorical(councils, codes: pd.Series, detail: pd.Series, classes: dict, title: str):
    present = [key for key in classes if key in set(codes)]
    index = {key: position for position, key in enumerate(present)}
    return Colouring(
        frame=_classes_frame(councils, codes.map(index), detail),
        labels=tuple(classes[key][0] for key in present),
        colours=tuple(classes[key][1] for key in present),
        title=title,
    )


def pathfinder_colouring(status: pd.DataFrame) -> Colouring:
    """From `pathfinder_status` (la_code, la_name, pathfinder_share, pathfinder, pathfinder_of)."""
    share = status.set_index("la_code")["pathfinder_share"]
    kind = pd.Series(
        np.select([share > 0.5, share > 0], ["pathfinder", "partly"], "other"), index=share.index
    )
    indexed = status.set_index("la_code")
    renamed = indexed["pathfinder_of"].where(indexed["pathfinder_of"] != indexed["la_name"], "")
    detail = kind.map(lambda k: PATHFINDER_CLASSES[k][0]) + renamed.map(
        lambda names: f" (as {names})" if names else ""
    )
    return _categorical(status, kind, detail, PATHFINDER_CLASSES, "Children's trust pathfinders")


def coterminosity_colouring(table: pd.DataFrame, health_label: str) -> Colouring:
    """From `health_classes.classify` (la_code, la_name, class, health_names, ...)."""
    indexed = table.set_index("la_code")
    kind = indexed["class"].fillna(NOT_DETERMINED)
    detail = kind.map(lambda k: COTERMINOSITY_CLASSES[k][0]) + indexed["health_names"].map(
        lambda names: f": {names.replace(';', ', ')}" if names else ""
    )
    return _categorical(
        table, kind, detail, COTERMINOSITY_CLASSES, f"Coterminosity with {health_label}"
    )


CLASSIFIERS = {
    "quantiles": ("quintiles", mapclassify.Quantiles),
    "natural_breaks": ("natural breaks", mapclassify.NaturalBreaks),
    "equal_interval": ("equal intervals", mapclassify.EqualInterval),
}


BETTER_END = "yellow"  # Viridis' light end marks the better values where a direction is known


def class_bounds(
    values: pd.Series, scheme: str = "quantiles", k: int = CLASSES_K
) -> tuple[np.ndarray, list[str]]:
    """Class of each value by a mapclassify scheme (k classes, fewer where values tie) and one
    legend label per class stating its bounds."""
    classify = CLASSIFIERS[scheme][1]
    classifier = classify(values.to_numpy(dtype=float), k=min(k, values.nunique()))
    lower = [values.min(), *classifier.bins[:-1]]
    labels = [
        f"{format_value(low)} to {format_value(high)}"
        for low, high in zip(lower, classifier.bins, strict=True)
    ]
    return classifier.yb, labels


def indicator_colouring(
    councils: pd.DataFrame,
    values: pd.Series,
    label: str,
    unit: str,
    *,
    scheme: str = "quantiles",
    polarity: str = "none",
    k: int = CLASSES_K,
) -> Colouring:
    """Councils (la_code, la_name) in classes of `values` (la_code -> value) by `scheme`;
    where `polarity` says which direction is better ("high" or "low"), the better end is
    always yellow; councils without a value form a grey "no value" class."""
    values = values.dropna()
    values = values[values.index.isin(councils["la_code"])]
    labels: list[str] = []
    colours: list[str] = []
    class_index = pd.Series(dtype=int)
    if not values.empty:
        yb, labels = class_bounds(values, scheme, k)
        class_index = pd.Series(yb, index=values.index)
        ends = (1, 0) if polarity == "low" else (0, 1)
        colours = sample_colorscale("Viridis", list(np.linspace(*ends, len(labels))))
    missing = len(labels)
    detail = pd.Series([format_value(v) for v in values], index=values.index, dtype=object)
    frame = _classes_frame(
        councils, class_index.reindex(councils["la_code"]).fillna(missing), detail
    )
    frame["detail"] = frame["detail"].replace("", "no value")
    has_missing = (frame["class_index"] == missing).any()
    direction = {
        "high": f"; {BETTER_END} = higher = better",
        "low": f"; {BETTER_END} = lower = better",
    }
    return Colouring(
        frame=frame,
        labels=tuple(labels + (["no value"] if has_missing else [])),
        colours=tuple(colours + ([NO_DATA_COLOUR] if has_missing else [])),
        title=f"{label} ({unit}), {CLASSIFIERS[scheme][0]}{direction.get(polarity, '')}",
        unit=unit,
    )
