"""Event mentions from short sentences written for each rule."""

from __future__ import annotations

from datetime import date

from extract.articles import load_text
from extract.pipeline import extract_article

FRONT = "---\nsource: Wire\npublished: 2015-10-08\n---\n"


def mentions(body: str, gazetteer, published: str | None = "2015-10-08"):
    front = f"---\nsource: Wire\npublished: {published}\n---\n" if published else "---\nsource: Wire\n---\n"
    return extract_article(load_text(front + body, name="t.md"), gazetteer).events


def roles(mention) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in mention.places:
        out.setdefault(r.role, []).append(r.place.name)
    return out


def test_launch_with_origin_destination_and_date(gazetteer):
    [launch] = mentions("On Wednesday, the Russian Navy launched 26 cruise missiles into Syria from the Caspian Sea.",
                        gazetteer)
    assert launch.type == "launch"
    assert roles(launch) == {"destination": ["Syria"], "origin": ["Caspian Sea"]}
    assert (launch.date_start, launch.date_precision) == (date(2015, 10, 7), "day")
    assert launch.actors == ("Russian Navy",)
    assert launch.quantity == "26 cruise missiles"
    assert launch.stance == "asserted" and launch.claimant == "Wire"


def test_route_through_their_airspace(gazetteer):
    [launch] = mentions("Russia needed approval from Iran and Iraq to launch the attack, "
                        "since the missiles travelled through their airspace.", gazetteer)
    assert roles(launch) == {"via": ["Iran", "Iraq"]}


def test_inner_preposition_defers_to_the_outer_one(gazetteer):
    [crash] = mentions("Four missiles from a Russian ship in the Caspian Sea crashed into Iran instead of Syria.",
                       gazetteer)
    assert crash.type == "crash"
    assert roles(crash) == {"origin": ["Caspian Sea"], "location": ["Iran"]}


def test_negation_and_hedging_are_attributes(gazetteer):
    [landed] = mentions("The missiles did not land in Iran.", gazetteer)
    assert landed.type == "crash" and landed.negated
    [crash] = mentions("Two missiles may have crashed in Iran.", gazetteer)
    assert crash.hedged and not crash.negated


def test_undated_event_is_placed_at_the_report_date(gazetteer):
    [meeting] = mentions("Officials met in Brussels.", gazetteer)
    assert (meeting.date_end, meeting.date_precision) == (date(2015, 10, 8), "reported")
    assert "undated" in meeting.date_rule


def test_undated_event_without_publication_date_is_unknown(gazetteer):
    [meeting] = mentions("Officials met in Brussels.", gazetteer, published=None)
    assert meeting.date_precision == "unknown" and meeting.date_end is None


def test_the_date_goes_to_the_nearest_verb(gazetteer):
    [landed] = mentions("On Thursday, two U.S. officials told CNN that four rockets landed in Iran.", gazetteer)
    assert landed.type == "crash"
    assert landed.date_precision == "reported" and landed.date_end == date(2015, 10, 8)
    assert landed.stance == "reported" and landed.claimant == "two U.S. officials"


def test_denial_disputes_the_claim_of_its_complement(gazetteer):
    denial, crash = mentions("The ministry denied CNN reports that four missiles crashed in Iran.", gazetteer)
    assert denial.type == "denial" and crash.type == "crash"
    assert denial.denies == 1
    assert crash.stance == "disputed" and crash.claimant == "CNN"


def test_claims_in_a_quote_belong_to_the_speaker(gazetteer):
    [strike] = mentions("“Our missiles hit their targets in Syria,” Konashenkov said.", gazetteer)
    assert strike.type == "strike" and strike.claimant == "Konashenkov"
    assert roles(strike) == {"destination": ["Syria"]}


def test_pronoun_speaker_is_the_last_speaker_named(gazetteer):
    events = mentions("Defense Secretary Ashton Carter lashed out at Russia. He warned of casualties.", gazetteer)
    warning = [e for e in events if e.trigger.text == "warned"][0]
    assert warning.claimant == "Ashton Carter"


