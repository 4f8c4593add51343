from __future__ import annotations

import pytest

from comparator.text.numerals import find_date, parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("七十二", 72),
        ("一百零三", 103),
        ("一百一十", 110),
        ("12", 12),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words():
    with pytest.raises(ValueError):
        parse_number("条例")


@pytest.mark.parametrize(
    "text,date",
    [
        ("二OO三年八月五日", "2003-08-05"),
        ("二○○七年八月十五日", "2007-08-15"),
        ("2025年9月4日前", "2025-09-04"),
        ("自 年 月 日起施行", ""),
    ],
)
def test_find_date(text, date):
    assert find_date(text) == date
