"""Data protection (issue 13 item 5): erasure, access export, purge, the audit log and ``--yes``.

Against the real Neo4j, with the small ingest fixture (six persons, docs in tests/fixtures/ingest)
loaded as Fjordvik 2011 and 2013 and as Havby 2013. Expected counts come from the fixture files:
p01 is on both Fjordvik rounds with two functions, reports three contacts, is reported by one
(p02; "aldri" is no contact) and reports two political contacts, to bodies nobody else has
contact with (p06's contact with the mayor is "aldri").
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.anonymise import pseudonyms
from analytics.store import load_view, run_named_query
from analytics.view import View
from cypher.audit import os_user, read_events
from cypher.params import read_catalogue
from ingest import SurveyFiles, load_round, read_round
from netkart import confirm as confirmation
from netkart.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ROSTER = FIXTURES / "roster.csv"
NAMES = ["Åse Ødegård", "Bjørn Æsøy", "Kari Nilsen", "Lars Hansen", "Mona Berg", "Per Olsen"]
IDS = [f"p0{i}" for i in range(1, 7)]


def files(municipality: str, label: str) -> SurveyFiles:
    return SurveyFiles(municipality, label, ROSTER, FIXTURES / "contacts.csv", political=FIXTURES / "political.csv")


def ingest_args(municipality: str, label: str, *extra: str) -> list[str]:
    return [
        "ingest",
        "--municipality",
        municipality,
        "--round",
        label,
        "--roster",
        str(ROSTER),
        "--contacts",
        str(FIXTURES / "contacts.csv"),
        "--political",
        str(FIXTURES / "political.csv"),
        *extra,
    ]


@pytest.fixture
def loaded(clean_db):
    for municipality, label in (("Fjordvik", "2011"), ("Fjordvik", "2013"), ("Havby", "2013")):
        load_round(clean_db, read_round(files(municipality, label)))
    return clean_db


def census(driver, municipality: str | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type (of one municipality's persons, bodies, rounds)."""
    where = "WHERE NOT n:AuditEvent" + (" AND coalesce(n.municipality, n.name) = $m" if municipality else "")
    nodes = driver.execute_query(
        f"MATCH (n) {where} UNWIND labels(n) AS label RETURN label, count(*) AS n", m=municipality
    ).records
    rels = driver.execute_query(
        f"MATCH (n)-[r]->() {where} RETURN type(r) AS type, count(*) AS n", m=municipality
    ).records
    return {r["label"]: r["n"] for r in nodes} | {r["type"]: r["n"] for r in rels}


def facts(driver, municipality: str) -> set[tuple]:
    records = driver.execute_query(
        """
        MATCH (n {municipality: $m})-[r]->(x)
        RETURN coalesce(n.person_id, n.key, n.label) AS n, type(r) AS type, properties(r) AS props,
               coalesce(x.person_id, x.key, x.label, x.name) AS x
        """,
        m=municipality,
    ).records
    return {(r["n"], r["type"], json.dumps(r["props"], sort_keys=True), r["x"]) for r in records}


def everyone(driver, municipality: str) -> dict[str, str]:
    """Pseudonyms over all the municipality's rounds, as the CLI and the dashboard number them."""
    info = read_catalogue(driver).municipality(municipality)
    persons = {}
    for label in info.rounds:
        persons.update((p.person_id, p) for p in load_view(driver, municipality, label, "daily").persons)
    return pseudonyms(View(municipality, "", "daily", tuple(persons.values()), ()), "nb", info.erased)


def shown_pseudonyms(driver, municipality: str, label: str) -> list[str]:
    """The pseudonyms the anonymised ``view_persons`` query shows (CLI and queries page)."""
    rows = run_named_query(driver, "view_persons", {"municipality": municipality, "round": label})
    return sorted(row["person_id"] for row in rows)


def audit_count(driver) -> int:
    return driver.execute_query("MATCH (e:AuditEvent) RETURN count(e) AS n").records[0]["n"]


