"""The page layout: A4 portrait, running header, page numbers, styles, outline.

reportlab's platypus lays the flowables out; this module gives it the page
templates (a cover without header, body pages with the project and date in the
header and "Page n of N" in the footer) and the paragraph styles, all in DejaVu
Sans. The total page count is only known at the end: each footer draws it
through a form that the canvas defines when the document is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mixplan.report.fonts import BOLD, REGULAR, markup, register_fonts
from mixplan.report.palette import MUTED_TEXT_COLOUR, RULE_LINE_COLOUR, TEXT_COLOUR
from mixplan.report.texts import text

__all__ = ["PageMeta", "Styles", "render_pdf", "styles"]

PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 in points
MARGIN_X = 50.0
MARGIN_TOP = 62.0
MARGIN_BOTTOM = 52.0
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM


@dataclass(frozen=True)
class PageMeta:
    """What the running header and footer say, and the PDF's metadata."""

    project: str
    date: str
    lang: str
    title: str
    author: str
    version: str


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the report."""

    title: Any
    subtitle: Any
    h1: Any
    h2: Any
    body: Any
    small: Any
    caption: Any
    cell: Any
    cell_bold: Any
    cell_right: Any
    cell_small: Any
    cover_label: Any
    cover_value: Any


def styles() -> Styles:
    """The styles, built on DejaVu Sans (registered on first use)."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    ink = HexColor(TEXT_COLOUR)
    muted = HexColor(MUTED_TEXT_COLOUR)
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=9, leading=12.2, textColor=ink, spaceAfter=4
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=7.6, leading=9.4, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=24, leading=29, spaceAfter=10
        ),
        subtitle=ParagraphStyle(
            "subtitle",
            parent=body,
            fontSize=12.5,
            leading=16,
            textColor=muted,
            spaceAfter=20,
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=4,
            spaceAfter=8,
            textColor=HexColor("#3E2A6E"),
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=10,
            spaceAfter=5,
        ),
        body=body,
        small=ParagraphStyle(
            "small", parent=body, fontSize=7.5, leading=9.5, textColor=muted
        ),
        caption=ParagraphStyle(
            "caption",
            parent=body,
            fontSize=7.5,
            leading=9.5,
            textColor=muted,
            spaceBefore=2,
            spaceAfter=6,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_small=ParagraphStyle(
            "cell_small", parent=cell, fontSize=6.6, leading=8.2, textColor=muted
        ),
        cover_label=ParagraphStyle(
            "cover_label", parent=body, fontSize=8.5, textColor=muted, spaceAfter=0
        ),
        cover_value=ParagraphStyle(
            "cover_value", parent=body, fontSize=10.5, leading=13.5, spaceAfter=0
        ),
    )


def heading(label: str, style: Any, level: int) -> Any:
    """A heading paragraph that also becomes an entry of the PDF outline."""
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(markup(label), style)
    paragraph.outline_entry = (label, level)  # type: ignore[attr-defined]
    return paragraph


_TOTAL_FORM = "mixplan_page_total"


def _page_decorator(meta: PageMeta) -> Any:
    """Draw the running header and footer of a body page."""
    from reportlab.lib.colors import HexColor

    from mixplan.report.drawkit import fit_text

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(RULE_LINE_COLOUR))
        canvas.setLineWidth(0.5)
        top = PAGE_HEIGHT - MARGIN_TOP + 22
        right = PAGE_WIDTH - MARGIN_X
        canvas.line(MARGIN_X, top - 5, right, top - 5)
        canvas.line(MARGIN_X, MARGIN_BOTTOM - 18, right, MARGIN_BOTTOM - 18)
        canvas.setFillColor(HexColor(MUTED_TEXT_COLOUR))
        date_w = canvas.stringWidth(meta.date, REGULAR, 7.5)
        project = fit_text(meta.project, 7.5, FRAME_WIDTH - date_w - 20)
        _draw_runs(canvas, MARGIN_X, top, project, 7.5)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawRightString(right, top, meta.date)
        bottom = MARGIN_BOTTOM - 30
        canvas.drawString(MARGIN_X, bottom, f"mixplan {meta.version}")
        # The total is a form drawn once the last page is known (forward
        # reference): the layout runs once and the PDF outline keeps its pages.
        reserved = canvas.stringWidth("00", REGULAR, 7.5)
        label = text(meta.lang, "page", page=canvas.getPageNumber())
        canvas.drawRightString(right - reserved, bottom, label)
        canvas.translate(right - reserved, bottom)
        canvas.doForm(_TOTAL_FORM)
        canvas.restoreState()

    return decorate


