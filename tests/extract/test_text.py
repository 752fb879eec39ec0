from __future__ import annotations

from extract.speech import attributions, same_speaker
from extract.text import sentences


def test_sentences_keep_abbreviations_and_initials():
    text = "Two U.S. officials told CNN. Gen. Smith and George W. Bush met on Oct. 7 in Washington. It ended."
    assert [s.text for s in sentences(text)] == [
        "Two U.S. officials told CNN.", "Gen. Smith and George W. Bush met on Oct. 7 in Washington.", "It ended."]


def test_sentences_break_at_lines_and_carry_offsets():
    text = "Headline without stop\nBody sentence one. Body two."
    spans = sentences(text, offset=10)
    assert [s.text for s in spans] == ["Headline without stop", "Body sentence one.", "Body two."]
    assert all(text[s.start - 10:s.end - 10] == s.text for s in spans)


def test_attribution_after_and_before_the_quote():
    text = ("“We hit every target,” the ministry spokesman, Igor Konashenkov, said on Thursday. "
            "Shoigu told reporters: “The campaign goes on.”")
    first, second = attributions(text)
    assert first.verb.text == "said" and "Konashenkov" in first.speaker
    assert "Thursday" in first.frame.text
    assert second.speaker == "Shoigu"


def test_same_speaker():
    assert same_speaker("Russia’s Defense Ministry spokesman, Major General Igor Konashenkov", "Konashenkov")
    assert same_speaker("the Russian Defense Ministry spokesman", "Russia’s Defense Ministry spokesman")
    assert not same_speaker("two U.S. officials", "Konashenkov")
    assert not same_speaker("he", "he")
