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
    a respondent column (``person_id``/``navn``, else the first column, else an e-mail
    column) holding the respondent's ``person_id``, roster name or roster e-mail; one column
    per roster person, headed by that person's ``person_id`` or name (case- and
    whitespace-insensitive), whole or as a matrix sub-question (``Question - Name``,
    ``Question [Name]``); cells hold a frequency label, a no-answer label or are empty.
    Survey-tool metadata columns (:data:`METADATA_COLUMNS`) and ``ignore_columns`` are
    skipped; a column naming no one and holding no answers is a warning.
political (long)
    ``person_id, body, contact_type, frequency``.
political (wide)
    first column ``person_id``; one column per body and contact type, headed
    ``BODY: CONTACT TYPE`` (``Ordfører: informasjonsutveksling``); cells hold a frequency.

Header names are matched case-insensitively, with Norwegian alternatives (``navn``,
``funksjoner``, ``enhet``, ``rolle``, ``svart``, ``fra``/``til``, ``frekvens``, ``organ``,
``kontakttype``); other columns of the long layouts are ignored.

Respondent rule: the ``responded`` column decides when it holds a value; otherwise a person
responded when they have at least one answer ("never" counts; empty and "vet ikke" do not)
in the wide responses or as ``ego`` in the long contacts. A whole contact block left empty
means the person did not answer the contact question: a non-respondent, counted in the notes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from cypher.model import FREQUENCIES, Arc, FunctionLabel, Person, PoliticalContact
from ingest.errors import Problem, ValidationError
from ingest.readers import DEFAULT_MAX_BYTES, Cell, Column, Row, Table, clean_text, control_character, read_table
from ingest.vocabulary import (
    LabelError,
    is_no_answer,
    normalise,
    parse_body,
    parse_contact_type,
    parse_frequency,
    parse_function,
    parse_responded,
)

__all__ = ["METADATA_COLUMNS", "ParsedRound", "SurveyFiles", "read_round"]


@dataclass(frozen=True)
class SurveyFiles:
    """The files of one municipality's survey round.

    Exactly one of ``contacts`` (long) and ``responses`` (wide) is given. ``sheet`` names the
    sheet to read in every XLSX file (default: the first sheet). ``header_row`` is the header's
    row in the survey exports (contacts, responses, political; default: detected),
    ``max_bytes`` the size limit of every file and ``ignore_columns`` headers of the exports
    to ignore besides the survey tools' metadata columns (:data:`METADATA_COLUMNS`);
    ``respondent_column`` the header of the wide layouts' respondent column (default: found).
    """

    municipality: str
    round_label: str
    roster: Path
    contacts: Path | None = None
    responses: Path | None = None
    political: Path | None = None
    sheet: str | None = None
    header_row: int | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    ignore_columns: tuple[str, ...] = ()
    respondent_column: str | None = None


@dataclass(frozen=True)
class ParsedRound:
    """A validated survey round, ready to be written.

    ``persons`` are in roster order (``name`` is ``None`` throughout when read with
    ``no_names``); ``contacts`` are the reported ties and ``political`` the reported
    political contacts (never and no answer are neither); ``functions`` are the functions
    the roster uses, new ones included; ``notes`` say how each file was read (encoding,
    header row, ignored columns), for the summary, and are not part of the checksum. The
    types are the analytics data contract (:mod:`analytics.view`, :mod:`analytics.political`).
    """

    municipality: str
    round_label: str
    persons: tuple[Person, ...]
    contacts: tuple[Arc, ...]
    political: tuple[PoliticalContact, ...]
    functions: tuple[FunctionLabel, ...]
    names_stored: bool
    notes: tuple[str, ...] = field(default=(), compare=False)

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


_EMAIL_KEYS = ("email", "e-mail", "e_mail", "e-post", "epost", "e_post", "mail", "e-postadresse", "email_address")

