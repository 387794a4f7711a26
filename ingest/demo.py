"""Demo data: four fictional municipalities, two survey rounds, in the file formats users bring.

:func:`generate` writes survey exports for the municipalities Fjordvik (A), Østerå (B),
Bjørkelid (C) and Sæterdal (D), rounds 2011 and 2013, and :func:`load_demo` loads them
through the real ingest path (:func:`ingest.read_round`, :func:`ingest.load_round`,
:func:`ingest.set_alias`). ``netkart demo`` does both.

File formats (one municipality per format, the same in both rounds):

==========  ================================  ========  ==================  ==========
alias       municipality                      layout    file type           labels
==========  ================================  ========  ==================  ==========
A           Fjordvik                          wide      XLSX                Norwegian
B           Østerå                            long      CSV, UTF-8 + BOM    Norwegian
C           Bjørkelid                         wide      CSV ``;``, cp1252   Norwegian
D           Sæterdal                          long      CSV, UTF-8          English
==========  ================================  ========  ==================  ==========

Wide responses are headed by person id (A) or by name (C, as a survey tool exports them);
political contacts are wide (``Body: contact type``) for A and C and long for B and D. Only
B's roster has a ``responded`` column; elsewhere the respondent rule of
:mod:`ingest.survey` applies (a response row, or appearing as ego).

Structure
---------
The 2013 networks are *planted*, not drawn from a random-graph model, so that they show what
the report describes (Møreforsking and Husbanken region Midt-Norge, "Boligsosialt arbeid og
organisering", 2014; its figures are listed in the project's domain brief):

* **D, Sæterdal** – 34 persons; three separate daily *chains* (the report's line type);
  11 persons without any daily contact, 9 of them in services.
* **C, Bjørkelid** – 29 persons in 3 clusters at the weekly threshold: two *stars* around an
  allocation leader and an operation leader, and two planners who talk to each other;
  12 persons without daily contact.
* **A, Fjordvik** – a daily clique around economic instruments; 11 persons in services of
  whom 8 have no daily contact with another services person; at the weekly threshold the
  instruments, services and planning/operation clusters are joined only through two brokers
  (articulation points).
* **B, Østerå** – a dense centre of allocation and services, instruments and financial
  counselling at the side, planning at the periphery (paths into the centre run through the
  side), and three service users (``brukere``).

Political contact: everyone in D has contact with the mayor; in C most persons have contact,
mostly with committees and little with the mayor or the executive committee; contact types are
mostly information exchange, rarely political discussion.

2011 is derived from 2013 as a plausible earlier state: persons who joined later are absent,
two persons per municipality who later left are present, half of the cross-function ties are
missing and others are one step less frequent, a few more persons did not respond, and at
least two more persons than in 2013 lack daily contact. A tie between two non-respondents
cannot be observed, so it is not in the data.

Randomness (names, which side reports a tie, 2011 changes, political contacts) comes from one
:class:`random.Random` seeded with ``seed``: the same seed writes the same files. A planted tie
is reported by one side or both (reciprocity below 1); when both report it, one side may say
one step less often, so the union of the reports (the analysts' undirected view) is exactly the
planted network.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from cypher.model import CONTACT_TYPE_LABELS, FREQUENCIES, FUNCTIONS
from ingest.vocabulary import slug

if TYPE_CHECKING:  # `netkart --help` registers this command without loading the driver
    from neo4j import Driver

__all__ = [
    "DEFAULT_OUT",
    "DEFAULT_SEED",
    "MUNICIPALITIES",
    "ROUNDS",
    "DemoRound",
    "generate",
    "load_demo",
    "register",
]

DEFAULT_SEED = 2014
DEFAULT_OUT = Path("demo-data")
ROUNDS: tuple[str, str] = ("2011", "2013")

_FUNCTION_LABELS = {f.key: {"nb": f.nb, "en": f.en} for f in FUNCTIONS}
_FREQUENCY_LABELS = {
    "nb": {"daily": "daglig", "weekly": "ukentlig", "monthly": "månedlig", "less_often": "sjeldnere", None: "aldri"},
    "en": {"daily": "daily", "weekly": "weekly", "monthly": "monthly", "less_often": "less often", None: "never"},
}
_NORWEGIAN_HEADERS = {
    "person_id": "id",
    "name": "navn",
    "functions": "funksjoner",
    "unit": "enhet",
    "role": "rolle",
    "responded": "svart",
    "ego": "fra",
    "alter": "til",
    "frequency": "frekvens",
    "body": "organ",
    "contact_type": "kontakttype",
}
#: Column headers by language: the English ones are the canonical column names.
_HEADERS = {"nb": _NORWEGIAN_HEADERS, "en": {key: key for key in _NORWEGIAN_HEADERS}}
_UNITS = {
    "services": "Helse og omsorg",
    "allocation": "Tildelingskontoret",
    "instruments": "Husbank og økonomi",
    "housing_planning": "Rådmannens stab",
    "operation": "Kommunale eiendommer",
    "community_planning": "Plan og utvikling",
    "counselling": "NAV",
    "development": "Kommunale eiendommer",
    "users": "Brukerrådet",
    "other": "Rådmannens stab",
}
_FIRST_NAMES = (
    "Åse",
    "Bjørn",
    "Kjærsti",
    "Ståle",
    "Øyvind",
    "Sølvi",
    "Håkon",
    "Gøril",
    "Jørgen",
    "Solveig",
    "Torbjørn",
    "Åsmund",
    "Synnøve",
    "Bård",
    "Kåre",
    "Dagny",
    "Ragnhild",
    "Pål",
    "Mari",
    "Eirik",
    "Ingrid",
    "Lars",
    "Marte",
    "Oddbjørg",
    "Randi",
    "Sigrun",
    "Terje",
    "Unni",
    "Vegard",
    "Wenche",
    "Yngve",
    "Åshild",
    "Børge",
    "Tove",
    "Frøydis",
    "Gunnhild",
    "Halvard",
    "Idun",
    "Jøran",
    "Liv",
)
_LAST_NAMES = (
    "Bråtenløkk",
    "Sæbøvik",
    "Østmo",
    "Lyngbø",
    "Kvålsæter",
    "Haugsjå",
    "Rødsand",
    "Skjærvøy",
    "Nærbøl",
    "Fjærli",
    "Åmodt",
    "Grønnbakk",
    "Tjørholm",
    "Bøhaug",
    "Strømsæther",
    "Løvåsen",
    "Myrstøl",
    "Hølaas",
    "Kråkenes",
    "Sørbøen",
    "Vågsli",
    "Ødegårdstuen",
    "Flåtten",
    "Gjærevold",
    "Hæreid",
    "Jøsendal",
    "Lærum",
    "Mælandsli",
    "Nøstvold",
    "Råheim",
)


@dataclass(frozen=True)
class _Format:
    """How one municipality's survey tool exports: layout, file type, encoding and language."""

    layout: str  # "wide" responses or "long" contacts
    suffix: str  # ".csv" or ".xlsx"
    encoding: str = "utf-8"
    delimiter: str = ","
    lang: str = "nb"
    names_as_headers: bool = False  # wide headers: names (as survey tools export) or ids
    responded_column: bool = False