def test_meeting_actors_lose_their_titles(gazetteer):
    [meeting] = mentions("President Barack Obama and Russian President Vladimir Putin met in New York.", gazetteer)
    assert meeting.actors == ("Barack Obama", "Vladimir Putin")
    assert roles(meeting) == {"location": ["New York City"]}


def test_statement_location_from_the_dateline(gazetteer):
    [denial] = mentions("MOSCOW, Russia. A senior Russian official rejected the allegations.", gazetteer)
    assert denial.type == "denial" and roles(denial) == {"location": ["Moscow"]}


def test_modifier_countries_are_no_event_places(gazetteer):
    [denial] = mentions("The official rejected US allegations.", gazetteer)
    assert denial.places == ()


def test_a_time_adverbial_at_the_end_dates_the_verb_before_it(gazetteer):
    [launch] = mentions("Russian forces launched 40 drones at Kyiv overnight, Ukraine's air force said.", gazetteer,
                        published="2024-06-09")
    assert (launch.date_start, launch.date_precision) == (date(2024, 6, 8), "day")
    assert [r.place.name for r in launch.places] == ["Kyiv"]


def test_denial_scope_ends_with_its_clause(gazetteer):
    events = mentions("The ministry denied targeting civilians and said its strikes hit military sites.", gazetteer)
    assert all(e.stance != "disputed" for e in events)
    assert all(e.denies is None for e in events)


def test_dateline_does_not_locate_a_foreign_speaker(gazetteer):
    [denial] = mentions("KYIV, Ukraine. Russia's Defense Ministry denied the report.", gazetteer)
    assert denial.places == () and denial.actor_countries == ("RU",)


def test_casualties_take_the_place_of_the_event_that_caused_them(gazetteer):
    *_, casualties = mentions("Debris fell on a building in Kharkiv, killing two people.", gazetteer)
    assert casualties.type == "casualties"
    assert [r.place.name for r in casualties.places] == ["Kharkiv"]


def test_channel_of_a_claim(gazetteer):
    [denial] = mentions("The ministry denied the report on its Facebook page.", gazetteer)
    assert denial.channel == "Facebook page"
    [crash] = mentions("Two U.S. officials told CNN that four missiles crashed in Iran.", gazetteer)
    assert crash.channel == "CNN" and crash.stance == "reported"
    statement, strike = mentions("The minister announced the strikes on state television.", gazetteer)
    assert (statement.type, statement.channel) == ("statement", "state television")
    [launch] = mentions("Russia launched missiles at Syria.", gazetteer)
    assert launch.channel is None


def test_triggers_in_all_inflections(gazetteer):
    def types(sentence):
        return [m.type for m in mentions(sentence, gazetteer)]

    assert types("Jets violate Turkish airspace.") == ["airspace_violation"]
    assert types("Kyiv accuses Moscow.") == ["accusation"]
    assert types("Air defences shot down a drone.") == ["interception"]
    assert types("Five soldiers died.") == ["casualties"]
    assert types("The rebels claimed responsibility.") == ["statement"]
    assert types("The two sides signed a peace deal.") == ["agreement"]
    assert types("The warship fires missiles at the coast.") == ["launch"]
    assert types("The building caught fire.") == []


def test_a_participle_of_movement_is_the_route_of_the_launch_before_it(gazetteer):
    [launch] = mentions("Warships launched missiles from the Caspian Sea at Raqqa, flying over Iran and Iraq.", gazetteer)
    assert launch.type == "launch"
    assert roles(launch) == {"origin": ["Caspian Sea"], "destination": [roles(launch)["destination"][0]],
                             "via": ["Iran", "Iraq"]}


def test_a_movement_with_its_own_clause_stays_an_event(gazetteer):
    found = mentions("Warships launched missiles at Raqqa. Jets were flying over Iraq.", gazetteer)
    assert [m.type for m in found] == ["launch", "movement"]


def test_route_check_compares_named_countries_with_the_polygons(gazetteer):
    from extract.pipeline import build_corpus

    text = "Warships launched missiles from the Caspian Sea at Raqqa, flying over Iran and Iraq."
    [launch] = build_corpus([load_text(FRONT + text, name="t.md")], gazetteer=gazetteer).events.to_dict("records")
    assert {"Iran", "Iraq", "Syria"} <= set(launch["crossed"])
    assert launch["named_not_crossed"] == []
    assert "Iran" not in launch["crossed_unnamed"] and "Iraq" not in launch["crossed_unnamed"]
    assert launch["path_km"] > 1000