#: Header keys of the metadata columns survey tools add (respondent serial, timestamps,
#: status, IP, e-mail, language, duration), in Norwegian and English: ignored in the survey
#: exports and listed in the summary. An e-mail column can be the respondent key instead.
METADATA_COLUMNS: frozenset[str] = frozenset(
    {
        *("respondent_serial", "respondent_id", "respondentid", "respondent_nr", "respondentnummer", "serial"),
        *("serienummer", "løpenummer", "lopenummer", "response_id", "responseid", "svar_id", "svarid", "#"),
        *("timestamp", "tidsstempel", "tidspunkt", "start_time", "starttid", "started", "start_date", "startdato"),
        *("end_time", "sluttid", "ended", "completed_at", "submitted", "submitted_at", "innsendt", "dato", "date"),
        *("created", "created_at", "opprettet", "last_modified", "sist_endret", "endret"),
        *("status", "completed", "complete", "fullført", "fullfort", "finished", "ferdig", "svarstatus"),
        *("ip", "ip_address", "ip-adresse", "ip_adresse", "ipadresse"),
        *_EMAIL_KEYS,
        *("language", "språk", "sprak", "lang", "målform", "malform"),
        *("duration", "varighet", "tidsbruk", "time_taken", "duration_(seconds)", "seconds", "sekunder"),
    }
)

