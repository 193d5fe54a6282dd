"""What the council map shows for a view: its colouring, a note when the data do not fit the
councils shown, its source line, the councils it highlights, and its table twin (the CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trustmap.build import Build
from trustmap.choices import UnknownChoiceError
from trustmap.colouring import (
    Colouring,
    coterminosity_colouring,
    indicator_colouring,
    pathfinder_colouring,
)
from trustmap.council_filter import filter_councils
from trustmap.councils import DISTRICTS_FILE
from trustmap.health_classes import classify
from trustmap.health_vintages import health_label, source_files
from trustmap.health_vintages import vintage as health_vintage
from trustmap.pathfinders import PATHFINDERS_SOURCE, vintage_pathfinders
from trustmap.sources import source_line
from trustmap.values import council_values, data_vintage, indicator_meta
from trustmap.view import View
from trustmap.vintages import council_table

__all__ = ["MapContent", "highlighted_councils", "map_content", "map_table"]

FEW_VALUES_SHARE = 0.9  # below this share of councils with a value, say why the map is grey


@dataclass(frozen=True)
class MapContent:
    """A view's map: `colouring`, `source` line, and a `note` (with its `level`) when the
    indicator's data are for other councils than those shown."""

    colouring: Colouring
    source: str
    note: str | None = None
    level: Literal["info", "warning"] = "info"


def map_content(build: Build, view: View) -> MapContent:
    """The colouring, source line and data note of a (settled) view's map."""
    councils = council_table(build, view.vintage)
    in_force = f"Councils as in force from {view.vintage} ({len(councils)})."
    if view.colour == "pathfinder":
        colouring = pathfinder_colouring(vintage_pathfinders(build, view.vintage))
        source = f"{source_line(DISTRICTS_FILE)} {PATHFINDERS_SOURCE} {in_force}"
        return MapContent(colouring, source)
    if view.colour == "coterminosity":
        table = classify(build, view.nhs, la_vintage=view.vintage)
        colouring = coterminosity_colouring(table, health_label(view.nhs))
        files = (DISTRICTS_FILE, *source_files(health_vintage(view.nhs)))
        return MapContent(colouring, f"{source_line(*files)} {in_force}", *_class_note(table))
    meta = indicator_meta(build, view.indicator)
    values = council_values(build, view.indicator, view.period, view.vintage)
    colouring = indicator_colouring(
        councils,
        values,
        meta["label"],
        meta["unit"],
        scheme=view.scheme or "quantiles",
        polarity=meta["polarity"],
    )
    source = f"{source_line(DISTRICTS_FILE, meta['source_file'])} {in_force}"
    note, level = _data_note(build, view, len(values), len(councils), meta["label"])
    return MapContent(colouring, source, note, level)


def _class_note(table: pd.DataFrame) -> tuple[str | None, str]:
    """(note, level) when some councils' class could not be determined from the bundle."""
    unknown = int((table["class"] == "not_determined").sum())
    if not unknown:
        return None, "info"
    return (
        f"{unknown} of {len(table)} councils are grey: the bundle has no boundaries or member "
        "list for their health bodies in this year, so their coterminosity is not determined.",
        "warning",
    )


def _data_note(build: Build, view: View, with_value: int, councils: int, label: str):
    """(note, level) when the indicator's data are for other councils than the vintage shown."""
    try:
        own = data_vintage(build, view.indicator, view.period)
    except UnknownChoiceError:
        own = None
    if own == view.vintage and with_value >= FEW_VALUES_SHARE * councils:
        return None, "info"
    shown = f"{label}, {view.period}: {with_value} of the {councils} councils of {view.vintage}"
    if own is None:
        return f"{shown} have a value: it has no council values for this period.", "warning"
    if with_value == 0:
        return (
            f"{shown} have a value: its data are for the councils of {own}; choose vintage {own}.",
            "warning",
        )
    return (
        f"{shown} have a value. Its data are for the councils of {own}: councils whose area "
        f"changed are grey, never apportioned. Choose vintage {own} to see them all.",
        "info",
    )


def highlighted_councils(build: Build, view: View) -> list[str] | None:
    """The selected council, else the councils the filters keep; None when nothing is."""
    if view.area:
        return [view.area]
    council_filter = view.council_filter()
    if not council_filter.active:
        return None
    return filter_councils(build, view.vintage, council_filter)


def map_table(build: Build, view: View) -> pd.DataFrame:
    """The map's table twin: la_code, la_name, vintage, class, detail (and indicator, period,
    value in indicator mode), source."""
    content = map_content(build, view)
    frame = content.colouring.frame
    table = frame.assign(
        vintage=view.vintage,
        **{"class": frame["class_index"].map(dict(enumerate(content.colouring.labels)))},
    )
    columns = ["la_code", "la_name", "vintage", "class", "detail"]
    if view.colour == "indicator":
        values = council_values(build, view.indicator, view.period, view.vintage)
        table = table.assign(
            indicator=view.indicator, period=view.period, value=table["la_code"].map(values)
        )
        columns += ["indicator", "period", "value"]
    return table[columns].assign(source=content.source)
