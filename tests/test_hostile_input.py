"""Hostile input (issue 13 item 3): every case goes through ``netkart ingest`` against the real
Neo4j holding a loaded round, and asserts the located message and that nothing was written.

The messages below are written out by hand from docs/survey-format.md ("Hostile input"), not
produced by the code under test.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from test_ingest_parse import counts, loaded  # noqa: F401 (a module fixture: the database with one round)

from ingest import SurveyFiles, load_round, read_round
from netkart.cli import main

ROSTER = "person_id,name,functions\np1,Åse,tjenester\np2,Bjørn,tildeling\np3,Cato,drift\n"
CONTACTS = "ego,alter,frequency\np1,p2,daglig\np2,p3,ukentlig\n"
RESPONSES = "person_id,p1,p2,p3\np1,,daglig,\np2,daglig,,ukentlig\n"

ZERO_WIDTH = {"zero-width space": "\u200b", "ZWNJ": "\u200c", "ZWJ": "\u200d", "word joiner": "\u2060"}
ZERO_WIDTH |= {"BOM inside": "\ufeff", "soft hyphen": "\u00ad"}
CONTROLS = ["\x01", "\x07", "\x08", "\x0e", "\x1b", "\x1f", "\x7f", "\x9b", "\u202e", "\u2066"]


def _xlsx(*sheets: tuple[str, str, list[list[str]]], merge: str | None = None) -> bytes:
    """A workbook of (title, state, rows) sheets; ``merge`` merges a range of the first visible sheet."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, state, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
        if merge and state == "visible":
            sheet.merge_cells(merge)
            merge = None
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


# name → (files: name → bytes, extra CLI args, expected message fragments)
Case = tuple[dict[str, bytes], list[str], list[str]]
CASES: dict[str, Case] = {}

for label, char in ZERO_WIDTH.items():
    CASES[f"{label} makes a duplicate id"] = (
        {"roster.csv": _utf8(ROSTER + f"p{char}2,Bodil,drift\n"), "contacts.csv": _utf8(CONTACTS)},
        [],
        ["roster.csv:5: column 'person_id' (A): duplicate person_id 'p2' (first on line 3)"],
    )

for upper, lower, line in (("P2", "p2", 3), ("STRASSE", "straße", 5), ("Ǆ1", "ǆ1", 5)):
    roster = ROSTER + (f"{lower},Dina,drift\n{upper},Eva,drift\n" if line == 5 else f"{upper},Bodil,drift\n")
    first, second = (lower, upper) if line == 5 else ("p2", upper)
    CASES[f"case-folded duplicate {upper}"] = (
        {"roster.csv": _utf8(roster), "contacts.csv": _utf8(CONTACTS)},
        [],
        [
            f"roster.csv:{line + 1 if line == 5 else 5}: column 'person_id' (A): duplicate person_id {second!r} "
            f"(first on line {line}, written {first!r} there; case is ignored)"
        ],
    )

CASES["NFD and NFC id are one id"] = (
    {"roster.csv": _utf8(ROSTER + "p\u00e5,Dina,drift\npa\u030a,Eva,drift\n"), "contacts.csv": _utf8(CONTACTS)},
    [],
    ["roster.csv:6: column 'person_id' (A): duplicate person_id 'p\u00e5' (first on line 5)"],
)

_CONTROL_EXPECTED = "expected text without invisible control characters"
for char in CONTROLS:
    CASES[f"control U+{ord(char):04X} in a name"] = (
        {"roster.csv": _utf8(ROSTER.replace("Bjørn", f"Bj{char}ørn")), "contacts.csv": _utf8(CONTACTS)},
        [],
        [
            f"roster.csv:3: column 'name' (B): control character U+{ord(char):04X} in {f'Bj{char}ørn'!r}; "
            + _CONTROL_EXPECTED
        ],
    )
for char in CONTROLS[:6]:
    CASES[f"control U+{ord(char):04X} in an ego"] = (
        {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS.replace("p2,p3", f"p{char}2,p3"))},
        [],
        [f"contacts.csv:3: column 'ego' (A): control character U+{ord(char):04X} in {f'p{char}2'!r}"],
    )