@dataclass(frozen=True)
class _Bodies:
    """A municipality's political bodies: the council's name and its named committees.

    ``committee_of`` maps a function key to the committee persons of that function meet.
    """

    council: str
    committees: tuple[str, ...]
    committee_of: dict[str, str]


@dataclass(frozen=True)
class _PoliticalProfile:
    """Probabilities of political contact for a respondent.

    ``reach``: any political contact; then, for a person with contact, ``mayor``,
    ``executive`` and ``council`` for those bodies and ``committee`` for the committee of the
    person's primary function (at least one body is always contacted).
    """

    reach: float
    mayor: float
    executive: float
    council: float
    committee: float


@dataclass(frozen=True)
class _DemoPerson:
    person_id: str
    functions: tuple[str, ...]
    role: str
    responded: bool


@dataclass
class _Plan:
    """A planted network: persons in roster order and undirected ties with a frequency.

    ``joined`` are persons who were not there in the previous round.
    """

    prefix: str
    persons: dict[str, _DemoPerson] = field(default_factory=dict)
    ties: dict[frozenset[str], str] = field(default_factory=dict)
    joined: list[str] = field(default_factory=list)
    serial: int = 0

    def add(self, *functions: str, role: str = "saksbehandler", responded: bool = True) -> str:
        self.serial += 1
        person_id = f"{self.prefix}{self.serial:03d}"
        self.persons[person_id] = _DemoPerson(person_id, functions, role, responded)
        return person_id

    def tie(self, a: str, b: str, frequency: str) -> None:
        """Plant a tie; planting an existing tie keeps the more frequent of the two."""
        key = frozenset((a, b))
        current = self.ties.get(key)
        if current is None or FREQUENCIES.index(frequency) < FREQUENCIES.index(current):
            self.ties[key] = frequency

    def path(self, ids: Sequence[str], frequency: str) -> None:
        for a, b in pairwise(ids):
            self.tie(a, b, frequency)

    def cycle(self, ids: Sequence[str], frequency: str) -> None:
        self.path([*ids, ids[0]], frequency)

    def star(self, hub: str, leaves: Sequence[str], frequency: str) -> None:
        for leaf in leaves:
            self.tie(hub, leaf, frequency)

    def without_daily(self) -> set[str]:
        """Persons with no daily tie."""
        return self.persons.keys() - {pid for key, f in self.ties.items() if f == "daily" for pid in key}

    def clique(self, ids: Sequence[str], frequency: str) -> None:
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                self.tie(a, b, frequency)


