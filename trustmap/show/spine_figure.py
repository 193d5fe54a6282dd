"""The spine chart of one council (Fingertips' area profile), its table twin and its caption:
pure functions of `profile.spine_rows`' frame.

Each indicator is one row. England's value sits at the centre; the bar spans every council of
the same period (lowest to highest, darker from the 25th to the 75th percentile); the council is
a marker coloured by its judgement. Rows are scaled as Fingertips scales them: the end further
from England reaches the edge, and the better end is on the right (the higher end where neither
direction is better). Colour says better or worse (blue or orange; purple where no direction is
better); the marker's shape says how it was judged: a circle for a Wilson interval against
England, a diamond for the council's quartile among all councils (LAIT's banding).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trustmap.stats.formatting import wrap_html
from trustmap.stats.readings import format_number, round_to

__all__ = [
    "JUDGEMENT_STYLES",
    "SPINE_TABLE_COLUMNS",
    "JudgementStyle",
    "england_on_scale",
    "judgement_style",
    "method_counts",
    "spine_caption",
    "spine_figure",
    "spine_key",
    "spine_positions",
    "spine_table",
]


@dataclass(frozen=True)
class JudgementStyle:
    """How one judgement is drawn: its legend name, fill colour and marker symbol."""

    name: str
    colour: str
    symbol: str


WILSON, QUARTILE, NOT_COMPARED = "wilson", "quartile", "not compared"
BETTER, WORSE = "#0077BB", "#EE7733"  # Paul Tol's vibrant blue and orange: colour-blind safe
HIGHER, LOWER = "#5E3C99", "#B2ABD2"  # purple where no direction is better
# Keyed by (method, has a better direction, judgement as `trustmap.stats.judgement` words it).
JUDGEMENT_STYLES: dict[tuple[str, bool, str], JudgementStyle] = {
    (WILSON, True, "better"): JudgementStyle("better than England (95%)", BETTER, "circle"),
    (WILSON, True, "similar"): JudgementStyle("similar to England", "#BBBBBB", "circle"),
    (WILSON, True, "worse"): JudgementStyle("worse than England (95%)", WORSE, "circle"),
    (WILSON, False, "higher"): JudgementStyle("higher than England (95%)", HIGHER, "circle"),
    (WILSON, False, "similar"): JudgementStyle("similar to England", "#BBBBBB", "circle"),
    (WILSON, False, "lower"): JudgementStyle("lower than England (95%)", LOWER, "circle"),
    (QUARTILE, True, "best quarter"): JudgementStyle("best quarter", BETTER, "diamond"),
    (QUARTILE, True, "upper middle"): JudgementStyle("2nd quarter", "#99C8E6", "diamond"),
    (QUARTILE, True, "lower middle"): JudgementStyle("3rd quarter", "#F6BE9A", "diamond"),
    (QUARTILE, True, "worst quarter"): JudgementStyle("worst quarter", WORSE, "diamond"),
    (QUARTILE, False, "highest quarter"): JudgementStyle("highest quarter", HIGHER, "diamond"),
    (QUARTILE, False, "upper middle"): JudgementStyle("2nd highest quarter", "#8C7BBF", "diamond"),
    (QUARTILE, False, "lower middle"): JudgementStyle("2nd lowest quarter", LOWER, "diamond"),
    (QUARTILE, False, "lowest quarter"): JudgementStyle("lowest quarter", "#E7E3F2", "diamond"),
}
NOT_COMPARED_STYLE = JudgementStyle("not compared", "#FFFFFF", "circle-open")
RANGE_COLOUR, QUARTILES_COLOUR, ENGLAND_COLOUR = "#E3E3E3", "#A6A6A6", "#000000"
ROW_PX = 44  # a label line above each bar
HEAD_GAP_PX, TITLE_LINE_PX, SUBTITLE_LINE_PX, AXIS_LABELS_PX = 8, 17, 13, 34  # above row 1
FOOT_PX = 16
# Longer labels are cut (the whole label is in the hover and the table): 52 characters of 10 px
# fit the 290 px a phone leaves the chart.
LABEL_CHARS = 52
TITLE_CHARS = 42
BAR_WIDTH = 0.32
SPINE_EDGE = 1.0  # England at 0, the furthest value from England at -1 or 1
X_RANGE = [-1.06, 1.78]
SPINE_TABLE_COLUMNS = [
    "indicator_id",
    "label",
    "period",
    "value",
    "england_value",
    "unit",
    "lowest",
    "q25",
    "q75",
    "highest",
    "n_councils",
    "judgement",
    "method",
    "reason",
]


def _better_direction(polarity) -> bool:
    return polarity in ("high", "low")


def judgement_style(method: str, polarity: str | None, judgement: str) -> JudgementStyle:
    """The style of one row's judgement (`NOT_COMPARED_STYLE` for anything not compared)."""
    key = (method, _better_direction(polarity), judgement)
    return JUDGEMENT_STYLES.get(key, NOT_COMPARED_STYLE)


