"""One Neo4j driver per process, as the driver manual recommends."""

from __future__ import annotations

import atexit
from functools import cache

from neo4j import Driver, GraphDatabase

from netkart.settings import Settings, load_settings

__all__ = ["get_driver", "open_driver"]


def open_driver(settings: Settings) -> Driver:
    """A new driver for ``settings``; the caller closes it."""
    return GraphDatabase.driver(settings.uri, auth=settings.auth)


@cache
def get_driver() -> Driver:
    """The process-wide driver for :func:`netkart.settings.load_settings`, closed at exit."""
    driver = open_driver(load_settings())
    atexit.register(driver.close)
    return driver
