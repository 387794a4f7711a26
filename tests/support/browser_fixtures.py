"""Fixtures of the dashboard's browser tests, shared by their modules (``pytest_plugins`` in
``tests/conftest.py``): the demo in the database, the served dashboard and a browser.

(Not named ``dashboard.py``: ``slow_serve.py`` runs as a script from this folder, where such a
module would hide the ``dashboard`` package.)

A module sets the browser's window with a module-level ``BROWSER_SIZE = (width, height)``
(default 1920×1080, a projector's 1280×720 where the room's case is tested), and may define
a fixture of the same name to override one of these, as the Import page's tests do for
``url`` (they start from an empty database, not the demo).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from support.browser import Browser, served_dashboard

__all__ = ["browser", "demo", "downloads", "url"]


@pytest.fixture(scope="module")
def demo(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo data, loaded once into an emptied database; alias → municipality name."""
    from conftest import wipe

    from analytics.store import list_municipalities
    from ingest.demo import generate, load_demo

    wipe(driver)
    load_demo(driver, generate(tmp_path_factory.mktemp("demo")))
    return {info.alias: info.name for info in list_municipalities(driver)}


@pytest.fixture(scope="module")
def url(demo: dict[str, str]) -> Iterator[str]:
    """The address of ``netkart serve`` run on the demo."""
    with served_dashboard() as base:
        yield base


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest, downloads: Path) -> Iterator[Browser]:
    width, height = getattr(request.module, "BROWSER_SIZE", (1920, 1080))
    with Browser(downloads, width=width, height=height) as opened:
        yield opened