def england_on_scale(rows: pd.DataFrame) -> pd.Series:
    """True where England's value lies within the councils' range: elsewhere it is a total
    (a count or a spend summed over England), not a value a council could have."""
    england = rows["england_value"].astype(float)
    return england.between(rows["lowest"].astype(float), rows["highest"].astype(float))


def spine_positions(rows: pd.DataFrame) -> pd.DataFrame:
    """Each row's value, lowest, q25, q75 and highest on the spine's scale: the centre (England,
    or the median council where England is off scale, see `england_on_scale`) at 0, the value
    furthest from it at -1 or 1, the better end (the higher where `polarity` is none) at +1.
    Columns x_value, x_lowest, x_q25, x_q75, x_highest (NaN where missing); a row whose values
    all equal the centre stays at 0."""
    centre = rows["england_value"].astype(float).where(england_on_scale(rows), rows["median"])
    ends = rows[["value", "lowest", "q25", "q75", "highest"]].astype(float).sub(centre, axis=0)
    half_width = ends.abs().max(axis=1).replace(0.0, 1.0)
    sign = np.where(rows["polarity"] == "low", -1.0, 1.0)
    scaled = ends.div(half_width, axis=0).mul(sign, axis=0) * SPINE_EDGE
    return scaled.rename(columns=lambda name: f"x_{name}")


def _shown(value: float, decimals: int) -> str:
    return format_number(value, decimals) if pd.notna(value) else "-"


def _cut(text: str, chars: int) -> str:
    """`text` in at most `chars` characters, cut in the middle: labels that share a long
    beginning ("Foundation Stage - % Achieving Good Level of Development - Asian") differ at
    the end."""
    if len(text) <= chars:
        return text
    tail = chars // 3
    return text[: chars - tail - 1].rstrip() + "…" + text[-tail:].lstrip()


def _hover(row: dict, council: str) -> str:
    decimals = int(row["decimals"])
    unit = f" {row['unit']}" if isinstance(row["unit"], str) else ""
    lines = [
        f"<b>{wrap_html(row['label'], TITLE_CHARS)}</b>",
        f"{row['period']}: {council} {_shown(row['value'], decimals)}{unit}",
        f"England {_shown(row['england_value'], decimals)} ({row['england_basis']})"
        + ("" if row["on_scale"] else "; off scale: the bar is centred on the median council"),
        f"councils: {_shown(row['lowest'], decimals)} to {_shown(row['highest'], decimals)}, "
        f"middle half {_shown(row['q25'], decimals)} to {_shown(row['q75'], decimals)} "
        f"({row['n_councils']:.0f} councils)",
        f"{row['judgement']} ({row['method']})",
    ]
    if row["method"] == WILSON:
        lines.append(
            f"95% CI {_shown(row['ci_low'], decimals)} to {_shown(row['ci_high'], decimals)}; "
            f"99.8%: {row['judgement_998']}"
        )
    lines.append(wrap_html(row["reason"], TITLE_CHARS))
    return "<br>".join(lines)


