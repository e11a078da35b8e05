"""Actor roles: armed-group anaphora and associated actors (ACLED assoc_actor_1 / assoc_actor_2)."""

from datetime import date

from service.extraction.pipeline import ActorRead, extract, find_clause_actors

PUB = date(2024, 5, 8)


def _events(title, body):
    return extract(title, body, PUB)


def _at(events, location):
    return next(e for e in events if e["location"] == location)


# ----------------------------------------------------------------------------- anaphora


def test_definite_description_refers_to_last_named_group():
    recent = ActorRead("Islamic State", 2, 0, False)
    reads = find_clause_actors("The terrorist organization also ambushed a patrol near the border.", "IRQ", recent)
    assert reads[0].name == "Islamic State"
    reads = find_clause_actors("The group attacked soldiers at a checkpoint.", "IRQ", recent)
    assert [r.name for r in reads][:1] == ["Islamic State"]


def test_anaphor_needs_an_attack_verb_and_a_group():
    recent = ActorRead("Islamic State", 2, 0, False)
    assert all(r.name != "Islamic State" for r in find_clause_actors("The rebels said they wanted talks.", "IRQ", recent))
    assert all(r.name != "Islamic State" for r in find_clause_actors("The group attacked soldiers.", "IRQ", None))


def test_organization_resolves_in_article_with_target_from_follow_up():
    events = _events(
        "ADF rebels kill villagers in eastern Congo",
        "ADF rebels attacked the village of Mamove in North Kivu on Sunday, killing 11 civilians.\n\n"
        "The armed group also ambushed vehicles near Beni on Monday. "
        "The attack resulted in the death of three soldiers and two civilians.",
    )
    beni = _at(events, "Beni")
    assert beni["actor1"] == "ADF"
    assert beni["actor2"] == "Military Forces of the Democratic Republic of Congo"
    assert beni["assoc_actor_2"] == "Civilians (Democratic Republic of Congo)"


def test_group_named_in_title_only():
    events = _events(
        "Al-Shabaab fighters storm base in Somalia",
        "The militants stormed a military base near Bosaso on Tuesday, killing six soldiers, officials said.",
    )
    assert events[0]["actor1"] == "Al Shabaab"


# ----------------------------------------------------------------------------- associated actors


def test_targets_named_together_give_assoc_actor_2():
    events = _events(
        "Mali convoy attacked",
        "JNIM fighters attacked Malian soldiers and members of the Wagner Group near Boni on Sunday, killing 12.",
    )
    e = events[0]
    assert (e["actor1"], e["actor2"], e["assoc_actor_2"]) == ("JNIM", "Military Forces of Mali", "Wagner Group")


def test_backed_by_is_the_same_side_not_a_passive_agent():
    events = _events(
        "Mali fighting",
        "Malian soldiers backed by Wagner mercenaries attacked JNIM fighters near Boni on Friday, killing 12.",
    )
    e = events[0]
    assert (e["actor1"], e["assoc_actor_1"], e["actor2"]) == ("Military Forces of Mali", "Wagner Group", "JNIM")


def test_along_with_gives_assoc_actor_1():
    events = _events(
        "Colombia attack",
        "ELN rebels along with FARC dissidents attacked a police station in Cauca on Friday, killing two police officers.",
    )
    e = events[0]
    assert e["actor1"] == "ELN"
    assert e["assoc_actor_1"] == "FARC dissidents (EMC)"
    assert e["actor2"] == "Police Forces of Colombia"


def test_between_two_actors_are_opposite_sides():
    events = _events(
        "Sudan fighting",
        "Fighting between the Sudanese army and the RSF killed nine people in El Fasher on Sunday, medics said.",
    )
    e = events[0]
    assert {e["actor1"], e["actor2"]} == {"Military Forces of Sudan", "Rapid Support Forces"}
    assert e["assoc_actor_1"] is None and e["assoc_actor_2"] is None


def test_clash_of_two_named_sides_keeps_actor2():
    events = _events(
        "Syria clashes",
        "Kurdish-led SDF fighters and Syrian government forces clashed near Manbij on Friday, killing four.",
    )
    e = events[0]
    assert e["actor2"] == "Military Forces of Syria" and e["assoc_actor_1"] is None
