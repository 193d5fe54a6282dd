"""Static export for slides: PNG, SVG and PDF at 16:9 with title, source line and attribution.

Figures are rendered by kaleido in Debian's Chromium, started once per process and reused, one
figure at a time (a notebook, the CLI and the app's workers are all serialised here). Debian's
`/usr/bin/chromium` wrapper adds `--disable-background-networking`; kaleido adds headless,
no-sandbox, no GPU, no first run and no component update: no request leaves the machine.
"""

from __future__ import annotations

import io
import textwrap
import threading
import warnings

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from pypdf import PdfWriter

from trustmap.sources import OGL_ATTRIBUTION

SLIDE_WIDTH_PX, SLIDE_HEIGHT_PX = 1600, 900
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
MAX_SIDE_PX = 4000
CHROMIUM_PATH = "/usr/bin/chromium"
TITLE_LINE_CHARS = 105  # about the width of a 1600 px slide at 26 px
SUBTITLE_LINE_CHARS = 150  # and at 18 px
FOOTER_LINE_CHARS = 190  # about the width of a 1600 px slide at 12 px
_renderer_lock = threading.Lock()  # one shared Chromium renders one figure at a time
_renderer_started = False


class ExportError(ValueError):
    """An export request that cannot be met (unknown format, absurd size)."""


def start_renderer() -> None:
    """Start the shared Chromium renderer once (MathJax off: no request leaves the machine)."""
    global _renderer_started
    if not _renderer_started:
        kaleido.start_sync_server(path=CHROMIUM_PATH, mathjax=False, silence_warnings=True)
        _renderer_started = True


def slide_figure(figure: go.Figure, *, title: str, source: str) -> go.Figure:
    """A copy of `figure` laid out for a slide: title on top, under it the figure's own
    subtitle (`layout.title.subtitle.text`, if any), source and licence at the foot."""
    slide = go.Figure(figure)
    title_lines = textwrap.wrap(title, TITLE_LINE_CHARS)
    subtitle_lines = textwrap.wrap(slide.layout.title.subtitle.text or "", SUBTITLE_LINE_CHARS)
    footer_lines = [*textwrap.wrap(source, FOOTER_LINE_CHARS), OGL_ATTRIBUTION]
    slide.update_layout(
        title={
            "text": "<br>".join(title_lines),
            "subtitle": {"text": "<br>".join(subtitle_lines), "font": {"size": 18}},
            "x": 0.02,
            "xanchor": "left",
            "font": {"size": 26},
        },
        margin={
            "t": 50 + 34 * len(title_lines) + 24 * len(subtitle_lines),
            "b": 60 + 16 * len(footer_lines),
            "l": 60,
            "r": 40,
        },
        font={"size": 16},
        paper_bgcolor="white",
    )
    footer = "<br>".join(footer_lines)
    slide.add_annotation(
        text=footer,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        xanchor="left",
        yanchor="top",
        align="left",
        yshift=-40,
        font={"size": 12, "color": "#444"},
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
    """Bytes of the slide version of `figure` in `image_format` (png, svg or pdf)."""
    if image_format not in MEDIA_TYPES:
        raise ExportError(
            f"unknown format '{image_format}'; choose one of {', '.join(MEDIA_TYPES)}"
        )
    if not (100 <= width <= MAX_SIDE_PX and 100 <= height <= MAX_SIDE_PX):
        raise ExportError(f"size {width}x{height} is outside 100-{MAX_SIDE_PX} px")
    slide = slide_figure(figure, title=title, source=source)
    with _renderer_lock, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        start_renderer()
        return pio.to_image(slide, format=image_format, width=width, height=height)


def briefing_pack(pages: list[bytes]) -> bytes:
    """One PDF of PDF pages (bytes, e.g. from `render`), in order."""
    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
