"""Counts in news prose: "Ten", "39", "at least 1,199", "two dozen", "dozens".

``death_counts(text)`` finds the people a clause reports killed, ACLED style:

* digits and number words, "a"/"one" + a person noun ("a woman", "one of his aides");
* vague words as ACLED codes them: "dozens" 12, "tens" 10, "hundreds" 100;
* coordinated groups are summed ("five soldiers and three civilians");
* "including two children" is a subset and is skipped; "the two men" refers back
  to people already counted and is skipped;
* wounded, abducted, arrested, crowds, houses and drones are not fatalities;
* "put the death toll at 17" / "bringing the toll to 10" is a *toll* reading
  that the pipeline compares with the other figures (lowest wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..vocab.alternation import alternation
from .classify import load_lexicon
from .number_words import NUMBER_PATTERN, QUALIFIER, VAGUE, parse_number, word_to_int
from .count_cues import CAP, LATER_DIED, cue_after as _cue_after, cue_before as _cue_before
from .prefilter import finditer, lowered

__all__ = ["Count", "word_to_int", "parse_number", "death_counts", "NUMBER_PATTERN"]

# A person noun used as a modifier ("a civilian defence militia", "a police station") counts nobody.
ATTRIBUTIVE = (r"(?!\s+(?:defen[cs]e|militias?|forces?|groups?|volunteers?|administration|government|areas?|"
               r"casualt\w*|targets?|infrastructure|population|protection|courts?|aircraft|vehicles?|cars?|convoys?|"
               r"positions?|posts?|stations?|airport|planes?|buildings?|homes?|houses?|compound|facility|camp|"
               r"checkpoint|patrol|unit|council|leaders?|rights|movement|organi[sz]ation|union|party|body|bodies)\b)")

@dataclass(frozen=True)
class Count:
    """A figure of people killed: value, span in the text, the noun counted, and role."""

    value: int
    start: int
    end: int
    noun: str
    role: str  # "death" (people killed), "toll" (a stated total to compare) or "recount" ("the three killed")
    vague: bool = False  # "dozens", "scores", "several": ACLED's stand-in figure, beaten by any exact one
    early: bool = False  # "an initial toll of 11", "initially said 31": superseded by later figures


@dataclass(frozen=True)
class _Mention:
    value: int
    start: int
    end: int  # end of the counted noun phrase
    noun: str
    singular: bool


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lex = load_lexicon()["counts"]
    person = sorted(lex["person_nouns"], key=len, reverse=True)
    singular = sorted(lex["singular_person_nouns"], key=len, reverse=True)
    alt = lambda words: alternation(words, ignore_case=True)  # noqa: E731  (every use is case-insensitive)
    # Up to three modifiers ("Russia-backed", "SDF", "regime"), never a conjunction or verb.
    # ("a bomb killed a trader" is not one noun phrase)
    modifier = (r"(?:(?!(?:and|or|in|on|at|were|was|who|to|had|have|by|as|but|a|an|the|killed|killing|kills|shot|"
                r"wounded|wounding|injured|injuring|attacked|died|said)\b)[\w'\u2019-]+\s+){0,3}?")
    return {
        "number": re.compile(
            r"(?<![\w,.:])" + QUALIFIER + r"(?P<num>" + NUMBER_PATTERN + r")(?![\w%])"
            r"(?P<np>\s+(?:of\s+(?:them|those|whom|the\s+(?:[\w'\u2019-]+\s+){0,3}?\w+|his\s+\w+|her\s+\w+|their\s+\w+|its\s+\w+)|"
            + modifier + r"(?:" + alt(person) + r")\b))?",
            re.I,
        ),
        "singular": re.compile(
            r"\b(?P<det>an?|one|the|another|a\s+further|one\s+more|their|his|her|(?-i:[A-Z][\w-]+)['\u2019]s)\s+(?P<np>" + modifier + r"(?:" + alt(singular) + r"))\b" + ATTRIBUTIVE +
            r"(?P<of>\s+of\s+(?:the\s+)?[\w'\u2019 -]{0,40}?\b(?:forces|army|police|group|militia|family|unit))?",
            re.I,
        ),
        # "sergeant Veli Ates", "farm labourer Ishaq Molla": one person, named after what they were
        "titled": re.compile(
            r"\b(?P<np>(?i:" + alt(singular) + r"))\s+(?P<name>(?:[A-Z][\w'\u2019-]+\s+){0,3}[A-Z][\w'\u2019-]+)"
            r"(?P<age>,\s*\d{1,3}\s*,)?"),
        # "a fourth had died of his wounds": one more, named by its rank in the count
        "ordinal": re.compile(r"\ba\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?=\s+(?:had\s+|has\s+|"
                              r"later\s+|also\s+|then\s+)*(?:died|succumbed|was\s+killed|was\s+shot\s+dead))", re.I),
        "nonperson": re.compile(r"^\s*(?:" + alt(lex["nonperson_nouns"]) + r")\b", re.I),
        "death": re.compile(r"\b(?:" + alt(lex["death_cues"]) + r")\b", re.I),
        "injury": re.compile(r"\b(?:" + alt(lex["injury_cues"]) + r")\b", re.I),
        "other": re.compile(r"\b(?:" + alt(lex["other_cues"]) + r")\b", re.I),
        "toll": re.compile(
            r"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed)|fatalities)\s+"
            r"(?:[\w\u00c0-\u024f'\u2019-]+\s+){0,5}?(?:at|to|of|was|is|stood\s+at|reached|rose\s+to|climbed\s+to)\s+"
            + QUALIFIER + r"(?P<num>" + NUMBER_PATTERN + r")\b",
            re.I,
        ),
        # "there have been 18 confirmed fatalities", "resulting in more than 30 deaths"
        "toll_after": re.compile(
            r"(?<![\w,.])" + QUALIFIER + r"(?P<num>" + NUMBER_PATTERN + r")\s+(?:confirmed\s+)?(?:fatalities|deaths)\b", re.I),
    }


# what follows or precedes a figure that is no count of people (compiled once: _mentions runs for every clause)
UNIT_AFTER = re.compile(r"\s*(?:%|per\s*cent|percent|years?\b|km\b|kilomet|miles?\b|metres?\b|meters?\b|"
                        r"a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|local\s+time|hrs\b|o'clock|hours?\b|minutes?\b|"
                        r"days?\b|weeks?\b|months?\b)", re.I)
SUPERLATIVE_AFTER = re.compile(r"\s+of\s+the\s+(?:\w+est|most|main|few|many|best)\b", re.I)
YEAR_DIGITS = re.compile(r"\d{4}$")
COMPOUND_AFTER = re.compile(r"-[a-z]", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|ages|age of|who was|who were)\s+(?:between\s+)?(?:\d{1,3}\s*(?:to|and|-|\u2013)\s*)?$",
                        re.I)
NAME_COMMA_BEFORE = re.compile(CAP + r"[\w'\u2019-]+,\s*$")
COMMA_AFTER = re.compile(r"\s*,")


def _mentions(text: str) -> list[_Mention]:
    pats = _patterns()
    found: list[_Mention] = []
    for m in pats["number"].finditer(text):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        np_text = m.group("np") or ""
        after = text[m.end("num"):]
        if not np_text and (pats["nonperson"].match(after) or _counts_a_thing(after)):
            continue
        if UNIT_AFTER.match(after):
            continue
        if SUPERLATIVE_AFTER.match(after):
            continue  # "one of the largest separatist militias": an apposition, not a count
        if YEAR_DIGITS.match(m.group("num")) and 1900 <= value <= 2100:
            continue  # a year
        if not np_text and COMPOUND_AFTER.match(after):
            continue  # a compound modifier: "a 16-year-old boy", "a five-storey building", "a 300-strong force"
        if AGE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue  # an age: "the dead man, who was 23"
        if not np_text and NAME_COMMA_BEFORE.search(text[:m.start()]) and COMMA_AFTER.match(after):
            continue  # an age after a name: "Saban Celik, 29, was wounded"
        if POPULATION_BEFORE.search(text, max(0, m.start() - 70), m.start()):
            continue  # "a town of about 40,000 people", "home to 2 million residents": who live there
        found.append(_Mention(value, m.start(), m.end(), np_text.strip(), False))
    low = lowered(text)
    for m in finditer(pats["singular"], text, low):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        det = m.group("det").lower()
        found.append(_Mention(1, m.start(), m.end("np"), m.group("np"), det != "the"))
    for m in finditer(pats["titled"], text, low):
        if any(f.start <= m.start() < f.end or m.start() <= f.start < m.end() for f in found):
            continue
        found.append(_Mention(1, m.start(), m.end(), m.group("np"), True))
    for m in pats["ordinal"].finditer(text):
        if not any(f.start <= m.start() < f.end for f in found):
            found.append(_Mention(1, m.start(), m.end(), m.group(0).split()[-1], True))
    found.sort(key=lambda f: f.start)
    return found


POPULATION_BEFORE = re.compile(
    r"(?:\b(?:an?|the|its)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:city|town|village|district|country|nation|region|province|"
    r"state|community|municipality|island|camp|settlement|neighbou?rhood|suburb|area|population)\s+of|"
    r"\bhome\s+to|\bpopulation\s+(?:of|is|was|stands\s+at)|\bpopulated\s+by|\binhabited\s+by)\s+"
    r"(?:(?:just|some|about|around|roughly|nearly|almost|approximately|more\s+than|over|under|fewer\s+than|"
    r"less\s+than|an\s+estimated|close\s+to)\s+)*$", re.I)
BARE_FOLLOWERS = {
    "and", "or", "but", "in", "on", "at", "as", "while", "when", "after", "before", "including", "dead",
    "killed", "died", "were", "was", "have", "had", "are", "of", "others", "more", "others", "people", "to",
    "from", "by", "during", "among", "with", "across", "near", "inside", "since", "last", "this", "more",
}


def _counts_a_thing(after: str) -> bool:
    """A bare figure followed by a noun that is not a person ("two witnesses" is kept only as a source)."""
    m = re.match(r"\s+([a-z][a-z-]*)", after)
    return bool(m) and m.group(1) not in BARE_FOLLOWERS


def _preceding(text: str, start: int, chars: int = 40) -> str:
    return text[max(0, start - chars):start]


def _is_subset_or_anaphor(text: str, mention: _Mention) -> bool:
    before = _preceding(text, mention.start).lower()
    if re.match(r"of\s+(?:them|those|whom|the\s+(?:dead|victims|killed))\b", mention.noun, re.I) and re.search(r",\s*$", before):
        return True  # "eight people, five of them soldiers": part of the figure already counted
    if re.search(r"\b(?:including|among\s+(?:them|whom|the\s+dead)|of\s+whom|incl\.)\s+(?:[a-z-]+\s+){0,2}$", before) \
            or AMONG_BEFORE.search(before):
        return True  # "three people, among them police inspector X": one of the three
    if re.match(r"\s+(?:(?:were|was|are|is)\s+)?(?:among|of)\s+(?:those|the)\s+(?:killed|dead|victims|slain)\b",
                text[mention.end:], re.I):
        return True  # "the mayor was one among those killed": one of a figure told elsewhere
    # "the two men", "both of the dead": people already counted elsewhere.
    first = text[mention.start:mention.end].split()[0].lower() if mention.end > mention.start else ""
    if first not in ("the",) and re.search(r"\b(?:the|both|all|these|those)\s+$", before):
        return True
    return False


def _coordinated(text: str, left: _Mention, right: _Mention) -> bool:
    """Two counts joined as one list ("five soldiers and three civilians")."""
    between = text[left.end:right.start]
    between = re.sub(r"\s+in\s+[A-Z][\w'\u2019 -]*?(?=,|\s+and\b|\s+as\b|$)", "", between)  # "four people in Kharkiv"
    return bool(re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+|plus\s+|along\s+with\s+|,\s*as\s+well\s+as\s+)\s*",
                             between))


def death_counts(text: str) -> list[Count]:
    """Every figure of people killed that `text` reports, plus any toll readings."""
    pats = _patterns()
    low = lowered(text)
    # "five people, one of them a police officer, ...": the part named in apposition is no figure of its own
    mentions = [m for m in _mentions(text) if not (re.match(r"of\s+(?:them|whom|those)\b", m.noun, re.I)
                                                   and re.search(r",\s*$", _preceding(text, m.start)))]
    tolls = list(finditer(pats["toll"], text, low))
    tolls += [t for t in pats["toll_after"].finditer(text) if not any(u.start() <= t.start() < u.end() for u in tolls)]
    if not mentions and not tolls:
        return []  # (most clauses count nobody: their verbs need not be read)
    cues: list[tuple[int, int, str]] = []
    for kind in ("death", "injury", "other"):
        cues += [(m.start(), m.end(), kind) for m in finditer(pats[kind], text, low)]
    cues.sort()
    toll_spans = [(t.start("num"), t.end("num")) for t in tolls]
    out: list[Count] = []
    for t in tolls:
        value = parse_number(t.group("num"))
        if value is not None:
            out.append(Count(value, t.start(), t.end(), "", "toll", _is_vague(t.group("num")), _is_early(text, t.start())))
    hearsay = HEARSAY.search(text)
    for group in _mention_groups(text, mentions, toll_spans):
        group = _without_sources(text, group)
        if not group:
            continue
        if hearsay and group[0].start > hearsay.end():
            continue  # "after rumours spread that a man had been killed"
        if _group_role(text, group, cues) != "death":
            continue
        if AMONG_THE_DEAD.match(text, group[-1].end):
            continue  # "16 children and 11 women were among the dead": part of a figure told elsewhere
        if _died_of_injuries(text, group, cues):
            out += [Count(m.value, m.start, m.end, m.noun, "death") for m in group]
            continue
        if _is_subset_or_anaphor(text, group[0]) and group[0].start > 0 and (re.search(
                r"\b(?:including|among\s+(?:them|whom|the\s+dead)|of\s+whom)\s*$", _preceding(text, group[0].start), re.I)
                or AMONG_BEFORE.search(_preceding(text, group[0].start))):
            continue  # "including three women and three children": the whole list is a subset
        out += [c for c in (_dead_count(text, m, cues) for m in group) if c is not None]
    return out


# "among those killed were three teachers": part of a figure told elsewhere
AMONG_BEFORE = re.compile(r"\bamong\s+(?:those|the|them)\s+(?:killed|dead|victims|slain)\s+(?:were|was|are|is)\s+$", re.I)
AMONG_THE_DEAD = re.compile(r"\s+(?:(?:were|was|are|is)\s+)?(?:among|of)\s+(?:those|the)\s+(?:killed|dead|victims|slain)\b",
                            re.I)


def _died_of_injuries(text: str, group: list[_Mention], cues: list[tuple[int, int, str]]) -> bool:
    """"injured seven people, including a soldier who later died": of the injured, these died."""
    before = _cue_before(text, group[0], cues)
    return before is not None and before[2] == "injury" and LATER_DIED.match(text, group[-1].end) is not None


def _mention_groups(text: str, mentions: list[_Mention], toll_spans: list[tuple[int, int]]) -> list[list[_Mention]]:
    """Coordinated mentions form one group; a group takes the cue before its first member or after its
    last one. A toll's own figure is not a mention."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        if any(s <= m.start < e for s, e in toll_spans):
            continue
        if groups and _coordinated(text, groups[-1][-1], m):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _dead_count(text: str, m: _Mention, cues: list[tuple[int, int, str]]) -> Count | None:
    """A member of a group of dead, unless it is a subset, the wounded, or a definite noun away from the cue."""
    if _is_subset_or_anaphor(text, m):
        if re.search(r"\bthe\s+$", _preceding(text, m.start).lower()) and not m.singular and m.noun:
            # "the three protesters were killed": the dead counted before, if anywhere
            return Count(m.value, m.start, m.end, m.noun, "recount")
        return None
    if m.noun.lower().startswith("the ") or text[m.start:m.start + 4].lower() == "the ":
        # "killing the driver" counts only right next to a death cue
        if not _adjacent_to_death_cue(text, m, cues):
            return None
    if INJURED_NOUN.match(m.noun):
        return None  # "two soldiers were killed and five wounded": the wounded are not dead
    if ANSWERED_DEATH.search(_preceding(text, m.start, 90)) or ANOTHER_ACT.search(_preceding(text, m.start, 140)):
        return None  # "in retaliation for the death of a member", "days after another attack left 30 dead"
    if re.match(r"of\s+the\s+(?:wounded|injured)\b", m.noun, re.I) and _is_vague(text[m.start:m.end].split(" of ")[0]):
        return None  # "several of the wounded died": a rise the toll states, not a figure
    num_text = re.sub(r"^(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as)\s+", "",
                      text[m.start:m.end].lower())
    return Count(m.value, m.start, m.end, m.noun, "death", _is_vague(num_text), _is_early(text, m.start))


