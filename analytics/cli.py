"""The analytics subcommands: ``query``, ``metrics``, ``compare`` and ``compare-municipalities``.

Everything here reads through :mod:`analytics.store` (named queries via `run_named_query`), so every
database access is a named query in a read-only transaction.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from neo4j.exceptions import Neo4jError, ServiceUnavailable

from analytics import store
from analytics.anonymise import municipality_labels
from analytics.compare import compare_views
from analytics.findings import comparison_findings, view_findings
from analytics.metrics import HEADLINE, compute_metrics, headline
from cypher import NamedQuery, list_queries, load_query
from cypher.model import THRESHOLDS, threshold_types
from netkart.connection import get_driver
from netkart.settings import load_settings

__all__ = ["example_parameters", "parse_parameters", "register"]

FORMATS = ("table", "csv", "json")

# `:params {municipality: "Ålesund", round: "2013"}`: Cypher map keys are bare names; quoting
# them makes the example JSON (the examples' values are JSON literals by convention).
_EXAMPLE_KEY = re.compile(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:")


def example_parameters(query: NamedQuery) -> dict[str, Any]:
    """The parameters of the query's ``:params {...}`` example block, as a dict."""
    return json.loads(_EXAMPLE_KEY.sub(r'\1"\2":', query.example))


def parse_parameters(query: NamedQuery, pairs: Sequence[str]) -> dict[str, Any]:
    """``key=value`` pairs as query parameters.

    A value is parsed as JSON when it parses (``5``, ``true``, ``["a", "b"]``), else kept as
    text; a parameter whose example value is text always stays text, so ``round=2013`` is the
    round label ``"2013"``, not the number.
    """
    examples = example_parameters(query)
    parameters: dict[str, Any] = {}
    for pair in pairs:
        key, separator, raw = pair.partition("=")
        if not separator or not key:
            raise ValueError(f"--param {pair!r}: expected key=value")
        if isinstance(examples.get(key), str):
            parameters[key] = raw
            continue
        try:
            parameters[key] = json.loads(raw)
        except ValueError:
            parameters[key] = raw
    return parameters


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


# -- handlers ---------------------------------------------------------------------------------


def _list_queries() -> int:
    rows = [{"name": q.name, "title": q.title, "parameters": ", ".join(example_parameters(q))} for q in list_queries()]
    print(format_rows(rows, "table"))
    return 0


def _query(args: argparse.Namespace) -> int:
    if args.list:
        return _list_queries()
    if not args.name:
        raise ValueError("name a query, or use --list to see them")
    query = load_query(args.name)
    parameters = parse_parameters(query, args.param)
    examples = example_parameters(query)
    missing = sorted(set(query.parameters) - set(parameters), key=list(examples).index)
    if missing:
        example = " ".join(f"--param {key}={value}" for key, value in examples.items())
        raise ValueError(f"query {query.name!r} needs parameter(s) {', '.join(missing)}; e.g. {example}")
    driver, database = get_driver(), load_settings().database
    use_gds = None
    if query.name in store.GRAPH_QUERIES:
        use_gds = False if args.no_gds else store.gds_available(driver, database=database)
        if not use_gds:
            print("(computed with networkx: GDS is not used)", file=sys.stderr)
    elif "threshold" in parameters:
        threshold_types(parameters["threshold"])  # the queries would give no ties, not an error
    rows = store.run_named_query(driver, query.name, parameters, use_gds=use_gds, database=database)
    print(format_rows(rows, args.format))
    return 0


