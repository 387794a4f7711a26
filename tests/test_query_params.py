"""Query parameters are checked before a query runs, and every documented example answers.

On the demo (four municipalities A–D, rounds 2011 and 2013) loaded through the real ingest
path: each query's own ``:params`` example and each ``netkart query`` example of
``docs/queries.md`` returns rows; names, aliases and bokmål/nynorsk/English labels give the
same rows as the keys; unknown values are errors naming the known ones.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest
from conftest import wipe
from neo4j import Driver

import cypher
from cypher import list_queries, load_query, params, run_query
from cypher.model import MunicipalityInfo
from ingest.demo import generate, load_demo
from netkart.cli import main

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: Queries about the server rather than the data: no rows is their normal answer.
MAY_BE_EMPTY = {"drop_stale_projections"}
#: The demo as a catalogue, for the checks that need no database.
DEMO = params.Catalogue(
    (
        MunicipalityInfo("Bjørkelid", "C", ("2011", "2013")),
        MunicipalityInfo("Fjordvik", "A", ("2011", "2013")),
        MunicipalityInfo("Melhus", None, ("2013",)),
    ),
    generation="test",
)


@pytest.fixture(scope="module")
def demo(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver)
    load_demo(driver, generate(tmp_path_factory.mktemp("demo")))
    return driver


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- validation, on a catalogue ------------------------------------------------------------------


def test_names_aliases_and_labels_become_the_stored_keys() -> None:
    query = load_query("function_isolates")
    for municipality in ("Fjordvik", "fjordvik", "A", "a"):
        for threshold in ("weekly", "ukentlig", "vekentleg", "Weekly"):
            for function in ("instruments", "virkemidler", "verkemiddel", "economic instruments"):
                given = {"municipality": municipality, "round": 2013, "threshold": threshold, "function": function}
                assert params.validate_parameters(query, given, DEMO) == {
                    "threshold": "weekly",
                    "municipality": "Fjordvik",
                    "round": "2013",
                    "function": "instruments",
                }


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"municipality": "Ålesund"},
            "no municipality 'Ålesund' in the database; known: Bjørkelid (C), Fjordvik (A), Melhus",
        ),
        (
            {"municipality": "Melhus", "round": "2011"},
            "round '2011' is not loaded for that municipality; its rounds: 2013",
        ),
        (
            {"threshold": "ukentli"},
            "unknown threshold 'ukentli'; known: daily (daglig/dagleg/daily), weekly (ukentlig/vekentleg",
        ),
        (
            {"function": "tenestar"},
            "unknown function 'tenestar'; known: services (tjenester/tenester/services), allocation",
        ),
        ({"limit": 5}, "query 'function_isolates' has no parameter limit; its parameters: threshold, municipality"),
    ],
)
def test_a_bad_value_is_an_error_naming_the_known_values(given: dict, message: str) -> None:
    base = {"municipality": "A", "round": "2013", "threshold": "daily", "function": "services"}
    with pytest.raises(params.ParameterError) as raised:
        params.validate_parameters(load_query("function_isolates"), base | given, DEMO)
    assert message in str(raised.value)


def test_a_missing_parameter_names_the_example() -> None:
    with pytest.raises(
        params.ParameterError, match=r"needs parameter\(s\) round, threshold; e.g. municipality=Fjordvik"
    ):
        params.validate_parameters(load_query("isolates"), {"municipality": "A"}, DEMO)


def test_query_examples_are_read_as_literals_only() -> None:
    example = cypher.parse_query(
        "x", ':params {municipality: "A", round: "2013", limit: 5, all: true, x: null};\nRETURN 1'
    )
    assert params.example_parameters(example) == {
        "municipality": "A",
        "round": "2013",
        "limit": 5,
        "all": True,
        "x": None,
    }
    harmful = cypher.parse_query("x", ":params {a: __import__('os').system('true')};\nRETURN 1")
    assert params.example_parameters(harmful) == {}


def test_other_parameters_take_the_type_of_the_example() -> None:
    query = load_query("drop_stale_projections")
    assert params.validate_parameters(query, {"minutes": "5"}, DEMO) == {"minutes": 5}
    with pytest.raises(params.ParameterError, match=r"minutes 'ten' is not a whole number, e\.g\. 10"):
        params.validate_parameters(query, {"minutes": "ten"}, DEMO)


def test_parameters_with_known_values_have_choices() -> None:
    assert params.parameter_choices("municipality", DEMO, "nb") == [
        ("Bjørkelid", "Bjørkelid"),
        ("Fjordvik", "Fjordvik"),
        ("Melhus", "Melhus"),
    ]
    assert params.parameter_choices("round", DEMO, "nb", municipality="Melhus") == [("2013", "2013")]
    assert params.parameter_choices("round", DEMO, "nb") == [("2011", "2011"), ("2013", "2013")]
    assert params.parameter_choices("threshold", DEMO, "nn") == [
        ("daily", "dagleg"),
        ("weekly", "vekentleg"),
        ("monthly", "månadleg"),
    ]
    assert ("mayor", "ordfører") in params.parameter_choices("body_kind", DEMO, "nb")
    assert params.parameter_choices("minutes", DEMO, "en") is None


def test_a_new_query_file_is_seen_without_a_restart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cypher, "_queries_folder", lambda: tmp_path)
    source = (
        "// Count persons\n// Parameters: none.\n// Returns: n.\n:params {};\nMATCH (p:Person) RETURN count(p) AS n;\n"
    )
    assert list_queries() == ()
    (tmp_path / "persons.cypher").write_text(source, encoding="utf-8")
    assert [q.title for q in list_queries()] == ["Count persons"]
    (tmp_path / "persons.cypher").write_text(source.replace("Count persons", "How many"), encoding="utf-8")
    # A file rewritten within the file system's timestamp resolution would look unchanged.
    stat = (tmp_path / "persons.cypher").stat()
    os.utime(tmp_path / "persons.cypher", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert [q.title for q in list_queries()] == ["How many"]


# -- on the demo -------------------------------------------------------------------------------


def test_the_catalogue_is_the_demo(demo: Driver) -> None:
    catalogue = params.read_catalogue(demo)
    assert [(m.name, m.alias, m.rounds) for m in catalogue.municipalities] == [
        ("Bjørkelid", "C", ("2011", "2013")),
        ("Fjordvik", "A", ("2011", "2013")),
        ("Sæterdal", "D", ("2011", "2013")),
        ("Østerå", "B", ("2011", "2013")),
    ]
    assert params.read_catalogue(demo).generation == catalogue.generation


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_each_query_answers_its_own_example(demo: Driver, capsys: pytest.CaptureFixture[str], query) -> None:
    assert query.title and query.title != query.name
    assert "Returns:" in query.description and "Parameters:" in query.description
    example = params.example_parameters(query)
    assert set(query.parameters) == set(example), "the :params example must give exactly the query's parameters"
    rows = run_query(demo, query.name, example)
    assert rows or query.name in MAY_BE_EMPTY, f"{query.name} returned no rows for its own example {query.example}"
    argv = ["query", query.name, "--format", "json", "--show-names"]
    code, out, err = run(capsys, [*argv, *(f"--param={key}={value}" for key, value in example.items())])
    assert code == 0, err
    assert json.loads(out) == json.loads(json.dumps(rows, default=str))


def _documented_examples() -> list[str]:
    text = (DOCS / "queries.md").read_text(encoding="utf-8")
    found = re.findall(r"`netkart (query [^`]+)`", text)
    # Usage lines (`netkart query ... --no-gds`, `netkart query --list`) are not examples.
    return [example for example in found if "..." not in example and not example.startswith("query -")]


@pytest.mark.parametrize("example", _documented_examples())
def test_every_documented_example_returns_rows(demo: Driver, capsys: pytest.CaptureFixture[str], example: str) -> None:
    argv = shlex.split(example)
    code, out, err = run(capsys, [*argv, "--format", "json"])
    assert code == 0, err
    assert json.loads(out) or argv[1] in MAY_BE_EMPTY, f"`netkart {example}` returned no rows on the demo"


def test_the_documented_examples_cover_the_library() -> None:
    named = {shlex.split(example)[1] for example in _documented_examples()}
    assert {q.name for q in list_queries()} <= named


def test_labels_give_the_same_rows_as_keys(demo: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["query", "function_isolates", "--format", "json", "--param", "round=2013"]
    by_key = run(
        capsys, [*base, "--param=municipality=Fjordvik", "--param=threshold=daily", "--param=function=services"]
    )
    for municipality, threshold, function in (("A", "daglig", "tjenester"), ("a", "dagleg", "tenester")):
        labelled = [
            f"--param=municipality={municipality}",
            f"--param=threshold={threshold}",
            f"--param=function={function}",
        ]
        assert run(capsys, [*base, *labelled]) == by_key
    assert json.loads(by_key[1])


def test_query_output_is_anonymised_unless_names_are_asked_for(
    demo: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["query", "view_persons", "--param", "municipality=D", "--param", "round=2013", "--format", "json"]
    named = json.loads(run(capsys, [*argv, "--show-names"])[1])
    anonymised = json.loads(run(capsys, argv)[1])
    assert len(named) == len(anonymised) > 0
    assert {"name", "unit", "role"} <= set(named[0]) and not {"name", "unit", "role"} & set(anonymised[0])
    ids = {row["person_id"] for row in named}
    assert not ids & {row["person_id"] for row in anonymised}


def test_your_own_cypher_from_a_file_or_the_command_line(
    demo: Driver, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    own = tmp_path / "roster_size.cypher"
    own.write_text(
        '// Roster size\n:params {municipality: "Fjordvik", round: "2013"};\n'
        "MATCH (:SurveyRound {municipality: $municipality, label: $round})<-[:IN_ROUND]-(p:Person)\n"
        "RETURN count(p) AS persons;\n",
        encoding="utf-8",
    )
    expected = len(run_query(demo, "view_persons", {"municipality": "Fjordvik", "round": "2013"}))
    code, out, err = run(capsys, ["query", "--file", str(own), "--show-names", "--format", "json"])
    assert code == 0, err
    assert json.loads(out) == [{"persons": expected}]
    # --param overrides the :params defaults, and is checked like a named query's.
    code, out, _ = run(
        capsys, ["query", "--file", str(own), "--show-names", "--format", "csv", "--param", "municipality=D"]
    )
    assert code == 0 and out.splitlines()[0] == "persons"
    code, _, err = run(capsys, ["query", "--file", str(own), "--show-names", "--param", "round=2015"])
    assert code == 2 and "round '2015' is not loaded for that municipality; its rounds: 2011, 2013" in err
    code, out, err = run(
        capsys,
        ["query", "-e", "MATCH (m:Municipality {alias: $a}) RETURN m.name AS name", "--show-names", "--param", "a=B"],
    )
    assert code == 0, err
    assert out.split() == ["name", "Østerå"]


def test_your_own_cypher_cannot_write(demo: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, ["query", "-e", "CREATE (:Intruder) RETURN 1 AS one", "--show-names"])
    assert code == 2 and out == ""
    assert "read-only" in err and "nothing was changed" in err
    records, _, _ = demo.execute_query("MATCH (n:Intruder) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_metrics_and_compare_take_aliases_and_labels_and_hide_names(
    demo: Driver, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, ["metrics", "--municipality", "a", "--round", "2013", "--threshold", "ukentlig", "--json"]
    )
    assert code == 0, err
    metrics = json.loads(out)
    named = json.loads(
        run(
            capsys,
            [
                "metrics",
                "--municipality",
                "Fjordvik",
                "--round",
                "2013",
                "--threshold",
                "weekly",
                "--json",
                "--show-names",
            ],
        )[1]
    )
    assert metrics["municipality"] == "A" and named["municipality"] == "Fjordvik"
    assert metrics["ties"] == named["ties"] and len(metrics["isolates"]) == len(named["isolates"])
    assert not set(named["betweenness"]) & set(metrics["betweenness"]), "pseudonyms, not person ids"
    assert "Fjordvik" not in out
    code, out, err = run(
        capsys,
        [
            "compare",
            "--municipality",
            "A",
            "--from",
            "2011",
            "--to",
            "2013",
            "--threshold",
            "weekly",
            "--json",
            "--permutations",
            "10",
        ],
    )
    assert code == 0, err
    assert "Fjordvik" not in out
