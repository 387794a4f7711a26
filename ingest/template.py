"""Templates for the next survey round: a roster workbook and the matrix sub-question headers.

``netkart template --municipality M --round R [--from-round R0] --out DIR`` writes

``roster.xlsx``
    the roster layout of ``docs/survey-format.md`` (``person_id``, ``name``, ``functions``,
    ``unit``, ``role``, ``responded``, ``email``) with data-validation dropdowns: function
    labels (a warning, not a stop, since a person may cover several, separated by ``;``) and
    ``ja``/``nei``; pre-filled from the previous round when one is given.
``subquestions.txt``
    one matrix sub-question per roster person, the header the survey tool will export
    (the person's name, or id when names are not stored or not unique), to paste into the tool.
``political_subquestions.txt``
    ``Body - contact type`` for the mayor, executive committee and council.

Reading the previous round is the caller's business (the CLI reads it read-only from the
database); this module only writes files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from cypher.model import FUNCTIONS

__all__ = ["ROSTER_COLUMNS", "RosterRow", "subquestions", "write_template"]

ROSTER_COLUMNS = ("person_id", "name", "functions", "unit", "role", "responded", "email")
#: Rows given dropdowns in an empty template (and below a pre-filled one).
_SPARE_ROWS = 200
_BODIES = ("Ordfører", "Formannskap", "Kommunestyre")
_CONTACT_TYPES = ("Informasjonsutveksling", "Faglig diskusjon", "Politisk diskusjon")


@dataclass(frozen=True)
class RosterRow:
    """A person of the previous round, as the template shows them."""

    person_id: str
    name: str | None
    functions: tuple[str, ...]
    unit: str | None = None
    role: str | None = None


def subquestions(rows: Sequence[RosterRow]) -> list[str]:
    """The matrix sub-question of each person: the name, or the id when names are missing or shared."""
    names = Counter(row.name for row in rows if row.name)
    return [row.name if row.name and names[row.name] == 1 else row.person_id for row in rows]


def write_template(folder: Path, rows: Sequence[RosterRow] = ()) -> list[Path]:
    """Write ``roster.xlsx``, ``subquestions.txt`` and ``political_subquestions.txt`` to ``folder``.

    Returns the paths written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    label = {function.key: function.nb for function in FUNCTIONS}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Roster"
    sheet.append(list(ROSTER_COLUMNS))
    for row in rows:
        functions = "; ".join(label.get(key, key) for key in row.functions)
        sheet.append([row.person_id, row.name or "", functions, row.unit or "", row.role or "", "", ""])
    last = len(rows) + 1 + _SPARE_ROWS
    function_list = DataValidation(
        type="list",
        formula1='"' + ",".join(function.nb for function in FUNCTIONS) + '"',
        errorStyle="warning",
        error="Not in the list: several functions are separated by ';'.",
        errorTitle="Function",
    )
    function_list.add(f"C2:C{last}")
    responded = DataValidation(type="list", formula1='"ja,nei"', allow_blank=True)
    responded.add(f"F2:F{last}")
    sheet.add_data_validation(function_list)
    sheet.add_data_validation(responded)
    roster = folder / "roster.xlsx"
    workbook.save(roster)
    persons = folder / "subquestions.txt"
    persons.write_text("".join(f"{text}\n" for text in subquestions(rows)), encoding="utf-8")
    political = folder / "political_subquestions.txt"
    political.write_text("".join(f"{body} - {kind}\n" for body in _BODIES for kind in _CONTACT_TYPES), encoding="utf-8")
    return [roster, persons, political]
