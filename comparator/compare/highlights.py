"""本次修订要点: the change summary told in a few sentences, for a reader in a hurry.

First what the revision adds, deletes and changes (counts by kind), then the weightiest
changes one kind to a sentence, in this order: deadlines, frequencies, obligations,
bodies; then one sentence for the rest (other quantities, cited laws, the
commencement, renamed terms): three to six sentences in all. Each
sentence tells first what went up or down, then what came or went, then what was
restated; it names the articles as the new text numbers them, and keeps the changes it
tells (``Point.changes``) so a page can link each to its row. A kind with many changes
tells the first few and says how many more.
"""

from __future__ import annotations

from dataclasses import dataclass

from comparator.compare.change import Change
from comparator.compare.changes import Summary
from comparator.vocabulary import CHANGE_LABELS, ChangeKind

MOST = 4  # changes told in one sentence; the rest are counted

# The weightiest kinds, a sentence each, and how the sentence opens; the other kinds
# share one last sentence.
_TOLD = {
    ChangeKind.DEADLINE: "期限",
    ChangeKind.FREQUENCY: "频次",
    ChangeKind.OBLIGATION: "义务与授权",
    ChangeKind.BODY: "机构与层级",
}
_OTHERS = (ChangeKind.QUANTITY, ChangeKind.CITATION, ChangeKind.EFFECT, ChangeKind.TERM)


@dataclass(frozen=True)
class Told:
    """A part of a sentence, and the change it tells (the first of them, for a count)."""

    text: str
    change: Change | None


@dataclass(frozen=True)
class Point:
    lead: str  # 期限：
    told: tuple[Told, ...]
    tail: str = ""  # closes the sentence: "。", or "等，共九项。" when some are not told
    separator: str = "；"


def highlights(summary: Summary) -> list[Point]:
    """The sentences of 本次修订要点 (none for a summary without changes)."""
    if not summary.changes:
        return []
    points = [_counts(summary)]
    groups = [(lead, (kind,)) for kind, lead in _TOLD.items()] + [("此外", _OTHERS)]
    for lead, kinds in groups:
        changes = sorted((c for c in summary.changes if c.kind in kinds), key=_weight)
        if not changes:
            continue
        told = tuple(Told(_tell(summary, c), c) for c in changes[:MOST])
        tail = f"等，共{_count(len(changes))}项。" if len(changes) > len(told) else "。"
        points.append(Point("此外，" if lead == "此外" else f"{lead}：", told, tail))
    return points


def _weight(change: Change) -> int:
    """Which changes a sentence tells first: a quantity that went up or down (期限缩短),
    then what came or went, then what was restated (三日内 -> 三个工作日内)."""
    if change.note:
        return 0
    if not (change.before and change.after):
        return 1
    return 2


def _counts(summary: Summary) -> Point:
    """本次修订新增条文四条，删除条文三条，条文中实质修改三十九项（期限五项、…）。"""
    added = [c for c in summary.changes if c.kind is ChangeKind.ADDED]
    deleted = [c for c in summary.changes if c.kind is ChangeKind.DELETED]
    others = [c for c in summary.changes if not c.whole_article]
    parts = []
    if added:
        parts.append(Told(f"新增条文{_count(len(added))}条", added[0]))
    if deleted:
        parts.append(Told(f"删除条文{_count(len(deleted))}条", deleted[0]))
    if others:
        kinds = [k for k in CHANGE_LABELS if any(c.kind is k for c in others)]
        by_kind = "、".join(
            f"{CHANGE_LABELS[k]}{_count(sum(c.kind is k for c in others))}项" for k in kinds
        )
        parts.append(Told(f"条文中实质修改{_count(len(others))}项（{by_kind}）", None))
    return Point("本次修订", tuple(parts), "。", "，")


def _tell(summary: Summary, change: Change) -> str:
    """第三十二条期限由“二十四小时内”改为“十二小时内”（缩短）"""
    left, right = summary.cited(change)
    where = right or left
    if change.kind is ChangeKind.TERM:
        return f"“{change.before}”改称“{change.after}”（{where}）"
    way = change.note.split("（")[0] if change.note else ""
    if change.before and change.after:
        told = f"{where}“{change.before}”改为“{change.after}”"
        return told + (f"（{way}）" if way else "")
    if change.before:
        return f"{where}删去“{change.before}”"
    return f"{where}增加“{change.after}”"


_DIGITS = "零一二三四五六七八九"


def _count(number: int) -> str:
    """A count as the text would write it: 四, 十二, 二十三 (from 100 on, in figures)."""
    if number >= 100:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    tens, units = divmod(number, 10)
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[units] if units else "")
