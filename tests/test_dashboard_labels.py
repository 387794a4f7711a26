"""Readable labels and refit on every graph (issue 11), in real headless Chromium.

What is drawn is read back from Cytoscape in the page: a label counts as drawn when its node
is visible, its text opacity is above 0 and Cytoscape's own size floor lets it through; its
box is the label's rendered bounding box. Which persons are bridge-builders and isolates comes
from ``analytics`` on the views loaded from the database.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.browser import Browser

from analytics.anonymise import pseudonyms
from analytics.metrics import compute_metrics
from analytics.store import load_view
from analytics.view import View

pytestmark = pytest.mark.browser

#: The projector's window (support.browser_fixtures' browser fixture).
BROWSER_SIZE = (1280, 720)

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}

#: Every page with graphs, and its graphs' ids.
PAGES = {
    "/": ("net-graph",),
    "/municipalities": ("mun-graph-A", "mun-graph-B", "mun-graph-C", "mun-graph-D"),
    "/rounds": ("rnd-before", "rnd-after", "rnd-difference"),
    "/political": ("pol-graph",),
}

#: Per node of a graph: its label, classes, whether the label is drawn, the label's rendered
#: box and font size on the screen, and the node's rendered position; and the graph's box.
_DRAWN = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
const zoom = cy.zoom();
const nodes = cy.nodes().map(function (n) {
  const box = n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true,
                                     includeOverlays: false, includeUnderlays: false});
  const drawn = n.visible() && n.effectiveOpacity() > 0 && n.pstyle('text-opacity').value > 0 &&
    Boolean(n.pstyle('label').strValue) && cy.renderer().eleTextBiggerThanMin(n);
  return {id: n.id(), label: n.data('label'), classes: n.classes(), drawn: drawn,
          box: [box.x1, box.y1, box.x2, box.y2], px: n.pstyle('font-size').pfValue * zoom,
          x: n.renderedPosition('x'), y: n.renderedPosition('y')};
});
return {zoom: zoom, pan: cy.pan(), width: cy.width(), height: cy.height(), nodes: nodes};
"""

_SETTLED = "return Boolean(window.netkartLabels) && window.netkartLabels.settled();"


def _resize(browser: Browser, width: int, height: int) -> None:
    """The window and the page to ``width``×``height``, as when a laptop goes to a projector."""
    browser.driver.set_window_size(width, height)
    # The page's size is pinned apart from the window's (Browser): it is the one that counts.
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _open(browser: Browser, url: str, path: str, size: tuple[int, int] = SIZES["1280x720"]) -> None:
    _resize(browser, *size)
    browser.open(url + path)
    for graph_id in PAGES[path]:
        browser.wait_graph(graph_id, read=False)


def _drawn(browser: Browser, graph_id: str) -> dict[str, Any]:
    """The graph as drawn once its labels are placed and no refit is pending."""

    def placed() -> bool:
        """every graph has its labels placed for the current view"""
        return browser.driver.execute_script(_SETTLED)

    browser.wait(placed)
    return browser.driver.execute_script(_DRAWN, graph_id)


def _overlapping(graph: dict[str, Any]) -> list[tuple[str, str]]:
    """Pairs of drawn labels whose boxes overlap (by more than rounding)."""
    boxes = [(n["label"], n["box"]) for n in graph["nodes"] if n["drawn"]]
    pairs = []
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
                pairs.append((first, second))
    return pairs


@pytest.mark.parametrize("size", SIZES)
def test_no_two_drawn_labels_overlap(browser, url, demo, size):
    for path, graph_ids in PAGES.items():
        _open(browser, url, path, SIZES[size])
        for graph_id in graph_ids:
            graph = _drawn(browser, graph_id)
            drawn = [n for n in graph["nodes"] if n["drawn"]]
            # Labels are drawn at all, and at the chosen size (M: 14 px on the screen).
            assert len(drawn) >= 5, (path, graph_id, len(drawn))
            assert all(abs(n["px"] - 14) < 0.05 for n in drawn), (path, graph_id)
            assert not _overlapping(graph), (path, graph_id, _overlapping(graph))
    # The network page's other municipalities too.
    _open(browser, url, "/", SIZES[size])
    for alias in demo:
        browser.choose_dropdown("net-municipality", alias)
        browser.wait(lambda alias=alias: f"{alias} · " in browser.text("net-summary"))
        graph = _drawn(browser, "net-graph")
        assert not _overlapping(graph), (alias, _overlapping(graph))


def _inside(graph: dict[str, Any]) -> bool:
    return all(0 <= n["x"] <= graph["width"] and 0 <= n["y"] <= graph["height"] for n in graph["nodes"])


def _fills(graph: dict[str, Any]) -> float:
    """How much of its box the persons span, in the fuller dimension (1 = edge to edge)."""
    xs, ys = [n["x"] for n in graph["nodes"]], [n["y"] for n in graph["nodes"]]
    return max((max(xs) - min(xs)) / graph["width"], (max(ys) - min(ys)) / graph["height"])


