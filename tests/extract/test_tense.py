import pytest

from extract.tense import is_future


def _future(sentence: str, word: str) -> bool:
    at = sentence.index(word)
    return is_future(sentence, at, at + len(word))


@pytest.mark.parametrize("sentence, word, expected", [
    ("Talks will resume on Friday.", "Friday", True),
    ("Talks resumed on Friday.", "Friday", False),
    ("The book is due to be published in May.", "May", True),  # a participle after "be" is no past tense
    ("The vote was postponed until Friday.", "Friday", True),
    ("“We will respond,” he said on Saturday.", "Saturday", False),  # the quotation's tense is not the clause's
    ("He would have met them on Friday.", "Friday", False),
    ("Nobody knew what happened; officials will meet on Monday.", "Monday", True),
])
def test_the_nearest_tense_marker_decides(sentence, word, expected):
    assert _future(sentence, word) is expected


def test_could_not_looks_back_and_could_looks_ahead():
    assert not _future("They met on September 28, but could not agree.", "September 28")
    assert _future("Rates could fall in September.", "September")
