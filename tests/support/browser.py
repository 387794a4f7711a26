"""Drive the served dashboard in real headless Chromium (browser tests, benchmark, screenshots).

Uses Debian's ``chromium`` and ``chromium-driver`` through selenium. The graphs are read
back from Cytoscape itself (``container._cyreg.cy``, the instance Cytoscape.js registers on
its container), so a test sees exactly what is drawn: node and edge counts, positions, classes.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netkart.settings import project_home

__all__ = ["Browser", "BrowserMissing", "ServedDashboard", "dashboard_process", "free_port", "served_dashboard"]

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

_CY = "var c = document.getElementById(arguments[0]); var cy = c && (c._cyreg || {}).cy;"


class BrowserMissing(RuntimeError):
    """Chromium or its driver is not installed."""


def _binary(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(
        f"none of {', '.join(names)} is on PATH; install Debian's browser with "
        "`apt-get install -y chromium chromium-driver` (the browser tests need a real Chromium)"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class ServedDashboard:
    """A dashboard served in a subprocess: its base URL, process id and log file."""

    url: str
    pid: int
    log: Path


@contextmanager
def dashboard_process(
    *,
    show_names: bool = False,
    slow_threshold: str | None = None,
    threads: int | None = None,
    host: str | None = None,
    timeout: float = 60.0,
) -> Iterator[ServedDashboard]:
    """Run ``netkart serve`` in a subprocess on a free port, wait until it answers, and yield
    it; stop it afterwards.

    The subprocess inherits the environment, so it talks to the same Neo4j as the caller.
    ``slow_threshold`` serves through ``slow_serve.py`` instead, which holds back the network
    graph's answers for that threshold by 3 s (the stale-answer test). ``threads`` and
    ``host`` are ``netkart serve --threads`` and ``--host`` (default: its own); it is
    asked on 127.0.0.1 either way.
    """
    port = free_port()
    if slow_threshold:
        script = Path(__file__).with_name("slow_serve.py")
        command = [sys.executable, str(script), "--port", str(port), "--threshold", slow_threshold]
    else:
        command = [sys.executable, "-m", "netkart.cli", "serve", "--port", str(port)]
        if threads is not None:
            command += ["--threads", str(threads)]
        if host is not None:
            command += ["--host", host]
    if show_names:
        command.append("--show-names")
    # Beside the local server's logs, in the ignored .netkart folder.
    log = project_home() / ".netkart" / "logs" / f"dashboard-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"netkart serve exited with {process.returncode}: {log.read_text()[-2000:]}")
                try:
                    urllib.request.urlopen(url + "/_dash-layout", timeout=2).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answers, if only to ask for a password
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"netkart serve did not answer on {url}") from None
                    time.sleep(0.2)
            yield ServedDashboard(url, process.pid, log)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def served_dashboard(
    *, show_names: bool = False, slow_threshold: str | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """:func:`dashboard_process`, yielding only the base URL."""
    with dashboard_process(show_names=show_names, slow_threshold=slow_threshold, timeout=timeout) as served:
        yield served.url


class Browser:
    """Headless Chromium at 1920×1080, downloading into ``downloads``."""

    def __init__(self, downloads: Path | None = None, *, width: int = 1920, height: int = 1080) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = _binary("chromium", "chromium-browser")
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--window-size={width},{height}")
        self.downloads = downloads
        if downloads is not None:
            options.add_experimental_option(
                "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
            )
        self.driver = webdriver.Chrome(options=options, service=Service(_binary("chromedriver")))
        # The window size includes the (invisible) browser frame; pin the page itself to the size.
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        if downloads is not None:
            self.driver.execute_cdp_cmd(
                "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
            )

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.driver.quit()

    def open(self, url: str) -> None:
        self.driver.get(url)

    def wait(self, condition: Any, timeout: float = 20.0, poll: float = 0.02) -> Any:
        """Poll ``condition()`` until it returns a truthy value; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met within {timeout} s: {getattr(condition, '__doc__', condition)}")
            time.sleep(poll)

    def graph(self, component_id: str) -> dict[str, Any] | None:
        """Nodes (id, label, classes, position ``x``/``y`` and on screen ``rx``/``ry``) and edges
        (source, target, classes) as drawn."""
        return self.driver.execute_script(
            _CY
            + "if (!cy) return null;"
            + "return {nodes: cy.nodes().map(n => ({id: n.id(), label: n.data('label'), classes: n.classes(),"
            + " x: n.position('x'), y: n.position('y'), rx: n.renderedPosition('x'), ry: n.renderedPosition('y')})),"
            + " edges: cy.edges().map(e => ({source: e.data('source'), target: e.data('target'),"
            + " classes: e.classes()}))};",
            component_id,
        )

    def wait_graph(
        self,
        component_id: str,
        *,
        nodes: int | None = None,
        edges: int | None = None,
        timeout: float = 20.0,
        read: bool = True,
    ) -> dict[str, Any]:
        """Wait until the graph has elements (and exactly ``nodes``/``edges`` when given), then
        return what is drawn (:meth:`graph`), or ``{}`` when ``read`` is false (for timing)."""

        def drawn() -> bool:
            """the graph is drawn with the expected counts"""
            # Only counts while polling: reading every element each time would load the page.
            counts = self.driver.execute_script(
                _CY + "return cy ? [cy.nodes().length, cy.edges().length] : null;", component_id
            )
            if not counts or not counts[0]:
                return False
            return (nodes is None or counts[0] == nodes) and (edges is None or counts[1] == edges)

        self.wait(drawn, timeout)
        return (self.graph(component_id) or {}) if read else {}

    def set_value(self, component_id: str | dict[str, str], value: Any) -> None:
        """Set a Dash component's ``value`` as a user's choice would (fires its callbacks)."""
        self.driver.execute_script(
            "window.dash_clientside.set_props(arguments[0], {value: arguments[1]});", component_id, value
        )

    def choose_dropdown(self, component_id: str, value: str) -> None:
        self.wait(lambda: self.driver.find_elements("id", component_id))
        self.set_value(component_id, value)

    def click_radio(self, component_id: str, value: str) -> None:
        """Click the radio button of ``value`` in the RadioItems ``component_id``."""
        selector = f"#{component_id} input[value='{value}']"
        self.wait(lambda: self.driver.find_elements("css selector", selector))[0].click()

    def click_node(self, component_id: str, node_id: str) -> None:
        """Click with the mouse on the centre of the node ``node_id`` as it is drawn."""
        from selenium.webdriver.common.action_chains import ActionChains

        # The graph is scrolled into view first, by us: Selenium would scroll it itself just
        # before the click, and Cytoscape, which caches where its box is on the screen and
        # refreshes that after a scroll event, would place the click by the old position.
        x, y, width, height = self.driver.execute_script(
            _CY
            + "c.scrollIntoView({block: 'center'}); cy.renderer().invalidateContainerClientCoordsCache();"
            + "var p = cy.getElementById(arguments[1]).renderedPosition(); var r = c.getBoundingClientRect();"
            + "return [p.x, p.y, r.width, r.height];",
            component_id,
            node_id,
        )
        container = self.driver.find_element("id", component_id)
        ActionChains(self.driver).move_to_element_with_offset(
            container, int(x - width / 2), int(y - height / 2)
        ).click().perform()

    def text(self, component_id: str) -> str:
        found = self.driver.find_elements("id", component_id)
        return found[0].text if found else ""

    def click(self, component_id: str) -> None:
        self.wait(lambda: self.driver.find_elements("id", component_id))[0].click()

    def settled(self, read: Any, timeout: float = 20.0) -> Any:
        """What ``read()`` returns once it returns the same twice across two animation frames
        (a graph's viewport after a fit, say); fails after ``timeout`` seconds."""
        previous: list[Any] = [read()]

        def unchanged() -> bool:
            """the value stays the same across two animation frames"""
            self.driver.set_script_timeout(5)
            self.driver.execute_async_script(
                "var done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(null)));"
            )
            now = read()
            same = now == previous[0]
            previous[0] = now
            return same

        self.wait(unchanged, timeout)
        return previous[0]

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))