# -- the four municipalities in 2013 ---------------------------------------------------------


def _fjordvik() -> _Plan:
    """A: instruments clique, loosely knit services, three weekly clusters joined by two brokers."""
    plan = _Plan("FJ")
    instruments = [
        plan.add("instruments", role="leder"),
        *(plan.add("instruments") for _ in range(4)),
        plan.add("counselling"),
        plan.add("instruments", "allocation"),
    ]
    plan.clique(instruments[:5], "daily")
    plan.star(instruments[0], instruments[5:], "daily")
    plan.tie(instruments[5], instruments[1], "weekly")
    plan.tie(instruments[6], instruments[2], "weekly")

    services = [plan.add("services", role="leder"), *(plan.add("services") for _ in range(10)), plan.add("operation")]
    plan.clique(services[:3], "daily")  # the 3 of 11 in services with a daily colleague
    plan.tie(services[4], services[11], "daily")  # daily contact, but with the caretaker
    # a weekly ring with chords: no single services person holds the cluster together
    plan.cycle(services, "weekly")
    for a, b in ((0, 6), (3, 9), (1, 8), (5, 10)):
        plan.tie(services[a], services[b], "weekly")

    planning = [
        plan.add("allocation", role="leder"),
        plan.add("allocation"),
        plan.add("housing_planning"),
        plan.add("housing_planning"),
        plan.add("operation"),
        plan.add("operation"),
        plan.add("community_planning"),
        plan.add("development"),
    ]
    for a, b in ((0, 1), (2, 3), (4, 5)):
        plan.tie(planning[a], planning[b], "daily")
    plan.cycle(planning, "weekly")
    plan.tie(planning[0], planning[4], "weekly")
    plan.tie(planning[1], planning[6], "weekly")

    # the two brokers: the only weekly contact between the clusters runs through them
    broker_instruments = plan.add("allocation", "instruments", role="koordinator")
    plan.tie(broker_instruments, instruments[0], "daily")
    plan.tie(broker_instruments, instruments[6], "weekly")
    plan.tie(broker_instruments, services[0], "weekly")
    plan.tie(broker_instruments, services[5], "weekly")
    broker_planning = plan.add("housing_planning", role="boligkoordinator")
    plan.tie(broker_planning, services[1], "weekly")
    plan.tie(broker_planning, services[7], "weekly")
    plan.tie(broker_planning, planning[0], "daily")
    plan.tie(broker_planning, planning[2], "weekly")

    # monthly contact crosses the clusters directly; two persons only have monthly contact
    plan.tie(instruments[1], planning[0], "monthly")
    plan.tie(services[2], planning[5], "monthly")
    plan.tie(plan.add("counselling", responded=False), instruments[5], "monthly")
    plan.tie(plan.add("other", responded=False), planning[0], "monthly")
    plan.tie(services[3], planning[7], "less_often")
    plan.joined = [broker_planning, services[10]]
    return plan


