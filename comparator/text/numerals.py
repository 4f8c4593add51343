"""Chinese numerals in labels and dates: ``第一百零三条`` -> 103, ``二OO三年八月五日``."""

from __future__ import annotations

import re
from functools import lru_cache

# Zero is written 零, 〇, ○ (a circle) or, in pasted texts, a Latin O.
_ZEROS = str.maketrans({"〇": "零", "○": "零", "O": "零", "o": "零", "Ｏ": "零"})
_DIGITS = "零一二三四五六七八九"
# 万 for the articles of a long code: 第一万零一条.
CHINESE_NUMERAL = "零〇○OＯ一二三四五六七八九十百千万两"


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int:
    """Read a label numeral: ``七十二`` -> 72, ``一百零三`` -> 103, ``一万零一`` -> 10001.

    Raises ``ValueError`` for anything that is not a whole number.
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    text = text.translate(_ZEROS).replace("两", "二")
    import cn2an  # here, not at the top: it takes a fifth of a second to import

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise ValueError(f"not a numeral: {text}") from error
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"not a whole number: {text}")
        value = int(value)
    return int(value)


def parse_digits(text: str) -> int:
    """Read a year written digit by digit: ``二OO三`` -> 2003, ``二○○七`` -> 2007."""
    text = text.translate(_ZEROS)
    if text.isdigit():
        return int(text)
    return int("".join(str(_DIGITS.index(ch)) for ch in text))


_DATE = re.compile(
    rf"(?P<year>[{CHINESE_NUMERAL}]{{4}}|\d{{4}})\s*年\s*"
    rf"(?P<month>[{CHINESE_NUMERAL}]{{1,3}}|\d{{1,2}})\s*月\s*"
    rf"(?P<day>[{CHINESE_NUMERAL}]{{1,3}}|\d{{1,2}})\s*日"
)


def find_date(text: str) -> str:
    """The first full date in ``text`` as ``YYYY-MM-DD``, or ``""`` if there is none."""
    match = _DATE.search(text)
    if not match:
        return ""
    try:
        year = parse_digits(match["year"])
        month = parse_number(match["month"])
        day = parse_number(match["day"])
    except (ValueError, KeyError):
        return ""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def chinese_date(iso: str) -> str:
    """An ISO date as Chinese writes it: ``2025-09-04`` -> ``2025年9月4日`` (a year or a
    month alone as far as it goes: ``2025`` -> ``2025年``)."""
    parts = [int(part) for part in iso.split("-")]
    return "".join(f"{number}{unit}" for number, unit in zip(parts, "年月日", strict=False))
