"""The classes of error that real reporting showed, each pinned by sentences written for these tests.

Each test names the class it guards (see the extractor's issue): later incidents, lists of places,
protest violence, placing, false events, dates, counts.
"""
from datetime import date

from service.extraction import extract

PUB = date(2023, 9, 20)  # a Wednesday


def events(body, title="Report", published=PUB):
    return extract(title, body, published, "day")


def test_background_incident_from_months_earlier_is_not_an_event():
    got = events("Government troops captured the town of Kafr Nabl in Idlib province in March after weeks of "
                 "heavy fighting, and the front has barely moved since.")
    assert got == []


def test_incident_told_first_in_general_then_placed_is_one_event_at_the_place():
    got = events("Gunmen killed seven villagers in northwestern Nigeria on Sunday, police said.\n\n"
                 "The attackers stormed the village of Kadisau in Zamfara state on motorcycles.",
                 title="Gunmen kill seven in Nigeria")
    assert len(got) == 1
    assert got[0]["admin1"] == "Zamfara" and got[0]["location"] == "Kadisau"
    assert got[0]["event_date"] == "2023-09-17" and got[0]["fatalities"] == 7


def test_a_summary_of_several_incidents_is_not_an_event_and_gives_them_its_day():
    got = events("At least nine people were killed on Monday in a string of attacks in the Nigerian states of "
                 "Borno and Yobe.\n\nIn Borno, gunmen shot dead five farmers in the town of Konduga. In Yobe, "
                 "militants killed four traders in the town of Geidam. Another man was shot dead in Damaturu.")
    places = sorted(e["location"] for e in got)
    assert places == ["Damaturu", "Geidam", "Konduga"]
    assert {e["event_date"] for e in got} == {"2023-09-18"}
    assert sorted(e["fatalities"] for e in got) == [1, 4, 5]


def test_an_incident_with_no_place_in_the_text_takes_the_article_country_coarsely():
    got = events("Soldiers and rebels clashed on Monday, leaving ten fighters dead, the army said.",
                 title="Fighting in eastern Congo kills ten")
    assert len(got) == 1
    assert got[0]["iso3"] == "COD" and got[0]["geo_precision"] == 3


def test_crowds_fighting_police_riot_they_do_not_battle():
    got = events("Hundreds of students clashed with police in Nairobi on Tuesday, hurling stones at officers "
                 "who fired tear gas.", title="Kenyan students clash with police")
    assert len(got) == 1
    assert got[0]["event_type"] in ("Riots", "Protests")


def test_protesters_setting_fires_is_a_violent_demonstration():
    got = events("Protesters set several cars on fire outside the parliament in Tbilisi on Tuesday.",
                 title="Unrest in Georgia")
    assert [(e["event_type"], e["sub_event_type"]) for e in got] == [("Riots", "Violent demonstration")]


def test_protest_that_turns_into_deadly_unrest_is_a_riot():
    got = events("Rival demonstrations in Kirkuk on Saturday turned into deadly unrest that left two people dead.",
                 title="Deadly unrest in Iraq's Kirkuk")
    assert len(got) == 1 and got[0]["event_type"] == "Riots"


def test_arrests_made_at_a_protest_belong_to_the_protest():
    got = events("Thousands of people marched through Minsk on Sunday against the government.\n\n"
                 "Police detained dozens of protesters, witnesses said.", title="Belarus protest")
    assert len(got) == 1
    assert got[0]["event_type"] == "Protests"


def test_where_a_monitor_is_based_does_not_move_the_incident():
    got = events("Shelling killed three civilians in the village of Kafr Batna in Syria on Monday, said the "
                 "Syrian Observatory for Human Rights, which is based in Britain.\n\n"
                 "A further civilian died when helicopters attacked the village of Saqba.",
                 title="Shelling kills three in Syria")
    assert {e["iso3"] for e in got} == {"SYR"}


def test_two_incidents_in_one_sentence_are_two_events():
    got = events("In the town of Kafr Batna in Syria, shelling on Monday killed three civilians, and an air strike "
                 "on the town of Saqba killed two others.", title="Strikes in Syria")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Kafr Batna", 3), ("Saqba", 2)]


def test_cities_in_a_shared_dateline_are_not_incident_places():
    got = events("ADEN/MARIB - Houthi fighters attacked government positions in the Al-Kassara area of Marib "
                 "province on Monday, killing four soldiers.", title="Fighting in Yemen")
    assert len(got) == 1 and got[0]["admin1"] == "Marib"
    assert got[0]["location"] != "ADEN"


def test_overnight_on_a_weekday_is_that_weekday():
    got = events("Rebels attacked an army post overnight on Monday in the town of Kidal in Mali, killing three soldiers.",
                 title="Attack in Mali")
    assert [e["event_date"] for e in got] == ["2023-09-18"]


def test_last_night_is_the_evening_before_the_report():
    got = events("Last night rioters set fire to cars and looted shops in the French city of Lyon.",
                 title="Riots in France")
    assert [(e["event_date"], e["event_type"]) for e in got] == [("2023-09-19", "Riots")]


def test_a_month_named_alone_dates_an_old_incident_which_is_background():
    got = events("In March the army retook the town of Bakhmut in Ukraine after months of shelling.",
                 title="Front line in Ukraine")
    assert got == []


def test_a_city_name_that_begins_like_a_month_is_no_date():
    got = events("Shops and cafes were attacked by rioters in Marseille on Tuesday night.", title="Unrest in France")
    assert [(e["event_date"], e["location"]) for e in got] == [("2023-09-19", "Marseille")]


