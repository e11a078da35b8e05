"""The word patterns the actor rules read: who reports, who acts in a passive, who was hit, two sides.

Split from arg_actors.py so that the rules there stay readable; every pattern is used there (and ATTRIBUTION_TAIL,
REPORTED_SPEECH by the claims and continuation rules).
"""
from __future__ import annotations

import re

_THAT = r"\bthat\b(?!\s+(?:province|region|area|town|city|village|district|state|county|country|zone|part)\b)"
ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:(?:said|says|say|told|reported|according\s+to)\b(?![^.;]*" + _THAT + r")[^;]*"
    r"|(?:[\w.'\u2019-]+\s+){1,12}(?:said|says|say|reported|added|told)\b(?![^.;]*" + _THAT + r")(?:\s+[\w.'\u2019-]+){0,8}\s*)\.?\s*$",
    re.I)


REPORTED_SPEECH = re.compile(
    r"^.{3,140}?\b(?:said|says|say|told\s+\w+(?:\s+\w+)?|announced|reported|claimed|alleged|stated|confirmed|added)\b"
    r"[^,;]{0,40}?\bthat\s+"
    r"|^(?:[\w.'\u2019-]+\s+){1,8}?(?:said|says|say)\s+(?:on\s+\w+\s+)?(?=(?:the|a|an|its|their|his|her)\s|"
    r"(?-i:[A-Z][a-z]+\s+(?-i:[a-z]+)))", re.I)
SIDE_BY = re.compile(r"\b(?:backed|supported|joined|accompanied|assisted|aided|reinforced)\s+by\s+(?:the\s+)?$", re.I)
# "killed by the Marxist ELN rebels", "by suspected Boko Haram fighters": up to two qualifiers before the agent
PASSIVE_AGENT = re.compile(r"\b(?:by|when|as|blamed\s+on|attributed\s+to|under\s+(?:\w+\s+)?(?:attack|fire)\s+from)\s+(?:an?\s+|the\s+)?(?:(?:suspected|alleged|armed|heavily|unknown|unidentified|"
                           r"\w+ist|(?-i:[A-Z][a-z]+))\s+){0,2}$", re.I)
SPEAKER = re.compile(
    r"^(?P<speaker>.{3,80}?)\s+(?:said|says|say|claimed|announced|reported)\s+(?:on\s+\w+\s+|in\s+a\s+statement\s+)?(?:that\s+)?"
    r"(?P<own>its|their)\s+(?:\w+\s+)?(?:troops|forces|jets|warplanes|soldiers|fighters|units|aircraft|drones)\b",
    re.I,
)


# "Fano fighters and federal troops clashed": two sides joined by "and" before a verb that takes two sides
RECIPROCAL = re.compile(r"(?:\s+\([A-Z]{2,10}\))?(?:\s+[\w-]+){0,2}?\s+(?:clashed|fought|battled|exchanged\s+(?:gun)?fire|"
                        r"traded\s+(?:gun)?fire|skirmished)\b", re.I)
ENCOUNTER = re.compile(r"\bencounters?\b", re.I)
OPERATION = re.compile(r"\b(?:in|during)\s+(?:an?|the|a\s+joint)\s+(?:[\w-]+\s+){0,2}?operations?\b", re.I)
UNIDENTIFIED_ATTACKERS = re.compile(r"\b(?:gunmen|armed men|assailants|attackers|unknown|unidentified|suspected)\b", re.I)
MOB_ATTACKS_CROWD = re.compile(r"\b(?:attack\w*|beat\w*|assault\w*|storm\w*)\b.{0,80}\b(?:protesters|protestors|demonstrators|"
                               r"encampment|protest camp|sit-in|marchers)\b", re.I)


_SUBJECT_GAP = r"^(?:\s+(?!(?:said|says|told|reported|confirmed|announced|added|and|who|that)\b)[\w-]+){0,2}"
HIT_AFTER = re.compile(_SUBJECT_GAP + r"\s+(?:were|was|have\s+been|had\s+been)\s+(?:\w+\s+)?"
                       r"(?:killed|shot|wounded|injured|ambushed|attacked|targeted|hit|abducted|kidnapped)\b"
                       r"|" + _SUBJECT_GAP + r"\s+(?:died|perished|lost\s+their\s+lives)\b", re.I)
HIT_BEFORE = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|ambushed|ambushing|targeted|"
                        r"targeting)\s+(?:at\s+least\s+|as\s+many\s+as\s+)?(?:\w+\s+){0,2}$", re.I)