def _ostera() -> _Plan:
    """B: centre of allocation and services, instruments and counselling aside, planning outside."""
    plan = _Plan("OS")
    allocation = [plan.add("allocation", role="leder"), plan.add("allocation"), plan.add("allocation", "services")]
    services = [
        plan.add("services", role="leder"),
        *(plan.add("services") for _ in range(6)),
        plan.add("services", responded=False),
    ]
    centre = allocation + services
    plan.clique(allocation, "daily")
    plan.star(services[0], services[1:], "daily")
    plan.tie(allocation[0], services[0], "daily")
    # dense weekly centre: every allocation person with every services person, services in a ring
    for a in allocation:
        plan.star(a, services, "weekly")
    plan.cycle(services, "weekly")

    users = [
        plan.add("users", role="bruker", responded=False),
        plan.add("users", role="bruker", responded=False),
        plan.add("users", role="bruker"),
    ]
    for user, worker in zip(users, services[1:4], strict=True):
        plan.tie(user, worker, "weekly")
    plan.tie(users[2], users[0], "monthly")

    instruments = [plan.add("instruments", role="leder"), plan.add("instruments"), plan.add("instruments")]
    plan.clique(instruments, "daily")
    plan.tie(instruments[0], allocation[1], "weekly")
    counselling = [plan.add("counselling"), plan.add("counselling")]
    plan.tie(*counselling, "daily")
    plan.tie(counselling[0], services[4], "weekly")
    plan.tie(counselling[1], instruments[1], "monthly")
    operation = [plan.add("operation"), plan.add("operation", "development")]
    plan.tie(*operation, "daily")
    plan.tie(operation[0], allocation[0], "weekly")
    plan.tie(operation[1], allocation[1], "weekly")

    planners = [plan.add("housing_planning"), plan.add("housing_planning"), plan.add("community_planning")]
    plan.path([instruments[2], *planners], "weekly")  # planning reaches the centre through the side
    plan.tie(planners[0], centre[0], "monthly")
    plan.tie(planners[2], operation[1], "less_often")
    plan.joined = [users[2], counselling[1]]
    return plan


def _bjorkelid() -> _Plan:
    """C: two star-shaped clusters and two planners; 12 of 29 without daily contact."""
    plan = _Plan("BL")
    allocation_hub = plan.add("allocation", role="leder")
    first = [
        *(plan.add("services") for _ in range(7)),
        plan.add("allocation"),
        plan.add("allocation"),
        plan.add("instruments"),
        plan.add("instruments"),
        plan.add("operation"),
        plan.add("operation", responded=False),
        plan.add("counselling", responded=False),
    ]
    plan.star(allocation_hub, first[:8], "daily")
    plan.star(allocation_hub, first[8:], "weekly")
    plan.tie(first[0], first[1], "weekly")
    plan.tie(first[9], first[10], "weekly")

    operation_hub = plan.add("operation", "development", role="leder")
    second = [
        plan.add("operation"),
        plan.add("operation"),
        plan.add("operation"),
        plan.add("development"),
        plan.add("development"),
        plan.add("development"),
        plan.add("services"),
        plan.add("services"),
        plan.add("services"),
        plan.add("instruments"),
        plan.add("other", responded=False),
    ]
    plan.star(operation_hub, second[:5], "daily")
    plan.star(operation_hub, second[5:], "weekly")
    plan.tie(second[0], second[1], "weekly")

    planners = [plan.add("housing_planning", role="rådgiver"), plan.add("community_planning", role="rådgiver")]
    plan.tie(*planners, "daily")

    # below the weekly threshold the clusters do meet
    plan.tie(allocation_hub, operation_hub, "monthly")
    plan.tie(planners[0], allocation_hub, "monthly")
    plan.tie(planners[1], operation_hub, "less_often")
    plan.tie(first[2], second[6], "monthly")
    plan.tie(first[11], second[0], "monthly")
    plan.joined = [first[6], second[4]]
    return plan


