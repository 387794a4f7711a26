"""Writing survey rounds to the real Neo4j (ingest.writer): counts, idempotence, replace,
all-or-nothing, --no-names, aliases, batching, several rounds at once (load_rounds) and the
``netkart ingest`` command."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest

import ingest.writer
from analytics.store import load_political, load_view
from cypher.model import PoliticalContact
from ingest import RoundExistsError, SurveyFiles, delete_round, load_round, load_rounds, read_round, set_alias
from netkart.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def fixture_round(municipality: str = "Fjordvik", label: str = "2013", **files: str) -> SurveyFiles:
    chosen = {"roster": "roster.csv", "contacts": "contacts.csv", "political": "political.csv", **files}
    return SurveyFiles(municipality, label, **{key: FIXTURES / name if name else None for key, name in chosen.items()})


def census(driver) -> dict[str, int]:
    """Nodes per label and relationships per type of the survey's data (the audit log aside)."""
    nodes = driver.execute_query(
        "MATCH (n) WHERE NOT n:AuditEvent UNWIND labels(n) AS label RETURN label, count(*) AS n"
    ).records
    rels = driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n").records
    return {r["label"]: r["n"] for r in nodes} | {r["type"]: r["n"] for r in rels}


def facts(driver, municipality: str, label: str) -> set[tuple]:
    """Every fact of one round, as comparable tuples."""
    records = driver.execute_query(
        """
        MATCH (p:Person {municipality: $m})-[r]->(x)
        WHERE r.round = $round OR (type(r) = 'IN_ROUND' AND x.label = $round)
        RETURN p.person_id AS p, type(r) AS type, properties(r) AS props,
               coalesce(x.person_id, x.key, x.label) AS x
        """,
        m=municipality,
        round=label,
    ).records
    return {(r["p"], r["type"], tuple(sorted(r["props"].items())), r["x"]) for r in records}


def without_round(round_facts: set[tuple]) -> set[tuple]:
    """Facts with the round label blanked, to compare two rounds' contents."""
    return {
        (p, type_, tuple(item for item in props if item[0] != "round"), "" if type_ == "IN_ROUND" else x)
        for p, type_, props, x in round_facts
    }


# Hand count of the fixture round (roster.csv, contacts.csv, political.csv).
FIXTURE_COUNTS = {
    "Municipality": 1,
    "SurveyRound": 1,
    "Person": 6,
    "Function": 10,  # every vocabulary function is merged
    "PoliticalBody": 4,
    "HAS_ROUND": 1,
    "BELONGS_TO": 6 + 4,
    "IN_ROUND": 6,
    "COVERS": 8,
    "DAILY": 2,
    "WEEKLY": 3,
    "MONTHLY": 1,
    "LESS_OFTEN": 1,
    "POLITICAL_CONTACT": 4,
}


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"contacts": None, "responses": "responses.csv", "political": "political_wide.csv"},
        {"roster": "roster_windows1252.csv"},
        {"roster": "roster_bom.csv", "political": None},
    ],
    ids=["long", "wide", "windows-1252", "utf-8-bom"],
)
def test_every_example_file_loads_with_the_hand_counted_graph(clean_db, files):
    summary = load_round(clean_db, read_round(fixture_round(**files)))
    expected = dict(FIXTURE_COUNTS)
    if files.get("political", "political.csv") is None:
        expected.update(PoliticalBody=0, POLITICAL_CONTACT=0, BELONGS_TO=6)
    assert census(clean_db) == {k: v for k, v in expected.items() if v}
    assert summary.action == "created"
    assert summary.relationships_created == sum(v for k, v in expected.items() if k.isupper())
    rows = clean_db.execute_query(
        """
        MATCH (p:Person)-[i:IN_ROUND]->(:SurveyRound {label: '2013'})
        OPTIONAL MATCH (p)-[c:COVERS {rank: 0}]->(f:Function)
        RETURN p.person_id AS id, p.name AS name, i.responded AS responded, f.key AS primary ORDER BY id
        """
    ).records
    assert [(r["id"], r["responded"], r["primary"]) for r in rows] == [
        ("p01", True, "services"),
        ("p02", True, "instruments"),
        ("p03", False, "services"),
        ("p04", True, "housing_planning"),
        ("p05", True, "operation"),
        ("p06", True, "services"),
    ]
    assert rows[0]["name"] == "Åse Ødegård"
    arcs = clean_db.execute_query(
        "MATCH (a:Person)-[r:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(b:Person) "
        "RETURN a.person_id AS a, type(r) AS t, b.person_id AS b, r.round AS round"
    ).records
    assert {(r["a"], r["t"], r["b"]) for r in arcs} == {
        ("p01", "DAILY", "p02"),
        ("p01", "WEEKLY", "p03"),
        ("p01", "MONTHLY", "p04"),
        ("p02", "DAILY", "p01"),
        ("p02", "WEEKLY", "p06"),
        ("p04", "LESS_OFTEN", "p05"),
        ("p06", "WEEKLY", "p02"),
    }
    assert {r["round"] for r in arcs} == {"2013"}


