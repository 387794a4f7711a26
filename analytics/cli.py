"""The analytics subcommands: ``query``, ``metrics``, ``compare`` and ``compare-municipalities``.

Everything here reads through :mod:`analytics.store` (named queries via `run_named_query`), so every
database access is a named query in a read-only transaction. Parameters and view arguments are
checked first with :mod:`cypher.params` (names or aliases, labels in three languages). Output is
anonymised unless ``--show-names``: municipality labels, pseudonyms for person ids, no names,
units or roles. The handlers import the driver, networkx and the measures when they run, so
``netkart --help`` stays fast.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cypher import NamedQuery, list_queries, load_query, parse_query
from cypher.params import ROUND_PARAMETERS, VOCABULARIES, example_parameters

if TYPE_CHECKING:
    from analytics.view import View
    from cypher.model import MunicipalityInfo
    from cypher.params import Catalogue

__all__ = ["adhoc_query", "format_rows", "parse_parameters", "person_pseudonyms", "register"]

FORMATS = ("table", "csv", "json")

#: Parameters whose value is always text (names, labels, keys), whatever it looks like.
_TEXT_PARAMETERS = frozenset({"municipality", *ROUND_PARAMETERS, *VOCABULARIES, "kind"})

#: Columns that identify a person and go in anonymised output.
_IDENTIFYING = frozenset({"name", "unit", "role", "email"})


def parse_parameters(query: NamedQuery, pairs: Sequence[str]) -> dict[str, Any]:
    """``key=value`` pairs as query parameters, before :func:`cypher.params.validate_parameters`.

    A value is parsed as JSON when it parses (``5``, ``true``, ``["a", "b"]``), else kept as
    text; a municipality, round or vocabulary parameter, or one whose example value is text,
    always stays text, so ``round=2013`` is the round label ``"2013"``, not the number.
    """
    examples = example_parameters(query)
    parameters: dict[str, Any] = {}
    for pair in pairs:
        key, separator, raw = pair.partition("=")
        if not separator or not key:
            raise ValueError(f"--param {pair!r}: expected key=value")
        if key in _TEXT_PARAMETERS or isinstance(examples.get(key), str):
            parameters[key] = raw
            continue
        try:
            parameters[key] = json.loads(raw)
        except ValueError:
            parameters[key] = raw
    return parameters


def adhoc_query(args: argparse.Namespace) -> NamedQuery | None:
    """The analyst's own query of ``--file`` or ``-e``, ``None`` when a library query is named."""
    given = [bool(args.name), args.file is not None, args.execute is not None]
    if sum(given) != 1:
        raise ValueError("give exactly one of: a query NAME (see --list), --file FILE.cypher or -e 'CYPHER'")
    if args.file is not None:
        try:
            source = args.file.read_text(encoding="utf-8")
        except OSError as error:
            raise ValueError(f"cannot read {args.file}: {error.strerror}") from None
        return parse_query(args.file.stem, source)
    if args.execute is not None:
        return parse_query("-e", args.execute)
    return None


def _cell(value: Any, *, table: bool) -> str:
    """A value as table or CSV text: lists and maps as JSON, ``None`` empty; in a table, floats
    to four significant digits for readability (CSV and JSON keep full precision)."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if table and isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def format_rows(rows: list[dict[str, Any]], fmt: str) -> str:
    """``rows`` as an aligned table, CSV (comma-separated, header first) or a JSON array."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2, default=str)
    if not rows:
        return "(no rows)" if fmt == "table" else ""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[_cell(row.get(column), table=fmt == "table") for column in columns] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return buffer.getvalue().rstrip("\n")
    widths = [max(len(text) for text in column) for column in zip(columns, *cells, strict=True)]
    return "\n".join(
        "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        for line in [columns, *cells]
    )


def _anonymised(value: Any, labels: Mapping[str, str]) -> Any:
    """``value`` (a JSON-ready structure) with every id or name of ``labels`` replaced by its
    label, in keys and values alike, and the identifying columns (name, unit, role) dropped."""
    if isinstance(value, dict):
        return {
            labels.get(key, key): _anonymised(item, labels) for key, item in value.items() if key not in _IDENTIFYING
        }
    if isinstance(value, list | tuple):
        return [_anonymised(item, labels) for item in value]
    if isinstance(value, str):
        return labels.get(value, value)
    return value


# -- handlers ---------------------------------------------------------------------------------


def _list_queries() -> int:
    rows = [{"name": q.name, "title": q.title, "parameters": ", ".join(example_parameters(q))} for q in list_queries()]
    print(format_rows(rows, "table"))
    return 0


