"""Where a count's verb is: the cue (killed, wounded, abducted ...) right before or right after the counted noun.

Split from numbers.py: the rules that let words stand between a figure and its verb ("two gendarmes in Cameroon
were killed", "15 members of the X Party (XP) have been killed", "was shot and killed") or keep them apart.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .numbers import _Mention

Cue = tuple[int, int, str]


def cue_before(text: str, mention: _Mention, cues: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The nearest cue ending before the mention within one clause."""
    best = None
    for cue in cues:
        if cue[1] <= mention.start and mention.start - cue[1] <= 90:
            between = text[cue[1]:mention.start]
            if re.search(r"[;:]|\.\s|\bwhile\b|\bbut\b|\bafter\b|\bwhen\b|\bbefore\b", between):
                continue
            best = cue
    return best


def cue_after(text: str, mention: _Mention, cues: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """A cue right after the counted noun ("ten fighters were killed", "leaving one dead")."""
    later = LATER_DIED.match(text, mention.end) or WOUNDED_THEN_DIED.match(text, mention.end)
    if later:  # "a soldier who later died": of the injured, this one died
        return next((c for c in cues if c[0] >= later.start("cue") and c[2] == "death"), None)
    for cue in cues:
        raw = text[mention.end:cue[0]]
        # "an indigenous leader who had denounced illegal logging ... was found shot dead"
        raw = RELATIVE_BEFORE_VERB.sub(" ", raw) if cue[0] - mention.end <= 140 else raw
        raw = NAME_APPOSITION.sub(" ", raw)  # "a second civilian, Saban Celik, 29, was wounded"
        raw = AGED.sub(" ", raw)  # "three men aged between 20 and 25 were shot dead"
        raw = PAIRED_NOUN.sub(" ", raw)  # "nine young boys and girls kidnapped"
        raw = INCLUDING_WORDS.sub(" ", raw)  # "42 civilians including women and children have been killed"
        raw = MEMBERS_OF.sub(" ", raw)  # "15 members of the outlawed Kurdistan Workers' Party (PKK) were killed"
        if _named_before(text, mention.start):
            raw = re.sub(r"^[^,;]{0,100},", " ", raw)  # "Nasir Uddin, an activist of the JCD, was killed"
        if cue[2] == "other" and re.match(r"found\s+(?:shot\s+)?dead\b|found\s+(?:\w+\s+)?killed\b",
                                          text[cue[0]:cue[0] + 30], re.I):
            continue  # "was found shot dead": the finding tells a death
        if cue[2] != "death" and THEN_KILLED.match(text, cue[1]):
            continue  # "were abducted and killed": the killing is what happened to them
        if cue[0] >= mention.end and len(raw) <= 45:
            if NOUN_CUE_BEFORE.search(text, max(mention.end, cue[0] - 12), cue[0]):
                return None  # "hundreds of protesters rallying over the death of a driver": the death is his
            between = re.sub(r",\s*(?:including|(?:one|two|three|some|most|all|many|\w+)\s+of\s+them|among\s+them)[^,]*,", " ", raw)
            # "two gendarmes in Cameroon were killed": where they were, named by its proper name
            between = re.sub(r"^\s+in\s+(?:" + CAP + r"[\w'\u2019-]+\s+){1,3}(?=(?:were|was|have|has|had)\b)", " ",
                             between)
            # "was shot and killed", "were beaten and killed": the first act is part of the killing
            between = re.sub(r"\b(?:shot|stabbed|beaten|hacked|tortured|abducted|kidnapped|attacked|ambushed|"
                             r"assaulted|dragged|seized)(?:\s+(?:in|through)\s+the\s+(?:head|chest|back|neck|stomach|abdomen|"
                             r"legs?|arms?|face|torso|heart))?\s+and\s*$", " ", between)
            if re.fullmatch(
                r"(?:\s+(?:[\w'\u2019-]+\s+){0,4}?)?\s*(?:(?:were|was|have|has|had|are|is|been|being|also|later|reportedly|all|both|"
                r"reported|confirmed|believed|feared|presumed|"
                r"beaten|shot|burned|found|left|lay)\s+)*(?:to\s+)?",
                between,
            ) and not re.search(r"\b(?:and|who|which|that|in|by|as|while|when|after|before|because|since)\b", between):
                return cue
            return None
    return None


NOUN_CUE_BEFORE = re.compile(r"\b(?:the|his|her|their|its|whose)\s+$", re.I)
LATER_DIED = re.compile(r"\s*,?\s+who\s+(?:later\s+|subsequently\s+|then\s+|eventually\s+)?(?P<cue>died|succumbed)\b", re.I)
# "a woman wounded in Monday's shelling died in hospital", "one of the residents hurt in the raid later died"
WOUNDED_THEN_DIED = re.compile(r"(?:\s+of\s+(?:the|those)\s+[a-z]+)?\s*,?\s+(?:who\s+(?:was|were|had\s+been)\s+)?"
                               r"(?:wounded|injured|hurt)\s+(?:in|during|by|when)\b[^,;.]{0,80}?,?\s+"
                               r"(?:later\s+|subsequently\s+|then\s+|eventually\s+)?(?P<cue>died|succumbed)\b", re.I)
THEN_KILLED = re.compile(r"\s+and\s+(?:then\s+|later\s+)?(?:killed|murdered|executed|beheaded|shot\s+dead)\b", re.I)


def _named_before(text: str, start: int) -> bool:
    """"Nasir Uddin, an activist, was killed": a name and a comma right before the mention, which stands in
    apposition to it; not a fronted place or time ("In Chhattisgarh, at least ten ...", "On Monday, two ...")."""
    window = text[max(0, start - 40):start]
    return bool(re.search(CAP + r"[\w'\u2019-]+,\s*$", window)) and not FRONTED.search(window)


# a capital letter, accented ones included ("Şaban Çelik")
CAP = r"[^\W\d_a-z]"
FRONTED = re.compile(r"\b(?i:in|on|at|near|from|outside|inside|across|after|since|by)\s+(?:" + CAP + r"[\w'\u2019-]+\s+){0,3}"
                     + CAP + r"[\w'\u2019-]+,\s*$")
PAIRED_NOUN = re.compile(r"^\s+(?:and|or)\s+(?:young\s+|teenage\s+|elderly\s+)?(?:girls|boys|women|men|children|teenagers|"
                         r"adults|infants|babies|wives|daughters|sons)(?=\s)", re.I)
INCLUDING_WORDS = re.compile(r"^\s+including\s+(?:[a-z-]+\s+){1,5}?(?=(?:have|has|had|were|was)\b)")
AGED = re.compile(r"^\s+aged\s+(?:between\s+)?\d{1,3}(?:\s*(?:to|and|-|\u2013)\s*\d{1,3})?(?=\s)", re.I)
MEMBERS_OF = re.compile(r"^\s+of\s+(?:the\s+)?(?:outlawed\s+|banned\s+|armed\s+|militant\s+|rebel\s+)?(?:"
                        + CAP + r"[\w'\u2019-]*\s+){1,6}(?:\([A-Z]{2,10}\)\s*)?(?=(?:were|was|have|has|had)\b)")
NAME_APPOSITION = re.compile(r"^\s*,\s*" + CAP + r"[\w'\u2019-]+(?:\s+" + CAP + r"[\w'\u2019-]+){0,3}(?:,\s*\d{1,3})?\s*,")
# "an indigenous leader who had denounced logging ... was found", "a man standing near his home ... was killed"
RELATIVE_BEFORE_VERB = re.compile(r"^\s+(?:(?:who|that)\s+(?:had|has|have)|(?!including\b)[a-z]+ing|suspected\s+of|believed\s+to|thought\s+to)"
                                  r"\s+[^,;]{0,100}?(?=\s+(?:was|were)\s|\s*$)", re.I)
