"""Place recognition: spans, airspaces, demonyms, datelines; ships, people and metonyms are not places."""

from __future__ import annotations

import pytest

from extract.places import recognise


def names(text: str, gazetteer) -> list[tuple[str, str, str]]:
    return [(p.text, p.name, p.kind) for p in recognise(text, gazetteer)]


def test_countries_seas_and_cities(gazetteer):
    found = names("Missiles flew from the Caspian Sea over Iran to Raqqa in Syria.", gazetteer)
    assert found == [("Caspian Sea", "Caspian Sea", "sea"), ("Iran", "Iran", "country"),
                     ("Raqqa", "Ar Raqqah", "city"), ("Syria", "Syria", "country")]


@pytest.mark.parametrize("text, span", [
    ("Jets crossed Iraq airspace at dawn.", "Iraq airspace"),
    ("Russian jets violated Turkish airspace.", "Turkish airspace"),
    ("They entered Iran's airspace.", "Iran's airspace"),
])
def test_airspaces(gazetteer, text, span):
    [place] = recognise(text, gazetteer)
    assert (place.text, place.kind) == (span, "airspace")
    assert place.place_id.startswith("airspace:")


def test_demonym_before_a_place_noun_is_a_place(gazetteer):
    [place] = recognise("Two F-16s took off from a Turkish airfield.", gazetteer)
    assert (place.text, place.name, place.kind) == ("Turkish airfield", "Turkey", "country")


def test_demonym_before_a_person_is_not(gazetteer):
    assert names("Syrian President Bashar al-Assad spoke.", gazetteer) == []


def test_upper_case_dateline(gazetteer):
    found = names("MOSCOW, Russian Federation. Officials said little.", gazetteer)
    assert found[:2] == [("MOSCOW", "Moscow", "city"), ("Russian Federation", "Russia", "country")]
    assert 55 < recognise("MOSCOW, Russia.", gazetteer)[0].lat < 56


@pytest.mark.parametrize("text", [
    "No matter how distasteful it is for our colleagues in the Pentagon and Langley, it hit.",
    "The Pentagon said the planes were diverted.",
    "A statement from the Kremlin and the White House followed.",
])
def test_metonyms_are_not_places(gazetteer, text):
    assert names(text, gazetteer) == []


def test_ship_names_are_not_places(gazetteer):
    text = ("The group, consisting of the Dagestan missile ship, the small missile ships, Grad Sviyazhsk, "
            "Uglich and Veliky Ustyug, fired from the Caspian Sea.")
    assert [p.text for p in recognise(text, gazetteer)] == ["Caspian Sea"]


def test_people_are_not_places(gazetteer):
    text = "Navy Captain Jeff Davis spoke. Davis said President Barack Obama agreed. Obama left."
    assert names(text, gazetteer) == []


def test_sentence_initial_common_words_are_not_places(gazetteer):
    assert names("One official said more. No decision was made. Police left.", gazetteer) == []


def test_area_prefix_is_part_of_the_span(gazetteer):
    [place] = recognise("Fighting spread in northern Iraq.", gazetteer)
    assert (place.text, place.name) == ("northern Iraq", "Iraq")


def test_longest_name_before_a_following_word(gazetteer):
    [place] = recognise("They met in New York on September 28.", gazetteer)
    assert (place.text, place.kind) == ("New York", "city")
    assert abs(place.lat - 40.71) < 0.3


def test_spans_are_offsets_into_the_file(gazetteer):
    text = "Strikes hit Damascus."
    [place] = recognise(text, gazetteer, offset=50)
    assert text[place.start - 50:place.end - 50] == "Damascus"


