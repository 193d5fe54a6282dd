"""The council panel's callbacks, called as Dash calls them, on the real bundle."""

from __future__ import annotations

import pytest
from dash import html

from callbacks.council import (
    children_section,
    detail_children,
    download_profile,
    neighbours_children,
    nhs_bodies_children,
    spine_outputs,
    timeline_outputs,
    update_detail,
    update_spine,
)
from layouts import ids
from tests.support.figures import plain_figure

pytestmark = pytest.mark.bundle  # the real app on the real data bundle

VIEW_2019 = {"vintage": "2019", "indicator": "lait-fsp-new-gooddev", "period": "2025"}


def test_detail_names_the_council_and_its_status():
    text = str(detail_children("E09000029", "2019", "ccg2019"))
    assert "Sutton" in text
    assert "2003 children's trust pathfinder" in text
    assert "coterminous: NHS Sutton CCG" in text


def test_council_of_another_vintage_is_explained_and_its_sections_hidden():
    # Buckinghamshire's unitary code, from 2020
    outputs = update_detail("E06000060", VIEW_2019)
    assert "Buckinghamshire (E06000060) is not one of the councils as in 2019" in str(
        outputs["detail"]
    )
    assert outputs["sections"] == {"display": "none"}
    assert update_detail("E09000029", VIEW_2019)["sections"] == {"display": "block"}


def test_unknown_area_says_so_and_hides_the_sections():
    outputs = update_detail("E99999999", VIEW_2019)
    assert "Unknown council code 'E99999999'" in str(outputs["detail"])
    assert outputs["sections"] == {"display": "none"}


def test_timeline_strip_of_sutton_shows_the_london_merger():
    outputs = timeline_outputs("E09000029", "2019", "ccg2019")
    rows = {row["health"]: row for row in outputs["csv"]["rows"]}
    assert len(rows) == 15  # PCT 2006 to ICB April 2024
    assert rows["ccg2019"]["class"] == "coterminous"
    assert rows["ccg2019"]["bodies"] == "NHS Sutton CCG"
    assert rows["ccg2020"]["class"] == "health_spans_several"
    assert rows["ccg2020"]["bodies"] == "NHS South West London CCG"
    assert rows["pct2006"]["bodies"] == "Sutton and Merton PCT"
    figure = plain_figure(outputs["figure"])
    *classes, outline = figure.data
    assert [trace.name for trace in classes] == [
        "coterminous",
        "health area spans several councils",
    ]
    assert list(outline.x) == ["2019"]  # only the view's CCG April 2019 cell
    assert outputs["style"] == {"height": f"{figure.layout.height}px"}
    assert outputs["source"].startswith("Source: ")
    assert "PCT October 2006 to ICB April 2024" in outputs["source"]