def test_arrests_elsewhere_stay_apart_from_the_riot_and_keep_their_type():
    got = events("Looters ransacked a supermarket in Nantes on Tuesday. Elsewhere, police arrested two men in Lyon "
                 "on Tuesday.", title="Riots in France")
    assert sorted((e["sub_event_type"], e["location"]) for e in got) == [
        ("Arrests", "Lyon"), ("Violent demonstration", "Nantes")]


def test_datelines_with_credits_brackets_and_colons_are_not_incident_places_or_days():
    for opening in ("Kabul [Afghanistan], September 19 (ABC/XYZ): ", "KABUL (Example News / Wire - 19th September, "
                    "2023) ", "Kabul, Sep 19 (ABC): "):
        got = events(opening + "Gunmen killed four soldiers at a checkpoint in the town of Jalalabad in "
                     "Nangarhar province on Tuesday, officials said.", title="Attack in Afghanistan")
        assert [(e["event_date"], e["location"]) for e in got] == [("2023-09-19", "Jalalabad")], opening


def test_hong_kong_is_coded_in_china_with_hong_kong_as_admin1():
    got = events("Police fired tear gas at protesters who threw petrol bombs outside government headquarters in "
                 "Admiralty, Hong Kong, on Sunday.", title="Hong Kong protest turns violent")
    assert got and {(e["iso3"], e["admin1"]) for e in got} == {("CHN", "Hong Kong")}


def test_a_toll_stated_later_updates_the_incident_it_does_not_start_one():
    got = events("Youths fought security forces in the streets of Lome on Tuesday, witnesses said.\n\n"
                 "The provisional toll stood at two people shot dead in Lome, an opposition spokesman said.",
                 title="Clashes in Togo")
    assert len(got) == 1 and got[0]["fatalities"] == 2


def test_a_statement_about_an_attack_already_told_is_no_new_attack():
    got = events("A bomb exploded at a market in the town of Yala in Thailand on Friday, wounding three people.\n\n"
                 "The governor said the bombings in Songkhla had nothing to do with the insurgency.",
                 title="Bombing in southern Thailand")
    assert [e["location"] for e in got] == ["Yala"]


def test_an_arrest_that_did_not_happen_is_no_arrest():
    got = events("The opposition leader asked why the police did not arrest him too.", title="Armenia protest")
    assert got == []


def test_detentions_over_several_days_are_a_summary_not_an_incident():
    got = events("Police said on Thursday that several suspects had been detained over the previous two days in "
                 "Garissa and Wajir counties.", title="Kenya arrests")
    assert got == []


def test_a_march_and_the_riot_it_became_at_one_place_and_day_are_one_event():
    got = events("Thousands marched through Almaty on Wednesday against fuel prices.\n\n"
                 "Later protesters stormed the mayor's office in Almaty and set it on fire.",
                 title="Kazakhstan protests")
    assert [(e["location"], e["event_type"]) for e in got] == [("Almaty", "Riots")]


def test_a_list_of_places_with_asides_and_containers_is_one_event_per_place():
    got = events("Clashes broke out on Tuesday in Tahrir Square in Baghdad, in southern cities such as Basra, and in "
                 "Kerbala and Najaf.", title="Iraq protests turn violent")
    assert sorted(e["admin1"] for e in got) == ["Baghdad", "Basra", "Karbala", "Najaf"]


def test_a_list_with_appositions_keeps_every_town():
    got = events("Troops arrested dozens of people on Sunday in the towns of Ni'lin, to the west of Ramallah, and "
                 "Halhul, close to Hebron.", title="West Bank arrests")
    assert sorted(e["location"] for e in got) == ["Halhul", "Ni'lin"]


def test_a_town_in_its_district_is_one_place_not_a_list():
    got = events("Insurgents killed five villagers in an attack on the village of Chai in Macomia district of "
                 "Mozambique's Cabo Delgado province on Tuesday.", title="Attack in Mozambique")
    assert [e["location"] for e in got] == ["Chai"]


def test_violence_a_crowd_protests_about_is_not_an_event_of_the_day():
    got = events("On Tuesday in the town of Santiago, farmers marched to the courthouse, demanding justice for an "
                 "attack on two activists in Maipo on September 2.", title="Chile farmers march")
    assert [(e["event_date"], e["event_type"], e["location"]) for e in got] == [("2023-09-19", "Protests", "Santiago")]


def test_a_village_named_with_its_district_after_a_comma_is_one_place():
    got = events("Separately, a constable was shot dead on his way to work in Sarangi Adda, Bannu, on Monday.",
                 title="Constable killed in Pakistan's Khyber Pakhtunkhwa")
    assert [e["location"] for e in got] == ["Sarangi Adda"]


def test_a_clock_time_is_no_count():
    got = events("At about 1:30 a.m. on Monday a civilian was killed in clashes between police and militants in "
                 "the Baglar district of Diyarbakir province.", title="Clash in Turkey's Diyarbakir")
    assert [e["fatalities"] for e in got] == [1]


def test_an_itemised_list_of_the_dead_is_the_same_dead():
    got = events("Separatists killed four civilians and five members of the security forces in Galim on Saturday, "
                 "officials said.\n\nThey said the dead were four civilians, two gendarmes and two police officers.",
                 title="Attack in Cameroon")
    assert [e["fatalities"] for e in got] == [8]


