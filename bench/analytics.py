"""Benchmark: metrics and round comparison of a 200-person view, beside plain networkx.

Run from the checkout: ``.venv/bin/python -m bench.analytics [--persons 200] [--repeat 5]
[--permutations 1000]`` (as a module: run as a script, this file would shadow the
``analytics`` package).

Builds a synthetic municipal network (``analytics.synthetic.random_view``: about 6 reported
contacts per respondent, clustered by function, every tenth person a non-respondent) and
times, in the same process and on the same graphs:

- ``compute_metrics(view)``: every measure of ``netkart metrics``, from a fresh ``View``
  (building its graphs included), goal < 0.5 s;
- ``compare_views(before, after, permutations=1000)``, goal < 1 s;
- plain networkx on the same undirected graph: ``betweenness_centrality`` +
  ``connected_components`` + ``constraint`` (the costly core any SNA package would run).

Prints the median of ``--repeat`` runs of each, and the ratios to the networkx baseline.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import networkx as nx

from analytics.compare import compare_views
from analytics.metrics import compute_metrics
from analytics.synthetic import random_view

METRICS_GOAL = 0.5
COMPARE_GOAL = 1.0


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh(view):
    """A copy without the cached graphs, so each run pays for building them."""
    return replace(view)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--permutations", type=int, default=1000)
    args = parser.parse_args()

    before = random_view(args.persons, seed=0, round_label="2011")
    after = random_view(args.persons, seed=1, round_label="2013")
    graph = before.graph
    print(
        f"view: {graph.number_of_nodes()} persons, {before.digraph.number_of_edges()} arcs, "
        f"{graph.number_of_edges()} ties, density {nx.density(graph):.3f}"
    )

    def plain_networkx() -> None:
        nx.betweenness_centrality(graph)
        list(nx.connected_components(graph))
        nx.constraint(graph)

    baseline = median_seconds(plain_networkx, args.repeat)
    metrics = median_seconds(lambda: compute_metrics(fresh(before)), args.repeat)
    compare = median_seconds(
        lambda: compare_views(fresh(before), fresh(after), permutations=args.permutations), args.repeat
    )
    print(f"{'networkx betweenness + components + constraint':48} {baseline:.3f} s")
    report("compute_metrics", metrics, baseline, METRICS_GOAL)
    report(f"compare_views ({args.permutations} QAP permutations)", compare, baseline, COMPARE_GOAL)


def report(label: str, seconds: float, baseline: float, goal: float) -> None:
    verdict = "met" if seconds < goal else "MISSED"
    print(f"{label:48} {seconds:.3f} s  ({seconds / baseline:.2f}× networkx; goal < {goal} s: {verdict})")


if __name__ == "__main__":
    main()
