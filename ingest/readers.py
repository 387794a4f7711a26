"""Read survey exports (CSV or XLSX) into tables of text columns that know where they came from.

Every cell is kept as **text**: XLSX formulas are read as their formula text and never
evaluated, and a cell starting with ``=``, ``+``, ``-`` or ``@`` is an ordinary string
(nothing here or downstream interprets it). The table knows each data row's line (the
physical line a CSV record starts on, the row number of an XLSX sheet) and each column's
header name and spreadsheet letter, so a validation problem can point at any cell.

Every cell is put in Unicode NFC with zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner,
BOM, soft hyphen) removed; a cell holding a NUL byte or another control character (C0 but
tab and line ends, DEL, C1, bidirectional overrides) is a problem at its line and column.

CSV files
    The delimiter is the one of ``,``, ``;`` and tab that occurs most often on one of the
    first lines (Norwegian Excel writes semicolons, its "Unicode text" tabs). Bytes are
    decoded as UTF-8 (a byte-order mark is dropped), UTF-16 when they start with its
    byte-order mark, and as Windows-1252 only when the file is not UTF-8 at all: a file with
    well-formed UTF-8 sequences and an invalid byte is a problem at that byte's line and
    column. A last record shorter than the header without a line end is a cut-off file.
XLSX files
    The first sheet (a hidden one is refused, never read silently), or the sheet named by
    ``sheet``. Numbers that are whole (``101.0``) are read as ``"101"`` because person ids
    are often typed as numbers. Merged cells in the header row are a problem naming the range.

Files larger than ``max_bytes`` (default 50 MB) are refused after reading that much, so an
endless stream stops early. Blank lines/rows are skipped; the header is the first line with
two or more values among the first 20 (a single value above it is a title; the table's
``notes`` say so), or the line ``header_row``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from ingest.errors import Problem, ValidationError
from ingest.vocabulary import normalise

__all__ = ["DEFAULT_MAX_BYTES", "Column", "Table", "clean_text", "control_character", "read_table"]

_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


@dataclass(frozen=True)
class Column:
    """A header cell: its text as written, its normalised key and its spreadsheet letter."""

    name: str
    key: str
    letter: str


@dataclass(frozen=True)
class Table:
    """A file's header and data rows, held column by column; ``name`` is the file name used in problems.

    ``values[c][r]`` is the text of column ``c`` on data row ``r`` (stripped of surrounding
    whitespace; missing trailing cells are empty) and ``lines[r]`` the line that row is on.
    Columns rather than rows of cell objects: a national-scale file has millions of cells, and
    validation checks a column's distinct values once and locates only the failing cells.
    ``problems`` are structural problems found while reading (empty or duplicate headers,
    values right of the last header) that do not stop the rest of the file being checked.
    """

    name: str
    header_line: int
    columns: tuple[Column, ...]
    lines: tuple[int, ...] = ()
    values: tuple[tuple[str, ...], ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    def problem(
        self,
        message: str,
        *,
        at: tuple[int, int] | None = None,
        line: int | None = None,
        column: Column | None = None,
        expected: str | None = None,
    ) -> Problem:
        """A problem at the cell ``at`` (data row, column index), or at ``line``/``column``."""
        if at is not None:
            line, column = self.lines[at[0]], self.columns[at[1]]
        return Problem(
            file=self.name,
            line=line,
            message=message,
            expected=expected,
            column=column.name if column else None,
            letter=column.letter if column else None,
        )


#: Default size limit of an input file; ``--max-size`` raises it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Invisible characters that survey tools and copy-paste leave in ids and names: removed, so
# that "p1" and "p1<zero-width space>" are the same id (and then a duplicate).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Control characters (C0 but tab/line ends, DEL, C1, bidirectional overrides) are reported,
# never silently dropped: they change what a reader sees without showing themselves.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A well-formed multi-byte UTF-8 sequence: a file holding one was meant as UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "tab"}
#: How many leading non-blank records header-row detection looks at.
_HEADER_SEARCH = 20


def clean_text(text: str) -> str:
    """``text`` in NFC with zero-width characters removed: the form every cell is compared in."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text.translate(_ZERO_WIDTH))


