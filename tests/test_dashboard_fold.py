"""The Network page above the fold, and its first render, in real headless Chromium (issue 11).

At 1920×1080 the header is one row; at 1920×1080 and at a projector's 1280×720 the network
graph, below the header and the two rows of selectors, lies whole inside the window. The first
view is drawn by the page's layout itself (``dashboard/pages/network.py``, ``_first_drawing``),
so the tests also check that what follows the drawing (findings, table, the tools' choices)
still arrives, and that a language kept from an earlier visit redraws the graph in it.
"""

from __future__ import annotations

import pytest
from support.browser import Browser

from analytics.store import load_view
from dashboard.i18n import text

pytestmark = pytest.mark.browser

# One row of the header: its tallest item (a navigation link, 16 px type in a 30 px box, or a
# radio control) plus the header's padding is about 42 px; a second row would add at least
# another 30 px. 60 px lies between one row and two.
ONE_ROW = 60

_HEADER = """
const header = document.querySelector('.header').getBoundingClientRect();
const items = Array.from(document.querySelector('.header').children).map(function (item) {
  const r = item.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom};
});
return {height: header.height, items: items};
"""

_BOX = """
const r = document.getElementById(arguments[0]).getBoundingClientRect();
return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth, height: innerHeight};
"""


def _wait_view(browser: Browser, driver, name: str, round_label: str = "2013", threshold: str = "weekly") -> None:
    graph = load_view(driver, name, round_label, threshold).graph
    browser.wait_graph(
        "net-graph", nodes=graph.number_of_nodes(), edges=graph.number_of_edges(), timeout=60, read=False
    )


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_the_network_graph_and_its_controls_fit_the_window(url, driver, demo, size):
    width, height = size
    with Browser(width=width, height=height) as browser:
        for lang in ("nb", "en"):
            browser.open(f"{url}/?municipality=D&lang={lang}")
            _wait_view(browser, driver, demo["D"])
            # The graph's box follows the header's height once the page is laid out.
            box = browser.settled(lambda: browser.driver.execute_script(_BOX, "net-graph"))
            assert box["left"] >= 0 and box["top"] >= 0, (lang, box)
            assert box["right"] <= box["width"] and box["bottom"] <= box["height"], (lang, box)
            # Still a graph to show a room: over a third of the window's height.
            assert box["bottom"] - box["top"] > height / 3, (lang, box)
            # The controls are above it: both rows of selectors and the tools.
            for control in ("net-municipality", "net-threshold", "net-size", "net-mode"):
                above = browser.driver.execute_script(_BOX, control)
                assert above["bottom"] <= box["top"], (lang, control, above, box)
            if width == 1920:
                header = browser.driver.execute_script(_HEADER)
                assert header["height"] < ONE_ROW, (lang, header)
                first = header["items"][0]
                # Every item of the header on the first item's row.
                for item in header["items"]:
                    assert item["top"] < first["bottom"] and item["bottom"] > first["top"], (lang, header)


def test_the_first_view_comes_with_its_findings_table_and_tools(browser, url, driver, demo):
    name = demo["D"]
    view = load_view(driver, name, "2011", "daily")
    browser.open(f"{url}/?municipality=D&round=2011&threshold=daily")
    _wait_view(browser, driver, name, "2011", "daily")
    assert browser.text("net-summary").startswith(f"D · 2011 · {text('daily', 'nb')}")
    browser.wait(lambda: browser.text("net-findings"))
    # The table: a row per person of the view (fewer than its page of 40).
    rows = "return document.querySelectorAll('#net-table tbody tr:has(td)').length;"
    browser.wait(lambda: browser.driver.execute_script(rows) == view.graph.number_of_nodes())
    persons = browser.driver.execute_script(
        "var state = window.store.getState(); var path = state.paths.strs['net-ego'];"
        "var props = path.reduce((o, k) => o[k], state.layout).props;"
        "return props.options ? props.options.length : 0;"
    )
    assert persons == view.graph.number_of_nodes()
    # A change of selection still redraws.
    browser.click_radio("net-threshold", "weekly")
    _wait_view(browser, driver, name, "2011", "weekly")


def test_a_language_kept_from_an_earlier_visit_redraws_the_first_view_in_it(browser, url, driver, demo):
    def labels() -> set[str]:
        return {node["label"] for node in (browser.graph("net-graph") or {}).get("nodes", [])}

    name = demo["D"]
    browser.open(f"{url}/?municipality=D&lang=nb")
    _wait_view(browser, driver, name)
    norwegian = labels()
    browser.open(f"{url}/?municipality=D&lang=en")
    _wait_view(browser, driver, name)
    english = browser.settled(labels)
    assert english != norwegian
    # The language switch is kept (persistence); the address no longer names it. The layout
    # draws in the default language, and the page then draws the kept one.
    browser.open(f"{url}/?municipality=D")
    browser.wait(lambda: labels() == english, timeout=30)
    browser.open(f"{url}/?municipality=D&lang=nb")
    browser.wait(lambda: labels() == norwegian, timeout=30)


# Installed before the page loads: the graph's box size when Cytoscape first holds the graph
# and at every later change of it, and the class changes of its elements.
_WATCH_GRAPH = """
window.netkartWatch = {boxes: [], classes: 0};
(function watch() {
  const box = document.getElementById('net-graph');
  const cy = box && (box._cyreg || {}).cy;
  if (!cy) { requestAnimationFrame(watch); return; }
  const size = function () { return box.clientWidth + 'x' + box.clientHeight; };
  window.netkartWatch.boxes.push(size());
  new ResizeObserver(function () { window.netkartWatch.boxes.push(size()); }).observe(box);
  cy.on('class', function () { window.netkartWatch.classes += 1; });
})();
"""


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_the_first_drawing_keeps_its_box_and_is_not_restyled(url, driver, demo, size):
    """The selectors' texts and options arriving after the graph is drawn do not shrink its box
    (which would fit and label it again), and the network tools, with nothing chosen, change
    no element's class (each change restyles the graph)."""
    name = demo["D"]
    view = load_view(driver, name, "2013", "weekly")
    with Browser(width=size[0], height=size[1]) as browser:
        browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _WATCH_GRAPH})
        browser.open(f"{url}/?municipality=D")
        _wait_view(browser, driver, name)
        # What follows the drawing has arrived: findings, the table, the tools' person choices.
        browser.wait(lambda: browser.text("net-findings"))
        rows = "return document.querySelectorAll('#net-table tbody tr:has(td)').length;"
        browser.wait(lambda: browser.driver.execute_script(rows) == view.graph.number_of_nodes())
        browser.wait(lambda: browser.driver.execute_script("return window.netkartLabels.settled();"))
        watched = browser.settled(lambda: browser.driver.execute_script("return window.netkartWatch;"))
    assert watched["boxes"] and len(set(watched["boxes"])) == 1, watched
    assert watched["classes"] == 0, watched
