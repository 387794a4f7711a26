"""The dashboard in real headless Chromium, served from the demo data on the real Neo4j.

Every expected number comes from ``analytics`` (``compute_metrics``, ``compare_views``,
``political_summary``) on views loaded from the database, never from the dashboard's own
code. These tests fail (they do not skip) when Chromium or its driver is missing.
"""

from __future__ import annotations

import io
import math
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import wipe
from support.browser import Browser, served_dashboard

from analytics.compare import compare_views
from analytics.metrics import compute_metrics
from analytics.political import political_summary
from analytics.store import list_municipalities, load_political, load_view
from ingest.demo import generate, load_demo
from netkart.server.local import LocalServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(driver, tmp_path_factory) -> dict[str, str]:
    """The demo data, loaded once into an emptied database; alias → municipality name."""
    wipe(driver)
    load_demo(driver, generate(tmp_path_factory.mktemp("demo")))
    return {info.alias: info.name for info in list_municipalities(driver)}


@pytest.fixture(scope="module")
def secrets_(driver, demo) -> list[str]:
    """Every roster name and municipality name: none may appear in anonymised output."""
    found = set(demo.values())
    for name in demo.values():
        for round_label in ("2011", "2013"):
            found |= {p.name for p in load_view(driver, name, round_label, "monthly").persons if p.name}
    assert len(found) > 100
    return sorted(found)


@pytest.fixture(scope="module")
def url(demo) -> Iterator[str]:
    with served_dashboard() as base:
        yield base


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads) -> Iterator[Browser]:
    with Browser(downloads) as opened:
        yield opened


def _metrics(driver, name: str, round_label: str, threshold: str) -> dict:
    return compute_metrics(load_view(driver, name, round_label, threshold))


def _open_network(browser: Browser, url: str, alias: str, round_label: str = "2013") -> None:
    browser.open(url + "/")
    browser.wait_graph("net-graph")
    browser.choose_dropdown("net-municipality", alias)
    browser.choose_dropdown("net-round", round_label)


def test_network_page_draws_every_municipality_with_the_metrics_counts(browser, url, driver, demo):
    for alias, name in demo.items():
        expected = _metrics(driver, name, "2013", "weekly")
        _open_network(browser, url, alias)
        drawn = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
        isolated = [n for n in drawn["nodes"] if "isolate" in n["classes"]]
        assert len(isolated) == len(expected["isolates"])
        assert f"{expected['nodes']}" in browser.text("net-summary")


def test_changing_the_threshold_changes_the_edge_count_to_the_metrics(browser, url, driver, demo):
    _open_network(browser, url, "D")
    seen = {}
    for threshold in ("daily", "monthly", "weekly"):
        expected = _metrics(driver, demo["D"], "2013", threshold)
        browser.click_radio("net-threshold", threshold)
        seen[threshold] = len(browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])["edges"])
    assert seen["daily"] < seen["weekly"] < seen["monthly"]


def test_clicking_a_person_shows_their_details(browser, url, driver, demo):
    _open_network(browser, url, "A")
    expected = _metrics(driver, demo["A"], "2013", "weekly")
    drawn = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
    # The person with the highest betweenness is the largest node: easy to hit with the mouse.
    largest = max(
        drawn["nodes"],
        key=lambda n: browser.driver.execute_script(
            "return document.getElementById('net-graph')._cyreg.cy.getElementById(arguments[0]).data('size')", n["id"]
        ),
    )
    browser.click_node("net-graph", largest["id"])
    browser.wait(lambda: browser.text("net-details-name") == largest["label"])
    details = browser.text("net-details")
    top = max(expected["persons"].values(), key=lambda row: row["betweenness"])
    assert f"{top['betweenness']:.3f}".rstrip("0") in details
    assert str(top["degree"]) in details
    for label in ("Degree", "Grad"):
        if label in details:
            break
    else:
        pytest.fail(f"no degree field in the details: {details!r}")


def test_a_person_keeps_identical_coordinates_across_rounds(browser, url, driver, demo):
    _open_network(browser, url, "A", "2011")
    drawn = browser.wait_graph("net-graph")["nodes"]
    first = {n["label"]: (n["x"], n["y"]) for n in drawn if "isolate" not in n["classes"]}
    expected = _metrics(driver, demo["A"], "2013", "weekly")
    browser.choose_dropdown("net-round", "2013")
    second = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
    later = {n["label"]: (n["x"], n["y"]) for n in second["nodes"] if "isolate" not in n["classes"]}
    common = set(first) & set(later)
    assert len(common) >= 20
    assert all(first[label] == later[label] for label in common)


