"""Ingest benchmark: a national-scale load through the real ingest path, beside two baselines.

Run with the local server up (``netkart db start``)::

    .venv/bin/python -m bench.ingest                # national: 350 municipalities × 2 rounds
    .venv/bin/python -m bench.ingest --scale small  # 20 municipalities, a quick check
    .venv/bin/python -m bench.ingest --workers 1    # one round written at a time

Synthetic data: each municipality has 60–200 persons per round (about 10 % change between
2011 and 2013) who each report about 16 contacts in long format (``ego, alter, frequency``),
written as UTF-8 CSV files to a temporary folder. The national scale gives about 1.5 million
contact relationships.

Three loaders, in one process, on the same server:

ours
    :func:`ingest.read_round` (parse and validate) then :func:`ingest.load_rounds` (one
    transaction per round, ``UNWIND $rows`` batches, ``--workers`` municipalities written at
    once, 4 by default). The next rounds are parsed while the server writes earlier ones, as a
    national load script would; ``--sequential`` parses and writes one round after the other
    (:func:`ingest.load_round`).
naive
    one auto-commit ``CREATE`` per contact through the driver, on a sample of contacts
    between persons that already exist (so it does less work per contact than the others).
LOAD CSV
    the same rows, combined into three CSV files in the server's import folder, loaded with
    server-side ``LOAD CSV`` and ``CALL { ... } IN TRANSACTIONS`` (no validation; the
    relationship type is precomputed in the file).

Rates are contact relationships per second of wall-clock time for the whole load (persons,
rounds and functions included) and, for naive, per second of its contact statements. The
database is wiped before and after. Results are printed and written to
``bench/results/ingest-<scale>.json``. The figures measured here are in
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from neo4j import Driver

from cypher import apply_schema
from cypher.model import FREQUENCIES, FUNCTIONS, RELATIONSHIP_TYPES
from ingest import ParsedRound, SurveyFiles, load_round, load_rounds, read_round
from ingest.writer import LOAD_WORKERS
from netkart.connection import get_driver
from netkart.server.local import LocalServer
from netkart.settings import load_settings

ROUNDS = ("2011", "2013")
FREQUENCY_WEIGHTS = np.array([0.15, 0.30, 0.35, 0.20])  # daily, weekly, monthly, less often
FUNCTION_KEYS = [f.key for f in FUNCTIONS if f.key not in ("users", "other")]


@dataclass(frozen=True)
class Scale:
    municipalities: int
    naive_sample: int
    contacts_per_person: float = 16.0
    min_persons: int = 60
    max_persons: int = 200


SCALES = {
    "small": Scale(municipalities=20, naive_sample=2_000),
    "national": Scale(municipalities=350, naive_sample=5_000),
}


@dataclass
class Dataset:
    folder: Path
    rounds: list[SurveyFiles]
    persons: int = 0
    contacts: int = 0


def _write_csv(path: Path, header: list[str], rows: list[list[str]] | list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def generate(folder: Path, scale: Scale, seed: int) -> Dataset:
    """Write a roster and a long contacts file per municipality and round."""
    rng = np.random.default_rng(seed)
    dataset = Dataset(folder, [])
    for index in range(scale.municipalities):
        municipality = f"Kommune {index + 1:03d}"
        size = int(rng.integers(scale.min_persons, scale.max_persons + 1))
        roster = [f"P{i:04d}" for i in range(size)]
        next_id = size
        for label in ROUNDS:
            if label != ROUNDS[0]:  # about 10 % leave and as many join
                leaving = set(rng.choice(roster, size=len(roster) // 10, replace=False))
                roster = [p for p in roster if p not in leaving]
                roster += [f"P{i:04d}" for i in range(next_id, next_id + len(leaving))]
                next_id += len(leaving)
            out = folder / f"m{index:03d}" / label
            out.mkdir(parents=True)
            functions = rng.choice(len(FUNCTION_KEYS), size=len(roster))
            _write_csv(
                out / "roster.csv",
                ["person_id", "name", "functions"],
                [[p, f"Navn Ærlig {p}", FUNCTION_KEYS[f]] for p, f in zip(roster, functions, strict=True)],
            )
            rows: list[tuple[str, str, str]] = []
            degrees = np.minimum(rng.poisson(scale.contacts_per_person, size=len(roster)), len(roster) - 1)
            for ego_index, degree in enumerate(degrees):
                alters = rng.choice(len(roster) - 1, size=degree, replace=False)
                alters[alters >= ego_index] += 1  # skip the ego itself
                frequencies = rng.choice(len(FREQUENCIES), size=degree, p=FREQUENCY_WEIGHTS)
                rows.extend(
                    (roster[ego_index], roster[a], FREQUENCIES[f]) for a, f in zip(alters, frequencies, strict=True)
                )
            _write_csv(out / "contacts.csv", ["ego", "alter", "frequency"], rows)
            dataset.rounds.append(SurveyFiles(municipality, label, out / "roster.csv", contacts=out / "contacts.csv"))
            dataset.persons += len(roster)
            dataset.contacts += len(rows)
    return dataset


def wipe(driver: Driver) -> None:
    # Relationships first: 10,000 persons with ~30 contacts each in one DETACH DELETE batch
    # exceed the transaction memory pool of a 1 GiB heap. CALL { } IN TRANSACTIONS needs an
    # auto-commit transaction: session.run, not execute_query.
    with driver.session() as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def count_contacts(driver: Driver) -> int:
    records, _, _ = driver.execute_query(
        "MATCH ()-[t]->() WHERE type(t) IN $types RETURN count(t) AS n", types=list(RELATIONSHIP_TYPES.values())
    )
    return records[0]["n"]


def _parse(files: SurveyFiles) -> tuple[ParsedRound, float]:
    started = time.perf_counter()
    parsed = read_round(files)
    parsed.checksum  # noqa: B018 - computed here so it counts as parsing, not writing
    return parsed, time.perf_counter() - started


def run_ours(driver: Driver, dataset: Dataset, *, workers: int, sequential: bool = False) -> dict[str, float]:
    """``read_round`` + ``load_rounds`` for every round, timed.

    The rounds are parsed in this thread while :func:`ingest.load_rounds` writes earlier ones
    (the driver waits for the server without holding the GIL, so parsing and writing
    overlap), ``workers`` municipalities at a time. ``sequential`` parses each round only
    after the last is written and writes it alone (:func:`ingest.load_round`).
    """
    timings = {"parse_seconds": 0.0, "write_seconds": 0.0}

    def parsed_rounds() -> Iterator[ParsedRound]:
        for files in dataset.rounds:
            parsed, seconds = _parse(files)
            timings["parse_seconds"] += seconds
            yield parsed

    started = time.perf_counter()
    if sequential:
        for parsed in parsed_rounds():
            writing = time.perf_counter()
            load_round(driver, parsed)
            timings["write_seconds"] += time.perf_counter() - writing
    else:
        load_rounds(driver, parsed_rounds(), workers=workers)
    seconds = time.perf_counter() - started
    if not sequential:  # the writes overlap each other and the parsing: only the whole counts
        del timings["write_seconds"]
    return {**timings, "seconds": seconds, "workers": 1 if sequential else workers}


def run_naive(driver: Driver, dataset: Dataset, sample: int) -> dict[str, float]:
    """One auto-commit statement per contact, between persons already loaded."""
    contacts: list[tuple[str, str, str, str, str]] = []
    for files in dataset.rounds:
        with files.contacts.open(encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            contacts += [(files.municipality, "naive", ego, alter, f) for ego, alter, f in reader]
        if len(contacts) >= sample:
            break
    contacts = contacts[:sample]
    query = (
        "MATCH (a:Person {municipality: $m, person_id: $ego}) MATCH (b:Person {municipality: $m, person_id: $alter}) "
        "CREATE (a)-[:$($type) {round: $round}]->(b)"
    )
    with driver.session() as session:
        started = time.perf_counter()
        for municipality, label, ego, alter, frequency in contacts:
            session.run(
                query, m=municipality, ego=ego, alter=alter, type=RELATIONSHIP_TYPES[frequency], round=label
            ).consume()
        seconds = time.perf_counter() - started
        session.run("MATCH ()-[t]->() WHERE t.round = 'naive' DELETE t").consume()
    return {"seconds": seconds, "contacts": len(contacts)}


LOAD_CSV_STATEMENTS = (
    """
    LOAD CSV WITH HEADERS FROM 'file:///bench_rounds.csv' AS row
    MERGE (m:Municipality {name: row.municipality})
    MERGE (r:SurveyRound {municipality: row.municipality, label: row.round})
    MERGE (m)-[:HAS_ROUND]->(r)
    """,
    """
    UNWIND $functions AS f
    MERGE (function:Function {key: f.key})
      ON CREATE SET function.label_nb = f.nb, function.label_en = f.en
    """,
    """
    LOAD CSV WITH HEADERS FROM 'file:///bench_persons.csv' AS row
    CALL (row) {
      MATCH (m:Municipality {name: row.municipality})
      MATCH (r:SurveyRound {municipality: row.municipality, label: row.round})
      MERGE (p:Person {municipality: row.municipality, person_id: row.person_id})
      SET p.name = row.name
      MERGE (p)-[:BELONGS_TO]->(m)
      CREATE (p)-[:IN_ROUND {responded: toBoolean(row.responded)}]->(r)
      WITH p, row
      MATCH (f:Function {key: row.function})
      CREATE (p)-[:COVERS {round: row.round, rank: 0}]->(f)
    } IN TRANSACTIONS OF 10000 ROWS
    """,
    """
    LOAD CSV WITH HEADERS FROM 'file:///bench_contacts.csv' AS row
    CALL (row) {
      // the hints: without them the planner scans the municipality's persons for each row
      MATCH (a:Person {municipality: row.municipality, person_id: row.ego})
      USING INDEX a:Person(municipality, person_id)
      MATCH (b:Person {municipality: row.municipality, person_id: row.alter})
      USING INDEX b:Person(municipality, person_id)
      CREATE (a)-[:$(row.type) {round: row.round}]->(b)
    } IN TRANSACTIONS OF 10000 ROWS
    """,
)


def prepare_load_csv(dataset: Dataset, import_dir: Path) -> list[Path]:
    """Combine the rounds into three files in the server's import folder (not timed)."""
    import_dir.mkdir(parents=True, exist_ok=True)
    rounds, persons, contacts = (import_dir / f"bench_{n}.csv" for n in ("rounds", "persons", "contacts"))
    with (
        persons.open("w", encoding="utf-8", newline="") as p_out,
        contacts.open("w", encoding="utf-8", newline="") as c_out,
    ):
        person_writer, contact_writer = csv.writer(p_out), csv.writer(c_out)
        person_writer.writerow(["municipality", "round", "person_id", "name", "function", "responded"])
        contact_writer.writerow(["municipality", "round", "ego", "alter", "type"])
        for files in dataset.rounds:
            key = (files.municipality, files.round_label)
            with files.contacts.open(encoding="utf-8") as handle:
                reader = csv.reader(handle)
                next(reader)
                egos = set()
                for ego, alter, frequency in reader:
                    egos.add(ego)
                    contact_writer.writerow([*key, ego, alter, RELATIONSHIP_TYPES[frequency]])
            with files.roster.open(encoding="utf-8") as handle:
                reader = csv.reader(handle)
                next(reader)
                person_writer.writerows(
                    [*key, pid, name, function, str(pid in egos).lower()] for pid, name, function in reader
                )
    _write_csv(rounds, ["municipality", "round"], [(f.municipality, f.round_label) for f in dataset.rounds])
    return [rounds, persons, contacts]


