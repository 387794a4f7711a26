"""Serving benchmark: concurrent users of ``netkart serve`` on the demo data (issue 13 item 7).

Loads the demo data (a no-op when it is loaded), serves the dashboard in a subprocess as
``netkart serve`` does (waitress, ``--threads``) and lets ``--users`` simulated users work
for ``--seconds``. Each user speaks Dash's own protocol, as the browser does:

- opens a page (network, municipalities, rounds, political) by asking the page router's
  callback for it, then fires the callbacks the new components start, in dependency order;
- then, after a think time, changes a municipality, a round or a threshold to another of
  the values the page offers, and fires every callback that depends on it, following the
  chain (municipality → its rounds → the drawing); now and then it switches page;
- polls the database health every 2 s, as the header does.

The request shapes are taken from the app's callback map (``GET /_dash-dependencies``) and the
values from the layouts and answers, so the benchmark follows the pages as they change.
Reported: callback latency (request → answer, p50/p95/max, all callbacks and the drawing
callbacks alone; over the whole run, and after a warm-up, as the server starts with cold
caches and the first users compute every view), errors (any answer other than 200 or 204,
or a failed request: must be 0), the server process's memory (RSS from ``/proc``, at start,
peak, end) and the load average.

Run with the NETKART_* / NEO4J_* variables of the server to use:
``.venv/bin/python -m bench.serve_load [--users 20] [--seconds 60]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest import RoundExistsError
from ingest.demo import generate, load_demo
from netkart.connection import get_driver
from tests.support.browser import dashboard_process

#: Pages a user visits, with the weight of choosing each.
PAGES = {"/": 4, "/municipalities": 2, "/rounds": 2, "/political": 1}

#: Id endings of the selectors a user changes (``net-municipality``, ``rnd-from``, …).
SELECTORS = ("-municipality", "-round", "-from", "-to", "-threshold")

#: How often the header asks whether the database answers (``dashboard.app.HEALTH_INTERVAL_MS``).
HEALTH_SECONDS = 2.0

#: Share of actions that switch page rather than change a selector.
PAGE_SWITCH = 0.15

Key = tuple[str, str]  # (component id, property)


def _key(text: str) -> Key:
    component, _, prop = text.rpartition(".")
    return component, prop


@dataclass(frozen=True)
class Callback:
    """One server-side callback of the app's callback map."""

    output: str
    outputs: tuple[Key, ...]
    multi: bool
    inputs: tuple[Key, ...]
    state: tuple[Key, ...]
    prevent_initial_call: bool

    @classmethod
    def parse(cls, spec: dict[str, Any]) -> Callback:
        output = spec["output"]
        multi = output.startswith("..")
        outputs = tuple(_key(o) for o in output.strip(".").split("...")) if multi else (_key(output),)
        return cls(
            output=output,
            outputs=outputs,
            multi=multi,
            inputs=tuple((i["id"], i["property"]) for i in spec["inputs"]),
            state=tuple((s["id"], s["property"]) for s in spec["state"]),
            prevent_initial_call=bool(spec.get("prevent_initial_call")),
        )

    @property
    def pattern(self) -> bool:
        """Uses pattern-matching ids (``{"type": ..., "name": ALL}``), which this client skips."""
        return any(c.startswith("{") for c, _ in (*self.outputs, *self.inputs, *self.state))