# the words that name what an act answered ("in retaliation for", "revenge for"); dates.py reads them too
ANSWER_WORDS = r"(?:retaliation|revenge|reprisal|response|retribution)"
ANSWERED_DEATH = re.compile(r"\b" + ANSWER_WORDS + r"\s+(?:for|to)\s+(?:the\s+)?"
                            r"(?:death|deaths|killing|killings|murder|murders|assassination|lynching)\b[^.;]{0,60}?\bof\s+"
                            r"(?:(?:a|an|the|two|three|four|five|several|\d+)\s+)?(?:[\w'\u2019-]+\s+){0,3}$", re.I)
ANOTHER_ACT = re.compile(r"\b(?:after|since|following|weeks?\s+after|days?\s+after)\s+(?:another|an\s+earlier|a\s+previous|"
                         r"a\s+similar|a\s+separate|last\s+\w+['\u2019]s)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|ambush|raids?|bombings?|"
                         r"assault|massacres?|clash(?:es)?|blasts?|explosions?)\b[^.;]{0,90}$", re.I)
INJURED_NOUN = re.compile(r"^(?:(?:more|others?|further)\s+)?(?:wounded|injured|hurt)$", re.I)
EARLY = re.compile(r"\b(?:initial(?:ly)?|first|earlier|preliminary|provisional|previous(?:ly)?|at\s+first|originally)\b"
                   r"[^.;]{0,60}$", re.I)