def control_character(text: str) -> str | None:
    """A description of the first control character in ``text``, or ``None``."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    return "NUL byte" if char == "\x00" else f"control character U+{ord(char):04X}"


def _delimiter(lines: list[str]) -> str:
    """The delimiter occurring most often on one line among the first lines (``,`` on a tie)."""
    best = {d: max((line.count(d) for line in lines), default=0) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: (best[d], -_DELIMITERS.index(d)))


def _invalid_utf8(name: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """The problem of a mostly-UTF-8 file with an invalid byte: located at its line and column."""
    line_start = data.rfind(b"\n", 0, error.start) + 1
    line = data.count(b"\n", 0, error.start) + 1
    before = data[line_start : error.start].decode("utf-8", "replace")
    # A lone carriage return ends a line too (old Mac exports); the csv module refuses one inside a line.
    first_line = re.split(r"[\r\n]", data.decode("utf-8", "replace"), maxsplit=1)[0]
    delimiter = _delimiter([first_line])
    index = before.count(delimiter)
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    return Problem(
        name,
        line,
        f"invalid UTF-8 byte {data[error.start]:#04x} (byte {error.start - line_start + 1} of the line); "
        "the rest of the file is UTF-8",
        "a file in one encoding: save it again as UTF-8 (Excel: 'CSV UTF-8'), or fix the character",
        column=header[index].strip() if line > 1 and index < len(header) else None,
        letter=get_column_letter(index + 1),
    )


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of the encoding it was read in."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "UTF-8 with BOM"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise ValidationError(
                [Problem(name, None, f"invalid UTF-16 at byte {error.start}", "a complete UTF-16 file")]
            ) from None
    else:
        encoding = "UTF-8"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError as error:
        if encoding != "UTF-8" or _UTF8_SEQUENCE.search(data):
            raise ValidationError([_invalid_utf8(name, data, error)]) from None
    try:
        return data.decode("cp1252"), "Windows-1252 (not UTF-8)"
    except UnicodeDecodeError as error:
        raise ValidationError(
            [
                Problem(
                    name,
                    data.count(b"\n", 0, error.start) + 1,
                    f"cannot decode byte {data[error.start]:#04x} at offset {error.start}",
                    "a CSV file in UTF-8 or Windows-1252",
                )
            ]
        ) from None


@dataclass(frozen=True)
class _Records:
    """A file's raw records (physical line, values) and how it was read."""

    records: list[tuple[int, list[str]]]
    described: str
    complete_last_line: bool = True
    merged: tuple[str, ...] = ()
    # whether a cell may hold a control character: a CSV file is searched once, as a whole
    controls: bool = True
    # whether every cell is ASCII, so needs no normalising: a CSV file is checked once, as a whole
    ascii: bool = False


def _csv_records(name: str, data: bytes) -> _Records:
    text, encoding = _decode(name, data)
    lines = [line for line in text.splitlines()[: 4 * _HEADER_SEARCH] if line.strip()][:_HEADER_SEARCH]
    delimiter = _delimiter(lines)
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
    described = f"CSV, {encoding}, {_DELIMITER_NAMES[delimiter]} separated"
    return _Records(
        records,
        described,
        text.endswith(("\n", "\r")),
        controls=_CONTROL.search(text) is not None,
        ascii=text.isascii(),
    )


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


