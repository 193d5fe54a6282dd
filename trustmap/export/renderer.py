"""Static export for slides: PNG, SVG and PDF at 16:9 with title, source line and attribution.

Figures are rendered by kaleido in Debian's Chromium, started once per process and reused, one
figure at a time (a notebook, the CLI and the app's workers are all serialised by `renderer`).
Debian's `/usr/bin/chromium` wrapper adds `--disable-background-networking`; kaleido adds
headless, no-sandbox, no GPU, no first run and no component update: no request leaves the
machine.

The renderer is bounded: at most `WAITING_EXPORTS` exports wait behind the one being drawn, none
waits longer than `QUEUE_WAIT_S`, and none draws longer than `EXPORT_TIMEOUT_S`; otherwise
`RendererBusyError` says when to try again. A Chromium that died (killed, out of memory) or hung
is killed and started afresh by the next export. Its processes run at a lower CPU priority
(`RENDERER_NICENESS`): on a busy server, the map's and the pages' requests go first.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import signal
import subprocess
import textwrap
import threading
from concurrent.futures import TimeoutError as FutureTimeoutError

import kaleido
import plotly.graph_objects as go
from pypdf import PdfWriter

from trustmap.bundle.sources import OGL_ATTRIBUTION

__all__ = [
    "MEDIA_TYPES",
    "ExportError",
    "Renderer",
    "RendererBusyError",
    "briefing_pack",
    "footer_lines",
    "render",
    "renderer",
    "slide_figure",
]

SLIDE_WIDTH_PX, SLIDE_HEIGHT_PX = 1600, 900
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
MAX_SIDE_PX = 4000
CHROMIUM_PATH = "/usr/bin/chromium"
# Text sizes that read in a room when the slide is projected (px on the 1600x900 slide).
TITLE_SIZE_PX, SUBTITLE_SIZE_PX, TEXT_SIZE_PX, FOOTER_SIZE_PX = 30, 20, 18, 14
TITLE_LINE_CHARS = 90  # about the width of a 1600 px slide at 30 px
SUBTITLE_LINE_CHARS = 135  # and at 20 px
FOOTER_LINE_CHARS = 200  # and at 14 px
FOOTER_SOURCE_LINES = 2  # the licence is the footer's third and last line
FOOTER_ELSEWHERE = "Full notes: this view's briefing pack."
SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")
# A warm export takes 0.3-0.5 s and a cold one (Chromium starting) about 2.5 s. Waiting plus
# drawing stays under gunicorn's 30 s worker timeout, so no export ever costs a worker.
EXPORT_TIMEOUT_S = 15.0
QUEUE_WAIT_S = 10.0
WAITING_EXPORTS = 4
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 5.0
RETRY_AFTER_S = 5
RENDERER_NICENESS = 10  # added to Chromium's nice value: the CPU goes to the app's requests first


class ExportError(ValueError):
    """An export request that cannot be met (unknown format, absurd size)."""


class RendererBusyError(RuntimeError):
    """No export now (the queue is full, or the renderer hung or died and is restarting):
    try again after `retry_after_s` seconds."""

    def __init__(self, reason: str, *, retry_after_s: int = RETRY_AFTER_S):
        super().__init__(reason)
        self.retry_after_s = retry_after_s


class Renderer:
    """kaleido's Chromium on an event loop of its own, drawing one figure at a time.

    Started by the first export; killed and replaced when an export finds it dead or when a
    drawing outlives `timeout_s`.
    """

    def __init__(
        self,
        *,
        timeout_s: float = EXPORT_TIMEOUT_S,
        queue_wait_s: float = QUEUE_WAIT_S,
        waiting: int = WAITING_EXPORTS,
        chromium: str = CHROMIUM_PATH,
    ):
        self.timeout_s = timeout_s
        self.queue_wait_s = queue_wait_s
        self.chromium = chromium
        self._slots = threading.BoundedSemaphore(waiting + 1)  # the queue, the drawing included
        self._lock = threading.Lock()  # one drawing at a time; held while (re)starting
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: kaleido.Kaleido | None = None

    def image(self, figure: dict, opts: dict) -> bytes:
        """Bytes of `figure` (a plotly figure dict) drawn with kaleido's `opts` (format,
        width, height); RendererBusyError when it cannot be drawn now."""
        if not self._slots.acquire(blocking=False):
            raise RendererBusyError("too many exports are waiting")
        try:
            if not self._lock.acquire(timeout=self.queue_wait_s):
                raise RendererBusyError(f"no export slot within {self.queue_wait_s:g} s")
            try:
                return self._draw(figure, opts)
            finally:
                self._lock.release()
        finally:
            self._slots.release()

    def browser_pid(self) -> int | None:
        """The running Chromium's process id (also its process group), if one is running."""
        return self._kaleido.subprocess.pid if self._kaleido is not None else None

    def close(self) -> None:
        """Stop Chromium and the renderer's loop (the next export starts them again)."""
        with self._lock:
            self._discard()

    def _draw(self, figure: dict, opts: dict) -> bytes:
        browser, loop = self._kaleido, self._loop
        if browser is not None and browser.subprocess.poll() is not None:
            self._discard()  # died since the last export
            browser = None
        if browser is None or loop is None:  # both set, and cleared, together
            browser, loop = self._start()
        future = asyncio.run_coroutine_threadsafe(browser.calc_fig(figure, opts=opts), loop)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeoutError:
            future.cancel()
            self._discard()
            raise RendererBusyError(
                f"the export took longer than {self.timeout_s:g} s; the renderer is restarting"
            ) from None
        except Exception as error:
            if browser.subprocess.poll() is None:
                raise  # Chromium is alive: the figure itself failed
            self._discard()
            raise RendererBusyError("the renderer stopped; it is restarting") from error

    def _start(self) -> tuple[kaleido.Kaleido, asyncio.AbstractEventLoop]:
        """Start Chromium on a loop of its own; return the browser and the loop."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="kaleido-renderer", daemon=True)
        thread.start()

        async def open_browser() -> kaleido.Kaleido:
            # MathJax off: no request leaves the machine.
            browser = kaleido.Kaleido(path=self.chromium, mathjax=False, timeout=self.timeout_s)
            await browser.open()
            return browser

        try:
            browser = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
                timeout=START_TIMEOUT_S
            )
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            raise
        self._loop, self._thread, self._kaleido = loop, thread, browser
        _yield_cpu(browser.subprocess.pid)
        return browser, loop

    def _discard(self) -> None:
        """Kill Chromium's whole process group, then let go of its loop."""
        browser, loop, thread = self._kaleido, self._loop, self._thread
        self._kaleido = self._loop = self._thread = None
        if browser is None or loop is None or thread is None:  # all three are set together
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(browser.subprocess.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            browser.subprocess.wait(timeout=STOP_TIMEOUT_S)  # reaped: close() skips its goodbye

        async def shut_down() -> None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(browser.close(), STOP_TIMEOUT_S)
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(shut_down(), loop).result(timeout=2 * STOP_TIMEOUT_S)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=STOP_TIMEOUT_S)


