"""Parsing and validation of survey files (ingest.readers, ingest.vocabulary, ingest.survey).

Bad input goes through the real ``netkart ingest`` command against the real Neo4j, which
already holds a loaded round: each case asserts the problem text (file, line, column,
expected), a non-zero exit, and that node and relationship counts are unchanged.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import wipe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cypher.model import CONTACT_TYPES, FREQUENCIES, FUNCTIONS
from ingest import SurveyFiles, ValidationError, load_round, read_round
from ingest.vocabulary import (
    CONTACT_TYPE_LABELS,
    FREQUENCY_LABELS,
    is_no_answer,
    parse_body,
    parse_frequency,
    parse_function,
    parse_responded,
    slug,
)
from netkart.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ROSTER = (FIXTURES / "roster.csv").read_text(encoding="utf-8")


def counts(driver) -> tuple[int, int]:
    nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
    relationships = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
    return nodes, relationships


@pytest.fixture(scope="module")
def loaded(driver):
    """The database with one round loaded, so "unchanged" is checked against real data."""
    wipe(driver)
    load_round(driver, read_round(SurveyFiles("Fjordvik", "2013", FIXTURES / "roster.csv", FIXTURES / "contacts.csv")))
    return driver


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


# -- vocabulary ----------------------------------------------------------------------------


def test_frequency_labels_cover_the_model_and_ignore_case_and_spaces():
    assert set(FREQUENCY_LABELS.values()) - {None} == set(FREQUENCIES)
    assert parse_frequency("  DAGLIG ") == "daily"
    assert parse_frequency("Less   Often") == "less_often"
    assert parse_frequency("Månedlig") == "monthly"
    assert parse_frequency("aldri") is None
    assert parse_frequency("Never") is None


def test_nynorsk_and_no_answer_labels():
    assert [parse_frequency(label) for label in ("dagleg", "Vekentleg", "kvar  veke", "månadleg", "sjeldnare")] == [
        "daily",
        "weekly",
        "weekly",
        "monthly",
        "less_often",
    ]
    assert [parse_function(label).key for label in ("tenester", "verkemiddel", "bustadsosial planlegging")] == [
        "services",
        "instruments",
        "housing_planning",
    ]
    assert [parse_function(label).key for label in ("rådgjeving", "brukarar", "anna")] == [
        "counselling",
        "users",
        "other",
    ]
    assert parse_body("Ordførar")[0] == "mayor"
    assert CONTACT_TYPE_LABELS["fagleg diskusjon"] == "professional"
    for label in ("", "Vet ikke", "veit ikkje", "ikke aktuelt", "IKKJE AKTUELT", "ubesvart"):
        assert is_no_answer(label)
    assert not is_no_answer("aldri")


def test_function_labels_norwegian_english_and_keys():
    for function in FUNCTIONS:
        assert parse_function(function.nb).key == function.key
        assert parse_function(function.en.upper()).key == function.key
    assert parse_function("Boligsosial   planlegging").key == "housing_planning"
    assert parse_function("Annet").key == "other"
    with pytest.raises(ValueError, match="did you mean 'tjenester'"):
        parse_function("tjenster")
    new = parse_function("Bolig  for  flyktninger", allow_new=True)
    assert (new.key, new.nb) == ("bolig_for_flyktninger", "Bolig for flyktninger")


def test_bodies_contact_types_and_responded():
    assert parse_body(" ordfører ") == ("mayor", "ordfører", "mayor")
    assert parse_body("Formannskapet")[0] == "executive_committee"
    assert parse_body("Bystyre")[2] == parse_body("kommunestyre")[2] == "council"
    assert parse_body("Helse- og  omsorgsutvalget") == (
        "helse_og_omsorgsutvalget",
        "Helse- og omsorgsutvalget",
        "committee",
    )
    assert set(CONTACT_TYPE_LABELS.values()) == set(CONTACT_TYPES)
    assert [parse_responded(v) for v in ("Ja", "nei", "YES", "no", "1", "0")] == [True, False] * 3
    assert slug("Plan-, bygg- og miljøutvalg") == "plan_bygg_og_miljoutvalg"


# -- encodings, layouts, formats -----------------------------------------------------------


def xlsx_from_csv(source: Path, target: Path, *, sheet: str = "Ark1", extra_sheet: bool = False) -> Path:
    workbook = Workbook()
    if extra_sheet:
        workbook.active.title = "Forside"
        workbook.active.append(["dette er ikke data"])
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet = workbook.active
        worksheet.title = sheet
    for values in csv.reader(io.StringIO(source.read_text(encoding="utf-8"))):
        worksheet.append(values)
    workbook.save(target)
    return target


def test_encodings_and_xlsx_parse_to_the_same_round(tmp_path):
    contacts = FIXTURES / "contacts.csv"
    rounds = [
        read_round(SurveyFiles("Fjordvik", "2013", roster, contacts))
        for roster in (
            FIXTURES / "roster.csv",
            FIXTURES / "roster_bom.csv",
            FIXTURES / "roster_windows1252.csv",
            xlsx_from_csv(FIXTURES / "roster.csv", tmp_path / "roster.xlsx"),
        )
    ]
    assert (FIXTURES / "roster_windows1252.csv").read_bytes().count(b";") > 10
    assert rounds[0].persons[0].name == "Åse Ødegård"
    assert rounds[0].persons[1].name == "Bjørn Æsøy"
    assert rounds[0].persons[0].unit == "Tildelingskontoret"
    for other in rounds[1:]:
        assert other.persons == rounds[0].persons
        assert other.checksum == rounds[0].checksum


def test_xlsx_sheet_option_and_contacts_in_xlsx(tmp_path):
    roster = xlsx_from_csv(FIXTURES / "roster.csv", tmp_path / "roster.xlsx", sheet="Deltakere", extra_sheet=True)
    contacts = xlsx_from_csv(FIXTURES / "contacts.csv", tmp_path / "contacts.xlsx", sheet="Deltakere")
    parsed = read_round(SurveyFiles("Fjordvik", "2013", roster, contacts, sheet="Deltakere"))
    expected = read_round(SurveyFiles("Fjordvik", "2013", FIXTURES / "roster.csv", FIXTURES / "contacts.csv"))
    assert parsed.checksum == expected.checksum


def test_long_and_wide_layouts_give_the_same_round():
    long = read_round(
        SurveyFiles(
            "Fjordvik", "2013", FIXTURES / "roster.csv", FIXTURES / "contacts.csv", political=FIXTURES / "political.csv"
        )
    )
    wide = read_round(
        SurveyFiles(
            "Fjordvik",
            "2013",
            FIXTURES / "roster.csv",
            responses=FIXTURES / "responses.csv",
            political=FIXTURES / "political_wide.csv",
        )
    )
    assert set(long.contacts) == set(wide.contacts)
    assert long.persons == wide.persons
    assert set(long.political) == set(wide.political)
    assert long.checksum == wide.checksum
    # hand count of contacts.csv: never and empty answers are no ties
    assert long.contacts_per_frequency == {"daily": 2, "weekly": 3, "monthly": 1, "less_often": 1}
    assert {(a.person_id, a.body_key, a.contact_type) for a in long.political} == {
        ("p01", "mayor", "information"),
        ("p01", "executive_committee", "professional"),
        ("p02", "helse_og_omsorgsutvalget", "information"),
        ("p04", "council", "political"),
    }


def test_respondent_rule(tmp_path):
    parsed = read_round(SurveyFiles("Fjordvik", "2013", FIXTURES / "roster.csv", FIXTURES / "contacts.csv"))
    responded = {p.person_id: p.responded for p in parsed.persons}
    # p01/p02 say ja, p03 says nei; p04-p06 have no value and answer as ego (p05 only "aldri")
    assert responded == {"p01": True, "p02": True, "p03": False, "p04": True, "p05": True, "p06": True}
    roster = write(tmp_path, "roster.csv", "person_id,functions\np01,drift\np02,drift\np03,drift\n")
    # p02 answered "aldri" once: a respondent; p01's whole contact block is empty or "vet ikke":
    # did not answer the contact question, a non-respondent like p03 who has no row
    wide = write(tmp_path, "responses.csv", "person_id,p01,p02,p03\np02,aldri,,\np03,daglig,,\np01,,vet ikke,\n")
    parsed = read_round(SurveyFiles("X", "1", roster, responses=wide))
    assert [p.responded for p in parsed.persons] == [False, True, True]
    assert parsed.response_rate == pytest.approx(2 / 3)
    assert "responses.csv: 1 respondent(s) left the whole contact block empty" in "\n".join(parsed.notes)


def test_formula_like_cells_stay_text(tmp_path, loaded):
    text = (
        'person_id,name,functions,unit,role\n=1+1,"=HYPERLINK(""http://x"")",drift,+47 22 00 00 00,-leder\n'
        "@p2,@navn,drift,,\n"
    )
    roster_csv = write(tmp_path, "roster.csv", text)
    contacts = write(tmp_path, "contacts.csv", "ego,alter,frequency\n=1+1,@p2,daglig\n")
    parsed = read_round(SurveyFiles("Formelby", "1", roster_csv, contacts))
    first = parsed.persons[0]
    assert (first.person_id, first.name, first.unit, first.role) == (
        "=1+1",
        '=HYPERLINK("http://x")',
        "+47 22 00 00 00",
        "-leder",
    )
    workbook = Workbook()
    workbook.active.append(["person_id", "name", "functions"])
    workbook.active.append(["=1+1", "=SUM(A1:A3)", "drift"])
    workbook.active.append(["@p2", "@navn", "drift"])
    workbook.save(tmp_path / "roster.xlsx")
    from_xlsx = read_round(SurveyFiles("X", "1", tmp_path / "roster.xlsx", contacts))
    assert from_xlsx.persons[0].name == "=SUM(A1:A3)"
    load_round(loaded, parsed)
    stored = loaded.execute_query(
        "MATCH (p:Person {municipality: 'Formelby'}) RETURN p.person_id AS id, p.name AS name ORDER BY id"
    ).records
    assert [(r["id"], r["name"]) for r in stored] == [("=1+1", '=HYPERLINK("http://x")'), ("@p2", "@navn")]


# -- bad input: every problem, located, nothing written ------------------------------------

ROSTER_OK = "person_id,name,functions\np1,Åse,tjenester\np2,Bjørn,tildeling\np3,Cato,drift\n"
CONTACTS_OK = "ego,alter,frequency\np1,p2,daglig\np2,p3,ukentlig\n"

BAD_CASES = {
    "unknown frequency": (
        {"roster.csv": ROSTER_OK, "contacts.csv": "ego,alter,frequency\np1,p2,daglig\np2,p1,dagli\n"},
        [
            "contacts.csv:3: column 'frequency' (C): unknown frequency label 'dagli' (did you mean 'daglig'?); "
            "expected one of daglig/daily, ukentlig/weekly"
        ],
    ),
    "unknown function": (
        {
            "roster.csv": ROSTER_OK.replace("p2,Bjørn,tildeling", "p2,Bjørn,tildeling;tjenster"),
            "contacts.csv": CONTACTS_OK,
        },
        [
            "roster.csv:3: column 'functions' (C): unknown function label 'tjenster' (did you mean 'tjenester'?); "
            "expected one of tjenester, tildeling"
        ],
    ),
    "ego and alter not on roster": (
        {"roster.csv": ROSTER_OK, "contacts.csv": "ego,alter,frequency\np1,p2,daglig\np9,p1,daglig\np1,p8,weekly\n"},
        [
            "contacts.csv:3: column 'ego' (A): ego 'p9' is not on the roster; expected a person_id of roster.csv",
            "contacts.csv:4: column 'alter' (B): alter 'p8' is not on the roster; expected a person_id of roster.csv",
        ],
    ),
    "duplicate person ids": (
        {"roster.csv": ROSTER_OK + "p2,Bodil,drift\n", "contacts.csv": CONTACTS_OK},
        [
            "roster.csv:5: column 'person_id' (A): duplicate person_id 'p2' (first on line 3); "
            "expected each person once on the roster"
        ],
    ),
    "self-contact long": (
        {"roster.csv": ROSTER_OK, "contacts.csv": "ego,alter,frequency\np1,p2,daglig\np3,p3,daglig\n"},
        ["contacts.csv:3: column 'alter' (B): self-contact: 'p3' names themself; expected an alter other than the ego"],
    ),
    "same pair twice": (
        {"roster.csv": ROSTER_OK, "contacts.csv": "ego,alter,frequency\np1,p2,daglig\np2,p1,daglig\np1,p2,weekly\n"},
        [
            "contacts.csv:4: column 'alter' (B): pair 'p1' → 'p2' given twice (first on line 2); "
            "expected each ego–alter pair once"
        ],
    ),
    "duplicate respondent rows": (
        {"roster.csv": ROSTER_OK, "responses.csv": "person_id,p1,p2,p3\np1,,daglig,\np2,daglig,,\np1,,,ukentlig\n"},
        [
            "responses.csv:4: column 'person_id' (A): duplicate respondent row for 'p1' (first on line 2); "
            "expected one row per respondent"
        ],
    ),
    "self-contact wide": (
        {"roster.csv": ROSTER_OK, "responses.csv": "person_id,p1,bjørn,p3\np2,daglig,ukentlig,\n"},
        [
            "responses.csv:2: column 'bjørn' (C): self-contact: 'p2' names themself; "
            "expected an empty cell in the respondent's own column"
        ],
    ),
    "wide headers matching no one": (
        {
            "roster.csv": ROSTER_OK,
            "responses.csv": "person_id,p1,Bjørn,Per Hansen,p3,Pål Ås\np1,,daglig,ukentlig,,Aldri\n",
        },
        [
            "responses.csv:1: header(s) matching no roster person: 'Per Hansen' (D), 'Pål Ås' (F); "
            "expected a person_id or name from roster.csv, or --ignore-columns for columns to skip"
        ],
    ),
    "empty file": (
        {"roster.csv": ROSTER_OK, "contacts.csv": ""},
        ["contacts.csv: file is empty; expected a header row and at least one data row"],
    ),
    "header-only file": (
        {"roster.csv": "person_id;functions\r\n", "contacts.csv": CONTACTS_OK},
        ["roster.csv:1: file has a header but no data rows; expected at least one data row"],
    ),
    "missing required columns": (
        {"roster.csv": "id,navn\np1,Åse\n", "contacts.csv": "ego,mottaker,frekvens\np1,p2,daglig\n"},
        [
            "roster.csv:1: missing required column(s) functions; expected a header row with the columns person_id, "
            "functions",
            "contacts.csv:1: missing required column(s) alter; expected a header row with the columns ego, alter, "
            "frequency",
        ],
    ),
    "political problems": (
        {
            "roster.csv": ROSTER_OK,
            "contacts.csv": CONTACTS_OK,
            "political.csv": "person_id,body,contact_type,frequency\np1,Ordfører,sladder,daglig\n"
            "p1,ordfører,informasjonsutveksling,ukentlig\np1,Ordfører,information exchange,daily\n",
        },
        [
            "political.csv:2: column 'contact_type' (C): unknown contact type 'sladder'; expected one of "
            "informasjonsutveksling/information exchange",
            "political.csv:4: column 'body' (B): 'p1' gives information contact with 'Ordfører' twice; "
            "expected each person, body and contact type once",
        ],
    ),
    "malformed CSV": (
        {"roster.csv": ROSTER_OK, "contacts.csv": 'ego,alter,frequency\np1,p2,daglig\np2,"p3,ukentlig\n'},
        ["contacts.csv:3: malformed CSV"],
    ),
    "value without a header": (
        {"roster.csv": ROSTER_OK + "p4,Dina,drift,ekstra\n", "contacts.csv": CONTACTS_OK},
        ["roster.csv:5: value in column D, which has no header; expected at most 3 values, one per header column"],
    ),
}


@pytest.mark.parametrize("case", BAD_CASES, ids=list(BAD_CASES))
def test_bad_input_is_reported_and_nothing_written(case, loaded, tmp_path, capsys):
    files, expected = BAD_CASES[case]
    paths = {name: write(tmp_path, name, text) for name, text in files.items()}
    args = ["ingest", "--municipality", "Fjordvik", "--round", "2015", "--roster", str(paths["roster.csv"])]
    for name, option in (
        ("contacts.csv", "--contacts"),
        ("responses.csv", "--responses"),
        ("political.csv", "--political"),
    ):
        if name in paths:
            args += [option, str(paths[name])]
    before = counts(loaded)
    assert main(args) == 2
    error = capsys.readouterr().err
    for text in expected:
        assert text in error
    assert counts(loaded) == before


def test_every_problem_is_reported_at_once(tmp_path):
    roster = write(tmp_path, "roster.csv", ROSTER_OK + "p3,Cecilie,drift\np5,,tjenster\n")
    contacts = write(tmp_path, "contacts.csv", "ego,alter,frequency\np1,p1,daglig\np1,p7,ofte\n")
    with pytest.raises(ValidationError) as caught:
        read_round(SurveyFiles("X", "1", roster, contacts))
    assert [(p.file, p.line, p.column) for p in caught.value.problems] == [
        ("roster.csv", 5, "person_id"),
        ("roster.csv", 6, "functions"),
        ("contacts.csv", 2, "alter"),
        ("contacts.csv", 3, "alter"),
        ("contacts.csv", 3, "frequency"),
    ]
    assert str(caught.value).startswith("5 problems in the survey files (nothing was written):\n  roster.csv:5:")


def test_unreadable_files(tmp_path):
    roster = write(tmp_path, "roster.xlsx", "not a workbook")
    contacts = tmp_path / "contacts.csv"
    contacts.write_bytes(b"ego,alter,frequency\np1,p2,\x81\x8d\n")  # undefined in Windows-1252 too
    with pytest.raises(ValidationError) as caught:
        read_round(SurveyFiles("X", "1", roster, contacts))
    text = str(caught.value)
    assert "roster.xlsx: cannot open as XLSX" in text
    assert "contacts.csv:2: cannot decode byte 0x81 at offset 26; expected a CSV file in UTF-8 or Windows-1252" in text
    workbook = xlsx_from_csv(FIXTURES / "roster.csv", tmp_path / "r.xlsx")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<worksheet><sheetData><row" if "worksheets/sheet1" in item.filename else data)
    with pytest.raises(ValidationError, match=r"broken.xlsx: cannot (open as XLSX|read the sheet)"):
        read_round(SurveyFiles("X", "1", broken, FIXTURES / "contacts.csv"))
    with pytest.raises(ValidationError, match=r"r.xlsx: no sheet named 'Ark9'; expected one of Ark1"):
        read_round(SurveyFiles("X", "1", workbook, FIXTURES / "contacts.csv", sheet="Ark9"))


def test_new_functions_only_when_allowed(tmp_path):
    roster = write(tmp_path, "roster.csv", "person_id,functions\np1,Flyktningtjenesten;tjenester\np2,drift\n")
    contacts = write(tmp_path, "contacts.csv", "ego,alter,frequency\np1,p2,daglig\n")
    with pytest.raises(ValidationError, match="unknown function label 'Flyktningtjenesten'"):
        read_round(SurveyFiles("X", "1", roster, contacts))
    parsed = read_round(SurveyFiles("X", "1", roster, contacts), allow_new_functions=True)
    assert parsed.persons[0].functions == ("flyktningtjenesten", "services")
    assert [f.key for f in parsed.functions] == ["flyktningtjenesten", "services", "operation"]


def test_no_names_keeps_names_out_of_the_parsed_round_but_matches_wide_headers():
    parsed = read_round(
        SurveyFiles("Fjordvik", "2013", FIXTURES / "roster.csv", responses=FIXTURES / "responses.csv"), no_names=True
    )
    assert all(p.name is None for p in parsed.persons)
    assert not parsed.names_stored
    with_names = read_round(SurveyFiles("Fjordvik", "2013", FIXTURES / "roster.csv", FIXTURES / "contacts.csv"))
    assert set(parsed.contacts) == set(with_names.contacts)
    assert [replace(p, name=None) for p in with_names.persons] == list(parsed.persons)
    assert parsed.checksum != with_names.checksum


# -- property: random malformed CSV never crashes the parser and never writes ---------------

_cell = st.one_of(
    st.sampled_from(["p1", "p2", "p3", "daglig", "aldri", "tjenester", "", "=1+1", "-", "@", '"', ";", ",", "ja"]),
    st.text(alphabet="ap123;,\"'\r\n æøå=+-@\t\x00", max_size=8),
)
_row = st.lists(_cell, max_size=5)
_header = st.lists(
    st.sampled_from(
        [
            "person_id",
            "functions",
            "ego",
            "alter",
            "frequency",
            "name",
            "body",
            "contact_type",
            "p1",
            "p2",
            "Ordfører: informasjon",
            "x",
            "",
        ]
    ),
    max_size=4,
)
_file = st.tuples(_header, st.lists(_row, max_size=5), st.binary(max_size=20))


def _write_csv(path: Path, content: tuple[list[str], list[list[str]], bytes], delimiter: str, encoding: str) -> Path:
    header, rows, raw = content
    text = "\n".join(delimiter.join(values) for values in [header, *rows])
    path.write_bytes(text.encode(encoding, "replace") + raw)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roster_file=_file,
    answers_file=_file,
    political_file=st.none() | _file,
    wide=st.booleans(),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_random_malformed_csv_only_raises_validation_error_and_writes_nothing(
    loaded, tmp_path, capsys, roster_file, answers_file, political_file, wide, delimiter, encoding
):
    roster = _write_csv(tmp_path / "roster.csv", roster_file, delimiter, encoding)
    answers = _write_csv(tmp_path / "answers.csv", answers_file, delimiter, encoding)
    political = political_file and _write_csv(tmp_path / "political.csv", political_file, delimiter, encoding)
    files = SurveyFiles("Fjordvik", "2015", roster, None if wide else answers, answers if wide else None, political)
    try:
        read_round(files)
    except ValidationError as error:
        assert error.problems
        assert {problem.file for problem in error.problems} <= {"roster.csv", "answers.csv", "political.csv"}
        refused = True
    else:
        refused = False
    # the same files through the command, which writes when they are valid
    before = counts(loaded)
    args = [
        "ingest",
        "--municipality",
        "Fjordvik",
        "--round",
        "2015",
        "--roster",
        str(roster),
        "--responses" if wide else "--contacts",
        str(answers),
    ]
    status = main([*args, "--political", str(political)] if political else args)
    capsys.readouterr()
    if refused:
        assert status == 2
        assert counts(loaded) == before
