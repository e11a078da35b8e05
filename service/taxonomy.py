"""ACLED's event taxonomy (mirrors the `event_types` table of sql/001_init.sql; a test keeps them equal)."""
from __future__ import annotations

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
EVENT_TYPES = tuple(SUB_EVENT_TYPES)
EVENT_TYPE_OF = {sub: et for et, subs in SUB_EVENT_TYPES.items() for sub in subs}
ALL_SUB_EVENT_TYPES = tuple(EVENT_TYPE_OF)
DISORDER_TYPE_OF = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_TYPES = tuple(dict.fromkeys(DISORDER_TYPE_OF.values()))
INTER_CODES = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/other forces",
}
ACTOR_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
