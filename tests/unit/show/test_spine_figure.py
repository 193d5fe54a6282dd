"""The spine chart, its key, table twin and caption, on hand-made rows (no bundle)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from trustmap.show.spine_figure import (
    NOT_COMPARED_STYLE,
    england_on_scale,
    judgement_style,
    method_counts,
    spine_caption,
    spine_figure,
    spine_key,
    spine_positions,
    spine_table,
    wrap_words,
)


def spine_row(**values) -> dict:
    """One row as `profile.spine_rows` gives it; a proportion judged by Wilson by default."""
    return {
        "indicator_id": "x",
        "label": "A proportion",
        "period": "2025",
        "value": 60.0,
        "value_note": None,
        "england_value": 50.0,
        "england_basis": "source",
        "lowest": 30.0,
        "q25": 45.0,
        "median": 52.0,
        "q75": 55.0,
        "highest": 70.0,
        "n_councils": 150,
        "rank": 10,
        "method": "wilson",
        "judgement": "better",
        "judgement_998": "similar",
        "ci_low": 55.123,
        "ci_high": 64.9,
        "ci998_low": 49.0,
        "ci998_high": 68.0,
        "quartile": None,
        "reason": "Wilson score interval against England",
        "unit": "%",
        "decimals": 1,
        "polarity": "high",
        "themes": "early-years",
        "source": "DfE",
    } | values


def test_positions_put_england_at_the_centre_and_the_furthest_end_at_one():
    # England 50, furthest value 30 (20 away): 60 -> 0.5, 45 -> -0.25, 70 -> 1.0
    positions = spine_positions(pd.DataFrame([spine_row()])).iloc[0]
    assert positions.to_dict() == pytest.approx(
        {"x_value": 0.5, "x_lowest": -1.0, "x_q25": -0.25, "x_q75": 0.25, "x_highest": 1.0}
    )


def test_positions_put_the_better_end_right_when_low_is_good():
    positions = spine_positions(pd.DataFrame([spine_row(polarity="low")])).iloc[0]
    assert positions["x_value"] == pytest.approx(-0.5)  # 60 against 50 is worse: left
    assert positions["x_lowest"] == pytest.approx(1.0)


def test_england_total_off_scale_centres_on_the_median_council():
    # England's 16,000 is a sum of councils: the median council 100 is the centre instead
    row = spine_row(
        england_value=16_000.0,
        value=150.0,
        lowest=0.0,
        q25=80.0,
        median=100.0,
        q75=130.0,
        highest=300.0,
        polarity="none",
    )
    frame = pd.DataFrame([row])
    assert not england_on_scale(frame).iat[0]
    positions = spine_positions(frame).iloc[0]
    assert positions["x_value"] == pytest.approx(0.25)  # (150 - 100) / 200
    assert positions["x_highest"] == pytest.approx(1.0)
    assert positions["x_lowest"] == pytest.approx(-0.5)


def test_row_where_every_value_equals_england_stays_at_the_centre():
    row = spine_row(
        value=5.0, england_value=5.0, lowest=5.0, q25=5.0, median=5.0, q75=5.0, highest=5.0
    )
    assert spine_positions(pd.DataFrame([row])).iloc[0]["x_value"] == 0.0


def test_judgement_styles_keep_better_and_higher_apart():
    assert judgement_style("wilson", "high", "better").colour == "#0077BB"
    assert judgement_style("wilson", "low", "worse").colour == "#EE7733"
    assert judgement_style("quartile", "low", "best quarter").symbol == "diamond"
    # "upper middle" is a colour of good or of high depending on polarity
    assert (
        judgement_style("quartile", "high", "upper middle").name
        != judgement_style("quartile", "none", "upper middle").name
    )
    assert judgement_style("not compared", "high", "not compared") == NOT_COMPARED_STYLE


def test_figure_has_a_bar_label_and_marker_per_row():
    rows = pd.DataFrame(
        [
            spine_row(),
            spine_row(
                indicator_id="y",
                label="A quartile",
                method="quartile",
                judgement="worst quarter",
                polarity="low",
                quartile="D",
            ),
            spine_row(
                indicator_id="z",
                label="No figure",
                period=None,
                value=math.nan,
                method="not compared",
                judgement="not compared",
                reason="the source has no figure for this council",
            ),
        ]
    )
    figure = spine_figure(rows, council="Sutton", theme_label="Early years")
    ranges, quartiles, england, labels, values, *markers = figure.data
    # y counts pixels down: each row a 16 px label line, a 36 px bar block and a 10 px gap;
    # the bars at the middle of their blocks, the labels hanging from each row's top
    assert list(ranges.y) == [-34.0, -96.0, -158.0]
    assert list(labels.y) == [0.0, -62.0, -124.0]
    # England's line in one piece beside each bar, broken where the labels are
    assert list(england.y) == [-16.0, -52.0, None, -78.0, -114.0, None, -140.0, -176.0, None]
    assert list(labels.text) == ["A proportion · 2025", "A quartile · 2025", "No figure · no value"]
    assert list(values.text) == [
        "<b>60.0%</b><br>England 50.0%",
        "<b>60.0%</b><br>England 50.0%",
        "no value",
    ]
    assert [trace.name for trace in markers] == ["better than England (95%)", "worst quarter"]
    hover = markers[0].text[0]
    assert "95% CI 55.1% to 64.9%" in hover
    assert "by Wilson 95% interval against England" in hover and "(wilson)" not in hover
    assert "England 50.0% (the source's England figure)" in hover
    assert "worst quarter, by quartile among all councils" in markers[1].text[0]
    assert figure.layout.title.text == "Sutton against England: Early years"
    # gap, one title line, two subtitle lines, the axis labels, three rows (176 px), the foot
    assert figure.layout.height == 8 + 20 + 2 * 16 + 44 + 176 + 12
    assert list(figure.layout.yaxis.range) == [-176.0, 0]


def test_every_text_of_the_chart_is_at_least_12_px():
    figure = spine_figure(pd.DataFrame([spine_row()]), council="Sutton", theme_label="T")
    sizes = [t.textfont.size for t in figure.data if getattr(t, "mode", None) == "text"]
    sizes += [note.font.size for note in figure.layout.annotations]
    sizes += [figure.layout.title.font.size, figure.layout.title.subtitle.font.size]
    assert min(sizes) >= 12


def test_long_labels_wrap_whole_at_word_boundaries_and_rows_grow_to_fit():
    label = "Foundation Stage - % Achieving Good Level of Development - Other Ethnic"
    rows = pd.DataFrame([spine_row(label=label), spine_row(label="Short")])
    figure = spine_figure(rows, council="S", theme_label="T")
    lines = figure.data[3].text[0].split("<br>")
    # every word kept, none cut; a spaced dash stays with the word before it
    assert lines == [
        "Foundation Stage\u00a0- % Achieving Good Level of",
        "Development\u00a0- Other Ethnic · 2025",
    ]
    assert " ".join(lines).replace("\u00a0", " ") == f"{label} · 2025"
    assert all(len(line) <= 56 for line in lines)
    # the first row has two label lines: the second row starts 16 px lower than one line's
    assert list(figure.data[3].y) == [0.0, -(2 * 16 + 36 + 10)]


def test_wrap_breaks_between_words_only():
    text = "Proportion of children aged 2-2½yrs offered ASQ-3 in the 16-17 year olds group"
    lines = wrap_words(text, 20)
    assert " ".join(lines) == text
    assert set(" ".join(lines).split()) == set(text.split())  # no word split, even at a hyphen
    assert "2-2½yrs" in lines[1] or "2-2½yrs" in lines[2]


def test_every_value_carries_its_unit():
    rows = pd.DataFrame(
        [
            spine_row(
                label="Children and Young People Budget (excluding CERA) - Gross",
                unit="Spend",
                decimals=0,
                value=57_058_815.0,
                england_value=16_012_360_000.0,  # a total over England: off the councils' scale
                lowest=1e6,
                q25=3e7,
                median=4e7,
                q75=6e7,
                highest=3e8,
                polarity="none",
                method="quartile",
                judgement="lower middle",
            ),
            spine_row(unit="Rate per 10,000 of 0-17 population", value=62.5, england_value=70.0),
            spine_row(label="Pupils", unit="Number of pupils", decimals=0, value=252.0),
        ]
    )
    figure = spine_figure(rows, council="Sutton", theme_label="T")
    labels, values = figure.data[3], figure.data[4]
    assert list(values.text) == [
        "<b>£57,058,815</b>",
        "<b>62.5 per 10,000</b><br>England 70.0 per 10,000",
        "<b>252</b><br>England 50",
    ]
    # a unit no sign carries is said in words beside the label
    assert labels.text[2] == "Pupils · 2025 · Number of pupils"
    hovers = [text for trace in figure.data[5:] for text in trace.text]
    assert any("Sutton £57,058,815 (Spend)" in text for text in hovers)


def test_key_lists_the_styles_used_in_order():
    rows = pd.DataFrame(
        [
            spine_row(method="quartile", judgement="best quarter"),
            spine_row(judgement="worse"),
            spine_row(method="not compared", judgement="not compared"),
        ]
    )
    assert [style.name for style in spine_key(rows)] == [
        "worse than England (95%)",
        "best quarter",
        "not compared",
    ]


def test_table_rounds_to_each_indicators_decimals():
    rows = pd.DataFrame([spine_row(value=60.04, decimals=1), spine_row(value=2.0049, decimals=2)])
    table = spine_table(rows)
    assert table["value"].tolist() == [60.0, 2.0]
    assert "median" not in table and "decimals" not in table


def test_method_counts_and_caption():
    estimated = "no interval (the denominator is estimated, not published): quartile among 9"
    rows = pd.DataFrame(
        [
            spine_row(period="2024"),
            spine_row(method="quartile", period="2025"),
            spine_row(method="quartile", period="2025", reason=estimated),
            spine_row(method="not compared", judgement="not compared: a count"),
            spine_row(method="not compared", judgement="not compared: money"),
            spine_row(method="not compared", judgement="not compared", period=None),
        ]
    )
    assert method_counts(rows) == {
        "wilson": 1,
        "quartile": 2,
        "not judged": 2,
        "not compared": 1,
    }
    assert spine_caption(rows) == (
        "6 indicators, latest period of each (2024 to 2025): 1 judged by a Wilson 95% interval "
        "against England, 2 by quartile among councils (LAIT), 1 of them where no interval "
        "could be drawn, 2 counts or money shown but not judged, 1 not compared."
    )


def test_counts_and_money_are_drawn_as_squares_named_in_words():
    count = judgement_style("not compared", None, "not compared: a count")
    money = judgement_style("not compared", "high", "not compared: money")
    assert (count.name, count.symbol, money.name, money.symbol) == (
        "not compared: a count",
        "square",
        "not compared: money",
        "square",
    )
    rows = pd.DataFrame(
        [
            spine_row(method="not compared", judgement="not compared", value=math.nan),
            spine_row(method="not compared", judgement="not compared: money"),
            spine_row(method="not compared", judgement="not compared: a count"),
        ]
    )
    assert [style.name for style in spine_key(rows)] == [
        "not compared: a count",
        "not compared: money",
        "not compared",
    ]


def test_a_long_title_wraps_whole_and_moves_down_a_line_so_that_none_is_cut():
    figure = spine_figure(
        pd.DataFrame([spine_row()]),
        council="Westmorland and Furness",
        theme_label="Early intervention and early years",
    )
    title = figure.layout.title
    assert (
        title.text
        == "Westmorland and Furness against England:<br>Early intervention and early years"
    )
    # plotly anchors the first line: a second line moves the title down by one line's height
    assert title.y == pytest.approx(1 - (8 + 20) / figure.layout.height)