def _yield_cpu(group: int) -> None:
    """Lower the CPU priority of every process of Chromium's process group (the processes it
    starts later inherit it)."""
    with contextlib.suppress(OSError):  # the group has just died: the next export restarts it
        os.setpriority(os.PRIO_PGRP, group, os.getpriority(os.PRIO_PROCESS, 0) + RENDERER_NICENESS)


renderer = Renderer()


def _fits(text: str) -> bool:
    return len(textwrap.wrap(text, FOOTER_LINE_CHARS)) <= FOOTER_SOURCE_LINES


def footer_lines(source: str) -> list[str]:
    """`source` (notes, then 'Source: ...') as printed at a slide's foot, in at most
    `FOOTER_SOURCE_LINES` lines: whole if it fits; else the citation (from 'Source:' on) after
    as many of the notes just before it as fit, then `FOOTER_ELSEWHERE`, cut short with '...'
    if the citation alone does not fit."""
    if _fits(source):
        return textwrap.wrap(source, FOOTER_LINE_CHARS)
    sentences = SENTENCE_END.split(source)
    cited = next(
        (index for index, part in enumerate(sentences) if part.startswith("Source:")),
        len(sentences) - 1,
    )
    kept = sentences[cited:]
    for note in reversed(sentences[:cited]):
        if not _fits(" ".join([note, *kept, FOOTER_ELSEWHERE])):
            break
        kept.insert(0, note)
    lines = textwrap.wrap(" ".join([*kept, FOOTER_ELSEWHERE]), FOOTER_LINE_CHARS)
    if len(lines) > FOOTER_SOURCE_LINES:
        lines = textwrap.wrap(" ".join(kept), FOOTER_LINE_CHARS)[:FOOTER_SOURCE_LINES]
        room = FOOTER_LINE_CHARS - len(FOOTER_ELSEWHERE) - 1
        lines[-1] = f"{textwrap.shorten(lines[-1], room, placeholder=' ...')} {FOOTER_ELSEWHERE}"
    return lines