def test_the_dead_go_to_the_place_named_after_them():
    got = events("On Monday, ten police officers were shot dead in Coyuca de Benitez, and one more person was "
                 "killed in Chilpancingo, in Mexico's Guerrero state.", title="Shootings in Mexico")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Chilpancingo", 1), ("Coyuca de Benitez", 10)]


def test_a_suicide_bomber_who_blew_himself_up_is_counted():
    got = events("A suicide bomber blew himself up at a checkpoint in Mogadishu on Sunday, killing a soldier.",
                 title="Suicide bombing in Somalia")
    assert [(e["sub_event_type"], e["fatalities"]) for e in got] == [("Suicide bomb", 2)]


def test_a_wave_of_attacks_told_first_is_a_summary_of_the_ones_told_after():
    got = events("Police said on Wednesday that at least three people had been beheaded in a fresh wave of attacks "
                 "in northern Mozambique.\n\nOn Wednesday the insurgents carried out arson attacks on the village of "
                 "Nanga in Macomia district, police said.", title="Attacks in Mozambique")
    assert [(e["location"], e["fatalities"]) for e in got] == [("Nanga", 0)]


def test_a_dated_lead_across_the_country_gives_its_day_to_the_incidents_told_after_it():
    got = events("Security forces shot dead three people yesterday as protesters marched across the country, "
                 "doctors said.\n\nIn Omdurman, the three protesters were killed by gunfire near the parliament, "
                 "the doctors said.", title="Sudan protests")
    assert [(e["location"], e["event_date"]) for e in got] == [("Omdurman", "2023-09-19")]


def test_an_anniversary_is_no_running_total_and_a_duration_is():
    got = events("On Tuesday, people took to the streets in Lagos to commemorate one year since the protests.",
                 title="Nigerians march")
    assert [e["event_type"] for e in got] == ["Protests"]
    assert events("For much of the 17 months since the invasion, heavy fighting has raged in the Kharkiv region.",
                  title="War in Ukraine") == []


def test_beheadings_and_women_carried_off_are_violence_against_civilians():
    got = events("Last Friday the militants entered farms near the village of Nanga in Mozambique's Cabo Delgado "
                 "province, cut off the heads of three residents and carried off a number of women.",
                 title="Attack in Mozambique")
    assert [(e["event_type"], e["fatalities"]) for e in got][:1] == [("Violence against civilians", 3)]


def test_pictures_of_a_funeral_tell_no_new_attack():
    got = events("Militants attacked an army post in the town of Marib in Yemen on Monday night, killing eight "
                 "soldiers.\n\nThe ministry posted a photograph showing the funeral of the soldiers, who died in "
                 "the attack.", title="Attack in Yemen")
    assert len(got) == 1 and got[0]["fatalities"] == 8


def test_a_bomb_and_a_rocket_attack_in_one_town_on_one_day_stay_two_events():
    got = events("A roadside bomb killed a sergeant in the town of Bingol on Tuesday.\n\nLate on Tuesday, militants "
                 "fired rockets at a police station in Bingol, wounding an officer.", title="Attacks in Turkey")
    assert sorted(e["sub_event_type"] for e in got) == ["Remote explosive/landmine/IED", "Shelling/artillery/missile attack"]


def test_attacks_on_a_city_told_first_take_the_weapon_told_after():
    got = events("Officials said on Saturday that Russian attacks on Odesa, the Black Sea port, had wounded three "
                 "people.\n\nThe governor of Odesa region said a missile strike on the city had injured three people.",
                 title="Russian strikes on Ukraine")
    assert [(e["event_type"], e["admin1"]) for e in got] == [("Explosions/Remote violence", "Odesa")]


def test_what_someone_is_expected_to_do_this_week_is_no_event():
    got = events("State media reported that the president was expected this week to name a new prime minister, "
                 "whom the protests drove from office.", title="Iraq politics")
    assert got == []


def test_a_name_with_an_age_is_one_person_and_the_wounded_one_is_not_dead():
    got = events("On Monday in the Baglar district of Diyarbakir province, civilian Ali Demir, 40, was killed and a "
                 "second civilian, Veli Kaya, 29, was wounded when they were caught in clashes between police and "
                 "militants.", title="Clash in Turkey")
    assert [e["fatalities"] for e in got] == [1]


def test_the_dead_counted_again_give_the_toll_of_the_incident_they_are_placed_in():
    got = events("Doctors said on Sunday the three protesters were killed by gunfire in Omdurman, near Khartoum.",
                 title="Sudan protests")
    assert [e["fatalities"] for e in got] == [3]


def test_two_figures_for_one_incident_keep_the_lower():
    got = events("An attack on Monday night against government forces in Marib province left eleven soldiers dead, "
                 "the ministry said.\n\nA military source said Houthi fighters attacked positions on the Al-Kassara "
                 "front in Marib on Monday night, and the fighting left eight soldiers dead.", title="Yemen")
    assert [e["fatalities"] for e in got] == [8]


def test_details_after_a_summary_are_incidents_of_their_own():
    got = events("Officials confirmed on Wednesday that a string of militant attacks across the province had killed "
                 "at least eight people, five of them soldiers.\n\nIn Karak district, militants went after a vehicle "
                 "carrying paramilitary troops. Three soldiers died along with their driver.\n\nIn a separate attack "
                 "late on Tuesday in Peshawar district, gunmen killed three people, among them police inspector Ali "
                 "Khan.", title="Attacks in Pakistan's Khyber Pakhtunkhwa")
    assert sorted((e["location"], e["event_type"], e["fatalities"]) for e in got) == [
        ("Karak", "Battles", 4), ("Peshawar", "Violence against civilians", 3)]


