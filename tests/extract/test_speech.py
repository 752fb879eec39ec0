from __future__ import annotations

from extract.speech import attributions, same_speaker


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
