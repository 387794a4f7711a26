"""Survey-tool exports load as they come (issue 12 items 1-7).

Each messy export in ``tests/fixtures/messy/`` (and each profile's example in
``docs/examples/``) holds the answers of the clean ``tests/fixtures/ingest/responses.csv``;
loaded with the options docs/survey-format.md gives for it, it must give the same round
checksum. Notes and problems are pinned with their file, row, column and hint.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest import SurveyFiles, ValidationError, load_round, read_round
from ingest.profiles import BUILT_IN, ProfileError, load_profile
from netkart.cli import main

ROOT = Path(__file__).parent
CLEAN = ROOT / "fixtures" / "ingest"
MESSY = ROOT / "fixtures" / "messy"
EXAMPLES = ROOT.parent / "docs" / "examples"


def clean(political: bool = False) -> SurveyFiles:
    return SurveyFiles(
        "Fjordvik",
        "2013",
        CLEAN / "roster.csv",
        responses=CLEAN / "responses.csv",
        political=CLEAN / "political.csv" if political else None,
    )


# case → (responses file, roster file, SurveyFiles options, notes expected in the summary)
MESSY_CASES: dict[str, tuple[str, Path, dict[str, object], list[str]]] = {
    "title and blank rows above a merged title": (
        "title_rows.xlsx",
        CLEAN / "roster.csv",
        {},
        ["title_rows.xlsx: XLSX, sheet 'Ark1'; header on row 3; row 1 looks like a title, skipped"],
    ),
    "metadata columns, an empty extra column": (
        "metadata_columns.csv",
        CLEAN / "roster.csv",
        {},
        [
            "metadata_columns.csv: CSV, UTF-8, ',' separated; ignored columns 'Respondent serial' (A), "
            "'Tidsstempel' (B), 'Status' (C), 'IP-adresse' (D), 'Språk' (E), 'Varighet' (F)",
            "metadata_columns.csv: warning: ignored column(s) naming no roster person and holding no answers: "
            "'Kommentar' (N)",
        ],
    ),
    "English metadata, --ignore-columns": (
        "ignore_columns.csv",
        CLEAN / "roster.csv",
        {"ignore_columns": ("avdeling",)},
        [
            "ignore_columns.csv: CSV, UTF-8, ',' separated; ignored columns 'Response ID' (A), 'Start time' (B), "
            "'Completed' (C), 'IP address' (D), 'Language' (E), 'Duration' (F), 'Avdeling' (N)"
        ],
    ),
    "respondent by roster name, bracket sub-questions": ("respondent_by_name.csv", CLEAN / "roster.csv", {}, []),
    "respondent by e-mail, ' - ' sub-questions": ("respondent_by_email.csv", MESSY / "roster_email.csv", {}, []),
    "': ' sub-questions": ("subquestion_colon.csv", CLEAN / "roster.csv", {}, []),
    "' | ' sub-questions, names in lower case": ("subquestion_pipe.csv", CLEAN / "roster.csv", {}, []),
    "nynorsk labels, veit ikkje, ikkje aktuelt": ("nynorsk_no_answer.csv", CLEAN / "roster.csv", {}, []),
    "UTF-16 with BOM and tabs": (
        "unicode_text.txt",
        CLEAN / "roster.csv",
        {},
        ["unicode_text.txt: CSV, UTF-16, tab separated"],
    ),
    "header row given": (
        "title_rows.xlsx",
        CLEAN / "roster.csv",
        {"header_row": 3},
        ["header on row 3 (--header-row)"],
    ),
}


@pytest.mark.parametrize("case", MESSY_CASES, ids=list(MESSY_CASES))
def test_messy_export_gives_the_clean_round(case):
    responses, roster, options, notes = MESSY_CASES[case]
    parsed = read_round(SurveyFiles("Fjordvik", "2013", roster, responses=MESSY / responses, **options))
    expected = read_round(clean())
    assert parsed.checksum == expected.checksum
    assert parsed.persons == expected.persons
    for note in notes:
        assert any(note in line for line in parsed.notes), parsed.notes


def test_political_sub_questions_with_a_repeated_question_text():
    files = SurveyFiles(
        "Fjordvik",
        "2013",
        CLEAN / "roster.csv",
        responses=CLEAN / "responses.csv",
        political=MESSY / "political_subquestions.csv",
    )
    assert read_round(files).checksum == read_round(clean(political=True)).checksum


def test_empty_contact_block_is_a_non_respondent():
    parsed = read_round(SurveyFiles("Fjordvik", "2013", CLEAN / "roster.csv", responses=MESSY / "empty_block.csv"))
    responded = {p.person_id: p.responded for p in parsed.persons}
    # p03 says "nei" on the roster anyway; the block of the row is empty or "vet ikke"/"Ubesvart"
    assert responded == {"p01": True, "p02": True, "p03": False, "p04": True, "p05": True, "p06": True}
    assert (
        "empty_block.csv: 1 respondent(s) left the whole contact block empty: did not answer the contact "
        "question, counted as non-respondents" in parsed.notes
    )
    assert parsed.contacts == read_round(clean()).contacts


def test_empty_block_changes_the_respondent_rule(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("person_id,functions\np1,drift\np2,drift\np3,drift\n", encoding="utf-8")
    responses = tmp_path / "responses.csv"
    responses.write_text("person_id,p1,p2,p3\np1,,daglig,\np2,,,ubesvart\np3,ikke aktuelt,,\n", encoding="utf-8")
    parsed = read_round(SurveyFiles("X", "1", roster, responses=responses))
    assert [p.responded for p in parsed.persons] == [True, False, False]
    assert parsed.response_rate == pytest.approx(1 / 3)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("ego,alter,frequency\np1,p2,daglig\np2,p1,\np3,p1,vet ikke\np3,p2,aldri\n", encoding="utf-8")
    parsed = read_round(SurveyFiles("X", "1", roster, contacts))
    assert [p.responded for p in parsed.persons] == [True, False, True]


def _problems(files: SurveyFiles) -> list[tuple[str, int | None, str | None, str | None, str, str | None]]:
    with pytest.raises(ValidationError) as caught:
        read_round(files)
    return [(p.file, p.line, p.column, p.letter, p.message, p.expected) for p in caught.value.problems]


def test_same_name_twice_on_the_roster_names_both_rows(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "person_id,name,functions\np1,Kari Nilsen,drift\np2,Per,drift\np3,kari  nilsen,drift\n", encoding="utf-8"
    )
    assert _problems(SurveyFiles("X", "1", roster, CLEAN / "contacts.csv"))[0] == (
        "roster.csv",
        4,
        "name",
        "B",
        "name 'kari  nilsen' is on the roster twice (also on line 2)",
        "each name once (add a middle initial or the unit), so that answers match by name",
    )


def test_unknown_column_with_answers_is_one_problem_not_a_cascade(tmp_path):
    responses = tmp_path / "responses.csv"
    text = (MESSY / "metadata_columns.csv").read_text(encoding="utf-8").replace("p06,Kommentar", "p06,Pål Ås")
    responses.write_text(text.replace("\n1002", "daglig\n1002", 1), encoding="utf-8")
    problems = _problems(SurveyFiles("Fjordvik", "2013", CLEAN / "roster.csv", responses=responses))
    assert problems == [
        (
            "responses.csv",
            1,
            None,
            None,
            "header(s) matching no roster person: 'Pål Ås' (N)",
            "a person_id or name from roster.csv, or --ignore-columns for columns to skip",
        )
    ]


def test_unknown_respondent_key_is_located(tmp_path):
    responses = tmp_path / "responses.csv"
    responses.write_text("E-post,Kari Nilsen\nukjent@fjordvik.no,daglig\n", encoding="utf-8")
    assert _problems(SurveyFiles("Fjordvik", "2013", MESSY / "roster_email.csv", responses=responses)) == [
        (
            "responses.csv",
            2,
            "E-post",
            "A",
            "respondent 'ukjent@fjordvik.no' is not on the roster",
            "a person_id, name or e-mail of roster_email.csv",
        )
    ]


def test_missing_respondent_column_of_a_profile(tmp_path):
    problems = _problems(
        SurveyFiles(
            "Fjordvik", "2013", CLEAN / "roster.csv", responses=CLEAN / "responses.csv", respondent_column="Navn"
        )
    )
    assert problems[0] == (
        "responses.csv",
        1,
        None,
        None,
        "no column headed 'Navn' (the respondent column)",
        "the respondent column's header as in the file, e.g. in the profile's respondent_column",
    )


# -- profiles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("tool", BUILT_IN)
def test_built_in_profile_loads_its_example_export_like_the_clean_files(tool, clean_db, capsys):
    example = EXAMPLES / tool
    responses = next(example.glob("responses.*"))
    args = ["ingest", "--municipality", "Fjordvik", "--round", "2013", "--roster", str(example / "roster.csv")]
    assert main([*args, "--responses", str(responses), "--profile", tool]) == 0
    assert "Fjordvik 2013 created" in capsys.readouterr().out
    clean_args = ["ingest", "--municipality", "Fjordvik", "--round", "2013", "--roster", str(CLEAN / "roster.csv")]
    assert main([*clean_args, "--responses", str(CLEAN / "responses.csv")]) == 0
    assert "already loaded with identical data; nothing written" in capsys.readouterr().out


def test_saved_profile_reads_the_same_way_next_round(tmp_path, capsys):
    saved = tmp_path / "fjordvik.json"
    example = EXAMPLES / "nettskjema"
    args = ["ingest", "--municipality", "Fjordvik", "--round", "2013", "--roster", str(example / "roster.csv")]
    args += ["--responses", str(example / "responses.csv"), "--dry-run"]
    assert main([*args, "--profile", "nettskjema", "--ignore-columns", "Merknad", "--save-profile", str(saved)]) == 0
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "tool": "nettskjema",
        "sheet": None,
        "header_row": None,
        "respondent_column": "Navn",
        "ignore_columns": ["$submission_id", "$created", "$answer_time_ms", "$respondent_ip", "Kommentar", "Merknad"],
    }
    first = capsys.readouterr().out
    assert main([*args, "--profile", str(saved)]) == 0
    assert capsys.readouterr().out == first


def test_unknown_profile_names_the_known_ones(tmp_path, capsys):
    with pytest.raises(
        ProfileError, match="unknown profile 'qestback'; expected one of questback, nettskjema, surveyxact"
    ):
        load_profile("qestback")
    bad = tmp_path / "bad.json"
    bad.write_text('{"tool": "x", "delimiter": ";"}', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"bad.json: not a profile \(unknown keys delimiter\)"):
        load_profile(bad)


# -- templates -------------------------------------------------------------------------------


def test_template_from_the_previous_round_loads_back_as_its_roster(clean_db, tmp_path, capsys):
    load_round(clean_db, read_round(clean()))
    out = tmp_path / "2015"
    assert (
        main(["template", "--municipality", "Fjordvik", "--round", "2015", "--from-round", "2013", "--out", str(out)])
        == 0
    )
    assert "Fjordvik 2015: 6 persons, pre-filled from round 2013:" in capsys.readouterr().out
    workbook = load_workbook(out / "roster.xlsx")
    validations = {str(v.sqref): (v.formula1, v.errorStyle) for v in workbook.active.data_validations.dataValidation}
    assert validations == {
        "C2:C207": (
            '"tjenester,tildeling,virkemidler,boligsosial planlegging,drift,samfunnsplanlegging,rådgivning,'
            'utbygging,brukere,annet"',
            "warning",
        ),
        "F2:F207": ('"ja,nei"', None),
    }
    headers = (out / "subquestions.txt").read_text(encoding="utf-8").splitlines()
    assert headers == ["Åse Ødegård", "Bjørn Æsøy", "Kari Nilsen", "Lars Hansen", "Mona Berg", "Per Olsen"]
    # the survey tool exports those headers as sub-questions; the template roster reads them back
    responses = tmp_path / "responses.csv"
    rows = (CLEAN / "responses.csv").read_text(encoding="utf-8").splitlines()
    header = ["person_id", *(f"Hvor ofte? [{name}]" for name in headers)]
    body = [row.split(",")[0] + "," + ",".join(row.split(",")[i] for i in (1, 2, 3, 4, 5, 6)) for row in rows[1:]]
    responses.write_text("\n".join([",".join(header), *body]) + "\n", encoding="utf-8")
    parsed = read_round(SurveyFiles("Fjordvik", "2015", out / "roster.xlsx", responses=responses))
    expected = read_round(clean())
    # the template leaves "responded" empty, so p03 (roster "nei" in 2013) is decided by the rule
    assert [(p.person_id, p.name, p.functions, p.unit, p.role) for p in parsed.persons] == [
        (p.person_id, p.name, p.functions, p.unit, p.role) for p in expected.persons
    ]
    assert parsed.contacts == expected.contacts
    assert (out / "political_subquestions.txt").read_text(encoding="utf-8").splitlines()[:2] == [
        "Ordfører - Informasjonsutveksling",
        "Ordfører - Faglig diskusjon",
    ]


def test_template_from_an_unknown_round_names_the_known_ones(clean_db, tmp_path, capsys):
    load_round(clean_db, read_round(clean()))
    args = ["template", "--municipality", "Fjordvik", "--round", "2015", "--from-round", "2011", "--out", str(tmp_path)]
    assert main(args) != 0
    error = capsys.readouterr().err
    assert "2011" in error and "2013" in error
    assert not (tmp_path / "roster.xlsx").exists()