def test_a_village_spelled_like_a_namesake_elsewhere_stays_in_the_region_the_clause_names():
    got = events("Shelling of houses in Kolodiazne, a village in the Kharkiv region, killed a man overnight, Kharkiv "
                 "governor Oleh Synehubov said on Sunday.", title="Russian shelling in Ukraine")
    assert [(e["admin1"], e["location"]) for e in got] == [("Kharkiv", "Kolodiazne")]


def test_the_dead_described_by_what_they_were_suspected_of_are_counted():
    got = events("Gangs attacked the Petion-Ville district of Port-au-Prince early Tuesday, and at least 28 people "
                 "suspected of belonging to gangs died in the fighting with police, a spokesman said.",
                 title="Gang assault in Haiti")
    assert [e["fatalities"] for e in got] == [28]


def test_shots_fired_at_a_plane_are_an_attack():
    got = events("On Sunday, gunmen fired at a passenger plane as it was landing at the airport in Port-au-Prince, "
                 "wounding a flight attendant.", title="Haiti airport")
    assert [(e["event_type"], e["fatalities"]) for e in got] == [("Violence against civilians", 0)]


def test_a_lake_named_after_a_country_does_not_move_the_incident_there():
    got = events("The army said soldiers had won back the town of Marte, in the Lake Chad region, from the jihadists "
                 "on Tuesday.", title="Nigeria retakes Marte")
    assert {e["iso3"] for e in got} == {"NGA"}
    assert {e["sub_event_type"] for e in got} == {"Government regains territory"}


def test_a_decades_long_insurgency_is_background():
    assert events("For more than ten years the border region has been caught in an insurgency, with militants "
                  "fighting the army.", title="Thailand's south") == []


def test_a_group_naming_a_new_leader_changes_the_group():
    got = events("On Wednesday the rebel faction Ahrar al-Sham chose a new leader in Idlib province in Syria.",
                 title="Syrian rebels name a leader")
    assert [e["sub_event_type"] for e in got] == ["Change to group/activity"]


def test_a_specific_act_told_twice_at_one_place_once_without_its_day_is_one_event():
    got = events("Government forces dropped chlorine bombs on the Sukkari district of Aleppo in Syria, activists "
                 "said.\n\nRescue workers likewise said chlorine bombs were dropped on the district by helicopters "
                 "on Tuesday.", title="Chlorine attack in Aleppo")
    assert [(e["sub_event_type"], e["event_date"]) for e in got] == [("Chemical weapon", "2023-09-19")]


def test_since_giving_a_reason_is_no_running_total():
    got = events("Last week insurgents set up a new camp in a forest in Ukhrul district of Manipur, the army said, "
                 "and it asked them to leave since it had not been authorised.", title="Insurgent camp in India")
    assert [e["sub_event_type"] for e in got] == ["Headquarters or base established"]


def test_a_grenade_launcher_found_in_a_cache_is_no_grenade_attack():
    got = events("On Saturday soldiers found a weapons cache in Davao City in the Philippines and took two rifles "
                 "and a grenade launcher.", title="Arms cache found")
    assert [e["sub_event_type"] for e in got] == ["Disrupted weapons use"]


def test_who_died_in_each_place_decides_clash_or_attack_there():
    got = events("On Monday, ten police officers were shot dead in Coyuca de Benitez, and a community leader was "
                 "killed in Chilpancingo, in Mexico's Guerrero state.", title="Shootings in Mexico")
    assert sorted((e["location"], e["event_type"]) for e in got) == [
        ("Chilpancingo", "Violence against civilians"), ("Coyuca de Benitez", "Battles")]


def test_police_clearing_a_street_of_demonstrators_is_an_intervention():
    got = events("Early on Thursday police cleared a street in the Erebuni district of Yerevan, detaining dozens of "
                 "demonstrators.", title="Armenia protest")
    assert [(e["event_type"], e["sub_event_type"]) for e in got] == [("Protests", "Protest with intervention")]


def test_the_first_sentence_sets_the_day_and_place_of_a_story_whose_first_incident_has_none():
    got = events("Last week, during a reconnaissance flight, Assam Rifles personnel spotted huts in a forest in "
                 "Ukhrul, Manipur.\n\nInsurgents had set up a new camp in the forest, the army said.",
                 title="Insurgent camp spotted in India")
    assert [(e["event_date"], e["admin1"], e["time_precision"]) for e in got] == [("2023-09-13", "Manipur", 2)]


def test_the_toll_trailing_a_background_relative_clause_is_background_too():
    got = events("Protesters fought riot police in Quito on Tuesday as they tried to reach a park, which in 2019 "
                 "was the heart of a protest wave, leaving 10 people dead.", title="Ecuador unrest")
    assert [(e["event_type"], e["fatalities"]) for e in got] == [("Riots", 0)]


def test_a_square_told_as_lying_in_a_city_is_the_city_for_one_crowd_event_a_day():
    got = events("Police battled demonstrators in the streets of Baghdad on Tuesday, firing tear gas.\n\n"
                 "For the third day running, clashes broke out in Tayaran Square in Baghdad and in Basra.",
                 title="Iraq protests")
    assert sorted(e["admin1"] for e in got) == ["Baghdad", "Basra"]


