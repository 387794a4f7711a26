"""Parameters of the named analyst queries, as the queries page shows and reads them.

A query file's ``:param {...}`` block is a Cypher map literal; its values are the defaults
shown in the browser and fix each parameter's type. Text typed in the browser is converted
to that type, and reaches Neo4j only as a ``$parameter`` value.
"""

from __future__ import annotations

import ast
import json
import re
from typing import Any

__all__ = ["example_values", "typed_value"]

_CYPHER_KEY = re.compile(r"([{,]\s*)([A-Za-z_][A-Za-z0-9_]*)\s*:")
_CYPHER_LITERALS = {"true": "True", "false": "False", "null": "None"}


def example_values(example: str) -> dict[str, Any]:
    """The values of a ``:param {...}`` block (a Cypher map literal) as Python values.

    Keys are quoted and ``true``/``false``/``null`` translated, then the map is read with
    :func:`ast.literal_eval`, which accepts literals only. An unreadable block gives ``{}``.
    """
    quoted = _CYPHER_KEY.sub(lambda m: f'{m.group(1)}"{m.group(2)}":', example)
    python = re.sub(r"\b(true|false|null)\b", lambda m: _CYPHER_LITERALS[m.group(1)], quoted)
    try:
        value = ast.literal_eval(python)
    except (ValueError, SyntaxError):
        return {}
    return value if isinstance(value, dict) else {}


def typed_value(raw: str, example: Any) -> Any:
    """Text typed in the browser, as the type of the query's example value.

    Strings stay text; numbers, booleans and lists are read as JSON (``json.JSONDecodeError``
    when they are not).
    """
    if isinstance(example, str) or example is None:
        return raw
    return json.loads(raw)
