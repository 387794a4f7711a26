"""The Network page's tools in real headless Chromium: size by a centrality, one function
highlighted or filtered, a person's ego network (issue 11, item 8).

Expected persons come from ``analytics`` (``person_metrics``, ``ego_network``) on views loaded
from the database, and are matched to the drawn nodes by their pseudonyms; what is drawn is
read back from Cytoscape (``tests/support/browser.py``).
"""

from __future__ import annotations

import pytest
from support.browser import Browser

from analytics.anonymise import pseudonyms
from analytics.ego import ego_network
from analytics.metrics import person_metrics
from analytics.store import load_view
from analytics.view import View
from cypher.model import Person

pytestmark = pytest.mark.browser

_READ = (
    "var cy = document.getElementById('net-graph')._cyreg.cy;"
    "return cy.nodes('.person').map(n => ({label: n.data('label'), width: n.width(),"
    " faded: n.hasClass('faded'), hidden: n.hasClass('filtered'), visible: n.visible(),"
    " opacity: n.effectiveOpacity()}));"
)


def _labels(driver, name: str, lang: str = "nb") -> dict[str, str]:
    """Person id → pseudonym over every round of the municipality, as the pages label persons
    (in English it is the ego control's value)."""
    everyone: dict[str, Person] = {}
    for round_label in ("2011", "2013"):
        everyone |= load_view(driver, name, round_label, "monthly").person_by_id
    return pseudonyms(View(name, "all", "monthly", tuple(everyone[p] for p in sorted(everyone)), ()), lang)


def _open(browser: Browser, url: str, alias: str, view: View) -> None:
    browser.open(url + "/")
    browser.wait_graph("net-graph", read=False)
    browser.choose_dropdown("net-municipality", alias)
    browser.choose_dropdown("net-round", "2013")
    browser.wait_graph("net-graph", nodes=view.graph.number_of_nodes(), edges=view.graph.number_of_edges(), read=False)
    # The tools' choices follow the drawn view; wait until they list its persons.
    browser.wait(lambda: _options(browser, "net-ego") == view.graph.number_of_nodes())


def _options(browser: Browser, component_id: str) -> int:
    """How many options the dropdown offers, read from Dash's store of the page's props."""
    return browser.driver.execute_script(
        "var state = window.store.getState(); var path = state.paths.strs[arguments[0]];"
        "var props = path && path.reduce((o, k) => o[k], state.layout).props;"
        "return props && props.options ? props.options.length : 0;",
        component_id,
    )


def _nodes(browser: Browser) -> list[dict]:
    return browser.driver.execute_script(_READ)


def test_size_by_degree_makes_the_max_degree_persons_the_largest(browser, url, driver, demo):
    view = load_view(driver, demo["A"], "2013", "weekly")
    rows, labels = person_metrics(view), _labels(driver, demo["A"])
    _open(browser, url, "A", view)
    top = max(row["degree"] for row in rows.values())
    busiest = {labels[pid] for pid, row in rows.items() if row["degree"] == top}
    central = max(row["betweenness"] for row in rows.values())
    between = {labels[pid] for pid, row in rows.items() if row["betweenness"] == central}
    # Measures chosen so that the test shows a change: the top by degree is not the top by
    # betweenness in this view.
    assert busiest != between

    def largest() -> set[str]:
        drawn = _nodes(browser)
        widest = max(n["width"] for n in drawn)
        return {n["label"] for n in drawn if n["width"] == widest}

    browser.wait(lambda: largest() == between)
    browser.choose_dropdown("net-size", "degree")
    browser.wait(lambda: largest() == busiest)
    # Equal degrees, equal sizes; a higher degree never a smaller node.
    by_label = {labels[pid]: row["degree"] for pid, row in rows.items()}
    drawn = {n["label"]: n["width"] for n in _nodes(browser)}
    for a in drawn:
        for b in drawn:
            if by_label[a] == by_label[b]:
                assert drawn[a] == drawn[b]
            elif by_label[a] > by_label[b]:
                assert drawn[a] > drawn[b]
    browser.wait(lambda: browser.text("net-size-legend") == "Størrelse = grad")