def test_an_incident_dated_after_publication_is_no_report_of_it():
    got = events("Police fired on protesters in Yangon, and the day after the council's statement two people "
                 "were killed in other parts of the country, media said.", title="Myanmar",
                 published=date(2021, 3, 14))
    assert all(e["event_date"] <= "2021-03-14" for e in got)


def test_a_list_keeps_the_places_after_a_name_the_gazetteer_does_not_know():
    got = events("Marches were held on Wednesday in Panama City, Bocas del Toro, Chiriqui, West Panama, Cocle and "
                 "Herrera by striking teachers.", title="Panama teachers march")
    assert len(got) >= 5 and {"Herrera", "Cocle"} <= {e["location"] for e in got}


def test_the_place_a_strike_was_aimed_at_is_its_place():
    got = events("The health ministry said an Israeli strike on Maaroub, close to Derdghaiya, wounded twelve people "
                 "in south Lebanon on Sunday.", title="Strike in south Lebanon")
    assert [e["location"] for e in got] == ["Maaroub"]


def test_the_districts_of_a_and_b_are_two_places():
    got = events("On Saturday in Niger State, gunmen raided several villages in the districts of Mashegu and Munya, "
                 "killing at least seven people.", title="Raids in Nigeria")
    assert sorted(e["location"] for e in got) == ["Mashegu", "Munya"]


def test_the_dead_of_an_earlier_incident_named_in_a_date_chain_are_not_counted():
    got = events("A roadside bomb struck a police vehicle in Garissa county in Kenya on Tuesday and killed five "
                 "officers, a day after similar explosions had killed nine police.", title="Kenya bomb")
    assert [e["fatalities"] for e in got] == [5]


def test_an_age_after_an_accented_name_counts_nobody():
    got = events("On Monday in the Baglar district of Diyarbakir province, a civilian was killed and another, "
                 "Şaban Çelik, 29, was wounded when they were caught in clashes.", title="Clash in Turkey")
    assert [e["fatalities"] for e in got] == [1]


def test_the_people_who_killed_are_not_counted_among_the_dead():
    got = events("On Friday two gunmen killed a police officer as he left his house in the town of Qalyub in Egypt.",
                 title="Officer killed in Egypt")
    assert [e["fatalities"] for e in got] == [1]


def test_a_part_named_in_apposition_is_no_figure_of_its_own():
    got = events("On Monday an attack in the town of Tacambaro in Mexico left five people, one of them a police "
                 "officer, shot dead and two more wounded.", title="Attack in Mexico")
    assert [e["fatalities"] for e in got] == [5]


def test_a_later_toll_that_names_another_incident_s_town_updates_that_incident():
    got = events("On Monday, ten police officers were shot dead in the town of Coyuca de Benitez in Mexico's "
                 "Guerrero state. In Michoacan, an attack in the town of Tacambaro left five people dead.\n\n"
                 "The first toll from Coyuca de Benitez was 8 dead, but prosecutors later confirmed the deaths of "
                 "two more police officers.", title="Shootings in Mexico")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Coyuca de Benitez", 10), ("Tacambaro", 5)]


def test_another_death_in_another_place_is_another_incident():
    got = events("Security forces shot dead three demonstrators in Yangon on Sunday.\n\nIn the town of Bago, a young "
                 "man was shot dead. Another protester died in Mandalay, local media reported.",
                 title="Myanmar forces fire on protesters")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Bago", 1), ("Mandalay", 1), ("Yangon", 3)]


def test_a_name_then_its_apposition_then_was_killed_counts_one():
    got = events("At Patgram in Lalmonirhat district on Monday, Nasir Uddin, an activist of the opposition's "
                 "student wing, was killed by police fire.", title="Bangladesh strike violence")
    assert [e["fatalities"] for e in got] == [1]


def test_the_country_across_a_border_is_not_the_article_s_country():
    got = events("Seven soldiers and six assailants were killed on Tuesday in an attack on a security post close to "
                 "the border with Afghanistan, the military said.\n\nThe attackers struck the post near Mir Ali in "
                 "the early hours of Tuesday, and a captain died in the exchange of fire.",
                 title="Pakistani soldiers killed near Afghan border")
    assert [(e["iso3"], e["location"], e["fatalities"]) for e in got] == [("PAK", "Mir Ali", 13)]


def test_grenades_carried_are_no_grenade_attack_and_another_incident_is_not_the_lead():
    got = events("Militants armed with rifles and grenades attacked a police post in northwest Pakistan, killing 10 "
                 "officers, police said on Tuesday.\n\nAlso on Tuesday, militants opened fire at a mosque in the city "
                 "of Lakki Marwat and killed a soldier.", title="Attacks in Pakistan")
    assert "Grenade" not in {e["sub_event_type"] for e in got}
    assert [e["fatalities"] for e in got if e["location"] == "Lakki Marwat"] == [1]


def test_a_time_aside_after_this_week_s_day_does_not_make_the_sentence_background():
    got = events("Police fired tear gas on Tuesday to disperse activists in Kathmandu who protested the king's seizure "
                 "of power last year.", title="Nepal protest")
    assert [(e["event_type"], e["event_date"]) for e in got] == [("Protests", "2023-09-19")]


def test_arrests_meant_to_prevent_protests_are_arrests():
    got = events("On Monday, more than 200 activists were detained in Kathmandu in an attempt to thwart protests "
                 "against the king.", title="Nepal arrests")
    assert [e["sub_event_type"] for e in got] == ["Arrests"]


