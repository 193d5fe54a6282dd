"""One council's coterminosity through time as a compact strip: one cell per health vintage
(2006-2024), coloured by class in the map's coterminosity colours, the bodies named on hover and
in the table twin.

The strip has two rows: the local commissioner (PCT, CCG, then sub-ICB location) and, from July
2022, the integrated care board above it, so that each column is one year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trustmap.bundle import health_vintages
from trustmap.bundle.build import Build
from trustmap.bundle.sources import citation, manifest
from trustmap.model import health_classes
from trustmap.show.colouring import COTERMINOSITY_CLASSES
from trustmap.stats.formatting import wrap_html
from trustmap.vocabulary import AREA_CHANGED_LABEL, COTERMINOSITY_METHOD_LABELS

__all__ = [
    "STRIP_CLASSES",
    "STRIP_COLUMNS",
    "council_strip",
    "strip_figure",
    "strip_source",
    "strip_table",
]

# The map's classes and colours, plus the council whose ground was then covered differently.
STRIP_CLASSES = {
    **COTERMINOSITY_CLASSES,
    health_classes.AREA_CHANGED: (AREA_CHANGED_LABEL, "#FFFFFF"),
}
ICB_KIND = "ICB"
ROWS = {"local": "Commissioner", "icb": "Integrated<br>care board"}  # the table's words
STRIP_COLUMNS = [
    "health",
    "label",
    "date",
    "year",
    "row",
    "class",
    "class_label",
    "bodies",
    "share_of_la_max",
    "method",
    "note",
    "publisher",
    "source",
]
CELL_WIDTH = 0.9
# Below the title: the cells, the years (turned upright by plotly where a phone leaves them too
# little room), then the key, one line per class at most (a phone's).
CELLS_PX, YEARS_PX, KEY_LINE_PX = 110, 44, 22
TEXT_PX, TITLE_PX = 12, 15
TITLE_LINE_PX = 20
# 44 characters of 15 px fit the 370 px a phone leaves the chart (the longest council names
# wrap; nothing is cut).
TITLE_CHARS = 44
HOVER_CHARS = 60


def strip_table(timeline: pd.DataFrame, vintages: pd.DataFrame) -> pd.DataFrame:
    """One council's `health_classes.timeline` rows, oldest first, as the strip's cells:
    `STRIP_COLUMNS`. `vintages` has id, label, publisher and source (each health vintage's
    publishers and citation, '; '-joined).
    label is the health vintage as people name it, year its year in force, row `local` or
    `icb`, class_label the map's words for the class, bodies the names joined by ", ", method
    how the class was found, in words."""
    facts = vintages.set_index("id")
    table = timeline.sort_values("date", kind="stable").reset_index(drop=True)
    labels = table["health"].map(facts["label"])
    return pd.DataFrame(
        {
            "health": table["health"],
            "label": labels,
            "date": table["date"].astype(str),
            "year": table["date"].astype(str).str[:4],
            "row": (table["kind"] == ICB_KIND).map({True: "icb", False: "local"}),
            "class": table["class"],
            "class_label": table["class"].map(lambda name: STRIP_CLASSES[name][0]),
            "bodies": table["bodies"].str.replace(";", ", "),
            "share_of_la_max": table["share_of_la_max"],
            "method": table["method"].map(COTERMINOSITY_METHOD_LABELS).fillna(table["method"]),
            "note": table["note"],
            "publisher": table["health"].map(facts["publisher"]),
            "source": table["health"].map(facts["source"]),
        }
    )


def _hover(row: dict) -> str:
    lines = [f"<b>{row['label']}</b>: {row['class_label']}"]
    if row["bodies"]:
        lines.append(wrap_html(row["bodies"], HOVER_CHARS))
    if pd.notna(row["share_of_la_max"]):
        lines.append(f"{row['share_of_la_max']:.0%} of the council in its largest body")
    if row["note"]:
        lines.append(wrap_html(row["note"], HOVER_CHARS))
    lines.append(f"found by {row['method']}")
    return "<br>".join(lines)


def _cells(table: pd.DataFrame, chosen: np.ndarray, name: str, marker: dict) -> dict:
    """A bar trace of the `chosen` cells of `table`, one square per cell in its year's column
    and row."""
    return {
        "type": "bar",
        "x": table["year"][chosen],
        "y": [CELL_WIDTH] * int(chosen.sum()),
        "base": table["row"][chosen].map({"local": 0, "icb": 1}),
        "width": CELL_WIDTH,
        "name": name,
        "marker": marker,
    }


def strip_figure(table: pd.DataFrame, *, council: str, selected: str | None = None) -> go.Figure:
    """The strip of `strip_table`'s frame: a column per year, the local body below the ICB,
    a trace per class; the cell of health vintage `selected` (the map's) outlined in black by
    a last, unfilled trace. Traces and layout are plain dicts checked once, as the figure is
    made."""
    years = list(dict.fromkeys(table["year"]))
    records = table.to_dict("records")
    traces = []
    for name, (label, colour) in STRIP_CLASSES.items():
        chosen = (table["class"] == name).to_numpy()
        if not chosen.any():
            continue
        marker = {
            "color": colour,
            "line": {"color": "#777777", "width": 0.5},
            "pattern": {"shape": "/" if name == health_classes.AREA_CHANGED else ""},
        }
        hover = [_hover(row) for row, shown in zip(records, chosen, strict=True) if shown]
        cells = _cells(table, chosen, label, marker)
        traces.append(cells | {"hovertext": hover, "hoverinfo": "text"})
    outline = {"color": "rgba(0,0,0,0)", "line": {"color": "#000000", "width": 3}}
    on_map = (table["health"] == selected).to_numpy()
    traces.append(
        _cells(table, on_map, "the map's NHS geography", outline)
        | {"hoverinfo": "skip", "showlegend": False}
    )
    title = wrap_html(
        f"{council}: coterminosity with its NHS bodies, {years[0]}-{years[-1]}", TITLE_CHARS
    )
    title_px = TITLE_LINE_PX * (title.count("<br>") + 1)
    key_px = KEY_LINE_PX * (len(traces) - 1) + 8
    layout = {
        "title": {"text": title, "font": {"size": TITLE_PX}, "x": 0, "xanchor": "left"},
        "barmode": "overlay",
        "height": title_px + 14 + CELLS_PX + YEARS_PX + key_px,
        "margin": {"l": 8, "r": 8, "t": title_px + 14, "b": YEARS_PX + key_px},
        "plot_bgcolor": "white",
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": -YEARS_PX / CELLS_PX,  # just below the years; a phone's lines run on below
            "yanchor": "top",
            "font": {"size": TEXT_PX},
        },
        "hoverlabel": {"align": "left", "font": {"size": TEXT_PX}},
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": years,
            "tickfont": {"size": TEXT_PX},
            "fixedrange": True,
        },
        "yaxis": {
            "range": [-0.05, 2.0],
            "tickvals": [CELL_WIDTH / 2, 1 + CELL_WIDTH / 2],
            "ticktext": [ROWS["local"], ROWS["icb"]],
            "tickfont": {"size": TEXT_PX},
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
    }
    return go.Figure(data=traces, layout=layout)


def strip_source(table: pd.DataFrame) -> str:
    """The strip's source line: its publishers and span (each vintage's file is in the table)."""
    publishers = dict.fromkeys(name for names in table["publisher"] for name in names.split("; "))
    return (
        f"Source: {'; '.join(publishers)}: {table['label'].iat[0]} to {table['label'].iat[-1]} "
        f"({table['health'].nunique()} NHS geographies; each one's file in the table). "
        "Classes computed by trustmap. Open Government Licence v3.0."
    )


def council_strip(build: Build, area: str, la_vintage: str) -> pd.DataFrame:
    """`strip_table` of council `area` of `la_vintage`, followed through every health
    vintage by its 2016 districts, with each vintage's files and citation."""
    timeline = health_classes.timeline(build, area=area, la_vintage=la_vintage)
    # The same for every council; the project's tables it reads are part of the build's key.
    return strip_table(timeline, build.memo(("cited_health_vintages",), _cited_vintages))


def _cited_vintages() -> pd.DataFrame:
    """The health vintages with their label, publishers and citation (`strip_table`'s)."""
    vintages = health_vintages.health_vintages()
    files = vintages.apply(health_vintages.source_files, axis=1)
    publishers = manifest()["publisher"]
    return vintages.assign(
        label=vintages["id"].map(health_vintages.health_label),
        publisher=files.map(lambda names: "; ".join(dict.fromkeys(publishers[names]))),
        source=files.map(lambda names: "; ".join(citation(name) for name in names)),
    )
