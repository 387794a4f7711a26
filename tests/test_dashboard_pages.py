"""Addressable pages, the Rounds page's person-level change and the Political page (issue 11),
in real headless Chromium on the demo data.

Expected values come from ``analytics`` (``compute_metrics``, ``compare_views``,
``person_changes``, ``political_summary``, ``pseudonyms``) on views loaded from the database,
never from the dashboard's own code. These tests fail (they do not skip) when Chromium or its
driver is missing.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from support.browser import Browser

from analytics.anonymise import pseudonyms
from analytics.compare import PERSON_CHANGES, compare_views, person_changes
from analytics.metrics import compute_metrics
from analytics.political import political_summary
from analytics.store import load_political, load_view
from analytics.text import in_words
from analytics.view import View
from cypher.model import CONTACT_TYPE_LABELS, FUNCTIONS

pytestmark = pytest.mark.browser

#: Reads the labels of the nodes drawn with the Rounds page's highlight.
_HIGHLIGHTED = (
    "var cy = document.getElementById(arguments[0])._cyreg.cy;"
    "return cy.nodes().filter(n => n.style('overlay-opacity') > 0.5).map(n => n.data('label')).sort();"
)


def _labels(driver, name: str, lang: str) -> dict[str, str]:
    """Person id → pseudonym, numbered over all of the municipality's rounds (as every page)."""
    everyone = {}
    for round_label in ("2011", "2013"):
        everyone |= load_view(driver, name, round_label, "monthly").person_by_id
    return pseudonyms(View(name, "all", "monthly", tuple(everyone[p] for p in sorted(everyone)), ()), lang)


def _address(browser: Browser) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(browser.driver.current_url).query).items()}


def _wait_address(browser: Browser, **expected: str) -> None:
    def written() -> bool:
        """the address holds the expected parameters"""
        shown = _address(browser)
        return all(shown.get(k) == v for k, v in expected.items())

    browser.wait(written)


def _shown(browser: Browser, component_id: str) -> str:
    """What a dropdown shows: the label of its value."""
    return browser.text(component_id).strip()


def _checked(browser: Browser, component_id: str) -> list[str]:
    inputs = browser.driver.find_elements("css selector", f"#{component_id} input")
    return [i.get_attribute("value") for i in inputs if i.is_selected()]


def _document_in(browser: Browser, lang: str) -> None:
    browser.wait(lambda: browser.driver.execute_script("return document.documentElement.lang;") == lang)


def test_network_address_opens_the_view_and_a_change_rewrites_it(browser, url, driver, demo):
    expected = compute_metrics(load_view(driver, demo["D"], "2011", "daily"))
    browser.open(url + "/?municipality=D&round=2011&threshold=daily&gather=0&lang=en")
    drawn = browser.wait_graph("net-graph", nodes=expected["nodes"], edges=expected["ties"])
    assert (_shown(browser, "net-municipality"), _shown(browser, "net-round")) == ("D", "2011")
    assert _checked(browser, "net-threshold") == ["daily"]
    assert _checked(browser, "net-gather") == []
    # Not gathered: the isolates keep their stable places instead of a row below the network.
    isolates = [n for n in drawn["nodes"] if "isolate" in n["classes"]]
    assert len(isolates) == len(expected["isolates"]) and len({n["y"] for n in isolates}) > 1
    _document_in(browser, "en")
    assert browser.text("nav-nav_network") == "Network"
    browser.wait(lambda: "daily" in browser.text("net-summary"))
    monthly = compute_metrics(load_view(driver, demo["D"], "2011", "monthly"))
    browser.click_radio("net-threshold", "monthly")
    browser.wait_graph("net-graph", nodes=monthly["nodes"], edges=monthly["ties"])
    _wait_address(browser, municipality="D", round="2011", threshold="monthly", gather="0", lang="en")
    browser.click_radio("lang", "nb")
    _wait_address(browser, lang="nb")


def test_another_page_writes_only_its_own_selection_into_the_address(browser, url, demo):
    """The address follows the page shown: opening the Rounds page from the Network page's
    menu leaves none of the Network page's parameters in it."""
    browser.open(url + "/?municipality=D&round=2011&threshold=daily&size=degree&lang=en")
    browser.wait_graph("net-graph")
    _wait_address(browser, municipality="D", round="2011", threshold="daily", size="degree", lang="en")
    browser.click("nav-nav_rounds")
    browser.wait_graph("rnd-after")
    browser.wait(lambda: urlsplit(browser.driver.current_url).path == "/rounds" and "from" in _address(browser))
    written = _address(browser)
    assert {"municipality", "from", "to", "threshold", "lang"} <= set(written)
    assert not {"round", "size", "gather", "mode", "steps"} & set(written), written


