"""Save one picture of each kind of report page to ``docs/reports/`` (shown in docs/reports.md).

Builds, from the database the environment points at (normally the demo data, ``netkart
demo``), the anonymised English note of municipality D for 2013 compared with 2011 and the
gathering deck of A–D, and writes each chosen page as a 1280×720 PNG: picture pages as the
report embeds them, the other pages as their PDF page. Run:
``.venv/bin/python -m report.examples [--out docs/reports]``.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg

from analytics import store
from netkart.connection import get_driver
from report.document import Document, Page
from report.facts import municipality_labels
from report.gathering import build_gathering
from report.note import build_note
from report.render import page_figure, pages_of
from report.source import load_source, resolve

__all__ = ["EXAMPLES", "main"]

#: File name → (document, start of the page title) of each example page.
EXAMPLES: dict[str, tuple[str, str]] = {
    "title": ("note", "Network analysis"),
    "network": ("note", "Daily contact"),
    "political": ("note", "Contact with political bodies"),
    "key-figures": ("note", "Key figures"),
    "ideal-type": ("note", "The ideal type"),
    "findings": ("note", "Findings"),
    "change": ("note", "Change since"),
    "difference": ("note", "Change 2011–2013: Daily and weekly"),
    "questions": ("note", "Working questions"),
    "appendix": ("note", "Appendix"),
    "side-by-side": ("deck", "Daily and weekly contact"),
    "deck-key-figures": ("deck", "Key figures"),
}


def _png(page: Page) -> bytes:
    if page.image is not None:
        return page.image
    figure = page_figure(page)
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer, metadata={"Software": None})
    return buffer.getvalue()


def _documents() -> dict[str, Document]:
    driver = get_driver()
    infos = store.list_municipalities(driver)
    labels = municipality_labels(infos)
    d = resolve(infos, "D")
    note = build_note(load_source(driver, d, labels[d.name], ["2013", "2011"], "en"), "2013", "2011")
    chosen = [resolve(infos, letter) for letter in "ABCD"]
    deck = build_gathering([load_source(driver, info, labels[info.name], ["2013"], "en") for info in chosen], "2013")
    return {"note": note, "deck": deck}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/reports"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    documents = _documents()
    for name, (document, title) in EXAMPLES.items():
        page = next(p for p in pages_of(documents[document]) if p.title.startswith(title))
        (args.out / f"{name}.png").write_bytes(_png(page))
        print(args.out / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