def slide_figure(figure: go.Figure, *, title: str, source: str) -> go.Figure:
    """A copy of `figure` laid out for a slide at sizes that read in a room: title on top,
    under it the figure's own subtitle (`layout.title.subtitle.text`, if any), at the foot
    `source` in at most two lines (`footer_lines`) and the licence."""
    slide = go.Figure(figure)
    title_lines = textwrap.wrap(title, TITLE_LINE_CHARS)
    subtitle_lines = textwrap.wrap(slide.layout.title.subtitle.text or "", SUBTITLE_LINE_CHARS)
    footer = [*footer_lines(source), OGL_ATTRIBUTION]
    slide.update_layout(
        title={
            "text": "<br>".join(title_lines),
            "subtitle": {"text": "<br>".join(subtitle_lines), "font": {"size": SUBTITLE_SIZE_PX}},
            "x": 0.02,
            "xanchor": "left",
            # At the top: left to plotly, a tall margin would move the title down over the plot.
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 24},
            "font": {"size": TITLE_SIZE_PX},
        },
        margin={
            "t": 50 + 38 * len(title_lines) + 28 * len(subtitle_lines),
            "b": 60 + 18 * len(footer),
            "l": 60,
            "r": 40,
        },
        font={"size": TEXT_SIZE_PX},
        paper_bgcolor="white",
    )
    slide.add_annotation(
        text="<br>".join(footer),
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        xanchor="left",
        yanchor="top",
        align="left",
        yshift=-40,
        font={"size": FOOTER_SIZE_PX, "color": "#444"},
    )
    return slide


def render(
    figure: go.Figure,
    image_format: str,
    *,
    title: str,
    source: str,
    width: int = SLIDE_WIDTH_PX,
    height: int = SLIDE_HEIGHT_PX,
) -> bytes:
    """Bytes of the slide version of `figure` in `image_format` (png, svg or pdf), drawn by the
    shared `renderer` (RendererBusyError when it cannot draw now)."""
    if image_format not in MEDIA_TYPES:
        raise ExportError(
            f"unknown format '{image_format}'; choose one of {', '.join(MEDIA_TYPES)}"
        )
    if not (100 <= width <= MAX_SIDE_PX and 100 <= height <= MAX_SIDE_PX):
        raise ExportError(f"size {width}x{height} is outside 100-{MAX_SIDE_PX} px")
    slide = slide_figure(figure, title=title, source=source)
    opts = {"format": image_format, "width": width, "height": height, "scale": 1}
    return renderer.image(slide.to_dict(), opts)


def briefing_pack(pages: list[bytes]) -> bytes:
    """One PDF of PDF pages (bytes, e.g. from `render`), in order."""
    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
