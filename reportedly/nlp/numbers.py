"""Number parsing for counts: digits, number words, their mixes, and vague amounts.

``parse_amount(words)`` turns the lower-cased words of one number expression
("20 thousand", "twenty-five", "1.5 million", "two dozen", "tens of thousands",
"a dozen", "dozens") into an :class:`Amount`, or ``None`` when the words are not
a well-formed number. Plain dict lookups only; no word2number (its silent
guesses on malformed input are exactly what we must refuse).

Conventions (see docs/quantities.md):

- digits with thousands separators must be grouped correctly ("4,000", "1,200,000");
  "1,2,3,4,5" is not a number;
- "a dozen", "a couple", "a hundred" are idioms for a rough amount: ``approx``;
- plural scale words are vague lower bounds: dozens ≥ 24, scores ≥ 40,
  hundreds ≥ 200, thousands ≥ 2,000, tens of thousands ≥ 20,000, "several" ≥ 3,
  "a few" ≥ 2; "several hundred" ≥ 300, "a few thousand" ≥ 2,000;
- Indian scale words are supported: lakh = 100,000, crore = 10,000,000.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS: dict[str, int] = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# Multipliers that may follow a number ("20 thousand", "two dozen", "1.5 million").
SCALES: dict[str, int] = {
    "dozen": 12, "score": 20, "hundred": 100, "thousand": 1_000, "lakh": 100_000,
    "lac": 100_000, "million": 1_000_000, "crore": 10_000_000, "billion": 1_000_000_000,
    "mn": 1_000_000, "bn": 1_000_000_000,
}
# Plural scale words used alone are vague: the lower bound is two of the unit
# ("dozens" = at least 24), except scores (conventionally "two score" = 40).
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000,
    "lakhs": 200_000, "lacs": 200_000, "millions": 2_000_000, "crores": 20_000_000,
    "billions": 2_000_000_000,
}
# Vague determiners that multiply a following scale word ("several hundred").
VAGUE_FACTORS: dict[str, int] = {"several": 3, "few": 2, "couple": 2, "handful": 2}

ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth "
    "thousandth millionth".split()
)

#: every word that can be part of a number expression (for the component's Matcher)
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(SCALES) | frozenset(VAGUE_PLURALS)

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DIGIT_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|million|billion)$")
_ORDINAL_DIGITS = re.compile(r"^\d+(?:st|nd|rd|th)$")
# Numbers above this are not counts of anything a news report counts; refusing them
# keeps absurd input (10^30) from turning into a float that downstream code trusts.
MAX_VALUE = 10_000_000_000


class Amount(NamedTuple):
    value: float
    vague: bool = False
    approx: bool = False


def is_ordinal(word: str) -> bool:
    return word in ORDINAL_WORDS or bool(_ORDINAL_DIGITS.match(word))


def parse_digits(word: str) -> float | None:
    """'4,000' -> 4000.0; '1.5' -> 1.5; badly grouped or non-numeric strings -> None."""
    if not _DIGITS.match(word):
        return None
    try:
        return float(word.replace(",", ""))
    except (ValueError, OverflowError):
        return None


def parse_amount(words: list[str]) -> Amount | None:
    """Parse the lower-cased words of one number expression; None when malformed.

    Hyphens and "and" between number words are ignored ("one hundred and twenty-five").
    """
    words = [w for w in words if w not in ("-", "and", "–")]
    if not words:
        return None
    approx = False
    vague = False
    if words[0] in ("a", "an"):
        # "a dozen", "a hundred", "a few hundred", "a couple": an idiom, never exact.
        words = words[1:]
        approx = True
        if not words:
            return None
    # Vague plural phrases: "dozens", "tens of thousands", "hundreds of thousands".
    if words[0] in VAGUE_PLURALS:
        value = float(VAGUE_PLURALS[words[0]])
        rest = words[1:]
        if rest[:1] == ["of"]:
            rest = rest[1:]
        for w in rest:
            if w in VAGUE_PLURALS:
                value = value / 2 * VAGUE_PLURALS[w]  # tens (2*10) of thousands (2*1000) -> 20,000
            else:
                return None
        return Amount(value, vague=True) if value <= MAX_VALUE else None
    if words[0] in VAGUE_FACTORS:
        factor = VAGUE_FACTORS[words[0]]
        rest = words[1:]
        if rest[:1] == ["of"]:
            rest = rest[1:]
        if not rest:
            # "a couple" = about 2; "several", "a few", "a handful" = vague lower bounds.
            if words[0] == "couple":
                return Amount(2.0, approx=True)
            return Amount(float(factor), vague=True)
        value = float(factor)
        for w in rest:
            if w in SCALES:
                value *= SCALES[w]
            else:
                return None
        return Amount(value, vague=True)
    total = 0.0
    current: float | None = None
    last = ""  # kind of the previous word: "digit", "unit", "tens", "scale"
    for w in words:
        if w in UNITS:
            if last in ("digit", "unit") or (last == "tens" and UNITS[w] >= 10):
                return None  # "five six", "twenty twelve": two numbers, not one
            current = (current or 0) + UNITS[w]
            last = "unit"
        elif w in TENS:
            if last in ("digit", "unit", "tens"):
                return None
            current = (current or 0) + TENS[w]
            last = "tens"
        elif w in SCALES:
            scale = SCALES[w]
            if current is None:
                if not approx:
                    return None  # a bare "hundred" without "a" or a number is not a count
                current = 1.0
            if scale < 1000:
                current *= scale
            else:
                total += current * scale
                current = None
            last = "scale"
        else:
            value = parse_digits(w)
            if value is None:
                m = _DIGIT_SUFFIX.match(w)
                if not m:
                    return None
                value = float(m.group(1)) * {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9,
                                              "million": 1e6, "billion": 1e9}[m.group(2)]
            if last in ("digit", "unit", "tens"):
                return None
            current = (current or 0) + value
            last = "digit"
    if current is not None:
        total += current
    if last == "" or total > MAX_VALUE:
        return None
    return Amount(total, vague=vague, approx=approx)


# The words around a number, used by reportedly_quantities to read or reject it.

# --- qualifiers: the words before the number, longest first -----------------------
QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at_least", ("no", "fewer", "than"): "at_least",
    ("no", "less", "than"): "at_least", ("not", "less", "than"): "at_least",
    ("a", "minimum", "of"): "at_least", ("minimum", "of"): "at_least",
    ("up", "to"): "at_most", ("as", "many", "as"): "at_most", ("at", "most"): "at_most",
    ("no", "more", "than"): "at_most", ("a", "maximum", "of"): "at_most",
    ("as", "much", "as"): "at_most",
    ("more", "than"): "over", ("over",): "over", ("above",): "over", ("upwards", "of"): "over",
    ("in", "excess", "of"): "over", ("well", "over"): "over", ("just", "over"): "over",
    ("well", "above"): "over",
    ("fewer", "than"): "under", ("less", "than"): "under", ("under",): "under",
    ("below",): "under", ("nearly",): "under", ("almost",): "under",
    ("just", "under"): "under", ("close", "to"): "about",
    ("about",): "about", ("around",): "about", ("some",): "about", ("approximately",): "about",
    ("roughly",): "about", ("an", "estimated"): "about", ("estimated",): "about",
    ("approx",): "about", ("approx.",): "about", ("circa",): "about", ("nearly", "about"): "about",
}
MAX_QUAL = max(len(k) for k in QUALIFIERS)

# --- non-counts ----------------------------------------------------------------------
# Only these NER labels are trusted to veto a count: the small model also tags
# "40 protesters overnight" as QUANTITY and "between 10 and 15 people" as DATE, so
# dates come from reportedly_dates (which runs first) and units from the word lists below.
SKIP_ENTS = frozenset({"PERCENT", "ORDINAL"})
CURRENCY_CHARS = frozenset("$€£₹¥")
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec.".split()
)
# Units of measure, time, money after the number: "50 km", "3 days", "5 crore rupees".
UNITS_AFTER = frozenset(
    "year years yr yrs month months week weeks day days hour hours hrs hr minute minutes mins "
    "second seconds km kms kilometre kilometres kilometer kilometers mile miles metre metres "
    "meter meters m cm mm feet ft foot inch inches kg kgs kilogram kilograms gram grams tonne "
    "tonnes ton tons litre litres liter liters acre acres hectare hectares degree degrees "
    "percent per % am a.m. pm p.m. o'clock rs rupees rupee dollars dollar usd euros euro "
    "pounds pound paise yuan tenge naira shillings birr rand pesos points sq storey storeys storied "
    "bhk mw gb mb votes seats decade decades century centuries generation generations night nights "
    "weekend weekends fortnight fortnights".split()
)
CURRENCY_BEFORE = frozenset("$ € £ ₹ ¥ rs rs. inr usd us$ eur gbp kzt ngn rupees".split())
# Ids and labels followed by a number: "section 144", "flight 370", "ward no 5".
ID_BEFORE = frozenset(
    "section sections article articles no no. nos number route highway nh ward flight room page "
    "chapter sector phase platform gate booth bus train line block plot unit category level "
    "grade class batch case fir ipc crpc act resolution covid covid-19 g pin code lane street "
    "road apartment flat id hall vol volume tel phone ext channel polling row tower item "
    "clause rule paragraph para schedule version model size".split()
)
AGE_BEFORE = frozenset("aged age ages".split())
YEAR_BEFORE = frozenset("in since of by until till from year the early late mid during "
                         "before after 's fy".split())
RANGE_WORDS = frozenset({"to", "-", "–", "or"})