@pytest.mark.parametrize("mode", ["highlight", "filter"])
def test_function_tool_fades_or_hides_exactly_the_others(browser, url, driver, demo, mode):
    view = load_view(driver, demo["D"], "2013", "weekly")
    labels = _labels(driver, demo["D"])
    _open(browser, url, "D", view)
    function = "allocation"
    having = {labels[p.person_id] for p in view.persons if function in p.functions}
    assert 0 < len(having) < len(view.persons)
    browser.click_radio("net-mode", mode)
    browser.choose_dropdown("net-function", function)
    flag = "faded" if mode == "highlight" else "hidden"

    def marked() -> set[str]:
        return {n["label"] for n in _nodes(browser) if n[flag]}

    browser.wait(lambda: marked() == {labels[p.person_id] for p in view.persons} - having)
    drawn = _nodes(browser)
    if mode == "filter":
        assert {n["label"] for n in drawn if n["visible"]} == having
    else:
        assert all(n["visible"] for n in drawn)
        assert {n["label"] for n in drawn if n["opacity"] == 1} == having
    # Clearing the function shows everyone again.
    browser.set_value("net-function", None)
    browser.wait(lambda: not any(n["faded"] or n["hidden"] for n in _nodes(browser)))


def test_ego_network_one_and_two_steps_show_exactly_the_neighbours(browser, url, driver, demo):
    view = load_view(driver, demo["A"], "2013", "weekly")
    labels = _labels(driver, demo["A"])
    _open(browser, url, "A", view)
    rows = person_metrics(view)
    ego = max(rows, key=lambda pid: (rows[pid]["betweenness"], pid))
    browser.choose_dropdown("net-ego", _labels(driver, demo["A"], "en")[ego])

    def faded() -> set[str]:
        return {n["label"] for n in _nodes(browser) if n["faded"]}

    everyone = {labels[p] for p in view.graph}
    for steps in (1, 2):
        browser.click_radio("net-steps", str(steps))
        near = {labels[p] for p in ego_network(view.graph, ego, steps)}
        assert len(near) > 1 + (steps - 1)
        browser.wait(lambda near=near: faded() == everyone - near)
    # Clearing returns to the whole network.
    browser.set_value("net-ego", None)
    browser.wait(lambda: not faded())


def test_tapping_a_person_shows_their_ego_network(browser, url, driver, demo):
    view = load_view(driver, demo["A"], "2013", "weekly")
    labels = _labels(driver, demo["A"])
    _open(browser, url, "A", view)
    rows = person_metrics(view)
    ego = max(rows, key=lambda pid: (rows[pid]["betweenness"], pid))
    node = next(n for n in browser.graph("net-graph")["nodes"] if n["label"] == labels[ego])
    browser.click_node("net-graph", node["id"])
    near = {labels[p] for p in ego_network(view.graph, ego, 1)}
    browser.wait(lambda: {n["label"] for n in _nodes(browser) if not n["faded"]} == near)
    browser.wait(lambda: browser.text("net-details-name") == labels[ego])


# Changes the threshold as a click would and returns, in the first animation frame in which
# the graph holds the new view's ties, the labels of the persons faded then.
_FADED_WHEN_DRAWN = """
const [threshold, edges, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
window.dash_clientside.set_props('net-threshold', {value: threshold});
(function poll() {
  const cy = document.getElementById('net-graph')._cyreg.cy;
  if (cy.edges().length === edges) done(cy.nodes('.person.faded').map(n => n.data('label')));
  else requestAnimationFrame(poll);
})();
"""


def test_a_highlighted_function_is_applied_with_each_redraw(browser, url, driver, demo):
    """A redraw gives the nodes their data and classes back; the tools' choice is applied in
    the same drawing, not a callback later: for a view from the server and for one the page kept."""
    labels = _labels(driver, demo["D"])
    weekly = load_view(driver, demo["D"], "2013", "weekly")
    _open(browser, url, "D", weekly)
    function = "allocation"
    others = {labels[p.person_id] for p in weekly.persons if function not in p.functions}
    browser.choose_dropdown("net-function", function)
    browser.wait(lambda: {n["label"] for n in _nodes(browser) if n["faded"]} == others)
    browser.driver.set_script_timeout(30)
    for threshold in ("daily", "weekly", "daily"):  # weekly and the second daily: from what the page kept
        view = load_view(driver, demo["D"], "2013", threshold)
        assert view.graph.number_of_edges() != weekly.graph.number_of_edges() or threshold == "weekly"
        expected = {labels[p.person_id] for p in view.persons if function not in p.functions}
        faded = browser.driver.execute_async_script(_FADED_WHEN_DRAWN, threshold, view.graph.number_of_edges())
        assert set(faded) == expected, threshold
        browser.wait(lambda view=view: _options(browser, "net-ego") == view.graph.number_of_nodes())