def _query(args: argparse.Namespace) -> int:
    if args.list:
        return _list_queries()
    from cypher import run_cypher
    from cypher.params import read_catalogue, validate_parameters
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    adhoc = adhoc_query(args)
    query = adhoc or load_query(args.name)
    given = parse_parameters(query, args.param)
    if adhoc is not None:
        if not args.show_names:
            raise ValueError(
                "your own Cypher can return names under any column, so netkart cannot anonymise it; "
                "add --show-names to run it with names shown"
            )
        # An analyst's file runs as Neo4j Browser would run it: its :params block gives the defaults.
        given = {key: value for key, value in example_parameters(query).items() if key in query.parameters} | given
    driver, database = get_driver(), load_settings().database
    parameters = validate_parameters(query, given, read_catalogue(driver, database=database))
    from analytics import store

    if adhoc is not None:
        rows = run_cypher(driver, adhoc, parameters, database=database)
    else:
        use_gds = None
        if query.name in store.GRAPH_QUERIES:
            use_gds = False if args.no_gds else store.gds_available(driver, database=database)
            if not use_gds:
                print("(computed with networkx: GDS is not used)", file=sys.stderr)
        rows = store.run_named_query(
            driver,
            query.name,
            parameters,
            show_names=args.show_names,
            lang=args.lang,
            use_gds=use_gds,
            database=database,
        )
    print(format_rows(rows, args.format))
    return 0


def _view(args: argparse.Namespace, round_label: str) -> tuple[dict[str, Any], Catalogue]:
    """The validated view parameters of a command's arguments, and the catalogue they were checked on."""
    from cypher.params import read_catalogue, validate_parameters
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    catalogue = read_catalogue(get_driver(), database=load_settings().database)
    given = {"municipality": args.municipality, "round": round_label, "threshold": args.threshold}
    return validate_parameters(load_query("view_arcs"), given, catalogue), catalogue


def _load_view(parameters: Mapping[str, Any]) -> View:
    from analytics import store
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    driver, database = get_driver(), load_settings().database
    return store.load_view(
        driver,
        parameters["municipality"],
        parameters["round"],
        parameters["threshold"],
        database=database,
    )


def _labels(view: View, catalogue: Catalogue, lang: str, bodies: Iterable[Mapping[str, str]] = ()) -> dict[str, str]:
    """Person id → pseudonym, municipality name → label and committee key → "Utvalg k".

    Only committees are relabelled among ``bodies``: the other kinds' keys (``mayor``,
    ``council``) name no one, and relabelling them would also rewrite the ``kind`` values they
    equal.
    """
    from analytics.anonymise import body_key_labels, municipality_labels

    committees = body_key_labels(((b["key"], b["name"], b["kind"]) for b in bodies if b["kind"] == "committee"), lang)
    persons = person_pseudonyms(catalogue.municipality(view.municipality), lang)
    return persons | municipality_labels(catalogue.municipalities) | committees


def person_pseudonyms(info: MunicipalityInfo, lang: str) -> dict[str, str]:
    """Person id → pseudonym, numbered over the roster of all the municipality's rounds, as on
    the dashboard, so that one person has one pseudonym in every round and every command (also
    the other persons in ``netkart person export``)."""
    from analytics import store
    from analytics.anonymise import pseudonyms
    from analytics.view import View
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    persons = store.roster(get_driver(), info.name, info.rounds, database=load_settings().database)
    return pseudonyms(View(info.name, "", "daily", persons, ()), lang, info.erased)


