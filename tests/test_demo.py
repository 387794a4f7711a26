"""The demo data: files in the promised formats, and the report's figures on the loaded graph.

The demo is generated and loaded once per module (database emptied first). Calibration facts
are checked with this file's own Cypher and with networkx on graphs read back from Neo4j, not
with the generator's plan; a second seed is checked on the parsed files, so the facts do not
hinge on one lucky draw.
"""

from __future__ import annotations

import argparse
import json

import networkx as nx
import pytest
from conftest import wipe
from openpyxl import load_workbook

from cypher.model import threshold_types
from ingest import SurveyFiles, read_round
from ingest.demo import MUNICIPALITIES, DemoRound, generate, load_demo, register
from netkart.cli import main as netkart_main

A, B, C, D = (MUNICIPALITIES[letter] for letter in "ABCD")


@pytest.fixture(scope="module")
def demo(driver, tmp_path_factory) -> list[DemoRound]:
    wipe(driver)
    rounds = generate(tmp_path_factory.mktemp("demo"))
    load_demo(driver, rounds)
    return rounds


def _rows(driver, query: str, **parameters) -> list[dict]:
    records, _, _ = driver.execute_query(query, parameters)
    return [record.data() for record in records]


def _persons(driver, municipality: str, round_label: str) -> dict[str, dict]:
    """person_id → {primary, functions, responded} of a round's roster, as stored."""
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[m:IN_ROUND]->(:SurveyRound {municipality: $municipality, label: $round})
        MATCH (p)-[c:COVERS {round: $round}]->(f:Function)
        WITH p, m, c.rank AS rank, f.key AS function ORDER BY rank
        RETURN p.person_id AS id, m.responded AS responded, collect(function) AS functions
        """,
        municipality=municipality,
        round=round_label,
    )
    return {
        r["id"]: {"primary": r["functions"][0], "functions": r["functions"], "responded": r["responded"]} for r in rows
    }


def _graph(driver, municipality: str, round_label: str, threshold: str) -> nx.Graph:
    """Undirected union of the reported contacts at ``threshold``, read back from Neo4j."""
    graph = nx.Graph()
    for person_id, attributes in _persons(driver, municipality, round_label).items():
        graph.add_node(person_id, **attributes)
    rows = _rows(
        driver,
        """
        MATCH (a:Person {municipality: $municipality})-[t]->(b:Person)
        WHERE type(t) IN $types AND t.round = $round
        RETURN a.person_id AS ego, b.person_id AS alter
        """,
        municipality=municipality,
        round=round_label,
        types=threshold_types(threshold),
    )
    graph.add_edges_from((r["ego"], r["alter"]) for r in rows)
    return graph


def _parsed_graph(rounds: list[DemoRound], municipality: str, round_label: str, threshold: str) -> nx.Graph:
    """The same graph from the parsed files, without the database."""
    demo = next(r for r in rounds if r.municipality == municipality and r.round_label == round_label)
    parsed = read_round(
        SurveyFiles(municipality, round_label, demo.roster, demo.contacts, demo.responses, demo.political)
    )
    graph = nx.Graph()
    for person in parsed.persons:
        graph.add_node(
            person.person_id, primary=person.functions[0], functions=person.functions, responded=person.responded
        )
    frequencies = [t.lower() for t in threshold_types(threshold)]
    graph.add_edges_from((a.ego, a.alter) for a in parsed.contacts if a.frequency in frequencies)
    return graph


# -- the facts, as checks on a graph (used on the loaded graph and on a second seed) ------------


def check_d_daily(daily: nx.Graph) -> None:
    """D: 34 persons, 11 without daily contact (mostly services), separate line-like chains."""
    assert daily.number_of_nodes() == 34
    isolates = [n for n in daily if daily.degree(n) == 0]
    assert len(isolates) == 11
    assert sum(daily.nodes[n]["primary"] == "services" for n in isolates) > len(isolates) / 2
    chains = [daily.subgraph(c) for c in nx.connected_components(daily) if len(c) > 1]
    assert len(chains) >= 2
    for chain in chains:  # a path: a tree whose degrees are at most 2
        assert nx.is_tree(chain)
        assert max(d for _, d in chain.degree()) <= 2
        assert chain.number_of_nodes() >= 5


def check_c_weekly(weekly: nx.Graph, daily: nx.Graph) -> None:
    """C: 29 persons in 3 weekly parts (two stars, two planners); 12 without daily contact."""
    assert weekly.number_of_nodes() == 29
    assert sum(1 for n in daily if daily.degree(n) == 0) == 12
    parts = sorted((weekly.subgraph(c) for c in nx.connected_components(weekly)), key=len)
    assert len(parts) == 3
    assert all(len(part) > 1 for part in parts)
    planners, *stars = parts
    assert {planners.nodes[n]["primary"] for n in planners} == {"housing_planning", "community_planning"}
    for star in stars:
        _, hub_degree = max(star.degree(), key=lambda item: item[1])
        assert hub_degree == len(star) - 1
        # Freeman degree centralisation: 1 for a perfect star
        n = len(star)
        centralisation = sum(hub_degree - d for _, d in star.degree()) / ((n - 1) * (n - 2))
        assert centralisation > 0.8


def check_a_weekly(weekly: nx.Graph, daily: nx.Graph) -> None:
    """A: tight instruments clique; 8 of 11 in services without a daily services contact; weekly
    contact between three groups runs through two persons (the report's brokers)."""
    clique = max(nx.find_cliques(daily), key=len)
    assert len(clique) >= 5
    assert all("instruments" in daily.nodes[n]["functions"] for n in clique)
    services = [n for n in daily if "services" in daily.nodes[n]["functions"]]
    assert len(services) == 11
    assert sum(1 for n in services if not any(m in services for m in daily[n])) == 8

    connected = weekly.subgraph(n for n in weekly if weekly.degree(n) > 0)
    assert nx.is_connected(connected)
    betweenness = nx.betweenness_centrality(connected)
    between = set(sorted(betweenness, key=betweenness.get, reverse=True)[:2])
    assert between == set(nx.articulation_points(connected))
    rest = connected.copy()
    rest.remove_nodes_from(between)
    pieces = list(nx.connected_components(rest))
    assert len(pieces) == 3
    assert all(len(piece) >= 5 for piece in pieces)


def check_b_weekly(weekly: nx.Graph) -> None:
    """B: allocation + services at the centre, instruments/counselling aside, planning outside."""
    closeness = nx.closeness_centrality(weekly)

    def mean(functions: set[str]) -> float:
        values = [closeness[n] for n in weekly if weekly.nodes[n]["primary"] in functions]
        assert values, functions
        return sum(values) / len(values)

    centre = mean({"allocation", "services"})
    side = mean({"instruments", "counselling"})
    periphery = mean({"housing_planning", "community_planning"})
    assert centre > side > periphery
    assert any(weekly.nodes[n]["primary"] == "users" for n in weekly)


# -- files -------------------------------------------------------------------------------------


def test_files_come_in_the_promised_formats(demo):
    by_name = {(r.municipality, r.round_label): r for r in demo}
    assert len(by_name) == 8
    a, b, c, d = (by_name[m, "2013"] for m in (A, B, C, D))

    workbook = load_workbook(a.responses, read_only=True)
    header = next(workbook.active.iter_rows(values_only=True))
    assert a.responses.suffix == ".xlsx" and a.contacts is None
    assert len(header) == 1 + 31  # respondent id, then one column per roster person (wide)

    raw = c.responses.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    assert "ø" in text
    assert text.splitlines()[0].count(";") == 29  # wide: id + 29 name columns
    assert c.contacts is None

    assert b.contacts.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b.roster.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b.responses is None
    d_bytes = d.contacts.read_bytes()
    assert not d_bytes.startswith(b"\xef\xbb\xbf")
    assert d_bytes.decode("utf-8").splitlines()[0] == "ego,alter,frequency"
    assert "æ" in d.roster.read_text(encoding="utf-8") or "ø" in d.roster.read_text(encoding="utf-8")


def test_same_seed_writes_same_files(tmp_path):
    generate(tmp_path / "one", seed=5)
    generate(tmp_path / "two", seed=5)
    first = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.csv"))
    assert len(first) == 18  # B, C, D × 2 rounds × roster, contacts or responses, political
    for relative in first:
        assert (tmp_path / "one" / relative).read_bytes() == (tmp_path / "two" / relative).read_bytes()


# -- loaded graph: counts with Cypher ---------------------------------------------------------


def test_four_municipalities_aliased_with_two_rounds(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (m:Municipality)-[:HAS_ROUND]->(r:SurveyRound)
        WITH m, r.label AS label ORDER BY label
        RETURN m.name AS name, m.alias AS alias, collect(label) AS rounds ORDER BY alias
        """,
    )
    assert rows == [{"name": MUNICIPALITIES[a], "alias": a, "rounds": ["2011", "2013"]} for a in "ABCD"]


def test_d_2013_has_34_persons_11_without_daily_contact_mostly_services(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[:IN_ROUND]->(:SurveyRound {municipality: $m, label: '2013'})
        OPTIONAL MATCH (p)-[d:DAILY {round: '2013'}]-(:Person)
        WITH p, count(d) AS daily
        MATCH (p)-[:COVERS {round: '2013', rank: 0}]->(f:Function)
        RETURN count(p) AS persons,
               sum(CASE WHEN daily = 0 THEN 1 ELSE 0 END) AS without_daily,
               sum(CASE WHEN daily = 0 AND f.key = 'services' THEN 1 ELSE 0 END) AS services_without_daily
        """,
        m=D,
    )
    assert rows == [{"persons": 34, "without_daily": 11, "services_without_daily": 9}]


def test_c_2013_has_29_persons_12_without_daily_contact(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[:IN_ROUND]->(:SurveyRound {municipality: $m, label: '2013'})
        RETURN count(p) AS persons,
               count(CASE WHEN NOT (p)-[:DAILY {round: '2013'}]-(:Person) THEN 1 END) AS without_daily
        """,
        m=C,
    )
    assert rows == [{"persons": 29, "without_daily": 12}]


def test_a_2013_eight_of_eleven_in_services_lack_daily_services_contact(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[:COVERS {round: '2013'}]->(:Function {key: 'services'})
        WHERE p.municipality = $m
        RETURN count(p) AS services,
               count(CASE WHEN NOT EXISTS {
                 MATCH (p)-[:DAILY {round: '2013'}]-(o:Person)-[:COVERS {round: '2013'}]->(:Function {key: 'services'})
               } THEN 1 END) AS without_daily_colleague
        """,
        m=A,
    )
    assert rows == [{"services": 11, "without_daily_colleague": 8}]


def test_only_b_counts_users_in(demo, driver):
    rows = _rows(
        driver,
        "MATCH (p:Person)-[:COVERS]->(:Function {key: 'users'}) RETURN DISTINCT p.municipality AS m",
    )
    assert rows == [{"m": B}]


def test_non_respondents_are_named_by_others(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[m:IN_ROUND {responded: false}]->(r:SurveyRound {label: '2013'})
        WHERE EXISTS { MATCH (:Person)-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN {round: '2013'}]->(p) }
        RETURN DISTINCT r.municipality AS m ORDER BY m
        """,
    )
    assert {r["m"] for r in rows} == {A, B, C}  # everyone in D answered in 2013
    silent = _rows(
        driver,
        """
        MATCH (p:Person)-[:IN_ROUND {responded: false}]->(r:SurveyRound)
        MATCH (p)-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->() WHERE t.round = r.label
        RETURN count(t) AS reported
        """,
    )
    assert silent == [{"reported": 0}]


def test_ties_are_reported_by_one_or_both_sides(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (a:Person)-[t:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(b:Person)
        RETURN count(t) AS arcs,
               count(CASE WHEN EXISTS {
                 MATCH (b)-[u:DAILY|WEEKLY|MONTHLY|LESS_OFTEN]->(a) WHERE u.round = t.round
               } THEN 1 END) AS reciprocated
        """,
    )
    reciprocity = rows[0]["reciprocated"] / rows[0]["arcs"]
    assert 0.3 < reciprocity < 0.9