def test_municipalities_page_shows_every_municipality_and_the_table(browser, url, driver, demo):
    browser.open(url + "/municipalities")
    for alias, name in demo.items():
        expected = _metrics(driver, name, "2013", "weekly")
        browser.wait_graph(f"mun-graph-{alias}", nodes=expected["nodes"], edges=expected["ties"])
    rows = browser.driver.find_elements("css selector", "#mun-table tbody tr")
    browser.wait(lambda: len(browser.driver.find_elements("css selector", "#mun-table td")) > 0)
    rows = browser.driver.find_elements("css selector", "#mun-table tr")
    assert len(rows) == 1 + len(demo)


def test_rounds_page_shows_new_dropped_and_stable_ties_at_identical_positions(browser, url, driver, demo):
    browser.open(url + "/rounds")
    browser.choose_dropdown("rnd-municipality", "A")
    before = load_view(driver, demo["A"], "2011", "weekly")
    after = load_view(driver, demo["A"], "2013", "weekly")
    comparison = compare_views(before, after, permutations=10)
    total = len(comparison["ties_new"]) + len(comparison["ties_dropped"]) + len(comparison["ties_stable"])
    drawn = browser.wait_graph("rnd-difference", edges=total)
    counts = {c: sum(1 for e in drawn["edges"] if c in e["classes"]) for c in ("new", "dropped", "stable")}
    assert counts == {c: len(comparison[f"ties_{c}"]) for c in ("new", "dropped", "stable")}
    assert counts["new"] > 0 and counts["dropped"] > 0
    joined = [n for n in drawn["nodes"] if "joined" in n["classes"]]
    left = [n for n in drawn["nodes"] if "left" in n["classes"]]
    assert (len(joined), len(left)) == (len(comparison["persons_joined"]), len(comparison["persons_left"]))
    old = browser.wait_graph("rnd-before", nodes=before.graph.number_of_nodes(), edges=before.graph.number_of_edges())
    new = browser.wait_graph("rnd-after", nodes=after.graph.number_of_nodes(), edges=after.graph.number_of_edges())
    old_at = {n["label"]: (n["x"], n["y"]) for n in old["nodes"]}
    new_at = {n["label"]: (n["x"], n["y"]) for n in new["nodes"]}
    common = set(old_at) & set(new_at)
    assert len(common) == len(set(before.person_by_id) & set(after.person_by_id))
    assert all(old_at[label] == new_at[label] for label in common)

    def on_screen(graph_id: str) -> dict[str, tuple[float, float]]:
        return {n["label"]: (n["rx"], n["ry"]) for n in browser.graph(graph_id)["nodes"]}

    def aligned() -> bool:
        """every person of both rounds is at the same place on the screen in both graphs"""
        old_seen, new_seen = on_screen("rnd-before"), on_screen("rnd-after")
        return all(math.dist(old_seen[label], new_seen[label]) < 0.5 for label in common)

    browser.wait(aligned, timeout=10)
    assert browser.text("rnd-findings")


def test_political_page_draws_bodies_and_contacts(browser, url, driver, demo):
    browser.open(url + "/political")
    browser.choose_dropdown("pol-municipality", "D")
    view = load_view(driver, demo["D"], "2013", "monthly")
    contacts = load_political(driver, demo["D"], "2013")
    summary = political_summary(contacts, view)
    ties = {(c.person_id, c.body_key, c.contact_type) for c in contacts if c.person_id in view.person_by_id}
    drawn = browser.wait_graph("pol-graph", nodes=len(view.persons) + len(summary["bodies"]), edges=len(ties))
    kinds = {t for e in drawn["edges"] for t in ("information", "professional", "political") if t in e["classes"]}
    assert kinds == {c for _, _, c in ties}
    rows = browser.driver.find_elements("css selector", "#pol-table tr")
    assert len(rows) == 1 + len(summary["bodies"])


def test_queries_page_runs_a_named_query_read_only(browser, url, driver, demo):
    browser.open(url + "/queries")
    browser.choose_dropdown("qry-query", "isolates")
    browser.wait(lambda: len(browser.driver.find_elements("css selector", "#qry-parameters input")) == 3)
    for name, value in (("municipality", "D"), ("round", "2013"), ("threshold", "daily")):
        browser.set_value({"name": name, "type": "qry-param"}, value)
    browser.click("qry-run")
    expected = _metrics(driver, demo["D"], "2013", "daily")["isolates"]
    browser.wait(lambda: browser.text("qry-status").startswith(f"{len(expected)} "))
    cells = [c.text for c in browser.driver.find_elements("css selector", "#qry-table td")]
    assert set(expected) <= set(cells)


