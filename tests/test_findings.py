"""Findings: graphs that must produce each kind of sentence, and graphs that must not.

The expected sentences are written out by hand from the graph's construction (the counts in
the comments), in both languages.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from analytics.compare import compare_views
from analytics.findings import comparison_findings, view_findings
from analytics.metrics import compute_metrics
from analytics.synthetic import view_from_edges
from cypher.model import PoliticalContact


def findings(view, lang, political=()):
    return view_findings(view, compute_metrics(view, political), lang)


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
        "11 of 34 persons have no daily contact with anyone in the network; most of them cover services."
    )
    assert findings(ISOLATED, "nb")[0] == (
        "11 av 34 personer har ingen daglig kontakt med noen i nettverket; de fleste av dem arbeider med tjenester."
    )


def test_isolation_sentence_uses_the_threshold_word_and_all_of_them():
    # 2 of 4 isolated, both in counselling, at the weekly threshold.
    view = view_from_edges(
        [("a", "b")], persons=("x", "y"), functions={"x": "counselling", "y": "counselling"}, threshold="weekly"
    )
    assert findings(view, "en")[0] == (
        "2 of 4 persons have no weekly contact with anyone in the network; all of them cover financial counselling."
    )
    assert findings(view, "nb")[0] == (
        "2 av 4 personer har ingen ukentlig kontakt med noen i nettverket; alle arbeider med rådgivning."
    )


def test_no_isolation_sentence_without_isolates_and_no_majority_clause_when_split():
    connected = view_from_edges(clique("a", 4))
    assert not containing(findings(connected, "en"), "contact with anyone in the network")
    assert not containing(findings(connected, "nb"), "kontakt med noen i nettverket")
    # Two isolates in two functions: no function holds more than half.
    split = view_from_edges([("a", "b")], persons=("x", "y"), functions={"x": "services", "y": "allocation"})
    assert findings(split, "en")[0] == "2 of 4 persons have no daily contact with anyone in the network."


# --- clusters and brokers ----------------------------------------------------------------

# Two 4-cliques joined only through x (tied to a1, a2, b1, b2).
BROKERED = view_from_edges([*clique("a", 4), *clique("b", 4), ("x", "a1"), ("x", "a2"), ("x", "b1"), ("x", "b2")])


def test_clusters_and_the_broker_between_them():
    en = findings(BROKERED, "en")
    assert "The network has two clusters." in en
    assert "Contact between the two clusters runs through one person." in en
    nb = findings(BROKERED, "nb")
    assert "Nettverket har to klynger." in nb
    assert "Kontakten mellom de to klyngene går gjennom én person." in nb


def test_three_clusters_through_two_brokers():
    # Cliques A, B, C of 5; A–B only through u (tied to a1 and b1), B–C only through w.
    edges = [*clique("a", 5), *clique("b", 5), *clique("c", 5), ("u", "a1"), ("u", "b1"), ("w", "b2"), ("w", "c1")]
    en = findings(view_from_edges(edges), "en")
    assert "The network has three clusters." in en
    assert "Contact between the three clusters runs through two persons." in en


def test_no_broker_sentence_when_contact_is_spread_or_absent():
    # Two 5-cliques joined by four separate ties: a cut needs four persons (> 3).
    spread = [*clique("a", 5), *clique("b", 5), *[(f"a{i}", f"b{i}") for i in range(1, 5)]]
    en = findings(view_from_edges(spread), "en")
    assert "The network has two clusters." in en
    assert not containing(en, "runs through")
    # Two unconnected cliques: two clusters in two parts, nothing runs between them.
    apart = findings(view_from_edges([*clique("a", 4), *clique("b", 4)]), "en")
    assert "The network has two clusters in two parts with no daily contact between them." in apart
    assert not containing(apart, "runs through")


def test_no_cluster_sentence_for_one_tight_cluster():
    for lang, word in (("en", "cluster"), ("nb", "klynge")):
        assert not containing(findings(view_from_edges(clique("a", 6)), lang), word)


# --- ideal type --------------------------------------------------------------------------


def test_ideal_type_sentences():
    star = view_from_edges([("c", f"l{i}") for i in range(1, 6)])
    assert "The network most resembles a star." in findings(star, "en")
    assert "Nettverket ligner mest på en stjerne." in findings(star, "nb")
    line = view_from_edges([(f"l{i}", f"l{i + 1}") for i in range(5)], persons=("z",))
    assert "The largest cluster (6 of 7 persons) most resembles a line." in findings(line, "en")
    circle = view_from_edges([(f"r{i}", f"r{(i + 1) % 5}") for i in range(5)])
    assert "Nettverket ligner mest på en sirkel." in findings(circle, "nb")


def test_no_ideal_type_claim_for_mixed_or_shapeless_networks():
    en = findings(BROKERED, "en")
    assert not containing(en, "most resembles")
    # Broker graph: star 4/56, circle 0, line 4/8 → mixed, closest to a line.
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
        "Social-housing planning sits at the periphery: 2 persons with 1.0 ties on average, "
        "against 4.4 for everyone else."
    ) in findings(view, "en")
    assert (
        "Boligsosial planlegging ligger i periferien: 2 personer med 1,0 kontakter i snitt, mot 4,4 for de andre."
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
    assert "8 of 13 in services have no daily contact with anyone else in services." in findings(view, "en")
    assert "8 av 13 innen tjenester har ingen daglig kontakt med andre innen tjenester." in findings(view, "nb")


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
    assert "2 of 5 in services have no daily contact with anyone else in services." in findings(more, "en")


# --- political contact -------------------------------------------------------------------


def test_political_sentence_only_with_contacts():
    view = view_from_edges([("a", "b"), ("b", "c"), ("c", "d")])
    committee = ("hov", "Helse- og velferdskomiteen", "committee")
    contacts = [
        PoliticalContact("a", *committee, contact_type="information"),
        PoliticalContact("b", *committee, contact_type="information"),
        PoliticalContact("b", "mayor", "Ordfører", "mayor", contact_type="political"),
    ]
    assert (
        "2 of 4 persons have contact with political bodies, most of them with Helse- og velferdskomiteen (2); "
        "the most common kind of contact is information exchange."
    ) in findings(view, "en", contacts)
    assert (
        "2 av 4 personer har kontakt med politiske organer, flest med Helse- og velferdskomiteen (2); "
        "den vanligste kontakten er informasjonsutveksling."
    ) in findings(view, "nb", contacts)
    assert not containing(findings(view, "en"), "political")


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
    assert en[0] == "Isolation fell from 12 to 7 persons without daily contact between 2011 and 2013."
    nb = comparison_findings(result, "nb")
    assert nb[0] == "Isolasjonen gikk ned fra 12 til 7 personer uten daglig kontakt mellom 2011 og 2013."
    # The chain grew by 5 ties (8 persons/7 ties → 13 persons/12 ties), none dropped.
    assert "5 ties appeared and 0 disappeared between 2011 and 2013; 7 stayed." in en
    assert "5 kontakter kom til og 0 falt bort mellom 2011 og 2013; 7 besto." in nb


def test_isolation_rose_and_stayed():
    assert comparison_findings(compare_views(*rounds(7, 12), permutations=50), "en")[0] == (
        "Isolation rose from 7 to 12 persons without daily contact between 2011 and 2013."
    )
    same = compare_views(*rounds(7, 7), permutations=50)
    assert comparison_findings(same, "en")[0] == (
        "Isolation stayed at 7 persons without daily contact in both 2011 and 2013."
    )
    assert "The ties were the same in 2011 and 2013." in comparison_findings(same, "en")
    # Same brokers (the chain's inner persons) in both rounds: no "changed" sentence.
    en = comparison_findings(same, "en")
    assert not containing(en, "brokers changed")
    assert "The same 11 persons were brokers in 2011 and 2013." in en  # chain of 13: 11 cut persons
    assert not containing(en, "joined") and not containing(en, "left the network")


def test_persons_and_brokers_changed():
    before = view_from_edges([("a", "b"), ("b", "c"), ("c", "d")], round_label="2011")
    after = view_from_edges([("b", "c"), ("c", "e"), ("e", "d")], persons=("f",), round_label="2013")
    result = compare_views(before, after, permutations=50)
    en = comparison_findings(result, "en")
    # joined e, f; left a. Brokers (cut persons) b, c → c, e: e gained, b lost.
    assert "2 persons joined the network and 1 person left the network." in en
    assert "The brokers changed: 1 person became broker; 1 person is no longer a broker." in en
    nb = comparison_findings(result, "nb")
    assert "2 personer kom inn i nettverket og 1 person gikk ut av nettverket." in nb
    assert "Brobyggerne endret seg: 1 person ble brobygger; 1 person er ikke lenger brobygger." in nb
    # QAP over b, c, d: r = 0.5 (hand-computed in test_compare.py).
    assert containing(en, "The two networks correlate at r = 0.50 (QAP p = ")
    assert containing(nb, "Nettverkene korrelerer med r = 0,50 (QAP p = ")