def test_niger_state_is_in_nigeria():
    got = events("Gunmen invaded Batagari village in Rafi district on Sunday evening, killing one person and kidnapping "
                 "fifteen others, the Niger State police command said.", title="Bandits raid village in Niger")
    assert {e["iso3"] for e in got} == {"NGA"}


def test_a_village_named_before_its_kind_after_the_act_that_struck_it():
    got = events("On Monday the bandits stormed Birnin Zarma village in Zamfara State, Nigeria, killing a man.",
                 title="Attack in northwest Nigeria")
    assert [(e["admin1"], e["location"]) for e in got] == [("Zamfara", "Birnin Zarma")]


def test_a_qualified_passive_agent_is_the_attacker_and_a_bomb_attack_is_an_explosive():
    got = events("At least six Colombian soldiers died on Monday in a bomb attack by the Marxist ELN rebels on a "
                 "road near the town of Tame in Arauca, the army said.", title="Soldiers killed in Colombia")
    assert [(e["sub_event_type"], e["actor1"], e["actor2"]) for e in got] == [
        ("Remote explosive/landmine/IED", "ELN", "Military Forces of Colombia")]


def test_state_forces_named_alone_as_the_dead_are_the_target():
    got = events("Three policemen were killed on Sunday in an ambush on their patrol in the Colombian department of "
                 "Cauca, a police statement said.", title="Police ambushed")
    assert [(e["actor1"], e["actor2"], e["fatalities"]) for e in got] == [
        ("Unidentified Armed Group (Colombia)", "Police Forces of Colombia", 3)]


def test_the_weekend_is_the_last_saturday_at_week_precision_and_its_own_incident():
    got = events("Gunmen killed eight farmers on Monday in the village of Kadisau in Zamfara state, police said.\n\n"
                 "Over the weekend, about 40 people were killed in the town of Gusau when bandits attacked a market. "
                 "Officials later put the death toll at 35.", title="Killings in Nigeria")
    by_place = {e["location"]: (e["event_date"], e["time_precision"], e["fatalities"]) for e in got}
    assert by_place["Kadisau"] == ("2023-09-18", 1, 8)
    assert by_place["Gusau"] == ("2023-09-16", 2, 35)


def test_crowds_resuming_somewhere_unnamed_beside_placed_protests_are_the_backdrop():
    got = events("Protesters burned tyres and blocked roads in the city of Basra on Tuesday, and two were shot dead "
                 "in Nasiriyah.\n\nThe demonstrations resumed over the weekend after weeks of calm.",
                 title="Iraq unrest")
    assert "2023-09-16" not in {e["event_date"] for e in got}
    assert {e["location"] for e in got} == {"Basra", "Nasiriyah"}


def test_people_who_fled_an_attack_are_no_attack_where_they_arrived():
    got = events("Gunmen killed 30 villagers in Tassamakat in northern Burkina Faso on Monday, a security source "
                 "said.\n\nAbout 2,000 people who fled the attack have reached Djibo, officials said. Armed men "
                 "killed four soldiers in the same area on Tuesday.", title="Attack in Burkina Faso")
    assert "Djibo" not in {e["location"] for e in got}


def test_the_attack_told_again_in_a_neighbouring_town_is_one_event_placed_there():
    got = events("Gangs attacked the Haitian capital Port-au-Prince early on Tuesday, and at least 15 gang members "
                 "were killed, police said.\n\nThe attack began when three trucks of armed men entered "
                 "Petionville.", title="Gangs attack Haiti's capital")
    assert [(e["location"], e["fatalities"]) for e in got] == [("Petionville", 15)]


def test_a_spokesman_in_that_province_is_the_source_not_the_attacker():
    got = events("Eight people were also killed in an attack on the village of Kalunguta in North Kivu on Saturday, "
                 "said the army's spokesman in that province.", title="Attack in Congo")
    assert [e["actor1"] for e in got] != ["Military Forces of the Democratic Republic of Congo"]
    assert [e["fatalities"] for e in got] == [8]


def test_killed_and_kidnapped_with_the_dead_counted_later_is_an_attack():
    got = events("Armed men killed at least nine people and kidnapped others in eastern Congo on Sunday night, the "
                 "latest in a string of attacks blamed on rebels.\n\nThe attackers raided the town of Oicha, killing "
                 "and kidnapping residents and burning homes, officials said.", title="Raid in Congo")
    assert [(e["sub_event_type"], e["location"]) for e in got] == [("Attack", "Oicha")]


def test_a_lead_toll_in_the_tens_is_the_incident_not_a_running_total():
    got = events("At least 14 civilians have been killed by militiamen in a village in eastern Congo, a monitoring "
                 "group said.\n\nMen armed with machetes attacked the village of Kalunguta in North Kivu province "
                 "early on Monday.", title="Massacre in Congo")
    assert [(e["location"], e["fatalities"], e["actor1"]) for e in got] == [
        ("Kalunguta", 14, "Unidentified Armed Group (Democratic Republic of Congo)")]


def test_a_protest_against_an_attack_is_its_own_event_and_force_against_it_is_excessive():
    got = events("Gunmen killed 11 villagers in the village of Kalunguta in North Kivu on Monday, officials said.\n\n"
                 "Residents gathered to protest the attack. One young man was killed when police opened fire to "
                 "disperse the crowd, an administrator said.", title="Killings in Congo")
    kinds = sorted((e["sub_event_type"], e["fatalities"], e["actor2"]) for e in got)
    assert kinds == [("Attack", 11, "Civilians (Democratic Republic of Congo)"),
                     ("Excessive force against protesters", 1, "Police Forces of the Democratic Republic of Congo")]


