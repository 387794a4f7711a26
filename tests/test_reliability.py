"""Reliability trials of issue 13: concurrent writers, crashes of the server, GDS escapes.

Every trial runs the real ``netkart`` command in subprocesses against the session's test
Neo4j and asserts exact counts afterwards. The expected counts come from how the synthetic
files are built (:func:`write_round`), never from netkart itself.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from test_local_server import free_port, own_settings

from netkart.server.local import LocalServer

pytestmark = pytest.mark.reliability

FREQUENCY_LABELS = ("daglig", "ukentlig", "månedlig", "sjeldnere")
BODIES = ("Ordfører", "Formannskap", "Kommunestyre")


@dataclass(frozen=True)
class Round:
    """Files of a synthetic round and the graph they must give."""

    municipality: str
    label: str
    roster: Path
    contacts: Path
    political: Path
    persons: int
    ties: int
    political_contacts: int

    def ingest_args(self, *extra: str) -> list[str]:
        return [
            "ingest",
            "--municipality",
            self.municipality,
            "--round",
            self.label,
            "--roster",
            str(self.roster),
            "--contacts",
            str(self.contacts),
            "--political",
            str(self.political),
            *extra,
        ]


def write_round(
    folder: Path, municipality: str, label: str, *, persons: int = 300, per_person: int = 12, shift: int = 0
) -> Round:
    """A round of ``persons`` persons who each name ``per_person`` distinct others.

    Person i names i+1+shift, i+2+shift, ... (mod persons), so no pair is listed twice and the
    number of ties is exactly persons × per_person. Persons whose number is divisible by 10
    report one contact with each political body.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{municipality}-{label}-{shift}"
    roster = folder / f"{stem}-roster.csv"
    contacts = folder / f"{stem}-contacts.csv"
    political = folder / f"{stem}-political.csv"
    ids = [f"q{i:05d}" for i in range(persons)]
    roster.write_text(
        "person_id,name,functions,responded\n" + "".join(f"{p},Person {p},tjenester,ja\n" for p in ids),
        encoding="utf-8",
    )
    lines = ["ego,alter,frequency"]
    for i, ego in enumerate(ids):
        for k in range(per_person):
            alter = ids[(i + 1 + k + shift) % persons]
            lines.append(f"{ego},{alter},{FREQUENCY_LABELS[(i + k) % 4]}")
    contacts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reporters = ids[::10]
    political.write_text(
        "person_id,body,contact_type,frequency\n"
        + "".join(f"{p},{body},informasjonsutveksling,månedlig\n" for p in reporters for body in BODIES),
        encoding="utf-8",
    )
    return Round(
        municipality, label, roster, contacts, political, persons, persons * per_person, len(reporters) * len(BODIES)
    )