def _saeterdal() -> _Plan:
    """D: three separate daily chains; 11 of 34 without daily contact, 9 of them in services."""
    plan = _Plan("SD")
    chains = [
        [
            plan.add("allocation", role="leder"),
            plan.add("allocation", "instruments"),
            plan.add("instruments"),
            plan.add("instruments"),
            plan.add("counselling"),
            plan.add("services"),
            plan.add("services"),
            plan.add("allocation"),
        ],
        [
            plan.add("operation", role="leder"),
            plan.add("operation"),
            plan.add("operation"),
            plan.add("development"),
            plan.add("development"),
            plan.add("housing_planning"),
            plan.add("operation"),
            plan.add("allocation"),
        ],
        [
            plan.add("housing_planning", role="leder"),
            plan.add("community_planning"),
            plan.add("community_planning"),
            plan.add("housing_planning"),
            plan.add("instruments"),
            plan.add("services"),
            plan.add("counselling"),
        ],
    ]
    for chain in chains:
        plan.path(chain, "daily")
    loose = [*(plan.add("services") for _ in range(9)), plan.add("counselling"), plan.add("other")]
    # weekly contact extends the chains; it does not make anyone a hub
    plan.tie(chains[0][-1], chains[1][0], "weekly")
    plan.path([chains[0][5], *loose[0:3]], "weekly")
    plan.path([chains[2][5], *loose[3:5]], "weekly")
    plan.path([chains[0][6], *loose[5:7]], "weekly")
    plan.tie(loose[7], chains[0][6], "monthly")
    plan.tie(loose[8], chains[2][5], "monthly")
    plan.tie(loose[9], chains[0][4], "weekly")
    plan.tie(loose[10], chains[1][0], "monthly")
    plan.tie(chains[0][0], chains[2][0], "monthly")
    plan.tie(chains[1][5], chains[2][0], "monthly")
    plan.tie(chains[1][3], chains[2][2], "less_often")
    plan.joined = [loose[7], loose[8]]
    return plan


@dataclass(frozen=True)
class _MunicipalitySpec:
    name: str
    alias: str
    plan: Callable[[], _Plan]
    format: _Format
    bodies: _Bodies
    political: _PoliticalProfile


def _committees(health: str, technical: str, property_: str | None = None) -> dict[str, str]:
    """Committee by function: welfare functions meet the health committee, the rest the technical."""
    technical_functions = ("operation", "development", "community_planning", "housing_planning")
    mapping = {f.key: (technical if f.key in technical_functions else health) for f in FUNCTIONS}
    if property_ is not None:
        mapping.update(operation=property_, development=property_)
    return mapping


_SPECS: tuple[_MunicipalitySpec, ...] = (
    _MunicipalitySpec(
        "Fjordvik",
        "A",
        _fjordvik,
        _Format("wide", ".xlsx"),
        _Bodies(
            "Bystyret",
            ("Helse- og omsorgsutvalget", "Teknisk utvalg"),
            _committees("Helse- og omsorgsutvalget", "Teknisk utvalg"),
        ),
        _PoliticalProfile(reach=0.6, mayor=0.3, executive=0.2, council=0.2, committee=0.6),
    ),
    _MunicipalitySpec(
        "Østerå",
        "B",
        _ostera,
        _Format("long", ".csv", encoding="utf-8-sig", responded_column=True),
        _Bodies(
            "Kommunestyret",
            ("Hovedutvalg for helse og velferd", "Plan- og miljøutvalget"),
            _committees("Hovedutvalg for helse og velferd", "Plan- og miljøutvalget"),
        ),
        _PoliticalProfile(reach=0.5, mayor=0.3, executive=0.2, council=0.1, committee=0.6),
    ),
    _MunicipalitySpec(
        "Bjørkelid",
        "C",
        _bjorkelid,
        _Format("wide", ".csv", encoding="cp1252", delimiter=";", names_as_headers=True),
        _Bodies(
            "Kommunestyret",
            ("Helse- og velferdsutvalget", "Teknisk utvalg", "Eiendomsutvalget"),
            _committees("Helse- og velferdsutvalget", "Teknisk utvalg", "Eiendomsutvalget"),
        ),
        _PoliticalProfile(reach=0.85, mayor=0.05, executive=0.05, council=0.1, committee=1.0),
    ),
    _MunicipalitySpec(
        "Sæterdal",
        "D",
        _saeterdal,
        _Format("long", ".csv", lang="en"),
        _Bodies(
            "Kommunestyret",
            ("Helse- og sosialutvalget", "Plan- og næringsutvalget"),
            _committees("Helse- og sosialutvalget", "Plan- og næringsutvalget"),
        ),
        _PoliticalProfile(reach=1.0, mayor=1.0, executive=0.4, council=0.3, committee=0.5),
    ),
)


