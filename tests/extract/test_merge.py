"""One real event from many mentions, and only when the rules say so."""

from __future__ import annotations

from extract.articles import load_text
from extract.pipeline import build_corpus


def corpus(gazetteer, *bodies: tuple[str, str, str]):
    articles = [load_text(f"---\nsource: {source}\npublished: {published}\n---\n{body}", name=f"a{i}.md")
                for i, (source, published, body) in enumerate(bodies)]
    return build_corpus(articles, gazetteer=gazetteer).events


def test_same_launch_from_two_sources_is_one_event_with_a_reason(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2015-10-08", "On Wednesday, Russia launched missiles from the Caspian Sea into Syria."),
                    ("Press", "2015-10-09", "Russian ships launched cruise missiles at Syria from the Caspian Sea."))
    [launch] = events[events["type"] == "launch"].to_dict("records")
    assert launch["sources"] == ["Wire", "Press"]
    assert launch["date_start"] == "2015-10-07" and launch["date_precision"] == "day"
    assert "shared places: Caspian Sea, Syria" in launch["merge_reason"]


def test_conflicting_destinations_stay_apart(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2015-10-08", "On Wednesday, jets struck targets in Syria."),
                    ("Press", "2015-10-08", "On Wednesday, jets struck targets in Yemen."))
    assert len(events[events["type"] == "strike"]) == 2


def test_incompatible_dates_stay_apart(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2015-10-08", "Russia launched missiles from the Caspian Sea on October 7."),
                    ("Press", "2015-12-08", "Russia launched missiles from the Caspian Sea on December 7."))
    assert len(events[events["type"] == "launch"]) == 2


def test_statements_of_different_speakers_stay_apart(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2015-10-08", "Ashton Carter warned Russia in Brussels."),
                    ("Press", "2015-10-08", "Sergei Lavrov warned NATO in Brussels."))
    assert len(events[events["type"] == "accusation"]) == 2


def test_conflicting_quantities_are_kept_side_by_side(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2015-10-08", "On Wednesday, four ships launched 26 missiles from the Caspian Sea."),
                    ("Press", "2015-10-08", "On Wednesday, ships launched 18 missiles from the Caspian Sea."))
    [launch] = events[events["type"] == "launch"].to_dict("records")
    assert any("26 missiles" in q for q in launch["quantities"])
    assert any("18 missiles" in q for q in launch["quantities"])


def test_denial_links_both_ways(gazetteer):
    events = corpus(gazetteer, ("Wire", "2015-10-08", "The ministry denied reports that missiles crashed in Iran."))
    crash = events[events["type"] == "crash"].iloc[0]
    denial = events[events["type"] == "denial"].iloc[0]
    assert crash["disputed_by"] == [denial["id"]] and denial["denies"] == [crash["id"]]
    assert crash["stance"] == "disputed"


def test_actors_of_different_countries_are_not_one_event(gazetteer):
    events = corpus(gazetteer,
                    ("Wire", "2024-06-09", "Ukrainian drones struck a refinery in Ryazan. Russian drones struck Ryazan too."))
    assert len(events[events["type"] == "strike"]) == 2