def netkart(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``netkart ARGS`` in a subprocess: against the test server, or the one ``env`` names."""
    base = dict(os.environ)
    if env is not None:  # another local server: forget the session server's NEO4J_* settings
        base = {k: v for k, v in base.items() if not k.startswith("NEO4J_")}
    return subprocess.Popen(
        [sys.executable, "-m", "netkart.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**base, **(env or {})},
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def finish(process: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def round_counts(driver, municipality: str, label: str) -> dict[str, int]:
    """Facts of one round, and duplicates among them (the same pair twice with one type)."""
    record = driver.execute_query(
        """
        MATCH (r:SurveyRound {municipality: $m, label: $round})
        OPTIONAL MATCH (r)<-[i:IN_ROUND]-(:Person)
        WITH r, count(i) AS roster
        OPTIONAL MATCH (:Municipality {name: $m})-[h:HAS_ROUND]->(r)
        WITH roster, count(h) AS has_round
        CALL () {
          MATCH (a:Person {municipality: $m})-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(b:Person)
          WHERE t.round = $round
          WITH a, b, type(t) AS type, count(*) AS n
          RETURN sum(n) AS ties, sum(n - 1) AS duplicate_ties
        }
        CALL () {
          MATCH (:Person {municipality: $m})-[c:POLITICAL_CONTACT]->()
          WHERE c.round = $round
          RETURN count(c) AS political
        }
        CALL () {
          MATCH (:Person {municipality: $m})-[c:COVERS]->()
          WHERE c.round = $round
          RETURN count(c) AS covers
        }
        RETURN roster, has_round, ties, duplicate_ties, political, covers
        """,
        m=municipality,
        round=label,
    ).records
    return dict(record[0]) if record else {}


def expected_counts(round_: Round) -> dict[str, int]:
    return {
        "roster": round_.persons,
        "has_round": 1,
        "ties": round_.ties,
        "duplicate_ties": 0,
        "political": round_.political_contacts,
        "covers": round_.persons,
    }


def node_counts(driver) -> dict[str, int]:
    records = driver.execute_query("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n").records
    return {r["label"]: r["n"] for r in records}


# -- item 1: one writer per round -----------------------------------------------------------------


@pytest.mark.parametrize("processes", [2, 3])
def test_concurrent_loads_of_one_round_write_it_once(clean_db, tmp_path, processes):
    round_ = write_round(tmp_path, "Samtidig", "2013")
    started = [netkart(*round_.ingest_args()) for _ in range(processes)]
    results = [finish(p) for p in started]
    assert [code for code, _, _ in results] == [0] * processes, [err for _, _, err in results]
    outputs = [out for _, out, _ in results]
    assert sum("Samtidig 2013 created" in out for out in outputs) == 1
    assert sum("already loaded with identical data" in out for out in outputs) == processes - 1
    assert round_counts(clean_db, "Samtidig", "2013") == expected_counts(round_)
    assert node_counts(clean_db) | {"Function": 0} == {
        "Municipality": 1,
        "SurveyRound": 1,
        "Person": round_.persons,
        "PoliticalBody": len(BODIES),
        "Function": 0,
        "AuditEvent": 1,  # the one load that wrote; the others changed nothing and recorded nothing
    }


def test_concurrent_replaces_of_one_round_leave_one_of_them(clean_db, tmp_path):
    first = write_round(tmp_path, "Samtidig", "2013")
    assert finish(netkart(*first.ingest_args()))[0] == 0
    others = [write_round(tmp_path, "Samtidig", "2013", shift=s) for s in (1, 2)]
    results = [finish(p) for p in [netkart(*r.ingest_args("--replace")) for r in others]]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert all("Samtidig 2013 replaced" in out for _, out, _ in results)
    # Either order is a correct outcome; a mix of the two, or both, is not.
    assert round_counts(clean_db, "Samtidig", "2013") == expected_counts(others[0])
    stored = clean_db.execute_query(
        "MATCH (a:Person {person_id: 'q00000'})-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(b) RETURN b.person_id AS b"
    ).records
    alters = sorted(r["b"] for r in stored)
    assert alters in ([f"q{i:05d}" for i in range(2 + s, 14 + s)] for s in (0, 1))


@pytest.mark.parametrize("processes", [2, 3])
def test_concurrent_loads_of_different_rounds_of_one_municipality(clean_db, tmp_path, processes):
    labels = ["2011", "2013", "2015"][:processes]
    rounds = [write_round(tmp_path, "Samtidig", label, shift=i) for i, label in enumerate(labels)]
    results = [finish(p) for p in [netkart(*r.ingest_args()) for r in rounds]]
    assert [code for code, _, _ in results] == [0] * processes, [err for _, _, err in results]
    for round_ in rounds:
        assert round_counts(clean_db, "Samtidig", round_.label) == expected_counts(round_)
    nodes = node_counts(clean_db)
    assert (nodes["Municipality"], nodes["SurveyRound"], nodes["Person"]) == (1, processes, 300)


# -- item 8: restart after a crash ----------------------------------------------------------------


@dataclass
class CrashServer:
    """A local server of its own for the kill trials, driven through the ``netkart`` command."""

    server: LocalServer
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 300) -> tuple[int, str, str]:
        return finish(netkart(*args, env=self.env), timeout)

    def driver(self):
        return GraphDatabase.driver(self.server.bolt_uri, auth=self.server.settings.auth)

    def kill(self) -> int:
        """``kill -9`` the server; returns its pid once the process is gone."""
        pid = int(self.server.pid_file.read_text())
        os.kill(pid, signal.SIGKILL)
        wait_for(
            lambda: not Path(f"/proc/{pid}/cmdline").exists() or not Path(f"/proc/{pid}/cmdline").read_bytes(),
            f"process {pid} to end",
        )
        return pid

    def start(self) -> str:
        """``netkart db start``; asserts it succeeds on its own and returns its output."""
        code, out, err = self.run("db", "start")
        assert code == 0, err
        assert "Traceback" not in out + err
        return out


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory, neo4j_settings) -> Iterator[CrashServer]:
    home = tmp_path_factory.mktemp("crash-server")
    settings = own_settings("crash-trial-pw")
    env = {
        "NETKART_HOME": str(home),
        "NETKART_BOLT_PORT": str(settings.bolt_port),
        "NETKART_HTTP_PORT": str(settings.http_port),
        "NEO4J_PASSWORD": settings.password,
    }
    trial = CrashServer(LocalServer(settings, home=home / ".netkart" / "neo4j"), env)
    trial.start()
    yield trial
    trial.server.stop()


def crash_counts(trial: CrashServer, round_: Round) -> dict[str, int]:
    with trial.driver() as driver:
        return round_counts(driver, round_.municipality, round_.label)


@pytest.fixture(scope="module")
def first_round(crash_server: CrashServer, tmp_path_factory) -> Round:
    round_ = write_round(tmp_path_factory.mktemp("first-round"), "Krasj", "2011")
    code, _, err = crash_server.run(*round_.ingest_args())
    assert code == 0, err
    return round_


def test_db_start_after_kill_9_of_an_idle_server(crash_server, first_round):
    pid = crash_server.kill()
    out = crash_server.start()
    assert f"Recovered after a crash: removed a stale pid file: process {pid} had ended." in out
    assert "Neo4j is running on" in out
    assert crash_counts(crash_server, first_round) == expected_counts(first_round)


def test_db_start_after_kill_9_during_a_load_keeps_nothing_of_it(crash_server, first_round, tmp_path):
    big = write_round(tmp_path, "Krasj", "2013", persons=2000, per_person=15)
    load = netkart(*big.ingest_args(), env=crash_server.env)
    with crash_server.driver() as driver:

        def loading() -> bool:
            records = driver.execute_query(
                "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'UNWIND $rows' RETURN count(*) AS n"
            ).records
            return records[0]["n"] > 0

        wait_for(loading, "the load's transaction to write")
    pid = crash_server.kill()
    code, out, err = finish(load)
    assert code == 3
    assert err.strip() == "netkart ingest: the load was interrupted; nothing was written; run it again"
    started = crash_server.start()
    assert f"removed a stale pid file: process {pid} had ended" in started
    assert crash_counts(crash_server, big) == {}
    assert crash_counts(crash_server, first_round) == expected_counts(first_round)
    code, out, err = crash_server.run(*big.ingest_args())
    assert code == 0, err
    assert "Krasj 2013 created" in out
    assert crash_counts(crash_server, big) == expected_counts(big)
    assert crash_counts(crash_server, first_round) == expected_counts(first_round)


def test_db_start_after_kill_9_when_the_pid_now_belongs_to_another_program(crash_server, first_round):
    crash_server.kill()
    crash_server.server.pid_file.write_text(str(os.getpid()))  # the number was reused
    out = crash_server.start()
    assert f"removed a stale pid file: process {os.getpid()} is another program, not this Neo4j" in out
    assert crash_counts(crash_server, first_round) == expected_counts(first_round)


def test_db_start_refuses_a_store_another_process_holds(tmp_path):
    home = tmp_path / ".netkart" / "neo4j"
    lock = home / "data" / "databases" / "store_lock"
    lock.parent.mkdir(parents=True)
    lock.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys; f = open(sys.argv[1], 'r+'); fcntl.lockf(f, fcntl.LOCK_EX); "
         "print('locked', flush=True); sys.stdin.read()", str(lock)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        env = {
            "NETKART_HOME": str(tmp_path),
            "NETKART_BOLT_PORT": str(free_port()),
            "NETKART_HTTP_PORT": str(free_port()),
            "NEO4J_PASSWORD": "unused",
        }
        code, _, err = finish(netkart("db", "start", env=env))
    finally:
        holder.communicate("")
    assert code == 2
    assert f"{lock} is locked by process {holder.pid}" in err
    assert "Traceback" not in err


# -- item 2: analyst queries cannot persist anything through GDS ----------------------------------

ESCAPES = [
    ("CALL gds.graph.project('mine', 'Person', '*')", "gds.graph.project must name its graph 'netkart-'"),
    ("MATCH (p:Person) WITH gds.graph.project('mine', p, null) AS g RETURN g.graphName", "must name its graph"),
    ("MATCH (p:Person) WITH gds.graph.project($name, p, null) AS g RETURN g.graphName", "must name its graph"),
    (
        "CALL gds.graph.project.cypher('netkart-x', 'MATCH (n) RETURN id(n) AS id', 'RETURN 0 AS source, 0 AS target')",
        "gds.graph.project.cypher is not allowed",
    ),
    ("CALL gds.graph.export('netkart-x', {dbName: 'stolen'})", "gds.graph.export is not allowed"),
    ("CALL `gds`.`graph`.`export`('netkart-x', {dbName: 'stolen'})", "gds.graph.export is not allowed"),
    ("CALL gds . graph . export ('netkart-x', {dbName: 'stolen'})", "gds.graph.export is not allowed"),
    ("CALL gds.graph.export.csv('netkart-x', {exportName: 'x'})", "gds.graph.export.csv is not allowed"),
    ("CALL gds.wcc.mutate('netkart-x', {mutateProperty: 'c'})", "gds.wcc.mutate is not allowed"),
    ("CALL gds.wcc.write('netkart-x', {writeProperty: 'c'})", "gds.wcc.write is not allowed"),
    ("CALL gds.graph.nodeProperties.write('netkart-x', ['c'])", "gds.graph.nodeproperties.write is not allowed"),
    ("CALL gds.graph.filter('netkart-y', 'netkart-x', '*', '*')", "gds.graph.filter is not allowed"),
    ("CALL gds.graph.generate('netkart-y', 10, 2)", "gds.graph.generate is not allowed"),
    ("CALL gds.graph.sample.rwr('netkart-y', 'netkart-x')", "gds.graph.sample.rwr is not allowed"),
    ("CALL gds.model.drop('m')", "gds.model.drop is not allowed"),
    ("CALL gds.graph.drop('analyst-own')", "may drop a graph netkart did not make"),
    ("CALL gds.graph.drop($name)", "may drop a graph netkart did not make"),
    ("CALL gds.graph.list() YIELD graphName CALL gds.graph.drop(graphName) YIELD graphName AS g RETURN g", "may drop"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV is not allowed"),
    ("CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", "dbms.setconfigvalue is not allowed"),
    ("CALL apoc.cypher.runWrite('CREATE (:X)', {})", "apoc.cypher.runwrite is not allowed"),
]


def catalogue_and_databases(driver) -> tuple[list[str], list[str], int]:
    graphs = driver.execute_query("CALL gds.graph.list() YIELD graphName RETURN graphName ORDER BY graphName")
    databases = driver.execute_query("SHOW DATABASES YIELD name RETURN name ORDER BY name", database_="system")
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    return [r["graphName"] for r in graphs.records], [r["name"] for r in databases.records], nodes


@pytest.fixture
def small_graph(clean_db):
    clean_db.execute_query("UNWIND range(1, 5) AS i CREATE (:Person {municipality: 'G', person_id: 'p' + i})")
    return clean_db


@pytest.mark.parametrize(("text", "message"), ESCAPES, ids=[text[:40] for text, _ in ESCAPES])
def test_each_escape_is_refused_and_leaves_nothing(small_graph, text, message):
    from cypher.guard import QueryRefused, run_read

    before = catalogue_and_databases(small_graph)
    with pytest.raises(QueryRefused, match=re.escape(message)):
        run_read(small_graph, text, {"name": "analyst-own"})
    assert catalogue_and_databases(small_graph) == before
    assert before[0] == []


@pytest.mark.parametrize(
    "text",
    [
        "CALL gds.graph.export('g', {dbName: 'stolen'})",
        "CALL gds.wcc.mutate('g', {mutateProperty: 'c'})",
        "CALL gds.wcc.write('g', {writeProperty: 'c'})",
        "CALL gds.graph.project.cypher('g', 'RETURN 0 AS id', 'RETURN 0 AS source, 0 AS target')",
    ],
)
def test_the_local_server_does_not_even_load_the_writing_procedures(small_graph, text):
    from neo4j.exceptions import ClientError

    before = catalogue_and_databases(small_graph)
    with pytest.raises(ClientError, match="no procedure with the name"):
        small_graph.execute_query(text)  # straight to the server, past the guard
    assert catalogue_and_databases(small_graph) == before


@pytest.mark.parametrize(
    "text",
    [
        "CREATE (:Person {municipality: 'G', person_id: 'new'})",
        "MATCH (p:Person) SET p.name = 'x'",
        "CREATE DATABASE stolen",
    ],
)
def test_cypher_writes_fail_in_the_read_only_transaction(small_graph, text):
    from neo4j.exceptions import Neo4jError

    from cypher.guard import run_read

    before = catalogue_and_databases(small_graph)
    with pytest.raises(Neo4jError):
        run_read(small_graph, text)
    assert catalogue_and_databases(small_graph) == before


def test_a_projection_is_dropped_even_when_the_query_fails_after_making_it(small_graph):
    from neo4j.exceptions import ClientError

    from cypher.guard import run_read

    text = (
        "MATCH (p:Person) WITH gds.graph.project('netkart-' + randomUUID(), p, null) AS g "
        "RETURN g.graphName AS name, 1 / (g.nodeCount - 5) AS boom"
    )
    with pytest.raises(ClientError, match="by zero"):
        run_read(small_graph, text)
    assert catalogue_and_databases(small_graph)[0] == []


def test_every_library_query_passes_the_guard_and_the_graph_queries_leave_nothing(small_graph):
    from cypher import list_queries, run_query
    from cypher.guard import check

    for query in list_queries():
        check(query.text)
    for name in ("parts", "betweenness", "cut_points", "bridge_ties", "bridge_builders"):
        run_query(small_graph, name, {"municipality": "G", "round": "2013", "threshold": "weekly"})
    assert catalogue_and_databases(small_graph)[0] == []


def test_db_start_drops_leftover_netkart_projections(crash_server):
    with crash_server.driver() as driver:
        driver.execute_query("CREATE (:Person {municipality: 'G', person_id: 'p1'})")
        for name in ("netkart-leftover", "analyst-own"):
            driver.execute_query("MATCH (p:Person) WITH gds.graph.project($name, p, null) AS g RETURN g", name=name)
        out = crash_server.start()
        assert "Dropped 1 leftover GDS projection(s): netkart-leftover." in out
        assert "already running" in out
        graphs = driver.execute_query("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS g")
        assert graphs.records[0]["g"] == ["analyst-own"]
        driver.execute_query("CALL gds.graph.drop('analyst-own')")


# -- item 9: one clear line, never a traceback -----------------------------------------------------


def test_delete_round_and_db_status_with_a_wrong_password_say_so_in_one_line(driver):
    wrong = {"NEO4J_PASSWORD": "not-the-password"}
    code, _, err = finish(netkart("municipality", "delete-round", "Fjordvik", "2013", "--yes", env=wrong))
    assert code == 3
    # The CLI's one error policy (netkart/cli.py): one line, exit 3, the credentials named.
    assert err.count("\n") == 1 and "refused the credentials" in err
    code, _, err = finish(netkart("db", "status", env=wrong))
    assert code == 3
    assert err.count("\n") == 1 and "does not accept the configured user and password" in err


# -- item 7: a file of bad rows ----------------------------------------------------------------------


def test_a_file_of_bad_rows_shows_the_first_problems_and_counts_the_rest(tmp_path):
    from ingest import SurveyFiles, read_round
    from ingest.errors import MAX_PROBLEMS, ValidationError

    round_ = write_round(tmp_path, "Feil", "2013", persons=50, per_person=2)
    bad_rows = 20_000
    round_.contacts.write_text("ego,alter,frequency\n" + "q00000,q00001,hver time\n" * bad_rows, encoding="utf-8")
    files = SurveyFiles("Feil", "2013", roster=round_.roster, contacts=round_.contacts)
    with pytest.raises(ValidationError) as caught:
        read_round(files)
    error = caught.value
    assert len(error.problems) == MAX_PROBLEMS
    assert len(error.problems) + error.omitted >= bad_rows
    text = str(error).splitlines()
    assert len(text) == MAX_PROBLEMS + 2
    assert text[0].startswith(f"{len(error.problems) + error.omitted} problems in the survey files")
    assert text[-1] == f"  ... and {error.omitted} more problems not shown"
    assert text[1].startswith(f"  {round_.contacts.name}:2:")


# -- item 6: backups ---------------------------------------------------------------------------------


def test_backup_then_change_then_restore_gives_the_data_as_it_was(crash_server, first_round, tmp_path):
    dump = tmp_path / "before.dump"
    code, out, err = crash_server.run("db", "backup", "--out", str(dump))
    assert code == 0, err
    assert f"Backed up the database to {dump}" in out
    before = crash_counts(crash_server, first_round)
    assert before == expected_counts(first_round)
    code, _, err = crash_server.run("municipality", "delete-round", "Krasj", first_round.label, "--yes")
    assert code == 0, err
    assert crash_counts(crash_server, first_round) == {}
    assert crash_server.run("db", "restore", str(dump))[0] == 2  # asks for --yes first
    code, out, err = crash_server.run("db", "restore", str(dump), "--yes")
    assert code == 0, err
    assert crash_counts(crash_server, first_round) == before
