"""The gathering deck: several municipalities side by side under their letters.

Pages: title; the report's figures 5–7 — daily contact, daily and weekly contact, and
political contact, one panel per municipality under its letter (persons unlabelled: at four
panels on a slide, the colours carry the functions); a key-figures table comparing the
municipalities at daily and at weekly contact; then one page per municipality with its
working questions (its findings as notes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cypher.model import FUNCTIONS
from report.document import Document, Page, Section
from report.note import key_figures
from report.pictures import contact_legend, frequency_legend, function_legend, outline_legend, picture
from report.questions import working_questions
from report.scenes import network_panel, political_panel
from report.source import Source
from report.texts import THRESHOLD_TITLES, word

__all__ = ["MAX_SIDE_BY_SIDE", "build_gathering"]

#: Most municipalities drawn side by side on one picture (a 2×2 grid).
MAX_SIDE_BY_SIDE = 4


def _functions(sources: Sequence[Source], round: str) -> list[str]:
    present = {p.primary_function for s in sources for p in s.at(round, "daily").view.persons}
    return [f.key for f in FUNCTIONS if f.key in present]


def _side_by_side(sources: Sequence[Source], round: str, threshold: str | None) -> Page:
    lang = sources[0].lang
    heading = THRESHOLD_TITLES[lang][threshold] if threshold else word("political", lang)
    title = f"{heading} – {round}"
    functions = function_legend(_functions(sources, round), lang)
    if threshold is None:
        panels = [political_panel(s, round, s.shown_name, labels=False) for s in sources]
        legend = [functions, contact_legend(lang)]
        notes = [
            f"{s.shown_name}: {s.at(round, 'daily').findings[-1]}" for s in sources if s.at(round, "daily").findings
        ]
    else:
        panels = [network_panel(s, s.at(round, threshold), s.shown_name, labels=False) for s in sources]
        legend = [functions, frequency_legend(threshold, lang), outline_legend(lang)]
        notes = [f"{s.shown_name}: {text}" for s in sources for text in s.at(round, threshold).findings[:2]]
    return Page("picture", title, image=picture(panels, legend, title), notes=tuple(notes))


def build_gathering(sources: Sequence[Source], round: str, *, today: dt.date | None = None) -> Document:
    """The gathering deck of ``round`` for ``sources`` (at most :data:`MAX_SIDE_BY_SIDE`)."""
    if not 1 <= len(sources) <= MAX_SIDE_BY_SIDE:
        raise ValueError(f"a gathering deck shows 1 to {MAX_SIDE_BY_SIDE} municipalities, got {len(sources)}")
    lang = sources[0].lang
    today = today or dt.date.today()
    letters = ", ".join(s.shown_name for s in sources)
    title = f"{word('deck', lang)} – {word('round', lang)} {round}"
    columns = [(s, t) for s in sources for t in ("daily", "weekly")]
    pages = [
        Page("title", title, sections=(Section("", (letters, f"{word('made', lang)} {today.isoformat()}")),)),
        _side_by_side(sources, round, "daily"),
        _side_by_side(sources, round, "weekly"),
        _side_by_side(sources, round, None),
        Page(
            "table",
            f"{word('key_figures', lang)} – {round}",
            table=key_figures(
                [s.at(round, t) for s, t in columns], [f"{s.shown_name} {word(t, lang)}" for s, t in columns], lang
            ),
        ),
    ]
    for source in sources:
        findings = (*source.at(round, "daily").findings, *source.at(round, "weekly").findings)
        pages.append(
            Page(
                "text",
                word("questions_for", lang, label=source.shown_name),
                sections=(Section("", tuple(working_questions(source, round))),),
                notes=tuple(dict.fromkeys(findings)),
            )
        )
    stem = "gathering-" + "".join(s.info.name if s.show_names else s.label for s in sources) + f"-{round}-{lang}"
    return Document(title, lang, tuple(pages), stem)