def test_loading_twice_changes_nothing(clean_db):
    parsed = read_round(fixture_round())
    load_round(clean_db, parsed)
    before = census(clean_db)
    stamp = clean_db.execute_query("MATCH (r:SurveyRound) RETURN r.loaded_at AS t").records[0]["t"]
    again = load_round(
        clean_db, read_round(fixture_round(contacts=None, responses="responses.csv", political="political_wide.csv"))
    )
    assert again.action == "unchanged"
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert "nothing written" in str(again)
    assert census(clean_db) == before
    assert clean_db.execute_query("MATCH (r:SurveyRound) RETURN r.loaded_at AS t").records[0]["t"] == stamp


def test_different_data_is_refused_without_replace(clean_db, tmp_path):
    load_round(clean_db, read_round(fixture_round()))
    before = census(clean_db)
    changed = tmp_path / "contacts.csv"
    changed.write_text(
        (FIXTURES / "contacts.csv").read_text(encoding="utf-8").replace("p01,p02,daglig", "p01,p02,weekly"),
        encoding="utf-8",
    )
    parsed = read_round(replace(fixture_round(), contacts=changed))
    with pytest.raises(RoundExistsError, match="Fjordvik 2013 is already loaded with different data; use replace"):
        load_round(clean_db, parsed)
    assert census(clean_db) == before


def test_replace_swaps_one_round_and_leaves_other_rounds_and_municipalities(clean_db, tmp_path):
    roster_2013 = tmp_path / "roster.csv"
    roster_2013.write_text(
        (FIXTURES / "roster.csv").read_text(encoding="utf-8") + "p07,Nora Lie,utbygging,Eiendom,,ja\n",
        encoding="utf-8",
    )
    contacts_2013 = tmp_path / "contacts.csv"
    contacts_2013.write_text(
        (FIXTURES / "contacts.csv").read_text(encoding="utf-8") + "p07,p01,daglig\n", encoding="utf-8"
    )
    first = read_round(replace(fixture_round(), roster=roster_2013, contacts=contacts_2013))
    load_round(clean_db, read_round(fixture_round(label="2011")))
    load_round(clean_db, read_round(fixture_round(municipality="Havby")))
    load_round(clean_db, first)
    kept = {key: facts(clean_db, *key) for key in (("Fjordvik", "2011"), ("Havby", "2013"))}
    bodies = clean_db.execute_query("MATCH (b:PoliticalBody) RETURN count(b) AS n").records[0]["n"]
    assert ("p07", "DAILY", (("round", "2013"),), "p01") in facts(clean_db, "Fjordvik", "2013")

    # corrected files: p07 was not part of the network after all; one frequency changes
    corrected = read_round(fixture_round(contacts="contacts.csv", political=None))
    summary = load_round(clean_db, corrected, replace=True)

    assert summary.action == "replaced"
    assert summary.nodes_deleted == 1  # p07, on no other round's roster; the bodies stay with 2011
    assert {key: facts(clean_db, *key) for key in kept} == kept
    new_facts = facts(clean_db, "Fjordvik", "2013")
    assert not any("p07" in fact for fact in new_facts)
    # the corrected 2013 holds exactly what 2011 holds (same files) except political contacts
    same_as_2011 = {fact for fact in kept["Fjordvik", "2011"] if fact[1] != "POLITICAL_CONTACT"}
    assert without_round(new_facts) == without_round(same_as_2011)
    assert len(new_facts) == 6 + 8 + 7  # IN_ROUND, COVERS, contacts
    assert clean_db.execute_query("MATCH (b:PoliticalBody) RETURN count(b) AS n").records[0]["n"] == bodies
    again = load_round(clean_db, corrected, replace=True)
    assert again.action == "unchanged"


