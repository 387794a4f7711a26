"""The dashboard in real headless Chromium, served from the demo data on the real Neo4j.

Every expected number comes from ``analytics`` (``compute_metrics``, ``compare_views``,
``political_summary``) on views loaded from the database, never from the dashboard's own
code. These tests fail (they do not skip) when Chromium or its driver is missing.
"""

from __future__ import annotations

import dataclasses
import io
import math
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from support.browser import Browser, served_dashboard

from analytics.anonymise import pseudonyms
from analytics.compare import compare_views
from analytics.metrics import compute_metrics
from analytics.political import political_summary
from analytics.store import load_political, load_view
from analytics.view import View
from cypher import list_queries, load_query
from cypher.model import Person
from ingest import ParsedRound, SurveyFiles, delete_round, load_round, read_round, set_alias
from ingest.demo import generate
from netkart.server.local import LocalServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def secrets_(driver, demo) -> list[str]:
    """Every roster name and municipality name: none may appear in anonymised output."""
    found = set(demo.values())
    for name in demo.values():
        for round_label in ("2011", "2013"):
            found |= {p.name for p in load_view(driver, name, round_label, "monthly").persons if p.name}
    assert len(found) > 100
    return sorted(found)


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
    # The page is in bokmål: a decimal comma.
    assert f"{top['betweenness']:.3f}".rstrip("0").replace(".", ",") in details
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
    # The page's first fill sets the municipality; a choice made before it would be overwritten.
    browser.wait_graph("pol-graph", read=False)
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


def _fill_query(browser: Browser, query: str, values: dict[str, str]) -> None:
    """Choose ``query``, choose its parameters' values once its own fields are shown, and run it.

    Every parameter of the queries these tests run has known values, so each is a dropdown.
    """
    browser.choose_dropdown("qry-query", query)
    description = load_query(query).description

    def fields_of_the_query() -> bool:
        """the page shows the chosen query's parameter fields"""
        labels = browser.driver.find_elements("css selector", "#qry-parameters label")
        return browser.text("qry-description") == description and len(labels) == len(values)

    browser.wait(fields_of_the_query)
    for name, value in values.items():
        browser.set_value({"name": name, "type": "qry-choice"}, value)
    browser.click("qry-run")


def test_queries_page_offers_known_values_and_shows_pseudonyms(browser, url, driver, demo, secrets_):
    browser.open(url + "/queries")
    _fill_query(browser, "isolates", {"municipality": "D", "round": "2013", "threshold": "daily"})
    # Municipality, round and threshold have known values: dropdowns, none a free-text box.
    assert not browser.driver.find_elements("css selector", "#qry-parameters input[type='text']")
    isolates = _metrics(driver, demo["D"], "2013", "daily")["isolates"]
    browser.wait(lambda: browser.text("qry-status").startswith(f"{len(isolates)} "))
    cells = [c.text for c in browser.driver.find_elements("css selector", "#qry-table td")]
    # Anonymised: each isolate by its pseudonym over all of D's rounds, never by id.
    everyone: dict[str, Person] = {}
    for round_label in ("2011", "2013"):
        everyone |= load_view(driver, demo["D"], round_label, "monthly").person_by_id
    named = pseudonyms(View(demo["D"], "all", "monthly", tuple(everyone[p] for p in sorted(everyone)), ()), "nb")
    assert {named[pid] for pid in isolates} <= set(cells)
    assert not set(isolates) & set(cells)
    page = browser.driver.find_element("css selector", "body").text
    assert not [secret for secret in secrets_ if secret in page]


def test_queries_page_names_the_known_values_of_a_bad_parameter(browser, url, demo):
    browser.open(url + "/queries")
    browser.choose_dropdown("qry-query", "drop_stale_projections")
    browser.wait(lambda: browser.driver.find_elements("css selector", "#qry-parameters input[type='text']"))
    browser.set_value({"name": "minutes", "type": "qry-param"}, "ten")
    browser.click("qry-run")
    browser.wait(lambda: "minutes 'ten' is not a whole number, e.g. 10" in browser.text("qry-status"))


