"""The pillars import only downward, as the data flows (README, "The shape").

Survey files → ``ingest`` → Neo4j → ``cypher`` → ``analytics`` → ``report``, ``dashboard`` and
the ``netkart`` command. The shared types and vocabulary (``cypher.model``) and the connection
settings sit at the bottom, for everyone. ``ingest`` and ``analytics`` both stand on ``cypher``
and know nothing of each other; ``netkart.cli``, the composition root, wires them together
where a command needs both (``person export``). Every import is checked, also those inside
functions and under ``TYPE_CHECKING``: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Modules every pillar may import.
BOTTOM = frozenset({"cypher.model", "netkart.connection", "netkart.settings", "netkart.confirm"})

#: The pillars each pillar may import besides itself and :data:`BOTTOM`.
ALLOWED: dict[str, frozenset[str]] = {
    "cypher": frozenset(),
    "ingest": frozenset({"cypher"}),
    "analytics": frozenset({"cypher"}),
    "report": frozenset({"analytics"}),  # reads analytics only
    "dashboard": frozenset({"cypher", "ingest", "analytics", "report"}),
}

PROJECT = frozenset({*ALLOWED, "netkart"})


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every absolute import of a project module in ``path``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return [(line, module) for line, module in found if module.split(".")[0] in PROJECT]


def _allowed(importer: str, module: str) -> bool:
    pillar, target = importer.split(".")[0], module.split(".")[0]
    if any(module == bottom or module.startswith(bottom + ".") for bottom in BOTTOM):
        return True
    if importer in BOTTOM:  # the bottom imports only the bottom
        return False
    return target == pillar or target in ALLOWED.get(pillar, PROJECT)


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _violations() -> list[str]:
    paths = {path for pillar in ALLOWED for path in (ROOT / pillar).rglob("*.py")}
    paths |= {ROOT / f"{module.replace('.', '/')}.py" for module in BOTTOM}
    return [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted(paths)
        for line, module in _imports(path)
        if not _allowed(_module(path), module)
    ]


def test_every_pillar_imports_only_itself_the_pillars_below_it_and_the_bottom() -> None:
    assert _violations() == []


def test_the_rule_catches_an_upward_import() -> None:
    assert not _allowed("ingest.cli", "analytics.store")
    assert not _allowed("report.scenes", "dashboard.elements")
    assert not _allowed("cypher.params", "ingest.readers")
    assert not _allowed("analytics.store", "netkart.cli")
    assert not _allowed("netkart.settings", "cypher.params")
    assert _allowed("ingest.cli", "cypher.params") and _allowed("report.build", "netkart.connection")
    assert _allowed("dashboard.data", "analytics.layout") and _allowed("netkart.cli", "ingest.cli")
