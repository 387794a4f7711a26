"""``netkart ingest``, ``municipality`` (alias, delete-round, purge), ``person`` (erase, export), ``template``.

``ingest`` validates a round's files and writes them in one transaction; on any problem it
prints every problem (file:line: column 'name' (letter): ...; expected ...) to stderr, writes
nothing and exits with status 2 (the error policy of :mod:`netkart.cli`). ``--dry-run``
validates and prints the summary only. The readers, the writer and the driver are imported by
the handlers, so registering the commands costs nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cypher.model import FREQUENCIES, RELATIONSHIP_TYPES, MunicipalityInfo
from ingest import demo
from netkart.confirm import confirm
from netkart.connection import get_driver
from netkart.settings import load_settings

if TYPE_CHECKING:
    from ingest.survey import ParsedRound

__all__ = ["access_document", "register"]

#: Person id → pseudonym for a municipality (first argument) in a language (second).
Pseudonyms = Callable[[MunicipalityInfo, str], dict[str, str]]

#: Show a progress bar when a round has at least this many contacts (and stderr is a terminal).
PROGRESS_ROWS = 20_000


def describe(parsed: ParsedRound) -> str:
    """The validation summary: persons, respondents, response rate, contacts, political contacts."""
    per_frequency = parsed.contacts_per_frequency
    frequencies = ", ".join(f"{f.replace('_', ' ')} {per_frequency[f]}" for f in FREQUENCIES)
    return "\n".join(
        [
            f"{parsed.municipality}, round {parsed.round_label}:",
            f"  persons        {len(parsed.persons)}",
            f"  respondents    {parsed.respondents} (response rate {parsed.response_rate:.0%})",
            f"  contacts       {len(parsed.contacts)} ({frequencies})",
            f"  political      {len(parsed.political)} contacts with "
            f"{len({a.body_key for a in parsed.political})} bodies",
            f"  names          {'stored' if parsed.names_stored else 'not stored (--no-names)'}",
            *(f"  read           {note}" for note in parsed.notes),
        ]
    )


def _reading_options(args: argparse.Namespace) -> dict[str, object]:
    """The export-reading options of a run: the profile's, overridden by the command line's."""
    from ingest.profiles import Profile, load_profile, save_profile

    profile = load_profile(args.profile) if args.profile else Profile("custom")
    options = {
        "sheet": args.sheet or profile.sheet,
        "header_row": args.header_row or profile.header_row,
        "respondent_column": args.respondent_column or profile.respondent_column,
        "ignore_columns": (*profile.ignore_columns, *(args.ignore_columns or ())),
    }
    if args.save_profile:
        save_profile(Profile(profile.tool, **options), args.save_profile)
    return options


def _ingest(args: argparse.Namespace) -> int:
    # Connect first, so that a server that is down fails at once, not after reading the files.
    driver = None if args.dry_run else get_driver()
    from ingest.errors import RoundExistsError, ValidationError
    from ingest.survey import SurveyFiles, read_round
    from ingest.writer import load_round

    try:
        files = SurveyFiles(
            municipality=args.municipality,
            round_label=args.round,
            roster=args.roster,
            contacts=args.contacts,
            responses=args.responses,
            political=args.political,
            max_bytes=int(args.max_size * 1024 * 1024),
            **_reading_options(args),
        )
        parsed = read_round(files, no_names=args.no_names, allow_new_functions=args.allow_new_functions)
    except ValidationError as error:
        raise ValueError(str(error)) from None
    print(describe(parsed))
    if args.dry_run:
        print("Dry run: validated, nothing written.")
        return 0
    progress = sys.stderr.isatty() and len(parsed.contacts) >= PROGRESS_ROWS
    import logging

    from neo4j.exceptions import IncompleteCommit, ServiceUnavailable, SessionExpired

    # The driver logs each retry of a lost transaction as a warning; the outcome is said below.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())

    try:
        summary = load_round(driver, parsed, replace=args.replace, database=load_settings().database, progress=progress)
    except RoundExistsError as error:
        raise ValueError(str(error)) from None
    except IncompleteCommit:
        print(
            "netkart ingest: the server went away while committing; the round may or may not be written; "
            "run it again (identical data is then a no-op)",
            file=sys.stderr,
        )
        return 3
    except (ServiceUnavailable, SessionExpired):
        # Any other loss of the server comes before the commit (the driver retried the
        # transaction until it gave up), so the round is as it was.
        print("netkart ingest: the load was interrupted; nothing was written; run it again", file=sys.stderr)
        return 3
    print(summary)
    return 0


def _alias(args: argparse.Namespace) -> int:
    driver = get_driver()  # before the writer's imports, so that a server that is down fails at once
    from ingest.writer import set_alias

    set_alias(driver, args.name, args.alias, database=load_settings().database)
    print(f"{args.name} is shown as {args.alias}.")
    return 0


def _delete_round(args: argparse.Namespace) -> int:
    confirm(
        f"this deletes every fact of {args.name} {args.round} (and the municipality when no round is left)",
        yes=args.yes,
    )
    driver = get_driver()
    from ingest.writer import delete_round

    summary = delete_round(driver, args.name, args.round, database=load_settings().database)
    print(summary)
    return 0


def _municipality(value: str) -> MunicipalityInfo:
    """The loaded municipality named or aliased ``value``; an unknown one names the known ones."""
    from cypher.params import read_catalogue

    return read_catalogue(get_driver(), database=load_settings().database).municipality(value)


def _person_id(value: str) -> str:
    """A person id as typed, in the NFC form ids are stored in (issue 13 item 3)."""
    return unicodedata.normalize("NFC", value.strip())


def _purge(args: argparse.Namespace) -> int:
    confirm(
        f"this removes {args.name} entirely: every round, person, tie, function, political contact and its alias",
        yes=args.yes,
    )
    name = _municipality(args.name).name
    from ingest.privacy import purge_municipality

    summary = purge_municipality(get_driver(), name, database=load_settings().database)
    rounds = ", ".join(summary.rounds) or "none"
    print(f"{name} purged (rounds {rounds}; {summary.removed} deleted).")
    return 0


def _erase(args: argparse.Namespace) -> int:
    confirm(
        f"this erases person {args.person} of {args.municipality} from every round: the person, their ties, "
        "functions and political contacts",
        yes=args.yes,
    )
    name = _municipality(args.municipality).name
    from ingest.privacy import erase_person

    summary = erase_person(get_driver(), name, _person_id(args.person), database=load_settings().database)
    rounds = ", ".join(summary.rounds) or "no round"
    print(f"Erased the person from {name} (rounds {rounds}; {summary.removed} deleted).")
    return 0


def _export(args: argparse.Namespace) -> int:
    info = _municipality(args.municipality)
    name = info.name
    from cypher import audit
    from ingest.privacy import person_record

    driver, database = get_driver(), load_settings().database
    document = access_document(
        person_record(driver, name, args.person, database=database), args.pseudonyms(info, args.lang)
    )
    text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"Wrote everything stored about the person in {name} to {args.out}.")
    else:
        print(text)
    audit.record(driver, "person export", name, database=database)
    return 0


def access_document(record: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """One person's stored record (:func:`ingest.privacy.person_record`) as the access export.

    Grouped by round. The other end of a tie is given by its pseudonym (``labels``), never by
    name or id: who the other persons are is their personal data, not the requester's
    (GDPR art. 15(4)); the pseudonym still shows the tie and the other end's primary function.
    """
    person = record["person"]
    rounds: dict[str, dict[str, Any]] = {}

    def entry(label: str) -> dict[str, Any]:
        return rounds.setdefault(
            label,
            {
                "round": label,
                "on_roster": False,
                "functions": [],
                "contacts_reported": [],
                "contacts_reported_by_others": [],
                "political_contacts": [],
            },
        )

    for row in record["rosters"]:
        entry(row["round"]).update(on_roster=True, responded=row["responded"], unit=row["unit"], role=row["role"])
    for row in sorted(record["functions"], key=lambda row: row["rank"]):
        entry(row["round"])["functions"].append(row["function"])
    frequency = {relationship: key for key, relationship in RELATIONSHIP_TYPES.items()}
    for column, key, side in (
        ("reported", "contacts_reported", "with"),
        ("reported_by_others", "contacts_reported_by_others", "by"),
    ):
        for row in record[column]:
            entry(row["round"])[key].append({side: labels.get(row["other"], "?"), "frequency": frequency[row["type"]]})
    for row in record["political"]:
        entry(row["round"])["political_contacts"].append({k: v for k, v in row.items() if k != "round"})
    for item in rounds.values():
        for key in ("contacts_reported", "contacts_reported_by_others", "political_contacts"):
            item[key].sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
    return {
        "municipality": person["municipality"],
        "person_id": person["person_id"],
        "name": person.get("name"),
        "pseudonym": labels.get(person["person_id"]),
        "stored_properties": person,
        "rounds": [rounds[label] for label in sorted(rounds)],
        "other_persons": "shown by pseudonym: who they are is their personal data (docs/privacy.md)",
    }


def _template(args: argparse.Namespace) -> int:
    from ingest.template import RosterRow, write_template

    rows: list[RosterRow] = []
    if args.from_round:
        from cypher import load_query, run_query
        from cypher.params import read_catalogue, validate_parameters

        driver, database = get_driver(), load_settings().database
        given = {"municipality": args.municipality, "round": args.from_round}
        parameters = validate_parameters(load_query("view_persons"), given, read_catalogue(driver, database=database))
        rows = [
            RosterRow(row["person_id"], row["name"], tuple(row["functions"]), row["unit"], row["role"])
            for row in run_query(driver, "view_persons", parameters, database=database)
        ]
    written = write_template(args.out, rows)
    source = f"pre-filled from round {args.from_round}" if args.from_round else "empty"
    print(f"{args.municipality} {args.round}: {len(rows)} persons, {source}:")
    print("\n".join(f"  {path}" for path in written))
    return 0


def _round_arguments(parser: argparse.ArgumentParser, round_help: str) -> None:
    parser.add_argument("--municipality", required=True, help="municipality name, e.g. Ålesund")
    parser.add_argument("--round", required=True, help=round_help)


def register(subparsers: argparse._SubParsersAction, *, pseudonyms: Pseudonyms) -> None:
    """Add ``ingest``, ``municipality``, ``person``, ``template`` and ``demo`` to the ``netkart`` command.

    ``pseudonyms`` labels the other persons in ``person export``: the anonymisation policy's
    (:func:`analytics.cli.person_pseudonyms`), handed over by :func:`netkart.cli.build_parser`,
    since ingest sits below analytics and does not import it.
    """
    ingest = subparsers.add_parser(
        "ingest",
        help="validate a survey round's files and load them into Neo4j",
        description="Validate a survey round (docs/survey-format.md) and write it in one transaction.",
    )
    _round_arguments(ingest, "round label, e.g. 2013")
    ingest.add_argument("--roster", required=True, type=Path, help="roster file (CSV or XLSX)")
    contacts = ingest.add_mutually_exclusive_group(required=True)
    contacts.add_argument("--contacts", type=Path, help="contacts, long layout: ego, alter, frequency")
    contacts.add_argument("--responses", type=Path, help="responses, wide layout: one column per roster person")
    ingest.add_argument("--political", type=Path, help="political contacts, long or wide layout")
    ingest.add_argument("--sheet", help="sheet to read in XLSX files (default: the first)")
    ingest.add_argument(
        "--header-row", type=int, metavar="N", help="the header's row in the survey exports (default: detected)"
    )
    ingest.add_argument(
        "--ignore-columns", nargs="+", action="extend", metavar="HEADER", help="export columns to ignore"
    )
    ingest.add_argument("--respondent-column", metavar="HEADER", help="the wide layouts' respondent column")
    ingest.add_argument(
        "--profile", metavar="NAME|FILE", help="export profile: questback, nettskjema, surveyxact or a saved file"
    )
    ingest.add_argument("--save-profile", type=Path, metavar="FILE", help="save this run's reading options")
    ingest.add_argument(
        "--max-size", type=float, default=50, metavar="MB", help="size limit of each input file (default 50 MB)"
    )
    ingest.add_argument("--no-names", action="store_true", help="keep names out of the database entirely")
    ingest.add_argument("--dry-run", action="store_true", help="validate and summarise; write nothing")
    ingest.add_argument("--replace", action="store_true", help="replace an already loaded round's data")
    ingest.add_argument(
        "--allow-new-functions", action="store_true", help="accept function labels outside the vocabulary"
    )
    ingest.set_defaults(handler=_ingest)

    municipality = subparsers.add_parser("municipality", help="municipality settings")
    actions = municipality.add_subparsers(dest="municipality_command", required=True)
    alias = actions.add_parser("alias", help="set the anonymised letter shown at gatherings")
    alias.add_argument("name", help="municipality name as loaded")
    alias.add_argument("alias", help="a capital letter (A) or a short label starting with one")
    alias.set_defaults(handler=_alias)
    delete = actions.add_parser("delete-round", help="delete a loaded round (a wrong load, test data)")
    delete.add_argument("name", help="municipality name as loaded")
    delete.add_argument("round", help="round label, e.g. 2013")
    delete.add_argument("--yes", action="store_true", help="really delete (without it, asks on a terminal)")
    delete.set_defaults(handler=_delete_round)
    purge = actions.add_parser(
        "purge", help="remove a municipality entirely: all rounds, persons, bodies, alias (audit log stays)"
    )
    purge.add_argument("name", help="municipality name as loaded, or its alias letter")
    purge.add_argument("--yes", action="store_true", help="really remove it (without it, asks on a terminal)")
    purge.set_defaults(handler=_purge)

    person = subparsers.add_parser("person", help="answer a person's access or erasure request (docs/privacy.md)")
    person_actions = person.add_subparsers(dest="person_command", required=True)
    erase = person_actions.add_parser("erase", help="remove one person from every round (GDPR erasure)")
    export = person_actions.add_parser("export", help="write everything stored about one person as JSON (access)")
    for parser in (erase, export):
        parser.add_argument("--municipality", required=True, help="municipality name as loaded, or its alias letter")
        parser.add_argument("--person", required=True, metavar="ID", help="the person's id (person_id) as loaded")
    erase.add_argument("--yes", action="store_true", help="really erase (without it, asks on a terminal)")
    erase.set_defaults(handler=_erase)
    export.add_argument("--out", type=Path, metavar="FILE", help="write the JSON here (default: standard output)")
    export.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of other persons' pseudonyms")
    export.set_defaults(handler=_export, pseudonyms=pseudonyms)

    template = subparsers.add_parser(
        "template",
        help="write the next round's roster workbook and matrix sub-question headers",
        description="Write roster.xlsx (with dropdowns), subquestions.txt and political_subquestions.txt.",
    )
    _round_arguments(template, "the new round's label, e.g. 2015")
    template.add_argument("--from-round", help="pre-fill the roster from this loaded round (read-only)")
    template.add_argument("--out", required=True, type=Path, help="folder to write to")
    template.set_defaults(handler=_template)

    demo.register(subparsers)
