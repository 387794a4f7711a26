"""The Import page (issue 12 item 9) in real headless Chromium against the real Neo4j.

Files are uploaded as a user does, through the upload fields' file inputs. A clean upload
must write exactly what ``netkart ingest`` writes for the same files (counts of nodes per
label and relationships per type, compared with a load from the command line); a bad one
must show its problems (file, row, column) and write nothing. A server listening beyond this
machine without a login must refuse to import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import flask
import pytest
from conftest import wipe
from support.browser import Browser, dashboard_process, served_dashboard

from dashboard.serving import BIND_HOST, write_refusal
from ingest import ParsedRound, SurveyFiles, read_round
from ingest.profiles import load_profile

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
EXAMPLES = ROOT / "docs" / "examples"

#: Clean uploads: (roster, responses, political, profile); each loads as the CLI loads it.
CLEAN = {
    "fixtures-with-political": (FIXTURES / "roster.csv", FIXTURES / "responses.csv", FIXTURES / "political.csv", None),
    "questback-xlsx": (
        EXAMPLES / "questback" / "roster.csv",
        EXAMPLES / "questback" / "responses.xlsx",
        None,
        "questback",
    ),
}


@pytest.fixture(scope="module")
def url(driver) -> Iterator[str]:
    with served_dashboard() as base:
        yield base


def _counts(driver) -> dict[str, int]:
    """Nodes per label and relationships per type (audit records, if any, aside: they hold a
    time and a command, not the round)."""
    with driver.session() as session:
        nodes = session.run(
            "MATCH (n) UNWIND labels(n) AS label WITH label WHERE label <> 'AuditEvent' "
            "RETURN label AS kind, count(*) AS n"
        )
        counts = {f"node {r['kind']}": r["n"] for r in nodes}
        relationships = session.run("MATCH ()-[r]->() RETURN type(r) AS kind, count(*) AS n")
        counts |= {f"relationship {r['kind']}": r["n"] for r in relationships}
    return counts


def _upload(browser: Browser, field: str, path: Path) -> None:
    selector = f"#imp-{field} input[type=file]"
    browser.wait(lambda: browser.driver.find_elements("css selector", selector))[0].send_keys(str(path))
    browser.wait(lambda: browser.text(f"imp-{field}-chosen") == path.name)


def _type(browser: Browser, component_id: str, value: str) -> None:
    field = browser.wait(lambda: browser.driver.find_elements("id", component_id))[0]
    field.clear()
    field.send_keys(value)


def _fill(browser: Browser, url: str, municipality: str, files: tuple[Path, Path, Path | None, str | None]) -> None:
    roster, responses, political, profile = files
    browser.open(url + "/import")
    browser.wait(lambda: browser.text("imp-check"))
    _upload(browser, "roster", roster)
    _upload(browser, "responses", responses)
    if political:
        _upload(browser, "political", political)
    _type(browser, "imp-new-municipality", municipality)
    _type(browser, "imp-round", "2013")
    browser.click_radio("imp-profile", profile or "none")


def _tick_replace(browser: Browser) -> None:
    browser.wait(lambda: browser.driver.find_elements("css selector", "#imp-replace input"))[0].click()


def _press(browser: Browser, button: str, expected: str) -> str:
    """Click ``button`` (check or load); wait until the status says ``expected``; return it."""
    before = browser.text("imp-status")
    browser.click(f"imp-{button}")

    def answered() -> str | None:
        """the status changed to the expected answer"""
        now = browser.text("imp-status")
        return now if now != before and expected in now else None

    try:
        return browser.wait(answered, 60)
    except TimeoutError:
        pytest.fail(f"after {button}, the status is {browser.text('imp-status')!r}, not {expected!r}")


def _cli_load(municipality: str, files: tuple[Path, Path, Path | None, str | None]) -> None:
    roster, responses, political, profile = files
    command = [sys.executable, "-m", "netkart.cli", "ingest", "--municipality", municipality, "--round", "2013"]
    command += ["--roster", str(roster), "--responses", str(responses)]
    command += ["--political", str(political)] if political else []
    command += ["--profile", profile] if profile else []
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env=os.environ)
    assert done.returncode == 0, done.stderr


def _parsed(files: tuple[Path, Path, Path | None, str | None]) -> ParsedRound:
    roster, responses, political, profile = files
    options = {}
    if profile:
        chosen = load_profile(profile)
        options = {"sheet": chosen.sheet, "header_row": chosen.header_row}
        options |= {"respondent_column": chosen.respondent_column, "ignore_columns": chosen.ignore_columns}
    return read_round(SurveyFiles("X", "2013", roster, responses=responses, political=political, **options))


@pytest.mark.parametrize("case", sorted(CLEAN))
def test_a_clean_upload_loads_what_the_command_line_loads(browser, url, driver, case):
    files = CLEAN[case]
    wipe(driver)
    assert _counts(driver) == {}
    _fill(browser, url, "Fjordvik", files)
    checked = _press(browser, "check", "Kontrollert")
    assert "ingenting er skrevet" in checked.casefold()
    summary = browser.text("imp-summary")
    assert "Fjordvik" in summary and "2013" in summary
    # Anonymised server: the summary gives counts, never the roster's names.
    persons = _parsed(files).persons
    names = [p.name for p in persons if p.name]
    assert names and not [name for name in names if name in summary]
    assert _counts(driver) == {}  # checking writes nothing

    loaded = _press(browser, "load", "Lastet inn")
    by_page = _counts(driver)
    assert by_page["node Person"] == len(persons)
    assert "Fjordvik 2013" in loaded

    wipe(driver)
    _cli_load("Fjordvik", files)
    assert _counts(driver) == by_page

    # Loading the same files again changes nothing, and says so.
    assert "ingenting ble skrevet" in _press(browser, "load", "de samme dataene").casefold()
    assert _counts(driver) == by_page


def test_a_bad_upload_shows_its_problems_and_writes_nothing(browser, url, driver, tmp_path):
    wipe(driver)
    roster = tmp_path / "roster.csv"
    lines = (FIXTURES / "roster.csv").read_text(encoding="utf-8").splitlines()
    # Line 3: an unknown function label, which the CLI reports at its row and column.
    lines[2] = lines[2].replace("virkemidler", "virkemidlr")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _cli_load("Fjordvik", (FIXTURES / "roster.csv", FIXTURES / "responses.csv", None, None))
    before = _counts(driver)

    _fill(browser, url, "Fjordvik", (roster, FIXTURES / "responses.csv", None, None))
    _tick_replace(browser)  # even with replace ticked, a bad round writes nothing
    for button, expected in (("check", "problem"), ("load", "Ikke lastet inn")):
        status = _press(browser, button, expected)
        assert "1 problem" in status and "ingenting ble skrevet" in status.casefold()
        problems = browser.text("imp-problems")
        assert "roster.csv" in problems
        assert "functions (C)" in problems
        assert "virkemidlr" in problems
        row = browser.driver.find_elements("css selector", "#imp-problems td[data-dash-column=row]")
        assert [cell.text for cell in row][:1] == ["3"]
    assert _counts(driver) == before


def test_a_round_loaded_with_other_data_needs_replace(browser, url, driver):
    wipe(driver)
    _cli_load("Fjordvik", CLEAN["fixtures-with-political"])
    before = _counts(driver)
    _fill(browser, url, "Fjordvik", (FIXTURES / "roster.csv", FIXTURES / "responses.csv", None, None))
    status = _press(browser, "load", "andre data")
    assert "ingenting ble skrevet" in status.casefold()
    assert _counts(driver) == before
    _tick_replace(browser)
    assert "Erstattet Fjordvik 2013" in _press(browser, "load", "Erstattet")
    assert _counts(driver).get("relationship POLITICAL_CONTACT", 0) == 0


def test_import_is_closed_on_an_open_address_without_a_login(browser, driver):
    with dashboard_process(host="0.0.0.0") as served:
        browser.open(served.url + "/import")
        message = browser.wait(lambda: browser.text("imp-disabled"))
        assert "0.0.0.0" in message and "NETKART_DASH_USER" in message
        assert not browser.driver.find_elements("id", "imp-check")
        assert not browser.driver.find_elements("css selector", "input[type=file]")


def test_write_refusal_follows_the_address_and_the_login(monkeypatch):
    monkeypatch.delenv("NETKART_DASH_USER", raising=False)
    monkeypatch.delenv("NETKART_DASH_PASSWORD", raising=False)
    app = flask.Flask(__name__)
    for host, refused in (("127.0.0.1", None), ("localhost", None), ("::1", None), ("0.0.0.0", "0.0.0.0")):
        app.config[BIND_HOST] = host
        with app.app_context():
            assert write_refusal() == refused
    del app.config[BIND_HOST]
    with app.app_context():
        assert write_refusal() == "?"  # not started by netkart serve: its address is unknown
    monkeypatch.setenv("NETKART_DASH_USER", "samling")
    monkeypatch.setenv("NETKART_DASH_PASSWORD", "hemmelig-42")
    app.config[BIND_HOST] = "0.0.0.0"
    with app.app_context():
        assert write_refusal() is None