def checksum(driver, municipality: str, label: str) -> str:
    query = "MATCH (r:SurveyRound {municipality: $m, label: $r}) RETURN r.checksum AS c"
    return driver.execute_query(query, m=municipality, r=label).records[0]["c"]


# -- erasure ----------------------------------------------------------------------------------


def test_erase_removes_the_person_from_every_round_and_nothing_else(loaded, capsys):
    fjordvik, havby = census(loaded, "Fjordvik"), census(loaded, "Havby")
    kept = facts(loaded, "Havby")
    assert main(["person", "erase", "--municipality", "Fjordvik", "--person", "p01", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Erased the person from Fjordvik (rounds 2011, 2013;" in out and "p01" not in out
    after = census(loaded, "Fjordvik")
    # Per round: 1 roster membership, 2 functions, 2 political contacts and the ties
    # p01 -> p02 daily, p02 -> p01 daily, p01 -> p03 weekly, p01 -> p04 monthly.
    per_round = {"IN_ROUND": 1, "COVERS": 2, "DAILY": 2, "WEEKLY": 1, "MONTHLY": 1, "POLITICAL_CONTACT": 2}
    expected = dict(fjordvik)
    for key, number in per_round.items():
        expected[key] -= 2 * number
    expected["Person"] -= 1
    # the person's BELONGS_TO, and the two bodies only p01 had contact with, with theirs
    expected["PoliticalBody"] -= 2
    expected["BELONGS_TO"] -= 1 + 2
    assert after == {key: value for key, value in expected.items() if value}
    assert loaded.execute_query("MATCH (p:Person {person_id: 'p01'}) RETURN p.municipality AS m").records[0]["m"] == (
        "Havby"
    )
    assert census(loaded, "Havby") == havby and facts(loaded, "Havby") == kept


def test_erasure_recomputes_measures_changes_the_generation_and_marks_the_rounds(loaded):
    before = {label: load_view(loaded, "Fjordvik", label, "monthly").graph for label in ("2011", "2013")}
    generation = read_catalogue(loaded).generation
    checksums = {label: checksum(loaded, "Fjordvik", label) for label in ("2011", "2013")}
    havby = checksum(loaded, "Havby", "2013")
    assert main(["person", "erase", "--municipality", "Fjordvik", "--person", "p01", "--yes"]) == 0
    for label, graph in before.items():
        now = load_view(loaded, "Fjordvik", label, "monthly").graph
        assert "p01" not in now
        for neighbour in graph.neighbors("p01"):
            assert now.degree(neighbour) == graph.degree(neighbour) - 1
        others = set(graph) - {"p01"} - set(graph.neighbors("p01"))
        assert {p: now.degree(p) for p in others} == {p: graph.degree(p) for p in others}
        # the files' checksum marked: loading the old files again is a replace, not a silent no-op
        assert checksum(loaded, "Fjordvik", label) == f"erased:{checksums[label]}"
    assert read_catalogue(loaded).generation != generation
    assert checksum(loaded, "Havby", "2013") == havby
    with pytest.raises(Exception, match="already loaded with different data"):
        load_round(loaded, read_round(files("Fjordvik", "2013")))


def test_erasure_renumbers_no_one_else(loaded, capsys):
    before = everyone(loaded, "Fjordvik")
    # p01, p03 and p06 share the primary function tjenester: Tjenester 1, 2 and 3.
    assert [before[p] for p in ("p01", "p03", "p06")] == ["Tjenester 1", "Tjenester 2", "Tjenester 3"]
    shown = shown_pseudonyms(loaded, "Fjordvik", "2013")
    assert main(["person", "erase", "--municipality", "Fjordvik", "--person", "p03", "--yes"]) == 0
    # Everyone keeps their pseudonym, so that notes and decks made before the erasure still
    # point at the same persons; the erased person's number is not given to anyone.
    assert everyone(loaded, "Fjordvik") == {p: label for p, label in before.items() if p != "p03"}
    assert shown_pseudonyms(loaded, "Fjordvik", "2013") == sorted(set(shown) - {"Tjenester 2"})
    assert main(["person", "erase", "--municipality", "Fjordvik", "--person", "p01", "--yes"]) == 0
    assert everyone(loaded, "Fjordvik") == {p: label for p, label in before.items() if p not in ("p01", "p03")}
    capsys.readouterr()
    assert main(["person", "export", "--municipality", "Fjordvik", "--person", "p06"]) == 0
    assert json.loads(capsys.readouterr().out)["pseudonym"] == "Tjenester 3"
    # Another municipality's numbering is its own.
    assert everyone(loaded, "Havby")["p03"] == "Tjenester 2"


def test_erase_is_all_or_nothing_and_names_how_to_find_ids(loaded, capsys):
    before = census(loaded), audit_count(loaded)
    assert main(["person", "erase", "--municipality", "Fjordvik", "--person", "p99", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "no person 'p99' in Fjordvik" in err and "netkart query view_persons" in err and "--show-names" in err
    assert not any(pid in err for pid in IDS) and len(err.splitlines()) == 1
    assert main(["person", "erase", "--municipality", "Nowhere", "--person", "p01", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "no municipality 'Nowhere'" in err and "Fjordvik" in err and "Havby" in err
    assert (census(loaded), audit_count(loaded)) == before


# -- access -----------------------------------------------------------------------------------


def test_export_holds_exactly_what_the_database_holds_for_the_person(loaded, tmp_path, capsys):
    out = tmp_path / "p01.json"
    assert main(["person", "export", "--municipality", "Fjordvik", "--person", "p01", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    document = json.loads(text)
    stored = loaded.execute_query(
        "MATCH (p:Person {municipality: 'Fjordvik', person_id: 'p01'}) RETURN properties(p) AS p"
    ).records[0]["p"]
    assert document["stored_properties"] == stored
    assert (document["person_id"], document["name"], document["pseudonym"]) == ("p01", "Åse Ødegård", "Tjenester 1")
    counted = loaded.execute_query(
        """
        MATCH (p:Person {municipality: 'Fjordvik', person_id: 'p01'})-[r]-(x)
        WHERE type(r) <> 'BELONGS_TO'
        RETURN coalesce(r.round, x.label) AS round, type(r) AS type, startNode(r) = p AS out, count(*) AS n
        """
    ).records
    shown = {"IN_ROUND": "on_roster", "COVERS": "functions", "POLITICAL_CONTACT": "political_contacts"}
    for row in counted:
        entry = next(item for item in document["rounds"] if item["round"] == row["round"])
        if row["type"] == "IN_ROUND":
            assert entry["on_roster"] is True and row["n"] == 1
        elif row["type"] in shown:
            assert len(entry[shown[row["type"]]]) == row["n"], row
        else:
            ties = entry["contacts_reported" if row["out"] else "contacts_reported_by_others"]
            assert sum(t["frequency"] == row["type"].lower() for t in ties) == row["n"], row
    total = sum(row["n"] for row in counted)
    listed = sum(
        1
        + len(item["functions"])
        + sum(len(item[k]) for k in ("contacts_reported", "contacts_reported_by_others"))
        + len(item["political_contacts"])
        for item in document["rounds"]
    )
    assert listed == total == 2 * 9
    first = next(item for item in document["rounds"] if item["round"] == "2013")
    assert first["functions"] == ["services", "allocation"]
    assert (first["unit"], first["role"], first["responded"]) == ("Tildelingskontoret", "leder", True)
    assert {"with": "Virkemidler 1", "frequency": "daily"} in first["contacts_reported"]
    # Other persons appear by pseudonym only: none of their ids or names.
    assert not any(value in text for value in [*IDS[1:], *NAMES[1:]])
    assert audit_count(loaded) == 3 + 1  # three loads and this export


# -- purge ------------------------------------------------------------------------------------


def test_purge_removes_everything_of_the_municipality_and_nothing_else(loaded, capsys):
    assert main(["municipality", "alias", "Fjordvik", "F"]) == 0
    kept, havby = facts(loaded, "Havby"), census(loaded, "Havby")
    functions = census(loaded)["Function"]
    assert main(["municipality", "purge", "F", "--yes"]) == 0  # by its alias, as other commands take it
    assert "Fjordvik purged (rounds 2011, 2013;" in capsys.readouterr().out
    assert census(loaded, "Fjordvik") == {}
    left = loaded.execute_query(
        "MATCH (n) WHERE NOT n:AuditEvent AND (n.municipality = 'Fjordvik' OR n.name = 'Fjordvik' OR n.alias = 'F') "
        "RETURN labels(n) AS labels"
    ).records
    assert [r["labels"] for r in left] == []
    assert facts(loaded, "Havby") == kept and census(loaded, "Havby") == havby
    assert census(loaded)["Function"] == functions
    assert [e.command for e in read_events(loaded, "Fjordvik")] == ["load", "load", "municipality purge"]
    assert main(["municipality", "purge", "Fjordvik", "--yes"]) == 2
    assert "no municipality 'Fjordvik'" in capsys.readouterr().err


# -- the audit log ----------------------------------------------------------------------------


def test_every_command_writes_exactly_one_audit_event_without_names_or_ids(clean_db, tmp_path, capsys):
    first = read_round(files("Fjordvik", "2013")).checksum
    replaced = SurveyFiles("Fjordvik", "2013", ROSTER, FIXTURES / "contacts.csv")
    second = read_round(replaced).checksum
    replace_args = [a for a in ingest_args("Fjordvik", "2013", "--replace") if "political" not in a]
    export = ["person", "export", "--municipality", "Fjordvik", "--person", "p02"]
    erase = ["person", "erase", "--municipality", "Fjordvik", "--person", "p02", "--yes"]
    report = ["report", "--municipality", "Havby", "--round", "2013", "--format", "html", "--out", str(tmp_path)]
    # (command line, the event it records: command, municipality, round, checksum; None: none)
    steps = [
        (ingest_args("Fjordvik", "2013"), ("load", "Fjordvik", "2013", first)),
        (ingest_args("Fjordvik", "2013"), None),  # identical data: nothing changed, nothing recorded
        (ingest_args("Fjordvik", "2011"), ("load", "Fjordvik", "2011", first)),
        (ingest_args("Havby", "2013"), ("load", "Havby", "2013", first)),
        (replace_args, ("replace", "Fjordvik", "2013", second)),
        (["municipality", "delete-round", "Fjordvik", "2011", "--yes"], ("delete-round", "Fjordvik", "2011", first)),
        (export, ("person export", "Fjordvik", None, None)),
        (erase, ("person erase", "Fjordvik", None, None)),
        (report, ("report", "Havby", "2013", first)),
        (["municipality", "purge", "Havby", "--yes"], ("municipality purge", "Havby", None, None)),
    ]
    for argv, expected in steps:
        before = read_events(clean_db)
        assert main(argv) == 0, (argv, capsys.readouterr().err)
        events = read_events(clean_db)
        assert events[: len(before)] == before, argv
        assert len(events) == len(before) + (expected is not None), argv
        if expected is not None:
            event = events[-1]
            assert (event.command, event.municipality, event.round, event.checksum) == expected
            assert event.user == os_user() and event.at
    stored = clean_db.execute_query(
        "MATCH (e:AuditEvent) UNWIND keys(e) AS key RETURN key, toString(e[key]) AS value"
    ).records
    assert {r["key"] for r in stored} == {"at", "user", "command", "municipality", "round", "checksum"}
    values = " ".join(r["value"] for r in stored)
    assert not any(name in values for name in NAMES) and not any(pid in values for pid in IDS)
    assert not any(part in values for name in NAMES for part in name.split())


def test_audit_lists_events_anonymised_by_default(loaded, capsys):
    assert main(["municipality", "alias", "Havby", "H"]) == 0
    assert main(["municipality", "purge", "Fjordvik", "--yes"]) == 0
    capsys.readouterr()
    assert main(["audit", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["command"], r["municipality"], r["round"]) for r in rows] == [
        ("load", "(removed)", "2011"),
        ("load", "(removed)", "2013"),
        ("load", "H", "2013"),
        ("municipality purge", "(removed)", None),
    ]
    assert all(set(r) == {"at", "user", "command", "municipality", "round", "checksum"} for r in rows)
    assert main(["audit", "--json", "--show-names", "--municipality", "Fjordvik"]) == 0
    named = json.loads(capsys.readouterr().out)
    assert [(r["command"], r["municipality"]) for r in named] == [
        ("load", "Fjordvik"),
        ("load", "Fjordvik"),
        ("municipality purge", "Fjordvik"),
    ]
    assert main(["audit", "--municipality", "H"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["at", "user", "command", "municipality", "round", "checksum"]
    assert len(table) == 2 and " H " in table[1] and "Havby" not in table[1]
    assert main(["audit", "--municipality", "Nowhere"]) == 2
    assert "no municipality 'Nowhere'" in capsys.readouterr().err


# -- --yes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["person", "erase", "--municipality", "Fjordvik", "--person", "p01"],
        ["municipality", "purge", "Fjordvik"],
        ["municipality", "delete-round", "Fjordvik", "2013"],
    ],
    ids=lambda argv: argv[1],
)
def test_without_a_terminal_yes_is_required(loaded, capsys, argv):
    before = census(loaded), audit_count(loaded)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "run again with --yes to do it" in err and len(err.splitlines()) == 1
    assert (census(loaded), audit_count(loaded)) == before


def test_on_a_terminal_the_user_is_asked(monkeypatch, capsys):
    monkeypatch.setattr(confirmation, "_interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    confirmation.confirm("this erases someone", yes=False)
    assert "This erases someone. Go ahead? [y/N]" in capsys.readouterr().err
    for answer in ("n\n", "\n", ""):
        monkeypatch.setattr("sys.stdin", io.StringIO(answer))
        with pytest.raises(confirmation.NotConfirmed, match="nothing was changed"):
            confirmation.confirm("this erases someone", yes=False)
    monkeypatch.setattr(confirmation, "_interactive", lambda: False)
    confirmation.confirm("this erases someone", yes=True)
    with pytest.raises(confirmation.NotConfirmed, match="run again with --yes"):
        confirmation.confirm("this erases someone", yes=False)


# -- concurrency ------------------------------------------------------------------------------


def test_an_erasure_and_a_load_of_the_same_municipality_run_one_after_the_other(clean_db):
    load_round(clean_db, read_round(files("Fjordvik", "2011")))
    commands = [
        ingest_args("Fjordvik", "2013"),
        ["person", "erase", "--municipality", "Fjordvik", "--person", "p01", "--yes"],
    ]
    started = [
        subprocess.Popen([sys.executable, "-m", "netkart.cli", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for argv in commands
    ]
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in started]
    assert [code for code, _ in results] == [0, 0], results
    rounds = {
        r["round"]: r["checksum"].startswith("erased:")
        for r in clean_db.execute_query("MATCH (r:SurveyRound) RETURN r.label AS round, r.checksum AS checksum").records
    }
    on = [
        r["round"]
        for r in clean_db.execute_query(
            "MATCH (:Person {person_id: 'p01'})-[:IN_ROUND]->(r) RETURN r.label AS round"
        ).records
    ]
    # Either order is correct: the load first (p01 erased from both rounds), or the erasure
    # first (p01 out of 2011, then loaded anew with 2013). A mix of the two is not.
    assert (on, rounds) in (([], {"2011": True, "2013": True}), (["2013"], {"2011": True, "2013": False}))
    duplicates = clean_db.execute_query(
        "MATCH (a)-[t]->(b) WITH a, b, type(t) AS type, t.round AS round, count(*) AS n "
        "WHERE n > 1 RETURN count(*) AS n"
    ).records[0]["n"]
    assert duplicates == 0
    assert [e.command for e in read_events(clean_db)] in (
        ["load", "load", "person erase"],
        ["load", "person erase", "load"],
    )