def test_online_fallback_is_asked_only_about_unknown_names_after_a_preposition(gazetteer):
    from gazetteer import Place

    asked = []

    def fake(name):
        asked.append(name)
        return Place("online:test:x", name, "city", 46.6, 32.6, "UA") if name == "Velykozirka" else None

    found = recognise("Shelling hit Velykozirka. Strikes in Velykozirka and in Kherson. Ivan Petrenko said.",
                      gazetteer, fallback=fake)
    assert [(p.text, p.rule) for p in found if p.rule == "online"] == [("Velykozirka", "online")]
    assert asked == ["Velykozirka"]
    assert all(p.confidence < 1 for p in found if p.rule == "online")


def test_no_fallback_means_no_online_lookup(gazetteer):
    assert recognise("Strikes in Velykozirka.", gazetteer) == []


def test_months_and_weekdays_are_not_towns(gazetteer):
    assert names("The incident happened on March 14, 2023, near Sevastopol.", gazetteer) == [
        ("Sevastopol", "Sevastopol", "city")]


def test_off_the_coast_of_is_part_of_the_span(gazetteer):
    [place] = recognise("The frigate sailed off the coast of Syria for a week.", gazetteer)
    assert (place.text, place.name) == ("off the coast of Syria", "Syria")


def test_town_state_pairs_resolve_inside_the_state(gazetteer):
    paris, texas = recognise("The fair opened in Paris, Texas, on Friday.", gazetteer)
    assert (paris.text, paris.country_code, texas.name) == ("Paris", "US", "Texas")
    assert abs(paris.lat - 33.66) < 0.2 and abs(paris.lon + 95.55) < 0.2
    springfield, illinois = recognise("Lawmakers met in Springfield, Illinois.", gazetteer)
    assert abs(springfield.lat - 39.8) < 0.2 and illinois.kind == "region"


def test_dotted_state_abbreviations_after_a_town(gazetteer):
    found = recognise("A slide closed the road near Charleston, W.Va., on Monday.", gazetteer)
    assert [(p.text, p.name) for p in found] == [("Charleston", "Charleston"), ("W.Va.", "West Virginia")]
    assert abs(found[0].lat - 38.35) < 0.2  # the West Virginian Charleston, not South Carolina's


def test_the_article_focus_picks_the_namesake(gazetteer):
    text = "Deputies in Hall County searched the lake. Gainesville police joined them from across Georgia."
    found = {p.text: p for p in recognise(text, gazetteer)}
    assert found["Gainesville"].country_code == "US" and abs(found["Gainesville"].lat - 34.3) < 0.3
    assert found["Georgia"].kind == "region"


def test_province_and_county_nouns_take_the_division(gazetteer):
    [anbar] = recognise("Militants held towns in Anbar province.", gazetteer)
    assert (anbar.text, anbar.kind, anbar.country_code) == ("Anbar province", "region", "IQ")
    [county] = recognise("The burn ban issued for Walker County on Jan. 18 was lifted.", gazetteer)
    assert (county.text, county.kind, county.country_code) == ("Walker County", "region", "US")


def test_sentence_initial_rare_place_words_are_not_places(gazetteer):
    assert names("Of the nine officials, two resigned. Same as before. Police said so.", gazetteer) == []


def test_a_person_named_like_a_town_is_not_a_place(gazetteer):
    text = "Washington said the plan would work. Coach Tyler Marshall agreed, and Marshall left early."
    assert names(text, gazetteer) == []


def test_organisation_names_keep_the_place_they_name(gazetteer):
    found = names("He studied at Texas Southern University before moving to Houston.", gazetteer)
    assert [f[0] for f in found] == ["Texas", "Houston"]


def test_demonyms_alone_are_adjectival_mentions(gazetteer):
    found = recognise("The talks included Russian and Georgian diplomats.", gazetteer)
    assert [(p.text, p.name, p.rule) for p in found] == [
        ("Russian", "Russia", "adjective"), ("Georgian", "Georgia", "adjective")]


def test_rivers_mountains_and_continents(gazetteer):
    found = names("Refugees crossed the Euphrates into the Zagros Mountains, far from Europe.", gazetteer)
    assert [(f[0], f[2]) for f in found] == [("Euphrates", "river"), ("Zagros Mountains", "mountain"),
                                            ("Europe", "region")]


