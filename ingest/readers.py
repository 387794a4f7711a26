"""Read survey exports (CSV or XLSX) into tables of text cells that know where they came from.

Every cell is kept as **text**: XLSX formulas are read as their formula text and never
evaluated, and a cell starting with ``=``, ``+``, ``-`` or ``@`` is an ordinary string
(nothing here or downstream interprets it). Each cell carries its line (the physical line a
CSV record starts on, the row number of an XLSX sheet) and column (header name and
spreadsheet letter), so a validation problem can point at it.

CSV files
    The delimiter is ``;`` when the header line holds more semicolons than commas, otherwise
    ``,`` (Norwegian Excel writes semicolons). Bytes are decoded as UTF-8 (a byte-order mark
    is dropped) and, when they are not valid UTF-8, as Windows-1252.
XLSX files
    The first sheet, or the sheet named by ``sheet``. Numbers that are whole (``101.0``) are
    read as ``"101"`` because person ids are often typed as numbers.

Blank lines/rows are skipped; the first non-blank line is the header.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import NamedTuple

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ingest.errors import Problem, ValidationError
from ingest.vocabulary import normalise

__all__ = ["Cell", "Column", "Row", "Table", "read_table"]

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Column:
    """A header cell: its text as written, its normalised key and its spreadsheet letter."""

    name: str
    key: str
    letter: str


class Cell(NamedTuple):
    """A text cell (stripped of surrounding whitespace) and where it is.

    A named tuple rather than a frozen dataclass: national-scale files have millions of
    cells, and tuples are several times cheaper to create.
    """

    text: str
    line: int
    column: Column


@dataclass(frozen=True)
class Row:
    """A data row: its line and its cells in column order (missing trailing cells are empty)."""

    line: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A file's header and data rows; ``name`` is the file name used in problems.

    ``problems`` are structural problems found while reading (empty or duplicate headers,
    values right of the last header) that do not stop the rest of the file being checked.
    """

    name: str
    header_line: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...] = ()

    def problem(
        self,
        message: str,
        *,
        cell: Cell | None = None,
        line: int | None = None,
        column: Column | None = None,
        expected: str | None = None,
    ) -> Problem:
        """A problem located at ``cell``, or at ``line``/``column`` of this table."""
        if cell is not None:
            line, column = cell.line, cell.column
        return Problem(
            file=self.name,
            line=line,
            message=message,
            expected=expected,
            column=column.name if column else None,
            letter=column.letter if column else None,
        )


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _csv_records(name: str, data: bytes) -> list[tuple[int, list[str]]]:
    try:
        text = _decode(data)
    except UnicodeDecodeError as error:
        raise ValidationError(
            [
                Problem(
                    name,
                    None,
                    f"cannot decode byte {data[error.start]:#04x} at offset {error.start}",
                    "a CSV file in UTF-8 or Windows-1252",
                )
            ]
        ) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for values in reader:
            records.append((start, values))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValidationError(
            [
                Problem(
                    name, start, f"malformed CSV ({error})", "fields quoted with '\"' and closed before the line ends"
                )
            ]
        ) from None
    return records


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _xlsx_records(name: str, data: bytes, sheet: str | None) -> list[tuple[int, list[str]]]:
    try:
        # read_only streams rows; data_only=False returns a formula's text instead of a cached
        # result; a file object, because openpyxl refuses paths not ending in .xlsx/.xlsm.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises zip, XML, key and value errors for broken files
        raise ValidationError([Problem(name, None, f"cannot open as XLSX ({error})", "an .xlsx workbook")]) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ValidationError(
                [Problem(name, None, f"no sheet named {sheet!r}", "one of " + ", ".join(workbook.sheetnames))]
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        # some exporters write a wrong <dimension>; forget it so that every stored row is read
        worksheet.reset_dimensions()
        rows = enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1)
        return [(number, [_cell_text(value) for value in values]) for number, values in rows]
    except ValidationError:
        raise
    except Exception as error:  # a sheet's XML can be broken although the workbook opened
        raise ValidationError([Problem(name, None, f"cannot read the sheet ({error})", "an .xlsx workbook")]) from None
    finally:
        workbook.close()


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """Read ``path`` (CSV or XLSX) into a :class:`Table`.

    Raises :class:`ValidationError` when the file cannot be read or decoded, or is malformed
    CSV. An empty file gives a table without columns; a header-only file one without rows
    (the caller decides whether that is a problem).
    """
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            [Problem(name, None, f"cannot read file ({error.strerror})", "a readable file")]
        ) from None
    if path.suffix.lower() in _XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        records = _xlsx_records(name, data, sheet)
    else:
        records = _csv_records(name, data)
    stripped = ((line, [v.strip() for v in values]) for line, values in records)
    records = [(line, values) for line, values in stripped if any(values)]
    if not records:
        return Table(name, 1, (), (), ())
    header_line, header = records[0]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells are spreadsheet padding, not columns
    columns = tuple(
        Column(text, normalise(text).replace(" ", "_"), get_column_letter(index))
        for index, text in enumerate(header, start=1)
    )
    table = Table(name, header_line, columns, ())
    problems = [
        table.problem("empty column header", line=header_line, column=column, expected="a column name")
        for column in columns
        if not column.name
    ]
    seen: dict[str, Column] = {}
    for column in columns:
        if column.key and column.key in seen:
            problems.append(
                table.problem(
                    f"duplicate column header (also column {seen[column.key].letter})",
                    line=header_line,
                    column=column,
                    expected="each column once",
                )
            )
        seen.setdefault(column.key, column)
    rows = []
    for line, values in records[1:]:
        extra = [i for i in range(len(columns), len(values)) if values[i]]
        if extra:
            problems.append(
                Problem(
                    name,
                    line,
                    f"value in column {get_column_letter(extra[0] + 1)}, which has no header",
                    f"at most {len(columns)} values, one per header column",
                )
            )
        cells = tuple(Cell(values[i] if i < len(values) else "", line, column) for i, column in enumerate(columns))
        rows.append(Row(line, cells))
    return Table(name, header_line, columns, tuple(rows), tuple(problems))
