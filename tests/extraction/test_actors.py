"""Actor dictionary: aliases, qualified state forces, generic actors, country-conditional aliases, offsets."""

import pytest

from service.vocab.actors import (
    Actor,
    ActorMention,
    all_actors,
    canonical,
    find_actors,
    generic,
    interaction,
)


def names(text, country=None, **kw):
    return [m.actor.name for m in find_actors(text, country, **kw)]


def pairs(text, country=None):
    return [(m.text, m.actor.name) for m in find_actors(text, country)]


# ------------------------------------------------------------------ named aliases


@pytest.mark.parametrize("alias", ["ISIS", "ISIL", "Daesh", "Islamic State", "the Islamic State group", "IS"])
def test_islamic_state_aliases(alias):
    assert names(f"{alias} claimed the attack on the checkpoint.", "IRQ") == ["Islamic State"]


@pytest.mark.parametrize("alias", ["al-Shabaab", "al-Shabab", "Al Shabaab", "Shabaab", "al-Shebab",
                                   "Harakat al-Shabaab al-Mujahideen"])
def test_shabaab_spellings(alias):
    assert names(f"{alias} fighters stormed the town.", "SOM") == ["Al Shabaab"]


@pytest.mark.parametrize("text,country,expected", [
    ("Ansar Allah fired a missile at a ship.", "YEM", "Houthis"),
    ("Houthi rebels fired a missile at a ship.", "YEM", "Houthis"),
    ("The Houthis fired a missile.", "YEM", "Houthis"),
    ("The RSF shelled the city.", "SDN", "Rapid Support Forces"),
    ("The Rapid Support Forces shelled the city.", "SDN", "Rapid Support Forces"),
    ("Jama'at Nusrat al-Islam wal-Muslimin claimed the ambush.", "MLI", "JNIM"),
    ("Boko Haram abducted girls.", "NGA", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("ISWAP overran a base.", "NGA", "Islamic State West Africa Province"),
    ("Tehreek-e-Taliban Pakistan claimed it.", "PAK", "TTP"),
    ("The Pakistani Taliban claimed it.", "PAK", "TTP"),
    ("M23 rebels seized the town.", "COD", "M23"),
    ("Hizballah fired rockets.", "LBN", "Hezbollah"),
    ("Hayat Tahrir al-Sham captured the town.", "SYR", "Hay'at Tahrir al-Sham"),
    ("The Kachin Independence Army attacked a post.", "MMR", "Kachin Independence Army"),
    ("Fano militiamen ambushed a convoy.", "ETH", "Fano"),
    ("Gunfire erupted as the Jalisco New Generation Cartel moved in.", "MEX", "CJNG"),
    ("The Viv Ansanm gang coalition attacked the district.", "HTI", "Viv Ansanm"),
    ("Wagner mercenaries executed villagers.", "MLI", "Wagner Group"),
    ("The Kurdistan Workers' Party denied it.", "TUR", "PKK"),
])
def test_named_groups(text, country, expected):
    assert expected in names(text, country)


def test_acronyms_are_case_sensitive_and_upper_case_is_standalone():
    assert names("This is what the state is doing.", "IRQ") == []
    assert names("Is it over?", "IRQ") == []
    assert names("IS fighters attacked.", "IRQ") == ["Islamic State"]
    assert names("ISIS-linked cells", "SYR") == []            # "-linked": the group qualifies something else
    assert names("ISIS LANDMINES KILL TEN, IS IT OVER?", "SYR") == ["Islamic State"]  # shouting headline


def test_the_state_is_not_an_actor():
    assert names("The state announced a curfew.", "NGA") == []


def test_named_group_absorbs_its_following_noun_and_is_not_double_counted():
    ms = find_actors("ISIS fighters and Hamas militants", "SYR")
    assert [(m.text, m.actor.name) for m in ms] == [("ISIS fighters", "Islamic State"), ("Hamas militants", "Hamas")]


def test_longest_match_wins():
    assert pairs("The Arakan Army seized a base from the army.", "MMR") == [
        ("Arakan Army", "Arakan Army"), ("army", "Military Forces of Myanmar")]
    assert names("Syrian Democratic Forces fighters", "SYR") == ["Syrian Democratic Forces"]
    assert names("Islamic State West Africa Province fighters", "NGA") == ["Islamic State West Africa Province"]
    assert names("The Kosovo Liberation Army was disbanded in 1999.", "XKX") == []


def test_negated_and_hyphenated_groups_are_not_actors():
    assert names("Pro-Hamas protesters marched in London.", "GBR") == ["Protesters (United Kingdom)"]
    assert names("The al-Qaeda-linked militant group al-Shabaab claimed it.", "SOM") == ["Al Shabaab", "Al Shabaab"]
    assert names("Russian-made rifles were seized.", "UKR") == []


# ------------------------------------------------------------------ state forces qualified by a country


@pytest.mark.parametrize("text,country,expected", [
    ("Russian warplanes struck the town.", "SYR", "Military Forces of Russia"),
    ("Israeli troops raided the camp.", "PSE", "Military Forces of Israel"),
    ("Palestinian security forces clashed with gunmen.", "PSE", "Police Forces of Palestine"),
    ("A Ukrainian drone hit a refinery.", "RUS", "Military Forces of Ukraine"),
    ("Pakistani shelling killed three people.", "AFG", "Military Forces of Pakistan"),
    ("Israel's army said it struck targets.", "LBN", "Military Forces of Israel"),
    ("Nigeria's air force said its jets struck the camp.", "NGA", "Military Forces of Nigeria"),
    ("The IDF said it struck targets.", "LBN", "Military Forces of Israel"),
    ("The Tatmadaw bombed the village.", "MMR", "Military Forces of Myanmar"),
    ("FARDC soldiers repelled the attack.", "COD", "Military Forces of the Democratic Republic of Congo"),
    ("U.S. warplanes hit the site.", "YEM", "Military Forces of the United States"),
    ("Philippine troops clashed with rebels.", "PHL", "Military Forces of the Philippines"),
    ("Kenyan police fired tear gas.", "KEN", "Police Forces of Kenya"),
    ("The Saudi-led coalition carried out airstrikes.", "YEM", "Military Forces of Saudi Arabia"),
    ("Regime forces shelled the town.", "SYR", "Military Forces of Syria"),
    ("Members of the 4th Division were killed.", "SYR", "Military Forces of Syria"),
    ("Government shelling killed a woman.", "SYR", "Military Forces of Syria"),
])
def test_state_forces(text, country, expected):
    assert names(text, country)[0] == expected


def test_coordinated_qualifiers_give_one_mention_each():
    assert pairs("Russian and Syrian warplanes pounded the town.", "SYR") == [
        ("Russian", "Military Forces of Russia"), ("Syrian warplanes", "Military Forces of Syria")]
    assert names("Government and Russian forces bombarded Idlib.", "SYR") == [
        "Military Forces of Syria", "Military Forces of Russia"]


def test_country_name_before_an_attack_verb_is_its_military():
    assert pairs("Israel struck targets in southern Lebanon.", "LBN") == [("Israel", "Military Forces of Israel")]
    assert names("Talks were held in Israel on Monday.", "ISR") == []


def test_backed_fighters_are_not_the_sponsor():
    assert names("Ten Russia-backed fighters were killed.", "SYR") == ["Pro-Government Militia (Syria)"]
    assert names("Iran-backed Hezbollah fired rockets.", "LBN") == ["Hezbollah"]
    assert names("Rwanda-backed M23 rebels advanced.", "COD") == ["M23"]
    assert names("The US-backed SDF detained suspects.", "SYR") == ["Syrian Democratic Forces"]


def test_syrian_pro_government_militias():
    for text in ("the National Defense Forces", "the al-Quds Brigade", "the 5th Corps", "pro-regime militants"):
        assert names(f"Fighters from {text} combed the desert.", "SYR")[-1] == "Pro-Government Militia (Syria)", text
    assert names("The al-Quds Brigades fired rockets.", "PSE") == ["Palestinian Islamic Jihad"]


# ------------------------------------------------------------------ generic actors


@pytest.mark.parametrize("text,country,expected,victim", [
    ("Gunmen killed five people.", "MLI", "Unidentified Armed Group (Mali)", False),
    ("Suspected jihadists attacked the village.", "MLI", "Unidentified Armed Group (Mali)", False),
    ("Armed men abducted the chief.", "NGA", "Unidentified Armed Group (Nigeria)", False),
    ("Protesters gathered outside parliament.", "KEN", "Protesters (Kenya)", False),
    ("Demonstrators blocked the road.", "GEO", "Protesters (Georgia)", False),
    ("Rioters torched cars.", "KEN", "Rioters (Kenya)", False),
    ("A mob lynched the suspect.", "IND", "Rioters (India)", False),
    ("Civilians fled the fighting.", "SDN", "Civilians (Sudan)", True),
    ("Two shepherds were found dead.", "SYR", "Civilians (Syria)", True),
    ("A woman was killed.", "UKR", "Civilians (Ukraine)", True),
    ("Police arrested 12 people.", "FRA", "Police Forces of France", False),
    ("Troops retook the town.", "SOM", "Military Forces of Somalia", False),
    ("Security forces killed two militants.", "SYR", "Military Forces of Syria", False),
    ("Gang members set up roadblocks.", "HTI", "Unidentified Gang (Haiti)", False),
])
def test_generic_nouns_take_the_event_country(text, country, expected, victim):
    first = find_actors(text, country)[0]
    assert (first.actor.name, first.victim) == (expected, victim)


def test_generic_nouns_without_country():
    assert names("Gunmen killed a villager.") == ["Unidentified Armed Group", "Civilians"]


def test_demonym_qualifies_generic_nouns_too():
    assert names("Palestinian gunmen opened fire.", "ISR") == ["Unidentified Armed Group (Palestine)"]
    assert names("Sudanese civilians crossed into Chad.", "TCD") == ["Civilians (Sudan)"]


def test_militants_resolve_to_the_one_named_group_of_the_sentence():
    assert names("The militant group al-Shabaab said its fighters carried out the attack.", "SOM") == ["Al Shabaab"] * 3
    # an unknown attacker stays unknown
    assert names("Suspected militants attacked; JNIM is active in the area.", "MLI")[0] == \
        "Unidentified Armed Group (Mali)"
    # two groups: ambiguous
    assert "Unidentified Armed Group (Nigeria)" in names("Militants from ISWAP or Boko Haram attacked.", "NGA")


def test_context_resolves_a_definite_anaphor():
    context = find_actors("ISWAP fighters attacked a base near Malam Fatori.", "NGA")
    assert names("Nigerian jets struck the militants the following day.", "NGA", context=context) == [
        "Military Forces of Nigeria", "Islamic State West Africa Province"]
    assert names("Nigerian jets struck militants the following day.", "NGA", context=context)[-1] == \
        "Unidentified Armed Group (Nigeria)"


def test_participants_that_protest_or_riot():
    assert names("Farmers angry over the deal set fire to tyres outside the tax office.", "FRA") == ["Rioters (France)"]
    assert names("Hundreds of garment workers demanding unpaid wages blocked a highway.", "BGD") == [
        "Protesters (Bangladesh)"]
    assert names("Residents who had blocked a road to protest power cuts were dispersed.", "IRQ") == [
        "Protesters (Iraq)"]
    assert names("Protesters torched a police post.", "KEN")[0] == "Rioters (Kenya)"
    villagers = find_actors("Villagers were attacked by gunmen who burned homes.", "NGA")[0]
    assert (villagers.actor.name, villagers.victim) == ("Civilians (Nigeria)", True)


def test_ethnic_and_communal_militias():
    assert names("Fulani gunmen killed 20 farmers.", "NGA") == ["Fulani Ethnic Militia (Nigeria)", "Civilians (Nigeria)"]
    assert names("Dozo hunters attacked the village.", "MLI") == ["Dozo Communal Militia (Mali)"]
    assert names("Arab tribal fighters clashed with the SDF.", "SYR") == [
        "Arab Tribal Militia (Syria)", "Syrian Democratic Forces"]


# ------------------------------------------------------------------ country-conditional aliases


def test_al_shabaab_in_mozambique_is_islamic_state_mozambique_province():
    assert names("Insurgents known locally as al-Shabaab raided Chai.", "MOZ") == [
        "Islamic State Mozambique Province", "Islamic State Mozambique Province"]
    assert names("Al-Shabaab raided the town.", "SOM") == ["Al Shabaab"]
    assert names("Al-Shabaab raided the town.") == ["Al Shabaab"]


def test_adf_depends_on_the_country():
    assert names("ADF fighters attacked the village.", "CMR") == ["Ambazonia Defence Forces"]
    assert names("ADF fighters attacked the village.", "COD") == ["ADF"]
    assert names("Islamic State claimed the massacre in Beni.", "COD") == ["ADF"]


def test_conditional_acronyms_need_their_country():
    assert names("The AA captured the town.", "MMR") == ["Arakan Army"]
    assert names("The AA captured the town.", "FRA") == []
    assert names("The NPA ambushed soldiers.", "PHL")[0] == "NPA: New People's Army"
    assert names("The NPA ambushed soldiers.", "NGA")[0] == "Military Forces of Nigeria"


def test_country_accepts_names_as_well_as_iso3():
    assert names("Gunmen attacked.", "Mali") == names("Gunmen attacked.", "MLI") == ["Unidentified Armed Group (Mali)"]


# ------------------------------------------------------------------ offsets


def test_offsets_are_exact_non_overlapping_and_in_order():
    text = ("On Sunday, Russian warplanes struck ISIS positions near Raqqa, while Syrian government forces and "
            "pro-regime militias clashed with Islamic State fighters, killing three civilians and a shepherd.")
    ms = find_actors(text, "SYR")
    assert all(isinstance(m, ActorMention) and text[m.start:m.end] == m.text for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert [m.actor.name for m in ms] == [
        "Military Forces of Russia", "Islamic State", "Military Forces of Syria", "Pro-Government Militia (Syria)",
        "Islamic State", "Civilians (Syria)", "Civilians (Syria)"]
    assert ms[0].text == "Russian warplanes" and ms[0].start == text.index("Russian")


def test_empty_text():
    assert find_actors("", "SYR") == []


# ------------------------------------------------------------------ canonical, generic, interaction, dictionary


@pytest.mark.parametrize("name,country,expected", [
    ("Ansar Allah", None, "Houthis"),
    ("Hizbollah", None, "Hezbollah"),
    ("Houthis", None, "Houthis"),
    ("Military Forces of the Philippines", None, "Military Forces of the Philippines"),
    ("Military Forces of Syria (2000-2024)", None, "Military Forces of Syria"),
    ("Police Forces of Palestine", None, "Police Forces of Palestine"),
    ("Protesters (Kenya)", None, "Protesters (Kenya)"),
    ("gunmen", "MLI", "Unidentified Armed Group (Mali)"),
    ("Somali troops", None, "Military Forces of Somalia"),
    ("JNIM: Group for Support of Islam and Muslims", None, "JNIM"),
    ("ADF", "CMR", "Ambazonia Defence Forces"),
])
def test_canonical(name, country, expected):
    assert canonical(name, country).name == expected


def test_canonical_unknown():
    assert canonical("the weather") is None
    assert canonical("") is None


def test_generic_kinds_and_names():
    assert generic("state", "COD") == canonical("FARDC")
    assert generic("state", "COD").name == "Military Forces of the Democratic Republic of Congo"
    assert generic("police", "USA").name == "Police Forces of the United States"
    assert generic("state", "PSE").name == "Police Forces of Palestine"  # no army: security forces are police
    assert generic("civilians", "COD") == Actor("Civilians (Democratic Republic of Congo)", 7, "COD")
    assert generic("rioters", "KEN").inter == 5
    assert generic("protesters", "KEN").inter == 6
    assert generic("unidentified", "MLI") == Actor("Unidentified Armed Group (Mali)", 3, "MLI")
    assert generic("civilians", None) == Actor("Civilians", 7, None)
    with pytest.raises(ValueError):
        generic("aliens", "MLI")


@pytest.mark.parametrize("a,b,expected", [(1, 3, "13"), (3, 1, "13"), (2, 2, "22"), (1, None, "10"),
                                          (None, 7, "70"), (None, 6, "60"), (None, None, None), (8, 1, "18")])
def test_interaction(a, b, expected):
    assert interaction(a, b) == expected


@pytest.mark.parametrize("bad", [0, 9, "1", True])
def test_interaction_rejects_bad_codes(bad):
    with pytest.raises(ValueError):
        interaction(bad, 1)


def test_all_actors_dictionary():
    actors = all_actors()
    by_name = {a.name: a for a in actors}
    assert len(by_name) == len(actors)
    assert all(1 <= a.inter <= 8 for a in actors)
    for name, inter, iso3 in [("Islamic State", 2, None), ("Hamas", 2, "PSE"), ("Houthis", 2, "YEM"),
                              ("Military Forces of Syria", 1, "SYR"), ("Police Forces of Kenya", 1, "KEN"),
                              ("Wagner Group", 8, "RUS"), ("CJNG", 3, "MEX")]:
        assert (by_name[name].inter, by_name[name].iso3) == (inter, iso3)
    assert "Daesh" in by_name["Islamic State"].aliases
    named = [a for a in actors if not a.name.startswith(("Military Forces of", "Police Forces of"))]
    assert len(named) >= 200
    assert len(by_name) > 600  # plus state and police forces of every country


def test_every_unconditional_alias_resolves_to_its_actor():
    from service.vocab.actors import _lexicon

    lex = _lexicon()
    problems = []

    def walk(node, path):
        for key, child in node.items():
            if key is None:
                unconditional = {e.value for e in child if e.kind == "named" and not e.countries}
                if len(unconditional) > 1:
                    problems.append((path, unconditional))
            else:
                walk(child, path + (key,))

    walk(lex.ci.root, ())
    walk(lex.cs.root, ())
    assert problems == []