#: Anonymised letter → municipality name.
MUNICIPALITIES: dict[str, str] = {spec.alias: spec.name for spec in _SPECS}


# -- 2011 as an earlier state ------------------------------------------------------------------


def _weaker(frequency: str) -> str:
    return FREQUENCIES[min(FREQUENCIES.index(frequency) + 1, len(FREQUENCIES) - 1)]


def _earlier(later: _Plan, rng: random.Random) -> _Plan:
    """The round before ``later``: fewer persons in common, fewer cross-function ties, more isolation."""
    plan = _Plan(later.prefix, serial=later.serial)
    plan.persons = {pid: p for pid, p in later.persons.items() if pid not in later.joined}
    # two persons who left before the later round, each with a colleague of the same function
    for function in ("services", "allocation"):
        colleagues = [pid for pid, p in plan.persons.items() if p.functions[0] == function]
        leaver = plan.add(function)
        plan.tie(leaver, rng.choice(colleagues), rng.choice(("daily", "weekly")))
    for key, frequency in later.ties.items():
        if not key <= plan.persons.keys():
            continue
        a, b = sorted(key)
        same_function = plan.persons[a].functions[0] == plan.persons[b].functions[0]
        if same_function:
            plan.tie(a, b, _weaker(frequency) if frequency == "daily" and rng.random() < 0.15 else frequency)
        elif rng.random() < 0.5:
            plan.tie(a, b, _weaker(frequency) if rng.random() < 0.4 else frequency)
    # a lower response rate; a tie between two non-respondents is reported by no one
    for pid in rng.sample(sorted(p for p, person in plan.persons.items() if person.responded), 3):
        person = plan.persons[pid]
        plan.persons[pid] = _DemoPerson(pid, person.functions, person.role, responded=False)
    plan.ties = {
        key: frequency for key, frequency in plan.ties.items() if any(plan.persons[pid].responded for pid in key)
    }
    # more isolation: until at least two more persons than later lack daily contact, one more
    # person's daily ties are only weekly
    while len(plan.without_daily()) < len(later.without_daily()) + 2:
        person = rng.choice(sorted(plan.persons.keys() - plan.without_daily()))
        for key, frequency in plan.ties.items():
            if person in key and frequency == "daily":
                plan.ties[key] = "weekly"
    return plan


# -- what the survey files say -------------------------------------------------------------------


def _reports(plan: _Plan, rng: random.Random) -> dict[tuple[str, str], str]:
    """Reported arcs ``(ego, alter) → frequency`` whose union is exactly the plan's ties.

    Both respondents report a tie in about 70 % of cases (one of them one step less often in
    15 %), otherwise one side only; a non-respondent's ties are reported by the other side.
    """
    arcs: dict[tuple[str, str], str] = {}
    for key, frequency in sorted(plan.ties.items(), key=lambda item: sorted(item[0])):
        a, b = sorted(key)
        responded = [pid for pid in (a, b) if plan.persons[pid].responded]
        if not responded:
            raise ValueError(f"planted tie {a}–{b} joins two non-respondents: nobody would report it")
        if len(responded) == 1:
            ego = responded[0]
            arcs[ego, b if ego == a else a] = frequency
            continue
        draw = rng.random()
        if draw < 0.55:
            arcs[a, b] = arcs[b, a] = frequency
        elif draw < 0.7:
            weak, strong = rng.sample((a, b), 2)
            arcs[strong, weak] = frequency
            arcs[weak, strong] = _weaker(frequency)
        else:
            ego, alter = rng.sample((a, b), 2)
            arcs[ego, alter] = frequency
    return arcs