def test_replace_removes_orphan_persons_and_bodies(clean_db):
    load_round(clean_db, read_round(fixture_round()))
    load_round(clean_db, read_round(fixture_round(political=None)), replace=True)
    census_after = census(clean_db)
    assert "PoliticalBody" not in census_after
    assert census_after["Person"] == 6


def test_a_failure_inside_the_transaction_writes_nothing(clean_db):
    load_round(clean_db, read_round(fixture_round(label="2011")))
    before = census(clean_db)
    parsed = read_round(fixture_round())
    # a map is not a storable property value, so the last statement of the round fails on the
    # server after persons and contacts were already written inside the transaction
    broken = replace(
        parsed, political=(PoliticalContact("p01", "mayor", "Ordfører", "mayor", "information", {"not": "storable"}),)
    )  # type: ignore[arg-type]
    with pytest.raises(Exception, match=r"(?i)property"):
        load_round(clean_db, broken)
    assert census(clean_db) == before


def test_no_names_stores_no_name_anywhere(clean_db):
    parsed = read_round(fixture_round(contacts=None, responses="responses.csv"), no_names=True)
    load_round(clean_db, parsed)
    names = ["Åse Ødegård", "Bjørn Æsøy", "Kari Nilsen", "Lars Hansen", "Mona Berg", "Per Olsen"]
    values = clean_db.execute_query(
        """
        MATCH (n) RETURN [k IN keys(n) | toString(n[k])] AS v
        UNION ALL
        MATCH ()-[r]->() RETURN [k IN keys(r) | toString(r[k])] AS v
        """
    ).records
    stored = {value for record in values for value in record["v"]}
    assert stored
    assert not any(name.split()[0] in value for value in stored for name in names)
    assert clean_db.execute_query("MATCH (p:Person) WHERE p.name IS NOT NULL RETURN count(p) AS n").records[0]["n"] == 0
    assert clean_db.execute_query("MATCH (r:SurveyRound) RETURN r.names_stored AS s").records[0]["s"] is False
    assert census(clean_db)["DAILY"] == 2