def _merged_ranges(data: bytes, worksheet_path: str) -> tuple[str, ...]:
    """The merged cell ranges of a sheet (``A1:F1``), read from its XML.

    openpyxl's streaming reader does not report merged cells; they are listed in one element
    at the end of the sheet's XML.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(worksheet_path.lstrip("/"))
    return tuple(match.decode() for match in _MERGE_CELL.findall(xml))


def _xlsx_records(name: str, data: bytes, sheet: str | None) -> _Records:
    try:
        # read_only streams rows; data_only=False returns a formula's text instead of a cached
        # result; a file object, because openpyxl refuses paths not ending in .xlsx/.xlsm.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises zip, XML, key and value errors for broken files
        raise ValidationError([Problem(name, None, f"cannot open as XLSX ({error})", "an .xlsx workbook")]) from None
    try:
        sheets = ", ".join(
            ws.title + ("" if ws.sheet_state == "visible" else f" ({ws.sheet_state})") for ws in workbook.worksheets
        )
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ValidationError([Problem(name, None, f"no sheet named {sheet!r}", "one of " + sheets)])
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        if sheet is None and worksheet.sheet_state != "visible":
            raise ValidationError(
                [
                    Problem(
                        name,
                        None,
                        f"the first sheet {worksheet.title!r} is {worksheet.sheet_state}, so it is not read silently",
                        f"--sheet naming the sheet to read: {sheets}",
                    )
                ]
            )
        # some exporters write a wrong <dimension>; forget it so that every stored row is read
        worksheet.reset_dimensions()
        rows = enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1)
        records = [(number, [_cell_text(value) for value in values]) for number, values in rows]
        merged = _merged_ranges(data, worksheet._worksheet_path)
        return _Records(records, f"XLSX, sheet {worksheet.title!r}", merged=merged)
    except ValidationError:
        raise
    except Exception as error:  # a sheet's XML can be broken although the workbook opened
        raise ValidationError([Problem(name, None, f"cannot read the sheet ({error})", "an .xlsx workbook")]) from None
    finally:
        workbook.close()


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of the file; reading stops there, so an endless stream ends early."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise ValidationError(
            [Problem(name, None, f"cannot read file ({error.strerror})", "a readable file")]
        ) from None
    if len(data) > max_bytes:
        limit = f"{round(max_bytes / 1024 / 1024, 3):g} MB"
        raise ValidationError(
            [
                Problem(
                    name,
                    None,
                    f"file is larger than the limit of {limit}; reading stopped there",
                    "a survey export below the limit; raise it with --max-size MB if the file is really this large",
                )
            ]
        )
    return data


def _header_index(records: list[tuple[int, list[str]]], header_row: int | None) -> int:
    """Index in ``records`` of the header: ``header_row`` when given, else the first record of
    the first lines with two or more values (one value above the grid is a title)."""
    if header_row is not None:
        return next((i for i, (line, _) in enumerate(records) if line >= header_row), len(records))
    for index, (_, values) in enumerate(records[:_HEADER_SEARCH]):
        if sum(1 for value in values if value) >= 2:
            return index
    return 0


def _merged_in_row(merged: tuple[str, ...], line: int) -> list[tuple[int, int, str]]:
    """Merged ranges that cover ``line``: (first column, last column, range), 1-based columns."""
    found = []
    for cell_range in merged:
        min_col, min_row, max_col, max_row = range_boundaries(cell_range)
        if min_row <= line <= max_row and max_col > min_col:
            found.append((min_col, max_col, cell_range))
    return found


def read_table(
    path: Path, *, sheet: str | None = None, header_row: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Table:
    """Read ``path`` (CSV or XLSX) into a :class:`Table`.

    Parameters
    ----------
    path : Path
        The file; ``.xlsx``/``.xlsm`` or a zip archive is a workbook, anything else CSV.
    sheet : str, optional
        The workbook sheet to read (default the first, which must be visible).
    header_row : int, optional
        The header's line/row number; by default the first line with two or more values
        among the first lines (a single value above the grid is a title).
    max_bytes : int
        Files larger than this are refused before they are parsed.

    Raises :class:`ValidationError` when the file cannot be read or decoded, is too large, or
    is malformed CSV. An empty file gives a table without columns; a header-only file one
    without rows (the caller decides whether that is a problem).
    """
    path = Path(path)
    name = path.name
    data = _read_bytes(path, name, max_bytes)
    if path.suffix.lower() in _XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        read = _xlsx_records(name, data, sheet)
    else:
        read = _csv_records(name, data)
    if read.ascii:  # nothing to normalise: the common case, checked once for the whole file
        cleaned = ((line, [v.strip() for v in values]) for line, values in read.records)
    else:
        cleaned = (
            (line, [v.strip() if v.isascii() else clean_text(v).strip() for v in values])
            for line, values in read.records
        )
    records = [(line, values) for line, values in cleaned if any(values)]
    if not records:
        return Table(name, 1, (), notes=(read.described,))
    start = _header_index(records, header_row)
    if start == len(records):
        return Table(name, header_row or 1, (), notes=(read.described,))
    header_line, header = records[start]
    notes = [read.described]
    if header_row is not None:
        notes.append(f"header on row {header_line} (--header-row)")
    elif start:
        titles = [str(line) for line, _ in records[:start]]
        looks = "row {} looks like a title" if len(titles) == 1 else "rows {} look like titles"
        notes.append(f"header on row {header_line}; {looks.format(', '.join(titles))}, skipped")
    while header and not header[-1]:
        header.pop()  # trailing empty header cells are spreadsheet padding, not columns
    columns = tuple(
        Column(_visible(text), normalise(text).replace(" ", "_"), get_column_letter(index))
        for index, text in enumerate(header, start=1)
    )
    table = Table(name, header_line, columns)
    problems: list[Problem] = []
    merged_columns: set[int] = set()
    for first, last, cell_range in _merged_in_row(read.merged, header_line):
        merged_columns.update(range(first, last + 1))
        problems.append(
            Problem(
                name,
                header_line,
                f"cells {cell_range} are merged",
                "one header per column: unmerge them, or give --header-row with the row of the headers",
                column=columns[first - 1].name if first <= len(columns) else None,
                letter=get_column_letter(first),
            )
        )
    problems.extend(
        table.problem("empty column header", line=header_line, column=column, expected="a column name")
        for index, column in enumerate(columns, start=1)
        if not column.name and index not in merged_columns
    )
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
    width = len(columns)
    lines: list[int] = []
    rows: list[list[str]] = []
    for line, values in records[start:]:
        if read.controls:
            problems.extend(_control_problems(table, line, values))
        if line == header_line:
            continue
        if len(values) != width:
            extra = [i for i in range(width, len(values)) if values[i]]
            if extra:
                problems.append(
                    Problem(
                        name,
                        line,
                        f"value in column {get_column_letter(extra[0] + 1)}, which has no header",
                        f"at most {width} values, one per header column",
                    )
                )
            values = (values + [""] * width)[:width]
        lines.append(line)
        rows.append(values)
    # one transposition in C instead of a cell object per value
    by_column = tuple(zip(*rows, strict=True)) if rows else tuple(() for _ in columns)
    last_line, last_values = records[-1]
    if rows and not read.complete_last_line and len(last_values) < len(columns):
        problems.append(
            Problem(
                name,
                last_line,
                f"the last row has {len(last_values)} of {len(columns)} values and no line end: the file looks cut off",
                "a complete file: export it again",
                column=columns[len(last_values)].name,
                letter=columns[len(last_values)].letter,
            )
        )
    return Table(name, header_line, columns, tuple(lines), by_column, tuple(problems), tuple(notes))


def _visible(text: str) -> str:
    """``text`` with control characters escaped (``\\x07``): a header is shown in messages, and a
    raw U+202E or escape sequence would rewrite the terminal line it is printed on."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text) if _CONTROL.search(text) else text


def _control_problems(table: Table, line: int, values: list[str]) -> list[Problem]:
    """A problem for each cell of a record holding a NUL byte or another control character."""
    problems = []
    for index, value in enumerate(values):
        found = control_character(value)
        if found is not None:
            column = table.columns[index] if index < len(table.columns) else None
            problems.append(
                Problem(
                    table.name,
                    line,
                    f"{found} in {value!r}",
                    "text without invisible control characters (remove it; a NUL byte means a damaged or binary file)",
                    column=column.name if column else None,
                    letter=column.letter if column else get_column_letter(index + 1),
                )
            )
    return problems
