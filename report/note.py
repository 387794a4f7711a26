"""The municipal note: one municipality's network analysis as a :class:`~report.document.Document`.

Pages, in order: title (letter, rounds, date, response rate); the network at daily, weekly
and monthly contact and the political contacts (each picture with its findings as notes); key
figures; the ideal type found with the seed report's strengths and weaknesses; findings; with
an earlier round, the change since then (text and one difference picture per threshold);
working questions; with an earlier round, the QAP appendix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analytics.anonymise import function_label
from cypher.model import CONTACT_TYPE_LABELS, FUNCTIONS, THRESHOLDS
from report.change import changed_persons, membership_changes, part_changes, role_changes
from report.document import Document, Page, Section
from report.facts import Change, ViewFacts, change_facts
from report.pictures import (
    change_legend,
    contact_legend,
    frequency_legend,
    function_legend,
    outline_legend,
    picture,
)
from report.questions import working_questions
from report.scenes import difference_panel, network_panel, political_panel
from report.source import Source
from report.texts import IDEAL_TYPE_TEXT, THRESHOLD_TITLES, number, word

__all__ = ["build_note", "key_figures", "network_page", "political_page", "shape_sentence", "title_lines"]


def _functions(facts: ViewFacts) -> list[str]:
    """Primary functions present in the view, in the report's order of functions."""
    present = {p.primary_function for p in facts.view.persons}
    return [f.key for f in FUNCTIONS if f.key in present]


def title_lines(source: Source, round: str, compare_to: str | None, today: dt.date) -> list[str]:
    """Round(s), date and response rate of the title page."""
    lang = source.lang
    facts = source.at(round, "daily")
    rounds = f"{word('round', lang)} {round}"
    if compare_to:
        rounds += f" ({word('compared_with', lang)} {compare_to})"
    rate = facts.respondents / facts.persons if facts.persons else None
    share = f"{number(100 * rate, lang, 0)} %" if rate is not None else word("none", lang)
    answered = word("respondents_of", lang, k=facts.respondents, n=facts.persons)
    return [
        rounds,
        f"{word('made', lang)} {today.isoformat()}",
        f"{word('response_rate', lang)}: {share} ({answered})",
    ]


def network_page(source: Source, round: str, threshold: str) -> Page:
    """Picture page of one threshold; its findings are the notes."""
    lang = source.lang
    facts = source.at(round, threshold)
    title = f"{THRESHOLD_TITLES[lang][threshold]} – {source.shown_name} {round}"
    image = picture(
        [network_panel(source, facts, "")],
        [function_legend(_functions(facts), lang), frequency_legend(threshold, lang), outline_legend(lang)],
        title,
    )
    return Page("picture", title, image=image, notes=facts.findings)


def _political_notes(source: Source, round: str) -> list[str]:
    lang = source.lang
    summary = source.at(round, "daily").political
    labels = CONTACT_TYPE_LABELS[lang]
    notes = []
    for body in summary["bodies"]:
        kinds = ", ".join(f"{labels[kind]} {count}" for kind, count in body["by_type"].items() if count)
        of = "av" if lang == "nb" else "of"
        notes.append(f"{source.bodies[body['key']]}: {body['persons']} {of} {summary['persons']} ({kinds}).")
    return notes


def political_page(source: Source, round: str) -> Page:
    """Picture of the round's contacts with political bodies; per body counts as notes."""
    lang = source.lang
    title = f"{word('political', lang)} – {source.shown_name} {round}"
    facts = source.at(round, "monthly")
    image = picture(
        [political_panel(source, round, "")], [function_legend(_functions(facts), lang), contact_legend(lang)], title
    )
    return Page("picture", title, image=image, notes=tuple(_political_notes(source, round)))