def test_new_functions_are_merged_once(clean_db, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("person_id,functions\np1,Flyktningtjeneste;tjenester\np2,flyktningtjeneste\n", encoding="utf-8")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("ego,alter,frequency\np1,p2,daglig\n", encoding="utf-8")
    load_round(clean_db, read_round(SurveyFiles("X", "1", roster, contacts), allow_new_functions=True))
    load_round(clean_db, read_round(SurveyFiles("X", "2", roster, contacts), allow_new_functions=True))
    rows = clean_db.execute_query(
        "MATCH (f:Function {key: 'flyktningtjeneste'})<-[c:COVERS]-() RETURN f.label_nb AS nb, count(c) AS n"
    ).records
    assert [(r["nb"], r["n"]) for r in rows] == [("Flyktningtjeneste", 4)]
    assert census(clean_db)["Function"] == 11


def test_batches_split_large_rounds(clean_db, tmp_path, monkeypatch):
    persons = [f"p{i:03d}" for i in range(120)]
    roster = tmp_path / "roster.csv"
    roster.write_text("person_id,functions\n" + "".join(f"{p},tjenester\n" for p in persons), encoding="utf-8")
    contacts = tmp_path / "contacts.csv"
    labels = ["daglig", "ukentlig", "månedlig", "sjeldnere", "aldri"]
    lines = [f"{a},{b},{labels[(i + j) % 5]}" for i, a in enumerate(persons) for j, b in enumerate(persons) if a != b]
    contacts.write_text("ego,alter,frequency\n" + "\n".join(lines) + "\n", encoding="utf-8")
    parsed = read_round(SurveyFiles("Storby", "2013", roster, contacts))
    monkeypatch.setattr(ingest.writer, "BATCH_SIZE", 1000)
    summary = load_round(clean_db, parsed)
    ties = len(lines) - sum(1 for line in lines if line.endswith("aldri"))
    assert len(parsed.contacts) == ties
    assert summary.statements > ties // 1000
    counted = census(clean_db)
    assert sum(counted[t] for t in ("DAILY", "WEEKLY", "MONTHLY", "LESS_OFTEN")) == ties
    assert counted["DAILY"] == parsed.contacts_per_frequency["daily"]


def test_set_alias(clean_db):
    load_round(clean_db, read_round(fixture_round()))
    load_round(clean_db, read_round(fixture_round(municipality="Havby")))
    set_alias(clean_db, "Fjordvik", "A")
    set_alias(clean_db, "Havby", "Kommune B")
    aliases = clean_db.execute_query("MATCH (m:Municipality) RETURN m.name AS n, m.alias AS a ORDER BY n").records
    assert [(r["n"], r["a"]) for r in aliases] == [("Fjordvik", "A"), ("Havby", "Kommune B")]
    with pytest.raises(ValueError, match="already used by Fjordvik"):
        set_alias(clean_db, "Havby", "A")
    for bad in ("a", "", "AB; DROP", "A" * 13, "Ålesund kommune"):
        with pytest.raises(ValueError, match="is not valid"):
            set_alias(clean_db, "Havby", bad)
    with pytest.raises(ValueError, match="no municipality named 'Nowhere'"):
        set_alias(clean_db, "Nowhere", "C")
    set_alias(clean_db, "Fjordvik", "A")  # setting the same alias again is fine


def test_deleting_a_round_leaves_the_database_as_if_it_had_never_been_loaded(clean_db):
    rounds = {
        ("Fjordvik", "2011"): read_round(fixture_round(label="2011")),
        ("Fjordvik", "2013"): read_round(fixture_round(political=None)),
        ("Havby", "2013"): read_round(fixture_round(municipality="Havby")),
    }

    def census_of(*kept: tuple[str, str]) -> dict[str, int]:
        clean_db.execute_query("MATCH (n) DETACH DELETE n")
        for key in kept:
            load_round(clean_db, rounds[key])
        return census(clean_db)

    expected_two, expected_one = census_of(("Fjordvik", "2011"), ("Havby", "2013")), census_of(("Havby", "2013"))
    census_of(*rounds)
    kept = facts(clean_db, "Havby", "2013")

    summary = delete_round(clean_db, "Fjordvik", "2013")
    assert (summary.rounds_left, summary.nodes_deleted) == (1, 1)  # the round node; all persons are in 2011
    assert census(clean_db) == expected_two
    assert facts(clean_db, "Fjordvik", "2013") == set()

    summary = delete_round(clean_db, "Fjordvik", "2011")
    assert summary.rounds_left == 0
    assert "Fjordvik had no other round and is removed" in str(summary)
    assert census(clean_db) == expected_one
    assert facts(clean_db, "Havby", "2013") == kept

    with pytest.raises(ValueError, match="Fjordvik 2011 is not loaded"):
        delete_round(clean_db, "Fjordvik", "2011")
    assert census(clean_db) == expected_one


def test_cli_delete_round_asks_for_yes(clean_db, capsys):
    load_round(clean_db, read_round(fixture_round()))
    before = census(clean_db)
    assert main(["municipality", "delete-round", "Fjordvik", "2013"]) == 2
    assert "run again with --yes" in capsys.readouterr().err
    assert census(clean_db) == before
    assert main(["municipality", "delete-round", "Fjordvik", "2013", "--yes"]) == 0
    assert "Fjordvik 2013 deleted" in capsys.readouterr().out
    assert census(clean_db) == {"Function": before["Function"]}
    assert main(["municipality", "delete-round", "Fjordvik", "2013", "--yes"]) == 2
    assert "is not loaded" in capsys.readouterr().err


def test_demo_says_plainly_when_another_municipality_holds_its_letter(clean_db, capsys, tmp_path):
    load_round(clean_db, read_round(fixture_round(municipality="Havby")))
    set_alias(clean_db, "Havby", "D")
    assert main(["demo", "--out", str(tmp_path / "demo")]) == 2
    error = capsys.readouterr().err
    assert "alias 'D' is already used by Havby" in error
    assert "netkart municipality alias NAME E" in error
    assert "Traceback" not in error


def test_cli_dry_run_load_and_alias(clean_db, capsys):
    args = [
        "ingest",
        "--municipality",
        "Fjordvik",
        "--round",
        "2013",
        "--roster",
        str(FIXTURES / "roster.csv"),
        "--responses",
        str(FIXTURES / "responses.csv"),
        "--political",
        str(FIXTURES / "political_wide.csv"),
    ]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "persons        6" in out
    assert "respondents    5 (response rate 83%)" in out
    assert "contacts       7 (daily 2, weekly 3, monthly 1, less often 1)" in out
    assert "political      4 contacts with 4 bodies" in out
    assert "Dry run: validated, nothing written." in out
    assert census(clean_db) == {}
    assert main(args) == 0
    assert "Fjordvik 2013 created: 22 nodes and 36 relationships created." in capsys.readouterr().out
    assert main(args) == 0
    assert "already loaded with identical data; nothing written" in capsys.readouterr().out
    assert main([*args[:-2], "--no-names"]) == 2
    assert "use replace (--replace)" in capsys.readouterr().err
    assert main([*args[:-2], "--no-names", "--replace"]) == 0
    assert "Fjordvik 2013 replaced" in capsys.readouterr().out
    assert main(["municipality", "alias", "Fjordvik", "D"]) == 0
    assert main(["municipality", "alias", "Fjordvik", "d"]) == 2
    assert "is not valid" in capsys.readouterr().err


# -- the documentation's examples ----------------------------------------------------------

DOCS = Path(__file__).parent.parent / "docs"


def test_survey_format_shows_the_fixture_files_exactly():
    text = (DOCS / "survey-format.md").read_text(encoding="utf-8")
    shown = dict(re.findall(r"<!-- fixture: (\S+) -->\n```csv\n(.*?)```", text, re.DOTALL))
    assert sorted(shown) == ["contacts.csv", "political.csv", "political_wide.csv", "responses.csv", "roster.csv"]
    for name, body in shown.items():
        assert body == (FIXTURES / name).read_text(encoding="utf-8"), name


def test_schema_example_queries_answer_as_documented(clean_db, tmp_path):
    load_round(clean_db, read_round(fixture_round()))
    contacts_2011 = tmp_path / "contacts.csv"
    kept = [
        line
        for line in (FIXTURES / "contacts.csv").read_text(encoding="utf-8").splitlines()
        if not line.startswith(("p02,p06", "p06,p02"))
    ]
    contacts_2011.write_text("\n".join([*kept, "p03,p05,daglig"]) + "\n", encoding="utf-8")
    load_round(clean_db, read_round(replace(fixture_round(label="2011"), contacts=contacts_2011)))
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    examples = re.findall(r"<!-- params: (\{.*?\}) -->\n```cypher\n(.*?)```", text, re.DOTALL)
    answers = [
        [r.values() for r in clean_db.execute_query(query, json.loads(params)).records] for params, query in examples
    ]
    assert answers == [
        [["p04", ["boligsosial planlegging"]], ["p05", ["drift"]]],
        [
            ["p01", "p02", ["p01 DAILY", "p02 DAILY"]],
            ["p01", "p03", ["p01 WEEKLY"]],
            ["p02", "p06", ["p02 WEEKLY", "p06 WEEKLY"]],
        ],
        [["p02–p06", "appeared"], ["p03–p05", "disappeared"]],
        [
            ["committee", "Helse- og omsorgsutvalget", "information", 1, 16.7],
            ["council", "Bystyre", "political", 1, 16.7],
            ["executive_committee", "Formannskap", "professional", 1, 16.7],
            ["mayor", "Ordfører", "information", 1, 16.7],
        ],
    ]


def test_what_is_written_reads_back_as_the_parsed_round(clean_db):
    """Round trip through the analytics store: the written graph is the parsed round."""
    parsed = read_round(fixture_round(contacts=None, responses="responses.csv"))
    load_round(clean_db, parsed)
    view = load_view(clean_db, "Fjordvik", "2013", "monthly")
    assert sorted(view.persons, key=lambda p: p.person_id) == sorted(parsed.persons, key=lambda p: p.person_id)
    assert set(view.arcs) == {a for a in parsed.contacts if a.frequency != "less_often"}
    # union rule, hand-checked: p01 has ties with p02, p03, p04; p05 only a less-often tie
    assert dict(view.graph.degree()) == {"p01": 3, "p02": 2, "p03": 1, "p04": 1, "p05": 0, "p06": 1}
    assert set(load_political(clean_db, "Fjordvik", "2013")) == set(parsed.political)


# -- several rounds at once (load_rounds) ---------------------------------------------------------


def renamed_round(tmp_path: Path, municipality: str, label: str) -> SurveyFiles:
    """The fixture round with p01 under another name, so that the order of two rounds of one
    municipality shows in the stored name (the last load's name is kept)."""
    roster = tmp_path / f"roster-{municipality}-{label}.csv"
    roster.write_text(
        (FIXTURES / "roster.csv").read_text(encoding="utf-8").replace("Åse Ødegård", f"Åse {label}"), encoding="utf-8"
    )
    return replace(fixture_round(municipality, label), roster=roster)


def every_fact(driver, rounds: list[tuple[str, str]]) -> dict[tuple[str, str], set[tuple]]:
    return {key: facts(driver, *key) for key in rounds}


def test_load_rounds_writes_municipalities_at_once_and_each_one_in_order(clean_db, tmp_path, monkeypatch):
    keys = [(m, label) for m in ("Fjordvik", "Havby", "Lia") for label in ("2011", "2013")]
    parsed = [read_round(renamed_round(tmp_path, *key)) for key in keys]
    # one after the other, the reference
    sequential = [load_round(clean_db, p) for p in parsed]
    expected_census, expected_facts = census(clean_db), every_fact(clean_db, keys)
    names = clean_db.execute_query("MATCH (p:Person {person_id: 'p01'}) RETURN collect(DISTINCT p.name) AS n")
    assert names.records[0]["n"] == ["Åse 2013"]
    clean_db.execute_query("MATCH (n) DETACH DELETE n")

    # The first rounds of two municipalities must be in their transactions at the same time:
    # each waits at the barrier until the other arrives (a timeout fails the test).
    both_writing = threading.Barrier(2, timeout=60)
    spans: list[tuple[str, str, str]] = []
    load = ingest.writer.load_round

    def watched(driver, parsed, **options):
        spans.append(("start", parsed.municipality, parsed.round_label))
        if parsed.round_label == "2011" and parsed.municipality in ("Fjordvik", "Havby"):
            both_writing.wait()
        summary = load(driver, parsed, **options)
        spans.append(("end", parsed.municipality, parsed.round_label))
        return summary

    monkeypatch.setattr(ingest.writer, "load_round", watched)
    summaries = load_rounds(clean_db, iter(parsed), workers=3)

    assert [(s.municipality, s.round, s.action) for s in summaries] == [(*key, "created") for key in keys]
    assert [s.relationships_created for s in summaries] == [s.relationships_created for s in sequential]
    assert census(clean_db) == expected_census
    assert every_fact(clean_db, keys) == expected_facts
    for municipality in ("Fjordvik", "Havby", "Lia"):  # its rounds one after the other, in order
        own = [(event, label) for event, m, label in spans if m == municipality]
        assert own == [("start", "2011"), ("end", "2011"), ("start", "2013"), ("end", "2013")]
    again = load_rounds(clean_db, parsed, workers=3)
    assert [s.action for s in again] == ["unchanged"] * len(keys)
    assert census(clean_db) == expected_census


def test_load_rounds_stops_at_the_first_failure(clean_db, tmp_path):
    load_round(clean_db, read_round(fixture_round()))
    conflicting = read_round(renamed_round(tmp_path, "Fjordvik", "2013"))
    rounds = [read_round(fixture_round("Havby")), conflicting, read_round(fixture_round("Lia"))]
    with pytest.raises(RoundExistsError, match="Fjordvik 2013 is already loaded with different data"):
        load_rounds(clean_db, rounds, workers=1)
    loaded = clean_db.execute_query("MATCH (r:SurveyRound) RETURN r.municipality AS m ORDER BY m").records
    # Havby committed before the failure and stays, as it would one after the other; Lia, after
    # it, was not started
    assert [r["m"] for r in loaded] == ["Fjordvik", "Havby"]
    names = clean_db.execute_query("MATCH (p:Person {municipality: 'Fjordvik', person_id: 'p01'}) RETURN p.name AS n")
    assert names.records[0]["n"] == "Åse Ødegård"  # the refused round wrote nothing


def test_load_rounds_stops_when_the_rounds_cannot_be_read(clean_db):
    def rounds():
        yield read_round(fixture_round("Havby"))
        raise ValueError("the next files could not be read")

    with pytest.raises(ValueError, match="the next files could not be read"):
        load_rounds(clean_db, rounds(), workers=2)
    with pytest.raises(ValueError, match="workers must be at least 1, not 0"):
        load_rounds(clean_db, [], workers=0)
