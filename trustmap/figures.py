"""Plotly figures of trustmap's tables: pure functions of tidy frames, with no Dash import.

Maps take display polygons (EPSG:4326) as a GeoJSON dict and draw on MapLibre with the
`white-bg` style, so the browser fetches no tiles, fonts or sprites from anywhere.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely
from plotly.colors import qualitative, sample_colorscale

ENGLAND_CENTRE = {"lat": 53.0, "lon": -1.9}
ENGLAND_ZOOM = 5.3
MAP_HEIGHT_PX = 620
NO_DATA_COLOUR = "#d9d9d9"
OUTLINE_COLOUR = "#111111"
PATHFINDER_OUTLINE_WIDTH = 2.5
BORDER_COLOUR = "#ffffff"
CLASSES_K = 5
UNSELECTED_OPACITY = 0.45

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


def council_geojson(councils: gpd.GeoDataFrame) -> dict:
    """Councils of one vintage (EPSG:4326) as a FeatureCollection whose features carry only
    `la_code`, sorted by it: the map's `featureidkey` is `properties.la_code`."""
    if councils.crs is None or councils.crs.to_epsg() != 4326:
        raise ValueError(f"council polygons must be in EPSG:4326, not {councils.crs}")
    ordered = councils.sort_values("la_code")[["la_code", "geometry"]]
    return json.loads(ordered.to_json(drop_id=True))


def subset_geojson(geojson: dict, codes) -> dict:
    """The features of `geojson` whose la_code is in `codes`."""
    wanted = set(codes)
    features = [f for f in geojson["features"] if f["properties"]["la_code"] in wanted]
    return {"type": "FeatureCollection", "features": features}


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
    """From `coterminosity_table` (la_code, la_name, class, health_codes, ...)."""
    indexed = table.set_index("la_code")
    kind = indexed["class"].fillna("not_determined")
    detail = kind.map(lambda k: COTERMINOSITY_CLASSES[k][0]) + indexed["health_codes"].map(
        lambda codes: f": {codes.replace(';', ', ')}" if codes else ""
    )
    return _categorical(
        table, kind, detail, COTERMINOSITY_CLASSES, f"Coterminosity with {health_label}"
    )


def format_value(value: float) -> str:
    """A value at a precision that suits its size (ranks whole, shares to three places)."""
    if not math.isfinite(value):
        return "no value"
    if value == int(value) and abs(value) >= 1:
        return f"{int(value):,}"
    magnitude = abs(value)
    digits = 3 if magnitude < 10 else 2 if magnitude < 100 else 1 if magnitude < 10_000 else 0
    return f"{value:,.{digits}f}"


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


def stepped_colourscale(colours) -> list[list]:
    """A colourscale with one flat band per class, for integer z from 0 to len(colours) - 1."""
    n = len(colours)
    scale = []
    for position, colour in enumerate(colours):
        scale += [[position / n, colour], [(position + 1) / n, colour]]
    return scale


def colouring_properties(colouring: Colouring) -> dict:
    """The properties of the map's first trace that depend on the colouring only: what an
    indicator change sends to the browser (no geometry, no names: a vintage's councils and
    their order are fixed, see `council_map`)."""
    n = max(len(colouring.labels), 1)
    frame = colouring.frame
    return {
        "z": frame["class_index"].tolist(),
        "customdata": frame["detail"].tolist(),
        "hovertemplate": f"<b>%{{text}}</b><br>%{{customdata}}<extra>{colouring.unit}</extra>",
        "colorscale": stepped_colourscale(colouring.colours or (NO_DATA_COLOUR,)),
        "zmin": -0.5,
        "zmax": n - 0.5,
        "colorbar": {
            "title": {"text": _wrap(colouring.title, 28), "side": "top"},
            "tickvals": list(range(n)),
            "ticktext": list(colouring.labels),
            "x": 0.99,
            "xanchor": "right",
            "y": 0.9,
            "yanchor": "top",
            "len": min(0.09 * n + 0.12, 0.7),
            "thickness": 14,
            "bgcolor": "rgba(255,255,255,0.85)",
            "outlinewidth": 0,
        },
    }


