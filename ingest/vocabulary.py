"""Survey answer labels in Norwegian and English, mapped to the graph model's keys.

Matching ignores case, surrounding whitespace and repeated inner whitespace, so
``"  Boligsosial   Planlegging "`` is ``housing_planning``. Each ``parse_*`` function returns
the model key, or raises :class:`LabelError` whose ``expected`` text lists the accepted labels
(the parser turns it into a :class:`~ingest.errors.Problem` with file, line and column).

Nynorsk labels are accepted beside bokmål and English (``dagleg``, ``vekentleg``/``kvar veke``,
``månadleg``, ``sjeldnare``; ``tenester``, ``verkemiddel``, ``rådgjeving``, ...), and
:data:`NO_ANSWER_LABELS` ("vet ikke", "veit ikkje", "ikke aktuelt", "ubesvart", ...) mean no
answer, like an empty cell.

Frequencies (``cypher.model.FREQUENCIES``):

============  ==========================  ============
key           Norwegian                   English
============  ==========================  ============
daily         daglig                      daily
weekly        ukentlig                    weekly
monthly       månedlig                    monthly
less_often    sjeldnere                   less often, rarely
(no tie)      aldri                       never
(no answer)   empty cell                  empty cell
============  ==========================  ============

Political bodies: ``ordfører``/``mayor``, ``formannskap``/``executive committee``,
``kommunestyre``/``bystyre``/``council``; any other name is a committee whose key is the name
folded to ASCII lower case with ``_`` between words (``Helse- og velferdsutvalget`` →
``helse_og_velferdsutvalget``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from cypher.model import FUNCTIONS, FunctionLabel

__all__ = [
    "BODY_LABELS",
    "CONTACT_TYPE_LABELS",
    "FREQUENCY_LABELS",
    "FUNCTION_LABELS",
    "NO_ANSWER_LABELS",
    "LabelError",
    "is_no_answer",
    "normalise",
    "parse_body",
    "parse_contact_type",
    "parse_frequency",
    "parse_function",
    "parse_responded",
    "slug",
]


class LabelError(ValueError):
    """A label outside the vocabulary; ``expected`` says what is accepted."""

    def __init__(self, label: str, kind: str, expected: str, known: Iterable[str] = ()) -> None:
        self.label = label
        self.expected = expected
        close = difflib.get_close_matches(normalise(label), list(known), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        super().__init__(f"unknown {kind} {label!r}{hint}")


def normalise(text: str) -> str:
    """Case-fold and collapse whitespace: the form labels and names are compared in."""
    return " ".join(text.split()).casefold()


_ASCII_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def slug(text: str) -> str:
    """An ASCII key for a free name: lower case, æøå folded, words joined by ``_``."""
    folded = unicodedata.normalize("NFKD", normalise(text).translate(_ASCII_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


#: Frequency label → frequency key; ``None`` means "never" (an answer, but no tie).
FREQUENCY_LABELS: dict[str, str | None] = {
    "daglig": "daily",
    "daily": "daily",
    "ukentlig": "weekly",
    "weekly": "weekly",
    "månedlig": "monthly",
    "maanedlig": "monthly",
    "monthly": "monthly",
    "sjeldnere": "less_often",
    "sjeldnere enn månedlig": "less_often",
    "less often": "less_often",
    "less_often": "less_often",
    "rarely": "less_often",
    "aldri": None,
    "never": None,
    # nynorsk
    "dagleg": "daily",
    "vekentleg": "weekly",
    "vekeleg": "weekly",
    "kvar veke": "weekly",
    "månadleg": "monthly",
    "maanadleg": "monthly",
    "kvar månad": "monthly",
    "sjeldnare": "less_often",
    "sjeldnare enn månadleg": "less_often",
}

#: Labels that mean "no answer", like an empty cell (not "never", which is an answer).
NO_ANSWER_LABELS: frozenset[str] = frozenset(
    {
        "vet ikke",
        "veit ikkje",
        "veit ikke",
        "ikke aktuelt",
        "ikkje aktuelt",
        "ubesvart",
        "ikke svart",
        "ikkje svart",
        "don't know",
        "do not know",
        "not applicable",
        "n/a",
        "unanswered",
    }
)

#: Nynorsk function labels (the model carries bokmål and English).
_NYNORSK_FUNCTIONS: dict[str, str] = {
    "tenester": "services",
    "tenester i heimen": "services",
    "verkemiddel": "instruments",
    "økonomiske verkemiddel": "instruments",
    "bustadsosial planlegging": "housing_planning",
    "buplanlegging": "housing_planning",
    "rådgjeving": "counselling",
    "økonomisk rådgjeving": "counselling",
    "brukarar": "users",
    "anna": "other",
    "utbygging av bustader": "development",
}


def _function_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for function in FUNCTIONS:
        for label in (function.key, function.nb, function.en, function.key.replace("_", " ")):
            labels[normalise(label)] = function.key
    return labels | _NYNORSK_FUNCTIONS


#: Function label (key, Norwegian or English) → function key.
FUNCTION_LABELS: dict[str, str] = _function_labels()

#: Political body label → (key, kind) for the three bodies every municipality has.
BODY_LABELS: dict[str, tuple[str, str]] = {
    "ordfører": ("mayor", "mayor"),
    "ordforer": ("mayor", "mayor"),
    "ordførar": ("mayor", "mayor"),
    "mayor": ("mayor", "mayor"),
    "formannskap": ("executive_committee", "executive_committee"),
    "formannskapet": ("executive_committee", "executive_committee"),
    "executive committee": ("executive_committee", "executive_committee"),
    "kommunestyre": ("council", "council"),
    "kommunestyret": ("council", "council"),
    "bystyre": ("council", "council"),
    "bystyret": ("council", "council"),
    "council": ("council", "council"),
    "municipal council": ("council", "council"),
    "city council": ("council", "council"),
}

#: Contact type label → contact type key (``cypher.model.CONTACT_TYPES``).
CONTACT_TYPE_LABELS: dict[str, str] = {
    "informasjonsutveksling": "information",
    "informasjon": "information",
    "information exchange": "information",
    "information": "information",
    "faglig diskusjon": "professional",
    "faglig": "professional",
    "fagleg diskusjon": "professional",
    "fagleg": "professional",
    "professional discussion": "professional",
    "professional": "professional",
    "politisk diskusjon": "political",
    "politisk": "political",
    "political discussion": "political",
    "political": "political",
}

_RESPONDED_LABELS: dict[str, bool] = {
    **dict.fromkeys(("ja", "j", "yes", "y", "1", "true", "sann"), True),
    **dict.fromkeys(("nei", "n", "no", "0", "false", "usann"), False),
}

T = TypeVar("T")


def _lookup(table: dict[str, T], label: str, kind: str, shown: tuple[str, ...]) -> T:
    try:
        return table[normalise(label)]
    except KeyError:
        raise LabelError(label, kind, "one of " + ", ".join(shown), table) from None


@lru_cache(maxsize=256)  # a round repeats a handful of labels hundreds of thousands of times
def parse_frequency(label: str) -> str | None:
    """Frequency key of ``label``; ``None`` for "aldri"/"never" (no tie).

    An empty cell is no answer and is handled by the caller, not here.
    """
    shown = ("daglig/daily", "ukentlig/weekly", "månedlig/monthly", "sjeldnere/less often", "aldri/never")
    return _lookup(FREQUENCY_LABELS, label, "frequency label", shown)


def is_no_answer(label: str) -> bool:
    """Whether a cell means "no answer": empty, or a label such as "vet ikke"/"veit ikkje"."""
    return not label or normalise(label) in NO_ANSWER_LABELS


def parse_function(label: str, *, allow_new: bool = False) -> FunctionLabel:
    """The function of ``label``; with ``allow_new`` an unknown label becomes a new function.

    A new function's key is :func:`slug` of the label and both its labels are the label as
    written (whitespace collapsed).
    """
    key = FUNCTION_LABELS.get(normalise(label))
    if key is not None:
        return next(f for f in FUNCTIONS if f.key == key)
    if allow_new and slug(label):
        written = " ".join(label.split())
        return FunctionLabel(slug(label), written, written)
    shown = tuple(f.nb for f in FUNCTIONS)
    expected = "one of " + ", ".join(shown) + " (or their English labels)"
    raise LabelError(label, "function label", expected, FUNCTION_LABELS)


def parse_body(label: str) -> tuple[str, str, str]:
    """``(key, name, kind)`` of a political body; unknown names are committees.

    ``name`` is the label as written, whitespace collapsed.
    """
    name = " ".join(label.split())
    known = BODY_LABELS.get(normalise(label))
    if known is not None:
        return known[0], name, known[1]
    key = slug(label)
    if not key:
        raise LabelError(
            label, "political body", "ordfører/mayor, formannskap, kommunestyre/bystyre or a committee name"
        )
    return key, name, "committee"


def parse_contact_type(label: str) -> str:
    """Contact type key of ``label`` (``information``, ``professional``, ``political``)."""
    shown = (
        "informasjonsutveksling/information exchange",
        "faglig diskusjon/professional discussion",
        "politisk diskusjon/political discussion",
    )
    return _lookup(CONTACT_TYPE_LABELS, label, "contact type", shown)


def parse_responded(label: str) -> bool:
    """``True`` for ja/yes/1, ``False`` for nei/no/0."""
    return _lookup(_RESPONDED_LABELS, label, "responded value", ("ja/nei", "yes/no", "1/0"))