def _political(plan: _Plan, spec: _MunicipalitySpec, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """``(person_id, body, contact_type, frequency)`` answers of the respondents."""
    profile, bodies = spec.political, spec.bodies
    answers: list[tuple[str, str, str, str]] = []
    for pid, person in plan.persons.items():
        if not person.responded or rng.random() >= profile.reach:
            continue
        committee = bodies.committee_of[person.functions[0]]
        contacted = [
            body
            for body, p in (
                ("mayor", profile.mayor),
                ("executive_committee", profile.executive),
                ("council", profile.council),
                (committee, profile.committee),
            )
            if rng.random() < p
        ] or [committee]
        for body in contacted:
            types = {rng.choices(("information", "professional", "political"), weights=(0.7, 0.22, 0.08))[0]}
            if rng.random() < 0.2:
                types.add(rng.choice(("information", "professional")))
            for contact_type in sorted(types):
                frequency = rng.choices(("weekly", "monthly", "less_often"), weights=(0.1, 0.4, 0.5))[0]
                answers.append((pid, body, contact_type, frequency))
    return answers


def _body_label(body: str, spec: _MunicipalitySpec) -> str:
    lang = spec.format.lang
    fixed = {
        "mayor": {"nb": "Ordfører", "en": "Mayor"},
        "executive_committee": {"nb": "Formannskapet", "en": "Executive committee"},
        "council": {"nb": spec.bodies.council, "en": "Council"},
    }
    return fixed[body][lang] if body in fixed else body


def _names(person_ids: Sequence[str], rng: random.Random) -> dict[str, str]:
    """Distinct fictional names (the wide layout of C matches columns by name)."""
    pairs = rng.sample([(f, s) for f in _FIRST_NAMES for s in _LAST_NAMES], len(person_ids))
    return {pid: f"{first} {last}" for pid, (first, last) in zip(person_ids, pairs, strict=True)}


# -- writing files -------------------------------------------------------------------------------


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]], fmt: _Format) -> Path:
    path = path.with_suffix(fmt.suffix)
    if fmt.suffix == ".xlsx":
        from openpyxl import Workbook  # only the XLSX municipality needs it

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Svar"
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        workbook.save(path)
    else:
        with path.open("w", encoding=fmt.encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=fmt.delimiter, lineterminator="\r\n")
            writer.writerow(header)
            writer.writerows(rows)
    return path


@dataclass(frozen=True)
class DemoRound:
    """The files written for one municipality and round, as :class:`ingest.SurveyFiles` arguments."""

    municipality: str
    alias: str
    round_label: str
    roster: Path
    political: Path
    contacts: Path | None = None
    responses: Path | None = None


def _write_round(
    folder: Path, spec: _MunicipalitySpec, round_label: str, plan: _Plan, names: dict[str, str], rng: random.Random
) -> DemoRound:
    fmt = spec.format
    lang = fmt.lang
    headers = _HEADERS[lang]
    frequency_label = _FREQUENCY_LABELS[lang]
    folder.mkdir(parents=True, exist_ok=True)

    roster_columns = ["person_id", "name", "functions", "unit", "role"]
    roster_columns += ["responded"] if fmt.responded_column else []
    roster_rows = [
        [pid, names[pid], "; ".join(_FUNCTION_LABELS[f][lang] for f in p.functions), _UNITS[p.functions[0]], p.role]
        + (
            [("ja" if p.responded else "nei") if lang == "nb" else ("yes" if p.responded else "no")]
            if fmt.responded_column
            else []
        )
        for pid, p in plan.persons.items()
    ]
    roster = _write(folder / "roster", [headers[c] for c in roster_columns], roster_rows, fmt)

    arcs = _reports(plan, rng)
    respondents = [pid for pid, p in plan.persons.items() if p.responded]
    contacts = responses = None
    if fmt.layout == "wide":
        # one row per respondent, one column per roster person; "never" or, now and then, no answer
        columns = list(plan.persons)
        header = [headers["person_id"], *(names[pid] if fmt.names_as_headers else pid for pid in columns)]
        rows = [
            [
                ego,
                *(
                    ""
                    if alter == ego
                    else frequency_label[arcs[ego, alter]]
                    if (ego, alter) in arcs
                    else frequency_label[None]
                    if rng.random() < 0.9
                    else ""
                    for alter in columns
                ),
            ]
            for ego in respondents
        ]
        responses = _write(folder / "responses", header, rows, fmt)
    else:
        # reported contacts, plus a "never" row per respondent: every respondent appears as ego
        rows = []
        for ego in respondents:
            named = [alter for (e, alter) in arcs if e == ego]
            rows.extend([ego, alter, frequency_label[arcs[ego, alter]]] for alter in named)
            unnamed = [pid for pid in plan.persons if pid != ego and pid not in named]
            rows.append([ego, rng.choice(unnamed), frequency_label[None]])
        contacts = _write(folder / "contacts", [headers[c] for c in ("ego", "alter", "frequency")], rows, fmt)

    answers = _political(plan, spec, rng)
    type_label = CONTACT_TYPE_LABELS[lang]
    if fmt.layout == "wide":
        bodies = ["mayor", "executive_committee", "council", *spec.bodies.committees]
        cells = [(body, t) for body in bodies for t in ("information", "professional", "political")]
        by_person = {(pid, body, t): frequency for pid, body, t, frequency in answers}
        header = [headers["person_id"], *(f"{_body_label(b, spec)}: {type_label[t]}" for b, t in cells)]
        rows = [
            [pid, *(frequency_label[by_person[pid, b, t]] if (pid, b, t) in by_person else "" for b, t in cells)]
            for pid in respondents
        ]
    else:
        header = [headers[c] for c in ("person_id", "body", "contact_type", "frequency")]
        rows = [
            [pid, _body_label(body, spec), type_label[t], frequency_label[frequency]]
            for pid, body, t, frequency in answers
        ]
    political = _write(folder / "political", header, rows, fmt)
    return DemoRound(spec.name, spec.alias, round_label, roster, political, contacts, responses)


