"""Benchmark: ``netkart report`` on the demo data — one municipality's note and the gathering deck.

Run from the checkout with the demo loaded (``netkart demo``):
``.venv/bin/python -m bench.report [--repeat 3] [--out bench/results/report]``.

Times, in one process (imports paid once, before the first run), the whole path the command
takes — views read from Neo4j through ``analytics``, measures, findings, comparisons,
pictures, and all three formats written:

- the note of municipality D, round 2013 compared with 2011 (7 pictures), goal < 10 s;
- the gathering deck of A, B, C and D, round 2013 (3 pictures of four panels), goal < 30 s;

and once each as a fresh ``netkart report`` process (interpreter start and imports included).
Prints the median wall-clock and CPU seconds of ``--repeat`` runs: the machine may be shared,
and CPU time shows what the report itself costs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

from netkart.cli import main as netkart

NOTE_GOAL = 10.0
DECK_GOAL = 30.0


def _timed(arguments: list[str], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``netkart report ARGUMENTS`` in this process."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            assert netkart(["report", *arguments]) == 0
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _fresh(arguments: list[str]) -> float:
    """Wall-clock seconds of one ``netkart report`` process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "netkart.cli", "report", *arguments], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/results/report"))
    args = parser.parse_args()
    cases = (
        ("note D 2013 vs 2011", ["--municipality", "D", "--round", "2013", "--compare-to", "2011"], NOTE_GOAL),
        ("gathering deck A-D 2013", ["--gathering", "--round", "2013", "--municipalities", "A,B,C,D"], DECK_GOAL),
    )
    print(f"{'case':<26} {'wall (s)':>9} {'cpu (s)':>8} {'fresh (s)':>10}  goal")
    for label, arguments, goal in cases:
        arguments = [*arguments, "--out", str(args.out)]
        wall, cpu = _timed(arguments, args.repeat)
        fresh = _fresh(arguments)
        verdict = "met" if wall < goal else "MISSED"
        print(f"{label:<26} {wall:>9.2f} {cpu:>8.2f} {fresh:>10.2f}  < {goal:.0f} s {verdict}")


if __name__ == "__main__":
    main()