def _wait_download(folder: Path, suffix: str, before: set[Path]) -> Path:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        new = [p for p in folder.glob(f"*{suffix}") if p not in before and p.stat().st_size > 0]
        if new:
            time.sleep(0.3)  # let Chromium finish writing
            return new[0]
        time.sleep(0.1)
    raise AssertionError(f"no {suffix} file was downloaded into {folder}")


def _text_of(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return raw.decode("utf-8", "replace")


def test_exports_download_and_contain_no_names(browser, url, downloads, secrets_):
    exported: list[Path] = []
    pages = (
        ("/", "net", "net-graph", ("png", "svg", "csv", "xlsx", "graphml", "gexf")),
        ("/rounds", "rnd", "rnd-difference", ("png", "svg", "csv", "xlsx", "graphml", "gexf")),
        ("/municipalities", "mun", "mun-graph-A", ("csv", "xlsx")),
        ("/political", "pol", "pol-graph", ("png", "svg", "csv", "xlsx")),
    )
    for path, prefix, graph_id, kinds in pages:
        browser.open(url + path)
        browser.wait_graph(graph_id)
        for kind in kinds:
            before = set(downloads.iterdir())
            browser.click(f"{prefix}-{kind}")
            exported.append(_wait_download(downloads, f".{kind}", before))
    assert len(exported) == 18
    for path in exported:
        content = _text_of(path)
        # Graphs and the person table must show pseudonyms (the other tables list bodies or
        # municipalities, not persons).
        if path.suffix in (".svg", ".graphml", ".gexf") or path.name.startswith("netkart-net-"):
            assert "Services" in content or "Tjenester" in content, f"{path.name} has no pseudonyms"
        leaked = [name for name in secrets_ if name in content]
        assert not leaked, f"{path.name} contains names: {leaked}"


def test_pages_show_no_names_in_anonymised_mode(browser, url, secrets_):
    pages = (
        ("/", "net-graph"),
        ("/municipalities", "mun-graph-A"),
        ("/rounds", "rnd-difference"),
        ("/political", "pol-graph"),
    )
    for path, graph_id in pages:
        browser.open(url + path)
        browser.wait_graph(graph_id)
        time.sleep(0.5)
        page = browser.driver.page_source + str(browser.graph(graph_id))
        leaked = [name for name in secrets_ if name in page]
        assert not leaked, f"{path} shows names: {leaked}"


def test_database_down_banner_appears_and_clears(browser, url, neo4j_settings, driver, demo):
    if neo4j_settings.external:
        pytest.skip("stops and restarts the local server; this session uses an external Neo4j")
    server = LocalServer(neo4j_settings)
    _open_network(browser, url, "B")
    browser.wait_graph("net-graph")
    banner = browser.driver.find_element("id", "db-banner")
    assert not banner.is_displayed()
    server.stop()
    try:
        browser.wait(lambda: banner.is_displayed(), timeout=30)
        assert "retrying" in banner.text or "prøver igjen" in banner.text
    finally:
        server.start()
    browser.wait(lambda: not banner.is_displayed(), timeout=60)
    expected = _metrics(driver, demo["B"], "2013", "monthly")
    browser.click_radio("net-threshold", "monthly")
    browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])


def test_a_slow_answer_landing_late_does_not_replace_the_current_view(browser, driver, demo, monkeypatch):
    # The served dashboard delays every daily graph answer by 3 s (its test-only hook), so the
    # daily answer arrives after the monthly one that was asked for later.
    monkeypatch.setenv("NETKART_TEST_SLOW_THRESHOLD", "daily")
    monthly = _metrics(driver, demo["D"], "2013", "monthly")
    daily = _metrics(driver, demo["D"], "2013", "daily")
    assert daily["ties"] != monthly["ties"]
    with served_dashboard() as slow_url:
        _open_network(browser, slow_url, "D")
        weekly = _metrics(driver, demo["D"], "2013", "weekly")
        browser.wait_graph("net-graph", nodes=weekly["nodes"], edges=weekly["ties"])
        browser.click_radio("net-threshold", "daily")
        browser.click_radio("net-threshold", "monthly")
        browser.wait_graph("net-graph", nodes=monthly["nodes"], edges=monthly["ties"])
        time.sleep(4)
        assert len(browser.graph("net-graph")["edges"]) == monthly["ties"]
        assert f", {monthly['ties']} " in browser.text("net-summary")


