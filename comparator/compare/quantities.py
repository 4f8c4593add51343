"""Quantities read as facts: a number with its unit, qualifier, period and kind.

``每四个月至少组织一次`` is a *frequency* (three a year, at least), ``三个工作日内`` a
*deadline*, ``每次至少邀请两名代表`` a plain *quantity* (a count per occasion). Two
quantities are the same requirement only when they are of one kind and stand in the
same clause; the summary pairs them only then, and compares frequencies per year and
deadlines in days, so it can say 频次减少 or 期限缩短.

Chinese and Arabic numerals alike: ``3日`` and ``三日`` are one amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.compare.clauses import clause_span
from comparator.text.numerals import parse_number
from comparator.vocabulary import ChangeKind

_UNITS = (
    "个工作日|工作日|个月|小时|日|天|周|年|次|名|人|万元|亿元|元|倍|件|届|岁|"
    "平方米|立方米|平方公里|公顷|亩|株|穴|%|％"
)
_DIGITS = r"[零〇○一二三四五六七八九十百千万两\d.]+"
_NUMBER = rf"(?:百分之|千分之)?{_DIGITS}(?:[至到~～—-]{_DIGITS})?"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER})(?:(?P<measure>个)?(?P<unit>{_UNITS}))?")
_DATE = re.compile(
    r"[\d零〇○OＯ一二三四五六七八九十]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?"
)
# How often a period comes round in a year.
_PERIOD = re.compile(
    rf"每(?:(?P<count>{_DIGITS})个?)?(?P<unit>年|季度|半年|月|周)|任期内|届内|每次"
)
_PER_YEAR = {"年": 1.0, "半年": 2.0, "季度": 4.0, "月": 12.0, "周": 52.0}
_TERM_YEARS = 5.0  # a 人大 term: 任期内 once is once in five years
_QUALIFIERS = ("不少于", "不低于", "不超过", "不得超过", "至少", "最多", "超过", "低于")
_AT_LEAST, _AT_MOST = "at least", "at most"
_BOUNDS = {
    "不少于": _AT_LEAST,
    "不低于": _AT_LEAST,
    "至少": _AT_LEAST,
    "以上": _AT_LEAST,
    "不超过": _AT_MOST,
    "不得超过": _AT_MOST,
    "最多": _AT_MOST,
    "以下": _AT_MOST,
    "以内": _AT_MOST,
    "超过": "more than",
    "低于": "less than",
}
_QUALIFIER_REACH = 8  # 至少应邀列席一次: a qualifier may stand a verb away from its number
_TIME_UNITS = {"工作日", "日", "小时", "月", "周", "年"}
_DAYS = {"工作日": 1.0, "日": 1.0, "小时": 1 / 24, "周": 7.0, "月": 30.0, "年": 365.0}


@dataclass(frozen=True)
class Quantity:
    start: int  # where the expression starts (its period or qualifier, else its number)
    end: int
    text: str  # as published: 每四个月至少组织一次, 三个工作日内
    amount: str  # the number and unit alone: 一次, 三个工作日
    value: float | None  # the smaller end of a range (一至二次: 1)
    unit: str  # normalised: 个工作日 -> 工作日, 天 -> 日
    kind: ChangeKind  # DEADLINE, FREQUENCY or QUANTITY
    per_year: float | None = None  # a frequency's value in a year, when its period says
    bound: str = ""  # "at least" (至少, 不少于, 以上), "at most" (不超过, 以下), or exact

    @property
    def same_amount(self) -> tuple[float | None, str, float | None, str]:
        """What the quantity requires: 至少一次 is not 一次, 不少于两次 is 两次以上."""
        return self.value, self.unit, self.per_year, self.bound

    def in_days(self) -> float | None:
        factor = _DAYS.get(self.unit)
        return self.value * factor if self.value is not None and factor else None


def quantities(text: str) -> list[Quantity]:
    """Every quantity of ``text`` (dates, years and ordinals such as 第二次 left out)."""
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    dates += [(m.start(), m.end()) for m in _PERIOD.finditer(text)]  # 每四个月: a period
    found = []
    for match in _QUANTITY.finditer(text):
        number = match["number"]
        ratio = number.startswith(("百分之", "千分之"))
        if not (match["unit"] or ratio) or any(s <= match.start() < e for s, e in dates):
            continue
        if text[max(0, match.start() - 1) : match.start()] in ("第", "下", "上"):
            continue  # an ordinal: 第一届, 第二次会议, 下一次会议
        if match["unit"] == "年" and re.fullmatch(r"\d{4}|[零〇○一二三四五六七八九]{4}", number):
            continue  # a year, not a number of years
        if text[match.end() : match.end() + 1] == "起" and match["unit"] in ("日", "月"):
            continue  # a date's tail: 1日起施行
        found.append(_read(text, match, ratio))
    return found


def _read(text: str, match: re.Match[str], ratio: bool) -> Quantity:
    unit = "ratio" if ratio else _unit(match["unit"])
    value = _value(match["number"])
    clause_start, _ = clause_span(text, match.start())
    before = text[clause_start : match.start()]
    period = None
    for candidate in _PERIOD.finditer(before):
        period = candidate  # the nearest one before the number
    near = before[-_QUALIFIER_REACH:]
    # The qualifier nearest the number, the longer of two that end together (不超过, not 超过).
    qualifier = max(
        (q for q in _QUALIFIERS if q in near),
        key=lambda q: (near.rfind(q) + len(q), len(q)),
        default="",
    )
    qualifier_at = before.rfind(qualifier) if qualifier else -1
    end = match.end()
    deadline = unit in _TIME_UNITS and (
        text.startswith(("内", "以内"), end) or before.endswith(("前", "之日起"))
    )
    for tail in ("以内", "以上", "以下", "内"):
        if text.startswith(tail, end) and (deadline or tail != "内"):
            end += len(tail)
            qualifier = qualifier or tail
            break
    bound = "" if deadline else _BOUNDS.get(qualifier, "")  # a deadline is a limit anyway
    per_year = None
    if deadline:
        kind = ChangeKind.DEADLINE
    elif period is not None and period.group() != "每次" and (unit == "次" or unit in _TIME_UNITS):
        kind = ChangeKind.FREQUENCY
        per_year = _per_year(period, value)
    else:
        kind = ChangeKind.QUANTITY
    starts = [match.start()]
    if qualifier_at >= 0:
        starts.append(clause_start + qualifier_at)
    if period is not None and match.start() - (clause_start + period.start()) <= 20:
        starts.append(clause_start + period.start())
    start = min(starts)
    return Quantity(start, end, text[start:end], match.group(), value, unit, kind, per_year, bound)


def _per_year(period: re.Match[str], value: float | None) -> float | None:
    if value is None:
        return None
    if period.group() in ("任期内", "届内"):
        return value / _TERM_YEARS
    count = parse_number(period["count"]) if period["count"] else 1
    return value * _PER_YEAR[period["unit"]] / count


def _value(number: str) -> float | None:
    number = re.split(r"[至到~～—-]", number)[0]
    if number.endswith(("%", "％")):
        number = number[:-1]
    per = 100.0 if number.startswith("百分之") else 1000.0 if number.startswith("千分之") else 1.0
    digits = number.removeprefix("百分之").removeprefix("千分之")
    try:
        value = float(digits) if re.fullmatch(r"[\d.]+", digits) else parse_number(digits)
    except ValueError:
        return None
    return value / per if per != 1.0 else float(value)


def _unit(unit: str) -> str:
    unit = unit.replace("％", "%")
    return {"个工作日": "工作日", "天": "日", "个月": "月"}.get(unit, unit)


# What a plain quantity measures: a count is compared with a count, money with money.
_GROUPS = {
    "time": _TIME_UNITS,
    "count": {"次", "件", "名", "人", "届", "倍"},
    "money": {"元", "万元", "亿元"},
    "ratio": {"ratio", "%"},
}


def comparable(old: Quantity, new: Quantity) -> bool:
    """Can ``new`` be the same requirement as ``old``, restated?"""
    if old.kind is not new.kind:
        return False
    if old.kind is not ChangeKind.QUANTITY:
        return True
    return _group(old) == _group(new)


def _group(quantity: Quantity) -> str:
    for name, units in _GROUPS.items():
        if quantity.unit in units:
            return name
    return quantity.unit


def direction(old: Quantity, new: Quantity) -> str:
    """增加 / 减少 for frequencies and amounts, 延长 / 缩短 for deadlines ("" when the two
    cannot be compared)."""
    if old.kind is ChangeKind.DEADLINE:
        before, after = old.in_days(), new.in_days()
        words = ("延长", "缩短")
    elif (
        old.kind is ChangeKind.FREQUENCY and old.unit == new.unit and old.per_year and new.per_year
    ):
        before, after = old.per_year, new.per_year
        words = ("增加", "减少")
    elif old.unit == new.unit:
        before, after = old.value, new.value
        words = ("增加", "减少")
    else:
        return ""
    if before is None or after is None or before == after:
        return ""
    return words[0] if after > before else words[1]
