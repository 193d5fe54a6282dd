"""What the council map shows for a view: its colouring, a note when the data do not fit the
councils shown, its source line, the councils it highlights, and its table twin (the CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from trustmap.bundle.build import Build
from trustmap.bundle.choices import UnknownChoiceError
from trustmap.bundle.councils import DISTRICTS_FILE
from trustmap.bundle.health_vintages import health_label, source_files
from trustmap.bundle.health_vintages import vintage as health_vintage
from trustmap.bundle.sources import source_line
from trustmap.model.council_filter import filter_councils
from trustmap.model.health_classes import NOT_DETERMINED, classify
from trustmap.model.pathfinders import PATHFINDERS_SOURCE, vintage_pathfinders
from trustmap.model.values import council_values, data_vintage, indicator_meta
from trustmap.model.vintages import council_table
from trustmap.show.colouring import (
    COTERMINOSITY_CLASSES,
    Colouring,
    coterminosity_colouring,
    indicator_colouring,
    pathfinder_colouring,
)
from trustmap.show.view import View

__all__ = [
    "MapContent",
    "council_rows",
    "highlighted_councils",
    "kept_councils",
    "map_content",
    "map_table",
]

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
        nhs = view.council_filter().health
        table = classify(build, nhs, la_vintage=view.vintage)
        colouring = coterminosity_colouring(table, health_label(nhs))
        files = (DISTRICTS_FILE, *source_files(health_vintage(nhs)))
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


def _class_note(table: pd.DataFrame) -> tuple[str | None, Literal["info", "warning"]]:
    """(note, level) when some councils' class could not be determined from the bundle."""
    unknown = int((table["class"] == NOT_DETERMINED).sum())
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
    return [view.area] if view.area else kept_councils(build, view)


def council_rows(
    councils: pd.DataFrame,
    pathfinders: Colouring,
    classes: pd.DataFrame,
    *,
    health: str,
    kept: list[str] | None = None,
) -> pd.DataFrame:
    """One row per council of `councils` (la_code, la_name, region_name, la_type) that `kept`
    keeps (None: all), sorted by code: la_code, la_name, region, council_type,
    pathfinder_status (`pathfinders`' class label), coterminosity (`classes`' class as the map
    names it) with `health` (its label) and health_bodies (`classes`' health_names)."""
    rows = councils.sort_values("la_code")
    if kept is not None:
        rows = rows[rows["la_code"].isin(kept)]
    status = pathfinders.frame.set_index("la_code")["class_index"].map(
        dict(enumerate(pathfinders.labels))
    )
    by_code = classes.set_index("la_code")
    labels = {key: label for key, (label, _) in COTERMINOSITY_CLASSES.items()}
    return pd.DataFrame(
        {
            "la_code": rows["la_code"].to_numpy(),
            "la_name": rows["la_name"].to_numpy(),
            "region": rows["region_name"].to_numpy(),
            "council_type": rows["la_type"].to_numpy(),
            "pathfinder_status": rows["la_code"].map(status).to_numpy(),
            "coterminosity": rows["la_code"].map(by_code["class"].map(labels)).to_numpy(),
            "health": health,
            "health_bodies": rows["la_code"]
            .map(by_code["health_names"].str.replace(";", "; "))
            .to_numpy(),
        }
    )


def map_table(build: Build, view: View) -> pd.DataFrame:
    """The map's table twin, the councils the view's filters keep: la_code, la_name, vintage,
    region, council_type, pathfinder_status, coterminosity, health, health_bodies (see
    `council_rows`), map_class (the map's legend label); in indicator mode also indicator,
    period, value, unit; then source."""
    content = map_content(build, view)
    health = view.council_filter().health
    kept = kept_councils(build, view)
    rows = council_rows(
        council_table(build, view.vintage),
        pathfinder_colouring(vintage_pathfinders(build, view.vintage)),
        classify(build, health, la_vintage=view.vintage),
        health=health_label(health),
        kept=kept,
    )
    legend = content.colouring.frame.set_index("la_code")["class_index"].map(
        dict(enumerate(content.colouring.labels))
    )
    rows.insert(2, "vintage", view.vintage)
    rows["map_class"] = rows["la_code"].map(legend)
    if view.colour == "indicator":
        meta = indicator_meta(build, view.indicator)
        values = council_values(build, view.indicator, view.period, view.vintage)
        rows = rows.assign(
            indicator=meta["label"],
            period=view.period,
            value=rows["la_code"].map(values),
            unit=meta["unit"],
        )
    return rows.assign(source=content.source)


def kept_councils(build: Build, view: View) -> list[str] | None:
    """Codes of the councils the view's filters keep; None when no filter is set."""
    council_filter = view.council_filter()
    if not council_filter.active:
        return None
    return filter_councils(build, view.vintage, council_filter)