def test_rounds_address_opens_the_view_and_a_change_rewrites_it(browser, url, driver, demo):
    before = load_view(driver, demo["B"], "2011", "monthly")
    after = load_view(driver, demo["B"], "2013", "monthly")
    comparison = compare_views(before, after, permutations=10)
    ties = sum(len(comparison[f"ties_{c}"]) for c in ("new", "dropped", "stable"))
    browser.open(url + "/rounds?municipality=B&from=2011&to=2013&threshold=monthly&lang=en")
    browser.wait_graph("rnd-difference", edges=ties)
    browser.wait_graph("rnd-before", nodes=len(before.persons), edges=before.graph.number_of_edges())
    browser.wait_graph("rnd-after", nodes=len(after.persons), edges=after.graph.number_of_edges())
    shown = [_shown(browser, f"rnd-{s}") for s in ("municipality", "from", "to")]
    assert shown == ["B", "2011", "2013"]
    assert _checked(browser, "rnd-threshold") == ["monthly"]
    _document_in(browser, "en")
    browser.click_radio("rnd-threshold", "daily")
    _wait_address(browser, municipality="B", **{"from": "2011", "to": "2013"}, threshold="daily", lang="en")


def test_political_address_opens_the_view_and_a_change_rewrites_it(browser, url, driver, demo):
    view = load_view(driver, demo["C"], "2011", "monthly")
    summary = political_summary(load_political(driver, demo["C"], "2011"), view)
    browser.open(url + "/political?municipality=C&round=2011")
    browser.wait_graph("pol-graph", nodes=len(view.persons) + len(summary["bodies"]))
    assert (_shown(browser, "pol-municipality"), _shown(browser, "pol-round")) == ("C", "2011")
    browser.wait(lambda: browser.text("pol-summary").startswith("C · 2011: "))
    browser.choose_dropdown("pol-municipality", "A")
    _wait_address(browser, municipality="A", round="2011")


def test_queries_address_opens_the_query_with_its_parameters(browser, url, driver, demo):
    browser.open(url + "/queries?query=isolates&municipality=D&round=2011&threshold=daily&lang=en")
    browser.wait(lambda: len(browser.driver.find_elements("css selector", "#qry-parameters label")) == 3)
    browser.wait(lambda: browser.text("qry-parameters").split("\n")[1::2] == ["daily", "D", "2011"])
    browser.click("qry-run")
    isolates = compute_metrics(load_view(driver, demo["D"], "2011", "daily"))["isolates"]
    browser.wait(lambda: browser.text("qry-status") == f"{len(isolates)} rows")
    browser.set_value({"name": "round", "type": "qry-choice"}, "2013")
    _wait_address(browser, query="isolates", municipality="D", round="2013", threshold="daily", lang="en")


@pytest.mark.parametrize(
    ("path", "prefix"),
    [("/", "net"), ("/rounds", "rnd"), ("/political", "pol"), ("/queries?query=isolates&", "qry")],
)
def test_an_unknown_municipality_in_the_address_is_named_with_the_known_ones(browser, url, demo, path, prefix):
    separator = "" if path.endswith("&") else "?"
    browser.open(f"{url}{path}{separator}municipality=Z&lang=en")
    known = ", ".join(sorted(demo))
    message = f"Unknown municipality in the address: Z. Known values: {known}."
    browser.wait(lambda: message in browser.text(f"{prefix}-address-error"))
    assert browser.driver.find_element("id", f"{prefix}-address-error").is_displayed()


def test_an_unknown_round_threshold_or_person_in_the_address_is_named_with_the_known_ones(browser, url):
    browser.open(url + "/rounds?municipality=A&from=2009&threshold=hourly&person=Nobody%209&lang=en")
    browser.wait(lambda: "Unknown person in the address: Nobody 9. Known values: " in browser.text("rnd-changes"))
    browser.wait(
        lambda: "Unknown from in the address: 2009. Known values: 2011, 2013." in browser.text("rnd-address-error")
    )
    assert "Unknown threshold in the address: hourly. Known values: daily, weekly, monthly." in browser.text(
        "rnd-address-error"
    )


def _listed(browser: Browser) -> dict[str, list[str]]:
    """Heading → the persons listed under it in the Rounds page's list of who changed."""
    return browser.driver.execute_script(
        "var found = {};"
        "document.querySelectorAll('#rnd-changes h3').forEach(h => {"
        "  found[h.innerText] = [...h.parentElement.querySelectorAll('button')].map(b => b.innerText); });"
        "return found;"
    )


