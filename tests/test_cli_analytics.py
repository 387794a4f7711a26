"""The analytics commands end to end: ``netkart query``, ``metrics``, ``compare`` and
``compare-municipalities`` on networks loaded through the real ingest path.

Expected values are worked out by hand on a star (2013) and a line (2011) of the same five
persons, and a circle elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from conftest import wipe
from neo4j import Driver
from test_queries import ALESUND_2011, ALESUND_2013, Network, load_network, writing_query

from analytics import store
from analytics.cli import parse_parameters
from cypher import list_queries, load_query
from cypher.params import example_parameters
from ingest import set_alias
from netkart.cli import main

# Kristiansund: a line a–b–c–d–e in 2011, a star around c in 2013 (e never answered).
LINE = Network(
    "Kristiansund",
    "2011",
    persons={p: ("services",) for p in "abcde"},
    arcs=[("a", "b", "daily"), ("b", "c", "daily"), ("c", "d", "daily"), ("d", "e", "daily")],
)
STAR = Network(
    "Kristiansund",
    "2013",
    persons={p: ("services",) for p in "abcde"},
    arcs=[("c", "a", "daily"), ("c", "b", "daily"), ("c", "d", "daily"), ("c", "e", "daily"), ("a", "c", "daily")],
    silent={"e"},
)
CIRCLE = Network(
    "Melhus",
    "2013",
    persons={p: ("allocation",) for p in "vwxyz"},
    arcs=[("v", "w", "weekly"), ("w", "x", "weekly"), ("x", "y", "weekly"), ("y", "z", "weekly"), ("z", "v", "weekly")],
)


@pytest.fixture(scope="module")
def loaded(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    wipe(driver)
    folder = tmp_path_factory.mktemp("cli")
    for network in (ALESUND_2011, ALESUND_2013, LINE, STAR, CIRCLE):
        load_network(driver, folder, network)
    set_alias(driver, "Kristiansund", "C")
    return driver


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- parameters ---------------------------------------------------------------------------------


def test_parameters_are_json_when_they_parse_but_labels_stay_text() -> None:
    query = load_query("function_isolates")
    parameters = parse_parameters(query, ["round=2013", "municipality=Ålesund", "threshold=daily", "extra=[1, 2]"])
    assert parameters == {"round": "2013", "municipality": "Ålesund", "threshold": "daily", "extra": [1, 2]}
    assert parse_parameters(query, ["limit=5", "flag=true", "text=not json"]) == {
        "limit": 5,
        "flag": True,
        "text": "not json",
    }
    with pytest.raises(ValueError, match="expected key=value"):
        parse_parameters(query, ["round"])


# -- netkart query ----------------------------------------------------------------------------


def test_query_list_shows_names_titles_and_parameters(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "query", "--list")
    assert code == 0
    lines = out.splitlines()
    for query in list_queries():
        line = next(line for line in lines if line.startswith(query.name + " "))
        assert query.title in line
        assert ", ".join(example_parameters(query)) in line


@pytest.mark.parametrize("name", store.GRAPH_QUERIES)
def test_graph_queries_without_gds_print_the_same(loaded: Driver, capsys: pytest.CaptureFixture[str], name) -> None:
    argv = ["query", name, "--param", "municipality=Ålesund", "--param", "round=2013", "--param", "threshold=weekly"]
    _, with_gds, _ = run(capsys, *argv, "--format", "json")
    code, without, err = run(capsys, *argv, "--format", "json", "--no-gds")
    assert code == 0 and "networkx" in err
    assert json.loads(without) == json.loads(with_gds)


def test_query_csv_and_table(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["query", "parts", "--param", "municipality=Ålesund", "--param", "round=2013", "--show-names"]
    code, out, _ = run(capsys, *argv, "--param", "threshold=weekly", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["size"] for r in rows] == ["7", "2"]  # the three isolates are no parts
    assert json.loads(rows[1]["person_ids"]) == ["p08", "p12"]  # names shown: raw ids
    code, out, _ = run(capsys, *argv, "--param", "threshold=weekly")
    header, first = out.splitlines()[:2]
    assert header.split() == ["part", "size", "person_ids"]
    assert first.split()[:2] == ["1", "7"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "nope"], "no query named 'nope'; known queries: "),
        (["query", "isolates", "--param", "municipality=Ålesund"], "needs parameter(s) round, threshold; e.g."),
        (
            [
                "query",
                "isolates",
                "--param",
                "municipality=Molde",
                "--param",
                "round=2013",
                "--param",
                "threshold=daily",
            ],
            "no municipality 'Molde' in the database; known: Kristiansund (C), Melhus, Ålesund",
        ),
        (
            ["query", "isolates", "--param", "municipality=c", "--param", "round=2009", "--param", "threshold=daily"],
            "round '2009' is not loaded for that municipality; its rounds: 2011, 2013",
        ),
        (
            ["query", "municipalities_summary", "--param", "threshold=daily", "--param", "treshold=daily"],
            "query 'municipalities_summary' has no parameter treshold; its parameters: threshold",
        ),
        (
            [
                "query",
                "function_isolates",
                "--param",
                "municipality=C",
                "--param",
                "round=2013",
                "--param",
                "threshold=daily",
                "--param",
                "function=tjeneste",
            ],
            "unknown function 'tjeneste'; known: services (tjenester/tenester/services)",
        ),
        (
            ["query", "isolates", "--param", "municipality=Ålesund", "--param", "round=2013", "--param", "threshold=x"],
            "unknown threshold 'x'",
        ),
        (["query"], "give exactly one of: a query NAME (see --list), --file FILE.cypher or -e 'CYPHER'"),
        (["query", "-e", "RETURN 1 AS one"], "netkart cannot anonymise it; add --show-names"),
        (["query", "-e", "RETURN $x AS x", "--show-names"], "query '-e' needs parameter(s) x"),
        (["query", "-e", "RETURN 1 AS", "--show-names"], "Neo4j refused the query: Neo.ClientError.Statement.Syntax"),
        (["metrics", "--municipality", "Molde", "--round", "2013", "--threshold", "daily"], "no municipality 'Molde'"),
        (
            ["compare", "--municipality", "Kristiansund", "--from", "2009", "--to", "2013", "--threshold", "daily"],
            "round '2009' is not loaded for that municipality; its rounds: 2011, 2013",
        ),
        (
            ["compare-municipalities", "--round", "1999", "--threshold", "daily"],
            "round '1999' is not loaded; loaded rounds: 2011, 2013",
        ),
        (
            ["metrics", "--municipality", "C", "--round", "2013", "--threshold", "weekly2"],
            "unknown threshold 'weekly2'; known: daily (daglig/dagleg/daily)",
        ),
    ],
)
def test_errors_are_one_clear_line(loaded: Driver, capsys: pytest.CaptureFixture[str], argv, message) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err and "Traceback" not in err


def test_a_write_attempt_fails_with_a_clear_message(
    loaded: Driver, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = writing_query(monkeypatch)
    code, out, err = run(capsys, "query", name)
    assert code == 2 and out == ""
    assert "tried to write" in err and "read-only" in err and "nothing was changed" in err
    records, _, _ = loaded.execute_query("MATCH (n:Intruder) RETURN count(n) AS n")
    assert records[0]["n"] == 0


# -- netkart metrics ------------------------------------------------------------------------


def metrics_json(capsys: pytest.CaptureFixture[str], round_label: str, threshold: str = "daily") -> dict:
    argv = ["metrics", "--municipality", "Kristiansund", "--round", round_label, "--threshold", threshold, "--json"]
    argv.append("--show-names")
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_metrics_json_of_a_star(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = metrics_json(capsys, "2013")
    assert {key: metrics[key] for key in ("municipality", "round", "threshold", "nodes", "respondents")} == {
        "municipality": "Kristiansund",
        "round": "2013",
        "threshold": "daily",
        "nodes": 5,
        "respondents": 4,
    }
    assert (metrics["arcs"], metrics["ties"]) == (5, 4)
    assert metrics["density"] == pytest.approx(4 / 10)
    assert metrics["reciprocity"] == pytest.approx(2 / 5)  # c → a and a → c
    assert metrics["parts"] == [5]
    assert metrics["isolates"] == []
    assert metrics["degree_centralization"] == pytest.approx(1.0)
    assert metrics["betweenness_centralization"] == pytest.approx(1.0)
    assert metrics["betweenness"] == pytest.approx({"a": 0.0, "b": 0.0, "c": 1.0, "d": 0.0, "e": 0.0})
    assert metrics["cut_points"] == ["c"]
    assert metrics["bridge_builders"] == ["c"]  # n = 5, bar 2: c cuts off 3
    assert sorted(map(sorted, metrics["bridges"])) == [["a", "c"], ["b", "c"], ["c", "d"], ["c", "e"]]
    assert metrics["ideal_type"]["label"] == "star"


def test_metrics_json_of_a_line(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    metrics = metrics_json(capsys, "2011")
    assert (metrics["nodes"], metrics["arcs"], metrics["ties"]) == (5, 4, 4)
    assert metrics["reciprocity"] == 0.0
    # Freeman: degrees 1,2,2,2,1 → (1 + 0 + 0 + 0 + 1) / ((n-1)(n-2)) = 2/12.
    assert metrics["degree_centralization"] == pytest.approx(1 / 6)
    # Pairs through b: a–c, a–d, a–e (3 of 6); through c: a–d, a–e, b–d, b–e (4 of 6).
    assert metrics["betweenness"] == pytest.approx({"a": 0.0, "b": 0.5, "c": 2 / 3, "d": 0.5, "e": 0.0})
    # Σ (max − c_i) / (n − 1) = (2/3 + 1/6 + 0 + 1/6 + 2/3) / 4.
    assert metrics["betweenness_centralization"] == pytest.approx(5 / 12)
    assert metrics["cut_points"] == ["b", "c", "d"]
    assert metrics["bridge_builders"] == ["c"]  # b and d cut off 1 each, c 2 (bar 2)
    assert metrics["ideal_type"]["label"] == "line"


def test_metrics_json_of_a_circle(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["metrics", "--municipality", "Melhus", "--round", "2013", "--threshold", "weekly", "--json"]
    metrics = json.loads(run(capsys, *argv, "--show-names")[1])
    assert metrics["degree_centralization"] == pytest.approx(0.0)
    assert metrics["betweenness_centralization"] == pytest.approx(0.0)
    assert metrics["cut_points"] == [] and metrics["bridges"] == []
    assert metrics["ideal_type"]["label"] == "circle"
    # At daily the weekly circle has no ties: five isolates.
    argv[-2] = "daily"
    daily = json.loads(run(capsys, *argv, "--show-names")[1])
    assert daily["isolates"] == ["v", "w", "x", "y", "z"] and daily["parts"] == []


def test_metrics_json_includes_political_contacts(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["metrics", "--municipality", "Ålesund", "--round", "2013", "--threshold", "weekly", "--json"]
    political = json.loads(run(capsys, *argv)[1])["political"]
    assert political["persons_in_contact"] == 3  # p01, p02, p04
    mayor = next(body for body in political["bodies"] if body["key"] == "mayor")
    assert mayor["persons"] == 3 and mayor["by_type"] == {"information": 2, "professional": 1, "political": 0}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_metrics_text_summary_with_findings(loaded: Driver, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    argv = ["metrics", "--municipality", "Kristiansund", "--round", "2013", "--threshold", "daily", "--lang", lang]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert out.startswith("C, round 2013, threshold daily\n")
    assert "Kristiansund" not in out
    assert run(capsys, *argv, "--show-names")[1].startswith("Kristiansund (C), round 2013, threshold daily")
    assert any(line.split()[:2] == ["ties", "4"] for line in out.splitlines())
    assert "ideal_type                  star" in out
    findings = [line for line in out.splitlines() if line.startswith("- ")]
    assert findings, "a star yields at least the ideal-type finding"
    assert any(("stjerne" if lang == "nb" else "star") in line for line in findings)


def test_metrics_in_a_subprocess(loaded: Driver) -> None:
    # The installed entry point, in its own process, talks to the same server (conftest exports it).
    argv = ["-m", "netkart.cli", "metrics", "--municipality", "Kristiansund", "--round", "2013"]
    done = subprocess.run(
        [sys.executable, *argv, "--threshold", "daily", "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ties"] == 4


# -- netkart compare ----------------------------------------------------------------------------


def compare_json(capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    argv = ["compare", "--municipality", "Kristiansund", "--from", "2011", "--to", "2013", "--threshold", "daily"]
    code, out, err = run(capsys, *argv, "--json", "--show-names", *extra)
    assert code == 0, err
    return json.loads(out)


def test_compare_json_line_to_star(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    comparison = compare_json(capsys, "--permutations", "200", "--seed", "7")
    assert comparison["persons_joined"] == [] and comparison["persons_left"] == []
    assert comparison["ties_new"] == [["a", "c"], ["c", "e"]]
    assert comparison["ties_dropped"] == [["a", "b"], ["d", "e"]]
    assert comparison["ties_stable"] == [["b", "c"], ["c", "d"]]
    assert comparison["ties_jaccard"] == pytest.approx(2 / 6)
    # Arcs 2011 {ab, bc, cd, de}, 2013 {ca, cb, cd, ce, ac}: only c → d in both, 8 in all.
    assert comparison["arcs_jaccard"] == pytest.approx(1 / 8)
    # Over the 10 pairs: x = line ties, y = star ties; cov 0.4, var 2.4 each → r = 1/6.
    assert comparison["qap_correlation"] == pytest.approx(1 / 6)
    assert 0.0 <= comparison["qap_p_value"] <= 1.0
    # c is the only bridge-builder of both the line and the star.
    assert comparison["bridge_builders_lost"] == [] and comparison["bridge_builders_gained"] == []
    assert comparison["isolates_gained"] == [] and comparison["isolates_lost"] == []
    delta = comparison["metrics"]["delta"]
    assert delta["ties"] == 0
    assert delta["degree_centralization"] == pytest.approx(1 - 1 / 6)
    assert comparison["metrics"]["to"]["betweenness_centralization"] == pytest.approx(1.0)


def test_compare_is_reproducible_with_a_seed(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    first = compare_json(capsys, "--permutations", "300", "--seed", "11")
    second = compare_json(capsys, "--permutations", "300", "--seed", "11")
    assert first["qap_p_value"] == second["qap_p_value"]
    assert first["qap_permutations"] == 300


def test_compare_text(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compare", "--municipality", "Kristiansund", "--from", "2011", "--to", "2013", "--threshold", "daily"]
    code, out, _ = run(capsys, *argv, "--permutations", "50", "--lang", "en")
    assert code == 0
    assert out.startswith("C, 2011 → 2013, threshold daily")
    assert "Kristiansund" not in out
    assert "ties_new                    2" in out
    assert any(line.startswith("- ") for line in out.splitlines())


# -- netkart compare-municipalities ---------------------------------------------------------


def test_compare_municipalities_is_anonymised(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare-municipalities", "--round", "2013", "--threshold", "weekly", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    # Names sorted: Kristiansund (C), Melhus (no alias → #1), Ålesund (no alias → #2).
    assert [row["municipality"] for row in rows] == ["#1", "#2", "C"]
    for name in ("Kristiansund", "Melhus", "Ålesund"):
        assert name not in out
    by_label = {row["municipality"]: row for row in rows}
    assert by_label["C"]["ties"] == 4 and by_label["C"]["ideal_type"] == "star"
    assert by_label["#1"]["ties"] == 5 and by_label["#1"]["ideal_type"] == "circle"
    assert by_label["#2"]["nodes"] == len(ALESUND_2013.persons)


def test_compare_municipalities_csv_with_names(loaded: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["compare-municipalities", "--round", "2013", "--threshold", "weekly", "--format", "csv", "--show-names"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(row["municipality"], row["name"]) for row in rows] == [
        ("#1", "Melhus"),
        ("#2", "Ålesund"),
        ("C", "Kristiansund"),
    ]
    assert rows[2]["isolates"] == "0" and rows[2]["parts"] == "1"


def test_a_closed_pipe_ends_quietly(loaded: Driver) -> None:
    # `netkart query ... | head`: the reader leaves before the output is written (`true` exits at
    # once, while Python still starts up), so the write hits a closed pipe. No traceback, status 0.
    command = (
        f"{sys.executable} -m netkart.cli query view_ties --param municipality=Ålesund --param round=2013 "
        "--param threshold=monthly | true"
    )
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
