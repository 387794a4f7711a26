"""Validation problems of survey files, and the error that carries all of them.

Every problem names the file, the line (physical line of a CSV file, row number of an XLSX
sheet), the column (header name and spreadsheet letter) and what was expected, so that the
person who exported the survey can find and fix the cell::

    roster.csv:14: column 'functions' (C): unknown function label 'tjenster'; expected one of tjenester, ...

Parsing never stops at the first problem: :func:`ingest.read_round` collects every problem of
every file and raises one :class:`ValidationError` with all of them, before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Problem", "RoundExistsError", "ValidationError"]


@dataclass(frozen=True)
class Problem:
    """One problem in one place of one input file.

    ``line`` is ``None`` for a problem of the whole file (unreadable, empty); ``column`` and
    ``letter`` are ``None`` for a problem of a whole line or file.
    """

    file: str
    line: int | None
    message: str
    expected: str | None = None
    column: str | None = None
    letter: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is not None:
            where += f": column '{self.column}'" + (f" ({self.letter})" if self.letter else "")
        text = f"{where}: {self.message}"
        return f"{text}; expected {self.expected}" if self.expected else text


class ValidationError(Exception):
    """The survey files have problems; ``problems`` lists every one, in file and line order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the survey files (nothing was written):"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


class RoundExistsError(Exception):
    """The round is already loaded with different data and ``replace`` was not asked for."""
