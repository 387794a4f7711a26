"""One error policy and a fast start for every ``netkart`` command.

- Neo4j down: every command that needs it exits with status 3 and one line saying so, within
  two seconds (the driver's 30 s of retries never start), and never prints a traceback.
- ``netkart --help`` and ``netkart CMD --help`` import none of the driver, pandas, networkx or
  Dash; ``metrics``, ``compare`` and ``query`` import no Dash.
- The catalogue's generation changes whenever a round is loaded, replaced or deleted.
"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import wipe
from neo4j import Driver

from cypher.params import read_catalogue
from ingest import SurveyFiles, delete_round, load_round, read_round
from ingest.demo import DemoRound, generate, load_demo

#: The policy's limit for "Neo4j does not answer", on a quiet machine.
LIMIT = 2.0
#: What ``import neo4j`` costs on a quiet machine; time beyond it is the machine's load.
QUIET_DRIVER_IMPORT = 0.5
HEAVY = ("neo4j", "pandas", "networkx", "dash")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _netkart(*argv: str, env: dict[str, str] | None = None, importtime: bool = False) -> tuple[int, str, str, float]:
    flags = ["-X", "importtime"] if importtime else []
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *flags, "-m", "netkart.cli", *argv],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def _load_slack() -> float:
    """Seconds by which the machine's load slows ``import neo4j`` beyond a quiet machine's."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import neo4j"], check=True)
    return max(0.0, time.perf_counter() - started - QUIET_DRIVER_IMPORT)


# -- Neo4j down ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def down(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment pointing at a port nobody listens on, with its own empty NETKART_HOME."""
    home = tmp_path_factory.mktemp("down")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "NETKART_"))}
    return env | {
        "NEO4J_URI": f"bolt://127.0.0.1:{_closed_port()}",
        "NEO4J_PASSWORD": "not-used",
        "NETKART_HOME": str(home),
    }


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> list[DemoRound]:
    return generate(tmp_path_factory.mktemp("survey"))


def _commands(folder: Path, first: DemoRound) -> list[list[str]]:
    own = folder / "own.cypher"
    own.write_text("// Mine\n:params {};\nMATCH (n) RETURN count(n) AS n;\n", encoding="utf-8")
    return [
        ["db", "status"],
        ["db", "init"],
        ["demo", "--out", str(folder / "demo")],
        ["ingest", "--municipality", first.municipality, "--round", first.round_label, "--roster", str(first.roster)]
        + (["--contacts", str(first.contacts)] if first.contacts else ["--responses", str(first.responses)]),
        ["municipality", "alias", "Fjordvik", "A"],
        ["municipality", "delete-round", "Fjordvik", "2013", "--yes"],
        ["municipality", "purge", "Fjordvik", "--yes"],
        ["person", "erase", "--municipality", "Fjordvik", "--person", "p01", "--yes"],
        ["person", "export", "--municipality", "Fjordvik", "--person", "p01"],
        ["audit"],
        ["query", "municipalities"],
        ["query", "isolates", "--param", "municipality=A", "--param", "round=2013", "--param", "threshold=daily"],
        ["query", "--file", str(own), "--show-names"],
        ["query", "-e", "RETURN 1 AS one", "--show-names"],
        ["metrics", "--municipality", "A", "--round", "2013", "--threshold", "weekly"],
        ["compare", "--municipality", "A", "--from", "2011", "--to", "2013", "--threshold", "weekly"],
        ["compare-municipalities", "--round", "2013", "--threshold", "weekly"],
    ]


def test_every_command_says_at_once_that_neo4j_does_not_answer(
    down: dict[str, str], survey: list[DemoRound], tmp_path: Path
) -> None:
    expected = f"Neo4j does not answer at {down['NEO4J_URI']}; start it with `netkart db start`"
    for argv in _commands(tmp_path, survey[0]):
        before = _load_slack()
        code, _, err, elapsed = _netkart(*argv, env=down)
        slack = max(before, _load_slack())  # the load during the command, as well as it can be known
        assert code == 3, (argv, err)
        assert (
            err.splitlines()[-1]
            == f"netkart {' '.join(argv[:2]) if argv[0] in ('db', 'municipality', 'person') else argv[0]}: {expected}"
        )
        assert "Traceback" not in err and len(err.splitlines()) == 1, (argv, err)
        assert elapsed < LIMIT + slack, f"{argv}: {elapsed:.2f} s (machine load allows {slack:.2f} s more)"


def test_server_commands_with_an_external_server_do_not_touch_it(down: dict[str, str]) -> None:
    code, out, err, _ = _netkart("db", "start", env=down)
    assert code == 0 and "NEO4J_URI is set" in out and err == ""
    code, out, err, _ = _netkart("db", "stop", env=down)
    assert code == 0 and "not running" in out and err == ""


