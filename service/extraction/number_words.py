"""Number phrases in news prose: "Ten", "39", "1,199", "two dozen", "dozens" (ACLED's stand-ins for vague
figures), and the qualifiers that may precede them ("at least", "more than")."""

from __future__ import annotations

import re

from ..vocab.alternation import alternation

__all__ = ["NUMBER_PATTERN", "QUALIFIER", "VAGUE", "parse_number", "word_to_int"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# ACLED's conventions for vague figures; "a few"/"several" read as three, conservatively.
VAGUE = {
    "dozens": 12, "a dozen": 12, "tens": 10, "hundreds": 100, "scores": 20,
    "thousands": 1000, "several": 3, "a few": 3, "a handful": 3,
}
MULTIPLIERS = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}

# (the word lists as tries, alternation.py: the same matches, without trying every word at every position)
_WORD = alternation(sorted(list(UNITS) + list(TENS), key=len, reverse=True), ignore_case=True)
NUMBER_PATTERN = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|thousand))?"
    r"|(?:(?:" + alternation(TENS, ignore_case=True) + r")(?:[- ](?:"
    + alternation([k for k in UNITS if UNITS[k] < 10], ignore_case=True) + r"))?"
    r"|" + _WORD + r")(?:\s+(?:dozen|hundred|thousand|million))?"
    r"|" + alternation(["a dozen", "dozens", "tens", "hundreds", "scores", "thousands", "several", "a few",
                        "a handful"], ignore_case=True)
)
QUALIFIER = (
    r"(?:" + alternation(["at least", "more than", "over", "nearly", "almost", "about", "around", "some", "up to",
                          "as many as", "fewer than", "less than", "roughly", "approximately", "an estimated",
                          "a total of", "another", "a further", "an additional", "at most"], ignore_case=True)
    + r"\s+)?"
)


def word_to_int(word: str) -> int | None:
    """A single number word or digit string ("seven", "Ten", "twenty-one", "1,199")."""
    return parse_number(word)


def parse_number(text: str) -> int | None:
    """The value of a number phrase, without qualifiers: "two dozen" 24, "1,199" 1199."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in VAGUE:
        return VAGUE[t]
    parts = t.split(" ")
    multiplier = 1
    if len(parts) > 1 and parts[-1] in MULTIPLIERS:
        multiplier = MULTIPLIERS[parts[-1]]
        t = " ".join(parts[:-1])
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", t):
        return int(t.replace(",", "")) * multiplier
    if re.fullmatch(r"\d+\.\d+", t):
        return int(float(t) * multiplier)
    if t in UNITS:
        return UNITS[t] * multiplier
    m = re.fullmatch(r"(\w+)(?:[- ](\w+))?", t)
    if m and m.group(1) in TENS:
        unit = UNITS.get(m.group(2) or "zero")
        if unit is not None and unit < 10:
            return (TENS[m.group(1)] + unit) * multiplier
    return None