for char in CONTROLS[6:]:
    CASES[f"control U+{ord(char):04X} in a header"] = (
        {"roster.csv": _utf8(ROSTER.replace("name", f"na{char}me")), "contacts.csv": _utf8(CONTACTS)},
        [],
        [f"roster.csv:1: column 'na{repr(char)[1:-1]}me' (B): control character U+{ord(char):04X}"],
    )

CASES["NUL in a roster id"] = (
    {"roster.csv": _utf8(ROSTER.replace("p3,Cato", "p\x003,Cato")), "contacts.csv": _utf8(CONTACTS)},
    [],
    ["roster.csv:4: column 'person_id' (A): NUL byte in 'p\\x003'; expected text without invisible control"],
)
CASES["NUL in a frequency"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS.replace("ukentlig", "uke\x00ntlig"))},
    [],
    ["contacts.csv:3: column 'frequency' (C): NUL byte in 'uke\\x00ntlig'"],
)
CASES["NUL in a header"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS.replace("alter", "al\x00ter"))},
    [],
    ["contacts.csv:1: column 'al\\x00ter' (B): NUL byte in 'al\\x00ter'"],
)
CASES["NUL in a wide response cell"] = (
    {"roster.csv": _utf8(ROSTER), "responses.csv": _utf8(RESPONSES.replace("p2,daglig", "p2,dag\x00lig"))},
    [],
    ["responses.csv:3: column 'p1' (B): NUL byte in 'dag\\x00lig'"],
)
CASES["NUL in a value right of the header"] = (
    {"roster.csv": _utf8(ROSTER + "p4,Dina,drift,x\x00y\n"), "contacts.csv": _utf8(CONTACTS)},
    [],
    ["roster.csv:5: NUL byte in 'x\\x00y'", "roster.csv:5: value in column D, which has no header"],
)
CASES["file of NULs"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": b"ego,alter,frequency\n" + b"\x00" * 4000 + b"\n"},
    [],
    ["contacts.csv:2: column 'ego' (A): NUL byte in '\\x00\\x00"],
)
CASES["binary file (PNG) given as CSV"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR,\x00\x01,x\n"},
    [],
    ["contacts.csv:4: column '\\x00\\x01' (B): NUL byte"],
)

_INVALID_EXPECTED = "expected a file in one encoding: save it again as UTF-8"
for label, text, bad, where in (
    (
        "latin-1 byte in a name",
        ROSTER,
        ("Cato", b"C\xe5to"),
        "roster.csv:4: column 'name' (B): invalid UTF-8 byte 0xe5",
    ),
    (
        "byte 0xff in a function",
        ROSTER,
        ("drift", b"dr\xffift"),
        "roster.csv:4: column 'functions' (C): invalid UTF-8 byte 0xff",
    ),
    ("overlong slash", ROSTER, ("p3", b"p\xc0\xaf3"), "roster.csv:4: column 'person_id' (A): invalid UTF-8 byte 0xc0"),
    (
        "encoded surrogate",
        ROSTER,
        ("Cato", b"\xed\xa0\x80Cato"),
        "roster.csv:4: column 'name' (B): invalid UTF-8 byte 0xed",
    ),
    (
        "truncated sequence",
        ROSTER,
        ("tildeling", b"tildeling\xc3"),
        "roster.csv:3: column 'functions' (C): invalid UTF-8 byte 0xc3",
    ),
    ("invalid byte in the header", ROSTER, ("name", b"n\x81me"), "roster.csv:1: invalid UTF-8 byte 0x81"),
):
    CASES[f"mostly UTF-8: {label}"] = (
        {"roster.csv": _utf8(text).replace(bad[0].encode(), bad[1], 1), "contacts.csv": _utf8(CONTACTS)},
        [],
        [where, _INVALID_EXPECTED],
    )
CASES["mostly UTF-8 contacts, byte position named"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": b"ego,alter,frequency\np1,p2,m\xc3\xa5nedlig\np2,p3,m\xe5nedlig\n"},
    [],
    ["contacts.csv:3: column 'frequency' (C): invalid UTF-8 byte 0xe5 (byte 8 of the line); the rest of the file"],
)
CASES["UTF-16 cut in the middle of a character"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": "\ufeffego\talter\n\ud800".encode("utf-16-le", "surrogatepass")[:-1]},
    [],
    ["contacts.csv: invalid UTF-16 at byte"],
)

