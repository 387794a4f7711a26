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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from cypher.model import FREQUENCIES, Arc, FunctionLabel, Person, PoliticalContact
from ingest.errors import Problem, ProblemCollector, ValidationError
from ingest.readers import DEFAULT_MAX_BYTES, Column, Table, clean_text, control_character, read_table
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
        # the fields read directly rather than by dataclasses.asdict, which deep-copies every
        # value: the same JSON at a fraction of the cost
        content = {
            "names_stored": self.names_stored,
            "persons": sorted((_fields(p) for p in self.persons), key=lambda p: p["person_id"]),
            "contacts": sorted((a.ego, a.alter, a.frequency) for a in self.contacts),
            "political": sorted(tuple(_fields(p).values()) for p in self.political),
            "functions": sorted(tuple(_fields(f).values()) for f in self.functions),
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


def _fields(instance: Person | PoliticalContact | FunctionLabel) -> dict[str, object]:
    """A flat dataclass's fields by name, in order (what ``asdict`` gives it, without copies)."""
    return {item.name: getattr(instance, item.name) for item in fields(instance)}


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


# A political answer: the cell it came from (data row, column), the rank of its given-twice
# check, and the answer.
_Answer = tuple[tuple[int, int], int, PoliticalContact]


@dataclass(frozen=True)
class _Entry:
    """A roster row while the round is being validated; ``name`` is kept even with no_names."""

    person: Person
    line: int
    name: str
    responded: bool | None
    email: str = ""


class _RoundReader:
    """Reads the files of one round, collecting every problem instead of stopping at the first.

    Validation is column-wise: each column's distinct values are checked once (a national file
    repeats a few hundred ids and a handful of labels over millions of cells), and a located
    problem is built only for a failing cell. Each check passes its ``rank``, its place among
    the checks of one row, so that the problems come out in the order a row-by-row reading
    gives them (:class:`~ingest.errors.ProblemCollector`).
    """

    def __init__(self, files: SurveyFiles, *, no_names: bool, allow_new_functions: bool) -> None:
        self.files = files
        self.no_names = no_names
        self.allow_new_functions = allow_new_functions
        # file by file in argument order, then by line: the order a person fixes them in
        order = [path.name for path in (files.roster, files.contacts, files.responses, files.political) if path]
        self.problems = ProblemCollector(files=order)
        # person_id → roster entry; None while the roster is unreadable, so that the other
        # files are still checked for everything except roster membership.
        self.roster: dict[str, _Entry] | None = None
        # case-folded person_id → person_id as on the roster: ids equal after folding are one id
        self.folded: dict[str, str] = {}
        self.functions: dict[str, FunctionLabel] = {}
        self.notes: list[str] = []

    # -- columns ---------------------------------------------------------------------------

    def labels(
        self,
        table: Table,
        index: int,
        parse: Callable[[str], T],
        rows: Sequence[int] | None = None,
        *,
        rank: int = 0,
    ) -> list[T | None]:
        """``parse`` of each cell of column ``index`` on the data rows ``rows`` (default: all).

        Each distinct text is parsed once; a cell whose text fails gives ``None`` and a
        problem located at that cell.
        """
        column = table.values[index]
        texts = column if rows is None else [column[row] for row in rows]
        parsed: dict[str, T] = {}
        failed: dict[str, LabelError] = {}
        for text in dict.fromkeys(texts):
            try:
                parsed[text] = parse(text)
            except LabelError as error:
                failed[text] = error
        if failed:
            for row, text in zip(range(len(column)) if rows is None else rows, texts, strict=True):
                error = failed.get(text)
                if error is not None and not self.problems.omits(table.name, table.lines[row], rank):
                    self.problems.append(table.problem(str(error), at=(row, index), expected=error.expected), rank)
        return [parsed.get(text) for text in texts]

    def frequencies(
        self, table: Table, index: int, rows: Sequence[int] | None = None, *, rank: int = 0
    ) -> list[str | None]:
        """Frequency keys of a column's cells; ``None`` for never, no answer (empty, "vet ikke") or a bad label."""
        return self.labels(table, index, _frequency, rows, rank=rank)

    def persons(
        self,
        table: Table,
        index: int,
        role: str,
        rows: Sequence[int] | None = None,
        *,
        by_key: bool = False,
        rank: int = 0,
    ) -> list[str | None]:
        """The roster person_ids in a column's cells; ``None`` where a cell names no one, after
        recording why (empty, or not on the roster).

        ``by_key``: a cell may also hold the person's name as on the roster (case and spaces
        ignored) or their e-mail from the roster's ``email`` column.
        """
        column = table.values[index]
        texts = column if rows is None else [column[row] for row in rows]
        found = {text: self.person_id(text, by_key=by_key) for text in dict.fromkeys(texts)}
        if None in found.values():
            expected = f"a person_id{', name or e-mail' if by_key else ''} of {self.files.roster.name}"
            for row, text in zip(range(len(column)) if rows is None else rows, texts, strict=True):
                if found[text] is None and not self.problems.omits(table.name, table.lines[row], rank):
                    message = f"{role} {text!r} is not on the roster" if text else f"empty {role}"
                    self.problems.append(table.problem(message, at=(row, index), expected=expected), rank)
        return [found[text] for text in texts]

    def person_id(self, text: str, *, by_key: bool) -> str | None:
        """The roster person_id ``text`` names (the text itself while the roster is unreadable)."""
        if not text:
            return None
        if self.roster is None:
            return text
        person_id = self.folded.get(text.casefold())
        if person_id is None and by_key:
            person_id = self.by_name_or_email.get(normalise(text))
        return person_id

    def header_label(self, table: Table, column: Column, parse: Callable[[str], T], text: str) -> T | None:
        """``parse(text)`` of part of a header, or ``None`` after recording the problem at the header."""
        try:
            return parse(text)
        except LabelError as error:
            self.problems.append(
                table.problem(str(error), line=table.header_line, column=column, expected=error.expected)
            )
            return None

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
        if not table.lines:
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
        columns = tuple(table.columns[index] for index in kept)
        values = tuple(table.values[index] for index in kept)
        return replace(table, columns=columns, values=values), [table.columns[index] for index in ignored]

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
        """The roster, row by row (a roster has hundreds of rows, not millions); the functions
        and responded columns are checked column-wise. Ranks: id, name, functions, responded."""
        found = self.columns(table, _ROSTER_REQUIRED, _ROSTER_OPTIONAL)
        if not found:
            return
        empty = ("",) * len(table.lines)
        text = {name: table.values[found[name]] if name in found else empty for name in _HEADERS}
        functions = self.read_functions(table, found["functions"])
        responded = (
            self.labels(table, found["responded"], _responded, rank=3) if "responded" in found else [None] * len(empty)
        )
        roster: dict[str, _Entry] = {}
        names: dict[str, int] = {}
        rows = zip(table.lines, text["person_id"], text["name"], strict=True)
        for row, (line, person_id, written) in enumerate(rows):
            first = self.folded.get(person_id.casefold())
            if not person_id:
                self.problems.append(
                    table.problem("empty person_id", at=(row, found["person_id"]), expected="a person id")
                )
            elif first is not None:
                same = "" if first == person_id else f", written {first!r} there; case is ignored"
                self.problems.append(
                    table.problem(
                        f"duplicate person_id {person_id!r} (first on line {roster[first].line}{same})",
                        at=(row, found["person_id"]),
                        expected="each person once on the roster",
                    )
                )
            name = normalise(written)
            if name and name in names:
                self.problems.append(
                    table.problem(
                        f"name {written!r} is on the roster twice (also on line {names[name]})",
                        at=(row, found["name"]),
                        expected="each name once (add a middle initial or the unit), so that answers match by name",
                    ),
                    rank=1,
                )
            names.setdefault(name, line)
            if person_id and first is None:
                self.folded[person_id.casefold()] = person_id
                person = Person(
                    person_id=person_id,
                    functions=functions[row],
                    responded=False,  # settled by the respondent rule once every file is read
                    name=None if self.no_names else written or None,
                    unit=text["unit"][row] or None,
                    role=text["role"][row] or None,
                )
                roster[person_id] = _Entry(person, line, written, responded[row], text["email"][row])
        self.roster = roster

    def read_functions(self, table: Table, index: int) -> list[tuple[str, ...]]:
        """Function keys of each cell of the ``functions`` column, first-listed first, each once."""
        column = table.values[index]
        # distinct cell text → (keys, label errors, whether the cell lists no label)
        read: dict[str, tuple[tuple[str, ...], list[LabelError], bool]] = {}
        for text in dict.fromkeys(column):
            labels = [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]
            keys: list[str] = []
            errors: list[LabelError] = []
            for label in labels:
                try:
                    function = parse_function(label, allow_new=self.allow_new_functions)
                except LabelError as error:
                    errors.append(error)
                    continue
                if function.key not in keys:
                    keys.append(function.key)
                    self.functions.setdefault(function.key, function)
            read[text] = (tuple(keys), errors, not labels)
        if any(errors or none for _, errors, none in read.values()):
            for row, text in enumerate(column):
                _, errors, none = read[text]
                if none:
                    self.problems.append(
                        table.problem(
                            "no function given",
                            at=(row, index),
                            expected="one or more function labels separated by ';'",
                        ),
                        rank=2,
                    )
                for error in errors:
                    self.problems.append(table.problem(str(error), at=(row, index), expected=error.expected), rank=2)
        return [read[text][0] for text in column]

    # -- contacts: long and wide -----------------------------------------------------------

    def read_contacts(self, table: Table) -> tuple[list[Arc], set[str]]:
        """Long contacts: the arcs, and every ego with at least one answer (a respondent by the rule).

        Ranks: ego, alter, frequency, then the pair checks (self-contact, given twice).
        """
        found = self.columns(table, _CONTACT_COLUMNS)
        if not found:
            return [], set()
        egos = self.persons(table, found["ego"], "ego")
        alters = self.persons(table, found["alter"], "alter", rank=1)
        frequencies = self.frequencies(table, found["frequency"], rank=2)
        texts = table.values[found["frequency"]]
        given = {text: not is_no_answer(text) for text in dict.fromkeys(texts)}
        arcs: list[Arc] = []
        pairs: dict[tuple[str, str], int] = {}
        answered: set[str] = set()
        for row, (ego, alter, frequency) in enumerate(zip(egos, alters, frequencies, strict=True)):
            if ego is None or alter is None:
                continue
            if ego == alter:
                self.problems.append(
                    table.problem(
                        f"self-contact: {ego!r} names themself",
                        at=(row, found["alter"]),
                        expected="an alter other than the ego",
                    ),
                    rank=3,
                )
            elif (ego, alter) in pairs:
                self.problems.append(
                    table.problem(
                        f"pair {ego!r} → {alter!r} given twice (first on line {pairs[ego, alter]})",
                        at=(row, found["alter"]),
                        expected="each ego–alter pair once",
                    ),
                    rank=3,
                )
            else:
                pairs[ego, alter] = table.lines[row]
                if given[texts[row]]:
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
                answers = any(text and _is_frequency(text) for text in dict.fromkeys(table.values[index]))
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

    def respondent_rows(self, table: Table, respondent: int) -> dict[str, int]:
        """Wide layouts: respondent person_id → the row's index; checks duplicates (ranks 0 and 1)."""
        rows: dict[str, int] = {}
        for row, person_id in enumerate(self.persons(table, respondent, "respondent", by_key=True)):
            if person_id is None:
                continue
            if person_id in rows:
                self.problems.append(
                    table.problem(
                        f"duplicate respondent row for {person_id!r} (first on line {table.lines[rows[person_id]]})",
                        at=(row, respondent),
                        expected="one row per respondent",
                    ),
                    rank=1,
                )
                continue
            rows[person_id] = row
        return rows

    def read_responses(self, table: Table) -> tuple[list[Arc], set[str]]:
        """Wide responses: the arcs, and every respondent (a row with at least one answer).

        Each answer column is checked on the respondents' rows (ranks 2, 4, 6, ... by column,
        the self-contact check of a column right after it); the arcs come out row by row.
        """
        respondent = self.respondent_column(table)
        matched = self.match_headers(table, respondent)
        rows = self.respondent_rows(table, respondent)
        positions = list(rows.values())
        # per answer column: its index, its person, whether each respondent answered, the frequencies
        grid: list[tuple[int, str, list[bool], list[str | None]]] = []
        for k, (index, alter) in enumerate(matched.items()):
            texts = [table.values[index][row] for row in positions]
            given = {text: not is_no_answer(text) for text in dict.fromkeys(texts)}
            frequencies = self.frequencies(table, index, positions, rank=2 + 2 * k)
            grid.append((index, alter, [given[text] for text in texts], frequencies))
        arcs: list[Arc] = []
        answered: set[str] = set()
        for i, (ego, row) in enumerate(rows.items()):
            for k, (index, alter, given, frequencies) in enumerate(grid):
                if not given[i]:
                    continue
                answered.add(ego)
                frequency = frequencies[i]
                if frequency is None:
                    continue
                if alter == ego:
                    self.problems.append(
                        table.problem(
                            f"self-contact: {ego!r} names themself",
                            at=(row, index),
                            expected="an empty cell in the respondent's own column",
                        ),
                        rank=3 + 2 * k,
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
        for at, rank, answer in answers:
            key = (answer.person_id, answer.body_key, answer.contact_type)
            if key in seen:
                self.problems.append(
                    table.problem(
                        f"{answer.person_id!r} gives {answer.contact_type} contact with {answer.body_name!r} twice",
                        at=at,
                        expected="each person, body and contact type once",
                    ),
                    rank,
                )
            else:
                seen[key] = answer
        return [answer for answer in seen.values() if answer.frequency]

    def read_political_long(self, table: Table) -> list[_Answer]:
        """Ranks: person_id, body, contact type, frequency, then the given-twice check."""
        found = self.columns(table, _POLITICAL_COLUMNS)
        if not found:
            return []
        person_ids = self.persons(table, found["person_id"], "person_id")
        bodies = self.labels(table, found["body"], parse_body, rank=1)
        contact_types = self.labels(table, found["contact_type"], parse_contact_type, rank=2)
        frequencies = self.frequencies(table, found["frequency"], rank=3)
        return [
            ((row, found["body"]), 4, PoliticalContact(person_id, *body, contact_type, frequency))
            for row, (person_id, body, contact_type, frequency) in enumerate(
                zip(person_ids, bodies, contact_types, frequencies, strict=True)
            )
            if person_id and body and contact_type
        ]

    def read_political_wide(self, table: Table) -> list[_Answer]:
        """Ranks: the respondent (0, 1), each answer column's frequency (2, 3, ...), then the
        given-twice check of each column."""
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
            body = self.header_label(table, column, parse_body, body_text)
            contact_type = self.header_label(table, column, parse_contact_type, type_text)
            if body and contact_type:
                headers[index] = (body, contact_type)
        rows = self.respondent_rows(table, respondent)
        positions = list(rows.values())
        columns = [
            (index, body, contact_type, self.frequencies(table, index, positions, rank=2 + k))
            for k, (index, (body, contact_type)) in enumerate(headers.items())
        ]
        return [
            ((row, index), 2 + len(columns) + k, PoliticalContact(person_id, *body, contact_type, frequencies[i]))
            for i, (person_id, row) in enumerate(rows.items())
            for k, (index, body, contact_type, frequencies) in enumerate(columns)
        ]


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


def _frequency(text: str) -> str | None:
    """The frequency key of a cell's text; ``None`` for never and for no answer (empty, "vet ikke")."""
    return None if is_no_answer(text) else parse_frequency(text)


def _responded(text: str) -> bool | None:
    """The roster's responded value; ``None`` (the respondent rule decides) when the cell is empty."""
    return parse_responded(text) if text else None


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
        raise ValidationError(reader.problems)
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