def test_a_possessive_date_dates_the_noun_after_it(gazetteer):
    [strike] = mentions("Officials said the toll from Monday's missile strike had risen.", gazetteer)
    assert (strike.date_start, strike.date_precision) == (date(2015, 10, 5), "day")


def test_an_attribution_after_the_claim_makes_it_reported(gazetteer):
    launch, interception = mentions(
        "Russia launched 40 drones at Ukraine overnight, the Ukrainian air force said on Tuesday, "
        "adding that air defences shot down 30 of them.", gazetteer)
    assert (launch.stance, launch.claimant) == ("reported", "Ukrainian air force")
    assert (interception.type, interception.stance, interception.claimant) == (
        "interception", "reported", "Ukrainian air force")
    [strike] = mentions("A missile struck a school in Odesa, according to regional officials.", gazetteer)
    assert (strike.stance, strike.claimant) == ("reported", "regional officials")


def test_a_second_speech_verb_shares_the_subject_of_the_first(gazetteer):
    found = mentions("The Defence Ministry said its jets hit depots and denied targeting civilians.", gazetteer)
    denial = next(m for m in found if m.type == "denial")
    assert denial.actors == ("Defence Ministry",) and denial.claimant == "Defence Ministry"


def test_future_events_are_planned_and_meetings_name_both_sides(gazetteer):
    [meeting] = mentions("The president is due to meet NATO Secretary General Mark Rutte in Brussels on Monday.",
                         gazetteer)
    assert meeting.planned and (meeting.date_start, meeting.date_precision) == (date(2015, 10, 12), "day")
    assert "Mark Rutte" in " ".join(meeting.actors)
    [past] = mentions("The president met Mark Rutte in Brussels on Monday.", gazetteer)
    assert not past.planned


def test_the_denier_is_not_a_claimant_of_what_it_denies(gazetteer):
    found = mentions("Moscow denied that any of its drones had entered Romanian airspace.", gazetteer)
    denial = next(m for m in found if m.type == "denial")
    violation = next(m for m in found if m.type == "airspace_violation")
    assert denial.claimant == "Moscow" and violation.stance == "disputed" and violation.claimant is None


def test_a_city_standing_for_its_state_is_not_the_place_of_the_statement(gazetteer):
    found = mentions("BUCHAREST — Moscow denied the reports.", gazetteer)
    denial = next(m for m in found if m.type == "denial")
    assert denial.actor_countries == ("RU",) and denial.places == ()


def test_casualties_of_a_participle_happen_where_and_when_the_event_did(gazetteer):
    strike, casualties = mentions("A missile struck a building in Odesa on Monday, killing eight people.", gazetteer)
    assert roles(casualties) == {"location": ["Odesa"]}
    assert (casualties.date_start, casualties.date_precision) == (date(2015, 10, 5), "day")


def test_a_date_before_its_noun_dates_that_event(gazetteer):
    found = mentions("Iran said the strikes answered an April 1 attack on its consulate in Damascus.", gazetteer)
    attack = next(m for m in found if m.trigger.text == "attack")
    assert (attack.date_start, attack.date_precision) == (date(2015, 4, 1), "day")
    assert roles(attack) == {"destination": ["Damascus"]}
    answered = next(m for m in found if m.trigger.text == "strikes")
    assert answered.date_precision == "reported" and answered.date_end == date(2015, 10, 8)


def test_launching_an_attack_is_one_event(gazetteer):
    assert [m.type for m in mentions("Russia launched an attack on Kyiv.", gazetteer)] == ["launch"]


def test_idioms_that_are_no_meeting(gazetteer):
    assert [m.type for m in mentions("Any retaliation would be met with a stronger response.", gazetteer)] == []
    assert [m.type for m in mentions("Biden will convene G7 leaders on Sunday.", gazetteer)] == ["meeting"]
