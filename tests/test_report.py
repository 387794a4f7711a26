"""``netkart report``: the municipal note and the gathering deck, written from the demo data on
the real Neo4j and read back with python-pptx, pypdf, an HTML parser and headless Chromium.

Expected sentences, persons and parts come from ``analytics`` (``compute_metrics``,
``view_findings``, ``compare_views``, ``pseudonyms``) and networkx on views loaded here, and
from the seed report's figures for municipality D — never from the report's own code.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from conftest import wipe
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from analytics.anonymise import pseudonyms
from analytics.compare import compare_views
from analytics.findings import view_findings
from analytics.metrics import compute_metrics
from analytics.store import list_municipalities, load_political, load_view
from analytics.view import View
from ingest.demo import generate, load_demo
from netkart.cli import main
from report.facts import BRIDGE_BUILDERS_GAINED, BRIDGE_BUILDERS_LOST

THRESHOLDS = ("daily", "weekly", "monthly")


@pytest.fixture(scope="module")
def demo(driver, tmp_path_factory) -> dict[str, str]:
    """The demo data, loaded once into an emptied database; alias → municipality name."""
    wipe(driver)
    load_demo(driver, generate(tmp_path_factory.mktemp("demo")))
    return {info.alias: info.name for info in list_municipalities(driver)}


def _write(out: Path, *args: str) -> dict[str, Path]:
    assert main(["report", *args, "--out", str(out)]) == 0
    return {path.suffix[1:]: path for path in out.iterdir()}


@pytest.fixture(scope="module")
def note_d(demo, tmp_path_factory) -> dict[str, Path]:
    return _write(tmp_path_factory.mktemp("note-d"), "--municipality", "D", "--round", "2013", "--lang", "nb")


@pytest.fixture(scope="module")
def note_a(demo, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("note-a")
    return _write(out, "--municipality", "A", "--round", "2013", "--compare-to", "2011", "--lang", "en")


@pytest.fixture(scope="module")
def deck(demo, tmp_path_factory) -> dict[str, Path]:
    return _write(tmp_path_factory.mktemp("deck"), "--gathering", "--round", "2013", "--municipalities", "A,B,C,D")


def _labels(driver, name: str, lang: str) -> dict[str, str]:
    """Pseudonyms over both rounds' persons, as the dashboard labels them."""
    persons = {}
    for round_label in ("2011", "2013"):
        persons |= load_view(driver, name, round_label, "monthly").person_by_id
    return pseudonyms(View(name, "all", "monthly", tuple(persons[p] for p in sorted(persons)), ()), lang)


def _findings(driver, name: str, round_label: str, threshold: str, lang: str) -> list[str]:
    """The view's findings without the political one (its body names are anonymised in the note)."""
    view = load_view(driver, name, round_label, threshold)
    found = view_findings(view, compute_metrics(view, load_political(driver, name, round_label)), lang)
    return [sentence for sentence in found if "politi" not in sentence]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _pdf_text(path: Path) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append(values.get("src") or "")
        if tag in ("link", "script") or values.get("href"):
            self.links.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(path: Path) -> _Html:
    parser = _Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _slides(path: Path) -> list[dict]:
    """Per slide: title, whether it has a picture, and its speaker notes."""
    slides = []
    for slide in Presentation(path).slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        texts = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        texts += " ".join(
            cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells
        )
        slides.append({"title": title, "pictures": len(pictures), "notes": notes, "text": texts})
    return slides


# -- PPTX ----------------------------------------------------------------------------------------


def test_note_pptx_has_a_titled_slide_per_picture_with_the_findings_in_the_notes(driver, demo, note_a):
    slides = _slides(note_a["pptx"])
    pictures = [s for s in slides if s["pictures"]]
    # three thresholds, political contacts, and one difference picture per threshold
    assert len(pictures) == 7
    assert all(s["pictures"] == 1 and s["title"].strip() for s in pictures)
    assert [s["title"] for s in pictures[:4]] == [
        "Daily contact – A 2013",
        "Daily and weekly contact – A 2013",
        "All contact up to monthly – A 2013",
        "Contact with political bodies – A 2013",
    ]
    assert slides[0]["title"] == "Network analysis – Municipality A"
    assert len(slides) >= 14  # title, 7 pictures, key figures, ideal type, findings, change, questions, appendix
    for slide, threshold in zip(pictures[:3], THRESHOLDS, strict=True):
        expected = _findings(driver, demo["A"], "2013", threshold, "en")
        assert expected
        for sentence in expected:
            assert sentence in slide["notes"]


