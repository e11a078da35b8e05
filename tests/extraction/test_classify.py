"""Lexicon rules: sentence -> ACLED event type / sub-event type."""

import pytest

from service.extraction.classify import EVENT_TYPES, classify, context_flags, disorder_type, load_lexicon


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Ten fighters were killed when ISIS landmines exploded", "Remote explosive/landmine/IED"),
        ("Russian warplanes carried out 40 airstrikes targeting ISIS positions", "Air/drone strike"),
        ("A suicide bomber drove an explosives-laden vehicle into the gate of a base", "Suicide bomb"),
        ("Shelling by the paramilitary group killed at least 12 civilians", "Shelling/artillery/missile attack"),
        ("Suspected militants hurled a grenade at a police patrol", "Grenade"),
        ("troops dropped grenades containing chloropicrin on positions", "Chemical weapon"),
        ("forces had defused a car bomb at a checkpoint", "Disrupted weapons use"),
        ("Air defence units shot down 14 attack drones", "Disrupted weapons use"),
        ("Rwandan soldiers clashed with insurgents near the town", "Armed clash"),
        ("the army recaptured the village from the rebels after a gunfight", "Government regains territory"),
        ("fighters overran an army base in the town", "Non-state actor overtakes territory"),
        ("rebels entered the town without firing a shot after soldiers pulled out", "Non-violent transfer of territory"),
        ("fighters had raped at least six women during a raid", "Sexual violence"),
        ("gunmen kidnapped a nurse and two nuns from a clinic", "Abduction/forced disappearance"),
        ("Gunmen shot dead a mayoral candidate", "Attack"),
        ("hundreds of students formed a human chain to demand justice", "Peaceful protest"),
        ("police fired tear gas to disperse residents who blocked a road to protest power cuts",
         "Protest with intervention"),
        ("Kenyan police shot dead three protesters in the capital", "Excessive force against protesters"),
        ("protesters blocked roads with burning tyres and looted several shops", "Violent demonstration"),
        ("a mob set fire to at least 15 houses", "Mob violence"),
        ("police arrested three men in connection with the attack", "Arrests"),
        ("leaders of the militia and the commanders agreed to a local truce", "Agreement"),
        ("factions announced that they had merged into a single organisation", "Change to group/activity"),
        ("troops moved into a new forward base at the fishing town", "Headquarters or base established"),
        ("suspected jihadists set fire to the town hall", "Looting/property destruction"),
        ("volunteers had found at least 14 bodies in clandestine graves", "Other"),
    ],
)
def test_classify(text, sub_event_type):
    result = classify(text)
    assert result is not None and result.sub_event_type == sub_event_type
    assert result.sub_event_type in EVENT_TYPES[result.event_type]


def test_no_trigger_no_event():
    assert classify("The Western-backed authority is internationally recognized.") is None


def test_every_rule_names_a_real_sub_type():
    for rule in load_lexicon()["rules"]:
        assert rule["sub_event_type"] in EVENT_TYPES[rule["event_type"]]


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("The insurgency has killed more than 40,000 people since 2009", "background"),
        ("a shopkeeper was stabbed to death during a robbery", "crime"),
        ("a passenger minibus collided with a lorry", "crime"),
        ("the group threatened to attack any clan", "future"),
        ("Trade unions have called a nationwide strike for next Sunday", "future"),
    ],
)
def test_context_flags(text, flag):
    assert flag in context_flags(text)


def test_disorder_types():
    assert disorder_type("Riots") == "Demonstrations"
    assert disorder_type("Battles") == "Political violence"
    assert disorder_type("Strategic developments") == "Strategic developments"
