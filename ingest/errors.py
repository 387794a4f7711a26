"""Validation problems of survey files, and the error that carries all of them.

Every problem names the file, the line (physical line of a CSV file, row number of an XLSX
sheet), the column (header name and spreadsheet letter) and what was expected, so that the
person who exported the survey can find and fix the cell::

    roster.csv:14: column 'functions' (C): unknown function label 'tjenster'; expected one of tjenester, ...

Parsing never stops at the first problem: :func:`ingest.read_round` collects the problems of
every file and raises one :class:`ValidationError` with them, before anything is written.
A file of nothing but bad rows must not fill memory or the terminal (issue 13: a 50 MB file
once printed 460 MB of problems), so a :class:`ProblemCollector` keeps the first
:data:`MAX_PROBLEMS` (in file and line order) and only counts the rest, and the error says
how many it left out.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["MAX_PROBLEMS", "Problem", "ProblemCollector", "RoundExistsError", "ValidationError"]

#: Problems kept and shown; the ones after are counted only. A few hundred are enough to see
#: what is wrong with an export.
MAX_PROBLEMS = 300


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


class ProblemCollector:
    """The problems of a parse: the first ``limit`` kept, the others only counted.

    Memory stays bounded however many problems a file has (issue 13: a 50 MB file of bad
    rows once took 6.3 GB): at most ``limit`` problems are held. "First" is in the order a
    person fixes them: with ``files`` given, by file (in that order), then line, then
    ``rank`` (the position of the check within a row, so that a column-wise parser keeps the
    order a row-wise one had), then arrival; without, in arrival order. Iteration yields the
    kept problems in that order; ``len`` counts every problem appended, kept or not.
    """

    def __init__(self, limit: int = MAX_PROBLEMS, files: Sequence[str] = ()) -> None:
        self.limit = limit
        self.files: dict[str, int] = {}
        for order, name in enumerate(files):
            self.files.setdefault(name, order)
        # a max-heap by key (negated), so that the last kept problem is the one to drop
        self._heap: list[tuple[tuple[int, ...], Problem]] = []
        self._arrived = 0
        self.omitted = 0

    def _key(self, file: str, line: int | None, rank: int) -> tuple[int, ...]:
        self._arrived += 1
        if self.files:
            return (-self.files.get(file, 0), -(line or 0), -rank, -self._arrived)
        return (-self._arrived,)

    def omits(self, file: str, line: int | None, rank: int = 0) -> bool:
        """Whether a problem at this place would not be kept; if so it is counted here.

        Lets a parser skip building the problem: in a file of nothing but bad rows, nearly
        every problem is one that is only counted.
        """
        if len(self._heap) < self.limit or self._key(file, line, rank) > self._heap[0][0]:
            return False
        self.omitted += 1
        return True

    def append(self, problem: Problem, rank: int = 0) -> None:
        key = self._key(problem.file, problem.line, rank)
        if len(self._heap) < self.limit:
            heapq.heappush(self._heap, (key, problem))
        elif key > self._heap[0][0]:
            heapq.heapreplace(self._heap, (key, problem))
            self.omitted += 1
        else:
            self.omitted += 1

    def extend(self, problems: Iterable[Problem], rank: int = 0) -> None:
        for problem in problems:
            self.append(problem, rank)

    def __len__(self) -> int:
        return len(self._heap) + self.omitted

    def __bool__(self) -> bool:
        return bool(self._heap)

    def __iter__(self) -> Iterator[Problem]:
        return (problem for _, problem in sorted(self._heap, reverse=True))


class ValidationError(Exception):
    """The survey files have problems.

    ``problems`` lists the first :data:`MAX_PROBLEMS` of them in file and line order (or
    those a :class:`ProblemCollector` kept); ``omitted`` counts the ones left out.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        collector = problems if isinstance(problems, ProblemCollector) else ProblemCollector()
        if collector is not problems:
            collector.extend(problems)
        self.problems: tuple[Problem, ...] = tuple(collector)
        self.omitted = collector.omitted
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems) + self.omitted
        heading = f"{count} problem{'s' if count != 1 else ''} in the survey files (nothing was written):"
        lines = [heading, *(f"  {problem}" for problem in self.problems)]
        if self.omitted:
            lines.append(f"  ... and {self.omitted} more problem{'s' if self.omitted != 1 else ''} not shown")
        return "\n".join(lines)


class RoundExistsError(Exception):
    """The round is already loaded with different data and ``replace`` was not asked for."""