#: zlib level of the PDF's streams. reportlab's own is zlib's default (6), a
#: tenth of a 10,000-building report's time for its 11 MB of drawing operators;
#: level 4 writes them 4 times faster for a file 6 % larger (measured on the
#: varied 10,000-building report: 0.45 s → 0.12 s, 2.23 → 2.37 MB).
STREAM_COMPRESSION_LEVEL = 4


class FlateStreams:
    """A FlateDecode stream filter of :data:`STREAM_COMPRESSION_LEVEL`.

    A reportlab stream filter (``pdfname``, ``encode``, ``decode``); the one
    reportlab gives every stream compresses at zlib's default level.

    Examples
    --------
    >>> import zlib
    >>> zlib.decompress(FlateStreams().encode("0 0 m 10 10 l S"))
    b'0 0 m 10 10 l S'
    """

    pdfname = "FlateDecode"

    def encode(self, content: str | bytes) -> bytes:
        """The compressed stream (text is written as UTF-8, as reportlab does)."""
        import zlib

        if isinstance(content, str):
            content = content.encode("utf8")
        return zlib.compress(content, STREAM_COMPRESSION_LEVEL)

    def decode(self, encoded: bytes) -> bytes:
        """The stream as it was before :meth:`encode`."""
        import zlib

        return zlib.decompress(encoded)


def _total_canvas(meta: PageMeta) -> type:
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    class TotalPagesCanvas(Canvas):
        """Defines the page-total form when the document is saved.

        Its streams (pages, forms, embedded fonts) are compressed by
        :class:`FlateStreams`: reportlab's own compression is turned off for
        this document, so every stream without a filter of its own gets the
        document's default filters.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["pageCompression"] = 0
            super().__init__(*args, **kwargs)
            self._doc.defaultStreamFilters = [FlateStreams()]

        def save(self) -> None:
            self.beginForm(_TOTAL_FORM)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(HexColor(MUTED_TEXT_COLOUR))
            self.drawString(0, 0, str(self.getPageNumber() - 1))
            self.endForm()
            super().save()

    return TotalPagesCanvas


def _draw_runs(canvas: Any, x: float, y: float, label: str, size: float) -> None:
    from mixplan.report.fonts import font_runs, string_width

    for name, chunk in font_runs(label):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += string_width(chunk, size, name)


def render_pdf(story: list[Any], path: Path, meta: PageMeta) -> None:
    """Lay ``story`` out on A4 pages and write the PDF to ``path``.

    The first page is the cover (no header or footer); the story switches to
    the body template itself with ``NextPageTemplate("body")``.
    """
    from reportlab import rl_config
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    # Compressed streams written as binary, not ASCII85 text: reportlab encodes
    # ASCII85 in pure Python here, 20 s for the plans of 10,000 buildings.
    rl_config.useA85 = 0

    class ReportTemplate(BaseDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
            entry = getattr(flowable, "outline_entry", None)
            if entry is None:
                return
            label, level = entry
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(label, key, level=level, closed=level > 0)

    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    cover_frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - MARGIN_BOTTOM - 50,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="cover",
    )
    doc = ReportTemplate(
        str(path),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=meta.title,
        author=meta.author,
        subject=meta.project,
        creator=f"mixplan {meta.version}",
        lang=meta.lang,
        # Otherwise every page references Helvetica, reportlab's initial font,
        # unembedded.
        initialFontName=REGULAR,
        initialFontSize=9,
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[cover_frame]),
            PageTemplate(id="body", frames=[frame], onPage=_page_decorator(meta)),
        ]
    )
    doc.build(story, canvasmaker=_total_canvas(meta))