def test_uncertain_readings_have_lower_confidence(gazetteer):
    [alone] = recognise("They drove to Springfield.", gazetteer)
    [contained] = recognise("They drove to Springfield, Illinois.", gazetteer)[:1]
    assert alone.confidence < contained.confidence
    assert contained.geonameid is not None


def test_runs_are_cut_where_capitalised_words_end(gazetteer):
    found = names("Aid reached the Gulf of Aden, then 'Sanaa' and x-Damascus; J. Smith flew to St. Louis.", gazetteer)
    assert [text for text, _, _ in found] == ["Gulf of Aden", "Sanaa", "St. Louis"]


def test_a_container_is_the_containing_place_there(gazetteer):
    [town, state] = recognise("A girl from Buffalo, New York, fell ill.", gazetteer)
    assert (town.name, state.name, state.kind) == ("Buffalo", "New York", "region")


def test_a_country_named_by_its_own_name_is_the_country(gazetteer):
    found = names("Officials in Mexico City said 20 people in Mexico have died.", gazetteer)
    assert found == [("Mexico City", "Mexico City", "city"), ("Mexico", "Mexico", "country")]


def test_of_the_joins_a_name(gazetteer):
    [place] = recognise("Cases rose in the Democratic Republic of the Congo.", gazetteer)
    assert (place.text, place.country_code) == ("Democratic Republic of the Congo", "CD")


@pytest.mark.parametrize("text, span", [
    ("The DeKalb City Council met on Monday.", "DeKalb"),
    ("A spokesman for the Georgia Public Service Commission spoke.", "Georgia"),
    ("The 2009 Walker County Fair opens on Friday.", "Walker County"),
])
def test_a_place_before_a_civic_word_is_the_place(gazetteer, text, span):
    assert [p.text for p in recognise(text, gazetteer)] == [span]


def test_saint_is_no_title_before_a_place(gazetteer):
    assert [p.text for p in recognise("She moved to St. Petersburg last year.", gazetteer)] == ["St. Petersburg"]


def test_a_surname_that_is_also_a_state_counts(gazetteer):
    found = names("Egypt cooperated closely with Washington at times.", gazetteer)
    assert [text for text, _, _ in found] == ["Egypt", "Washington"]


def test_a_name_is_no_evidence_of_its_own_country(gazetteer):
    """Repeating a name does not make its first reading's country the article's focus for that name."""
    from extract.place_resolution import _Context

    paris, texas = gazetteer.lookup("Paris")[0], gazetteer.lookup("Texas")[0]
    context = _Context.of([paris, paris, paris, texas], ["paris", "paris", "paris", "texas"], {})
    assert context.country_share("FR", "paris") == 0.0 and context.country_share("US", "paris") == 1.0
    assert context.country_share("FR", "texas") == 1.0


def test_weapon_model_names_are_not_towns(gazetteer):
    from extract.places import recognise

    found = recognise("Russia fired two Iskander missiles and Tomahawk cruise missiles at Kyiv.", gazetteer)
    assert [p.text for p in found] == ["Russia", "Kyiv"]


def test_coordinated_demonyms_share_airspace(gazetteer):
    from extract.places import recognise

    found = recognise("The drones crossed Iraqi and Jordanian airspace.", gazetteer)
    assert [(p.text, p.kind, p.name) for p in found] == [
        ("Iraqi", "airspace", "Iraq"), ("Jordanian airspace", "airspace", "Jordan")]