def _wait_download(browser: Browser, folder: Path, suffix: str) -> Path:
    def downloaded() -> Path | None:
        """a complete file with the suffix is in the (emptied) folder"""
        # Chromium writes into "*.crdownload" and renames the file when it is complete.
        done = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        return done[0] if done else None

    try:
        return browser.wait(downloaded, timeout=60)
    except TimeoutError:
        raise AssertionError(f"no {suffix} file was downloaded into {folder}") from None


def _text_of(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return raw.decode("utf-8", "replace")


_EXPORTS = (
    ("/", "net", "net-graph", ("png", "svg", "csv", "xlsx", "graphml", "gexf")),
    ("/rounds", "rnd", "rnd-difference", ("png", "svg", "csv", "xlsx", "graphml", "gexf")),
    ("/municipalities", "mun", "mun-graph-A", ("csv", "xlsx")),
    ("/political", "pol", "pol-graph", ("png", "svg", "csv", "xlsx")),
)


def _export_everything(browser: Browser, url: str, downloads: Path, *, png: bool = True) -> list[tuple[str, str]]:
    """Name and text of every export of every page."""
    exported: list[tuple[str, str]] = []
    for path, prefix, graph_id, kinds in _EXPORTS:
        browser.open(url + path)
        browser.wait_graph(graph_id)
        for kind in kinds if png else [k for k in kinds if k != "png"]:
            # Emptied first: Chromium may write a file of the same name over the earlier one.
            for earlier in downloads.iterdir():
                earlier.unlink()
            browser.click(f"{prefix}-{kind}")
            done = _wait_download(browser, downloads, f".{kind}")
            exported.append((done.name, _text_of(done)))
    assert len(exported) == (18 if png else 15)
    return exported


def test_exports_download_and_contain_no_names(browser, url, downloads, secrets_):
    for name, content in _export_everything(browser, url, downloads):
        # Graphs and the person table must show pseudonyms (the other tables list bodies or
        # municipalities, not persons).
        if name.endswith((".svg", ".graphml", ".gexf")) or name.startswith("netkart-net-"):
            assert "Services" in content or "Tjenester" in content, f"{name} has no pseudonyms"
        leaked = [secret for secret in secrets_ if secret in content]
        assert not leaked, f"{name} contains names: {leaked}"


#: A page, its graph, and an element that is filled last (so the whole page is drawn).
_PAGES = (
    ("/", "net-graph", "#net-table td"),
    ("/municipalities", "mun-graph-A", "#mun-table td"),
    ("/rounds", "rnd-difference", "#rnd-table td"),
    ("/political", "pol-graph", "#pol-table td"),
)


def _page_text(browser: Browser, path: str, graph_id: str, last: str) -> str:
    """Everything a page holds once it is drawn: its source and the graph's elements."""
    browser.wait_graph(graph_id)
    browser.wait(lambda: browser.driver.find_elements("css selector", last))
    return browser.driver.page_source + str(browser.graph(graph_id))


def test_pages_show_no_names_in_anonymised_mode(browser, url, secrets_):
    for path, graph_id, last in _PAGES:
        browser.open(url + path)
        page = _page_text(browser, path, graph_id, last)
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


#: Lets the page keep the timing of every request it makes (the buffer holds 250 by default).
_KEEP_TIMINGS = "performance.clearResourceTimings(); performance.setResourceTimingBufferSize(100000);"
#: Notes the threshold of every graph request the page sends (``window.netkartSent``).
_WATCH_SENT = """
window.netkartSent = [];
const fetchBefore = window.fetch;
window.fetch = function (url, options) {
  try {
    const body = JSON.parse(options.body);
    if (JSON.stringify(body.output).includes('net-drawn.data')) {
      const threshold = body.inputs.find(i => i.id === 'net-threshold');
      window.netkartSent.push(threshold && threshold.value);
    }
  } catch (error) { /* not a callback */ }
  return fetchBefore.apply(this, arguments);
};
"""
#: Whether a callback answer that took over 2.5 s has reached the page.
_SLOW_ANSWER = (
    "return performance.getEntriesByType('resource')"
    ".some(e => e.name.includes('_dash-update-component') && e.duration > 2500);"
)


@contextmanager
def _d_with_slow_daily(browser: Browser, driver, demo) -> Iterator[dict[str, dict]]:
    """D 2013 opened at weekly on a dashboard that holds back every daily graph answer by 3 s
    (tests/support/slow_serve.py); yields D's metrics by threshold."""
    views = {t: _metrics(driver, demo["D"], "2013", t) for t in ("daily", "weekly", "monthly")}
    assert views["daily"]["ties"] not in (views["weekly"]["ties"], views["monthly"]["ties"])
    with served_dashboard(slow_threshold="daily") as slow_url:
        _open_network(browser, slow_url, "D")
        browser.wait_graph("net-graph", nodes=views["weekly"]["nodes"], edges=views["weekly"]["ties"])
        yield views


def test_a_slow_answer_landing_late_does_not_replace_the_current_view(browser, driver, demo):
    # The daily answer arrives after the monthly one that was asked for later.
    with _d_with_slow_daily(browser, driver, demo) as views:
        monthly = views["monthly"]
        browser.driver.execute_script(_KEEP_TIMINGS + _WATCH_SENT)
        browser.click_radio("net-threshold", "daily")
        # Monthly is chosen once the daily request is on its way: chosen sooner, on a busy
        # machine Dash may send only the newer request, and there would be no late answer.
        browser.wait(lambda: "daily" in browser.driver.execute_script("return window.netkartSent"))
        browser.click_radio("net-threshold", "monthly")
        browser.wait_graph("net-graph", nodes=monthly["nodes"], edges=monthly["ties"])

        def late_answer_arrived() -> bool:
            """the held-back daily answer has reached the page"""
            return browser.driver.execute_script(_SLOW_ANSWER)

        browser.wait(late_answer_arrived, timeout=30)
        # Whatever the page does with it (Dash may drop it, the guard refuses it), it happens
        # on arrival: the graph is read once it stands still.
        drawn = browser.settled(lambda: browser.graph("net-graph"))
        assert len(drawn["edges"]) == monthly["ties"]
        assert f", {monthly['ties']} " in browser.text("net-summary")


#: The ids of the elements Cytoscape holds in the network graph.
_DRAWN_IDS = "return document.getElementById('net-graph')._cyreg.cy.elements().map(e => e.id()).sort()"


def _network_d(browser: Browser, url: str) -> object:
    """Open the network page on D and wait until D's view is drawn, so that no answer of the
    server is still on its way to redraw the graph; returns Dash's ``no_update`` as the page's
    functions return it."""
    _open_network(browser, url, "D")
    browser.wait(lambda: browser.text("net-summary").startswith("D · 2013 · "))
    return browser.driver.execute_script("return window.dash_clientside.no_update")


def test_the_graph_guard_draws_only_an_answer_for_the_current_selection(browser, url, demo):
    no_update = _network_d(browser, url)
    guard = (
        "return window.dash_clientside.netkart.drawCurrent("
        "arguments[0], 'D', '2013', 'weekly', ['gather'], 'nb', 'degree', null, 'highlight', null, null, null,"
        " 'net-graph')"
    )
    elements = [{"data": {"id": "x"}, "position": {"x": 0, "y": 0}, "classes": "person"}]
    current = {"selection": ["D", "2013", "weekly", True, "nb"], "elements": elements, "summary": "now"}
    current |= {"version": "v1", "generation": "g1"}
    stale = current | {"selection": ["D", "2013", "daily", True, "nb"], "summary": "earlier", "version": "v0"}
    database_down = {"selection": current["selection"], "summary": "down"}
    tools, summary, kept, resend = browser.driver.execute_script(guard, current)
    assert (summary, resend) == ("now", no_update) and "v1" in kept
    # The tools' choices are applied to the view drawn: no function or ego chosen, one person shown.
    assert tools == {"size": "degree", "function": None, "mode": "highlight", "ego": None, "shown": 1}
    assert browser.driver.execute_script(_DRAWN_IDS) == ["x"]
    for refused in (stale, stale | {"selection": ["A", "2013", "weekly", True, "nb"]}):
        assert browser.driver.execute_script(guard, refused) == [no_update] * 4
        assert browser.driver.execute_script(_DRAWN_IDS) == ["x"]
    # The database is down: the graph already drawn stays, the summary says so.
    assert browser.driver.execute_script(guard, database_down) == [no_update, "down", no_update, no_update]
    # The same view again (its version unchanged) is not drawn again; a changed one is.
    tools, summary, _, _ = browser.driver.execute_script(guard, current)
    assert (tools, summary) == (no_update, "now")
    changed = current | {"elements": [{"data": {"id": "y"}, "position": {"x": 1, "y": 1}}], "version": "v2"}
    assert browser.driver.execute_script(guard, changed)[0] != no_update
    assert browser.driver.execute_script(_DRAWN_IDS) == ["y"]
    # An answer naming a view the page holds (by its digest, without elements) draws that
    # view, whichever selection it was kept under.
    browser.driver.execute_script(
        "const netkart = window.dash_clientside.netkart;"
        "netkart.keepView(netkart.viewKey(['D', '2013', 'daily', true, 'nb'], 'g1'),"
        " {elements: [{data: {id: 'z'}, position: {x: 2, y: 2}}], summary: 'daily', version: 'vz'})"
    )
    named = {key: value for key, value in current.items() if key != "elements"}
    named |= {"kept": True, "version": "vz", "summary": "same as daily"}
    tools, summary, _, resend = browser.driver.execute_script(guard, named)
    assert (summary, resend) == ("same as daily", no_update) and tools != no_update
    assert browser.driver.execute_script(_DRAWN_IDS) == ["z"]
    # One the page no longer holds is asked for whole, and the graph stays as it is.
    dropped = named | {"version": "gone"}
    assert browser.driver.execute_script(guard, dropped) == [no_update] * 3 + [
        {"selection": ["D", "2013", "weekly", True, "nb"], "version": "gone"}
    ]
    assert browser.driver.execute_script(_DRAWN_IDS) == ["z"]


def test_a_kept_view_is_drawn_again_only_in_its_catalogue_generation(browser, url, demo):
    no_update = _network_d(browser, url)
    keep = (
        "window.dash_clientside.netkart.keepView(window.dash_clientside.netkart.viewKey("
        "['D', '2013', 'daily', true, 'nb'], 'g1'), {elements: arguments[0], summary: 'kept', version: 'v'})"
    )
    persons = [
        {"data": {"id": "a", "functions": ["allocation"]}, "classes": "person"},
        {"data": {"id": "b", "functions": ["planning"]}, "classes": "person"},
    ]
    browser.driver.execute_script(keep, persons)
    # Drawn with the function 'allocation' highlighted, as the tools' choices stand.
    cached = (
        "return window.dash_clientside.netkart.drawCached("
        "'D', '2013', 'daily', ['gather'], 'nb', 'degree', 'allocation', 'highlight', null,"
        " {generation: arguments[0]}, null, 'net-graph')"
    )
    before = browser.driver.execute_script(_DRAWN_IDS)
    # The catalogue has changed since the view was kept (a round loaded): not drawn.
    assert browser.driver.execute_script(cached, "g2") == [no_update] * 2
    assert browser.driver.execute_script(_DRAWN_IDS) == before
    tools, summary = browser.driver.execute_script(cached, "g1")
    assert summary == "kept"
    assert tools == {"size": "degree", "function": "allocation", "mode": "highlight", "ego": None, "shown": 1}
    assert browser.driver.execute_script(_DRAWN_IDS) == ["a", "b"]
    faded = "return document.getElementById('net-graph')._cyreg.cy.nodes('.faded').map(n => n.id())"
    assert browser.driver.execute_script(faded) == ["b"]


def test_the_viewport_is_fitted_only_for_a_new_municipality_or_a_person_out_of_view(browser, url, demo):
    _open_network(browser, url, "D")
    decide = "return window.dash_clientside.netkart.needsFit(arguments[0], arguments[1], arguments[2], arguments[3])"
    extent = {"x1": 0, "y1": 0, "x2": 1000, "y2": 800}
    inside = [{"data": {"id": "a"}, "position": {"x": 500, "y": 400}}, {"data": {"id": "t", "source": "a"}}]
    outside = [*inside, {"data": {"id": "b"}, "position": {"x": 990, "y": 400}}]  # within the node margin
    assert browser.driver.execute_script(decide, inside, extent, "D|true", "D|true") is False
    assert browser.driver.execute_script(decide, outside, extent, "D|true", "D|true") is True
    assert browser.driver.execute_script(decide, inside, extent, "D|true", "A|true") is True
    assert browser.driver.execute_script(decide, inside, extent, "D|true", "D|false") is True
    assert browser.driver.execute_script(decide, inside, None, "D|true", "D|true") is True
    assert browser.driver.execute_script(decide, inside, extent, None, "D|true") is True


#: Notes, for every graph answer the page receives, whether it brought elements (``window.netkartAnswers``).
_WATCH_ANSWERS = """
window.netkartAnswers = [];
const fetchBefore = window.fetch;
window.fetch = function (url, options) {
  const answer = fetchBefore.apply(this, arguments);
  let graph = false;
  try { graph = JSON.stringify(JSON.parse(options.body).output).includes('net-drawn.data'); }
  catch (error) { /* not a callback */ }
  if (graph) {
    answer.then(function (r) { return r.clone().json(); }).then(function (body) {
      window.netkartAnswers.push('elements' in body.response['net-drawn'].data);
    }, function () { /* no update */ });
  }
  return answer;
};
"""


def test_going_back_to_a_view_draws_it_without_waiting_for_the_server(browser, driver, demo):
    with _d_with_slow_daily(browser, driver, demo) as views:
        daily, weekly = views["daily"], views["weekly"]
        browser.click_radio("net-threshold", "daily")
        browser.wait_graph("net-graph", nodes=daily["nodes"], edges=daily["ties"], timeout=30)
        browser.click_radio("net-threshold", "weekly")
        browser.wait_graph("net-graph", nodes=weekly["nodes"], edges=weekly["ties"])
        browser.driver.execute_script(_KEEP_TIMINGS + _WATCH_ANSWERS)
        browser.click_radio("net-threshold", "daily")
        browser.wait_graph("net-graph", nodes=daily["nodes"], edges=daily["ties"], timeout=30)
        # Drawn from what the page kept: the server's answer is still held back.
        assert not browser.driver.execute_script(_SLOW_ANSWER)
        assert f", {daily['ties']} " in browser.text("net-summary")
        answers = browser.wait(lambda: browser.driver.execute_script("return window.netkartAnswers"), timeout=30)
        # It names the view by its digest, without sending the elements again.
        assert answers == [False]
        drawn = browser.settled(lambda: browser.graph("net-graph"))
        assert len(drawn["edges"]) == daily["ties"]
        # A page that has dropped the view meanwhile asks for it whole (drawCurrent), and gets it.
        browser.driver.execute_script(
            "window.dash_clientside.set_props('net-resend', {data: {selection: 'daily', version: 'gone'}})"
        )
        assert browser.wait(lambda: browser.driver.execute_script("return window.netkartAnswers[1]"), timeout=30)


#: Notes, from now on, the order of two events (``window.netkartOrder``): Cytoscape's first
#: frame that draws ``arguments[0]`` ties (``frame``) and Dash's store first holding another
#: summary line (``stored``), an output of the callback that drew them.
_WATCH_ORDER = """
const [ties, order] = [arguments[0], window.netkartOrder = []];
const cy = document.getElementById('net-graph')._cyreg.cy;
const renderer = cy.renderer();
const render = renderer.render.bind(renderer);
renderer.render = function (options) {
  const drawn = render(options);
  if (cy.edges().length === ties && !order.includes('frame')) order.push('frame');
  return drawn;
};
const summary = () => (window.dash_component_api.getLayout('net-summary').props || {}).children;
const before = summary();
window.dash_stores[0].subscribe(function () {
  if (summary() !== before && !order.includes('stored')) order.push('stored');
});
"""


def test_a_drawn_view_is_on_the_screen_before_dash_handles_what_its_drawing_returned(browser, url, driver, demo):
    # Dash storing the drawing callback's outputs, and the callbacks and requests that
    # follow, would otherwise run before Cytoscape's frame and delay it (docs/performance.md).
    _open_network(browser, url, "D")
    views = {t: _metrics(driver, demo["D"], "2013", t) for t in ("weekly", "monthly")}
    browser.wait_graph("net-graph", nodes=views["weekly"]["nodes"], edges=views["weekly"]["ties"])

    def both_noted() -> list[str] | None:
        """the new view drawn and its summary line stored"""
        order = browser.driver.execute_script("return window.netkartOrder")
        return order if len(order) == 2 else None

    for threshold, how in (("monthly", "the server's answer"), ("weekly", "a view the page kept")):
        browser.driver.execute_script(_WATCH_ORDER, views[threshold]["ties"])
        browser.click_radio("net-threshold", threshold)
        assert browser.wait(both_noted) == ["frame", "stored"], how


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

    def viewport() -> dict:
        return browser.driver.execute_script(_VIEWPORT)

    # A fit, when one is due, runs with the update: read the viewport once it stands still.
    assert _in_view(browser.settled(viewport))  # fitted for the new municipality
    for threshold in ("monthly", "daily", "weekly"):
        before = browser.settled(viewport)
        expected = _metrics(driver, demo["D"], "2013", threshold)
        browser.click_radio("net-threshold", threshold)
        drawn = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
        after = browser.settled(viewport)
        box = before["extent"]
        all_inside = all(
            box["x1"] + 32 <= n["x"] <= box["x2"] - 32 and box["y1"] + 32 <= n["y"] <= box["y2"] - 32
            for n in drawn["nodes"]
        )
        if all_inside:
            assert (after["zoom"], after["pan"]) == (before["zoom"], before["pan"]), threshold
        assert _in_view(after), threshold


#: Code words that are English keys, not bokmål: none may be on a bokmål page.
_ENGLISH_KEYS = re.compile(
    r"\b(brokers?|components|articulation|isolates|mixed|star|circle|line|gatekeeper|coordinator|liaison|"
    r"representative|consultant|nodes|arcs|ties|daily|weekly|monthly)\b"
)
_SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
_TITLES = {
    "/": ("Nettverk · netkart", "Network · netkart"),
    "/municipalities": ("Kommuner side om side · netkart", "Municipalities side by side · netkart"),
    "/rounds": ("Runder side om side · netkart", "Rounds side by side · netkart"),
    "/political": ("Politisk kontakt · netkart", "Political contacts · netkart"),
    "/queries": ("Analytikerspørringer · netkart", "Analyst queries · netkart"),
}


_LANG = "return document.documentElement.lang;"


def _visible_text(browser: Browser) -> str:
    return browser.driver.execute_script("return document.body.innerText;")


def test_every_page_in_both_languages_shows_no_code_keys_and_sets_lang_and_title(browser, url, driver, demo):
    # Query and parameter names are identifiers the analyst also types on the command line.
    identifiers = {q.name for q in list_queries()} | {p for q in list_queries() for p in q.parameters}
    for lang_index, lang in enumerate(("nb", "en")):
        for path, graph_id, last in (*_PAGES, ("/queries", None, "#qry-parameters input")):
            browser.open(url + path)
            browser.click_radio("lang", lang)
            title = _TITLES[path][lang_index]

            def document_follows(lang: str = lang, title: str = title) -> bool:
                """<html lang> and the tab title follow the language"""
                return browser.driver.execute_script(_LANG) == lang and browser.driver.title == title

            browser.wait(document_follows)
            if graph_id:
                browser.wait_graph(graph_id)
            browser.wait(lambda last=last: browser.driver.find_elements("css selector", last))
            if path == "/":
                # The details card too, with the brokerage roles of the person with most of them.
                top = max(
                    _metrics(driver, demo["A"], "2013", "weekly")["persons"].values(),
                    key=lambda row: row["betweenness"],
                )
                assert top["brokerage"]["total"] > 0
                browser.choose_dropdown("net-municipality", "A")
                drawn = browser.wait_graph("net-graph")
                largest = max(
                    drawn["nodes"],
                    key=lambda n: browser.driver.execute_script(
                        "return document.getElementById('net-graph')._cyreg.cy.getElementById(arguments[0])"
                        ".data('size')",
                        n["id"],
                    ),
                )
                browser.click_node("net-graph", largest["id"])
                browser.wait(lambda: browser.driver.find_elements("id", "net-details-name"))
            shown = _visible_text(browser)
            # The query's own description documents its columns by their Cypher names.
            shown = shown.replace(browser.text("qry-description"), "") if path == "/queries" else shown
            keys = [k for k in _SNAKE_CASE.findall(shown) if k not in identifiers]
            assert not keys, f"{path} ({lang}) shows code keys: {sorted(set(keys))}"
            # (The query library's titles and descriptions are written in English.)
            if lang == "nb" and path != "/queries":
                english = sorted(set(_ENGLISH_KEYS.findall(shown)))
                assert not english, f"{path} (nb) shows untranslated words: {english}"
    # Bokmål writes decimals with a comma in the tables.
    browser.open(url + "/municipalities")
    browser.click_radio("lang", "nb")
    browser.wait(lambda: browser.driver.find_elements("css selector", "#mun-table td"))
    cells = browser.wait(
        lambda: [c.text for c in browser.driver.find_elements("css selector", "#mun-table td") if "," in c.text]
    )
    assert all(re.fullmatch(r"-?\d+,\d+", c) for c in cells)
    assert not [c.text for c in browser.driver.find_elements("css selector", "#mun-table td") if "." in c.text]


def _demo_round(folder: Path, alias: str, round_label: str) -> ParsedRound:
    """The demo's round as loaded, read from freshly generated files (to restore it)."""
    demo = next(r for r in generate(folder) if r.alias == alias and r.round_label == round_label)
    files = SurveyFiles(
        demo.municipality,
        round_label,
        demo.roster,
        contacts=demo.contacts,
        responses=demo.responses,
        political=demo.political,
    )
    return read_round(files)


def _renamed(parsed: ParsedRound, prefix: str) -> ParsedRound:
    """The round with every person renamed and every third contact left out."""
    persons = tuple(dataclasses.replace(p, name=f"{prefix} {i}") for i, p in enumerate(parsed.persons))
    return dataclasses.replace(parsed, persons=persons, contacts=parsed.contacts[::3] + parsed.contacts[1::3])


def test_a_round_replaced_under_the_running_dashboard_shows_new_data_and_no_new_names(
    browser, url, driver, demo, downloads, secrets_, tmp_path
):
    parsed = _demo_round(tmp_path, "A", "2013")
    old = _metrics(driver, demo["A"], "2013", "weekly")
    # Every page and its caches see the old round first.
    for path, graph_id, last in _PAGES:
        browser.open(url + path)
        _page_text(browser, path, graph_id, last)
    _open_network(browser, url, "A")
    browser.wait_graph("net-graph", nodes=old["nodes"], edges=old["ties"])
    replacement = _renamed(parsed, "Nyvald Qwertysen")
    new_names = sorted({p.name for p in replacement.persons if p.name})
    try:
        load_round(driver, replacement, replace=True)
        new = _metrics(driver, demo["A"], "2013", "weekly")
        assert new["ties"] != old["ties"]
        # The page open on A 2013 redraws by itself with the new round.
        browser.wait_graph("net-graph", nodes=new["nodes"], edges=new["ties"], timeout=30)
        assert f", {new['ties']} " in browser.text("net-summary")
        pages = []
        for path, graph_id, last in _PAGES:
            browser.open(url + path)
            pages.append((path, _page_text(browser, path, graph_id, last)))
        # The query that leaked the new roster's names (issue 13): view_persons on A 2013.
        browser.open(url + "/queries")
        _fill_query(browser, "view_persons", {"municipality": "A", "round": "2013"})
        browser.wait(lambda: browser.text("qry-status").startswith(f"{new['nodes']} "))
        pages.append(("/queries", browser.driver.page_source))
        # Every export but PNG, whose pixels hold no text to search (SVG holds the same labels).
        pages += _export_everything(browser, url, downloads, png=False)
        for where, content in pages:
            leaked = [name for name in [*new_names, *secrets_] if name in content]
            assert not leaked, f"{where} shows names: {leaked}"
    finally:
        load_round(driver, parsed, replace=True)


def test_a_round_deleted_under_the_running_dashboard_shows_no_data(browser, url, driver, demo, tmp_path):
    parsed = _demo_round(tmp_path, "C", "2011")
    _open_network(browser, url, "C", "2011")
    browser.wait_graph("net-graph")
    try:
        delete_round(driver, demo["C"], "2011")

        def round_gone() -> bool:
            """the page has followed the delete: its round selector moved off the deleted round"""
            return "2011" not in browser.text("net-round")

        browser.wait(round_gone, timeout=30)
        # A request for the deleted round (as one in flight at the moment of the delete) is
        # answered with "no data" in the page's language, not with a server error.
        for lang, message in (("nb", "Ingen data for dette utvalget."), ("en", "No data for this selection.")):
            browser.click_radio("lang", lang)
            browser.set_value("net-round", "2011")
            browser.wait(lambda message=message: browser.text("net-summary") == message)
            browser.wait(lambda: not (browser.graph("net-graph") or {}).get("nodes"))
    finally:
        load_round(driver, parsed)
        set_alias(driver, demo["C"], "C")


def test_report_button_downloads_the_note_of_the_selection(browser, url, downloads, secrets_):
    # Network page: the note of the selected round, compared with the round before it.
    for earlier in downloads.iterdir():
        earlier.unlink()
    browser.open(url + "/?municipality=A&round=2013&threshold=weekly&lang=nb")
    browser.wait_graph("net-graph")
    browser.click_radio("net-report-format", "html")
    browser.click("net-report")
    note = _wait_download(browser, downloads, ".html")
    assert note.name == "note-A-2013-vs-2011-nb.html"
    content = note.read_text(encoding="utf-8")
    assert "2011" in content and "2013" in content
    assert not [secret for secret in secrets_ if secret in content]
    # Rounds page: the note of the second round against the first, in English.
    note.unlink()
    browser.open(url + "/rounds?lang=en")
    browser.wait_graph("rnd-difference")
    browser.click("rnd-report")
    assert _wait_download(browser, downloads, ".pdf").name.endswith("-2013-vs-2011-en.pdf")