def test_a_user_error_is_status_2_and_one_line(down: dict[str, str], tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.csv")
    for argv, message in (
        (["query", "nope"], "netkart query: no query named 'nope'; known queries: "),
        (["query", "--file", missing, "--show-names"], f"netkart query: cannot read {missing}: No such file"),
        (["municipality", "delete-round", "Fjordvik", "2013"], "run again with --yes to do it"),
        (["municipality", "purge", "Fjordvik"], "run again with --yes to do it"),
        (["person", "erase", "--municipality", "Fjordvik", "--person", "p01"], "run again with --yes to do it"),
    ):
        code, out, err, _ = _netkart(*argv, env=down)
        assert code == 2 and out == "", (argv, err)
        assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    code, _, err, _ = _netkart(
        "ingest",
        "--municipality",
        "X",
        "--round",
        "2013",
        "--roster",
        missing,
        "--contacts",
        missing,
        "--dry-run",
        env=down,
    )
    assert code == 2 and err.startswith("netkart ingest: 2 problems in the survey files (nothing was written):")
    assert "Traceback" not in err


# -- imports ---------------------------------------------------------------------------------------


def _imported(stderr: str) -> set[str]:
    """Top-level packages named in ``-X importtime`` output."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["db"],
        ["ingest"],
        ["municipality"],
        ["municipality", "alias"],
        ["demo"],
        ["query"],
        ["metrics"],
        ["compare"],
        ["compare-municipalities"],
        ["serve"],
    ],
    ids=lambda argv: " ".join(argv) or "netkart",
)
def test_help_imports_no_driver_pandas_networkx_or_dash(argv: list[str]) -> None:
    code, out, err, _ = _netkart(*argv, "--help", importtime=True)
    assert code == 0 and "usage: netkart" in out
    imported = _imported(err)
    assert "argparse" in imported, "importtime output was read"
    assert not imported & set(HEAVY), f"netkart {' '.join(argv)} --help imports {sorted(imported & set(HEAVY))}"


@pytest.mark.parametrize(
    ("argv", "status"),
    [(["query", "--list"], 0), (["--help"], 0), (["--no-such-option"], 2)],
    ids=["returns", "help", "usage error"],
)
def test_the_command_sets_the_collector_for_a_command_and_keeps_mains_status(argv: list[str], status: int) -> None:
    """``run`` (the installed script) raises the collector's threshold and freezes at exit, however main ends."""
    probe = (
        "import atexit, gc, sys\n"
        "from netkart.cli import GC_FIRST_THRESHOLD, run\n"
        "def report():\n"
        "    print('collector', gc.get_threshold()[0] == GC_FIRST_THRESHOLD, gc.get_freeze_count() > 0)\n"
        "atexit.register(report)\n"
        f"sys.argv = ['netkart', *{argv!r}]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == status, done.stderr
    assert done.stdout.splitlines()[-1] == "collector True True"


def test_the_installed_script_is_run() -> None:
    from importlib.metadata import entry_points

    (script,) = entry_points(group="console_scripts", name="netkart")
    assert script.value == "netkart.cli:run"


@pytest.fixture(scope="module")
def demo(driver: Driver, survey: list[DemoRound]) -> Driver:
    wipe(driver)
    load_demo(driver, survey)
    return driver


@pytest.mark.parametrize(
    "argv",
    [
        ["metrics", "--municipality", "A", "--round", "2013", "--threshold", "weekly"],
        ["compare", "--municipality", "A", "--from", "2011", "--to", "2013", "--threshold", "weekly"],
        ["query", "isolates", "--param", "municipality=A", "--param", "round=2013", "--param", "threshold=daily"],
    ],
    ids=lambda argv: argv[0],
)
def test_analysis_commands_import_no_dash(demo: Driver, argv: list[str]) -> None:
    code, out, err, _ = _netkart(*argv, importtime=True)
    assert code == 0, err
    assert out
    imported = _imported(err)
    assert "neo4j" in imported
    assert "dash" not in imported and "plotly" not in imported


# -- the catalogue's generation ----------------------------------------------------------------


def test_the_generation_changes_when_a_round_is_loaded_replaced_or_deleted(
    clean_db: Driver, survey: list[DemoRound]
) -> None:
    def files(demo: DemoRound, label: str) -> SurveyFiles:
        return SurveyFiles(
            demo.municipality,
            label,
            demo.roster,
            contacts=demo.contacts,
            responses=demo.responses,
            political=demo.political,
        )

    first, second = (r for r in survey if r.municipality == "Sæterdal")
    seen = [read_catalogue(clean_db).generation]
    load_round(clean_db, read_round(files(first, first.round_label)))
    seen.append(read_catalogue(clean_db).generation)
    load_round(clean_db, read_round(files(second, second.round_label)))
    seen.append(read_catalogue(clean_db).generation)
    load_round(clean_db, read_round(files(second, second.round_label)))  # identical: nothing changes
    assert read_catalogue(clean_db).generation == seen[-1]
    # The other round's files under this label: replaced.
    load_round(clean_db, read_round(files(first, second.round_label)), replace=True)
    seen.append(read_catalogue(clean_db).generation)
    delete_round(clean_db, second.municipality, second.round_label)
    seen.append(read_catalogue(clean_db).generation)
    assert all(before != after for before, after in itertools.pairwise(seen)), seen
    # A digest of what is loaded: back to the same rounds, back to the same generation.
    assert seen[-1] == seen[1]