for name, text, where in (
    ("contacts.csv", CONTACTS + "p3,p1", "contacts.csv:4: column 'frequency' (C): the last row has 2 of 3 values"),
    ("roster.csv", ROSTER + "p4,Dina", "roster.csv:5: column 'functions' (C): the last row has 2 of 3 values"),
    ("responses.csv", RESPONSES + "p3,ukentlig", "responses.csv:4: column 'p2' (C): the last row has 2 of 4 values"),
):
    files = {"roster.csv": ROSTER, ("responses.csv" if name == "responses.csv" else "contacts.csv"): CONTACTS}
    files[name] = text
    if name == "responses.csv":
        files.pop("contacts.csv", None)
    CASES[f"short last row in {name}"] = (
        {key: _utf8(value) for key, value in files.items()},
        [],
        [where + " and no line end: the file looks cut off; expected a complete file"],
    )

_TOO_LARGE = "file is larger than the limit of {} MB; reading stopped there; expected a survey export below the limit"
CASES["endless stream"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": Path("/dev/zero")},
    [],
    [f"zero: {_TOO_LARGE.format(50)}"],
)
CASES["roster above a lowered limit"] = (
    {"roster.csv": _utf8(ROSTER * 20), "contacts.csv": _utf8(CONTACTS)},
    ["--max-size", "0.001"],
    [f"roster.csv: {_TOO_LARGE.format('0.001')}", "raise it with --max-size MB"],
)
CASES["contacts above a lowered limit"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS + "p3,p1,daglig\n" * 100)},
    ["--max-size", "0.001"],
    [f"contacts.csv: {_TOO_LARGE.format('0.001')}"],
)

_ROSTER_ROWS = [["person_id", "name", "functions"], ["p1", "Åse", "tjenester"], ["p2", "Bjørn", "tildeling"]]
for state in ("hidden", "veryHidden"):
    CASES[f"{state} first sheet"] = (
        {
            "roster.xlsx": _xlsx(("Skjult", state, [["x", "y"], ["1", "2"]]), ("Ark1", "visible", _ROSTER_ROWS)),
            "contacts.csv": _utf8("ego,alter,frequency\np1,p2,daglig\n"),
        },
        [],
        [
            f"roster.xlsx: the first sheet 'Skjult' is {state}, so it is not read silently; "
            f"expected --sheet naming the sheet to read: Skjult ({state}), Ark1"
        ],
    )
CASES["merged header cells"] = (
    {
        "roster.xlsx": _xlsx(
            ("Ark1", "visible", [["person_id", "name", "", "functions"], ["p1", "Åse", "", "tjenester"]]), merge="B1:C1"
        ),
        "contacts.csv": _utf8("ego,alter,frequency\np1,p1,\n"),
    },
    [],
    [
        "roster.xlsx:1: column 'name' (B): cells B1:C1 are merged; "
        "expected one header per column: unmerge them, or give --header-row"
    ],
)

CASES["duplicate respondent rows by case"] = (
    {"roster.csv": _utf8(ROSTER), "responses.csv": _utf8(RESPONSES + "P1,,,ukentlig\n")},
    [],
    ["responses.csv:4: column 'person_id' (A): duplicate respondent row for 'p1' (first on line 2)"],
)
CASES["same pair twice by case"] = (
    {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS + "P1,P2,weekly\n")},
    [],
    ["contacts.csv:4: column 'alter' (B): pair 'p1' → 'p2' given twice (first on line 2)"],
)
CASES["second column for one person by case"] = (
    {"roster.csv": _utf8(ROSTER), "responses.csv": _utf8("person_id,p1,p2,P2\np1,,daglig,\n")},
    [],
    ["responses.csv:1: column 'P2' (D): person 'p2' has a second column (first in C)"],
)
for label, char in list(ZERO_WIDTH.items())[:2]:
    CASES[f"{label} hides an unknown alter"] = (
        {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS + f"p1,p9{char},daglig\n")},
        [],
        ["contacts.csv:4: column 'alter' (B): alter 'p9' is not on the roster"],
    )

MUNICIPALITY_CASES = {
    "control character in the municipality": (
        ["--municipality", "Fjord\x07vik"],
        "municipality 'Fjord\\x07vik' holds a control character U+0007",
    ),
    "NUL in the round label": (["--round", "20\x0015"], "round label '20\\x0015' holds a NUL byte"),
    "round label only invisible": (["--round", "\u200b\u2060"], "round label must not be empty"),
}


