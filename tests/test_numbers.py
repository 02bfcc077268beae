"""Number parsing: digits, words, scales, vague amounts, and refusal of malformed input."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from reportedly.nlp.numbers import Amount, is_ordinal, parse_amount, parse_digits


@pytest.mark.parametrize(
    "words, expected",
    [
        (["six"], Amount(6)),
        (["4,000"], Amount(4000)),
        (["20", "thousand"], Amount(20000)),
        (["1.5", "million"], Amount(1_500_000)),
        (["twenty", "-", "five"], Amount(25)),
        (["one", "hundred", "and", "twenty"], Amount(120)),
        (["two", "dozen"], Amount(24)),
        (["a", "dozen"], Amount(12, approx=True)),
        (["a", "hundred"], Amount(100, approx=True)),
        (["dozens"], Amount(24, vague=True)),
        (["scores"], Amount(40, vague=True)),
        (["hundreds"], Amount(200, vague=True)),
        (["thousands"], Amount(2000, vague=True)),
        (["tens", "of", "thousands"], Amount(20000, vague=True)),
        (["hundreds", "of", "thousands"], Amount(200000, vague=True)),
        (["several"], Amount(3, vague=True)),
        (["several", "hundred"], Amount(300, vague=True)),
        (["a", "few", "thousand"], Amount(2000, vague=True)),
        (["a", "couple"], Amount(2, approx=True)),
        (["2", "lakh"], Amount(200000)),
        (["1.2", "crore"], Amount(12_000_000)),
        (["5k"], Amount(5000)),
    ],
)
def test_parse_amount(words: list[str], expected: Amount) -> None:
    assert parse_amount(words) == expected


@pytest.mark.parametrize(
    "words",
    [["1,2,3,4,5"], ["five", "six"], ["12", "14"], ["hundred"], ["twenty", "twelve"], ["10^30"],
     ["1" + "0" * 30], [], ["and"], ["dozens", "people"]],
)
def test_malformed_is_none(words: list[str]) -> None:
    assert parse_amount(words) is None


def test_digits_grouping() -> None:
    assert parse_digits("1,200,000") == 1_200_000
    assert parse_digits("12,00") is None
    assert parse_digits("1.5") == 1.5


def test_ordinals() -> None:
    assert is_ordinal("third") and is_ordinal("21st") and not is_ordinal("three")


@given(st.lists(st.sampled_from(["one", "two", "twenty", "hundred", "thousand", "million", "and",
                                 "-", "a", "dozens", "of", "1,000", "7", "1.5", "x", "tens"]),
                max_size=6))
def test_never_crashes(words: list[str]) -> None:
    got = parse_amount(words)
    assert got is None or (got.value >= 0 and got.value <= 10_000_000_000)