def test_names_inside_institutions_and_wars(gazetteer):
    from extract.places import recognise

    def texts(sentence):
        return [p.text for p in recognise(sentence, gazetteer)]

    assert "Superior" not in texts("He appeared in Clarke County Superior Court on Tuesday.")
    assert "Commerce" not in texts("She spoke to the Arlington Chamber of Commerce.")
    assert texts("He is a veteran of the Gulf War.") == []
    assert "Valley" not in texts("The mounds still stand in the Kanawha Valley.")
    assert [p.name for p in recognise("Schools in Northeast Georgia reopened.", gazetteer)] == ["Georgia"]


def test_a_possessive_is_the_same_name_and_no_evidence_for_itself(gazetteer):
    text = ("Gainesville's mayor and Gainesville's council met Gainesville's schools. "
            "The fair in Gainesville drew people from Sherman.")
    found = [p for p in recognise(text, gazetteer) if p.text.startswith("Gainesville")]
    assert {(p.country_code, round(p.lat)) for p in found} == {("US", 34)}  # Texas, beside Sherman


def test_names_listed_together_are_of_one_kind(gazetteer):
    found = recognise("Cases were reported in Missouri, Texas, Iowa, Nevada and Oregon.", gazetteer)
    assert {(p.kind, p.country_code) for p in found} == {("region", "US")}  # the states, not towns named after them
    found = recognise("Aid went to Kenya, Uganda and Georgia.", gazetteer)
    assert [p.kind for p in found] == ["country"] * 3


def test_a_state_among_many_named_is_no_focus_for_its_small_towns(gazetteer):
    text = "Voters in Texas, Ohio, Florida, Iowa and Missouri went to the polls. Turnout in Mexico was low."
    assert recognise(text, gazetteer)[-1].kind == "country"  # not Mexico, Missouri (pop. 11,000)
    text = "Storms hit Texas, Ohio, Kansas, Iowa and Missouri. The worst damage was in Nevada."
    assert recognise(text, gazetteer)[-1].kind == "region"


def test_a_state_name_is_the_state_not_a_small_town_named_after_it(gazetteer):
    # Oregon, Ohio (20,000 people) lies in the other state the article names: no evidence for it.
    assert [p.place_id for p in recognise("Farmers in Ohio sold corn to buyers in Oregon.", gazetteer)] == [
        "a1:US.OH", "a1:US.OR"]
    text = "Hospitals in Toronto and across Ontario were told to prepare."
    assert recognise(text, gazetteer)[1].place_id == "a1:CA.08"
    # A city of its own standing keeps its name: New York City, Washington, D.C.
    text = "Flights between New York and Washington were cancelled."
    assert [p.kind for p in recognise(text, gazetteer)] == ["city", "city"]


def test_city_before_an_institution_word_belongs_to_the_institution(gazetteer):
    assert [p.text for p in recognise("The Dublin City Council met on Monday.", gazetteer)] == ["Dublin"]
    assert [p.text for p in recognise("The Kansas City Council met on Monday.", gazetteer)] == ["Kansas City"]


def test_a_noun_of_before_a_name_says_which_reading(gazetteer):
    found = recognise("Officials met in Washington; a case was found in the state of Washington.", gazetteer)
    assert [(p.name, p.kind) for p in found] == [("Washington", "city"), ("Washington", "region")]
    [place] = recognise("Rain fell on the town of Victoria overnight.", gazetteer)
    assert place.kind == "city"


def test_a_short_form_of_saint_is_the_place_own_name(gazetteer):
    found = recognise("A U.S. airline based in New York will fly to Moscow and St. Petersburg in Russia.", gazetteer)
    assert {p.text: p.country_code for p in found}["St. Petersburg"] == "RU"


def test_a_bare_name_means_the_county_the_article_names_in_full(gazetteer):
    found = recognise("Commissioners of DeKalb County met near Atlanta. Voters in DeKalb backed the budget.", gazetteer)
    assert [(p.text, p.name, p.country_code) for p in found][-1] == ("DeKalb", "DeKalb County", "US")
    assert {p.place_id for p in found if "DeKalb" in p.text} == {"a2:US.GA.dekalb-county"}