# Canonical column → accepted header keys (as normalised by ingest.readers).
_HEADERS: dict[str, tuple[str, ...]] = {
    "person_id": ("person_id", "id", "personid", "person"),
    "name": ("name", "navn"),
    "email": _EMAIL_KEYS,
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

_ROSTER_REQUIRED = ("person_id", "functions")
_ROSTER_OPTIONAL = ("name", "unit", "role", "responded", "email")
_CONTACT_COLUMNS = ("ego", "alter", "frequency")
_POLITICAL_COLUMNS = ("person_id", "body", "contact_type", "frequency")
_WIDE_POLITICAL_SEPARATORS = (":", "|", " - ")
# How survey tools write a matrix sub-question after its question text: "Question - Kari",
# "Question: Kari", "Question | Kari", or "Question [Kari]".
_SUBQUESTION = re.compile(r"^(?P<question>.*?)\s*(?:\[(?P<bracket>[^\[\]]+)\]|(?: - |: | \| )(?P<tail>[^:|]+?))\s*$")


@dataclass(frozen=True)
class _Entry:
    """A roster row while the round is being validated; ``name`` is kept even with no_names."""

    person: Person
    line: int
    name: str
    responded: bool | None
    email: str = ""


class _RoundReader:
    """Reads the files of one round, collecting every problem instead of stopping at the first."""

    def __init__(self, files: SurveyFiles, *, no_names: bool, allow_new_functions: bool) -> None:
        self.files = files
        self.no_names = no_names
        self.allow_new_functions = allow_new_functions
        self.problems: list[Problem] = []
        # person_id → roster entry; None while the roster is unreadable, so that the other
        # files are still checked for everything except roster membership.
        self.roster: dict[str, _Entry] | None = None
        # case-folded person_id → person_id as on the roster: ids equal after folding are one id
        self.folded: dict[str, str] = {}
        self.functions: dict[str, FunctionLabel] = {}
        self.notes: list[str] = []

    # -- cells and columns -----------------------------------------------------------------

    def label(self, table: Table, cell: Cell, parse: Callable[[str], T]) -> T | None:
        """``parse(cell.text)``, or ``None`` after recording the label problem."""
        try:
            return parse(cell.text)
        except LabelError as error:
            self.problems.append(table.problem(str(error), cell=cell, expected=error.expected))
            return None

    def frequency(self, table: Table, cell: Cell) -> str | None:
        """The frequency key of a cell; ``None`` for never, no answer (empty, "vet ikke") or a bad label."""
        return None if is_no_answer(cell.text) else self.label(table, cell, parse_frequency)

    def person(self, table: Table, cell: Cell, role: str, *, by_key: bool = False) -> str | None:
        """The roster person_id in ``cell``, or ``None`` after recording why it is not one.

        ``by_key``: the cell may also hold the person's name as on the roster (case and
        spaces ignored) or their e-mail from the roster's ``email`` column.
        """
        expected = f"a person_id{', name or e-mail' if by_key else ''} of {self.files.roster.name}"
        if not cell.text:
            self.problems.append(table.problem(f"empty {role}", cell=cell, expected=expected))
            return None
        if self.roster is None:
            return cell.text
        person_id = self.folded.get(cell.text.casefold())
        if person_id is None and by_key:
            person_id = self.by_name_or_email.get(normalise(cell.text))
        if person_id is None:
            self.problems.append(
                table.problem(f"{role} {cell.text!r} is not on the roster", cell=cell, expected=expected)
            )
        return person_id

    @cached_property
    def by_name_or_email(self) -> dict[str, str]:
        """Normalised roster name or e-mail → person_id (a name on the roster twice is left out)."""
        keys: dict[str, str] = {}
        shared: set[str] = set()
        for person_id, entry in (self.roster or {}).items():
            for key in (normalise(entry.name), normalise(entry.email)):
                if key in keys and keys[key] != person_id:
                    shared.add(key)
                elif key:
                    keys[key] = person_id
        return {key: person_id for key, person_id in keys.items() if key not in shared}

    def table(self, path: Path | None, *, export: bool = True) -> Table | None:
        """The file's table when it is readable and has data rows; problems recorded otherwise.

        ``export``: a survey export, whose header row ``files.header_row`` gives.
        """
        if path is None:
            return None
        try:
            table = read_table(
                path,
                sheet=self.files.sheet,
                header_row=self.files.header_row if export else None,
                max_bytes=self.files.max_bytes,
            )
        except ValidationError as error:
            self.problems.extend(error.problems)
            return None
        self.problems.extend(table.problems)
        notes = list(table.notes)
        if export:
            table, ignored = self.without_ignored(table)
            if ignored:
                notes.append("ignored columns " + ", ".join(f"'{c.name}' ({c.letter})" for c in ignored))
        self.notes.append(f"{table.name}: " + "; ".join(notes))
        if not table.columns:
            self.problems.append(Problem(table.name, None, "file is empty", "a header row and at least one data row"))
            return None
        if not table.rows:
            self.problems.append(
                Problem(table.name, table.header_line, "file has a header but no data rows", "at least one data row")
            )
            return None
        return table

    def without_ignored(self, table: Table) -> tuple[Table, list[Column]]:
        """The table without metadata columns and those of ``ignore_columns``, and those columns.

        E-mail columns stay: a wide layout may key its respondents by e-mail.
        """
        named = {normalise(name).replace(" ", "_") for name in self.files.ignore_columns}
        ignored = [
            index
            for index, column in enumerate(table.columns)
            if column.key in named or (column.key in METADATA_COLUMNS and column.key not in _EMAIL_KEYS)
        ]
        if not ignored:
            return table, []
        kept = [index for index in range(len(table.columns)) if index not in ignored]
        rows = tuple(Row(row.line, tuple(row.cells[index] for index in kept)) for row in table.rows)
        columns = tuple(table.columns[index] for index in kept)
        return replace(table, columns=columns, rows=rows), [table.columns[index] for index in ignored]

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
                Problem(
                    table.name,
                    table.header_line,
                    "missing required column(s) " + ", ".join(missing),
                    "a header row with the columns " + ", ".join(required),
                )
            )
            return {}
        return found

    # -- roster ----------------------------------------------------------------------------

    def read_roster(self, table: Table) -> None:
        found = self.columns(table, _ROSTER_REQUIRED, _ROSTER_OPTIONAL)
        if not found:
            return
        roster: dict[str, _Entry] = {}
        names: dict[str, int] = {}
        for row in table.rows:
            cells = {name: row.cells[index] for name, index in found.items()}
            text = {name: cell.text for name, cell in cells.items()}
            person_id = text["person_id"]
            first = self.folded.get(person_id.casefold())
            if not person_id:
                self.problems.append(table.problem("empty person_id", cell=cells["person_id"], expected="a person id"))
            elif first is not None:
                same = "" if first == person_id else f", written {first!r} there; case is ignored"
                self.problems.append(
                    table.problem(
                        f"duplicate person_id {person_id!r} (first on line {roster[first].line}{same})",
                        cell=cells["person_id"],
                        expected="each person once on the roster",
                    )
                )
            name = normalise(text.get("name", ""))
            if name and name in names:
                self.problems.append(
                    table.problem(
                        f"name {text['name']!r} is on the roster twice (also on line {names[name]})",
                        cell=cells["name"],
                        expected="each name once (add a middle initial or the unit), so that answers match by name",
                    )
                )
            names.setdefault(name, row.line)
            functions = self.read_functions(table, cells["functions"])
            responded = self.label(table, cells["responded"], parse_responded) if text.get("responded") else None
            if person_id and first is None:
                self.folded[person_id.casefold()] = person_id
                person = Person(
                    person_id=person_id,
                    functions=functions,
                    responded=False,  # settled by the respondent rule once every file is read
                    name=None if self.no_names else text.get("name") or None,
                    unit=text.get("unit") or None,
                    role=text.get("role") or None,
                )
                roster[person_id] = _Entry(person, row.line, text.get("name", ""), responded, text.get("email", ""))
        self.roster = roster

    def read_functions(self, table: Table, cell: Cell) -> tuple[str, ...]:
        """Function keys of a ``functions`` cell, first-listed first, each once."""
        labels = [part.strip() for part in cell.text.replace(",", ";").split(";") if part.strip()]
        if not labels:
            self.problems.append(
                table.problem("no function given", cell=cell, expected="one or more function labels separated by ';'")
            )
        keys: list[str] = []
        for label in labels:
            function = self.label(
                table, cell, lambda _, label=label: parse_function(label, allow_new=self.allow_new_functions)
            )
            if function is not None and function.key not in keys:
                keys.append(function.key)
                self.functions.setdefault(function.key, function)
        return tuple(keys)

    # -- contacts: long and wide -----------------------------------------------------------

    def read_contacts(self, table: Table) -> tuple[list[Arc], set[str]]:
        """Long contacts: the arcs, and every ego with at least one answer (a respondent by the rule)."""
        found = self.columns(table, _CONTACT_COLUMNS)
        if not found:
            return [], set()
        arcs: list[Arc] = []
        pairs: dict[tuple[str, str], int] = {}
        answered: set[str] = set()
        for row in table.rows:
            ego_cell, alter_cell, frequency_cell = (row.cells[found[name]] for name in _CONTACT_COLUMNS)
            ego = self.person(table, ego_cell, "ego")
            alter = self.person(table, alter_cell, "alter")
            frequency = self.frequency(table, frequency_cell)
            if ego is None or alter is None:
                continue
            if ego == alter:
                self.problems.append(
                    table.problem(
                        f"self-contact: {ego!r} names themself", cell=alter_cell, expected="an alter other than the ego"
                    )
                )
            elif (ego, alter) in pairs:
                self.problems.append(
                    table.problem(
                        f"pair {ego!r} → {alter!r} given twice (first on line {pairs[ego, alter]})",
                        cell=alter_cell,
                        expected="each ego–alter pair once",
                    )
                )
            else:
                pairs[ego, alter] = row.line
                if not is_no_answer(frequency_cell.text):
                    answered.add(ego)
                if frequency is not None:
                    arcs.append(Arc(ego, alter, frequency))
        self.note_empty_blocks(table, len({ego for ego, _ in pairs} - answered))
        return arcs, answered

    def respondent_column(self, table: Table) -> int:
        """Index of the wide layout's respondent column.

        A column headed ``person_id`` (or ``id``, ``navn``/``name``) when there is one; else the
        first column, unless it is an e-mail column beside one that holds the grid.
        """
        keys = _HEADERS["person_id"] + _HEADERS["name"]
        if self.files.respondent_column:
            keys = (normalise(self.files.respondent_column).replace(" ", "_"),)
        named = next((i for i, column in enumerate(table.columns) if column.key in keys), None)
        if named is not None:
            return named
        if self.files.respondent_column:
            self.problems.append(
                Problem(
                    table.name,
                    table.header_line,
                    f"no column headed {self.files.respondent_column!r} (the respondent column)",
                    "the respondent column's header as in the file, e.g. in the profile's respondent_column",
                )
            )
        emails = [i for i, column in enumerate(table.columns) if column.key in _EMAIL_KEYS]
        return emails[0] if emails and self.is_grid_header(table.columns[0]) else 0

    def is_grid_header(self, column: Column) -> bool:
        return self.roster is not None and self.header_person(column.name) is not None

    def header_person(self, header: str) -> str | None:
        """The roster person a wide header names: by id or name, whole or as a sub-question."""
        for text in _header_forms(header):
            person_id = self.folded.get(text.casefold()) or self.by_name_or_email.get(normalise(text))
            if person_id is not None:
                return person_id
        return None

    def grid_columns(self, table: Table, respondent: int) -> list[tuple[int, Column]]:
        """The wide layout's answer columns: all but the respondent and e-mail columns."""
        return [
            (index, column)
            for index, column in enumerate(table.columns)
            if index != respondent and column.key not in _EMAIL_KEYS
        ]

    def match_headers(self, table: Table, respondent: int) -> dict[int, str]:
        """Wide response headers → roster person_id, by column index.

        Ids match exactly (case ignored), names case- and whitespace-insensitively, whole or
        as a matrix sub-question (``Question - Name``, ``Question [Name]``). A header matching
        no one is one problem listing all such headers when its cells hold frequency labels
        (answers about someone not on the roster); otherwise the column is ignored and listed.
        """
        if self.roster is None:
            return {}
        by_name: dict[str, list[str]] = {}
        for person_id, entry in self.roster.items():
            if entry.name:
                by_name.setdefault(normalise(entry.name), []).append(person_id)
        matched: dict[int, str] = {}
        first_column: dict[str, Column] = {}
        unknown: list[Column] = []
        ignored: list[Column] = []
        for index, column in self.grid_columns(table, respondent):
            ids = next(
                (found for text in _header_forms(column.name) if (found := self.header_ids(text, by_name))),
                [],
            )
            if not ids:
                answers = any(row.cells[index].text and _is_frequency(row.cells[index].text) for row in table.rows)
                (unknown if answers else ignored).append(column)
            elif len(ids) > 1:
                self.problems.append(
                    table.problem(
                        f"name {column.name!r} is shared by persons {', '.join(ids)}",
                        line=table.header_line,
                        column=column,
                        expected="a person_id as header when names are shared",
                    )
                )
            elif ids[0] in first_column:
                self.problems.append(
                    table.problem(
                        f"person {ids[0]!r} has a second column (first in {first_column[ids[0]].letter})",
                        line=table.header_line,
                        column=column,
                        expected="one column per roster person",
                    )
                )
            else:
                first_column[ids[0]] = column
                matched[index] = ids[0]
        if unknown:
            listed = ", ".join(f"'{column.name}' ({column.letter})" for column in unknown)
            self.problems.append(
                Problem(
                    table.name,
                    table.header_line,
                    f"header(s) matching no roster person: {listed}",
                    f"a person_id or name from {self.files.roster.name}, or --ignore-columns for columns to skip",
                )
            )
        if ignored:
            listed = ", ".join(f"'{column.name}' ({column.letter})" for column in ignored)
            self.notes.append(
                f"{table.name}: warning: ignored column(s) naming no roster person and holding no answers: {listed}"
            )
        return matched

    def header_ids(self, text: str, by_name: dict[str, list[str]]) -> list[str]:
        folded = self.folded.get(text.casefold())
        return [folded] if folded is not None else by_name.get(normalise(text), [])

    def respondent_rows(self, table: Table, respondent: int) -> dict[str, tuple[Cell, ...]]:
        """Wide layouts: respondent person_id → the row's cells; checks duplicates."""
        rows: dict[str, tuple[Cell, ...]] = {}
        first_line: dict[str, int] = {}
        for row in table.rows:
            person_id = self.person(table, row.cells[respondent], "respondent", by_key=True)
            if person_id is None:
                continue
            if person_id in rows:
                self.problems.append(
                    table.problem(
                        f"duplicate respondent row for {person_id!r} (first on line {first_line[person_id]})",
                        cell=row.cells[respondent],
                        expected="one row per respondent",
                    )
                )
                continue
            rows[person_id] = row.cells
            first_line[person_id] = row.line
        return rows

    def read_responses(self, table: Table) -> tuple[list[Arc], set[str]]:
        """Wide responses: the arcs, and every respondent (a row with at least one answer)."""
        respondent = self.respondent_column(table)
        matched = self.match_headers(table, respondent)
        arcs: list[Arc] = []
        rows = self.respondent_rows(table, respondent)
        answered: set[str] = set()
        for ego, cells in rows.items():
            for index, alter in matched.items():
                if is_no_answer(cells[index].text):
                    continue
                answered.add(ego)
                frequency = self.frequency(table, cells[index])
                if frequency is None:
                    continue
                if alter == ego:
                    self.problems.append(
                        table.problem(
                            f"self-contact: {ego!r} names themself",
                            cell=cells[index],
                            expected="an empty cell in the respondent's own column",
                        )
                    )
                else:
                    arcs.append(Arc(ego, alter, frequency))
        self.note_empty_blocks(table, len(rows) - len(answered))
        return arcs, answered

    def note_empty_blocks(self, table: Table, count: int) -> None:
        if count:
            self.notes.append(
                f"{table.name}: {count} respondent(s) left the whole contact block empty: did not answer the "
                "contact question, counted as non-respondents"
            )

    # -- political contacts: long and wide -------------------------------------------------

    def read_political(self, table: Table) -> list[PoliticalContact]:
        """Political contacts, long or wide (wide when there are no body and contact_type columns)."""
        long_layout = all(any(c.key in _HEADERS[name] for c in table.columns) for name in ("body", "contact_type"))
        answers = self.read_political_long(table) if long_layout else self.read_political_wide(table)
        seen: dict[tuple[str, str, str], PoliticalContact] = {}
        for cell, answer in answers:
            key = (answer.person_id, answer.body_key, answer.contact_type)
            if key in seen:
                self.problems.append(
                    table.problem(
                        f"{answer.person_id!r} gives {answer.contact_type} contact with {answer.body_name!r} twice",
                        cell=cell,
                        expected="each person, body and contact type once",
                    )
                )
            else:
                seen[key] = answer
        return [answer for answer in seen.values() if answer.frequency]

    def read_political_long(self, table: Table) -> list[tuple[Cell, PoliticalContact]]:
        found = self.columns(table, _POLITICAL_COLUMNS)
        if not found:
            return []
        answers = []
        for row in table.rows:
            person_cell, body_cell, type_cell, frequency_cell = (row.cells[found[n]] for n in _POLITICAL_COLUMNS)
            person_id = self.person(table, person_cell, "person_id")
            body = self.label(table, body_cell, parse_body)
            contact_type = self.label(table, type_cell, parse_contact_type)
            frequency = self.frequency(table, frequency_cell)
            if person_id and body and contact_type:
                answers.append((body_cell, PoliticalContact(person_id, *body, contact_type, frequency)))
        return answers

    def read_political_wide(self, table: Table) -> list[tuple[Cell, PoliticalContact]]:
        headers: dict[int, tuple[tuple[str, str, str], str]] = {}
        respondent = self.respondent_column(table)
        grid = self.grid_columns(table, respondent)
        texts = _without_question(_political_header(column.name) for _, column in grid)
        for (index, column), text in zip(grid, texts, strict=True):
            # the rightmost separator: a question text or a body name may hold the others
            separator = (
                max(_WIDE_POLITICAL_SEPARATORS, key=text.rfind)
                if any(s in text for s in _WIDE_POLITICAL_SEPARATORS)
                else None
            )
            if separator is None:
                self.problems.append(
                    table.problem(
                        "header is not 'BODY: CONTACT TYPE'",
                        line=table.header_line,
                        column=column,
                        expected="e.g. 'Ordfører: informasjonsutveksling' (or the long layout person_id, body, "
                        "contact_type, frequency)",
                    )
                )
                continue
            body_text, _, type_text = text.rpartition(separator)
            header_cell = Cell(column.name, table.header_line, column)
            body = self.label(table, header_cell, lambda _, text=body_text: parse_body(text))
            contact_type = self.label(table, header_cell, lambda _, text=type_text: parse_contact_type(text))
            if body and contact_type:
                headers[index] = (body, contact_type)
        answers = []
        for person_id, cells in self.respondent_rows(table, respondent).items():
            for index, (body, contact_type) in headers.items():
                frequency = self.frequency(table, cells[index])
                answers.append((cells[index], PoliticalContact(person_id, *body, contact_type, frequency)))
        return answers


