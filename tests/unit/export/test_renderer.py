"""Slide export: valid PNG, SVG and PDF files at 16:9, carrying the source and licence."""

from __future__ import annotations

import io
import os
import signal
import struct
import threading
import time

import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from trustmap.export import renderer as export

SOURCE = "Source: Test publisher, test table (2019)."


@pytest.fixture(scope="module")
def chart():
    return go.Figure(go.Bar(x=["pathfinder", "other"], y=[0.11, 0.12]))


def test_png_is_a_1600_by_900_image(chart):
    png = export.render(chart, "png", title="A chart", source=SOURCE)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1600, 900)


def test_svg_carries_title_source_and_licence(chart):
    svg = export.render(chart, "svg", title="A chart", source=SOURCE).decode()
    assert svg.startswith("<svg") and 'width="1600"' in svg
    for text in ("A chart", "Test publisher", "Open Government Licence v3.0"):
        assert text in svg


def test_pdf_and_briefing_pack_are_readable(chart):
    pdf = export.render(chart, "pdf", title="A chart", source=SOURCE)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) / float(page.mediabox.height) == pytest.approx(
        16 / 9, rel=0.01
    )
    pages = [export.render(chart, "pdf", title=title, source=SOURCE) for title in ("One", "Two")]
    pack = export.briefing_pack(pages)
    reader = PdfReader(io.BytesIO(pack))
    assert len(reader.pages) == 2 and "Two" in reader.pages[1].extract_text()


@pytest.mark.parametrize("image_format, size", [("gif", (1600, 900)), ("png", (99999, 900))])
def test_bad_requests_are_refused_with_a_reason(chart, image_format, size):
    with pytest.raises(export.ExportError):
        export.render(chart, image_format, title="t", source=SOURCE, width=size[0], height=size[1])


def test_a_full_queue_is_refused_at_once(chart):
    """With no room to wait, an export meeting a busy renderer is refused, not queued; the
    busy one (Chromium stopped) ends at the time limit and the renderer starts afresh."""
    renderer = export.Renderer(timeout_s=2.0, waiting=0, queue_wait_s=1.0)
    figure = export.slide_figure(chart, title="t", source=SOURCE).to_dict()
    opts = {"format": "svg", "width": 800, "height": 450}
    try:
        renderer.image(figure, opts)
        os.killpg(renderer.browser_pid(), signal.SIGSTOP)
        outcome = {}

        def first():
            with pytest.raises(export.RendererBusyError, match="longer than 2 s") as busy:
                renderer.image(figure, opts)
            outcome["first"] = busy.value.retry_after_s

        drawing = threading.Thread(target=first)
        drawing.start()
        time.sleep(0.5)
        with pytest.raises(export.RendererBusyError, match="too many exports are waiting"):
            renderer.image(figure, opts)
        drawing.join()
        assert outcome["first"] == export.RETRY_AFTER_S
        assert renderer.image(figure, opts).startswith(b"<svg")
    finally:
        renderer.close()


def group_members(group: int) -> list[int]:
    """The process ids of a process group (from /proc)."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == group:
                    members.append(int(entry))
            except ProcessLookupError:
                continue
    return members


def test_chromium_draws_at_a_lower_cpu_priority_than_the_app(chart):
    renderer = export.Renderer()
    try:
        renderer.image(chart.to_dict(), {"format": "svg", "width": 800, "height": 450})
        members = group_members(renderer.browser_pid())
        assert len(members) > 1  # Chromium and the processes it started to draw
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        for pid in members:
            assert os.getpriority(os.PRIO_PROCESS, pid) == ours + export.RENDERER_NICENESS
    finally:
        renderer.close()


LONG_SOURCE = (
    "Colours: a legend's words again. A note on which councils have a value. "
    "Source: Office for National Statistics, a boundary file with a long name (December 2016); "
    "Department for Education, a tool with a long name too (2016-2025 editions). Open "
    "Government Licence v3.0."
)


def test_a_short_source_is_printed_whole_on_one_line():
    assert export.footer_lines(SOURCE) == [SOURCE]


def test_a_long_footer_keeps_the_citation_and_says_where_the_rest_is(monkeypatch):
    monkeypatch.setattr(export, "FOOTER_LINE_CHARS", 120)
    lines = export.footer_lines(LONG_SOURCE)
    assert len(lines) == 2 and all(len(line) <= 120 for line in lines)
    text = " ".join(lines)
    assert text.startswith("Source: Office for National Statistics")
    assert "legend" not in text and text.endswith(export.FOOTER_ELSEWHERE)
    monkeypatch.setattr(export, "FOOTER_LINE_CHARS", 70)
    short = export.footer_lines(LONG_SOURCE)
    assert len(short) == 2 and short[-1].endswith(f"... {export.FOOTER_ELSEWHERE}")


def test_slide_text_is_sized_for_a_room(chart):
    slide = export.slide_figure(chart, title="A chart", source=LONG_SOURCE * 3)
    assert slide.layout.title.font.size >= 28 and slide.layout.font.size >= 14
    (footer,) = slide.layout.annotations
    assert footer.font.size >= 13 and footer.text.count("<br>") == 2  # three lines