def _bar(rows: pd.DataFrame, low: pd.Series, high: pd.Series, colour: str, name: str) -> dict:
    return {
        "type": "bar",
        "y": rows["y"],
        "x": (high - low).abs(),
        "base": np.minimum(low, high),
        "orientation": "h",
        "width": BAR_WIDTH,
        "marker": {"color": colour, "line": {"width": 0}},
        "name": name,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _text(name: str, x: float, y: pd.Series, text: list[str], position: str, size: int) -> dict:
    return {
        "type": "scatter",
        "name": name,
        "x": [x] * len(y),
        "y": y,
        "text": text,
        "mode": "text",
        "textposition": position,
        "textfont": {"size": size, "color": "#222222"},
        "hoverinfo": "skip",
        "showlegend": False,
        "cliponaxis": False,
    }


def spine_figure(rows: pd.DataFrame, *, council: str, theme_label: str) -> go.Figure:
    """The spine chart of `rows` (`profile.spine_rows`, first row on top) for `council`.

    Each row: its label and period above the bar, the council's value and England's to the
    right, rounded to the indicator's `decimals`; the council's marker in `judgement_style`.
    Traces and layout are plain dicts checked once, as the figure is made: building it trace by
    trace checked each again (30 ms against 10 ms a chart).
    """
    rows = rows.reset_index(drop=True).assign(
        y=lambda t: -t.index.to_numpy(dtype=float), on_scale=england_on_scale
    )
    positions = spine_positions(rows)
    labels = [
        _row_label(label, period)
        for label, period in zip(rows["label"], rows["period"], strict=True)
    ]
    traces = [
        _bar(rows, positions["x_lowest"], positions["x_highest"], RANGE_COLOUR, "range"),
        _bar(rows, positions["x_q25"], positions["x_q75"], QUARTILES_COLOUR, "middle half"),
        _england_line(len(rows)),
        _text("labels", -SPINE_EDGE, rows["y"] + 0.45, labels, "middle right", 10),
        _text("values", X_RANGE[1], rows["y"], _value_column(rows), "middle left", 10),
    ]
    drawn = rows.assign(style=_styles(rows), x=positions["x_value"])[positions["x_value"].notna()]
    for style in spine_key(drawn):
        marked = drawn[drawn["style"] == style]
        traces.append(
            {
                "type": "scatter",
                "x": marked["x"],
                "y": marked["y"],
                "mode": "markers",
                "name": style.name,
                "marker": {
                    "color": style.colour,
                    "symbol": style.symbol,
                    "size": 11,
                    "line": {"width": 1, "color": "#333333"},
                },
                "text": [_hover(row, council) for row in marked.to_dict("records")],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    return go.Figure(data=traces, layout=_spine_layout(len(rows), council, theme_label))


def _styles(rows: pd.DataFrame) -> list[JudgementStyle]:
    return [
        judgement_style(method, polarity, judgement)
        for method, polarity, judgement in zip(
            rows["method"], rows["polarity"], rows["judgement"], strict=True
        )
    ]


def spine_key(rows: pd.DataFrame) -> list[JudgementStyle]:
    """The judgement styles `rows` use, in `JUDGEMENT_STYLES` order (not compared last): the
    chart's key, drawn beside it so that it wraps with the page."""
    used = set(_styles(rows))
    ordered = dict.fromkeys([*JUDGEMENT_STYLES.values(), NOT_COMPARED_STYLE])
    return [style for style in ordered if style in used]


def _row_label(label: str, period) -> str:
    """'Foundation Stage - Literacy · 2025', cut to `LABEL_CHARS` (the period kept whole)."""
    suffix = f" · {period}" if pd.notna(period) else " · no value"
    return _cut(label, LABEL_CHARS - len(suffix)) + suffix


def _england_line(n_rows: int) -> dict:
    """England's line down the spine: a trace, not a shape, since a shape spanning the paper
    escapes the chart's scrolling box in Chromium's full-page captures."""
    return {
        "type": "scatter",
        "x": [0, 0],
        "y": [0.9, -(n_rows - 1) - 0.5],
        "mode": "lines",
        "line": {"color": ENGLAND_COLOUR, "width": 1.5},
        "name": "England",
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _value_column(rows: pd.DataFrame) -> list[str]:
    """'72.0 | Eng 70.5' per row, England left out where it is off scale."""
    texts = []
    for row in rows.itertuples():
        decimals = int(row.decimals)
        england = f" | Eng {_shown(row.england_value, decimals)}" if row.on_scale else ""
        texts.append(f"{_shown(row.value, decimals)}{england}" if pd.notna(row.value) else "")
    return texts


def _spine_layout(n_rows: int, council: str, theme_label: str) -> dict:
    title = wrap_html(f"{council} against England: {theme_label}", TITLE_CHARS)
    subtitle = wrap_html(
        f"Bar: every council, lowest to highest (darker: the middle half). Right: {council} "
        "| England.",
        TITLE_CHARS + 10,
    )
    head = (
        HEAD_GAP_PX
        + TITLE_LINE_PX * (title.count("<br>") + 1)
        + SUBTITLE_LINE_PX * (subtitle.count("<br>") + 1)
        + AXIS_LABELS_PX
    )
    height = head + max(n_rows, 1) * ROW_PX + FOOT_PX
    # England above the two ends, so that the three fit a phone's width.
    ends = (
        (-SPINE_EDGE, "← worse / lower", "left", 0),
        (0, "England", "center", 14),
        (SPINE_EDGE, "better / higher →", "right", 0),
    )
    return {
        "title": {
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": 10}},
            "font": {"size": 13},
            "x": 0,
            "xanchor": "left",
            "y": 1 - HEAD_GAP_PX / height,
            "yanchor": "top",
        },
        "height": height,
        "margin": {"l": 8, "r": 8, "t": head, "b": FOOT_PX, "autoexpand": False},
        "barmode": "overlay",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "showlegend": False,
        "annotations": [
            {
                "x": x,
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "xanchor": anchor,
                "yshift": shift,
                "text": text,
                "showarrow": False,
                "font": {"size": 10},
            }
            for x, text, anchor, shift in ends
        ],
        "xaxis": {"range": X_RANGE, "visible": False, "fixedrange": True},
        "yaxis": {
            "visible": False,
            "range": [-(n_rows - 1) - 0.5, 0.9],
            "fixedrange": True,
            "showgrid": False,
        },
    }


def spine_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: `SPINE_TABLE_COLUMNS`, values rounded to each indicator's
    decimals (the full-precision profile is the CSV download)."""
    table = rows.copy()
    for column in ("value", "england_value", "lowest", "q25", "q75", "highest"):
        table[column] = [
            round_to(value, int(decimals))
            for value, decimals in zip(table[column], table["decimals"], strict=True)
        ]
    return table[SPINE_TABLE_COLUMNS]


def method_counts(rows: pd.DataFrame) -> dict[str, int]:
    """How many rows each judgement method covers: wilson, quartile, not compared (zeros kept)."""
    counts = rows["method"].value_counts()
    return {method: int(counts.get(method, 0)) for method in (WILSON, QUARTILE, NOT_COMPARED)}


def spine_caption(rows: pd.DataFrame) -> str:
    """'33 indicators, latest period of each (2024 to 2025): 2 judged by a Wilson interval
    against England, 31 by quartile among councils (LAIT), 0 not compared.'"""
    counts = method_counts(rows)
    periods = rows["period"].dropna().astype(str)
    span = (
        ""
        if periods.empty
        else f" ({periods.min()})"
        if periods.min() == periods.max()
        else f" ({periods.min()} to {periods.max()})"
    )
    return (
        f"{len(rows)} indicators, latest period of each{span}: {counts[WILSON]} judged by a "
        f"Wilson 95% interval against England, {counts[QUARTILE]} by quartile among councils "
        f"(LAIT), {counts[NOT_COMPARED]} not compared."
    )