def _header_forms(header: str) -> list[str]:
    """The texts a wide header may name a person by: whole, or as a matrix sub-question."""
    forms = [header]
    match = _SUBQUESTION.match(header)
    if match:
        forms.append((match.group("bracket") or match.group("tail")).strip())
    return forms


def _political_header(header: str) -> str:
    """``BODY: CONTACT TYPE`` of a wide political header, without a bracketed question text.

    ``Kontakt med politikere [Ordfører - Informasjonsutveksling]`` gives the bracket's
    content; a question text before the body and contact type is left to the separators.
    """
    match = _SUBQUESTION.match(header)
    return match.group("bracket").strip() if match and match.group("bracket") else header


def _without_question(headers: Iterable[str]) -> list[str]:
    """Headers without the question text they all start with (``Kontakt med politikere: ...``).

    The shared start is cut back to its last separator, and only taken off when every header
    still holds a separator afterwards (``Ordfører: ...`` on every header is a body, not a
    question).
    """
    headers = list(headers)
    low, high = (min(headers), max(headers)) if len(headers) > 1 else ("", "")
    prefix = low[: next((i for i, (a, b) in enumerate(zip(low, high, strict=False)) if a != b), len(low))]
    cut = max((prefix.rfind(s) + len(s) for s in (": ", " - ", " | ") if s in prefix), default=0)
    stripped = [header[cut:].strip() for header in headers]
    if cut and all(any(s in text for s in _WIDE_POLITICAL_SEPARATORS) for text in stripped):
        return stripped
    return headers