def _is_vague(num_text: str) -> bool:
    """A vague figure ("dozens", "several", "scores of"), coded by convention rather than counted."""
    head = re.sub(r"\s+of\b.*$", "", num_text.strip().lower())
    head = re.sub(r"\s+", " ", head.split(" ")[0] if head.split(" ")[0] in ("dozens", "tens", "hundreds", "scores",
                                                                              "thousands", "several") else head)
    return head in VAGUE


def _is_early(text: str, start: int) -> bool:
    """A figure the text marks as superseded: "an initial toll put the dead at 11", "initially said 31"."""
    return bool(EARLY.search(text[max(0, start - 60):start]))


# ("were reported killed", "were confirmed dead" is no one speaking)
SPEECH_AFTER = re.compile(r"^\s+(?:(?:[\w-]+\s+){0,3}?|(?:to|of|for|with|from)\s+(?:the\s+)?(?:[\w-]+\s+){1,5}?)"
                          r"(?:said|say|says|told|reported|added|confirmed)\b"
                          r"(?!\s+(?:killed|dead|missing|wounded|injured|kidnapped|abducted)\b)")
HEARSAY = re.compile(r"\b(?:rumou?rs?|allegations?|accus\w+)\s+(?:\w+\s+){0,2}?that\b"
                     # "he also refuted reports a woman was shot dead": a death denied
                     r"|\b(?:refuted|denied|dismissed|rejected|disputed|refutes|denies|dismisses|rejects)\s+(?:the\s+|media\s+|"
                     r"social\s+media\s+)?(?:reports?|claims?|allegations?|rumou?rs?|accounts?)\b", re.I)


ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:(?:the|a|an|members?|officials?|leaders?|spokesm[ae]n|sources?|"
                          r"residents?|witnesses)\s+(?:of\s+)?){0,3}$", re.I)


