"""Findings: graphs that must produce each kind of sentence, and graphs that must not.

The expected sentences are written out by hand from the graph's construction (the counts in
the comments), in both languages. Counts of persons are in words; the number words below are
typed by hand, not taken from the code under test, and every count in a sentence is checked
against the metrics table the sentence is about.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from analytics.compare import compare_views
from analytics.findings import comparison_findings, view_findings
from analytics.metrics import compute_metrics
from analytics.synthetic import view_from_edges
from analytics.view import View
from cypher.model import PoliticalContact, threshold_frequencies
from ingest import SurveyFiles, read_round
from ingest.demo import MUNICIPALITIES, generate

EN = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six "
    "twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two thirty-three thirty-four"
)
NB = (
    "null én to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten seksten sytten atten nitten "
    "tjue tjueen tjueto tjuetre tjuefire tjuefem tjueseks tjuesju tjueåtte tjueni tretti trettien trettito "
    "trettitre trettifire"
)
WORDS = {"en": EN.split(" "), "nb": NB.split(" ")}


def findings(view, lang, political=(), **options):
    return view_findings(view, compute_metrics(view, political), lang, **options)


def clique(prefix, size):
    return [(f"{prefix}{i}", f"{prefix}{j}") for i in range(1, size + 1) for j in range(i + 1, size + 1)]


def containing(sentences, fragment):
    return [s for s in sentences if fragment in s]


# --- isolation ---------------------------------------------------------------------------

# 34 persons: 23 in a chain c01 … c23 (all allocation), 11 isolates: 8 services, 3 instruments.
CHAIN = [(f"c{i:02d}", f"c{i + 1:02d}") for i in range(1, 23)]
LONELY = [f"s{i}" for i in range(1, 9)] + ["i1", "i2", "i3"]
ISOLATED = view_from_edges(
    CHAIN,
    persons=LONELY,
    functions={**{f"c{i:02d}": "allocation" for i in range(1, 24)}, **{p: "services" for p in LONELY[:8]}}
    | {p: "instruments" for p in LONELY[8:]},
)


def test_isolation_sentence_with_majority_function():
    assert findings(ISOLATED, "en")[0] == (
        "Eleven of thirty-four persons have no daily contact with anyone in the network; most of them cover services."
    )
    assert findings(ISOLATED, "nb")[0] == (
        "Elleve av trettifire personer har ingen daglig kontakt med noen i nettverket; de fleste av dem arbeider med "
        "tjenester."
    )


def test_isolation_sentence_uses_the_threshold_word_and_all_of_them():
    # 2 of 4 isolated, both in counselling, at the weekly threshold.
    view = view_from_edges(
        [("a", "b")], persons=("x", "y"), functions={"x": "counselling", "y": "counselling"}, threshold="weekly"
    )
    assert findings(view, "en")[0] == (
        "Two of four persons have no weekly contact with anyone in the network; "
        "all of them cover financial counselling."
    )
    assert findings(view, "nb")[0] == (
        "To av fire personer har ingen ukentlig kontakt med noen i nettverket; alle arbeider med rådgivning."
    )


def test_no_isolation_sentence_without_isolates_and_no_majority_clause_when_split():
    connected = view_from_edges(clique("a", 4))
    assert not containing(findings(connected, "en"), "contact with anyone in the network")
    assert not containing(findings(connected, "nb"), "kontakt med noen i nettverket")
    # Two isolates in two functions: no function holds more than half.
    split = view_from_edges([("a", "b")], persons=("x", "y"), functions={"x": "services", "y": "allocation"})
    assert findings(split, "en")[0] == "Two of four persons have no daily contact with anyone in the network."
    # One isolate: singular verb.
    one = view_from_edges([("a", "b")], persons=("x",))
    assert findings(one, "en")[0] == "One of three persons has no daily contact with anyone in the network."


# --- parts, groups and bridge-builders ---------------------------------------------------

# Two 4-cliques joined only through x (tied to a1, a2, b1, b2): n = 9, bar max(2, ⌈1.8⌉) = 2;
# without x the cliques are pieces of 4: x cuts off 4.
BROKERED = view_from_edges([*clique("a", 4), *clique("b", 4), ("x", "a1"), ("x", "a2"), ("x", "b1"), ("x", "b2")])


def test_groups_and_the_bridge_builder_between_them():
    en = findings(BROKERED, "en")
    assert "The network has two groups." in en
    assert "Contact between the two groups runs through one bridge-builder." in en
    nb = findings(BROKERED, "nb")
    assert "Nettverket har to grupper." in nb
    assert "Kontakten mellom de to gruppene går gjennom én brobygger." in nb
    assert not containing(en, "parts")  # one part


def test_three_groups_through_two_bridge_builders():
    # Cliques A, B, C of 5; A–B only through u (tied to a1 and b1), B–C only through w.
    # n = 17, bar max(2, ⌈3.4⌉) = 4. u cuts off A (5), w cuts off C (5); a1 cuts off a2–a5 (4),
    # c1 c2–c5 (4); b1 cuts off u and A (6), b2 w and C (6): six bridge-builders, and without
    # them no two groups are connected.
    edges = [*clique("a", 5), *clique("b", 5), *clique("c", 5), ("u", "a1"), ("u", "b1"), ("w", "b2"), ("w", "c1")]
    en = findings(view_from_edges(edges), "en")
    assert "The network has three groups." in en
    assert "Contact between the three groups runs through six bridge-builders." in en
    assert compute_metrics(view_from_edges(edges))["bridge_builders"] == ["a1", "b1", "b2", "c1", "u", "w"]


def test_bridge_builders_without_groups_between_them():
    # Star of 6: the centre cuts off 4 (bar 2); no groups of three besides the whole star.
    star = view_from_edges([("c", f"l{i}") for i in range(1, 6)])
    assert (
        "One person is a bridge-builder: if they left, at least four persons would lose contact with the rest "
        "of their part."
    ) in findings(star, "en")
    assert (
        "Én person er brobygger: om vedkommende sluttet, ville minst fire personer miste kontakten med resten av sin "
        "del."
    ) in findings(star, "nb")
    # Line of 7: p3, p4, p5 cut off 2, 3, 2 (bar 2); the fewest any of them cuts off is two.
    # Louvain's groups in a line are not spoken of.
    line = findings(view_from_edges(pairwise(f"p{i}" for i in range(1, 8))), "en")
    assert (
        "Three persons are bridge-builders: if one of them left, at least two persons would lose contact with the "
        "rest of their part."
    ) in line
    assert not containing(line, "group")


def test_no_bridge_builder_sentence_when_contact_is_spread_or_absent():
    # Two 5-cliques joined by four separate ties: nobody is a cut point.
    spread = [*clique("a", 5), *clique("b", 5), *[(f"a{i}", f"b{i}") for i in range(1, 5)]]
    en = findings(view_from_edges(spread), "en")
    assert "The network has two groups." in en
    assert not containing(en, "bridge-builder")
    # Two unconnected cliques: two parts, two groups, nothing runs between them.
    apart = findings(view_from_edges([*clique("a", 4), *clique("b", 4)]), "en")
    assert "The persons with daily contact fall into two parts with no daily contact between them." in apart
    assert not containing(apart, "runs through")
    nb = findings(view_from_edges([*clique("a", 4), *clique("b", 4)]), "nb")
    assert "Personene med daglig kontakt fordeler seg på to deler uten daglig kontakt seg imellom." in nb


def test_no_group_sentence_for_one_tight_group():
    for lang, word in (("en", "group"), ("nb", "grupp")):
        assert not containing(findings(view_from_edges(clique("a", 6)), lang), word)


# --- ideal type --------------------------------------------------------------------------


def test_ideal_type_sentences():
    star = view_from_edges([("c", f"l{i}") for i in range(1, 6)])
    assert "The network most resembles a star." in findings(star, "en")
    assert "Nettverket ligner mest på en stjerne." in findings(star, "nb")
    line = view_from_edges([(f"l{i}", f"l{i + 1}") for i in range(5)], persons=("z",))
    assert "The largest part (six of seven persons) most resembles a line." in findings(line, "en")
    assert "Den største delen (seks av sju personer) ligner mest på en linje." in findings(line, "nb")
    circle = view_from_edges([(f"r{i}", f"r{(i + 1) % 5}") for i in range(5)])
    assert "Nettverket ligner mest på en sirkel." in findings(circle, "nb")


def test_each_part_sentence_when_all_parts_share_a_shape():
    # Three separate lines of 5 (a, b, c): every part is a line.
    lines = [edge for prefix in "abc" for edge in pairwise(f"{prefix}{i}" for i in range(5))]
    assert "Each of the three parts most resembles a line." in findings(view_from_edges(lines), "en")
    assert "Hver av de tre delene ligner mest på en linje." in findings(view_from_edges(lines), "nb")
    # A line of 5 and a star of 5: no shared shape, the largest part speaks (the line, a0 < c).
    mixed = findings(view_from_edges([*pairwise(f"a{i}" for i in range(5)), *[("c", f"l{i}") for i in range(4)]]), "en")
    assert not containing(mixed, "Each of")
    assert "The largest part (five of ten persons) most resembles a line." in mixed


def test_no_ideal_type_claim_for_mixed_or_shapeless_networks():
    en = findings(BROKERED, "en")
    assert not containing(en, "most resembles")
    # Two cliques through x: star 4/56, circle 0, line 4/8 → mixed, closest to a line.
    assert "The network mixes the ideal types; it comes closest to a line." in en
    pairs = findings(view_from_edges([("a", "b"), ("c", "d")]), "en")
    assert not containing(pairs, "resembles") and not containing(pairs, "ideal types")


# --- periphery ---------------------------------------------------------------------------


def test_periphery_sentence():
    # Services: a 5-clique (degree 4) with s1 also tied to both planners: degrees 6,4,4,4,4,
    # mean 22/5 = 4.4. Planning: p1, p2 with one tie each: mean 1.0 < 4.4 / 2.
    edges = [*clique("s", 5), ("s1", "p1"), ("s1", "p2")]
    view = view_from_edges(edges, functions={"p1": "housing_planning", "p2": "housing_planning"})
    assert (
        "Social-housing planning sits at the periphery: two persons with 1.0 ties on average, "
        "against 4.4 for everyone else."
    ) in findings(view, "en")
    assert (
        "Boligsosial planlegging ligger i periferien: to personer med 1,0 kontakter i snitt, mot 4,4 for de andre."
    ) in findings(view, "nb")


def test_no_periphery_when_functions_are_equally_central():
    # A circle alternating services and allocation: every degree is 2.
    ring = [(f"r{i}", f"r{(i + 1) % 6}") for i in range(6)]
    view = view_from_edges(ring, functions={f"r{i}": ("services" if i % 2 else "allocation") for i in range(6)})
    assert not containing(findings(view, "en"), "periphery")
    # Only one function: nothing to be peripheral to.
    assert not containing(findings(view_from_edges([("a", "b")], persons=("c",)), "en"), "periphery")


# --- within-function integration ---------------------------------------------------------


def test_within_function_sentence():
    # 13 in services: s01–s05 form a chain; s06–s13 are tied only to the allocation person t.
    edges = [(f"s{i:02d}", f"s{i + 1:02d}") for i in range(1, 5)] + [(f"s{i:02d}", "t") for i in range(6, 14)]
    view = view_from_edges(edges, functions={"t": "allocation"})
    assert "Eight of thirteen in services have no daily contact with anyone else in services." in findings(view, "en")
    assert "Åtte av tretten innen tjenester har ingen daglig kontakt med andre innen tjenester." in findings(view, "nb")


def test_no_within_function_sentence_when_integrated_small_or_few_apart():
    # Services: a triangle, all integrated; allocation: two persons apart (fewer than three).
    edges = [*clique("s", 3), ("s1", "a1"), ("s2", "a2")]
    view = view_from_edges(edges, functions={"a1": "allocation", "a2": "allocation"})
    assert not containing(findings(view, "en"), "anyone else in")
    assert not containing(findings(view, "nb"), "med andre innen")
    # Services: a 4-clique plus s5 tied only to t: 1 of 5 apart, below a quarter.
    few = view_from_edges([*clique("s", 4), ("s5", "t")], functions={"t": "allocation"})
    assert not containing(findings(few, "en"), "anyone else in")
    # 2 of 5 apart (s4, s5 each tied only to t) is reported.
    more = view_from_edges([*clique("s", 3), ("s4", "t"), ("s5", "t")], functions={"t": "allocation"})
    assert "Two of five in services have no daily contact with anyone else in services." in findings(more, "en")


# --- political contact -------------------------------------------------------------------


def test_political_sentence_only_with_contacts():
    view = view_from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    committee = ("hov", "Helse- og velferdskomiteen", "committee")
    contacts = [
        PoliticalContact("a", *committee, contact_type="information"),
        PoliticalContact("b", *committee, contact_type="information"),
        PoliticalContact("b", "mayor", "Ordfører", "mayor", contact_type="political"),
    ]
    # Anonymised by default: the committee is "Committee 1"; with names, its name.
    assert (
        "Two of four persons have contact with political bodies, most of them (two) with Committee 1; "
        "the most common kind of contact is information exchange."
    ) in findings(view, "en", contacts)
    assert (
        "To av fire personer har kontakt med politiske organer, flest (to) med Utvalg 1; "
        "den vanligste kontakten er informasjonsutveksling."
    ) in findings(view, "nb", contacts)
    assert containing(findings(view, "nb", contacts, show_names=True), "flest (to) med Helse- og velferdskomiteen;")
    assert not containing(" ".join(findings(view, "en", contacts)), "Helse")
    assert not containing(findings(view, "en"), "political")


def test_numeric_ids_cannot_garble_person_counts():
    # Ids "1" … "34": every person count is a word, so no digit is left for an id to match.
    view = view_from_edges(pairwise(str(i) for i in range(1, 24)), persons=[str(i) for i in range(24, 35)])
    for lang in ("nb", "en"):
        for sentence in findings(view, lang):
            assert not re.search(r"\d", sentence.replace("1.0", "").replace("1,0", "")), sentence


def test_findings_never_name_persons():
    named = view_from_edges([("Kari Nordmann", "Ola Nordmann")], persons=("Per Hansen",))
    for lang in ("nb", "en"):
        text = " ".join(findings(named, lang))
        assert "Nordmann" not in text and "Hansen" not in text
    with pytest.raises(ValueError, match="unknown language"):
        findings(named, "de")


# --- comparison --------------------------------------------------------------------------


def rounds(isolated_before, isolated_after):
    """20 persons; the first 20 − k form a chain, the last k are isolated."""
    ids = [f"p{i:02d}" for i in range(1, 21)]

    def view(k, label):
        chain = ids[: 20 - k]
        return view_from_edges(pairwise(chain), persons=ids, round_label=label)

    return view(isolated_before, "2011"), view(isolated_after, "2013")


def test_isolation_fell():
    result = compare_views(*rounds(12, 7), permutations=50)
    en = comparison_findings(result, "en")
    assert en[0] == "Isolation fell from twelve to seven persons without daily contact between 2011 and 2013."
    nb = comparison_findings(result, "nb")
    assert nb[0] == "Isolasjonen gikk ned fra tolv til sju personer uten daglig kontakt mellom 2011 og 2013."
    # The chain grew by 5 ties (8 persons/7 ties → 13 persons/12 ties), none dropped.
    assert "5 ties appeared and 0 disappeared between 2011 and 2013; 7 stayed." in en
    assert "5 kontakter kom til og 0 falt bort mellom 2011 og 2013; 7 besto." in nb


def test_isolation_rose_and_stayed():
    assert comparison_findings(compare_views(*rounds(7, 12), permutations=50), "en")[0] == (
        "Isolation rose from seven to twelve persons without daily contact between 2011 and 2013."
    )
    same = compare_views(*rounds(7, 7), permutations=50)
    assert comparison_findings(same, "en")[0] == (
        "Isolation stayed at seven persons without daily contact in both 2011 and 2013."
    )
    assert "The ties were the same in 2011 and 2013." in comparison_findings(same, "en")
    # Chain of 13 among 20 persons: bar max(2, 4) = 4; p_i cuts off min(i − 1, 13 − i) ≥ 4
    # for i = 5 … 9: the same five bridge-builders in both rounds.
    en = comparison_findings(same, "en")
    assert not containing(en, "bridge-builders changed")
    assert "The same five persons were bridge-builders in 2011 and 2013." in en
    assert "De samme fem personene var brobyggere i 2011 og 2013." in comparison_findings(same, "nb")
    assert not containing(en, "joined") and not containing(en, "left the network")


def test_persons_and_bridge_builders_changed():
    # 2011: line p1 … p7 (bridge-builders p3, p4, p5); 2013: line p2 … p8 and p1 alone
    # (p4, p5, p6): p8 joined, nobody left; p6 gained, p3 lost.
    before = view_from_edges(pairwise(f"p{i}" for i in range(1, 8)), round_label="2011")
    after = view_from_edges(pairwise(f"p{i}" for i in range(2, 9)), persons=("p1",), round_label="2013")
    result = compare_views(before, after, permutations=50)
    en = comparison_findings(result, "en")
    assert "One person joined the network." in en
    assert (
        "The bridge-builders changed: one person became a bridge-builder; one person is no longer a bridge-builder."
    ) in en
    nb = comparison_findings(result, "nb")
    assert "Én person kom inn i nettverket." in nb
    assert "Brobyggerne endret seg: én person ble brobygger; én person er ikke lenger brobygger." in nb
    # QAP over the seven persons of both rounds.
    assert containing(en, "over the seven persons in both rounds.")
    assert containing(nb, "for de sju personene som var med i begge rundene.")


# --- every count in a sentence against the metrics table ---------------------------------


def parse_demo_views(tmp_path) -> dict[tuple[str, str], View]:
    """The demo's 2013 rounds at daily and weekly, parsed from the generated files."""
    views = {}
    for demo in generate(tmp_path):
        if demo.round_label != "2013":
            continue
        parsed = read_round(
            SurveyFiles(demo.municipality, demo.round_label, demo.roster, demo.contacts, demo.responses, demo.political)
        )
        letter = next(k for k, v in MUNICIPALITIES.items() if v == demo.municipality)
        for threshold in ("daily", "weekly"):
            frequencies = threshold_frequencies(threshold)
            arcs = tuple(a for a in parsed.contacts if a.frequency in frequencies)
            views[letter, threshold] = View(demo.municipality, "2013", threshold, parsed.persons, arcs, alias=letter)
    return views