def test_captives_marched_at_gunpoint_are_no_march_and_a_raid_on_a_base_establishes_none():
    got = events("Gunmen seized four women in the village of Kochang on Tuesday and marched them at gunpoint into a "
                 "forest, police said.", title="Women abducted")
    assert "Protests" not in {e["event_type"] for e in got}
    got = events("A pre-dawn raid by al-Shabaab on a military base near the town of Marka has left at least 18 people "
                 "dead, officials said on Sunday.", title="Base attacked")
    assert [(e["actor1"], e["fatalities"]) for e in got] == [("Al Shabaab", 18)]
    assert "Strategic developments" not in {e["event_type"] for e in got}


def test_each_side_s_dead_after_an_all_sides_toll_are_among_them_and_make_the_soldiers_the_target():
    got = events("An overnight raid by al-Shabaab on an army base near the town of Marka has left at least 21 people "
                 "dead, officials said on Sunday.\n\n\"We lost eight soldiers in this attack. Our troops also killed "
                 "13 militants,\" an army officer said. The group said it had killed more than 30 soldiers.",
                 title="Base raided in Somalia")
    assert [(e["sub_event_type"], e["actor2"], e["fatalities"]) for e in got] == [
        ("Armed clash", "Military Forces of Somalia", 21)]


def test_a_jet_dropping_bombs_on_a_village_is_an_air_strike_placed_there_with_its_region():
    got = events("A military air strike on a village killed eight civilians, residents said on Wednesday.\n\n"
                 "A military jet dropped two bombs on Thit Seint village in the Sagaing region on Tuesday afternoon, "
                 "according to Ko Aung, a resistance fighter from the village.", title="Air strike in Myanmar")
    assert [(e["sub_event_type"], e["location"], e["admin1"], e["event_date"], e["actor2"]) for e in got] == [
        ("Air/drone strike", "Thit Seint", "Sagaing", "2023-09-19", "Civilians (Myanmar)")]


def test_members_of_a_group_who_report_a_toll_are_not_among_the_dead():
    got = events("Air strikes on a village in Chin state on Tuesday killed at least six civilians, according to members "
                 "of a rebel group and local media.", title="Strikes in Myanmar")
    assert [e["fatalities"] for e in got] == [6]


def test_a_bare_town_and_a_spaced_dash_open_a_dateline_not_the_incident_s_place():
    got = events("Maputo - Insurgents killed and beheaded four fishermen on Tuesday near the village of Mucojo in "
                 "Macomia district, in the northern province of Cabo Delgado.", title="Fishermen beheaded")
    assert "Maputo" not in {e["location"] for e in got}
    assert {e["admin1"] for e in got} == {"Cabo Delgado"}


def test_a_town_and_a_colon_open_a_dateline():
    got = events("Khartoum: At least 20 people were killed in an attack by the Rapid Support Forces in the city of El "
                 "Fasher, volunteer groups said.", title="Attack in Darfur")
    assert [e["location"] for e in got] == ["El Fasher"]


def test_an_unnamed_village_earlier_this_month_is_neither_the_last_place_nor_the_lead():
    got = events("At least 20 people were killed in an attack by the Rapid Support Forces in the city of El Fasher, "
                 "volunteer groups said.\n\nEarlier this month, the groups reported that at least 12 people were killed "
                 "in an attack carried out by the RSF on a village.", title="Attacks in Darfur")
    by_toll = {e["fatalities"]: e for e in got}
    assert sorted(by_toll) == [12, 20]
    assert by_toll[20]["location"] == "El Fasher"
    assert by_toll[12]["location"] != "El Fasher"


def test_twitter_is_no_place_and_a_reference_town_does_not_place_the_incident():
    got = events("Suspected jihadists killed at least nine soldiers in an attack on Sunday in central Mali, a security "
                 "source said.\n\nThe armed forces confirmed the attack on Twitter. They said reinforcements were being "
                 "sent to the area, about 300 kilometres north of the capital Bamako.", title="Soldiers killed in Mali")
    assert [(e["location"], e["actor1"], e["actor2"]) for e in got] == [
        ("Mali", "Unidentified Armed Group (Mali)", "Military Forces of Mali")]


