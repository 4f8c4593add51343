"""The change summary: what a careful clerk points out before anyone reads every line.

Kinds of change, found in the word-level diff of each article pair (so punctuation
width, spacing, line wrapping and renumbering never produce one):

- ``quantity``: a number with its unit changed (``十五日`` -> ``十个工作日``,
  ``四十八小时`` -> ``七十二小时``, ``五日`` -> ``五次``; 名, 年, 元, per cent),
  Chinese and Arabic numerals alike; the same amount written differently
  (``3日`` / ``三日``) is no change;
- ``term``: a defined term or body renamed (``以下简称选联任工委`` -> ``以下简称代表工委``)
  or the same substitution made in several articles, reported once with every
  article it touches on both sides;
- ``obligation``: a modal verb changes (``可以`` <-> ``应当``, ``必须`` -> ``应当``, ``不得``
  appears or goes);
- ``added`` / ``deleted``: whole articles (revisions only).

``before`` / ``after`` quote the original wording. Across jurisdictions only
quantities and obligations of paired articles are reported: there is no old and
new text, so nothing is added, deleted or renamed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from comparator.compare.diff import DELETE, EQUAL, INSERT, Op
from comparator.compare.fold import folded
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.terms import DefinedTerm
from comparator.model import Regulation
from comparator.text.numerals import parse_number
from comparator.vocabulary import CHANGE_LABELS, TEXT_UNCHANGED, ChangeKind, Kind, Status

# Diffs of article pairs, by the node ids of the two articles.
Diffs = Mapping[tuple[str, str], Sequence[Op]]

_UNITS = (
    "个工作日|工作日|个月|小时|日|天|周|年|次|名|人|万元|亿元|元|倍|件|届|岁|"
    "平方米|立方米|平方公里|公顷|亩|株|穴|%|％"
)
_NUMBER = r"(?:百分之|千分之)?[零〇○一二三四五六七八九十百千万两\d.]+"
_QUANTITY = re.compile(rf"(?P<number>{_NUMBER})(?P<measure>个)?(?P<unit>{_UNITS})?")
_DATE = re.compile(
    r"[\d零〇○OＯ一二三四五六七八九十]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?"
)
_MODALS = ("不得", "禁止", "必须", "应当", "可以", "有权")
_WORD = re.compile(r"[^\W_]")  # a letter, digit or ideograph
_SHORT_EDIT = 10  # a substitution longer than this is a rewrite, not a renaming


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    left: int | list[int] | None
    right: int | list[int] | None
    before: str
    after: str
    context: str = ""  # a few words around the change, from the new text

    def as_dict(self) -> dict:
        data = {
            "kind": self.kind.value,
            "left": self.left,
            "right": self.right,
            "before": self.before,
            "after": self.after,
        }
        if self.context:
            data["context"] = self.context
        return data

    def describe(self) -> str:
        """One line in Chinese, for a table cell."""
        label = CHANGE_LABELS[self.kind]
        if self.kind in (ChangeKind.ADDED, ChangeKind.DELETED):
            return label
        return f"{label}：{self.before or '（无）'} → {self.after or '（无）'}"

    def line(self) -> str:
        """``describe``, and the first words of an article added or deleted."""
        if self.kind in (ChangeKind.ADDED, ChangeKind.DELETED):
            return self.describe() + "：" + (self.after or self.before).split("\n")[0][:40]
        return self.describe()


def cited(numbers: int | list[int] | None) -> str:
    """Article numbers as a reader writes them: 第3条、第7条 ("" for none)."""
    if numbers is None:
        return ""
    if isinstance(numbers, list):
        return "、".join(f"第{n}条" for n in numbers)
    return f"第{numbers}条"


@dataclass
class Summary:
    left: str
    right: str
    kind: Kind
    changes: list[Change] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "left": self.left,
            "right": self.right,
            "kind": self.kind.value,
            "changes": [change.as_dict() for change in self.changes],
        }

    def for_pair(self, pair: ArticlePair) -> list[Change]:
        """The changes that concern one article pair (a term concerns every pair it touches)."""
        left, right = pair.left, pair.right
        found = []
        for change in self.changes:
            lefts = change.left if isinstance(change.left, list) else [change.left]
            rights = change.right if isinstance(change.right, list) else [change.right]
            if change.kind is ChangeKind.TERM:
                if left in lefts and right in rights:
                    found.append(change)
            elif (change.left, change.right) == (left, right):
                found.append(change)
        return found


# Regions of a diff ---------------------------------------------------------------


@dataclass(frozen=True)
class _Region:
    """A run of deletions and insertions between two equal ops, with its offsets."""

    left_start: int
    left_end: int
    right_start: int
    right_end: int
    deleted: str
    inserted: str


def _regions(ops: Sequence[Op]) -> list[_Region]:
    regions = []
    left_at = right_at = 0
    current: list[int] | None = None  # left start, right start
    deleted = inserted = ""
    for op in [*ops, (EQUAL, "")]:
        if op[0] == EQUAL:
            if current is not None:
                regions.append(
                    _Region(current[0], left_at, current[1], right_at, deleted, inserted)
                )
                current, deleted, inserted = None, "", ""
            left_at += len(op[1])
            right_at += len(op[-1])
            continue
        if current is None:
            current = [left_at, right_at]
        if op[0] == DELETE:
            deleted += op[1]
            left_at += len(op[1])
        elif op[0] == INSERT:
            inserted += op[1]
            right_at += len(op[1])
    return regions


# Quantities ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    text: str
    value: float | None
    unit: str


def _quantities(text: str) -> list[_Quantity]:
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    found = []
    for match in _QUANTITY.finditer(text):
        ratio = match["number"].startswith(("百分之", "千分之"))
        if not (match["unit"] or ratio) or any(s <= match.start() < e for s, e in dates):
            continue
        if text[max(0, match.start() - 1) : match.start()] == "第":
            continue  # an ordinal: 第一届, 第二次会议
        number = match["number"]
        if match["unit"] == "年" and re.fullmatch(r"\d{4}|[零〇○一二三四五六七八九]{4}", number):
            continue  # a year, not a number of years
        found.append(
            _Quantity(match.start(), match.end(), match.group(), _value(number), _unit(match))
        )
    return found


def _value(number: str) -> float | None:
    if number.endswith(("%", "％")):
        number = number[:-1]
    per = 100.0 if number.startswith("百分之") else 1000.0 if number.startswith("千分之") else 1.0
    digits = number.removeprefix("百分之").removeprefix("千分之")
    try:
        value = float(digits) if re.fullmatch(r"[\d.]+", digits) else parse_number(digits)
    except ValueError:
        return None
    return value / per if per != 1.0 else float(value)


def _unit(match: re.Match[str]) -> str:
    if match["number"].startswith(("百分之", "千分之")):
        return "ratio"
    unit = match["unit"].replace("％", "%")
    return {"个工作日": "工作日", "天": "日", "个月": "月"}.get(unit, unit)


# What a quantity measures: a time limit is compared with a time limit, a count with a
# count; 十二日 -> 十二次 (days to times) is still a change of one requirement.
_GROUPS = {
    "time": {"工作日", "日", "小时", "月", "周", "年"},
    "count": {"次", "件", "名", "人", "届", "倍"},
    "money": {"元", "万元", "亿元"},
    "ratio": {"ratio", "%"},
}


def _group(quantity: _Quantity) -> str:
    for name, units in _GROUPS.items():
        if quantity.unit in units:
            return name
    return quantity.unit


def _touching(quantities: list[_Quantity], start: int, end: int) -> list[_Quantity]:
    """Quantities overlapping ``[start, end)`` (a pure insertion point touches its neighbours)."""
    if start == end:
        return [q for q in quantities if q.start < start < q.end]
    return [q for q in quantities if q.start < end and start < q.end]


def _quantity_changes(
    left_text: str, right_text: str, ops: Sequence[Op], left: int, right: int
) -> Iterator[Change]:
    """Quantities the edits touch: changed, or new, or gone."""
    left_quantities, right_quantities = _quantities(left_text), _quantities(right_text)
    seen_left: set[int] = set()
    seen_right: set[int] = set()
    for region in _regions(ops):
        before = _unseen(_touching(left_quantities, region.left_start, region.left_end), seen_left)
        after = _unseen(
            _touching(right_quantities, region.right_start, region.right_end), seen_right
        )
        pairs, before, after = _paired_quantities(before, after)
        for old, new in pairs:
            if (old.value, old.unit) != (new.value, new.unit):
                context = _context(right_text, new)
                yield Change(ChangeKind.QUANTITY, left, right, old.text, new.text, context)
        # A quantity that comes or goes inside a sentence (a whole new or deleted
        # sentence speaks for itself in the diff).
        if _whole_sentence(region):
            continue
        for old in before:
            yield Change(ChangeKind.QUANTITY, left, right, old.text, "", _context(left_text, old))
        for new in after:
            yield Change(ChangeKind.QUANTITY, left, right, "", new.text, _context(right_text, new))


def _unseen(quantities: list[_Quantity], seen: set[int]) -> list[_Quantity]:
    """The quantities no earlier region took; they are taken now."""
    fresh = [q for q in quantities if q.start not in seen]
    seen.update(q.start for q in fresh)
    return fresh


def _paired_quantities(
    before: list[_Quantity], after: list[_Quantity]
) -> tuple[list[tuple[_Quantity, _Quantity]], list[_Quantity], list[_Quantity]]:
    """Pairs of a quantity before and one after, and the ones left on each side.

    The quantities of one kind (time, count, money) first, then the rest, in order of
    appearance: 不少于十二日 -> 不少于十二次 is one changed requirement.
    """
    before, after = list(before), list(after)
    pairs = []
    for old in list(before):
        new = next((q for q in after if _group(q) == _group(old)), None)
        if new is not None:
            pairs.append((old, new))
            before.remove(old)
            after.remove(new)
    in_order = list(zip(before, after, strict=False))
    return pairs + in_order, before[len(in_order) :], after[len(in_order) :]


def _context(text: str, quantity: _Quantity) -> str:
    start = max(0, quantity.start - 12)
    sentence_start = max(text.rfind(ch, 0, quantity.start) for ch in "，。；：\n") + 1
    return text[max(start, sentence_start) : quantity.end + 6].split("\n")[0]


def _whole_sentence(region: _Region) -> bool:
    return any("。" in text or "\n" in text for text in (region.deleted, region.inserted))


# Obligations --------------------------------------------------------------------


def _obligation_changes(ops: Sequence[Op], left: int, right: int) -> Iterator[Change]:
    """A modal replaced by another (可以 -> 应当), a duty added to a sentence, 不得 in or out.

    A modal inside a whole sentence that was deleted or added goes with that
    sentence (the text change says it), except 不得 / 禁止, which always count.
    """
    for region in _regions(ops):
        before = [m for m in _MODALS if m in region.deleted]
        after = [m for m in _MODALS if m in region.inserted]
        removed = [m for m in before if m not in after]
        added = [m for m in after if m not in before]
        if not removed and not added:
            continue
        replaced = bool(removed and added)
        prohibition = any(m in ("不得", "禁止") for m in removed + added)
        if replaced or prohibition or not _whole_sentence(region):
            context = (region.inserted or region.deleted).lstrip("。，；,;\n").split("\n")[0]
            removed_text, added_text = "、".join(removed), "、".join(added)
            yield Change(ChangeKind.OBLIGATION, left, right, removed_text, added_text, context[:40])


# Terms --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Texts:
    """One side of a comparison: its regulation and the terms it defines."""

    regulation: Regulation
    terms: Sequence[DefinedTerm]

    def numbers_using(self, words: str) -> list[int]:
        return sorted(a.number for a in self.regulation.articles if words in a.text)


def _term_changes(
    left: _Texts, right: _Texts, pairs: list[ArticlePair], diffs: Diffs
) -> list[Change]:
    """Renamed defined terms, and substitutions repeated in several articles."""
    found = [*_renamed_definitions(left, right, pairs), *_repeated_substitutions(pairs, diffs)]
    renames = list(dict.fromkeys(found))  # (before, after), each once, in the order found
    changes = []
    for before, after in renames:
        if any(before in b and after in a for b, a in renames if (b, a) != (before, after)):
            continue  # 选联任工委 -> 代表工委 already says 选联任 -> 代表
        lefts, rights = left.numbers_using(before), right.numbers_using(after)
        changes.append(Change(ChangeKind.TERM, lefts, rights, before, after))
    return changes


def _renamed_definitions(
    left: _Texts, right: _Texts, pairs: list[ArticlePair]
) -> list[tuple[str, str]]:
    """A definition replaced by another in the paired article: 以下简称X -> 以下简称Y."""
    renames = []
    for pair in pairs:
        old = [t for t in left.terms if t.article == pair.left]
        new = [t for t in right.terms if t.article == pair.right]
        for before, after in zip(old, new, strict=False):
            if before.short != after.short:
                renames.append((before.short, after.short))
    return renames


def _repeated_substitutions(pairs: list[ArticlePair], diffs: Diffs) -> list[tuple[str, str]]:
    """The same short substitution made in three article pairs or more."""
    substitutions: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for pair in pairs:
        key = pair.ids
        for region in _regions(diffs[key]):
            deleted, inserted = region.deleted.strip(), region.inserted.strip()
            if _is_renaming(deleted, inserted):
                substitutions[(deleted, inserted)].add(key)
    return [key for key, where in substitutions.items() if len(where) >= 3]


def _is_renaming(deleted: str, inserted: str) -> bool:
    """A short word replaced by another: no quantity, no modal, not a width difference,
    and a word on both sides (、 -> 和 is punctuation, not a name)."""
    return (
        bool(_WORD.search(deleted) and _WORD.search(inserted))
        and len(deleted) <= _SHORT_EDIT
        and len(inserted) <= _SHORT_EDIT
        and folded(deleted) != folded(inserted)
        and not _quantities(deleted)
        and not any(m in deleted or m in inserted for m in _MODALS)
    )


# The summary ---------------------------------------------------------------------


def compares_words(kind: Kind) -> bool:
    """Does a summary of this kind read word diffs (``diff_texts(by_word=True)``)?

    Across jurisdictions the texts are worded apart: words are enough to find a
    quantity or a modal stated differently, and far cheaper than characters.
    """
    return kind is Kind.CROSS


def compared_pairs(alignment: Alignment) -> list[ArticlePair]:
    """The pairs whose diff a summary reads: both articles there, the text changed,
    and (across jurisdictions) strongly alike."""
    revision = alignment.kind is Kind.REVISION
    return [
        p
        for p in alignment.pairs
        if p.left_id is not None
        and p.right_id is not None
        and p.status not in TEXT_UNCHANGED
        and (revision or p.status is not Status.RELATED)
    ]


def summarize(
    left: Regulation,
    right: Regulation,
    alignment: Alignment,
    diffs: Diffs,
    terms: tuple[Sequence[DefinedTerm], Sequence[DefinedTerm]],
) -> Summary:
    """The change summary of a comparison.

    ``diffs`` holds the diff of every pair of ``compared_pairs(alignment)``, word by
    word when ``compares_words(alignment.kind)``; ``terms`` are the terms each side
    defines.
    """
    summary = Summary(left.id, right.id, alignment.kind)
    revision = alignment.kind is Kind.REVISION
    compared = compared_pairs(alignment)
    if revision:
        sides = (_Texts(left, terms[0]), _Texts(right, terms[1]))
        summary.changes += _term_changes(*sides, compared, diffs)
    keys = {(p.left_id, p.right_id) for p in compared}
    for pair in alignment.pairs:
        if revision and pair.status is Status.ADDED and pair.right is not None:
            text = right.article(pair.right).text
            summary.changes.append(Change(ChangeKind.ADDED, None, pair.right, "", text))
        elif revision and pair.status is Status.DELETED and pair.left is not None:
            text = left.article(pair.left).text
            summary.changes.append(Change(ChangeKind.DELETED, pair.left, None, text, ""))
        elif (pair.left_id, pair.right_id) in keys:
            found = _pair_changes(left, right, pair, diffs)
            # Across jurisdictions the texts are worded apart: only a quantity or a
            # modal that both texts state differently is worth pointing out.
            summary.changes += [c for c in found if revision or (c.before and c.after)]
    return summary


def _pair_changes(
    left: Regulation, right: Regulation, pair: ArticlePair, diffs: Diffs
) -> list[Change]:
    assert pair.left is not None and pair.right is not None
    ops = diffs[pair.ids]
    left_text = left.article(pair.left).text
    right_text = right.article(pair.right).text
    return [
        *_quantity_changes(left_text, right_text, ops, pair.left, pair.right),
        *_obligation_changes(ops, pair.left, pair.right),
    ]