def run_load_csv(driver: Driver) -> dict[str, float]:
    functions = [{"key": f.key, "nb": f.nb, "en": f.en} for f in FUNCTIONS]
    started = time.perf_counter()
    with driver.session() as session:  # IN TRANSACTIONS needs auto-commit
        for text in LOAD_CSV_STATEMENTS:
            session.run(text, functions=functions).consume()
    return {"seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sequential", action="store_true", help="parse each round only after the last is written")
    parser.add_argument(
        "--workers", type=int, default=LOAD_WORKERS, help=f"rounds written at once (default {LOAD_WORKERS})"
    )
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    settings = load_settings()
    if settings.external:
        print("bench/ingest.py compares with LOAD CSV on the local server; unset NEO4J_URI.", file=sys.stderr)
        return 2
    driver = get_driver()
    apply_schema(driver, database=settings.database)
    import_dir = LocalServer(settings).home / "import"

    # the machine may be shared: its load average goes with the figures (ratios within one run
    # are what compare)
    load_before = os.getloadavg()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in load_before)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="netkart-bench-") as tmp:
        started = time.perf_counter()
        dataset = generate(Path(tmp), scale, args.seed)
        print(
            f"generated {len(dataset.rounds)} rounds, {dataset.persons:,} roster rows, "
            f"{dataset.contacts:,} contacts in {time.perf_counter() - started:.1f} s",
            flush=True,
        )

        wipe(driver)
        # warm-up, not timed: the server's JIT and query caches would otherwise count against
        # ours, which runs first
        run_ours(driver, Dataset(dataset.folder, dataset.rounds[:10]), workers=args.workers)
        wipe(driver)
        ours = run_ours(driver, dataset, workers=args.workers, sequential=args.sequential)
        loaded = count_contacts(driver)
        assert loaded == dataset.contacts, (loaded, dataset.contacts)
        ours["rate"] = dataset.contacts / ours["seconds"]
        how = "sequential" if args.sequential else f"{ours['workers']} at a time"
        writing = f", write {ours['write_seconds']:.1f} s" if args.sequential else " overlapped"
        print(
            f"ours ({how}): {ours['seconds']:.1f} s (parse {ours['parse_seconds']:.1f} s{writing}): "
            f"{ours['rate']:,.0f} contacts/s",
            flush=True,
        )

        naive = run_naive(driver, dataset, scale.naive_sample)
        naive["rate"] = naive["contacts"] / naive["seconds"]
        print(
            f"naive:    {naive['contacts']:,} contacts in {naive['seconds']:.1f} s: {naive['rate']:,.0f} contacts/s",
            flush=True,
        )

        wipe(driver)
        staged = prepare_load_csv(dataset, import_dir)
        try:
            load_csv = run_load_csv(driver)
        finally:
            for path in staged:
                path.unlink()
        loaded_csv = count_contacts(driver)
        assert loaded_csv == dataset.contacts, (loaded_csv, dataset.contacts)
        load_csv["rate"] = dataset.contacts / load_csv["seconds"]
        print(f"LOAD CSV: {load_csv['seconds']:.1f} s: {load_csv['rate']:,.0f} contacts/s", flush=True)
        wipe(driver)

    load_after = os.getloadavg()
    print(f"load average after: {' '.join(f'{x:.1f}' for x in load_after)}", flush=True)
    ratios = {
        "ours_over_naive": ours["rate"] / naive["rate"],
        "ours_over_load_csv": ours["rate"] / load_csv["rate"],
    }
    print(f"ours / naive    = {ratios['ours_over_naive']:.1f}×  (goal ≥ 20×)")
    print(f"ours / LOAD CSV = {ratios['ours_over_load_csv']:.2f}×  (goal ≥ 0.8×, issue 12)")

    results = {
        "scale": args.scale,
        "sequential": args.sequential,
        "workers": ours["workers"],
        "municipalities": scale.municipalities,
        "rounds": len(dataset.rounds),
        "roster_rows": dataset.persons,
        "contacts": dataset.contacts,
        "ours": ours,
        "naive": naive,
        "load_csv": load_csv,
        "ratios": ratios,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
    }
    out = Path(__file__).resolve().parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"ingest-{args.scale}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