@dataclass
class Timings:
    """Every callback's latency in seconds, when it was sent and whether it drew a view; errors."""

    started: float = field(default_factory=time.monotonic)
    calls: list[tuple[float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sent: float, seconds: float, drawing: bool) -> None:
        with self.lock:
            self.calls.append((sent - self.started, seconds, drawing))

    def error(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)

    def latencies(self, *, after: float = 0.0, before: float = float("inf"), drawing: bool = False) -> list[float]:
        """Sorted latencies of the calls sent in ``[after, before)`` seconds from the start."""
        return sorted(s for at, s, draws in self.calls if after <= at < before and (draws or not drawing))


def _components(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component (with an id) in a serialised Dash layout."""
    if isinstance(tree, list):
        for item in tree:
            yield from _components(item)
    elif isinstance(tree, dict) and "props" in tree:
        props = tree["props"]
        if "id" in props:
            yield props
        for value in props.values():
            yield from _components(value)


def _options(value: Any) -> list[Any]:
    """The values of a Dropdown's or RadioItems' ``options``."""
    return [o["value"] if isinstance(o, dict) else o for o in value or []]


class User:
    """One simulated browser: the props it knows, and the callbacks it fires when they change."""

    def __init__(self, url: str, callbacks: list[Callback], header: Any, timings: Timings, seed: int) -> None:
        self.url = url
        self.callbacks = callbacks
        self.timings = timings
        self.rng = random.Random(seed)
        self.props: dict[Key, Any] = {}
        self.present: set[str] = set()
        self.health = 0
        self.header = self.add_layout(header)
        self.props["lang", "value"] = "nb"

    def add_layout(self, tree: Any) -> set[str]:
        """Take the components of ``tree`` into the page; return their ids."""
        added = set()
        for props in _components(tree):
            component = props["id"]
            if isinstance(component, str):
                added.add(component)
                self.props.update({(component, p): v for p, v in props.items() if p != "children"})
        self.present |= added
        return added

    def ready(self, callback: Callback) -> bool:
        return not callback.pattern and all(c in self.present for c, _ in (*callback.inputs, *callback.state))

    def post(self, callback: Callback, changed: list[Key]) -> dict[Key, Any]:
        """Call ``callback`` as the browser does; return the props it changed."""

        def values(keys: tuple[Key, ...]) -> list[dict[str, Any]]:
            return [{"id": c, "property": p, "value": self.props.get((c, p))} for c, p in keys]

        outputs = [{"id": c, "property": p} for c, p in callback.outputs]
        body = {
            "output": callback.output,
            "outputs": outputs if callback.multi else outputs[0],
            "inputs": values(callback.inputs),
            "state": values(callback.state),
            "changedPropIds": [f"{c}.{p}" for c, p in changed],
        }
        request = urllib.request.Request(
            self.url + "/_dash-update-component",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        drawing = any(c.endswith(SELECTORS) for c, _ in callback.inputs) and not any(
            c.endswith(SELECTORS) for c, _ in callback.outputs
        )
        sent, started = time.monotonic(), time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, content = answer.status, answer.read()
        except (urllib.error.URLError, OSError) as error:
            self.timings.error(f"{callback.output}: {error}")
            return {}
        self.timings.add(sent, time.perf_counter() - started, drawing)
        if status == 204:  # PreventUpdate: nothing changed
            return {}
        if status != 200:
            self.timings.error(f"{callback.output}: HTTP {status}")
            return {}
        answered = json.loads(content).get("response", {})
        return {(c, p): v for c, props in answered.items() for p, v in props.items()}

    def fire(self, changed: list[Key], initial: Sequence[Callback] = ()) -> None:
        """Fire ``initial`` and every callback ``changed`` props trigger, then what their
        answers trigger, a callback only once its inputs are no longer awaited (as Dash does)."""
        pending = [c for c in self.callbacks if self.ready(c) and set(c.inputs) & set(changed)]
        pending += [c for c in initial if c not in pending]
        triggers: dict[Callback, list[Key]] = {c: [k for k in c.inputs if k in changed] for c in pending}
        while pending:
            awaited = {k for c in pending for k in c.outputs}
            callback = next((c for c in pending if not set(c.inputs) & awaited), pending[0])
            pending.remove(callback)
            answered = self.post(callback, triggers.pop(callback, []))
            added: set[str] = set()
            for key, value in answered.items():
                if key[1] == "children":
                    added |= self.add_layout(value)
                else:
                    self.props[key] = value
            fresh = {k for k in answered if k[1] != "children"}
            for following in self.starting(added) if added else []:
                if following not in pending:
                    pending.append(following)
            for following in self.callbacks:
                hit = [k for k in following.inputs if k in fresh]
                if hit and self.ready(following):
                    if following not in pending:
                        pending.append(following)
                    triggers[following] = [*triggers.get(following, []), *hit]

    def starting(self, added: set[str]) -> list[Callback]:
        """The callbacks that new components ``added`` start, as Dash fires them on render."""
        return [
            c
            for c in self.callbacks
            if self.ready(c)
            and not c.prevent_initial_call
            and any(k[0] in added for k in (*c.inputs, *c.outputs))
            and ("_pages_content", "children") not in c.outputs
        ]

    def open(self, path: str) -> None:
        """Navigate to ``path``: the router's callback, then the new components' callbacks."""
        router = next(c for c in self.callbacks if ("_pages_content", "children") in c.outputs)
        self.props["_pages_location", "pathname"] = path
        self.props["_pages_location", "search"] = ""
        answered = self.post(router, [("_pages_location", "pathname")])
        # The previous page's components go; the header's stay.
        self.present = set(self.header)
        added = self.add_layout(answered.get(("_pages_content", "children"), []))
        self.fire([], self.starting(added))

    def change_selector(self) -> None:
        """Set one of the page's selectors to another value it offers, and fire what follows."""
        choices = []
        for component in self.present:
            if component.endswith(SELECTORS):
                offered = _options(self.props.get((component, "options")))
                others = [v for v in offered if v != self.props.get((component, "value"))]
                if others:
                    choices.append((component, others))
        if not choices:
            return
        component, others = self.rng.choice(sorted(choices))
        self.props[component, "value"] = self.rng.choice(others)
        self.fire([(component, "value")])

    def check_health(self) -> None:
        self.health += 1
        self.props["db-health", "n_intervals"] = self.health
        self.fire([("db-health", "n_intervals")])

    def run(self, until: float, think: float) -> None:
        pages = list(PAGES)
        weights = [PAGES[p] for p in pages]
        self.open(self.rng.choices(pages, weights)[0])
        next_health = time.monotonic() + HEALTH_SECONDS
        while time.monotonic() < until:
            pause = self.rng.uniform(0.5 * think, 1.5 * think)
            while pause > 0 and time.monotonic() < until:
                step = min(pause, max(0.0, next_health - time.monotonic()))
                time.sleep(step)
                pause -= step
                if time.monotonic() >= next_health:
                    self.check_health()
                    next_health += HEALTH_SECONDS
            if time.monotonic() >= until:
                break
            if self.rng.random() < PAGE_SWITCH:
                self.open(self.rng.choices(pages, weights)[0])
            else:
                self.change_selector()


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[round(share * (len(sorted_values) - 1))] if sorted_values else float("nan")


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated users (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they work (default 60)")
    parser.add_argument("--threads", type=int, default=8, help="netkart serve --threads (default 8)")
    parser.add_argument(
        "--think", type=float, default=1.0, help="a user's mean pause between actions, seconds (default 1.0)"
    )
    parser.add_argument(
        "--warm-up",
        type=float,
        default=15,
        metavar="SECONDS",
        help="also report the calls after the first SECONDS apart: the server starts cold (default 15)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        try:
            load_demo(get_driver(), generate(Path(folder)))
        except RoundExistsError as error:
            print(f"bench.serve_load: the database holds other data under a demo name: {error}", file=sys.stderr)
            return 2
    load_before = os.getloadavg()
    with dashboard_process(threads=args.threads) as served:
        # Clientside callbacks run in the browser, not on the server.
        specs = [s for s in _get_json(served.url + "/_dash-dependencies") if not s.get("clientside_function")]
        callbacks = [c for c in map(Callback.parse, specs) if not c.pattern]
        header = _get_json(served.url + "/_dash-layout")
        rss = [_rss_mib(served.pid)]
        timings = Timings()
        until = timings.started + args.seconds
        users = [
            threading.Thread(
                target=User(served.url, callbacks, header, timings, seed).run, args=(until, args.think), daemon=True
            )
            for seed in range(args.users)
        ]
        for user in users:
            user.start()
        while any(user.is_alive() for user in users):
            rss.append(_rss_mib(served.pid))
            time.sleep(1.0)
        rss.append(_rss_mib(served.pid))
    load_after = os.getloadavg()
    print(
        f"{args.users} users, {args.seconds:.0f} s, think time {args.think:.1f} s, "
        f"netkart serve --threads {args.threads}, {os.cpu_count()} cores"
    )
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    warm = f"after the first {args.warm_up:.0f} s"
    for name, values in (
        ("all callbacks", timings.latencies()),
        ("drawing callbacks", timings.latencies(drawing=True)),
        (f"all callbacks, {warm}", timings.latencies(after=args.warm_up)),
        (f"drawing callbacks, {warm}", timings.latencies(after=args.warm_up, drawing=True)),
    ):
        print(
            f"{name}: {len(values)} requests, p50 {_percentile(values, 0.5) * 1000:.0f} ms, "
            f"p95 {_percentile(values, 0.95) * 1000:.0f} ms, max {(values[-1] if values else 0) * 1000:.0f} ms"
        )
    print(f"throughput: {len(timings.calls) / args.seconds:.1f} callbacks/s")
    print(f"errors: {len(timings.errors)}")
    for error in timings.errors[:10]:
        print(f"  {error}")
    print(f"server memory (RSS): start {rss[0]:.0f} MiB, peak {max(rss):.0f} MiB, end {rss[-1]:.0f} MiB")
    return 1 if timings.errors else 0


if __name__ == "__main__":
    sys.exit(main())