# -- loaded graph: structure with networkx ----------------------------------------------------


def test_d_2013_daily_network_is_separate_chains(demo, driver):
    daily = _graph(driver, D, "2013", "daily")
    check_d_daily(daily)
    assert nx.number_connected_components(daily.subgraph(n for n in daily if daily.degree(n))) == 3


def test_c_2013_is_two_stars_and_two_planners_at_weekly(demo, driver):
    check_c_weekly(_graph(driver, C, "2013", "weekly"), _graph(driver, C, "2013", "daily"))


def test_a_2013_instruments_clique_and_two_persons_between_three_pieces(demo, driver):
    check_a_weekly(_graph(driver, A, "2013", "weekly"), _graph(driver, A, "2013", "daily"))


def test_b_2013_centre_side_periphery(demo, driver):
    check_b_weekly(_graph(driver, B, "2013", "weekly"))


@pytest.mark.parametrize("municipality", [A, B, C, D])
def test_2011_is_an_earlier_less_integrated_state(demo, driver, municipality):
    before = _graph(driver, municipality, "2011", "daily")
    after = _graph(driver, municipality, "2013", "daily")
    assert set(before) - set(after), "someone left"
    assert set(after) - set(before), "someone joined"
    isolated = {g: sum(1 for n in g if g.degree(n) == 0) for g in (before, after)}
    assert isolated[before] > isolated[after]

    def cross_function(threshold: str, round_label: str) -> int:
        graph = _graph(driver, municipality, round_label, threshold)
        return sum(graph.nodes[a]["primary"] != graph.nodes[b]["primary"] for a, b in graph.edges)

    assert cross_function("monthly", "2011") < cross_function("monthly", "2013")


