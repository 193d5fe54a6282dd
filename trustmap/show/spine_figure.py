"""The spine chart of one council (Fingertips' area profile), its table twin and its caption:
pure functions of `profile.spine_rows`' frame.

Each indicator is one row. England's value sits at the centre; the bar spans every council of
the same period (lowest to highest, darker from the 25th to the 75th percentile); the council is
a marker coloured by its judgement. Rows are scaled as Fingertips scales them: the end further
from England reaches the edge, and the better end is on the right (the higher end where neither
direction is better). Colour says better or worse (blue or orange; purple where no direction is
better); the marker's shape says how it was judged: a circle for a Wilson interval against
England, a diamond for the council's quartile among all councils (LAIT's banding), the same
diamond where no interval could be drawn (the hover and the table say why), a square for a count
or money, shown but not judged.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trustmap.stats.formatting import wrap_html
from trustmap.stats.judgement import NO_INTERVAL
from trustmap.stats.readings import format_with_unit, round_to, unit_affixes
from trustmap.vocabulary import (
    ENGLAND_BASIS_LABELS,
    JUDGEMENT_METHOD_LABELS,
    NOT_JUDGED_LABELS,
)

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
    "wrap_words",
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
# A count or money is shown, never judged: keyed by its judgement (`vocabulary.NOT_JUDGED_LABELS`).
NOT_JUDGED_STYLES = {
    NOT_JUDGED_LABELS["count"]: JudgementStyle(NOT_JUDGED_LABELS["count"], "#FFFFFF", "square"),
    NOT_JUDGED_LABELS["money"]: JudgementStyle(NOT_JUDGED_LABELS["money"], "#D9D9D9", "square"),
}
NOT_JUDGED = "not judged"  # `method_counts`' key for counts and money
RANGE_COLOUR, QUARTILES_COLOUR, ENGLAND_COLOUR = "#E3E3E3", "#A6A6A6", "#000000"
# The y axis counts pixels down from the top of the rows, so each row is as tall as its
# wrapped label: its label lines, then a block holding the bar and the two-line values.
TEXT_PX, TITLE_PX, SUBTITLE_PX = 12, 15, 12
LINE_PX = 16  # one line of 12 px text
BAR_BLOCK_PX, BAR_PX, ROW_GAP_PX = 36, 14, 10
HEAD_GAP_PX, TITLE_LINE_PX, SUBTITLE_LINE_PX, AXIS_LABELS_PX = 8, 20, 16, 44  # above row 1
FOOT_PX = 12
# Labels wrap at word boundaries: 56 characters of 12 px fit the 370 px a phone leaves the
# chart, and read as a short paragraph above a bar 1,100 px wide.
LABEL_CHARS = 56
TITLE_CHARS = 44
SUBTITLE_CHARS = 64
NO_BREAK_SPACE = "\u00a0"  # textwrap breaks at ASCII whitespace only
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
    """The style of one row's judgement (`NOT_JUDGED_STYLES` for a count or money,
    `NOT_COMPARED_STYLE` for anything else not compared)."""
    key = (method, _better_direction(polarity), judgement)
    return JUDGEMENT_STYLES.get(key) or NOT_JUDGED_STYLES.get(judgement, NOT_COMPARED_STYLE)


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


def _unit(row: dict) -> str | None:
    return row["unit"] if isinstance(row["unit"], str) else None


def _shown(row: dict, column: str) -> str:
    """One value of `row` at its indicator's decimals, with its unit's sign ("-" if none)."""
    value = row[column]
    return format_with_unit(value if pd.notna(value) else None, int(row["decimals"]), _unit(row))


def wrap_words(text: str, chars: int) -> list[str]:
    """`text` in lines of at most `chars` characters, broken only between words (never inside
    one, nor after a hyphen: "2-2½" and "16-17" stay whole). A spaced dash keeps to the word
    before it (joined by a no-break space), so that no line starts with one."""
    glued = text.replace(" - ", NO_BREAK_SPACE + "- ")
    lines = textwrap.wrap(glued, chars, break_long_words=False, break_on_hyphens=False)
    return lines or [text]


def _hover(row: dict, council: str) -> str:
    basis = ENGLAND_BASIS_LABELS.get(row["england_basis"], row["england_basis"])
    style = judgement_style(row["method"], row["polarity"], row["judgement"])
    lines = [
        f"<b>{'<br>'.join(wrap_words(row['label'], TITLE_CHARS))}</b>",
        f"{row['period']}: {council} {_shown(row, 'value')}"
        + (f" ({row['unit']})" if _unit(row) and row["unit"].strip() != "%" else ""),
        f"England {_shown(row, 'england_value')} ({basis})"
        + ("" if row["on_scale"] else "; off scale: the bar is centred on the median council"),
        f"councils: {_shown(row, 'lowest')} to {_shown(row, 'highest')}, "
        f"middle half {_shown(row, 'q25')} to {_shown(row, 'q75')} "
        f"({row['n_councils']:.0f} councils)",
        style.name
        if row["method"] == NOT_COMPARED
        else f"{style.name}, by {JUDGEMENT_METHOD_LABELS.get(row['method'], row['method'])}",
    ]
    if row["method"] == WILSON:
        lines.append(
            f"95% CI {_shown(row, 'ci_low')} to {_shown(row, 'ci_high')}; "
            f"at 99.8%: {row['judgement_998']}"
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
        "width": BAR_PX,
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

    Each row: its whole label, period and (where no sign carries it) unit wrapped at word
    boundaries above the bar; the council's value and England's to the right, rounded to the
    indicator's `decimals`, each with its unit; the council's marker in `judgement_style`.
    The y axis counts pixels down from the first row, so rows with longer labels are taller and
    the figure's height is their sum; England's line is drawn beside the bars only.
    Traces and layout are plain dicts checked once, as the figure is made: building it trace by
    trace checked each again (30 ms against 10 ms a chart).
    """
    rows = rows.reset_index(drop=True).assign(on_scale=england_on_scale)
    labels = [
        _row_label(label, period, unit)
        for label, period, unit in zip(rows["label"], rows["period"], rows["unit"], strict=True)
    ]
    tops, bars, bottom = _row_layout([label.count("<br>") + 1 for label in labels])
    rows = rows.assign(y=bars)
    positions = spine_positions(rows)
    # One dict per row, made once: a frame's to_dict per marker style cost more than the rest.
    records = rows.to_dict("records")
    traces = [
        _bar(rows, positions["x_lowest"], positions["x_highest"], RANGE_COLOUR, "range"),
        _bar(rows, positions["x_q25"], positions["x_q75"], QUARTILES_COLOUR, "middle half"),
        _england_line(bars),
        _text("labels", -SPINE_EDGE, pd.Series(tops), labels, "bottom right", TEXT_PX),
        _text("values", X_RANGE[1], rows["y"], _value_column(records), "middle left", TEXT_PX),
    ]
    x = positions["x_value"]
    styles = np.array(_styles(rows), dtype=object)
    drawn = x.notna().to_numpy()
    for style in _in_key_order(set(styles[drawn])):
        marked = drawn & (styles == style)
        traces.append(
            {
                "type": "scatter",
                "x": x[marked],
                "y": rows["y"][marked],
                "mode": "markers",
                "name": style.name,
                "marker": {
                    "color": style.colour,
                    "symbol": style.symbol,
                    "size": 12,
                    "line": {"width": 1, "color": "#333333"},
                },
                "text": [
                    _hover(row, council)
                    for row, shown in zip(records, marked, strict=True)
                    if shown
                ],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    return go.Figure(data=traces, layout=_spine_layout(bottom, council, theme_label))


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
    return _in_key_order(set(_styles(rows)))


def _in_key_order(used: set[JudgementStyle]) -> list[JudgementStyle]:
    ordered = dict.fromkeys(
        [*JUDGEMENT_STYLES.values(), *NOT_JUDGED_STYLES.values(), NOT_COMPARED_STYLE]
    )
    return [style for style in ordered if style in used]


def _row_label(label: str, period, unit=None) -> str:
    """'Foundation Stage - Literacy · 2025' (a unit with no sign beside the value added in
    words: '· Number of 2 yr olds'), wrapped at word boundaries in `LABEL_CHARS`."""
    suffix = f" · {period}" if pd.notna(period) else " · no value"
    if isinstance(unit, str) and unit.strip() and unit_affixes(unit) == ("", ""):
        suffix += f" · {unit.strip()}"
    return "<br>".join(wrap_words(label + suffix, LABEL_CHARS))


def _row_layout(label_lines: list[int]) -> tuple[list[float], list[float], float]:
    """The top of each row's label, the centre of its bar, and the bottom of the last row, in
    pixels below the first row's top (as negative y)."""
    tops, bars, top = [], [], 0.0
    for lines in label_lines:
        tops.append(top)
        bars.append(top - lines * LINE_PX - BAR_BLOCK_PX / 2)
        top -= lines * LINE_PX + BAR_BLOCK_PX + ROW_GAP_PX
    return tops, bars, top + ROW_GAP_PX


def _england_line(bars: list[float]) -> dict:
    """England's line down the spine, one piece beside each bar so that it never crosses a
    label: a trace, not shapes, since a shape spanning the paper escapes the chart's scrolling
    box in Chromium's full-page captures."""
    half = BAR_BLOCK_PX / 2
    ys = [y for bar in bars for y in (bar + half, bar - half, None)]
    return {
        "type": "scatter",
        "x": [0 if y is not None else None for y in ys],
        "y": ys,
        "mode": "lines",
        "line": {"color": ENGLAND_COLOUR, "width": 1.5},
        "name": "England",
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _value_column(records: list[dict]) -> list[str]:
    """'<b>72.0%</b><br>England 70.5%' per row (`records`), each value with its unit; England
    left out where it is off scale; "no value" where the council has none."""
    texts = []
    for row in records:
        if pd.isna(row["value"]):
            texts.append("no value")
            continue
        england = f"<br>England {_shown(row, 'england_value')}" if row["on_scale"] else ""
        texts.append(f"<b>{_shown(row, 'value')}</b>{england}")
    return texts


def _spine_layout(bottom: float, council: str, theme_label: str) -> dict:
    title = "<br>".join(wrap_words(f"{council} against England: {theme_label}", TITLE_CHARS))
    subtitle = "<br>".join(
        wrap_words(
            "Bar: every council, lowest to highest (darker: the middle half). Line: England. "
            f"Right: {council}, then England.",
            SUBTITLE_CHARS,
        )
    )
    head = (
        HEAD_GAP_PX
        + TITLE_LINE_PX * (title.count("<br>") + 1)
        + SUBTITLE_LINE_PX * (subtitle.count("<br>") + 1)
        + AXIS_LABELS_PX
    )
    rows_px = max(-bottom, LINE_PX + BAR_BLOCK_PX)
    height = round(head + rows_px + FOOT_PX)
    # England above the two ends, so that the three fit a phone's width.
    ends = (
        (-SPINE_EDGE, "← worse / lower", "left", 0),
        (0, "England", "center", LINE_PX + 2),
        (SPINE_EDGE, "better / higher →", "right", 0),
    )
    return {
        "title": {
            "text": title,
            "subtitle": {"text": subtitle, "font": {"size": SUBTITLE_PX}},
            "font": {"size": TITLE_PX},
            "x": 0,
            "xanchor": "left",
            # plotly anchors a title's first line, so each further line moves it down by one
            "y": 1 - (HEAD_GAP_PX + TITLE_LINE_PX * title.count("<br>")) / height,
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
                "font": {"size": TEXT_PX},
            }
            for x, text, anchor, shift in ends
        ],
        "xaxis": {"range": X_RANGE, "visible": False, "fixedrange": True},
        "yaxis": {
            "visible": False,
            "range": [-rows_px, 0],
            "fixedrange": True,
            "showgrid": False,
        },
    }


def spine_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The chart's table twin: `SPINE_TABLE_COLUMNS`, values rounded to each indicator's
    decimals (the full-precision profile is the CSV download) and the method in words
    (`vocabulary.JUDGEMENT_METHOD_LABELS`)."""
    table = rows.copy()
    for column in ("value", "england_value", "lowest", "q25", "q75", "highest"):
        table[column] = [
            round_to(value, int(decimals))
            for value, decimals in zip(table[column], table["decimals"], strict=True)
        ]
    table["method"] = table["method"].map(JUDGEMENT_METHOD_LABELS).fillna(table["method"])
    return table[SPINE_TABLE_COLUMNS]


def method_counts(rows: pd.DataFrame) -> dict[str, int]:
    """How many rows each judgement method covers: wilson, quartile, not judged (counts and
    money), not compared (anything else; zeros kept)."""
    methods = rows["method"].where(~rows["judgement"].isin(NOT_JUDGED_STYLES), NOT_JUDGED)
    counts = methods.value_counts()
    return {
        method: int(counts.get(method, 0))
        for method in (WILSON, QUARTILE, NOT_JUDGED, NOT_COMPARED)
    }


def _no_interval_note(rows: pd.DataFrame) -> str:
    """', 2 of them where no interval could be drawn' (nothing where none)."""
    count = int(rows["reason"].fillna("").str.startswith(NO_INTERVAL).sum())
    return f", {count} of them where no interval could be drawn" if count else ""


def spine_caption(rows: pd.DataFrame) -> str:
    """'33 indicators, latest period of each (2024 to 2025): 2 judged by a Wilson 95% interval
    against England, 27 by quartile among councils (LAIT), 2 of them where no interval could be
    drawn, 3 counts or money shown but not judged, 1 not compared.'"""
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
        f"(LAIT){_no_interval_note(rows)}, {counts[NOT_JUDGED]} counts or money shown but not "
        f"judged, {counts[NOT_COMPARED]} not compared."
    )
