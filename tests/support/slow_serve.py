"""``netkart serve`` whose network-graph answers for one threshold are held back.

The stale-answer browser test needs an answer that lands after a newer one. Production code
has no hook for that: this launcher builds the same app and adds a Flask ``before_request``
that delays the graph callback when the threshold it is asked for is ``--threshold``, and
serves it as ``netkart serve`` does (waitress). Started by
:func:`support.browser.served_dashboard` (``slow_threshold=...``) as a script.
"""

from __future__ import annotations

import argparse
import json
import threading

from flask import request

from dashboard.app import create_app
from dashboard.serving import serve


def _asks_for(body: dict[str, object], threshold: str) -> bool:
    inputs = body.get("inputs") or []
    is_graph = "net-drawn.data" in json.dumps(body.get("output"))
    return is_graph and any(
        isinstance(i, dict) and i.get("id") == "net-threshold" and i.get("value") == threshold for i in inputs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threshold", required=True)
    parser.add_argument("--delay", type=float, default=3.0, help="seconds the answer is held back")
    parser.add_argument("--show-names", action="store_true")
    args = parser.parse_args()
    app = create_app(show_names=args.show_names)
    held = threading.Event()  # never set: waiting on it is the simulated slow server

    @app.server.before_request
    def _hold_back() -> None:
        if request.path.endswith("_dash-update-component") and _asks_for(
            request.get_json(silent=True) or {}, args.threshold
        ):
            held.wait(args.delay)

    serve(app, host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
