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
    assert list(ranges.y) == [0.0, -1.0, -2.0]
    assert list(england.x) == [0, 0] and list(england.y) == [0.9, -2.5]
    assert list(labels.text) == ["A proportion · 2025", "A quartile · 2025", "No figure · no value"]
    assert list(values.text) == ["60.0 | Eng 50.0", "60.0 | Eng 50.0", ""]
    assert [trace.name for trace in markers] == ["better than England (95%)", "worst quarter"]
    assert "95% CI 55.1 to 64.9" in markers[0].text[0]
    assert figure.layout.title.text.startswith("Sutton against England: Early years")
    # gap, one title line, two subtitle lines, the axis labels, three rows, the foot
    assert figure.layout.height == 8 + 17 + 2 * 13 + 34 + 3 * 44 + 16


def test_long_labels_are_cut_in_the_middle_keeping_their_ends():
    label = "Foundation Stage - % Achieving Good Level of Development - Other Ethnic"
    figure = spine_figure(pd.DataFrame([spine_row(label=label)]), council="S", theme_label="T")
    shown = figure.data[3].text[0]
    # 52 characters less " · 2025": 29 from the start, "…", 15 from the end (its space dropped)
    assert shown == "Foundation Stage - % Achievin…- Other Ethnic · 2025"


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
    rows = pd.DataFrame(
        [
            spine_row(period="2024"),
            spine_row(method="quartile", period="2025"),
            spine_row(method="quartile", period="2025"),
            spine_row(method="not compared", period=None),
        ]
    )
    assert method_counts(rows) == {"wilson": 1, "quartile": 2, "not compared": 1}
    assert spine_caption(rows) == (
        "4 indicators, latest period of each (2024 to 2025): 1 judged by a Wilson 95% interval "
        "against England, 2 by quartile among councils (LAIT), 1 not compared."
    )