@pytest.fixture(scope="module")
def demo_views(tmp_path_factory) -> dict[tuple[str, str], View]:
    return parse_demo_views(tmp_path_factory.mktemp("demo"))


def test_d_2013_daily_reads_as_the_report(demo_views):
    # The report: D defined 34 persons, 11 without daily contact, mostly in services,
    # separate line-like chains.
    en = findings(demo_views["D", "daily"], "en")
    assert en[:3] == [
        "Eleven of thirty-four persons have no daily contact with anyone in the network; most of them cover services.",
        "The persons with daily contact fall into three parts with no daily contact between them.",
        "Each of the three parts most resembles a line.",
    ]
    nb = findings(demo_views["D", "daily"], "nb")
    assert nb[0].startswith("Elleve av trettifire personer har ingen daglig kontakt")


def _check_counts(sentence: str, metrics: dict, lang: str) -> set[int]:
    """Assert the counts of one sentence against the table; return the kinds it matched."""
    w = WORDS[lang]
    patterns = {
        "en": [
            (r"^(\S+) of (\S+) persons? ha(?:s|ve) no \w+ contact with anyone in the network",
             lambda: (len(metrics["isolates"]), metrics["nodes"])),
            (r"fall into (\S+) parts", lambda: (len(metrics["parts"]),)),
            (r"^Each of the (\S+) parts", lambda: (len(metrics["parts"]),)),
            (r"^The network has (\S+) groups", lambda: (len(metrics["groups"]),)),
            (r"between the (\S+) groups runs through (\S+) bridge-builders?",
             lambda: (len(metrics["groups"]), len(metrics["bridge_builders"]))),
            (r"^(\S+) persons? (?:is a|are) bridge-builders?: if .* at least (\S+) persons?",
             lambda: (len(metrics["bridge_builders"]),
                      min(metrics["persons"][p]["cut_off"] for p in metrics["bridge_builders"]))),
            (r"^The largest part \((\S+) of (\S+) persons\)",
             lambda: (metrics["ideal_type"]["part_size"], metrics["nodes"])),
        ],
        "nb": [
            (r"^(\S+) av (\S+) personer? har ingen \w+ kontakt med noen i nettverket",
             lambda: (len(metrics["isolates"]), metrics["nodes"])),
            (r"fordeler seg på (\S+) deler", lambda: (len(metrics["parts"]),)),
            (r"^Hver av de (\S+) delene", lambda: (len(metrics["parts"]),)),
            (r"^Nettverket har (\S+) grupper", lambda: (len(metrics["groups"]),)),
            (r"mellom de (\S+) gruppene går gjennom (\S+) brobyggere?",
             lambda: (len(metrics["groups"]), len(metrics["bridge_builders"]))),
            (r"^(\S+) personer? er brobyggere?: om .* minst (\S+) personer?",
             lambda: (len(metrics["bridge_builders"]),
                      min(metrics["persons"][p]["cut_off"] for p in metrics["bridge_builders"]))),
            (r"^Den største delen \((\S+) av (\S+) personer\)",
             lambda: (metrics["ideal_type"]["part_size"], metrics["nodes"])),
        ],
    }  # fmt: skip
    kinds = set()
    for kind, (pattern, expected) in enumerate(patterns[lang]):
        match = re.search(pattern, sentence)
        if match:
            assert tuple(g.lower() for g in match.groups()) == tuple(w[n] for n in expected()), sentence
            kinds.add(kind)
    return kinds


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_every_count_agrees_with_the_metrics_table(demo_views, lang):
    views = [
        *demo_views.values(),
        BROKERED,
        view_from_edges([*clique("a", 4), *clique("b", 4)], persons=("z",)),
        view_from_edges([("c", f"l{i}") for i in range(1, 6)]),
        view_from_edges(pairwise(f"p{i}" for i in range(1, 8))),
    ]
    kinds: set[int] = set()
    for view in views:
        metrics = compute_metrics(view)
        for sentence in view_findings(view, metrics, lang):
            kinds |= _check_counts(sentence, metrics, lang)
    assert kinds == set(range(7)), "every sentence kind with counts was checked at least once"
