"""The about page reads as prose for a reader: every class defined, every source named, no field
name, file name or build key on it, its picture described, its headings in order; and the
picture's colours are the map's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dash import html
from dash.development.base_component import Component

from layouts import about
from trustmap.analysis import provenance
from trustmap.bundle import sources
from trustmap.model.coterminosity import DEFAULT_SLIVER_SHARE
from trustmap.model.health_classes import COMPLETE_COVER_SHARE, NOT_DETERMINED
from trustmap.show.colouring import COTERMINOSITY_COLOURS, HEALTH_OUTLINE_COLOUR
from trustmap.vocabulary import (
    COTERMINOSITY_CLASS_DEFINITIONS,
    COTERMINOSITY_CLASS_LABELS,
    sentence_case,
)

ASSETS = Path(__file__).resolve().parents[2] / "assets"
SNAKE_CASE = re.compile(r"\b\w+_\w+\b")  # field names, also with digits (ltla16_members)
# A file's extension: letters only, so that decimals ("0.05", "v3.0") and the DOI's digits pass.
EXTENSION = re.compile(r"\.[A-Za-z]{2,4}\b|\.(geojson|topojson|parquet)\b", re.IGNORECASE)
BUILD_KEY = re.compile(r"\b[a-z]+\d{4}\b")  # ccg2019, pct2006, sicbl2022


def walk(component):
    """Every component and string under `component`, depth first, in page order."""
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
        return
    yield component
    # not `children or []`: a component without children of its own has length 0
    children = getattr(component, "children", None) if isinstance(component, Component) else None
    if children is not None:
        yield from walk(children)


def page_text(page) -> str:
    """The words a reader sees, and the picture's alternative text."""
    parts = []
    for node in walk(page):
        if isinstance(node, (str, int, float)):
            parts.append(str(node))
        elif isinstance(node, html.Img):
            parts.append(node.alt)
    return re.sub(r"\s+", " ", " ".join(parts))


@pytest.fixture(scope="module")
def page(build):
    return about.layout(build)


@pytest.fixture(scope="module")
def text(page):
    return page_text(page)


@pytest.mark.bundle
def test_the_page_opens_with_its_title(page):
    first = next(node for node in walk(page) if isinstance(node, html.H1))
    assert first.children == "About the data and methods"


@pytest.mark.bundle
def test_every_class_is_defined_in_the_vocabulary_s_words(text):
    for key, definition in COTERMINOSITY_CLASS_DEFINITIONS.items():
        assert sentence_case(COTERMINOSITY_CLASS_LABELS[key]) in text
        assert definition in text


@pytest.mark.bundle
def test_every_source_is_named_with_its_publisher_and_edition(build, text):
    for source in provenance.sources_in_words(build):
        assert source.name in text
        assert f"Publisher: {source.publisher}. Edition: {source.edition}." in text
    for citation in ("Bachmann M, Reading R", "Bachmann MO, O'Brien M", "Community Care"):
        assert citation in text


@pytest.mark.bundle
def test_no_field_name_file_name_or_build_key_reaches_the_reader(build, text):
    assert SNAKE_CASE.findall(text) == []
    assert EXTENSION.findall(text) == []
    assert BUILD_KEY.findall(text) == []
    for layer in build.layers:
        if not layer["layer"].isalpha():  # "indicators" is a word as well as a key
            assert layer["layer"] not in text
        assert layer["coverage"] not in text
    for file in sources.manifest().index:
        assert Path(file).name not in text


@pytest.mark.bundle
def test_each_nhs_year_is_described_in_words(text):
    assert "26 outlines were repaired where the published file's shapes crossed themselves" in text
    assert "Clinical commissioning groups" in text and "make valid" not in text


@pytest.mark.bundle
def test_the_picture_is_described_and_served(page):
    pictures = [node for node in walk(page) if isinstance(node, html.Img)]
    assert len(pictures) == 1
    picture = pictures[0]
    assert picture.src == "/assets/coterminosity_classes.svg"
    assert (ASSETS / Path(picture.src).name).is_file()
    for key, label in COTERMINOSITY_CLASS_LABELS.items():
        if key != NOT_DETERMINED:
            assert label in picture.alt.lower()


@pytest.mark.bundle
def test_headings_descend_in_order(page):
    levels = [
        int(type(node).__name__[1])
        for node in walk(page)
        if isinstance(node, (html.H1, html.H2, html.H3, html.H4, html.H5, html.H6))
    ]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert [node.children for node in walk(page) if isinstance(node, html.H2)] == list(
        about.SECTIONS.values()
    )


def test_the_definitions_state_the_thresholds_the_code_uses():
    assert f"{COMPLETE_COVER_SHARE:.0%}" in COTERMINOSITY_CLASS_DEFINITIONS[NOT_DETERMINED]
    assert DEFAULT_SLIVER_SHARE == 0.03  # the page prints it as a percentage; see layouts.about


def _hex(colour: str) -> str:
    """'rgb(17, 119, 51)' or '#117733' as '#117733'."""
    if colour.startswith("#"):
        return colour.lower()
    red, green, blue = (int(part) for part in re.findall(r"\d+", colour))
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_the_picture_draws_in_the_map_s_colours_and_words():
    svg = (ASSETS / "coterminosity_classes.svg").read_text(encoding="utf-8")
    for key, colour in COTERMINOSITY_COLOURS.items():
        if key != NOT_DETERMINED:
            assert _hex(colour) in svg.lower(), key
    assert _hex(HEALTH_OUTLINE_COLOUR) in svg.lower()
    words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    for key, label in COTERMINOSITY_CLASS_LABELS.items():
        if key != NOT_DETERMINED:
            assert label in words, label
