"""The PowerPoint briefing pack: the PDF pack's pages as slides with editable titles, subtitles
and sources over the chart, notes holding the source and method lines, a cover with the view
in words and its link; and LibreOffice opens it."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader

from trustmap.export.deck import briefing_deck, deck_of, plain_text
from trustmap.export.renderer import footer_lines
from trustmap.export.slides import COVER_TITLE, NOTES_TITLE, briefing, briefing_slides
from trustmap.show.view import View

TINY = View("2019", "indicator", None, "iod2019-imd-average-score", "2019", nhs="ccg2019")
LINK = "http://localhost/?v=2019&c=indicator&i=iod2019-imd-average-score&p=2019"
MADE_ON = date(2026, 12, 5)
SOFFICE_TIMEOUT_S = 120


@pytest.fixture
def pack(tiny_build):
    """The tiny view's slides and its PowerPoint pack."""
    slides = briefing_slides(tiny_build, TINY)
    return slides, briefing_deck(tiny_build, TINY, link=LINK, made_on=MADE_ON)


def text_boxes(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_plain_text_drops_markup_and_reads_entities():
    assert plain_text("<b>The view</b>") == "The view"
    assert plain_text("Filters: A &amp; B<br>two lines") == "Filters: A & B\ntwo lines"


def test_the_deck_has_the_pdf_packs_pages_with_editable_words(pack, tiny_build):
    slides, deck_bytes = pack
    pdf = briefing(tiny_build, TINY, link=LINK, made_on=MADE_ON)
    deck = Presentation(io.BytesIO(deck_bytes))
    pages = list(deck.slides)
    # The cover, the map and the two comparisons, and the notes and sources in full.
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) == len(slides) + 2 == 5
    assert (deck.slide_width, deck.slide_height) == (12191695, 6858000)  # 13.333 x 7.5 in
    for page, slide in zip(pages[1:-1], slides, strict=True):
        assert page.shapes.title.text_frame.text == slide.title
        title_sizes = {
            run.font.size for p in page.shapes.title.text_frame.paragraphs for run in p.runs
        }
        assert title_sizes == {Pt(28)}
        boxes = text_boxes(page)
        source_box = next(box for box in boxes if "Open Government Licence v3.0" in box)
        assert source_box.startswith(" ".join(footer_lines(slide.source)))
        assert sum(shape.shape_type == 13 for shape in page.shapes) == 1  # the chart, a picture
        notes = page.notes_slide.notes_text_frame.text
        assert slide.source in notes and slide.title in notes
    subtitle = plain_text(slides[0].figure.layout.title.subtitle.text)
    assert subtitle == "All 6 councils of 2019." and subtitle in text_boxes(pages[1])
    assert pages[-1].shapes.title.text_frame.text == NOTES_TITLE
    notes_page = " ".join(text_boxes(pages[-1]))
    assert all(slide.title in notes_page and slide.source in notes_page for slide in slides)


def test_the_cover_states_the_view_and_links_back(pack):
    _, deck_bytes = pack
    cover = Presentation(io.BytesIO(deck_bytes)).slides[0]
    assert cover.shapes.title.text_frame.text == COVER_TITLE
    body = next(box for box in text_boxes(cover) if box.startswith("Made on"))
    assert "Made on 5 December 2026." in body and "<b>" not in body
    assert "Map colours: IoD 2019: IMD - Average score, 2019." in body
    links = [
        run.hyperlink.address
        for shape in cover.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    ]
    assert links == [LINK]
    assert "Reopen this view" in cover.notes_slide.notes_text_frame.text


def test_one_chart_makes_a_one_slide_deck(tiny_build):
    slide = briefing_slides(tiny_build, TINY)[0]
    deck = Presentation(io.BytesIO(deck_of([slide])))
    assert [page.shapes.title.text_frame.text for page in deck.slides] == [slide.title]


def test_libreoffice_opens_the_deck_with_every_page_and_title(pack, tmp_path):
    # `make test` installs Debian's libreoffice-impress (the Makefile's `libreoffice` target).
    slides, deck_bytes = pack
    soffice = shutil.which("soffice")
    assert soffice, "soffice not found: run `make libreoffice` (Debian's libreoffice-impress)"
    (tmp_path / "briefing.pptx").write_bytes(deck_bytes)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "briefing.pptx"),
        ],
        check=True,
        capture_output=True,
        timeout=SOFFICE_TIMEOUT_S,
    )
    pages = PdfReader(tmp_path / "briefing.pdf").pages
    assert len(pages) == len(slides) + 2
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert COVER_TITLE in texts[0] and NOTES_TITLE in texts[-1]
    for text, slide in zip(texts[1:-1], slides, strict=True):
        assert slide.title in text
