"""The briefing pack as a PowerPoint deck (python-pptx): the same pages as the PDF pack, 16:9.
Each chart (`slides.briefing_slides`) is an image drawn without its words, with editable text
boxes for the title, the subtitle and the source as its foot prints it
(`renderer.footer_lines`); the full source and method lines are in the speaker notes. The cover
states the view in words, with the link that reopens it; the last page holds every note and
source in full (`slides.notes_lines`)."""

from __future__ import annotations

import html
import io
import math
import re
from datetime import date

import plotly.graph_objects as go
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide as DeckSlide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from trustmap.bundle.build import Build
from trustmap.bundle.sources import OGL_ATTRIBUTION
from trustmap.export import renderer
from trustmap.export.slides import (
    COVER_SOURCE,
    COVER_TITLE,
    NOTES_TITLE,
    Slide,
    briefing_slides,
    cover_lines,
    notes_lines,
)
from trustmap.show.view import View

__all__ = ["FILE_TYPES", "MEDIA_TYPE", "briefing_deck", "chart_image", "deck_of", "plain_text"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# Every format a slide is exported in: the renderer's images and documents, and this deck.
FILE_TYPES = renderer.MEDIA_TYPES | {"pptx": MEDIA_TYPE}
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.45)
TITLE_PT, SUBTITLE_PT, SOURCE_PT, COVER_PT, NOTES_PT = 28, 16, 12, 16, 12
# Characters a line holds across the slide, and the height of a line, at each size.
LINE_CHARS = {TITLE_PT: 52, SUBTITLE_PT: 125, SOURCE_PT: 165, COVER_PT: 110}
LINE_HEIGHT = {size: Pt(size * 1.25) for size in LINE_CHARS}
GAP = Inches(0.1)
# The chart is drawn 1280 px wide (its 16 px text reads at about 10 pt) and at least 560 px
# tall, room for the map's legend and inset; a body shallower than that shows it narrower.
IMAGE_WIDTH_PX, MIN_IMAGE_HEIGHT_PX = 1280, 560
GREY = RGBColor(0x44, 0x44, 0x44)
LINK = re.compile(r'<a href="([^"]*)">(.*?)</a>')
TAG = re.compile(r"<[^>]+>")


def plain_text(text: str) -> str:
    """Words of a plotly label without its markup: '<br>' as a new line, other tags dropped,
    entities read ('&amp;' as '&')."""
    return html.unescape(TAG.sub("", re.sub(r"<br\s*/?>", "\n", text or "")))


def lines_of(text: str, size: int) -> int:
    """How many lines `text` takes across the slide at `size` points."""
    return sum(max(1, math.ceil(len(line) / LINE_CHARS[size])) for line in text.split("\n"))


def text_box(
    slide: DeckSlide, text: str, *, top: int, size: int, bold: bool = False, colour=None
) -> int:
    """A wrapped text box across the slide at `top` (EMU); returns its bottom."""
    height = LINE_HEIGHT[size] * lines_of(text, size) + GAP
    box = slide.shapes.add_textbox(MARGIN, Emu(top), Emu(WIDTH - 2 * MARGIN), Emu(height))
    write(box.text_frame, text, size=size, bold=bold, colour=colour)
    return top + height


def write(frame: TextFrame, text: str, *, size: int, bold: bool = False, colour=None) -> None:
    """`text` in `frame`, a paragraph per line, wrapped, at `size` points."""
    frame.word_wrap = True
    for index, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.rgb = colour