def test_a_demonym_opening_a_name_is_an_adjectival_mention(gazetteer):
    found = recognise("He worked for American Electric Power and the Sri Lankan army.", gazetteer)
    assert [(p.text, p.name, p.rule) for p in found] == [("American", "United States", "adjective"),
                                                         ("Sri Lankan", "Sri Lanka", "adjective")]


@pytest.mark.parametrize("text", [
    "Critics of the Obama administration spoke.",
    "A 1992 Toyota hit a parked van.",
    "The Spring Festival opened at the Metro Police headquarters on Christmas Eve.",
])
def test_presidents_cars_seasons_and_holidays_are_not_places(gazetteer, text):
    assert names(text, gazetteer) == []


def test_a_country_name_before_woman_or_school_district_is_a_town(gazetteer):
    [place] = recognise("Police arrested a Lebanon woman on Friday.", gazetteer)
    assert (place.kind, place.country_code) == ("city", "US")
    [place] = recognise("Police arrested a U.S. man on Friday.", gazetteer)
    assert place.kind == "country"


def test_a_compass_word_makes_a_local_name_placed_at_the_article_anchor(gazetteer):
    text = "A slide closed the road in East Bank. Kanawha County crews and Charleston, W.Va., police responded."
    found = recognise(text, gazetteer)
    east_bank = found[0]
    assert (east_bank.text, east_bank.rule) == ("East Bank", "nearby")
    assert abs(east_bank.lat - 38.3) < 0.5 and abs(east_bank.lon + 81.6) < 0.5  # not Bank, India


def test_a_name_inside_a_park_or_township_is_placed_at_the_article_anchor(gazetteer):
    text = "Rain flooded a road in Hopkins Park on Monday. DeKalb County crews and Sycamore police helped."
    hopkins = recognise(text, gazetteer)[0]
    assert (hopkins.text, hopkins.rule, hopkins.country_code) == ("Hopkins", "nearby", "US")
    assert abs(hopkins.lat - 41.9) < 0.5 and abs(hopkins.lon + 88.75) < 0.5  # in DeKalb County, Illinois


def test_reversed_window_expressions_match_as_the_plain_ones_would():
    """The window before a name is matched reversed, for speed: the answers must be the plain expressions'."""
    import random
    import re

    from extract.places import (
        _LOCATIVE_BEFORE,
        _LOCATIVE_BEFORE_REVERSED,
        _ORG_OF_BEFORE_REVERSED,
        _VEHICLE_BEFORE_REVERSED,
        _ends_with,
    )

    vehicle = re.compile(r"\b(?:a|an|the|his|her|their)\s+(?:19|20)\d\d\s+$", re.IGNORECASE)
    office = re.compile(r"\b(?:Chamber|Department|Dept\.|Ministry|Secretary|Bureau|Board|Office|Institute|"
                        r"Association|Society|Council|Commission|Committee|School|College)\s+of\s+(?:the\s+)?$")
    words = ["a", "An", "the", "THE", "their", "1992", "2015", "1899", "١٩٩٢", "Dept.", "Department", "department",
             "of", "in", "In", "ın", "İn", "acroſs", "into", "within", "xin", "_in", "downtown", "nearby", "visiting",
             "Chamber", "Syria", ",", "(", "-"]
    gaps = [" ", "  ", "\n", "\t", "", "\u00a0"]
    rnd = random.Random(7)
    for _ in range(20_000):
        window = "".join(rnd.choice(words) + rnd.choice(gaps) for _ in range(rnd.randint(1, 6)))[-30:]
        for plain, reversed_ in ((vehicle, _VEHICLE_BEFORE_REVERSED), (office, _ORG_OF_BEFORE_REVERSED),
                                 (_LOCATIVE_BEFORE, _LOCATIVE_BEFORE_REVERSED)):
            assert bool(plain.search(window)) == _ends_with(window, reversed_), (window, plain.pattern)