def test_gathering_deck_shows_four_municipalities_side_by_side(driver, demo, deck):
    slides = _slides(deck["pptx"])
    pictures = [s for s in slides if s["pictures"]]
    assert [s["title"] for s in pictures] == [
        "Daglig kontakt – 2013",
        "Daglig og ukentlig kontakt – 2013",
        "Kontakt med politiske organer – 2013",
    ]
    questions = [s for s in slides if s["title"].startswith("Arbeidsspørsmål – kommune")]
    assert [s["title"][-1] for s in questions] == ["A", "B", "C", "D"]
    assert len(slides) == 1 + 3 + 1 + 4
    key = next(s for s in slides if s["title"] == "Nøkkeltall – 2013")
    for letter in "ABCD":
        assert f"{letter} daglig" in key["text"] and f"{letter} ukentlig" in key["text"]
    # the picture is 1280×720: a 16:9 slide
    with zipfile.ZipFile(deck["pptx"]) as archive:
        images = [n for n in archive.namelist() if n.startswith("ppt/media/")]
        assert len(images) == 3
        assert all(Image.open(io.BytesIO(archive.read(n))).size == (1280, 720) for n in images)


# -- PDF and HTML ----------------------------------------------------------------------------------


def test_note_pdf_holds_the_findings_and_the_working_questions(driver, demo, note_d):
    text = _pdf_text(note_d["pdf"])
    for threshold in THRESHOLDS:
        for sentence in _findings(driver, demo["D"], "2013", threshold, "nb"):
            assert sentence in text
    assert "Arbeidsspørsmål – D" in text
    assert "Regner dere dette kontaktmønsteret som naturlig?" in text
    # the function with most members apart from each other at daily contact
    view = load_view(driver, demo["D"], "2013", "daily")
    functions = compute_metrics(view)["functions"]
    apart = max(len(row["isolated_within"]) for row in functions.values())
    assert (
        f"Er det meningen at de {apart} innen tjenester uten daglig kontakt med hverandre skal arbeide alene?" in text
    )


def test_html_is_self_contained(note_a):
    page = _html(note_a["html"])
    assert len(page.images) == 7
    assert all(src.startswith("data:image/png;base64,") for src in page.images)
    assert page.links == []


@pytest.mark.browser
def test_html_opens_in_the_browser_with_every_picture_drawn(note_a):
    from support.browser import Browser

    with Browser() as browser:
        browser.open(note_a["html"].resolve().as_uri())
        widths = browser.wait(
            lambda: browser.driver.execute_script(
                "const imgs = [...document.images];"
                "return imgs.length && imgs.every(i => i.complete) ? imgs.map(i => i.naturalWidth) : null;"
            )
        )
        assert widths == [1280] * 7
        assert browser.driver.title == "Network analysis – Municipality A"


# -- anonymised ------------------------------------------------------------------------------------


def _secrets(driver, demo) -> list[str]:
    """Every roster name, unit, person id and municipality name of the demo."""
    found = set(demo.values())
    for name in demo.values():
        for round_label in ("2011", "2013"):
            for person in load_view(driver, name, round_label, "monthly").persons:
                found |= {value for value in (person.name, person.unit, person.person_id) if value}
    assert len(found) > 200
    return sorted(found)


def _readable(path: Path) -> list[str]:
    """Every text a file carries: PPTX XML parts and image metadata, PDF text and metadata, HTML."""
    texts = []
    if path.suffix == ".pptx":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                data = archive.read(name)
                if name.endswith(".png"):
                    texts.append(" ".join(str(v) for v in Image.open(io.BytesIO(data)).info.values()))
                texts.append(data.decode("utf-8", errors="ignore"))
    elif path.suffix == ".pdf":
        reader = PdfReader(path)
        texts += [page.extract_text() for page in reader.pages]
        texts += [str(value) for value in (reader.metadata or {}).values()]
    else:
        texts.append(path.read_text(encoding="utf-8"))
    return texts


def test_anonymised_outputs_name_no_one(driver, demo, note_a, note_d, deck):
    secrets = _secrets(driver, demo)
    pattern = re.compile("|".join(rf"\b{re.escape(s)}\b" for s in secrets))
    files = [*note_a.values(), *note_d.values(), *deck.values()]
    assert len(files) == 9
    hits = [(path.name, match) for path in files for text in _readable(path) for match in pattern.findall(text)]
    assert hits == []


