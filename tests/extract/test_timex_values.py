"""TIMEX3 values from a rule's fields and an anchor, without any text around them."""

from datetime import date

import pytest

from extract.timex_values import NeedsAnchor, resolve

THURSDAY = date(2015, 10, 8)


def test_relative_rules_need_an_anchor_and_absolute_ones_do_not():
    with pytest.raises(NeedsAnchor):
        resolve("weekday", {"wd": "Monday"}, None, False)
    assert resolve("month_year", {"mon": "March", "y": "2014"}, None, False).value == "2014-03"


def test_tense_decides_between_the_last_and_the_next_occurrence():
    assert resolve("weekday", {"wd": "Monday"}, THURSDAY, False).value == "2015-10-05"
    assert resolve("weekday", {"wd": "Monday"}, THURSDAY, True).value == "2015-10-12"
    assert resolve("holiday", {"name": "Christmas"}, THURSDAY, False).value == "2014-12-25"
    assert resolve("holiday", {"name": "Christmas"}, THURSDAY, True).value == "2015-12-25"


def test_values_carry_the_days_they_cover():
    quarter = resolve("quarter", {"q": "third"}, THURSDAY, False)
    assert (quarter.value, quarter.first, quarter.last) == ("2015-Q3", date(2015, 7, 1), date(2015, 9, 30))
    winter = resolve("season", {"season": "winter", "rel": "last"}, THURSDAY, False)
    assert (winter.value, winter.first, winter.last) == ("2014-WI", date(2014, 12, 1), date(2015, 2, 28))


def test_impossible_dates_raise_value_error():
    with pytest.raises(ValueError):
        resolve("iso_date", {"y": "2015", "m": "02", "d": "30"}, THURSDAY, False)