def _number(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _metrics(args: argparse.Namespace) -> int:
    driver, database = get_driver(), load_settings().database
    view, political = store.load_view_and_political(
        driver, args.municipality, args.round, args.threshold, database=database
    )
    metrics = compute_metrics(view, political)
    if args.json:
        print(json.dumps(metrics, ensure_ascii=False, indent=2))
        return 0
    ideal = metrics["ideal_type"]
    print(f"{view.municipality} ({view.alias or 'no alias'}), round {view.round}, threshold {view.threshold}")
    for key, value in headline(metrics).items():
        print(f"  {key:<28}{_number(value)}")
    scores = ", ".join(f"{name} {_number(score)}" for name, score in ideal["scores"].items())
    print(f"  {'ideal_type':<28}{ideal['label']} ({scores})")
    for sentence in view_findings(view, metrics, args.lang):
        print(f"- {sentence}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    driver, database = get_driver(), load_settings().database
    before = store.load_view(driver, args.municipality, args.from_round, args.threshold, database=database)
    after = store.load_view(driver, args.municipality, args.to_round, args.threshold, database=database)
    comparison = compare_views(before, after, permutations=args.permutations, seed=args.seed)
    if args.json:
        print(json.dumps(comparison, ensure_ascii=False, indent=2))
        return 0
    print(f"{after.municipality}, {before.round} → {after.round}, threshold {after.threshold}")
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
    driver, database = get_driver(), load_settings().database
    known = store.list_municipalities(driver, database=database)
    labels = municipality_labels(known)
    infos = [info for info in known if args.round in info.rounds]
    if not infos:
        raise LookupError(f"no municipality has a survey round {args.round!r}")
    rows = []
    for info in infos:
        view = store.load_view(driver, info.name, args.round, args.threshold, database=database)
        metrics = compute_metrics(view)
        name = {"name": info.name} if args.show_names else {}
        rows.append(
            {"municipality": labels[info.name], **name, "round": args.round, "threshold": args.threshold}
            | headline(metrics)
            | {"ideal_type": metrics["ideal_type"]["label"]}
        )
    rows.sort(key=lambda row: row["municipality"])
    print(format_rows(rows, args.format))
    return 0


def _guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run ``handler`` turning expected failures into one clear line on stderr (exit 2, or 1)."""

    def run(args: argparse.Namespace) -> int:
        command = f"netkart {args.command}"
        try:
            return handler(args)
        except (LookupError, ValueError) as error:
            message = error.args[0] if isinstance(error, KeyError) else error
            print(f"{command}: {message}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            # The reader closed the pipe (`netkart query ... | head`): stop quietly, as Unix tools do;
            # stdout goes to /dev/null so that the interpreter's final flush does not fail again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except ServiceUnavailable as error:
            print(f"{command}: cannot reach Neo4j ({error}); is it running? See `netkart db status`.", file=sys.stderr)
            return 1
        except Neo4jError as error:
            if error.code == "Neo.ClientError.Statement.AccessMode":
                print(
                    f"{command}: the query tried to write, but named queries run in a read-only transaction; "
                    f"nothing was changed ({error.message})",
                    file=sys.stderr,
                )
            else:
                print(f"{command}: Neo4j refused the query: {error.code}: {error.message}", file=sys.stderr)
            return 1

    return run


def _view_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--municipality", required=True, help="municipality name as loaded")
    parser.add_argument("--threshold", required=True, choices=THRESHOLDS, help="cumulative contact threshold")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``query``, ``metrics``, ``compare`` and ``compare-municipalities`` to ``netkart``."""
    query = subparsers.add_parser(
        "query",
        help="run a named Cypher query of the library (read-only)",
        description="Run a named query of cypher/queries in a read-only transaction. "
        "`netkart query --list` shows the queries and their parameters.",
    )
    query.add_argument("name", nargs="?", help="query name (see --list)")
    query.add_argument("--list", action="store_true", help="list the queries with title and parameters")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a query parameter (repeat); JSON when it parses, else text; text where the example has text",
    )
    query.add_argument("--format", choices=FORMATS, default="table")
    query.add_argument("--no-gds", action="store_true", help="compute the graph queries without GDS even where GDS is")
    query.set_defaults(handler=_guarded(_query))

    metrics = subparsers.add_parser("metrics", help="SNA measures of one view (municipality × round × threshold)")
    _view_arguments(metrics)
    metrics.add_argument("--round", required=True, help="survey round label, e.g. 2013")
    metrics.add_argument("--json", action="store_true", help="print the full JSON object")
    metrics.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the findings")
    metrics.set_defaults(handler=_guarded(_metrics))

    compare = subparsers.add_parser("compare", help="compare one municipality's network between two rounds")
    _view_arguments(compare)
    compare.add_argument("--from", dest="from_round", required=True, help="earlier round label")
    compare.add_argument("--to", dest="to_round", required=True, help="later round label")
    compare.add_argument("--json", action="store_true", help="print the full JSON object")
    compare.add_argument("--permutations", type=int, default=1000, help="QAP permutations (default 1000)")
    compare.add_argument("--seed", type=int, default=0, help="seed of the QAP permutations")
    compare.add_argument("--lang", choices=("nb", "en"), default="nb", help="language of the findings")
    compare.set_defaults(handler=_guarded(_compare))

    side = subparsers.add_parser(
        "compare-municipalities", help="headline measures of every municipality side by side (anonymised)"
    )
    side.add_argument("--round", required=True, help="survey round label, e.g. 2013")
    side.add_argument("--threshold", required=True, choices=THRESHOLDS, help="cumulative contact threshold")
    side.add_argument("--format", choices=FORMATS, default="table")
    side.add_argument("--show-names", action="store_true", help="add the municipalities' names (not for gatherings)")
    side.set_defaults(handler=_guarded(_compare_municipalities))