def _wrap(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def selected_points(colouring: Colouring, highlighted) -> list[int] | None:
    """Positions of the highlighted councils (a selected one, or those a filter keeps) among
    the map's locations, for `selectedpoints`; None (nothing faded) when there are none."""
    if highlighted is None:
        return None
    positions = colouring.frame.index[colouring.frame["la_code"].isin(list(highlighted))]
    return [int(position) for position in positions] if len(positions) else None


def council_map(
    geojson: dict, colouring: Colouring, pathfinder_codes, highlighted=None
) -> go.Figure:
    """Choropleth of councils in classes, with the pathfinders drawn again on top as a thick
    dark outline so they stand out whatever the colouring; a selected council stays opaque
    while the others fade."""
    fill = go.Choroplethmap(
        geojson=geojson,
        featureidkey="properties.la_code",
        marker={"line": {"width": 0.6, "color": BORDER_COLOUR}},
        locations=colouring.frame["la_code"].tolist(),
        text=colouring.frame["la_name"].tolist(),
        name="councils",
        selectedpoints=selected_points(colouring, highlighted),
        selected={"marker": {"opacity": 1.0}},
        unselected={"marker": {"opacity": UNSELECTED_OPACITY}},
        **colouring_properties(colouring),
    )
    pathfinders = subset_geojson(geojson, pathfinder_codes)
    codes = [feature["properties"]["la_code"] for feature in pathfinders["features"]]
    outline = go.Choroplethmap(
        geojson=pathfinders,
        featureidkey="properties.la_code",
        locations=codes,
        z=[0] * len(codes),
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"width": PATHFINDER_OUTLINE_WIDTH, "color": OUTLINE_COLOUR}},
        hoverinfo="skip",
        name="2003 pathfinders (outline)",
    )
    figure = go.Figure([fill, outline])
    figure.update_layout(
        map={"style": "white-bg", "center": ENGLAND_CENTRE, "zoom": ENGLAND_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=MAP_HEIGHT_PX,
        clickmode="event",
        uirevision="england",
    )
    return figure


HEALTH_OUTLINE_COLOUR = "#E69F00"  # Okabe-Ito orange: distinct from every fill palette used


def health_geojson(health_areas: gpd.GeoDataFrame) -> dict:
    """Health areas (EPSG:4326) as a FeatureCollection keyed by `properties.health_code`."""
    if health_areas.crs is None or health_areas.crs.to_epsg() != 4326:
        raise ValueError(f"health polygons must be in EPSG:4326, not {health_areas.crs}")
    columns = ["health_code", "health_name", "geometry"]
    return json.loads(health_areas[columns].to_json(drop_id=True))


def health_outline(geojson: dict, label: str) -> go.Choroplethmap:
    """Health-area boundaries as an outline over the councils, with names on hover."""
    features = geojson["features"]
    return go.Choroplethmap(
        geojson=geojson,
        featureidkey="properties.health_code",
        locations=[f["properties"]["health_code"] for f in features],
        z=[0] * len(features),
        text=[f["properties"]["health_name"] for f in features],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker={"line": {"width": 1.6, "color": HEALTH_OUTLINE_COLOUR}},
        hovertemplate="%{text}<extra>" + label + "</extra>",
        name=label,
    )


SLIDE_TOLERANCE_M = 1000  # under a pixel: England is about 700 px tall on a 1600x900 slide


def slide_outlines(councils: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Council polygons of one vintage (EPSG:27700) simplified for a slide, shared edges kept."""
    simplified = shapely.coverage_simplify(councils.geometry.values, SLIDE_TOLERANCE_M)
    return gpd.GeoDataFrame(
        {"la_code": councils["la_code"].to_numpy()}, geometry=simplified, crs=councils.crs
    )


def _rings_xy(geometries) -> tuple[list, list]:
    """Every ring of (multi)polygons as x and y lists in whole metres, each ring closed by a
    None gap. Holes are rings too: plotly fills a trace's rings even-odd, so a county's hole
    stays open for the council inside it (Leicester in Leicestershire)."""
    xs, ys = [], []
    for geometry in geometries:
        for polygon in getattr(geometry, "geoms", [geometry]):
            for ring in (polygon.exterior, *polygon.interiors):
                x, y = ring.coords.xy
                xs += [*(round(value) for value in x), None]
                ys += [*(round(value) for value in y), None]
    return xs, ys


def static_council_map(
    councils: gpd.GeoDataFrame, colouring: Colouring, pathfinder_codes
) -> go.Figure:
    """A vector map for slides: councils (polygons in EPSG:27700, see `slide_outlines`) filled
    by class, pathfinders outlined, legend naming each class. No WebGL and no tiles, so it
    renders quickly and stays sharp in SVG and PDF."""
    if councils.crs is None or councils.crs.to_epsg() != 27700:
        raise ValueError(f"slide outlines must be in EPSG:27700, not {councils.crs}")
    projected = councils.set_index("la_code").geometry
    classes = colouring.frame.set_index("la_code")["class_index"]
    figure = go.Figure()
    for index, (label, colour) in enumerate(zip(colouring.labels, colouring.colours, strict=True)):
        xs, ys = _rings_xy(projected.reindex(classes.index[classes == index]).dropna())
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                fill="toself",
                fillcolor=colour,
                mode="lines",
                name=label,
                line={"color": BORDER_COLOUR, "width": 0.4},
                hoverinfo="skip",
            )
        )
    xs, ys = _rings_xy(projected.reindex(list(pathfinder_codes)).dropna())
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            name="2003 pathfinders (outline)",
            hoverinfo="skip",
            line={"color": OUTLINE_COLOUR, "width": PATHFINDER_OUTLINE_WIDTH},
        )
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, scaleanchor="x")
    figure.update_layout(
        plot_bgcolor="white",
        legend={"title": {"text": _wrap(colouring.title, 40)}},
    )
    return figure


def group_comparison_figure(values: pd.DataFrame, result: dict, unit: str = "") -> go.Figure:
    """Box plot with every council as a point, one box per group of `compare_indicator`'s
    result; `values` has la_name, value and group (the result's group labels)."""
    figure = go.Figure()
    for position, group in enumerate(result["groups"]):
        rows = values[values["group"] == group["group"]]
        figure.add_trace(
            go.Box(
                y=rows["value"],
                name=f"{group['group']} (n={group['n']})",
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker={"color": SAFE[1] if position == 0 else SAFE[0], "size": 5},
                line={"color": SAFE[4]},
                fillcolor="rgba(0,0,0,0)",
                text=rows["la_name"],
                hovertemplate="%{text}: %{y}<extra></extra>",
            )
        )
    figure.update_layout(
        showlegend=False,
        height=330,
        margin={"l": 60, "r": 10, "t": 10, "b": 40},
        yaxis_title=_wrap(unit, 40),
        plot_bgcolor="white",
    )
    figure.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    return figure


def comparison_sentence(result: dict) -> str:
    """'difference X (95% CI a to b), Welch p=...' for a `compare_indicator` result."""
    first, second = (group["group"] for group in result["groups"])
    level = round(100 * result["confidence"])
    return (
        f"{first} minus {second}: difference {format_value(result['diff'])} "
        f"({level}% CI {format_value(result['ci_low'])} to {format_value(result['ci_high'])}), "
        f"Welch p={result['p_welch']:.3g}"
    )