def test_show_names_names_persons(driver, demo, tmp_path):
    arguments = ("--municipality", "A", "--round", "2013", "--compare-to", "2011", "--lang", "en", "--show-names")
    files = _write(tmp_path, *arguments, "--format", "html")
    text = _flat(" ".join(_html(files["html"]).text))
    assert f"Network analysis – Municipality {demo['A']} (A)" in text
    before, after = (load_view(driver, demo["A"], r, "daily") for r in ("2011", "2013"))
    joined = sorted(after.person_by_id[p].name for p in compare_views(before, after)["persons_joined"])
    assert joined
    assert f"Joined the network: {', '.join(joined)}." in text


# -- what the note says -----------------------------------------------------------------------------


def test_note_d_says_what_the_seed_report_says(note_d):
    """The seed report on D: 34 persons, 11 without daily contact (mostly services), separate
    line-shaped parts."""
    text = _flat(" ".join(_html(note_d["html"]).text))
    assert (
        "Elleve av trettifire personer har ingen daglig kontakt med noen i nettverket; "
        "de fleste av dem arbeider med tjenester." in text
    )
    assert "Daglig kontakt: 3 atskilte deler uten kontakt seg imellom, alle formet som en linje." in text
    assert "Linje – svakheter" in text
    assert "Ingen har fullstendig oversikt over arbeidet." in text


def _parts(view: View) -> list[set[str]]:
    return [set(c) for c in nx.connected_components(view.graph) if len(c) >= 2]


def test_note_a_names_the_persons_and_parts_that_changed(driver, demo, note_a):
    name = demo["A"]
    labels = _labels(driver, name, "en")
    text = _flat(" ".join(_html(note_a["html"]).text))
    section = text[text.index("Change since 2011 – A") : text.index("Change 2011–2013: Daily contact")]

    def names(persons) -> str:
        return ", ".join(sorted(labels[p] for p in persons))

    for threshold in THRESHOLDS:
        before, after = (load_view(driver, name, r, threshold) for r in ("2011", "2013"))
        comparison = compare_views(before, after)
        moved = set(comparison["persons_joined"]) | set(comparison["persons_left"])
        assert f"Joined the network: {names(comparison['persons_joined'])}." in section
        assert f"Left the network: {names(comparison['persons_left'])}." in section
        for key, words in (
            ("isolates_gained", "Became isolated"),
            ("isolates_lost", "No longer isolated"),
            (BRIDGE_BUILDERS_GAINED, "Became a bridge-builder"),
            (BRIDGE_BUILDERS_LOST, "No longer a bridge-builder"),
        ):
            persons = [p for p in comparison[key] if p not in moved]
            if persons:
                assert f"{words}: {names(persons)}." in section
        # parts of 2011 now in one part of 2013, matched on the persons present in both rounds
        old = _parts(before)
        for part in _parts(after):
            merged = [o for o in old if o & part]
            if 2 <= len(merged) <= 3:
                hubs = [
                    min(
                        (p for p in o if before.person_by_id[p].primary_function == _main(before, o)),
                        key=lambda p: (-before.graph.degree(p), labels[p]),
                    )
                    for o in merged
                ]
                for hub in hubs:
                    assert f"part around {labels[hub]}" in section
            elif len(merged) > 3:
                assert f"{len(merged)} parts of 2011 are now joined in one part." in section
    assert "QAP" not in section and "r = " not in section
    assert "Appendix: QAP correlation" in text


def _main(view: View, part: set[str]) -> str:
    """The part's most common primary function (ties to the first key in order)."""
    counts: dict[str, int] = {}
    for p in part:
        key = view.person_by_id[p].primary_function
        counts[key] = counts.get(key, 0) + 1
    return min(counts, key=lambda k: (-counts[k], k))


def test_unknown_municipality_and_round_are_errors_naming_the_known(demo, tmp_path, capsys):
    assert main(["report", "--municipality", "Q", "--round", "2013", "--out", str(tmp_path)]) == 2
    assert "known (by letter): A, B, C, D" in capsys.readouterr().err
    assert main(["report", "--municipality", "A", "--round", "1999", "--out", str(tmp_path)]) == 2
    assert "its rounds: 2011, 2013" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
