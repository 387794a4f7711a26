"""A report as format-free pages: what every renderer (:mod:`report.render`) lays out.

A :class:`Document` is a list of :class:`Page` objects of four kinds: ``title``, ``picture``
(one PNG with a title), ``table`` (key figures) and ``text`` (headed lists of sentences).
Each page carries ``notes``, the sentences a facilitator reads out: a slide's speaker notes,
a caption under a picture in the PDF and HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FORMATS", "PAGE_KINDS", "Document", "Page", "Section"]

#: Output formats, one renderer each (:mod:`report.render`).
FORMATS: tuple[str, ...] = ("pdf", "pptx", "html")

PAGE_KINDS: tuple[str, ...] = ("title", "picture", "table", "text")


@dataclass(frozen=True)
class Section:
    """A heading and its sentences (``heading`` may be empty)."""

    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """One slide, PDF page or HTML section (see the module docstring)."""

    kind: str
    title: str
    subtitle: str = ""
    image: bytes | None = None
    table: tuple[tuple[str, ...], ...] = ()
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in PAGE_KINDS:
            raise ValueError(f"unknown page kind {self.kind!r}; expected one of {', '.join(PAGE_KINDS)}")
        if (self.kind == "picture") != (self.image is not None):
            raise ValueError("a picture page, and only a picture page, has an image")


@dataclass(frozen=True)
class Document:
    """A whole report: its title, language, pages, and the file name stem of its outputs."""

    title: str
    lang: str
    pages: tuple[Page, ...]
    stem: str

    def texts(self) -> list[str]:
        """Every sentence of the document, in page order (titles, table cells, items, notes)."""
        out: list[str] = []
        for page in self.pages:
            out += [page.title, page.subtitle]
            out += [cell for row in page.table for cell in row]
            for section in page.sections:
                out += [section.heading, *section.items]
            out += page.notes
        return [text for text in out if text]