def _is_frequency(text: str) -> bool:
    try:
        parse_frequency(text)
    except LabelError:
        return False
    return True


def read_round(files: SurveyFiles, *, no_names: bool = False, allow_new_functions: bool = False) -> ParsedRound:
    """Read and validate a survey round.

    Parameters
    ----------
    files : SurveyFiles
        The round's files; exactly one of ``contacts`` and ``responses``.
    no_names : bool
        Drop the roster's names: they are used to match wide headers, never returned.
    allow_new_functions : bool
        Accept function labels outside ``cypher.model.FUNCTIONS`` as new functions.

    Returns
    -------
    ParsedRound

    Raises
    ------
    ValidationError
        With every problem of every file (file, line, column, expected).
    ValueError
        When the municipality or round label is empty, or not exactly one of contacts and
        responses is given.
    """
    for what, text in (("municipality", files.municipality), ("round label", files.round_label)):
        if not clean_text(text).strip():
            raise ValueError(f"{what} must not be empty")
        if control_character(text):
            raise ValueError(f"{what} {text!r} holds a {control_character(text)}; expected plain text")
    files = replace(
        files, municipality=clean_text(files.municipality).strip(), round_label=clean_text(files.round_label).strip()
    )
    if (files.contacts is None) == (files.responses is None):
        raise ValueError("give exactly one of contacts (long layout) and responses (wide layout)")
    reader = _RoundReader(files, no_names=no_names, allow_new_functions=allow_new_functions)
    roster_table = reader.table(files.roster, export=False)
    if roster_table is not None:
        reader.read_roster(roster_table)
    arcs: list[Arc] = []
    respondents: set[str] = set()
    contacts_table = reader.table(files.contacts)
    if contacts_table is not None:
        arcs, respondents = reader.read_contacts(contacts_table)
    responses_table = reader.table(files.responses)
    if responses_table is not None:
        arcs, respondents = reader.read_responses(responses_table)
    political_table = reader.table(files.political)
    political = reader.read_political(political_table) if political_table is not None else []
    if reader.problems or reader.roster is None:
        # file by file in argument order, then by line: the order a person fixes them in
        order = [path.name for path in (files.roster, files.contacts, files.responses, files.political) if path]
        raise ValidationError(
            sorted(reader.problems, key=lambda p: (order.index(p.file) if p.file in order else 0, p.line or 0))
        )
    persons = tuple(
        replace(entry.person, responded=entry.responded if entry.responded is not None else person_id in respondents)
        for person_id, entry in reader.roster.items()
    )
    return ParsedRound(
        municipality=files.municipality.strip(),
        round_label=files.round_label.strip(),
        persons=persons,
        contacts=tuple(arcs),
        political=tuple(political),
        functions=tuple(reader.functions.values()),
        names_stored=not no_names,
        notes=tuple(reader.notes),
    )