def key_figures(cells: list[ViewFacts], headings: list[str], lang: str) -> tuple[tuple[str, ...], ...]:
    """Table rows: a header (``headings``: thresholds, or municipalities side by side), then one
    row per measure, a column per view in ``cells``; the measures' names are the findings' words."""
    header = (word("measure", lang), *headings)

    def row(key: str, value: Callable[[ViewFacts], str]) -> tuple[str, ...]:
        return (word(key, lang), *(value(facts) for facts in cells))

    def shape(facts: ViewFacts) -> str:
        label = facts.ideal_type["label"]
        if label is None:
            return word("none", lang)
        return word("mixed", lang) if label == "mixed" else IDEAL_TYPE_TEXT[label][lang]["name"]

    rows = [
        header,
        row("persons", lambda f: str(f.persons)),
        row("respondents", lambda f: str(f.respondents)),
        row("ties", lambda f: str(f.ties)),
        row("density", lambda f: number(f.density, lang)),
        row("parts", lambda f: str(len(f.parts))),
        row("isolates", lambda f: str(len(f.isolates))),
        row("bridge_builders", lambda f: str(len(f.bridge_builders))),
        row("centralisation", lambda f: number(f.centralisation, lang)),
        row("ideal_type", shape),
    ]
    present = {key for facts in cells for key in _functions(facts)}
    for key in (f.key for f in FUNCTIONS if f.key in present):
        label = word("ei", lang, function=function_label(key, lang))
        rows.append((label, *(number(facts.function_ei.get(key), lang) for facts in cells)))
    return tuple(rows)


def shape_sentence(facts: ViewFacts, lang: str) -> str:
    """The ideal type of a view's parts: "3 separate parts with no contact between them, all
    shaped like a line" or "the largest part (29 of 31 persons) most resembles a star"."""
    nb = lang == "nb"
    shapes = [s for s in facts.part_shapes if s is not None]
    k = len(facts.parts)
    if k >= 2 and len(shapes) == k and len(set(shapes)) == 1 and shapes[0] != "mixed":
        name = IDEAL_TYPE_TEXT[shapes[0]][lang]["name"]
        if nb:
            return f"{k} atskilte deler uten kontakt seg imellom, alle formet som en {name}"
        return f"{k} separate parts with no contact between them, all shaped like a {name}"
    found = facts.ideal_type
    label = found["label"]
    if label is None:
        return "ingen del med tre eller flere personer" if nb else "no part of three or more persons"
    size, n = found["part_size"], facts.persons
    if nb:
        subject = f"{k} {'del' if k == 1 else 'deler'}; den største ({size} av {n} personer)"
    else:
        subject = f"{k} {'part' if k == 1 else 'parts'}; the largest ({size} of {n} persons)"
    if label == "mixed":
        scores = found["scores"]
        closest = IDEAL_TYPE_TEXT[max(scores, key=lambda t: scores[t])][lang]["name"]
        return f"{subject} {'er en blanding, nærmest en' if nb else 'mixes the types, closest to a'} {closest}"
    name = IDEAL_TYPE_TEXT[label][lang]["name"]
    return f"{subject} {'ligner mest på en' if nb else 'most resembles a'} {name}"


def _ideal_type_page(source: Source, round: str) -> Page:
    lang = source.lang
    lines = []
    found: list[str] = []
    for threshold in THRESHOLDS:
        facts = source.at(round, threshold)
        lines.append(f"{THRESHOLD_TITLES[lang][threshold]}: {shape_sentence(facts, lang)}.")
        label = facts.ideal_type["label"]
        if label == "mixed":
            scores = facts.ideal_type["scores"]
            label = max(scores, key=lambda t: scores[t])
        for shape in (label, *facts.part_shapes):
            if shape in IDEAL_TYPE_TEXT and shape not in found:
                found.append(shape)
    sections = [Section("", tuple(lines))]
    for shape in found:
        text = IDEAL_TYPE_TEXT[shape][lang]
        name = text["name"].capitalize()
        sections.append(Section(f"{name}: {text['description']}", ()))
        sections.append(Section(f"{name} – {word('strengths', lang).lower()}", tuple(text["strengths"])))
        sections.append(Section(f"{name} – {word('weaknesses', lang).lower()}", tuple(text["weaknesses"])))
    return Page("text", word("ideal_types", lang), sections=tuple(sections))


