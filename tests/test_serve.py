"""``netkart serve`` on a production WSGI server (issue 11 item 9, issue 13 item 7).

The dashboard is served in a subprocess exactly as users start it; the tests look at what
answers (the ``Server`` header, the log) and at many requests at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.browser import dashboard_process

PARALLEL = 10


@pytest.fixture(scope="module")
def served(driver):
    with dashboard_process(threads=4) as dashboard:
        yield dashboard


def _get(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.status, answer.headers.get("Server", ""), answer.read()


def test_serve_answers_through_waitress_without_the_development_server(served):
    status, server, _ = _get(served.url + "/_dash-layout")
    assert status == 200
    assert server == "waitress"
    log = served.log.read_text()
    assert "4 threads" in log
    assert "development server" not in log.casefold()


def test_serve_answers_parallel_layout_and_page_requests(served):
    urls = [served.url + ("/_dash-layout" if i % 2 else "/municipalities") for i in range(PARALLEL)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        answers = list(pool.map(_get, urls))
    assert [status for status, _, _ in answers] == [200] * PARALLEL
    layouts = [json.loads(body) for (_, _, body), url in zip(answers, urls, strict=True) if "layout" in url]
    assert all(layout == layouts[0] for layout in layouts)


def test_serve_refuses_a_thread_count_below_one():
    done = subprocess.run(
        [sys.executable, "-m", "netkart.cli", "serve", "--threads", "0"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "--threads: expected a whole number of at least 1, got '0'" in done.stderr
    assert "Traceback" not in done.stderr
