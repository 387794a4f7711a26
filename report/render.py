"""Renderers: one function per format, each writing a :class:`~report.document.Document` to a file.

- :func:`render_pptx` (python-pptx): one 16:9 slide per page, a picture slide per picture
  with its title, the page's notes (findings) in the speaker notes;
- :func:`render_pdf` (matplotlib's PDF backend; text stays text, in subset Type 3 fonts with a
  Unicode map, so it can be searched and extracted — TrueType embedding would cost seconds);
- :func:`render_html` (Jinja2): one self-contained file, images inlined as ``data:`` URIs.

Slides and PDF pages hold at most :data:`MAX_LINES` lines of text; a longer text page
continues on the next slide or page. No renderer writes anything identifying beyond the
document's own text: file metadata carry the document title and "netkart" only.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import jinja2
import matplotlib.image as mpimg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Inches, Pt

from report.document import FORMATS, Document, Page, Section

__all__ = ["MAX_LINES", "RENDERERS", "page_figure", "pages_of", "render", "render_html", "render_pdf", "render_pptx"]

#: Most lines of text on one slide or PDF page.
MAX_LINES = 15
#: Characters per line when wrapping text for slides and PDF pages.
WIDTH = 105
_CONTINUED = {"nb": "forts.", "en": "cont."}


def _wrapped(section: Section) -> list[tuple[str, bool]]:
    """(line, is_heading) pairs of a section, items wrapped at :data:`WIDTH` with a bullet."""
    lines = [(section.heading, True)] if section.heading else []
    for item in section.items:
        for k, text in enumerate(textwrap.wrap(item, WIDTH - 2, break_on_hyphens=False) or [""]):
            lines.append((("• " if k == 0 else "  ") + text, False))
    return lines


def _split(page: Page, lang: str) -> Iterator[Page]:
    """``page``, or a text page cut into pages of at most :data:`MAX_LINES` wrapped lines; a
    section cut in two repeats its heading."""
    if page.kind != "text":
        yield page
        return
    chunks: list[list[Section]] = [[]]
    used = 0
    for section in page.sections:
        heading = 1 if section.heading else 0
        items: list[str] = []
        for item in section.items:
            cost = len(textwrap.wrap(item, WIDTH - 2, break_on_hyphens=False) or [""]) + (0 if items else heading)
            if used + cost > MAX_LINES and used > 0:
                if items:
                    chunks[-1].append(Section(section.heading, tuple(items)))
                chunks.append([])
                cost, used, items = cost + (heading if items else 0), 0, []
            items.append(item)
            used += cost
        if items or not section.items:
            chunks[-1].append(Section(section.heading, tuple(items)))
            used += 0 if section.items else heading
    for k, sections in enumerate(chunks):
        yield replace(
            page, title=page.title if k == 0 else f"{page.title} ({_CONTINUED[lang]})", sections=tuple(sections)
        )


def pages_of(document: Document) -> list[Page]:
    """The document's pages as slides or PDF pages (long text pages split)."""
    return [part for page in document.pages for part in _split(page, document.lang)]


# -- PPTX ----------------------------------------------------------------------------------------

_SLIDE_WIDTH, _SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
_TITLE_ONLY = 5
_TITLE = 0


def _title(slide: object, text: str, size: int = 26) -> None:
    shape = slide.shapes.title  # type: ignore[attr-defined]
    shape.left, shape.top, shape.width, shape.height = Inches(0.4), Inches(0.15), Inches(12.5), Inches(0.8)
    shape.text = text
    for paragraph in shape.text_frame.paragraphs:
        paragraph.font.size = Pt(size)
        paragraph.font.bold = True


def _text_box(slide: object, sections: tuple[Section, ...], top: float, size: int = 16) -> None:
    box = slide.shapes.add_textbox(Inches(0.5), Inches(top), Inches(12.3), Inches(7.3 - top))  # type: ignore[attr-defined]
    frame = box.text_frame
    frame.word_wrap = True
    first = True
    for section in sections:
        lines = ([(section.heading, True)] if section.heading else []) + [
            (f"• {item}", False) for item in section.items
        ]
        for text, heading in lines:
            paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
            first = False
            paragraph.text = text
            paragraph.font.size = Pt(size)
            paragraph.font.bold = heading
            paragraph.space_after = Pt(4)