def _findings_page(source: Source, round: str) -> Page:
    lang = source.lang
    sections = tuple(
        Section(THRESHOLD_TITLES[lang][threshold], source.at(round, threshold).findings) for threshold in THRESHOLDS
    )
    return Page("text", f"{word('findings', lang)} – {source.shown_name} {round}", sections=sections)


def _change_pages(source: Source, round: str, compare_to: str, changes: dict[str, Change]) -> list[Page]:
    lang = source.lang
    sections = [Section("", tuple(membership_changes(changes["daily"], source)))]
    pictures = []
    for threshold in THRESHOLDS:
        before, after, change = source.at(compare_to, threshold), source.at(round, threshold), changes[threshold]
        sentences = (*change.findings, *role_changes(change, source), *part_changes(before, after, source))
        sections.append(Section(THRESHOLD_TITLES[lang][threshold], sentences))
        highlighted = {p for persons in changed_persons(change).values() for p in persons}
        title = word("difference", lang, before=compare_to, after=round, threshold=THRESHOLD_TITLES[lang][threshold])
        title = f"{title} – {source.shown_name}"
        image = picture(
            [difference_panel(source, before, after, change, highlighted, "")],
            [function_legend(_functions(after), lang), change_legend(lang)],
            title,
        )
        pictures.append(Page("picture", title, image=image, notes=sentences))
    text = Page("text", f"{word('change', lang, round=compare_to)} – {source.shown_name}", sections=tuple(sections))
    return [text, *pictures]


def _appendix(source: Source, changes: dict[str, Change]) -> Page:
    lang = source.lang
    rows = []
    for threshold, change in changes.items():
        r, p, persons, permutations = change.qap
        rows.append(
            word(
                "appendix_row",
                lang,
                threshold=THRESHOLD_TITLES[lang][threshold],
                r=number(r, lang),
                p=number(p, lang, 3),
                persons=persons,
                permutations=permutations,
            )
        )
    return Page("text", word("appendix", lang), sections=(Section("", tuple(rows)),))


def build_note(
    source: Source, round: str, compare_to: str | None = None, *, today: dt.date | None = None, permutations: int = 1000
) -> Document:
    """The municipal note of ``round`` (compared with ``compare_to`` when given) from ``source``.

    ``source`` must hold both rounds (:func:`report.source.load_source`).
    """
    lang = source.lang
    today = today or dt.date.today()
    changes = (
        {
            t: change_facts(source.at(compare_to, t).view, source.at(round, t).view, lang, permutations=permutations)
            for t in THRESHOLDS
        }
        if compare_to
        else {}
    )
    title = f"{word('note', lang)} – {word('municipality', lang)} {source.shown_name}"
    pages = [
        Page("title", title, sections=(Section("", tuple(title_lines(source, round, compare_to, today))),)),
        *(network_page(source, round, threshold) for threshold in THRESHOLDS),
        political_page(source, round),
        Page(
            "table",
            f"{word('key_figures', lang)} – {source.shown_name} {round}",
            table=key_figures(
                [source.at(round, t) for t in THRESHOLDS], [THRESHOLD_TITLES[lang][t] for t in THRESHOLDS], lang
            ),
        ),
        _ideal_type_page(source, round),
        _findings_page(source, round),
    ]
    if compare_to:
        pages += _change_pages(source, round, compare_to, changes)
    questions = working_questions(source, round, changes.get("daily"))
    pages.append(
        Page("text", f"{word('questions', lang)} – {source.shown_name}", sections=(Section("", tuple(questions)),))
    )
    if compare_to:
        pages.append(_appendix(source, changes))
    stem = f"note-{source.info.name if source.show_names else source.label}-{round}"
    return Document(title, lang, tuple(pages), stem + (f"-vs-{compare_to}" if compare_to else "") + f"-{lang}")
