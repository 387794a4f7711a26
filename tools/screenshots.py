"""Save a 1920×1080 screenshot of every dashboard page to ``docs/screenshots/``, and one of
the Municipalities page's presentation mode on a 1280×720 projector.

Serves the dashboard (anonymised) from the database the environment points at, normally the
demo data (``netkart demo``), and photographs each page in headless Chromium once its graphs
are drawn and still. Run from the repository root:
``.venv/bin/python -m tools.screenshots [--out docs/screenshots]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.support.browser import Browser, served_dashboard

#: (file name, path, graph to wait for before the picture).
PAGES: tuple[tuple[str, str, str | None], ...] = (
    ("network", "/?municipality=D&round=2013&threshold=daily", "net-graph"),
    ("municipalities", "/municipalities", "mun-graph-A"),
    ("rounds", "/rounds", "rnd-difference"),
    ("political", "/political", "pol-graph"),
    ("queries", "/queries?query=isolates&municipality=D&round=2013&threshold=daily", None),
)

#: Presentation mode as a projector shows it: (file name, path, graphs to wait for, size).
PRESENTATION = (
    "municipalities-present",
    "/municipalities?present=1&municipalities=A,B,C,D&round=2013&threshold=weekly",
    ("mun-graph-A", "mun-graph-B", "mun-graph-C", "mun-graph-D"),
    (1280, 720),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--lang", choices=("nb", "en"), default="en")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with served_dashboard() as url, Browser() as browser:
        for name, path, graph_id in PAGES:
            browser.open(url + path)
            browser.click_radio("lang", args.lang)
            if name == "network":
                browser.wait(lambda: browser.text("net-summary").startswith("D · 2013 · daily"), timeout=60)
                drawn = browser.wait_graph(graph_id)["nodes"]
                # Show the details card of a bridge-builder or cut point, the kind of person a
                # gathering asks about (the daily view may have no bridge-builder).
                ranked = sorted(
                    drawn, key=lambda n: ("bridge-builder" not in n["classes"], "cut-point" not in n["classes"])
                )
                node = ranked[0]["id"]
                browser.click_node(graph_id, node)
                browser.wait(lambda: browser.driver.find_elements("id", "net-details-name"))
                # The tap also chose the person's ego network; the picture shows the whole
                # network, from the top of the page (the click scrolled to the graph).
                browser.set_value("net-ego", None)
                browser.driver.execute_script("window.scrollTo(0, 0)")
            elif name == "queries":
                # The address chose the query and its parameters.
                browser.click("qry-run")
                browser.wait(lambda: "rows" in browser.text("qry-status") or "rader" in browser.text("qry-status"))
            if graph_id:
                browser.wait_graph(graph_id)
                # Let Cytoscape finish fitting before the picture.
                browser.settled(lambda shown=graph_id: browser.graph(shown))
            target = args.out / f"{name}.png"
            browser.screenshot(target)
            print(f"saved {target}")
        name, path, graph_ids, (width, height) = PRESENTATION
        with Browser(width=width, height=height) as projector:
            # The header, and so the language switch, is hidden: the language comes by the address.
            projector.open(f"{url}{path}&lang={args.lang}")
            for graph_id in graph_ids:
                projector.wait_graph(graph_id)
            projector.settled(lambda: [projector.graph(shown) for shown in graph_ids])
            target = args.out / f"{name}.png"
            projector.screenshot(target)
            print(f"saved {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