def test_peacekeepers_killed_by_a_mine_are_the_target_somewhere_not_the_last_month_s_place():
    got = events("Jihadists killed 21 soldiers last month in a raid on an army camp in Dioura, central Mali.\n\n"
                 "On Monday a UN peacekeeper was killed when a mine exploded as his convoy passed through a central "
                 "region.", title="Peacekeeper killed in Mali")
    assert [(e["actor2"], e["fatalities"]) for e in got] == [
        ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", 1)]
    assert got[0]["location"] != "Dioura"


def test_the_group_behind_an_attack_is_a_claim_and_one_among_those_killed_is_a_subset():
    got = events("Gunmen killed at least 14 people in an attack on Tuesday, including the mayor of the town, "
                 "prosecutors said. The attack took place in San Miguel Totolapan in the state of Guerrero.\n\n"
                 "The mayor was one among those killed, and there have been 14 confirmed fatalities so far. A gang "
                 "linked to the cartel known as Jalisco Nueva Generacion was the mastermind behind the attack.",
                 title="Mayor among 14 killed in Mexico")
    assert [(e["location"], e["fatalities"]) for e in got] == [("San Miguel Totolapan", 14)]
    assert got[0]["actor1"] is not None


def test_another_incident_told_without_a_place_stays_its_own_event_in_the_region():
    got = events("Militants attacked a police post in the city of Bannu in northwest Pakistan on Tuesday, killing six "
                 "officers, police said.\n\nAlso on Tuesday, suspected militants ambushed a police vehicle, killing two "
                 "policemen, officials said.", title="Attacks in Pakistan")
    assert sorted((e["location"], e["fatalities"]) for e in got) == [("Bannu", 6), ("Khyber Pakhtunkhwa", 2)]


def test_a_follow_up_placing_an_overnight_attack_on_the_eve_places_it():
    got = events("At least six soldiers were killed in an overnight attack in central Mali, the army said on "
                 "Wednesday.\n\nThe troops came under fire late Tuesday from armed men in Dioungani, an area of the "
                 "Mopti region, the army said.", title="Soldiers killed in Mali")
    assert [(e["location"], e["admin1"], e["fatalities"]) for e in got] == [("Dioungani", "Mopti", 6)]


def test_the_province_of_a_name_is_the_province_and_its_neighbourhood_told_after_is_the_place():
    got = events("At least nine civilians were killed when two ballistic missiles fired by the Houthis struck a "
                 "school in the central province of Marib, officials said on Tuesday.\n\nThe missiles hit the "
                 "school in the residential neighbourhood of al-Aumd late Monday, they said.", title="Missiles hit Marib")
    assert [(e["location"], e["admin1"], e["fatalities"], e["event_date"]) for e in got] == [
        ("al-Aumd", "Marib", 9, "2023-09-18")]


def test_people_shot_dead_in_a_province_are_not_the_shelling_told_there_after():
    got = events("Regime forces shot four people dead in the central province of Hama on Tuesday, activists said.\n\n"
                 "Activists in Hama said the army had also shelled the suburb of Halfaya.", title="Violence in Syria")
    assert sorted(e["sub_event_type"] for e in got) == ["Attack", "Shelling/artillery/missile attack"]


def test_a_quote_with_its_own_day_and_village_adds_no_dead_to_the_last_incident_told():
    got = events("Paramilitary fighters attacked a village in Gezira State on Tuesday, killing at least 40 people, "
                 "activists said. The UN is concerned by fighting in recent days between the army and the "
                 "paramilitaries in the town of El-Fasher.\n\n\"Wad Alnoura village witnessed a massacre on Tuesday, "
                 "with up to 40 people killed,\" a local committee said.", title="Village attacked in Sudan")
    assert [e["fatalities"] for e in got if e["location"] == "El-Fasher"] in ([], [0])


def test_a_protest_broken_up_with_people_shot_dead_is_excessive_force():
    got = events("Police in Nairobi fired tear gas and water cannon at crowds protesting proposed tax rises on Tuesday, "
                 "and rights groups said four people were shot dead.", title="Kenya protests")
    assert [(e["sub_event_type"], e["fatalities"]) for e in got] == [("Excessive force against protesters", 4)]


def test_a_fresh_attack_on_three_villages_sums_up_and_names_the_perpetrator_of_each():
    got = events("Boko Haram jihadists in a fresh attack on three villages in Borno State have killed nine civilians.\n\n"
                 "The insurgents raided the village of Kurmari, 40 kilometres from Maiduguri, late Sunday, killing four "
                 "residents as they slept.", title="Boko Haram kills nine in Borno")
    assert [(e["location"], e["fatalities"], e["actor1"]) for e in got] == [
        ("Kurmari", 4, "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad")]


def test_forces_reporting_deaths_are_not_the_dead_and_a_new_act_beside_people_fleeing_is_kept():
    got = events("Police said two suspects were killed in a shootout in the town of Oicha on Monday.",
                 title="Shootout in Congo")
    assert "Unidentified Armed Group (Democratic Republic of Congo)" not in {e["actor1"] for e in got}
    got = events("Thousands of civilians fled the fighting on Tuesday as government warplanes bombed the town of "
                 "Maaloula in Syria.", title="Air strikes in Syria")
    assert [e["sub_event_type"] for e in got] == ["Air/drone strike"]


def test_arresting_a_mastermind_is_an_arrest_and_planes_dropping_leaflets_strike_nothing():
    got = events("Police on Monday arrested the suspected mastermind of a market bombing in the city of Kano.",
                 title="Arrest in Nigeria")
    assert [e["sub_event_type"] for e in got] == ["Arrests"]
    got = events("Military planes dropped leaflets over the town of Khan Younis on Monday urging residents to leave.",
                 title="Leaflets over Gaza")
    assert got == []


def test_dead_told_as_also_killed_after_a_people_toll_add_up_and_a_follow_up_place_is_the_protest_s_own():
    got = events("Ten people were killed when gunmen attacked a market in the city of Kano on Monday. Two soldiers "
                 "were also killed.", title="Market attack")
    assert [e["fatalities"] for e in got] == [12]
    got = events("Protesters marched against fuel prices last week.\n\nThe march took place in Ikeja.\n\nGunmen killed "
                 "three people in Ibadan on Monday.", title="Nigeria")
    assert {e["location"] for e in got} == {"Ikeja", "Ibadan"}
