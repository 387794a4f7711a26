"""The foundation: a real Neo4j answers over Bolt with netkart's schema in place."""

from __future__ import annotations

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from cypher import apply_schema, schema_statements
from netkart.cli import main


def test_schema_constraints_are_present(driver: Driver) -> None:
    records, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    names = set(records[0]["names"])
    assert {"municipality_name", "survey_round_key", "person_key", "function_key", "political_body_key"} <= names


def test_schema_is_idempotent(driver: Driver) -> None:
    before, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN count(*) AS n")
    assert apply_schema(driver) == len(schema_statements())
    after, _, _ = driver.execute_query("SHOW INDEXES YIELD name RETURN count(*) AS n")
    assert before[0]["n"] == after[0]["n"]


def test_write_read_and_uniqueness_through_bolt(clean_db: Driver) -> None:
    clean_db.execute_query("CREATE (:Person {municipality: 'Ålesund', person_id: 'p1', name: 'Åse Ødegård'})")
    records, _, _ = clean_db.execute_query(
        "MATCH (p:Person {municipality: $m, person_id: $id}) RETURN p.name AS name", m="Ålesund", id="p1"
    )
    assert records[0]["name"] == "Åse Ødegård"
    with pytest.raises(ConstraintError):
        clean_db.execute_query("CREATE (:Person {municipality: 'Ålesund', person_id: 'p1'})")
    # Same person id in another municipality is a different person.
    clean_db.execute_query("CREATE (:Person {municipality: 'Melhus', person_id: 'p1'})")


def test_db_status_reports_uri_and_version(driver: Driver, capsys: pytest.CaptureFixture[str]) -> None:
    if main(["db", "status"]) == 3:
        pytest.fail("db status says not running although the session's server answers")
    out = capsys.readouterr().out
    assert "5.26" in out and "bolt://" in out
