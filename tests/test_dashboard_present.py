"""The dashboard in the room (issue 11): presentation mode of the Municipalities page and
pictures for slides, in real headless Chromium at a projector's 1280×720 and at 1920×1080.

Expected counts come from ``analytics`` on views loaded from the database; expected texts
from the interface texts (:func:`dashboard.i18n.text`), so the tests follow their wording.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from support.browser import Browser

from analytics.metrics import compute_metrics
from analytics.store import load_view
from cypher.model import CONTACT_TYPES
from dashboard.exports import graph_picture, grid_columns, grid_picture
from dashboard.i18n import text

#: The projector's window (support.browser_fixtures' browser fixture).
BROWSER_SIZE = (1280, 720)

_SVG = "{http://www.w3.org/2000/svg}"
_PRESENT = "/municipalities?present=1&municipalities=A,B,C,D&round=2013&threshold=weekly"


def _expected(driver, demo: dict[str, str], alias: str, threshold: str, round_label: str = "2013") -> dict:
    return compute_metrics(load_view(driver, demo[alias], round_label, threshold))


def _wait_grid(browser: Browser, driver, demo, aliases: str, threshold: str, round_label: str = "2013") -> None:
    for alias in aliases:
        expected = _expected(driver, demo, alias, threshold, round_label)
        browser.wait_graph(
            f"mun-graph-{alias}", nodes=expected["nodes"], edges=expected["ties"], read=False, timeout=60
        )


def _boxes(browser: Browser, ids: list[str]) -> list[dict[str, float]]:
    return browser.driver.execute_script(
        "return arguments[0].map(id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; });",
        ids,
    )


# Pure functions: what a picture is called and how a grid is laid out.


def test_picture_titles_and_file_names_say_what_they_hold():
    one = graph_picture([("net-graph", "")], "A", ["2013"], "ukentlig", "nb")
    assert (one.title, one.file) == ("A · 2013 · ukentlig", "A-2013-ukentlig")
    assert one.source == "Kilde: netkart · spørreundersøkelse 2013"
    pair = graph_picture([("b", "A · 2011"), ("a", "A · 2013"), ("d", "x")], "A", ["2011", "2013"], "weekly", "en")
    assert (pair.file, pair.columns, pair.source) == ("A-2011-2013-weekly", 3, "Source: netkart · survey 2011, 2013")
    grid = grid_picture([("g-A", "A"), ("g-B", "B"), ("g-C", "C"), ("g-D", "D")], "2013", "ukentlig", "nb")
    assert grid.file == "2013-ukentlig-A-B-C-D"
    assert [title for _, title in grid.graphs] == [f"{m} · 2013 · ukentlig" for m in "ABCD"]
    # A name shown with --show-names cannot make a path of the file name.
    assert graph_picture([("g", "")], "Øvre/Nedre By", ["2013"], "daglig", "nb").file == "Øvre_Nedre_By-2013-daglig"
    assert [grid_columns(n) for n in (1, 2, 4, 5, 6, 9, 10)] == [1, 2, 2, 3, 3, 3, 4]


# Presentation mode.


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_presentation_mode_shows_four_graphs_inside_the_screen_without_scrolling(url, driver, demo, size):
    width, height = size
    with Browser(width=width, height=height) as browser:
        browser.open(url + _PRESENT)
        _wait_grid(browser, driver, demo, "ABCD", "weekly")
        ids = [f"mun-graph-{alias}" for alias in "ABCD"]
        # The grid settles once the page has its presentation layout.
        boxes = browser.settled(lambda: _boxes(browser, ids))
        for box in boxes:
            assert box["left"] >= 0 and box["top"] >= 0, box
            assert box["right"] <= width and box["bottom"] <= height, box
            # Large enough to read from the room: a quarter of the screen, less titles and legend.
            assert box["right"] - box["left"] > width * 0.4 and box["bottom"] - box["top"] > height * 0.3, box
        scroll = browser.driver.execute_script(
            "const s = document.scrollingElement; return [s.scrollWidth, s.scrollHeight, innerWidth, innerHeight];"
        )
        assert scroll[0] <= scroll[2] and scroll[1] <= scroll[3], scroll
        header = browser.driver.find_element("css selector", ".header")
        assert not header.is_displayed()
        assert not browser.driver.find_element("id", "mun-table").is_displayed()
        for alias in "ABCD":
            assert browser.text(f"mun-title-{alias}").startswith(f"{alias} · 2013 · {text('weekly', 'nb')}")


@pytest.mark.browser
def test_the_button_enters_presentation_mode_and_the_way_out_leaves_it(browser, url, driver, demo):
    browser.open(url + "/municipalities")
    _wait_grid(browser, driver, demo, "ABCD", "weekly")
    header = browser.driver.find_element("css selector", ".header")
    assert header.is_displayed()
    browser.click("mun-present-open")
    browser.wait(lambda: not header.is_displayed())
    assert "present" in browser.driver.find_element("id", "mun-page").get_attribute("class").split()
    browser.wait(lambda: "present=1" in browser.driver.current_url)
    browser.click("mun-present-exit")
    browser.wait(lambda: header.is_displayed())
    browser.wait(lambda: "present=" not in browser.driver.current_url)
    # Esc leaves it too.
    browser.click("mun-present-open")
    browser.wait(lambda: not header.is_displayed())
    ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
    browser.wait(lambda: header.is_displayed())


@pytest.mark.browser
def test_a_prepared_address_opens_exactly_that_view(browser, url, driver, demo):
    browser.open(url + "/municipalities?present=1&municipalities=A,B&round=2013&threshold=daily")
    _wait_grid(browser, driver, demo, "AB", "daily")
    drawn = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('#mun-grid .graph')).map(g => g.id);"
    )
    assert drawn == ["mun-graph-A", "mun-graph-B"]
    checked = browser.driver.find_element("css selector", "#mun-threshold input:checked").get_attribute("value")
    assert checked == "daily"
    assert "present" in browser.driver.find_element("id", "mun-page").get_attribute("class").split()
    assert not browser.text("mun-address-error")
    # Two graphs side by side, each the full height left by its title and the legend.
    left, right = _boxes(browser, ["mun-graph-A", "mun-graph-B"])
    assert left["right"] <= right["left"] and right["right"] <= 1280 and left["bottom"] <= 720


@pytest.mark.browser
def test_unknown_values_in_the_address_name_the_known_ones(browser, url, demo):
    browser.open(url + "/municipalities?municipalities=A,Q&round=2013")
    message = browser.wait(lambda: browser.text("mun-address-error"))
    assert "Q" in message and "A, B, C, D" in message and "municipalities" in message
    browser.wait_graph("mun-graph-A", read=False)
    browser.open(url + "/municipalities?round=1999&threshold=hourly")
    message = browser.wait(lambda: browser.text("mun-address-error"))
    assert "1999" in message and "2011, 2013" in message
    assert "hourly" in message and "daily, weekly, monthly" in message
    # Nothing is drawn for a view that does not exist.
    assert not browser.driver.find_elements("css selector", "#mun-grid .graph")


@pytest.mark.browser
def test_arrow_keys_step_the_threshold_and_the_round(browser, url, driver, demo):
    browser.open(url + _PRESENT)
    _wait_grid(browser, driver, demo, "ABCD", "weekly")

    def press(key: str) -> None:
        ActionChains(browser.driver).send_keys(key).perform()

    press(Keys.ARROW_RIGHT)
    _wait_grid(browser, driver, demo, "ABCD", "monthly")
    browser.wait(lambda: "threshold=monthly" in browser.driver.current_url)
    press(Keys.ARROW_LEFT)
    press(Keys.ARROW_LEFT)
    _wait_grid(browser, driver, demo, "ABCD", "daily")
    assert browser.text("mun-title-A").startswith(f"A · 2013 · {text('daily', 'nb')}")
    press(Keys.ARROW_DOWN)
    _wait_grid(browser, driver, demo, "ABCD", "daily", "2011")
    browser.wait(lambda: "round=2011" in browser.driver.current_url)


def test_f_toggles_full_screen(browser, url, driver, demo):
    browser.open(url + _PRESENT)
    _wait_grid(browser, driver, demo, "ABCD", "weekly")
    full = "return document.fullscreenElement === document.documentElement"
    assert browser.driver.execute_script(full) is False
    ActionChains(browser.driver).send_keys("f").perform()
    browser.wait(lambda: browser.driver.execute_script(full))
    ActionChains(browser.driver).send_keys("F").perform()
    browser.wait(lambda: browser.driver.execute_script("return document.fullscreenElement === null"))


# Pictures for slides.


def _wait_file(browser: Browser, folder: Path, name: str) -> Path:
    target = folder / name

    def downloaded() -> Path | None:
        """the file is completely downloaded"""
        # Chromium writes into "*.crdownload" and renames the file when it is complete.
        return target if target.exists() and target.stat().st_size > 0 else None

    try:
        return browser.wait(downloaded, timeout=60)
    except TimeoutError:
        found = sorted(p.name for p in folder.iterdir())
        raise AssertionError(f"{name} was not downloaded into {folder}; there: {found}") from None


def _export(browser: Browser, folder: Path, prefix: str, kind: str, name: str) -> Path:
    for earlier in folder.iterdir():
        earlier.unlink()
    browser.click(f"{prefix}-{kind}")
    return _wait_file(browser, folder, name)


def _graphs_of(svg: Path) -> dict[str, ElementTree.Element]:
    """Each graph of an exported picture by its title, checked to hold a drawn graph."""
    root = ElementTree.parse(svg).getroot()
    graphs = {g.get("data-title"): g for g in root.iter(f"{_SVG}g") if g.get("class") == "graph"}
    for title, group in graphs.items():
        drawn = group.find(f"{_SVG}svg")
        assert drawn is not None and len(list(drawn.iter())) > 20, f"graph {title!r} is not drawn"
    return graphs


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def _texts(svg: Path) -> str:
    return " | ".join(t.text or "" for t in ElementTree.parse(svg).getroot().iter(f"{_SVG}text"))


def _check_picture(svg: Path, title: str, legend: list[str], source: str) -> str:
    shown = _texts(svg)
    assert title in shown, f"{svg.name}: no title {title!r}"
    for entry in legend:
        assert entry in shown, f"{svg.name}: no legend entry {entry!r}"
    assert source in shown, f"{svg.name}: no source line"
    return shown


@pytest.mark.browser
def test_network_picture_has_title_legend_source_and_its_name(browser, url, downloads, demo):
    browser.open(url + "/?municipality=A&round=2013&threshold=weekly")
    browser.wait_graph("net-graph", read=False)
    browser.wait(lambda: browser.driver.find_elements("css selector", "#net-legend .legend-item"))
    svg = _export(browser, downloads, "net", "svg", "A-2013-ukentlig.svg")
    legend = [text("bridge_builder_legend", "nb"), text("daily", "nb"), text("size_betweenness", "nb")]
    _check_picture(svg, "A · 2013 · ukentlig", legend, "Kilde: netkart · spørreundersøkelse 2013")
    assert len(_graphs_of(svg)) == 1
    png = _export(browser, downloads, "net", "png", "A-2013-ukentlig.png")
    width, height = _png_size(png)
    assert width >= 1600 and height > 400


@pytest.mark.browser
def test_rounds_picture_holds_both_rounds_and_the_difference(browser, url, downloads, demo):
    browser.open(url + "/rounds")
    # The page's first fill sets the municipality; a choice made before it would be overwritten.
    browser.wait_graph("rnd-difference", read=False)
    browser.choose_dropdown("rnd-municipality", "A")
    browser.wait(lambda: browser.text("rnd-before-title").startswith("A "))
    browser.wait(lambda: browser.driver.find_elements("css selector", "#rnd-legend .legend-item"))
    svg = _export(browser, downloads, "rnd", "svg", "A-2011-2013-ukentlig.svg")
    legend = [text("tie_new", "nb"), text("tie_dropped", "nb"), text("person_joined", "nb")]
    _check_picture(svg, "A · 2011–2013 · ukentlig", legend, "Kilde: netkart · spørreundersøkelse 2011, 2013")
    assert set(_graphs_of(svg)) == {"A · 2011", "A · 2013", text("difference", "nb")}
    _png_size(_export(browser, downloads, "rnd", "png", "A-2011-2013-ukentlig.png"))


@pytest.mark.browser
def test_political_picture_has_title_legend_source_and_its_name(browser, url, downloads, demo):
    browser.open(url + "/political")
    browser.wait_graph("pol-graph", read=False)
    browser.choose_dropdown("pol-municipality", "A")
    browser.wait(lambda: browser.text("pol-summary").startswith("A "))
    browser.wait(lambda: browser.driver.find_elements("css selector", "#pol-legend .legend-item"))
    svg = _export(browser, downloads, "pol", "svg", "A-2013-politisk.svg")
    legend = [text(CONTACT_TYPES[0], "nb")]
    _check_picture(svg, "A · 2013 · politisk", legend, "Kilde: netkart · spørreundersøkelse 2013")
    _png_size(_export(browser, downloads, "pol", "png", "A-2013-politisk.png"))


@pytest.mark.browser
def test_grid_picture_holds_the_four_graphs_with_their_titles(browser, url, downloads, driver, demo):
    browser.open(url + "/municipalities?municipalities=A,B,C,D&round=2013&threshold=weekly")
    _wait_grid(browser, driver, demo, "ABCD", "weekly")
    browser.wait(lambda: browser.driver.find_elements("css selector", "#mun-legend .legend-item"))
    svg = _export(browser, downloads, "mun", "svg", "2013-ukentlig-A-B-C-D.svg")
    shown = _check_picture(
        svg, "2013 · ukentlig", [text("bridge_builder_legend", "nb")], "Kilde: netkart · spørreundersøkelse 2013"
    )
    titles = [f"{alias} · 2013 · ukentlig" for alias in "ABCD"]
    assert list(_graphs_of(svg)) == titles
    assert all(title in shown for title in titles)
    # One legend for the whole grid.
    assert len(re.findall(re.escape(text("bridge_builder_legend", "nb")), shown)) == 1
    width, height = _png_size(_export(browser, downloads, "mun", "png", "2013-ukentlig-A-B-C-D.png"))
    assert width >= 1600 and height > 600