def render_pptx(document: Document, path: Path) -> Path:
    """Write ``document`` as a PowerPoint deck (see the module docstring)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = _SLIDE_WIDTH, _SLIDE_HEIGHT
    properties = deck.core_properties
    properties.title, properties.author, properties.last_modified_by = document.title, "netkart", "netkart"
    properties.subject = properties.keywords = properties.comments = ""
    for page in pages_of(document):
        if page.kind == "title":
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE])
            _title(slide, page.title, 34)
            slide.shapes.title.top = Inches(2.2)
            subtitle = slide.placeholders[1]
            subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
                Inches(0.4),
                Inches(3.4),
                Inches(12.5),
                Inches(2.5),
            )
            subtitle.text = "\n".join(item for section in page.sections for item in section.items)
        else:
            slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
            _title(slide, page.title)
        if page.kind == "picture" and page.image is not None:
            height = Inches(6.3)
            width = int(height * 16 / 9)
            slide.shapes.add_picture(io.BytesIO(page.image), (_SLIDE_WIDTH - width) // 2, Inches(1.05), width, height)
        elif page.kind == "table":
            rows, columns = len(page.table), len(page.table[0])
            height = min(Inches(0.34) * rows, Inches(6.2))
            table = slide.shapes.add_table(rows, columns, Inches(0.5), Inches(1.1), Inches(12.3), height).table
            for r, row in enumerate(page.table):
                for c, text in enumerate(row):
                    cell = table.cell(r, c)
                    cell.text = text
                    cell.text_frame.paragraphs[0].font.size = Pt(12 if rows < 18 else 10)
        elif page.kind == "text":
            _text_box(slide, page.sections, 1.1)
        if page.notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(page.notes)
    deck.save(path)
    return path


# -- PDF -----------------------------------------------------------------------------------------

_PAGE = (12.8, 7.2)


def page_figure(page: Page) -> Figure:
    """One slide-sized matplotlib figure of ``page``: a PDF page (or, saved as PNG, its picture)."""
    figure = Figure(figsize=_PAGE)
    figure.text(0.03, 0.93, page.title, fontsize=20 if page.kind != "title" else 26, fontweight="bold", va="bottom")
    if page.kind == "picture" and page.image is not None:
        ax = figure.add_axes((0.03, 0.02, 0.94, 0.89))
        # No resampling: the PNG goes into the PDF as it is.
        ax.imshow(mpimg.imread(io.BytesIO(page.image), format="png"), interpolation="none")
        ax.set_axis_off()
    elif page.kind == "table":
        ax = figure.add_axes((0.03, 0.05, 0.94, 0.85))
        ax.set_axis_off()
        table = ax.table(cellText=[list(r) for r in page.table[1:]], colLabels=list(page.table[0]), loc="upper center")
        table.auto_set_font_size(False)
        table.set_fontsize(11)
        table.scale(1, 1.5)
    else:
        y = 0.86 if page.kind == "text" else 0.75
        for section in page.sections:
            for text, heading in _wrapped(section):
                figure.text(0.04, y, text, fontsize=13, fontweight="bold" if heading else "normal", va="top")
                y -= 0.055
    return figure


def render_pdf(document: Document, path: Path) -> Path:
    """Write ``document`` as a PDF, one landscape 16:9 page per slide (see the module docstring)."""
    with PdfPages(path, metadata={"Title": document.title, "Author": "netkart", "Creator": "netkart"}) as pdf:
        for page in pages_of(document):
            pdf.savefig(page_figure(page))
    return path


# -- HTML ----------------------------------------------------------------------------------------

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("report", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
)


def _data_uri(image: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(image).decode("ascii")


def render_html(document: Document, path: Path) -> Path:
    """Write ``document`` as one self-contained HTML file (see the module docstring)."""
    template = _TEMPLATES.get_template("report.html.j2")
    pages = [{"page": page, "src": _data_uri(page.image) if page.image else None} for page in document.pages]
    path.write_text(template.render(document=document, pages=pages), encoding="utf-8")
    return path


#: Renderer and file suffix of each format.
RENDERERS: dict[str, tuple[Callable[[Document, Path], Path], str]] = {
    "pdf": (render_pdf, ".pdf"),
    "pptx": (render_pptx, ".pptx"),
    "html": (render_html, ".html"),
}


def render(document: Document, formats: list[str], directory: Path) -> list[Path]:
    """Write ``document`` in each of ``formats`` into ``directory``; the written paths."""
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; expected one of {', '.join(FORMATS)}")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        renderer, suffix = RENDERERS[fmt]
        written.append(renderer(document, directory / f"{document.stem}{suffix}"))
    return written