def titled(deck: Deck, title: str) -> tuple[DeckSlide, int]:
    """A new slide whose title placeholder (editable, read as the slide's title) holds
    `title`; returns the slide and the title's bottom."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
    shape = slide.shapes.title
    height = LINE_HEIGHT[TITLE_PT] * lines_of(title, TITLE_PT) + GAP
    shape.left, shape.top, shape.width, shape.height = (
        MARGIN,
        MARGIN // 2,
        WIDTH - 2 * MARGIN,
        height,
    )
    shape.text_frame.clear()
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    write(shape.text_frame, title, size=TITLE_PT, bold=True)
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
    return slide, MARGIN // 2 + height


def chart_image(figure: go.Figure, *, width_px: int, height_px: int) -> bytes:
    """PNG of `figure` without its title and subtitle (the deck writes them as text), drawn by
    the shared renderer."""
    bare = go.Figure(figure)
    bare.layout.title = go.layout.Title()
    bare.update_layout(font={"size": 16}, paper_bgcolor="white", margin={"t": 20})
    opts = {"format": "png", "width": width_px, "height": height_px, "scale": 1}
    return renderer.renderer.image(bare.to_dict(), opts)


def chart_slide(deck: Deck, slide: Slide) -> None:
    """Title, subtitle, chart image and source of one briefing page; notes: every line."""
    subtitle = plain_text(slide.figure.layout.title.subtitle.text or "")
    page, top = titled(deck, slide.title)
    if subtitle:
        top = text_box(page, subtitle, top=top, size=SUBTITLE_PT, colour=GREY)
    source = "\n".join([" ".join(renderer.footer_lines(slide.source)), OGL_ATTRIBUTION])
    source_height = LINE_HEIGHT[SOURCE_PT] * lines_of(source, SOURCE_PT) + GAP
    source_top = HEIGHT - MARGIN // 2 - source_height
    text_box(page, source, top=source_top, size=SOURCE_PT, colour=GREY)
    height = source_top - top - GAP
    height_px = max(MIN_IMAGE_HEIGHT_PX, round(IMAGE_WIDTH_PX * height / (WIDTH - 2 * MARGIN)))
    image = chart_image(slide.figure, width_px=IMAGE_WIDTH_PX, height_px=height_px)
    width = round(height * IMAGE_WIDTH_PX / height_px)
    left = (WIDTH - width) // 2
    page.shapes.add_picture(io.BytesIO(image), Emu(left), Emu(top), Emu(width), Emu(height))
    notes = [slide.title, subtitle, slide.source, OGL_ATTRIBUTION]
    set_notes(page, "\n\n".join(filter(None, notes)))


def text_slide(deck: Deck, title: str, lines: list[str], *, size: int) -> None:
    """A page of `lines` (the cover's, the notes'), a paragraph each: a line in <b> bold, a
    line that is a link a hyperlink; the notes hold them too."""
    page, top = titled(deck, title)
    height = HEIGHT - top - MARGIN
    box = page.shapes.add_textbox(MARGIN, Emu(top + GAP), Emu(WIDTH - 2 * MARGIN), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.font.size = Pt(size)
        link = LINK.fullmatch(line)
        if link:
            run.text = plain_text(link.group(2))
            run.hyperlink.address = html.unescape(link.group(1))
        else:  # lines wrapped for a figure run on: the text box wraps them
            run.text = plain_text(line).replace("\n", " ")
            run.font.bold = line.startswith("<b>")
    set_notes(page, "\n".join([*(plain_text(line) for line in lines if line), COVER_SOURCE]))


def set_notes(page: DeckSlide, text: str) -> None:
    """The speaker notes of `page`."""
    frame = page.notes_slide.notes_text_frame
    if frame is None:  # python-pptx's own template always has a notes body
        raise ValueError("this deck's notes page has no body for notes")
    frame.text = text


def deck_of(slides: list[Slide], *, cover: list[str] | None = None) -> bytes:
    """A .pptx of `slides`, a slide each; with `cover` lines (`cover_lines`), a briefing pack:
    a cover first and a page of every note and source in full last."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    if cover is not None:
        text_slide(deck, COVER_TITLE, cover, size=COVER_PT)
    for slide in slides:
        chart_slide(deck, slide)
    if cover is not None:
        text_slide(deck, NOTES_TITLE, notes_lines(slides), size=NOTES_PT)
    output = io.BytesIO()
    deck.save(output)
    return output.getvalue()


def briefing_deck(build: Build, view: View, *, link: str, made_on: date) -> bytes:
    """The briefing pack as .pptx bytes: the PDF pack's pages (`slides.briefing`)."""
    cover = cover_lines(build, view, link=link, made_on=made_on)
    return deck_of(briefing_slides(build, view), cover=cover)