def test_spine_of_sutton_early_years_judges_every_row():
    outputs = spine_outputs("E09000029", "early-years")
    rows = outputs["csv"]["rows"]
    assert len(rows) == 33
    # The table twin's columns, written out (not read from SPINE_TABLE_COLUMNS): each row's
    # indicator, its period, the council's and England's values and unit, the spread of the
    # councils' values (the spine chart's bar: lowest, quartiles, highest, how many), then the
    # judgement, its method and the reason when it is not compared.
    assert list(rows[0]) == [
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
    assert rows[0]["indicator_id"].startswith("lait-")  # children's indicators first
    methods = [row["method"] for row in rows]
    # No interval: the funded early education shares' denominators are DfE's estimates; the
    # counts of children and the spending are shown, not judged.
    assert methods.count("Wilson 95% interval against England") == 0
    assert methods.count("quartile among all councils (LAIT's banding)") == 27
    judgements = [row["judgement"] for row in rows]
    assert (judgements.count("not compared: a count"), judgements.count("not compared: money")) == (
        2,
        4,
    )
    gooddev = next(row for row in rows if row["indicator_id"] == "lait-fsp-new-gooddev")
    assert (gooddev["period"], gooddev["value"], gooddev["england_value"]) == ("2025", 69.5, 68.3)
    assert gooddev["judgement"] == "upper middle"
    assert outputs["caption"].startswith("33 indicators, latest period of each (2024 to 2025)")
    assert "Local Authority Interactive Tool" in outputs["source"]
    assert len(plain_figure(outputs["figure"]).data[0].y) == 33  # one range bar per row


def test_spine_callback_ignores_an_unknown_theme():
    outputs = update_spine("E09000029", "<script>")
    assert outputs["csv"]["rows"] == [] and outputs["caption"] == ""


def test_neighbours_of_sutton_named_with_lait_average():
    text = str(neighbours_children("E09000029", "lait-fsp-new-gooddev", "2025", "2025"))
    for name in ("Merton", "Hertfordshire", "Kingston upon Thames", "Buckinghamshire"):
        assert name in text
    # Sutton 69.5; the mean of its ten 2025 neighbours' values is 70.29
    assert "Sutton: 69.5; its neighbours' mean 70.3 (10 of 10 with a value)" in text
    assert "0.8 percentage points lower (worse) than its neighbours' mean" in text
    older = str(neighbours_children("E09000029", "lait-fsp-new-gooddev", "2025", "2021"))
    assert "Bromley" in older and "Merton" not in older


def test_council_missing_from_the_neighbour_lists_is_explained():
    text = str(neighbours_children("PRE2009-BEDS", "iod2019-imd-average-score", "2019", "2025"))
    assert "not in DfE's May 2025 statistical neighbour list" in text


def test_children_section_counts_and_names_its_source():
    text = str(children_section("E09000029", "2019"))
    assert "43,300" in text
    assert "SFR27/2010" in text
    bedfordshire = str(children_section("PRE2009-BEDS", "2004"))
    assert "Not available for this council vintage" in bedfordshire


def test_full_profile_downloads_with_name_code_and_method():
    sent = download_profile(1, "E09000029")
    assert sent["filename"] == "trustmap_profile_sutton.csv"
    lines = sent["content"].splitlines()
    assert lines[0].startswith("la_code,la_name,indicator_id,label,period,value")
    assert {"judgement", "method", "england_value"} <= set(lines[0].split(","))
    assert len(lines) == 1 + 540
    assert all(line.startswith("E09000029,Sutton,") for line in lines[1:])


def test_spine_of_a_council_without_counts_falls_back_without_failing():
    # Cumbria (abolished 2023): DfE's 2025 rows carry "-" and no count, so no denominator
    spine = spine_outputs("E10000006", "early-years")["csv"]["rows"]
    rows = {row["indicator_id"]: row for row in spine}
    assert len(rows) == 33
    two_year_olds = rows["lait-pct-2yr-olds"]
    assert (two_year_olds["period"], two_year_olds["method"]) == ("2025", "not compared")
    assert two_year_olds["reason"] == "no value for this council (source note: -)"


def cell_text(cell) -> str:
    """The words of a table cell as a person reads them (line breaks as spaces)."""
    children = cell.children if isinstance(cell.children, list) else [cell.children]
    return " ".join(
        child if isinstance(child, str) else cell_text(child)
        for child in children
        if child is not None and getattr(child, "children", "") is not None
    ).strip()


def nhs_bodies_table(children: list):
    """The table of NHS bodies, wherever in the section it stands."""
    (table,) = [
        node
        for node in html.Div(children)._traverse()
        if getattr(node, "id", None) == ids.NHS_BODIES_TABLE
    ]
    return table


def test_nhs_bodies_of_sheffield_name_each_body_its_type_and_class_in_words():
    children = nhs_bodies_children("E08000019", "2023", "sicbl2024")
    table = nhs_bodies_table(children)
    groups, head = table.children[0].children
    assert [cell_text(th) for th in head.children] == [
        "Year",
        "Commissioner",
        "Its type",
        "Class",
        "Share of the council in the largest body",
        "Integrated care board",
        "Class",
    ]
    assert {th.scope for th in head.children} == {"col"}
    assert [th.scope for th in groups.children[1:]] == ["colgroup", "colgroup"]
    rows = {
        cell_text(tr.children[0]): [cell_text(td) for td in tr.children]
        for tr in table.children[1].children
    }
    assert rows["April 2024 on the map"] == [
        "April 2024 on the map",
        "NHS South Yorkshire ICB - 03N",
        "sub-ICB location (part of an integrated care board)",
        "coterminous",
        "100%",
        "NHS South Yorkshire Integrated Care Board",
        "health area spans several councils",
    ]
    assert rows["April 2019"][1:5] == [
        "NHS Sheffield CCG",
        "clinical commissioning group",
        "coterminous",
        "100%",
    ]
    assert rows["April 2019"][5] == "none yet"
    pct = rows["October 2006"]
    assert pct[1].startswith("not known: the bundle has the member areas of only 44 of the 152")
    assert pct[3:5] == ["not determined", "not known"]
    text = str(children)
    assert "NHS South Yorkshire ICB - 03N took over from NHS Sheffield CCG in July 2022" in text
    assert "sub-ICB location April 2024" in text  # the map's geography, named
    for code in ("la_contains_several", "health_spans_several", "pct_members", "membership:"):
        assert code not in text


def test_nhs_bodies_of_sutton_mark_the_maps_ccg_and_show_the_london_merger():
    children = nhs_bodies_children("E09000029", "2019", "ccg2019")
    table = nhs_bodies_table(children)
    body = table.children[1].children
    marked = [cell_text(tr.children[0]) for tr in body if tr.className == "table-active"]
    assert marked == ["April 2019 on the map"]
    rows = {cell_text(tr.children[0]): [cell_text(td) for td in tr.children] for tr in body}
    assert rows["April 2020"][1] == "NHS South West London CCG"
    assert rows["April 2020"][3] == "health area spans several councils"
    assert rows["October 2006"][1:5] == [
        "Sutton and Merton PCT",
        "primary care trust",
        "health area spans several councils",
        "100%",
    ]