def _number(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _metrics(args: argparse.Namespace) -> int:
    parameters, catalogue = _view(args, args.round)  # first, so that a server that is down fails fast
    from analytics import store
    from analytics.findings import view_findings
    from analytics.metrics import compute_metrics, headline
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    view, political = store.load_view_and_political(
        get_driver(),
        parameters["municipality"],
        parameters["round"],
        parameters["threshold"],
        database=load_settings().database,
    )
    metrics = compute_metrics(view, political)
    labels = {} if args.show_names else _labels(view, catalogue, args.lang, metrics["political"]["bodies"])
    if args.json:
        print(json.dumps(_anonymised(metrics, labels), ensure_ascii=False, indent=2))
        return 0
    ideal = metrics["ideal_type"]
    shown = f"{view.municipality} ({view.alias or 'no alias'})" if args.show_names else labels[view.municipality]
    print(f"{shown}, round {view.round}, threshold {view.threshold}")
    for key, value in headline(metrics).items():
        print(f"  {key:<28}{_number(value)}")
    scores = ", ".join(f"{name} {_number(score)}" for name, score in ideal["scores"].items())
    print(f"  {'ideal_type':<28}{ideal['label']} ({scores})")
    for sentence in view_findings(view, metrics, args.lang, show_names=args.show_names):
        print(f"- {sentence}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    before_parameters, catalogue = _view(args, args.from_round)
    after_parameters, _ = _view(args, args.to_round)
    from analytics.compare import compare_views
    from analytics.findings import comparison_findings
    from analytics.metrics import HEADLINE

    before, after = _load_view(before_parameters), _load_view(after_parameters)
    comparison = compare_views(before, after, permutations=args.permutations, seed=args.seed)
    labels = {} if args.show_names else _labels(after, catalogue, args.lang)
    if args.json:
        print(json.dumps(_anonymised(comparison, labels), ensure_ascii=False, indent=2))
        return 0
    shown = labels.get(after.municipality, after.municipality)
    print(f"{shown}, {before.round} → {after.round}, threshold {after.threshold}")
    columns = {before.round: "from", after.round: "to", "change": "delta"}
    table = comparison["metrics"]
    rows = [
        {"measure": key} | {column: _number(table[part][key]) for column, part in columns.items()} for key in HEADLINE
    ]
    print(format_rows(rows, "table"))
    for key in ("persons_joined", "persons_left", "ties_new", "ties_dropped", "ties_stable"):
        print(f"  {key:<28}{len(comparison[key])}")
    for key in ("ties_jaccard", "arcs_jaccard", "qap_correlation", "qap_p_value"):
        print(f"  {key:<28}{_number(comparison[key])}")
    for sentence in comparison_findings(comparison, args.lang):
        print(f"- {sentence}")
    return 0


def _compare_municipalities(args: argparse.Namespace) -> int:
    from cypher.params import read_catalogue, validate_parameters
    from netkart.connection import get_driver
    from netkart.settings import load_settings

    driver, database = get_driver(), load_settings().database
    catalogue = read_catalogue(driver, database=database)
    from analytics import store
    from analytics.anonymise import municipality_labels
    from analytics.metrics import compute_metrics, headline

    threshold = validate_parameters(load_query("municipalities_summary"), {"threshold": args.threshold}, catalogue)
    labels = municipality_labels(catalogue.municipalities)
    round_label = catalogue.round(args.round)
    infos = [info for info in catalogue.municipalities if round_label in info.rounds]
    rows = []
    for info in infos:
        view = store.load_view(driver, info.name, round_label, threshold["threshold"], database=database)
        metrics = compute_metrics(view)
        name = {"name": info.name} if args.show_names else {}
        rows.append(
            {"municipality": labels[info.name], **name, "round": round_label, "threshold": view.threshold}
            | headline(metrics)
            | {"ideal_type": metrics["ideal_type"]["label"]}
        )
    rows.sort(key=lambda row: row["municipality"])
    print(format_rows(rows, args.format))
    return 0


_SHOW_NAMES = "show names of municipalities and persons (default: anonymised, as at a gathering)"
_THRESHOLD = "cumulative contact threshold: daily, weekly or monthly (or its bokmål, nynorsk or English label)"


def _common_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--show-names", action="store_true", help=_SHOW_NAMES)
    parser.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of findings and pseudonyms")


def _view_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--municipality", required=True, help="municipality name as loaded, or its alias letter")
    parser.add_argument("--threshold", required=True, help=_THRESHOLD)
    parser.add_argument("--json", action="store_true", help="print the full JSON object")
    _common_arguments(parser)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``query``, ``metrics``, ``compare`` and ``compare-municipalities`` to ``netkart``."""
    query = subparsers.add_parser(
        "query",
        help="run a named Cypher query of the library, or your own, read-only",
        description="Run a named query of cypher/queries, a .cypher file of your own (--file) or a "
        "Cypher text (-e) in a read-only transaction, its parameters checked against the database first. "
        "`netkart query --list` shows the library's queries and their parameters. Output is anonymised "
        "unless --show-names is given; your own Cypher needs --show-names.",
    )
    query.add_argument("name", nargs="?", help="query name (see --list)")
    query.add_argument("--list", action="store_true", help="list the queries with title and parameters")
    query.add_argument("--file", type=Path, help="run this .cypher file (its :params block gives defaults)")
    query.add_argument("-e", "--execute", metavar="CYPHER", help="run this Cypher text")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a query parameter (repeat); JSON when it parses, else text; names, rounds and labels stay text",
    )
    query.add_argument("--format", choices=FORMATS, default="table")
    query.add_argument(
        "--no-gds", action="store_true", help="compute the graph queries with networkx even where GDS is"
    )
    _common_arguments(query)
    query.set_defaults(handler=_query)

    metrics = subparsers.add_parser("metrics", help="SNA measures of one view (municipality × round × threshold)")
    _view_arguments(metrics)
    metrics.add_argument("--round", required=True, help="survey round label, e.g. 2013")
    metrics.set_defaults(handler=_metrics)

    compare = subparsers.add_parser("compare", help="compare one municipality's network between two rounds")
    _view_arguments(compare)
    compare.add_argument("--from", dest="from_round", required=True, help="earlier round label")
    compare.add_argument("--to", dest="to_round", required=True, help="later round label")
    compare.add_argument("--permutations", type=int, default=1000, help="QAP permutations (default 1000)")
    compare.add_argument("--seed", type=int, default=0, help="seed of the QAP permutations")
    compare.set_defaults(handler=_compare)

    side = subparsers.add_parser(
        "compare-municipalities", help="headline measures of every municipality side by side (anonymised)"
    )
    side.add_argument("--round", required=True, help="survey round label, e.g. 2013")
    side.add_argument("--threshold", required=True, help=_THRESHOLD)
    side.add_argument("--format", choices=FORMATS, default="table")
    side.add_argument("--show-names", action="store_true", help=_SHOW_NAMES)
    side.set_defaults(handler=_compare_municipalities)
