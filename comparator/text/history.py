"""A regulation's history, read into events: who did what to the text, and when.

The history printed under a title (``2001年12月21日深圳市第三届人民代表大会常务委员会
第十二次会议通过``) is kept by the parser as lines of text (``Metadata.history``). This
module reads those lines into ``HistoryEvent`` values: the ISO date, the action
(``HistoryAction``: 通过, 批准, 修正, 修订, 公布, 施行, 废止), the body that acted (the
会议 or organ, as written) and the text the event was read from.

Published histories are messy, and these functions take them as they come:

- a line broken in the middle of a decision's title continues on the next line, which
  then starts with no date: it is joined to the line before;
- one line may hold several events (``…通过,1994年11月2日…批准``, ``…第一次修订  根据
  2008年…第一次修正``): it is cut where a new date starts an event, after a comma, a
  space, ``根据`` or the action word of the event before;
- a date inside an event (``…通过并经2020年1月15日…批准的《…》修正``) does not start one;
- enclosing parentheses and a dangling ``根据`` are dropped;
- the action is the last action word outside the 《…》 titles, so a decision named
  《关于修改和废止…的决定》 does not make an amendment a repeal; ``修订通过`` is a
  revision, and 施行 counts only when nothing else is done (``公布施行`` is a
  promulgation).

Pure functions, no I/O. ``parse_history`` reads a whole history; ``parse_event`` one
event's text, such as a ``2007年5月30日修正`` line under a 对照表's heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from comparator.text.numerals import CHINESE_NUMERAL, find_date, parse_number
from comparator.vocabulary import HistoryAction

# The words that say what was done, and the action each names.
ACTION_WORDS = {
    "修订通过": HistoryAction.REVISED,  # adopted as revised
    "通过": HistoryAction.ADOPTED,
    "批准": HistoryAction.APPROVED,
    "修正": HistoryAction.AMENDED,
    "修改": HistoryAction.AMENDED,
    "修订": HistoryAction.REVISED,
    "公布": HistoryAction.PROMULGATED,
    "发布": HistoryAction.PROMULGATED,
    "施行": HistoryAction.IN_FORCE,
    "实施": HistoryAction.IN_FORCE,
    "执行": HistoryAction.IN_FORCE,
    "废止": HistoryAction.REPEALED,
}

_ACTION = re.compile("|".join(sorted(ACTION_WORDS, key=len, reverse=True)))
_DATE = re.compile(
    rf"(?:\d{{4}}|[{CHINESE_NUMERAL}]{{4}})\s*年\s*"
    rf"(?:\d{{1,2}}|[{CHINESE_NUMERAL}]{{1,3}})\s*月\s*"
    rf"(?:\d{{1,2}}|[{CHINESE_NUMERAL}]{{1,3}})\s*日"
)
# What may stand just before a date that starts a new event on the same line.
_EVENT_BOUNDARY = re.compile(rf"(?:[\s,，。;；、)）]|根据|{_ACTION.pattern})$")
# Wrapping around an event's text: parentheses, and the 根据 that introduces the next one.
_LEADING = re.compile(r"^[\s(（]*(?:根据)?\s*")
_TRAILING = re.compile(r"\s*(?:根据)?[\s)）,，。;；]*$")
_ORDINAL = re.compile(rf"第([{CHINESE_NUMERAL}\d]+)次(?:修正|修订|修改)")
# Words between a body and its action: …会议第一次修正, …会议关于修改《…》.
_BODY_TAIL = re.compile(rf"(?:第[{CHINESE_NUMERAL}\d]+次|关于)$")
# The numbering of a body, dropped to name the organ: 第三届, 第十二次会议, 令第35号.
_TERM = re.compile(r"第[^第届]{1,6}届")
_SITTING = re.compile(r"第[^第次]{1,6}次.*$")
_NUMBERED = re.compile(r"(?:令|公告)?第[^第号]{1,8}号.*$")


@dataclass(frozen=True)
class HistoryEvent:
    """One thing done to a regulation, as its history states it."""

    date: str  # YYYY-MM-DD
    action: HistoryAction
    body: str  # the 会议 or organ as written (深圳市第三届…第十二次会议), "" if none is named
    source: str  # the text the event was read from: a line, or its part about this event
    decision: str = ""  # the first 《…》 named, mostly the decision (关于修改〈…〉的决定)
    ordinal: int | None = None  # 第二次修正 -> 2

    @property
    def organ(self) -> str:
        """The body without its term and sitting: 深圳市人民代表大会常务委员会."""
        return organ_of(self.body)


def parse_history(lines: Iterable[str]) -> list[HistoryEvent]:
    """Every event of a history, in the order written; text that states none is skipped."""
    return [event for text in event_texts(lines) if (event := parse_event(text))]


def event_texts(lines: Iterable[str]) -> list[str]:
    """The history cut into one text per event: broken lines joined, run-on lines cut.

    Each text is stripped of parentheses and of a dangling ``根据``; a text that
    ``parse_event`` cannot read is kept, so that a caller can see what was not read.
    """
    texts = []
    for line in _joined_lines(lines):
        texts += [text for part in _cut_at_events(line) if (text := _trim(part))]
    return texts


def parse_event(text: str) -> HistoryEvent | None:
    """One event's text -> its event; None unless it starts with a date and names an action.

    ``2007年5月30日修正`` reads as an amendment on 2007-05-30 by no named body.
    """
    text = _trim(text)
    match = _DATE.match(text)
    if not match or not (date := find_date(match.group())):
        return None
    rest = text[match.end() :].strip()
    plain, decision = _without_titles(rest)
    actions = list(_ACTION.finditer(plain))
    if not actions:
        return None
    action = _main_action([ACTION_WORDS[found.group()] for found in actions])
    body_end = min(actions[0].start(), _index(plain, "《"))
    ordinal = _ORDINAL.search(plain)
    return HistoryEvent(
        date=date,
        action=action,
        body=_BODY_TAIL.sub("", plain[:body_end].strip()),
        source=text,
        decision=decision,
        ordinal=parse_number(ordinal[1]) if ordinal else None,
    )


def organ_of(body: str) -> str:
    """A body as an organ: ``深圳市第三届人民代表大会常务委员会第十二次会议`` ->
    ``深圳市人民代表大会常务委员会``, ``中华人民共和国国务院令第66号`` ->
    ``中华人民共和国国务院``; a body with no numbering as it is."""
    organ = _TERM.sub("", body)
    organ = _SITTING.sub("", organ)
    return _NUMBERED.sub("", organ).strip()


# Steps ---------------------------------------------------------------------------


def _main_action(actions: list[HistoryAction]) -> HistoryAction:
    """The last action named; 施行 only when nothing else is (``公布施行``, ``发布
    自…之日施行``: the entry into force is a clause of the promulgation)."""
    done = [action for action in actions if action is not HistoryAction.IN_FORCE]
    return (done or actions)[-1]


def _joined_lines(lines: Iterable[str]) -> list[str]:
    """A line that does not start with a date continues the one before (a title the
    converter broke): it is joined to it."""
    joined: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if joined and not _DATE.match(_LEADING.sub("", text)):
            joined[-1] += text
        else:
            joined.append(text)
    return joined


def _cut_at_events(line: str) -> list[str]:
    """A line cut before each date that starts an event (see ``_EVENT_BOUNDARY``)."""
    starts = [
        match.start()
        for match in _DATE.finditer(line)
        if match.start() > 0 and _EVENT_BOUNDARY.search(line[: match.start()])
    ]
    bounds = [0, *starts, len(line)]
    return [line[start:end] for start, end in pairwise(bounds)]


def _trim(text: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", text))


def _without_titles(text: str) -> tuple[str, str]:
    """The text with each 《…》 emptied to ``《》`` (nested 《》 counted), and the first
    title's content; an unclosed 《 runs to the end."""
    plain, titles, depth, start = [], [], 0, 0
    for index, char in enumerate(text):
        if char == "《":
            if depth == 0:
                plain.append("《")
                start = index + 1
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                plain.append("》")
                titles.append(text[start:index])
        elif depth == 0:
            plain.append(char)
    return "".join(plain), titles[0] if titles else ""


def _index(text: str, char: str) -> int:
    found = text.find(char)
    return len(text) if found < 0 else found