def _write(folder: Path, files: dict[str, bytes | Path]) -> dict[str, Path]:
    paths = {}
    for name, content in files.items():
        if isinstance(content, Path):
            paths[name] = content
        else:
            paths[name] = folder / name
            paths[name].write_bytes(content)
    return paths


def _ingest(paths: dict[str, Path], extra: list[str], **overrides: str) -> int:
    roster = next(path for name, path in paths.items() if name.startswith("roster"))
    args = ["ingest", "--municipality", overrides.get("municipality", "Fjordvik")]
    args += ["--round", overrides.get("round", "2015"), "--roster", str(roster)]
    for prefix, option in (("contacts", "--contacts"), ("responses", "--responses"), ("political", "--political")):
        args += [item for name, path in paths.items() if name.startswith(prefix) for item in (option, str(path))]
    return main([*args, *extra])


def test_the_table_has_at_least_60_cases():
    assert len(CASES) + len(MUNICIPALITY_CASES) >= 60


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_hostile_file_is_refused_with_a_located_message_and_nothing_written(case, driver, tmp_path, capsys):
    files, extra, expected = CASES[case]
    before = counts(driver)
    assert _ingest(_write(tmp_path, files), extra) != 0
    error = capsys.readouterr().err
    for text in expected:
        assert text in error
    assert counts(driver) == before


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("case", MUNICIPALITY_CASES, ids=list(MUNICIPALITY_CASES))
def test_hostile_labels_are_refused_and_nothing_written(case, driver, tmp_path, capsys):
    args, expected = MUNICIPALITY_CASES[case]
    paths = _write(tmp_path, {"roster.csv": _utf8(ROSTER), "contacts.csv": _utf8(CONTACTS)})
    before = counts(driver)
    overrides = dict(zip([a.lstrip("-") for a in args[::2]], args[1::2], strict=True))
    assert _ingest(paths, [], **overrides) != 0
    assert expected in capsys.readouterr().err
    assert counts(driver) == before


def test_ids_labels_and_names_are_compared_in_nfc_without_invisible_characters(clean_db, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("person_id,name,functions\nP1,A\u030ase,tjenester\np\u200b2,Bjørn,tildeling\n", encoding="utf-8")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("ego,alter,frequency\np1,p2,daglig\np2,P1\u2060,ukentlig\n", encoding="utf-8")
    for municipality in ("A\u030asen", "\u00c5sen\u200b"):
        load_round(clean_db, read_round(SurveyFiles(municipality, "2013", roster, contacts)))
    rows = clean_db.execute_query(
        "MATCH (m:Municipality)<-[:BELONGS_TO]-(:Person) RETURN m.name AS m, count(*) AS n"
    ).records
    assert [(r["m"], r["n"]) for r in rows] == [("\u00c5sen", 2)]
    persons = clean_db.execute_query("MATCH (p:Person) RETURN p.person_id AS id, p.name AS name ORDER BY id").records
    assert [(r["id"], r["name"]) for r in persons] == [("P1", "\u00c5se"), ("p2", "Bjørn")]
    ties = clean_db.execute_query(
        "MATCH (a:Person)-[r]->(b:Person) RETURN a.person_id + '>' + b.person_id AS t"
    ).records
    assert sorted(r["t"] for r in ties) == ["P1>p2", "p2>P1"]


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (ROSTER.encode("utf-8"), "CSV, UTF-8, ',' separated"),
        (b"\xef\xbb\xbf" + ROSTER.encode("utf-8"), "CSV, UTF-8 with BOM, ',' separated"),
        (ROSTER.replace(",", ";").encode("cp1252"), "CSV, Windows-1252 (not UTF-8), ';' separated"),
        (("\ufeff" + ROSTER.replace(",", "\t")).encode("utf-16-le"), "CSV, UTF-16, tab separated"),
    ],
)
def test_summary_says_which_encoding_was_used(content, encoding, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(CONTACTS, encoding="utf-8")
    parsed = read_round(SurveyFiles("X", "1", roster, contacts))
    assert parsed.notes[0] == f"roster.csv: {encoding}"
    assert [p.name for p in parsed.persons] == ["Åse", "Bjørn", "Cato"]
