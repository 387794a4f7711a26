"""Survey ingest: read, validate and load survey rounds into Neo4j.

::

    from ingest import SurveyFiles, read_round, load_round

    parsed = read_round(SurveyFiles("Ålesund", "2013", roster=Path("roster.csv"), contacts=Path("contacts.csv")))
    summary = load_round(driver, parsed)

:func:`read_round` raises :class:`ValidationError` listing every problem (file, line, column,
expected) and writes nothing; :func:`load_round` writes one round in one transaction,
is a no-op for identical data and refuses different data unless ``replace=True``;
:func:`load_rounds` writes several, those of different municipalities concurrently;
:func:`delete_round` takes a loaded round out again.
File layouts: ``docs/survey-format.md``; graph model: ``docs/schema.md``.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.errors import Problem, RoundExistsError, ValidationError
    from ingest.survey import ParsedRound, SurveyFiles, read_round
    from ingest.writer import DeleteSummary, LoadSummary, delete_round, load_round, load_rounds, set_alias

__all__ = [
    "DeleteSummary",
    "LoadSummary",
    "ParsedRound",
    "Problem",
    "RoundExistsError",
    "SurveyFiles",
    "ValidationError",
    "delete_round",
    "load_round",
    "load_rounds",
    "read_round",
    "set_alias",
]

_HOMES = {
    "errors": ("Problem", "RoundExistsError", "ValidationError"),
    "survey": ("ParsedRound", "SurveyFiles", "read_round"),
    "writer": ("DeleteSummary", "LoadSummary", "delete_round", "load_round", "load_rounds", "set_alias"),
}


def __getattr__(name: str) -> Any:
    """Import the public names on first use, so that ``netkart --help`` (which registers the
    ingest commands) does not load the driver and the file readers."""
    for module, names in _HOMES.items():
        if name in names:
            return getattr(import_module(f"ingest.{module}"), name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