def _without_sources(text: str, group: list[_Mention]) -> list[_Mention]:
    """Drop the people who report a toll ("killing 12, two witnesses and a health official said", "according
    to members of a rebel group")."""
    if ACCORDING_TO.search(text[max(0, group[0].start - 60):group[0].start]):
        return []
    if not SPEECH_AFTER.match(text[group[-1].end:]):
        return group
    if re.search(r",\s*$", text[:group[0].start]):
        return []  # the whole list is the attribution
    for i in range(1, len(group)):
        if text[group[i - 1].end:group[i].start].lstrip().startswith(","):
            return group[:i]
    return group[:-1] if group[-1].singular else group


def _adjacent_to_death_cue(text: str, m: _Mention, cues: list[tuple[int, int, str]]) -> bool:
    for s, e, kind in cues:
        if kind != "death":
            continue
        if 0 <= m.start - e <= 2 or 0 <= s - m.end <= 12:
            return True
        if s > m.end and PASSIVE_GAP.fullmatch(text, m.end, s):
            return True  # "the soldier was allegedly killed", "the driver has reportedly been shot dead"
    return False


PASSIVE_GAP = re.compile(r"\s+(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:[a-z]+ly\s+)?(?:been\s+)?", re.I)


# After an active killing verb: the people it was done to ("killed a senior officer", "shot dead two men")
OBJECT_AFTER = re.compile(r"^\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|\d+|"
                          r"several|dozens|scores|at\s+least|more\s+than)\b")
AUXILIARY = re.compile(r"\b(?:was|were|is|are|been|being|be|have|has|had)\b", re.I)


def _acts_on_object(text: str, mention: _Mention, cue: tuple[int, int, str]) -> bool:
    """The counted people are the subject of an active killing verb followed by its object."""
    return not AUXILIARY.search(text[mention.end:cue[0]]) and OBJECT_AFTER.match(text[cue[1]:]) is not None \
        and re.match(r"\s*(?:kill|shot|gun|execut|behead|massacr|slaughter|murder)", text[cue[0]:], re.I) is not None


def _group_role(text: str, group: list[_Mention], cues: list[tuple[int, int, str]]) -> str:
    after = _cue_after(text, group[-1], cues)
    if after is not None:
        if after[2] == "death" and _acts_on_object(text, group[-1], after):
            return "agent"  # "two gunmen killed a senior officer": the gunmen did the killing
        return after[2]
    before = _cue_before(text, group[0], cues)
    if before is not None:
        # A cue between the group's own members wins ("killing two and wounding three").
        return before[2]
    if group[0].noun.lower() == "dead":
        return "death"  # "the clashes left at least 30 dead": the counted noun is the cue
    return "none"
