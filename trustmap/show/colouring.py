"""Councils in colour classes: pathfinder status, coterminosity class, or an indicator cut
into classes by a mapclassify scheme, with colour-blind-safe palettes and legend labels.

A `Colouring` is what every map (on screen or on a slide) and the map's CSV are drawn from."""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd
from plotly.colors import qualitative, sample_colorscale

from trustmap.stats.formatting import format_value

__all__ = [
    "BORDER_COLOUR",
    "HEALTH_OUTLINE_COLOUR",
    "OUTLINE_COLOUR",
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

# The lines of every map, on screen (assets/trustmap_map.js uses the same) and on slides.
OUTLINE_COLOUR = "#111111"  # the pathfinders' outline
PATHFINDER_OUTLINE_WIDTH = 2.5
BORDER_COLOUR = "#ffffff"  # between councils
HEALTH_OUTLINE_COLOUR = "#E69F00"  # Okabe-Ito orange: distinct from every fill palette used


CLASSES_K = 5


# Paul Tol's colour-blind-safe qualitative palette, as shipped by plotly ("Safe").
SAFE = qualitative.Safe


# Legend order is bottom to top.
PATHFINDER_CLASSES = {
    "other": ("not a pathfinder", SAFE[0]),
    "partly": ("partly a pathfinder area", SAFE[2]),
    "pathfinder": ("2003 pathfinder", SAFE[1]),
}


COTERMINOSITY_CLASSES = {
    "coterminous": ("coterminous", SAFE[3]),
    "la_contains_several": ("council contains several", SAFE[2]),
    "health_spans_several": ("health area spans several", SAFE[0]),
    "overlapping": ("overlapping", SAFE[5]),
    "not_determined": ("not determined", NO_DATA_COLOUR),
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
    kind = indexed["class"].fillna("not_determined")
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
    labels, colours, class_index = [], [], pd.Series(dtype=int)
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