def test_the_graph_guard_draws_only_an_answer_for_the_current_selection(browser, url, demo):
    _open_network(browser, url, "D")
    guard = "return window.dash_clientside.netkart.drawCurrent(arguments[0], 'D', '2013', 'weekly', ['gather'], 'nb')"
    elements = [{"data": {"id": "x"}}]
    current = {"selection": ["D", "2013", "weekly", True, "nb"], "elements": elements, "summary": "now"}
    stale = current | {"selection": ["D", "2013", "daily", True, "nb"], "summary": "earlier"}
    database_down = {"selection": current["selection"], "summary": "down"}
    no_update = browser.driver.execute_script("return window.dash_clientside.no_update")
    drawn, fit, summary = browser.driver.execute_script(guard, current)
    assert (drawn, summary) == (elements, "now")
    assert fit["fit"] is True  # nothing was fitted yet
    assert browser.driver.execute_script(guard, stale) == [no_update] * 3
    other_municipality = stale | {"selection": ["A", "2013", "weekly", True, "nb"]}
    assert browser.driver.execute_script(guard, other_municipality) == [no_update] * 3
    # The database is down: the graph already drawn stays, the summary says so.
    assert browser.driver.execute_script(guard, database_down) == [no_update, no_update, "down"]


def test_the_viewport_is_fitted_only_for_a_new_municipality_or_a_person_out_of_view(browser, url, demo):
    _open_network(browser, url, "D")
    decide = "return window.dash_clientside.netkart.needsFit(arguments[0], arguments[1], arguments[2], arguments[3])"
    extent = {"x1": 0, "y1": 0, "x2": 1000, "y2": 800}
    fitted = {"name": "preset", "fit": True, "view": "D|true"}
    inside = [{"data": {"id": "a"}, "position": {"x": 500, "y": 400}}, {"data": {"id": "t", "source": "a"}}]
    outside = [*inside, {"data": {"id": "b"}, "position": {"x": 990, "y": 400}}]  # within the node margin
    assert browser.driver.execute_script(decide, inside, extent, fitted, "D|true") is False
    assert browser.driver.execute_script(decide, outside, extent, fitted, "D|true") is True
    assert browser.driver.execute_script(decide, inside, extent, fitted, "A|true") is True
    assert browser.driver.execute_script(decide, inside, extent, fitted, "D|false") is True
    assert browser.driver.execute_script(decide, inside, None, fitted, "D|true") is True


_VIEWPORT = (
    "var cy = document.getElementById('net-graph')._cyreg.cy;"
    "return {zoom: cy.zoom(), pan: cy.pan(), extent: cy.extent(), width: cy.width(), height: cy.height(),"
    " nodes: cy.nodes().map(n => n.renderedPosition())};"
)


def _in_view(viewport: dict) -> bool:
    return all(0 <= p["x"] <= viewport["width"] and 0 <= p["y"] <= viewport["height"] for p in viewport["nodes"])


def test_changing_the_threshold_keeps_the_picture_and_every_person_in_view(browser, url, driver, demo):
    _open_network(browser, url, "D")
    expected = _metrics(driver, demo["D"], "2013", "weekly")
    browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
    time.sleep(0.5)
    assert _in_view(browser.driver.execute_script(_VIEWPORT))  # fitted for the new municipality
    for threshold in ("monthly", "daily", "weekly"):
        before = browser.driver.execute_script(_VIEWPORT)
        expected = _metrics(driver, demo["D"], "2013", threshold)
        browser.click_radio("net-threshold", threshold)
        drawn = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
        time.sleep(0.5)  # a fit, when one is due, runs with the update; give the frame time to land
        after = browser.driver.execute_script(_VIEWPORT)
        box = before["extent"]
        all_inside = all(
            box["x1"] + 32 <= n["x"] <= box["x2"] - 32 and box["y1"] + 32 <= n["y"] <= box["y2"] - 32
            for n in drawn["nodes"]
        )
        if all_inside:
            assert (after["zoom"], after["pan"]) == (before["zoom"], before["pan"]), threshold
        assert _in_view(after), threshold
