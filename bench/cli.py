"""Command-line start-up benchmark: each ``netkart`` command timed as a whole process.

Run from the checkout, with the server to use running and the demo loaded
(``netkart db start && netkart demo``)::

    .venv/bin/python -m bench.cli [--repeat 7]

Every command runs ``--repeat`` times, interleaved with two baselines measured in the same run:
``python -c pass`` (the interpreter) and ``python -c "import neo4j"`` (the driver, which
netkart cannot avoid for a command that reads the database). The table gives the median wall
time and the fastest, the median CPU time (user + system, which grows far less than wall time
when other processes share the cores), the ratio to the driver's import, and the goal of
issue 9: ``--help`` under 0.25 s and ``metrics`` under 0.7 s. On a busy machine all wall times
grow together; the ratios stay comparable between runs. Results: docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
NETKART = [PYTHON, "-m", "netkart.cli"]
if (Path(PYTHON).parent / "netkart").exists():
    NETKART = [str(Path(PYTHON).parent / "netkart")]  # the installed entry point, as users run it

VIEW = ["--municipality", "A", "--round", "2013", "--threshold", "weekly"]

#: (label, command, goal in seconds or None).
CASES: list[tuple[str, list[str], float | None]] = [
    ("python -c pass", [PYTHON, "-c", "pass"], None),
    ('python -c "import neo4j"', [PYTHON, "-c", "import neo4j"], None),
    ("netkart --help", [*NETKART, "--help"], 0.25),
    ("netkart metrics --help", [*NETKART, "metrics", "--help"], 0.25),
    ("netkart query --list", [*NETKART, "query", "--list"], None),
    ("netkart db status", [*NETKART, "db", "status"], None),
    ("netkart query isolates (A 2013 daily)", [*NETKART, "query", "isolates", "--param", "municipality=A",
                                                "--param", "round=2013", "--param", "threshold=daily"], None),
    ("netkart metrics (A 2013 weekly)", [*NETKART, "metrics", *VIEW], 0.7),
    ("netkart compare (A 2011→2013 weekly)", [*NETKART, "compare", "--municipality", "A", "--from", "2011",
                                             "--to", "2013", "--threshold", "weekly", "--permutations", "100"], None),
]  # fmt: skip


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``command``."""
    cpu, started = _cpu(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        hint = " (the benchmark reads the demo: netkart demo)" if done.returncode == 2 else ""
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}{hint}")
    return elapsed, _cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per command (default 7); the median is shown")
    args = parser.parse_args(argv)
    load = f"{os.getloadavg()[0]:.1f}"
    wall: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    cpu: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    for _ in range(args.repeat):  # interleaved, so that a burst of load hits every command alike
        for label, command, _ in CASES:
            elapsed, used = _time(command)
            wall[label].append(elapsed)
            cpu[label].append(used)
    median = {label: statistics.median(values) for label, values in wall.items()}
    median_cpu = {label: statistics.median(values) for label, values in cpu.items()}
    driver = median['python -c "import neo4j"']
    print(f"load average before and after: {load} / {os.getloadavg()[0]:.1f}; median of {args.repeat} runs")
    print(f"{'command':<40}{'wall s':>8}{'min s':>8}{'CPU s':>8}{'× import neo4j':>16}{'goal':>8}")
    for label, _, goal in CASES:
        verdict = "" if goal is None else f"{'<' if median[label] < goal else '>'} {goal:g}"
        print(
            f"{label:<40}{median[label]:>8.3f}{min(wall[label]):>8.3f}{median_cpu[label]:>8.3f}"
            f"{median[label] / driver:>16.2f}{verdict:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
