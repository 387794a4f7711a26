"""Dashboard benchmark in real headless Chromium: a 300-person view.

Loads a synthetic 300-person municipality (two rounds) through the ingest API into the
server the environment points at, serves the dashboard in a subprocess, and measures

- first render: navigation start → the network graph drawn with all its nodes;
- selector changes: click on a threshold/round → the graph redrawn with the expected edge
  count (about 30 changes), p50 and p95.

Goal (issue 5): p95 under 300 ms, first render under 2 s. Run with the NETKART_* / NEO4J_*
variables of the server to use: ``.venv/bin/python bench/dashboard.py``. The synthetic
municipality is named ``Bench`` (alias Z); it is replaced on every run.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics.store import load_view  # noqa: E402
from cypher.model import FUNCTIONS, THRESHOLDS  # noqa: E402
from ingest import SurveyFiles, load_round, read_round, set_alias  # noqa: E402
from netkart.connection import get_driver  # noqa: E402
from dashboard.browser import Browser, served_dashboard  # noqa: E402

PERSONS = 300
CHANGES = 30
MUNICIPALITY = "Bench"


def write_round(folder: Path, persons: int, round_label: str, seed: int) -> SurveyFiles:
    """Roster, long contacts and political contacts of a random clustered network."""
    rng = random.Random(seed)
    keys = [f.key for f in FUNCTIONS[:8]]
    ids = [f"b{i:03d}" for i in range(persons)]
    functions = {pid: rng.sample(keys, rng.choice((1, 1, 1, 2))) for pid in ids}
    roster = folder / f"roster-{round_label}.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", "name", "functions", "responded"])
        for pid in ids:
            writer.writerow([pid, f"Person {pid}", ";".join(functions[pid]), "ja" if rng.random() < 0.8 else "nei"])
    contacts = folder / f"contacts-{round_label}.csv"
    with contacts.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ego", "alter", "frequency"])
        for ego in ids:
            for alter in rng.sample(ids, 6):
                if alter == ego:
                    continue
                same = functions[ego][0] == functions[alter][0]
                if rng.random() < (0.9 if same else 0.35):
                    writer.writerow([ego, alter, rng.choice(("daily", "weekly", "monthly", "less often"))])
    political = folder / f"political-{round_label}.csv"
    with political.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", "body", "contact_type", "frequency"])
        for pid in rng.sample(ids, persons // 4):
            writer.writerow([pid, rng.choice(("ordfører", "formannskap", "kommunestyre")), "information", "monthly"])
    return SurveyFiles(MUNICIPALITY, round_label, roster=roster, contacts=contacts, political=political)


def load_bench_municipality(persons: int = PERSONS) -> None:
    driver = get_driver()
    with tempfile.TemporaryDirectory() as folder:
        for seed, label in enumerate(("2011", "2013")):
            load_round(driver, read_round(write_round(Path(folder), persons, label, seed)), replace=True)
    set_alias(driver, MUNICIPALITY, "Z")


def main() -> int:
    load_bench_municipality()
    driver = get_driver()
    ties = {
        (r, t): load_view(driver, MUNICIPALITY, r, t).graph.number_of_edges()
        for r in ("2011", "2013")
        for t in THRESHOLDS
    }
    with served_dashboard() as url, Browser() as browser:
        started = time.perf_counter()
        browser.open(url + "/")
        browser.choose_dropdown("net-municipality", "Z")
        browser.wait_graph("net-graph", nodes=PERSONS, edges=ties["2013", "weekly"])
        first = time.perf_counter() - started
        # A cold page load in a fresh tab: measured from the browser's own navigation start.
        browser.open(url + "/")
        browser.wait_graph("net-graph")
        browser.choose_dropdown("net-municipality", "Z")
        browser.wait_graph("net-graph", nodes=PERSONS, edges=ties["2013", "weekly"])
        timings = []
        states = [(r, t) for r in ("2013", "2011") for t in THRESHOLDS]
        current = ("2013", "weekly")
        for i in range(CHANGES):
            target = states[i % len(states)]
            if target == current:
                target = states[(i + 1) % len(states)]
            t0 = time.perf_counter()
            if target[0] != current[0]:
                browser.choose_dropdown("net-round", target[0])
            if target[1] != current[1]:
                browser.click_radio("net-threshold", target[1])
            browser.wait_graph("net-graph", nodes=PERSONS, edges=ties[target])
            timings.append(time.perf_counter() - t0)
            current = target
    timings.sort()
    p50 = statistics.median(timings) * 1000
    p95 = timings[int(round(0.95 * (len(timings) - 1)))] * 1000
    print(f"300-person view: first render {first * 1000:.0f} ms (incl. server caches cold)")
    print(f"selector change → graph redrawn over {len(timings)} changes: p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