# -- political contact --------------------------------------------------------------------------


def test_everyone_in_d_has_contact_with_the_mayor(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[:IN_ROUND]->(:SurveyRound {municipality: $m, label: '2013'})
        RETURN count(p) AS persons,
               count(CASE WHEN EXISTS {
                 MATCH (p)-[:POLITICAL_CONTACT {round: '2013'}]->(:PoliticalBody {kind: 'mayor'})
               } THEN 1 END) AS with_mayor
        """,
        m=D,
    )
    assert rows == [{"persons": 34, "with_mayor": 34}]


def test_c_has_contact_mostly_with_committees(demo, driver):
    rows = _rows(
        driver,
        """
        MATCH (p:Person)-[:IN_ROUND]->(:SurveyRound {municipality: $m, label: '2013'})
        OPTIONAL MATCH (p)-[:POLITICAL_CONTACT {round: '2013'}]->(b:PoliticalBody)
        WITH p, collect(DISTINCT b.kind) AS kinds
        RETURN count(p) AS persons,
               count(CASE WHEN size(kinds) > 0 THEN 1 END) AS with_contact,
               count(CASE WHEN 'committee' IN kinds THEN 1 END) AS with_committee,
               count(CASE WHEN 'mayor' IN kinds OR 'executive_committee' IN kinds THEN 1 END) AS with_leadership
        """,
        m=C,
    )
    counts = rows[0]
    assert counts["with_contact"] > counts["persons"] / 2
    assert counts["with_committee"] >= 3 * counts["with_leadership"]


def test_political_contact_is_mostly_information_exchange(demo, driver):
    rows = _rows(
        driver,
        "MATCH ()-[c:POLITICAL_CONTACT]->() RETURN c.contact_type AS type, count(*) AS n ORDER BY n DESC",
    )
    assert [r["type"] for r in rows] == ["information", "professional", "political"]
    assert rows[0]["n"] > sum(r["n"] for r in rows[1:])
    kinds = _rows(driver, "MATCH (b:PoliticalBody) RETURN DISTINCT b.kind AS kind ORDER BY kind")
    assert [k["kind"] for k in kinds] == ["committee", "council", "executive_committee", "mayor"]


# -- idempotence and a second seed ----------------------------------------------------------------


def test_loading_twice_changes_no_count(demo, driver):
    count = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS relationships"
    before = _rows(driver, count)
    lines = load_demo(driver, demo)
    assert all("unchanged" in line for line in lines)
    assert _rows(driver, count) == before


def test_calibration_holds_for_another_seed(tmp_path):
    rounds = generate(tmp_path, seed=7)
    check_d_daily(_parsed_graph(rounds, D, "2013", "daily"))
    check_c_weekly(_parsed_graph(rounds, C, "2013", "weekly"), _parsed_graph(rounds, C, "2013", "daily"))
    check_a_weekly(_parsed_graph(rounds, A, "2013", "weekly"), _parsed_graph(rounds, A, "2013", "daily"))
    check_b_weekly(_parsed_graph(rounds, B, "2013", "weekly"))


def test_demo_command_writes_files_without_loading(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="netkart")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["demo", "--out", str(tmp_path), "--no-load"])
    assert args.handler(args) == 0
    assert "Wrote 8 survey rounds" in capsys.readouterr().out
    assert (tmp_path / "saeterdal" / "2013" / "contacts.csv").exists()
    assert (tmp_path / "fjordvik" / "2011" / "roster.xlsx").exists()


def test_metrics_json_names_no_committee(demo, driver, capsys):
    bodies = _rows(
        driver, "MATCH (b:PoliticalBody {municipality: $m, kind: 'committee'}) RETURN b.key AS key, b.name AS name", m=C
    )
    assert bodies, "C's demo has committees"
    argv = ["metrics", "--municipality", "C", "--round", "2013", "--threshold", "weekly", "--json"]
    assert netkart_main(argv) == 0
    out = capsys.readouterr().out
    shown = [b["key"] for b in json.loads(out)["political"]["bodies"] if b["kind"] == "committee"]
    assert sorted(shown) == [f"Utvalg {k}" for k in range(1, len(shown) + 1)]
    for body in bodies:
        assert body["key"] not in out and body["name"] not in out