@pytest.mark.parametrize("path", ["/", "/municipalities", "/rounds"])
def test_after_a_resize_every_node_lies_inside_its_fitted_graph(browser, url, demo, path):
    _open(browser, url, path)
    small = {graph_id: _drawn(browser, graph_id) for graph_id in PAGES[path]}
    _resize(browser, *SIZES["1920x1080"])

    def grown() -> bool:
        """every graph's box has grown with the window"""
        return all(_drawn(browser, g)["width"] > small[g]["width"] for g in PAGES[path])

    browser.wait(grown)
    # Read once no refit or label pass is pending (_drawn): the refit has had its say.
    large = {graph_id: _drawn(browser, graph_id) for graph_id in PAGES[path]}
    for graph_id, graph in large.items():
        assert _inside(graph), graph_id
        # Fitted again to the larger box, not left at the small window's zoom.
        assert graph["zoom"] > small[graph_id]["zoom"] * 1.2, graph_id
        assert _fills(graph) > 0.6, (graph_id, _fills(graph))
    if path == "/rounds":
        # Still one zoom for both rounds, each person at the same place on the screen.
        before, after = large["rnd-before"], large["rnd-after"]
        assert before["zoom"] == pytest.approx(after["zoom"])
        at = {n["label"]: (n["x"], n["y"]) for n in before["nodes"]}
        common = [n for n in after["nodes"] if n["label"] in at]
        assert len(common) >= 20
        assert all(abs(at[n["label"]][0] - n["x"]) < 0.5 and abs(at[n["label"]][1] - n["y"]) < 0.5 for n in common)


def _key_persons(driver, name: str, alias: str) -> set[str]:
    """Pseudonyms of the bridge-builders and isolates of the network page's default view."""
    view = load_view(driver, name, "2013", "weekly")
    metrics = compute_metrics(view)
    key = {pid for pid, row in metrics["persons"].items() if row["is_bridge_builder"]} | set(metrics["isolates"])
    everyone: dict[str, Any] = {}
    for round_label in ("2011", "2013"):
        everyone |= load_view(driver, name, round_label, "monthly").person_by_id
    named = pseudonyms(View(name, "all", "monthly", tuple(everyone[p] for p in sorted(everyone)), ()), "nb")
    assert key, alias
    return {named[pid] for pid in key}


def test_at_the_smallest_size_only_bridge_builders_and_isolates_carry_labels(browser, url, driver, demo):
    _open(browser, url, "/")
    browser.choose_dropdown("net-municipality", "A")
    browser.wait(lambda: "A · " in browser.text("net-summary"))
    everyone = {n["label"] for n in _drawn(browser, "net-graph")["nodes"]}
    key = _key_persons(driver, demo["A"], "A")
    assert key < everyone
    try:
        browser.click_radio("label-size", "s")
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.size()") == "s")
        labelled = {n["label"] for n in _drawn(browser, "net-graph")["nodes"] if n["drawn"]}
        assert labelled and labelled <= key
        # The choice is kept across a reload, on every page.
        _open(browser, url, "/rounds")
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.size()") == "s")
        for graph_id in ("rnd-before", "rnd-after"):
            drawn = [n for n in _drawn(browser, graph_id)["nodes"] if n["drawn"]]
            assert all({"bridge-builder", "isolate"} & set(n["classes"]) for n in drawn), graph_id
        browser.click_radio("label-size", "off")
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.size()") == "off")
        assert not [n for g in PAGES["/rounds"] for n in _drawn(browser, g)["nodes"] if n["drawn"]]
        browser.click_radio("label-size", "m")
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.size()") == "m")
        labelled = {n["label"] for n in _drawn(browser, "rnd-after")["nodes"] if n["drawn"]}
        assert labelled - key, "at M persons other than bridge-builders and isolates are labelled"
    finally:
        browser.click_radio("label-size", "m")


#: Presentation mode around a graph, as the Municipalities page's presentation grid puts it.
_PRESENT = "document.getElementById(arguments[0]).parentElement.classList.add('present');"
#: Zoom out around the graph's centre, as a facilitator's scroll wheel would.
_ZOOM_OUT = """
const cy = document.getElementById(arguments[0])._cyreg.cy;
cy.zoom({level: cy.zoom() / 3, renderedPosition: {x: cy.width() / 2, y: cy.height() / 2}});
"""


def test_a_graph_in_presentation_mode_draws_no_label_below_12_px(browser, url, demo):
    _open(browser, url, "/municipalities")
    try:
        # S is 11 px: allowed outside presentation mode (floor 10 px), not in it.
        browser.click_radio("label-size", "s")
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.size()") == "s")
        drawn = [n for n in _drawn(browser, "mun-graph-A")["nodes"] if n["drawn"]]
        assert drawn and all(abs(n["px"] - 11) < 0.05 for n in drawn)
        browser.driver.execute_script(_PRESENT, "mun-graph-A")

        def presented() -> list[dict[str, Any]]:
            """the graph's labels follow presentation mode"""
            shown = [n for n in _drawn(browser, "mun-graph-A")["nodes"] if n["drawn"]]
            return shown if shown and all(n["px"] >= 12 - 1e-6 for n in shown) else []

        browser.wait(presented)
        for _ in range(2):
            browser.driver.execute_script(_ZOOM_OUT, "mun-graph-A")
            graph = _drawn(browser, "mun-graph-A")
            small = [n["px"] for n in graph["nodes"] if n["drawn"] and n["px"] < 12 - 1e-6]
            assert not small, small
            assert not _overlapping(graph)
        # The graphs outside presentation mode keep S.
        assert all(abs(n["px"] - 11) < 0.05 for n in _drawn(browser, "mun-graph-B")["nodes"] if n["drawn"])
    finally:
        browser.click_radio("label-size", "m")
