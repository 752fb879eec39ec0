from __future__ import annotations

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