def test_rounds_page_lists_who_changed_and_highlights_a_person_in_all_three_graphs(browser, url, driver, demo):
    name = demo["D"]
    before, after = (load_view(driver, name, r, "weekly") for r in ("2011", "2013"))
    changes = person_changes(compare_views(before, after, permutations=10))
    labels = _labels(driver, name, "en")
    expected = {kind: sorted(labels[p] for p in changes[kind]) for kind in PERSON_CHANGES if changes[kind]}
    assert "joined" in expected and "left" in expected and len(expected) >= 3
    browser.open(url + "/rounds?municipality=D&from=2011&to=2013&threshold=weekly&lang=en")
    browser.wait_graph("rnd-difference")
    listed = browser.wait(lambda: _listed(browser) if len(_listed(browser)) == len(expected) else None)
    headings = {
        "joined": "Joined the network",
        "left": "Left the network",
        "isolated": "Became isolated",
        "no_longer_isolated": "No longer isolated",
        "bridge_builder": "Became a bridge-builder",
        "no_longer_bridge_builder": "No longer a bridge-builder",
    }
    assert listed == {headings[kind]: sorted(persons) for kind, persons in expected.items()}
    # A person present in both rounds whose role changed: drawn in all three graphs.
    kind = next(k for k in PERSON_CHANGES[2:] if k in expected)
    person = expected[kind][0]
    button = next(b for b in browser.driver.find_elements("css selector", "#rnd-changes button") if b.text == person)
    button.click()
    for graph in ("rnd-before", "rnd-after", "rnd-difference"):
        browser.wait(lambda graph=graph: browser.driver.execute_script(_HIGHLIGHTED, graph) == [person])
    _wait_address(browser, person=person)
    # A prepared link opens with the person highlighted; in bokmål the pseudonym is bokmål's.
    in_nb = _labels(driver, name, "nb")[next(p for p, label in labels.items() if label == person)]
    browser.open(url + f"/rounds?municipality=D&from=2011&to=2013&threshold=weekly&person={in_nb}&lang=nb")
    browser.wait_graph("rnd-difference")
    for graph in ("rnd-before", "rnd-after", "rnd-difference"):
        browser.wait(lambda graph=graph: browser.driver.execute_script(_HIGHLIGHTED, graph) == [in_nb])


def _political(browser: Browser, url: str, alias: str, lang: str) -> None:
    browser.open(url + f"/political?municipality={alias}&round=2013&lang={lang}")
    browser.wait_graph("pol-graph")
    browser.wait(lambda: browser.driver.find_elements("css selector", "#pol-table td"))


def test_political_page_title_counts_persons_in_contact_in_words(browser, url, driver, demo):
    view = load_view(driver, demo["A"], "2013", "monthly")
    summary = political_summary(load_political(driver, demo["A"], "2013"), view)
    assert (summary["persons_in_contact"], summary["persons"]) == (19, 31)  # the example
    for lang, sentence in (
        ("nb", "{} av {} personer har kontakt med politikere"),
        ("en", "{} of {} persons have contact with politicians"),
    ):
        _political(browser, url, "A", lang)
        words = [in_words(summary[k], lang) for k in ("persons_in_contact", "persons")]
        title = sentence.format(*words)
        browser.wait(lambda title=title: browser.text("pol-summary") == f"A · 2013: {title[:1].upper()}{title[1:]}")


def test_political_page_legend_lists_only_what_is_drawn(browser, url, driver, demo):
    view = load_view(driver, demo["B"], "2013", "monthly")
    contacts = [c for c in load_political(driver, demo["B"], "2013") if c.person_id in view.person_by_id]
    _political(browser, url, "B", "en")
    functions = {f.key: f.en for f in FUNCTIONS}
    expected = {functions[p.primary_function][:1].upper() + functions[p.primary_function][1:] for p in view.persons}
    expected |= {CONTACT_TYPE_LABELS["en"][c.contact_type] for c in contacts}
    if any(not p.responded for p in view.persons):
        expected.add("Did not respond (hollow)")
    if any(len(p.functions) > 1 for p in view.persons):
        expected.add("Several functions (pie)")
    assert len(expected) < len(FUNCTIONS) + 5  # B lacks some functions: a real check
    items = browser.driver.find_elements("css selector", "#pol-legend .legend-item")
    assert {i.text for i in items} == expected


def test_political_page_bodies_stand_in_one_row_above_the_persons(browser, url, driver, demo):
    _political(browser, url, "D", "en")
    drawn = browser.graph("pol-graph")["nodes"]
    bodies = [n for n in drawn if "body" in n["classes"]]
    persons = [n for n in drawn if "person" in n["classes"]]
    assert len(bodies) >= 3
    assert len({n["y"] for n in bodies}) == 1
    assert bodies[0]["y"] < min(n["y"] for n in persons)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_political_page_table_fits_its_box(url, demo, size):
    with Browser(width=size[0], height=size[1]) as small:
        _political(small, url, "A", "nb")
        overflowing = small.driver.execute_script(
            "var box = document.getElementById('pol-table');"
            "return [box, ...box.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.className || e.tagName);"
        )
        assert overflowing == []
        table, box = small.driver.execute_script(
            "var box = document.getElementById('pol-table');"
            "return [box.querySelector('table').getBoundingClientRect().right, box.getBoundingClientRect().right];"
        )
        assert table <= box + 1
