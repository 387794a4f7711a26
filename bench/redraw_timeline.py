"""Where a network redraw's time goes, in headless Chromium: marks inside the page.

The same 300-person municipality and page-at-rest changes as ``bench.dashboard``, each followed
by Cytoscape alone making the same change (the baseline). The page's drawing functions
(``dashboard/assets/graphs.js``) and Cytoscape's renderer are wrapped so that each call notes
``performance.now()``; the table gives the median time of each mark, counted from the selector
change (from ``cy.json`` for the baseline):

- elements applied, ``drawCached`` ends: Dash's dispatch from the selector to the clientside
  callback, then the page's own work;
- the frame starts: Cytoscape's first ``beforeRender`` hook (style and caches, then drawing);
  what lies between ``drawCached``'s end and it is Dash applying the outputs, the server
  request leaving, React rendering;
- the frame is drawn: the end of Cytoscape's ``render``, what ``bench.dashboard`` times.

Run like ``bench.dashboard``: ``.venv/bin/python -m bench.redraw_timeline [--changes 30]``.
Results: docs/performance.md (stop 21).
"""

from __future__ import annotations

import argparse
import statistics
import sys

from bench.dashboard import (
    _AT_REST,
    _BARE,
    _SNAPSHOT,
    _WATCH_CALLBACKS,
    PERSONS,
    _changes,
    _selector_changes,
    bench_municipality,
)
from cypher.model import THRESHOLDS
from tests.support.browser import Browser, served_dashboard

# Wraps the page's functions and Cytoscape's renderer with marks into window.netkartMarks.
_WRAP = """
const netkart = window.dash_clientside.netkart;
const mark = function (name) { window.netkartMarks.push([name, performance.now()]); };
['drawCached', 'applyElements'].forEach(function (name) {
  const wrapped = netkart[name];
  netkart[name] = function () { try { return wrapped.apply(this, arguments); } finally { mark(name + ' ends'); } };
});
const renderer = document.getElementById('net-graph')._cyreg.cy.renderer();
renderer.beforeRenderCallbacks.forEach(function (hook) {
  const wrapped = hook.fn;
  hook.fn = function (willDraw, time) {
    if (willDraw) mark('frame starts');  // hooks also run in frames that draw nothing
    return wrapped(willDraw, time);
  };
});
const render = renderer.render.bind(renderer);
renderer.render = function (options) { const drawn = render(options); mark('frame drawn'); return drawn; };
"""
# One change, marks reset before it; returns the first time of each mark, from the change.
_TIMED = """
const [changes, edges, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const cy = document.getElementById('net-graph')._cyreg.cy;
window.netkartMarks = [];
const started = performance.now();
if (changes === null) cy.json({elements: window.netkartBench[arguments[2]]});
else for (const [id, value] of Object.entries(changes)) window.dash_clientside.set_props(id, {value: value});
requestAnimationFrame(function poll() {
  if (cy.edges().length !== edges) { requestAnimationFrame(poll); return; }
  const first = {};
  window.netkartMarks.forEach(function ([name, at]) { if (!(name in first)) first[name] = at - started; });
  done(first);
});
"""
_MARKS = ("applyElements ends", "drawCached ends", "frame starts", "frame drawn")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30, help="page-at-rest changes timed (default 30)")
    args = parser.parse_args(argv)
    dashboard: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    with bench_municipality() as ties, served_dashboard() as url, Browser() as browser:
        driver = browser.driver
        browser.open(url + "/?municipality=Z&round=2013&threshold=weekly")
        browser.wait_graph("net-graph", nodes=PERSONS, edges=ties["2013", "weekly"], timeout=120)
        states = [(r, t) for r in ("2013", "2011") for t in THRESHOLDS]
        for target in states:  # every view drawn once, and kept by the page
            browser.choose_dropdown("net-round", target[0])
            browser.click_radio("net-threshold", target[1])
            browser.wait_graph("net-graph", nodes=PERSONS, edges=ties[target], timeout=60)
            driver.execute_script(_SNAPSHOT, "|".join(target))
        driver.execute_script(_WATCH_CALLBACKS + _WRAP)
        driver.set_script_timeout(30)
        for before, target in _changes(states, states[-1], args.changes):
            driver.execute_async_script(_AT_REST)
            dashboard.append(driver.execute_async_script(_TIMED, _selector_changes(before, target), ties[target]))
            driver.execute_async_script(_BARE, "|".join(before), ties[before])
            driver.execute_async_script(_AT_REST)
            bare.append(driver.execute_async_script(_TIMED, None, ties[target], "|".join(target)))
    print(f"medians over {args.changes} page-at-rest changes, ms from the change")
    print(f"{'':>12}" + "".join(f"{name:>20}" for name in _MARKS))
    for label, runs in (("dashboard", dashboard), ("Cytoscape", bare)):
        cells = [[run[name] for run in runs if name in run] for name in _MARKS]
        print(f"{label:>12}" + "".join(f"{statistics.median(c):>20.1f}" if c else f"{'–':>20}" for c in cells))
    ratio = statistics.median(r["frame drawn"] for r in dashboard) / statistics.median(r["frame drawn"] for r in bare)
    print(f"frame drawn, dashboard / Cytoscape (medians): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
