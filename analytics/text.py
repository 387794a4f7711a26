"""Numbers in text, one formatter per language: bokmål ('nb') and English ('en').

Bokmål writes a decimal comma in tables, findings and CSV, and separates CSV fields with
``;`` (so the comma can stay in the numbers, as spreadsheets in Norway expect); English
writes a decimal point and separates with ``,``. Counts of persons in sentences are written
in words (:func:`in_words`): a pseudonymising pass that replaces numeric person ids in text
can then never turn "4 of 7 persons" into "Drift 2 of Virkemidler 2 persons".
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "csv_delimiter", "in_words", "number"]

#: The languages of netkart's text.
LANGUAGES: tuple[str, ...] = ("nb", "en")

_DECIMAL = {"nb": ",", "en": "."}
_DELIMITER = {"nb": ";", "en": ","}

_UNITS = {
    "nb": (
        "null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
        "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten",
    ),
    "en": (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ),
}  # fmt: skip
_TENS = {
    "nb": ("", "", "tjue", "tretti", "førti", "femti", "seksti", "sytti", "åtti", "nitti"),
    "en": ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"),
}
# Bokmål joins tens and units into one word ("trettifire", "tjueen"), English with a hyphen.
_JOIN = {"nb": "", "en": "-"}
# One inside a compound: bokmål "tjueen", not "tjueén".
_COMPOUND_ONE = {"nb": "en", "en": "one"}


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def number(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals and the language's decimal sign: 4,4 (nb), 4.4 (en)."""
    _check(lang)
    return f"{value:.{digits}f}".replace(".", _DECIMAL[lang])


def csv_delimiter(lang: str) -> str:
    """The field separator of CSV in ``lang``: ``;`` for bokmål, ``,`` for English."""
    _check(lang)
    return _DELIMITER[lang]


def in_words(count: int, lang: str) -> str:
    """A count from 0 to 99 in words ("trettifire", "thirty-four"); larger counts in digits."""
    _check(lang)
    if not 0 <= count < 100:
        return str(count)
    if count < 20:
        return _UNITS[lang][count]
    tens, units = divmod(count, 10)
    if not units:
        return _TENS[lang][tens]
    unit = _COMPOUND_ONE[lang] if units == 1 else _UNITS[lang][units]
    return f"{_TENS[lang][tens]}{_JOIN[lang]}{unit}"
