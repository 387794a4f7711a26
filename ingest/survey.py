"""Parse and validate one survey round (roster, contacts or responses, political contacts).

:func:`read_round` reads the files of a :class:`SurveyFiles`, checks every row against the
vocabulary and the roster, and returns a :class:`ParsedRound` ready for
:func:`ingest.writer.load_round`, or raises one :class:`~ingest.errors.ValidationError`
listing **every** problem found in every file. Nothing touches the database here.

Layouts (``docs/survey-format.md`` has an example of each):

roster
    ``person_id`` (required), ``functions`` (required; one or more labels separated by ``;``
    or ``,``), optional ``name``, ``unit``, ``role``, ``responded`` (ja/nei, yes/no, 1/0).
contacts (long)
    ``ego, alter, frequency``: one row per reported contact, ego → alter.
responses (wide)
    first column the respondent's ``person_id``; one column per roster person, headed by
    that person's ``person_id`` (exact) or name (case- and whitespace-insensitive); cells hold
    a frequency label or are empty.
political (long)
    ``person_id, body, contact_type, frequency``.
political (wide)
    first column ``person_id``; one column per body and contact type, headed
    ``BODY: CONTACT TYPE`` (``Ordfører: informasjonsutveksling``); cells hold a frequency.

Header names are matched case-insensitively, with Norwegian alternatives (``navn``,
``funksjoner``, ``enhet``, ``rolle``, ``svart``, ``fra``/``til``, ``frekvens``, ``organ``,
``kontakttype``); other columns of the long layouts are ignored.

Respondent rule: the ``responded`` column decides when it holds a value; otherwise a person
responded when they have a row in the wide responses, or appear as ``ego`` in the long
contacts (even if every answer was "never").
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from analytics.view import Arc, Person
from cypher.model import FREQUENCIES, FUNCTIONS, FunctionLabel
from ingest.errors import Problem, ValidationError
from ingest.readers import Cell, Column, Table, read_table
from ingest.vocabulary import (
    LabelError,
    normalise,
    parse_body,
    parse_contact_type,
    parse_frequency,
    parse_function,
    parse_responded,
)

__all__ = ["ParsedRound", "PoliticalAnswer", "SurveyFiles", "read_round"]


@dataclass(frozen=True)
class SurveyFiles:
    """The files of one municipality's survey round.

    Exactly one of ``contacts`` (long) and ``responses`` (wide) is given. ``sheet`` names the
    sheet to read in every XLSX file (default: the first sheet).
    """

    municipality: str
    round_label: str
    roster: Path
    contacts: Path | None = None
    responses: Path | None = None
    political: Path | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class PoliticalAnswer:
    """A reported contact of ``person_id`` with a political body, of one type and frequency."""

    person_id: str
    body_key: str
    body_name: str
    body_kind: str
    contact_type: str
    frequency: str


@dataclass(frozen=True)
class ParsedRound:
    """A validated survey round, ready to be written.

    ``persons`` are in roster order (``name`` is ``None`` throughout when read with
    ``no_names``); ``contacts`` are the reported ties (never/no answer are not ties);
    ``functions`` are the functions the roster uses, new ones included.
    """

    municipality: str
    round_label: str
    persons: tuple[Person, ...]
    contacts: tuple[Arc, ...]
    political: tuple[PoliticalAnswer, ...]
    functions: tuple[FunctionLabel, ...]
    names_stored: bool

    @cached_property
    def checksum(self) -> str:
        """SHA-256 of the round's content, independent of row order.

        Loading data with the same checksum again is a no-op (:func:`ingest.load_round`).
        """
        content = {
            "names_stored": self.names_stored,
            "persons": sorted((asdict(p) for p in self.persons), key=lambda p: p["person_id"]),
            "contacts": sorted((a.ego, a.alter, a.frequency) for a in self.contacts),
            "political": sorted(tuple(asdict(p).values()) for p in self.political),
            "functions": sorted(tuple(asdict(f).values()) for f in self.functions),
        }
        return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()

    @property
    def respondents(self) -> int:
        return sum(p.responded for p in self.persons)

    @property
    def response_rate(self) -> float:
        """Respondents / persons (0.0 for an empty roster)."""
        return self.respondents / len(self.persons) if self.persons else 0.0

    @property
    def contacts_per_frequency(self) -> dict[str, int]:
        counts = Counter(a.frequency for a in self.contacts)
        return {f: counts[f] for f in FREQUENCIES}


# Canonical column → accepted header keys (as normalised by ingest.readers).
_HEADERS: dict[str, tuple[str, ...]] = {
    "person_id": ("person_id", "id", "personid", "person"),
    "name": ("name", "navn"),
    "functions": ("functions", "function", "funksjoner", "funksjon"),
    "unit": ("unit", "enhet"),
    "role": ("role", "rolle", "stilling"),
    "responded": ("responded", "svart", "besvart"),
    "ego": ("ego", "fra", "from"),
    "alter": ("alter", "til", "to"),
    "frequency": ("frequency", "frekvens", "hyppighet"),
    "body": ("body", "organ", "politisk_organ"),
    "contact_type": ("contact_type", "kontakttype", "type"),
}


T = TypeVar("T")

_ROSTER_COLUMNS = (("person_id", "functions"), ("name", "unit", "role", "responded"))
_CONTACT_COLUMNS = ("ego", "alter", "frequency")
_POLITICAL_COLUMNS = ("person_id", "body", "contact_type", "frequency")
_WIDE_POLITICAL_SEPARATORS = (":", "|")


@dataclass(frozen=True)
class _Entry:
    """A roster row while the round is being validated."""

    person: Person
    line: int
    responded: bool | None


class _RoundReader:
    """Reads the files of one round, collecting every problem instead of stopping at the first."""

    def __init__(self, files: SurveyFiles, *, no_names: bool, allow_new_functions: bool) -> None:
        self.files = files
        self.no_names = no_names
        self.allow_new_functions = allow_new_functions
        self.problems: list[Problem] = []
        # person_id → roster entry; None when the roster could not be read, so the other
        # files are still checked for everything except roster membership.
        self.roster: dict[str, _Entry] | None = None
        self.functions: dict[str, FunctionLabel] = {}

    # -- helpers ---------------------------------------------------------------------------

    def label(self, table: Table, cell: Cell, parse: Callable[[str], T]) -> T | None:
        """``parse(cell.text)``, or ``None`` after recording the label problem."""
        try:
            return parse(cell.text)
        except LabelError as error:
            self.problems.append(table.problem(str(error), cell=cell, expected=error.expected))
            return None

    def frequency(self, table: Table, cell: Cell) -> str | None:
        """The frequency key of a cell; ``None`` for never, no answer or a bad label."""
        return self.label(table, cell, parse_frequency) if cell.text else None

    def table(self, path: Path | None) -> Table | None:
        """The file's table when it is readable and has data rows; problems recorded otherwise."""
        if path is None:
            return None
        try:
            table = read_table(path, sheet=self.files.sheet)
        except ValidationError as error:
            self.problems.extend(error.problems)
            return None
        self.problems.extend(table.problems)
        if not table.columns:
            self.problems.append(Problem(table.name, None, "file is empty", "a header row and at least one data row"))
            return None
        if not table.rows:
            self.problems.append(
                Problem(table.name, table.header_line, "file has a header but no data rows", "at least one data row")
            )
            return None
        return table

    def columns(self, table: Table, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, int]:
        """Index of each canonical column present; ``{}`` after recording missing required ones."""
        found: dict[str, int] = {}
        for name in required + optional:
            index = next((i for i, column in enumerate(table.columns) if column.key in _HEADERS[name]), None)
            if index is not None:
                found[name] = index
        missing = [name for name in required if name not in found]
        if missing:
            self.problems.append(
                Problem(table.name, table.header_line, "missing required column(s) " + ", ".join(missing),
                        "a header row with the columns " + ", ".join(required))
            )
            return {}
        return found

    def person(self, table: Table, cell: Cell, role: str) -> str | None:
        """The roster person_id in ``cell``, or ``None`` after recording why it is not one."""
        if not cell.text:
            self.problems.append(table.problem(f"empty {role}", cell=cell, expected="a person_id from the roster"))
            return None
        if self.roster is not None and cell.text not in self.roster:
            self.problems.append(table.problem(f"{role} {cell.text!r} is not on the roster", cell=cell,
                                               expected=f"a person_id of {self.files.roster.name}"))
            return None
        return cell.text

    # -- layouts ---------------------------------------------------------------------------

    def read_roster(self, table: Table) -> None:
        found = self.columns(table, *_ROSTER_COLUMNS)
        if not found:
            return
        roster: dict[str, _Entry] = {}
        for row in table.rows:
            cells = {name: row.cells[index] for name, index in found.items()}
            person_id = cells["person_id"].text
            if not person_id:
                self.problems.append(table.problem("empty person_id", cell=cells["person_id"], expected="a person id"))
            elif person_id in roster:
                self.problems.append(
                    table.problem(f"duplicate person_id {person_id!r} (first on line {roster[person_id].line})",
                                  cell=cells["person_id"], expected="each person once on the roster")
                )
            functions = self.read_functions(table, cells["functions"])
            responded = self.label(table, cells["responded"], parse_responded) if cells.get("responded", _NO_CELL).text \
                else None
            if person_id and person_id not in roster:
                person = Person(
                    person_id=person_id,
                    functions=functions,
                    responded=False,  # settled by the respondent rule once every file is read
                    name=None if self.no_names else cells.get("name", _NO_CELL).text or None,
                    unit=cells.get("unit", _NO_CELL).text or None,
                    role=cells.get("role", _NO_CELL).text or None,
                )
                roster[person_id] = _Entry(person, row.line, responded)
        self.roster = roster

    def read_functions(self, table: Table, cell: Cell) -> tuple[str, ...]:
        labels = [part.strip() for part in cell.text.replace(",", ";").split(";") if part.strip()]
        if not labels:
            self.problems.append(table.problem("no function given", cell=cell,
                                               expected="one or more function labels separated by ';'"))
        keys: list[str] = []
        for label in labels:
            function = self.label(table, cell, lambda _, label=label: parse_function(
                label, allow_new=self.allow_new_functions))
            if function is not None and function.key not in keys:
                keys.append(function.key)
                self.functions.setdefault(function.key, function)
        return tuple(keys)

    def read_contacts(self, table: Table) -> tuple[list[Arc], set[str]]:
        """Long contacts: the arcs, and every valid ego (a respondent by the rule)."""
        found = self.columns(table, _CONTACT_COLUMNS)
        if not found:
            return [], set()
        arcs: list[Arc] = []
        egos: set[str] = set()
        pairs: dict[tuple[str, str], int] = {}
        for row in table.rows:
            ego_cell, alter_cell, frequency_cell = (row.cells[found[name]] for name in _CONTACT_COLUMNS)
            ego = self.person(table, ego_cell, "ego")
            alter = self.person(table, alter_cell, "alter")
            frequency = self.frequency(table, frequency_cell)
            if ego is None or alter is None:
                continue
            egos.add(ego)
            if ego == alter:
                self.problems.append(table.problem(f"self-contact: {ego!r} names themself", cell=alter_cell,
                                                   expected="an alter other than the ego"))
            elif (ego, alter) in pairs:
                self.problems.append(
                    table.problem(f"pair {ego!r} → {alter!r} given twice (first on line {pairs[ego, alter]})",
                                  cell=alter_cell, expected="each ego–alter pair once")
                )
            else:
                pairs[ego, alter] = row.line
                if frequency is not None:
                    arcs.append(Arc(ego, alter, frequency))
        return arcs, egos

    def match_headers(self, table: Table, columns: tuple[Column, ...]) -> dict[Column, str]:
        """Wide headers → roster person_id (ids exactly, names case/whitespace-insensitively)."""
        if self.roster is None:
            return {}
        by_name: dict[str, list[str]] = {}
        for entry in self.roster.values():
            # names are matched even with no_names, which only keeps them out of the database
            if entry.person.name is not None or self.no_names:
                pass
        for person_id, name in self.roster_names.items():
            by_name.setdefault(normalise(name), []).append(person_id)
        matched: dict[Column, str] = {}
        unknown: list[Column] = []
        first_column: dict[str, Column] = {}
        for column in columns:
            if column.name in self.roster:
                person_id = column.name
            elif len(by_name.get(normalise(column.name), [])) == 1:
                person_id = by_name[normalise(column.name)][0]
            elif normalise(column.name) in by_name:
                ids = ", ".join(by_name[normalise(column.name)])
                self.problems.append(table.problem(f"name {column.name!r} is shared by persons {ids}",
                                                   line=table.header_line, column=column,
                                                   expected="a person_id as header for persons with the same name"))
                continue
            else:
                unknown.append(column)
                continue
            if person_id in first_column:
                self.problems.append(table.problem(f"person {person_id!r} has two columns (also "
                                                   f"{first_column[person_id].letter})", line=table.header_line,
                                                   column=column, expected="one column per roster person"))
                continue
            first_column[person_id] = column
            matched[column] = person_id
        if unknown:
            listed = ", ".join(f"'{c.name}' ({c.letter})" for c in unknown)
            self.problems.append(Problem(table.name, table.header_line, f"header(s) matching no roster person: {listed}",
                                         f"a person_id or name from {self.files.roster.name}"))
        return matched
