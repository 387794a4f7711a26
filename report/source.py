"""What a report is made from, read through ``analytics`` once per municipality.

A :class:`Source` holds a municipality's views of the requested rounds at every threshold
with their :class:`~report.facts.ViewFacts`, the rounds' political contacts, the stable
positions of every person over all its rounds (the dashboard's layout) and the display labels:
pseudonyms over all rounds (one person, one pseudonym everywhere) or, with ``show_names``, the
roster names. Nothing here writes Cypher: views come from :mod:`analytics.store`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from neo4j import Driver

from analytics import store
from analytics.anonymise import pseudonyms
from analytics.layout import stable_positions
from analytics.political import PoliticalContact
from analytics.view import Person, View
from cypher.model import THRESHOLDS
from report.facts import ViewFacts, body_labels, municipality_labels, view_facts

__all__ = ["Source", "load_source", "resolve"]


@dataclass(frozen=True)
class Source:
    """One municipality's data for a report (see the module docstring)."""

    info: store.MunicipalityInfo
    label: str
    lang: str
    show_names: bool
    facts: dict[tuple[str, str], ViewFacts] = field(repr=False)
    political: dict[str, tuple[PoliticalContact, ...]] = field(repr=False)
    positions: dict[str, tuple[float, float]] = field(repr=False)
    labels: dict[str, str] = field(repr=False)
    bodies: dict[str, str] = field(repr=False)
    redact: Callable[[str], str] = field(repr=False)

    @property
    def shown_name(self) -> str:
        """The municipality as the report shows it: its letter, or its name with ``show_names``."""
        return f"{self.info.name} ({self.label})" if self.show_names else self.label

    def at(self, round: str, threshold: str) -> ViewFacts:
        return self.facts[round, threshold]

    def names(self, persons: Sequence[str]) -> str:
        """Display labels of ``persons``, sorted, joined by commas."""
        return ", ".join(sorted(self.labels.get(p, p) for p in persons))


def resolve(infos: Sequence[store.MunicipalityInfo], key: str) -> store.MunicipalityInfo:
    """The municipality named ``key`` or lettered ``key``; ``LookupError`` lists the letters."""
    for info in infos:
        if key in (info.name, info.alias):
            return info
    known = ", ".join(sorted(municipality_labels(infos).values())) or "none loaded yet"
    raise LookupError(f"no municipality {key!r} in the database; known (by letter): {known}")


def _redactor(replacements: dict[str, str]) -> Callable[[str], str]:
    """Replace every key of ``replacements`` in a text by its value, longest key first.

    A safety net: analytics' findings name functions and bodies, never persons, but in
    anonymised mode no name may reach a file even if a finding one day carried one.
    """
    keys = sorted((k for k in replacements if k), key=len, reverse=True)
    if not keys:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(k) for k in keys))
    return lambda text: pattern.sub(lambda m: replacements[m.group(0)], text)


def load_source(
    driver: Driver,
    info: store.MunicipalityInfo,
    label: str,
    rounds: Sequence[str],
    lang: str,
    *,
    show_names: bool = False,
    database: str | None = None,
) -> Source:
    """Views, facts, political contacts, positions and labels of ``info`` for ``rounds``."""
    for round in rounds:
        if round not in info.rounds:
            shown = info.name if show_names else label
            raise LookupError(f"{shown} has no survey round {round!r}; its rounds: {', '.join(info.rounds)}")
    political = {round: tuple(store.load_political(driver, info.name, round, database=database)) for round in rounds}
    views: dict[tuple[str, str], View] = {}
    for round in rounds:
        for threshold in THRESHOLDS:
            views[round, threshold] = store.load_view(driver, info.name, round, threshold, database=database)
    every_round = [
        views.get((round, "monthly")) or store.load_view(driver, info.name, round, "monthly", database=database)
        for round in info.rounds
    ]
    latest: dict[str, Person] = {}
    for view in every_round:
        latest.update(view.person_by_id)
    everyone = View(info.name, "all", "monthly", tuple(latest[p] for p in sorted(latest)), ())
    labels = (
        {p: person.name or p for p, person in latest.items()} if show_names else pseudonyms(everyone, lang, info.erased)
    )
    contacts = [c for round in rounds for c in political[round]]
    bodies = {c.body_key: c.body_name for c in contacts} if show_names else body_labels(contacts, lang)
    replacements: dict[str, str] = {}
    if not show_names:
        replacements |= {c.body_name: bodies[c.body_key] for c in contacts}
        replacements |= {person.name: labels[p] for p, person in latest.items() if person.name}
        replacements |= {p: labels[p] for p in latest}
        replacements[info.name] = label
    redact = _redactor(replacements)
    facts = {}
    for (round, threshold), view in views.items():
        found = view_facts(view, political[round], lang)
        facts[round, threshold] = replace(found, findings=tuple(redact(s) for s in found.findings))
    return Source(
        info=info,
        label=label,
        lang=lang,
        show_names=show_names,
        facts=facts,
        political=political,
        positions=stable_positions(every_round),
        labels=labels,
        bodies=bodies,
        redact=redact,
    )
