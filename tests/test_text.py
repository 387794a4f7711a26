"""Numbers in text: decimal sign, CSV delimiter and counts in words, per language."""

from __future__ import annotations

import pytest

from analytics.text import csv_delimiter, in_words, number


def test_number_has_the_language_decimal_sign() -> None:
    assert number(4.44, "nb") == "4,4"
    assert number(4.44, "en") == "4.4"
    assert number(0.5, "nb", digits=2) == "0,50"
    assert number(3, "en", digits=0) == "3"


def test_csv_delimiter() -> None:
    # Bokmål spreadsheets read ";" so that the decimal comma can stay in the numbers.
    assert (csv_delimiter("nb"), csv_delimiter("en")) == (";", ",")


@pytest.mark.parametrize(
    ("count", "nb", "en"),
    [
        (0, "null", "zero"),
        (1, "én", "one"),
        (11, "elleve", "eleven"),
        (20, "tjue", "twenty"),
        (21, "tjueen", "twenty-one"),
        (34, "trettifire", "thirty-four"),
        (99, "nittini", "ninety-nine"),
        (100, "100", "100"),
    ],
)
def test_counts_in_words(count: int, nb: str, en: str) -> None:
    assert (in_words(count, "nb"), in_words(count, "en")) == (nb, en)


def test_unknown_language() -> None:
    for call in (lambda: number(1.0, "de"), lambda: csv_delimiter("de"), lambda: in_words(1, "de")):
        with pytest.raises(ValueError, match="unknown language 'de'; expected one of nb, en"):
            call()