def generate(out: Path = DEFAULT_OUT, seed: int = DEFAULT_SEED) -> list[DemoRound]:
    """Write the demo survey files under ``out`` (``out/<municipality>/<round>/``).

    Returns the rounds in load order (each municipality's 2011 before its 2013). The same
    ``seed`` writes the same content.
    """
    rng = random.Random(seed)
    rounds: list[DemoRound] = []
    for spec in _SPECS:
        later = spec.plan()
        earlier = _earlier(later, rng)
        names = _names(sorted(later.persons.keys() | earlier.persons.keys()), rng)
        for label, plan in zip(ROUNDS, (earlier, later), strict=True):
            rounds.append(_write_round(out / slug(spec.name) / label, spec, label, plan, names, rng))
    return rounds


def load_demo(driver: Driver, rounds: Sequence[DemoRound], *, database: str | None = None) -> list[str]:
    """Load ``rounds`` through the ingest path and set the aliases; one summary line per round.

    The municipalities' rounds are written concurrently (:func:`ingest.load_rounds`). Loading
    the same files again is a no-op (:func:`ingest.load_round` compares checksums).
    """
    from ingest import SurveyFiles, load_rounds, read_round, set_alias

    parsed = [
        read_round(
            SurveyFiles(
                demo.municipality,
                demo.round_label,
                demo.roster,
                contacts=demo.contacts,
                responses=demo.responses,
                political=demo.political,
            )
        )
        for demo in rounds
    ]
    summaries = load_rounds(driver, parsed, database=database)
    lines: list[str] = []
    for demo, round_, summary in zip(rounds, parsed, summaries, strict=True):
        set_alias(driver, demo.municipality, demo.alias)
        frequencies = ", ".join(f"{n} {f}" for f, n in round_.contacts_per_frequency.items())
        lines.append(
            f"{demo.alias} {demo.municipality} {demo.round_label}: {len(round_.persons)} persons "
            f"({round_.respondents} respondents), contacts {frequencies}, {len(round_.political)} political "
            f"contacts; {summary.action}, {summary.relationships_created} relationships written"
        )
    return lines


def _demo(args: argparse.Namespace) -> int:
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    # Connect first, so that a server that is down fails at once, before any file is written.
    driver = None if args.no_load else get_driver()
    rounds = generate(args.out, args.seed)
    print(f"Wrote {len(rounds)} survey rounds to {args.out}/")
    if driver is None:
        return 0
    try:
        lines = load_demo(driver, rounds, database=load_settings().database)
    except ValueError as error:  # an alias of the demo is held by a municipality loaded earlier
        print(
            f"netkart demo: {error}. The demo's municipalities are shown as A–D; give the other "
            "municipality another letter (netkart municipality alias NAME E) or delete its rounds "
            "(netkart municipality delete-round NAME ROUND --yes), then run netkart demo again.",
            file=sys.stderr,
        )
        return 2
    print("\n".join(lines))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``netkart demo [--out DIR] [--seed N] [--no-load]``."""
    parser = subparsers.add_parser("demo", help="generate the demo survey files and load them")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the files (default: demo-data)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default: {DEFAULT_SEED})")
    parser.add_argument("--no-load", action="store_true", help="only write the files")
    parser.set_defaults(handler=_demo)
