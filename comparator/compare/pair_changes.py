"""What changed in one article pair, kind by kind (see ``changes`` for the kinds).

Every finder reads the pair's diff edit by edit (``clauses.regions``) and relates the two
texts clause by clause (``clauses.OffsetMap``): a change is what an edit takes out of a
clause or brings into it, quoted in that clause on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from comparator.compare.bodies import (
    Mention,
    body_mentions,
    citations,
    grouped,
    is_levels,
    same_law,
)
from comparator.compare.change import Change
from comparator.compare.clauses import OffsetMap, Region, clause_span, quoted, regions
from comparator.compare.diff import Op
from comparator.compare.fold import folded
from comparator.compare.quantities import Quantity, comparable, direction, quantities
from comparator.vocabulary import ChangeKind

MODALS = ("不得", "禁止", "必须", "应当", "可以", "有权")
_PROHIBITIONS = ("不得", "禁止")
_DUTIES = ("必须", "应当")
_COMMENCEMENT = re.compile(r"(?<=自)\s*(?P<when>[^自，。；]*?起施行)")


@dataclass
class PairTexts:
    """The two articles of a pair, their diff, and how to quote a change of them."""

    left: str
    right: str
    left_number: int
    right_number: int
    ops: Sequence[Op]
    aliases: Mapping[str, str]

    def __post_init__(self) -> None:
        self.regions = regions(self.ops)
        self.offsets = OffsetMap(self.ops)

    def touched(self, left: list, right: list) -> tuple[list, list]:
        """The items (with ``start`` / ``end``) of each side that an edit overlaps."""
        edits = self.regions
        return (
            [x for x in left if any(_overlaps(x, r.left_start, r.left_end) for r in edits)],
            [x for x in right if any(_overlaps(x, r.right_start, r.right_end) for r in edits)],
        )

    def right_clause(self, left_at: int) -> tuple[int, int]:
        """The span of the right text that the left clause at ``left_at`` became."""
        return self.offsets.right_clause(self.left, left_at, self.right)

    def left_clause(self, right_at: int) -> tuple[int, int]:
        """The span of the left text that the right clause at ``right_at`` came from."""
        opening, closing = clause_span(self.right, right_at)
        low, high = self.offsets.left_of(opening), self.offsets.left_of(closing)
        return clause_span(self.left, low)[0], clause_span(self.left, max(high - 1, low))[1]

    def right_clause_mentions(self, mention: Mention, right: list[Mention]) -> list[Mention]:
        start, end = self.right_clause(mention.start)
        return [m for m in right if start <= m.start < end]

    def left_clause_mentions(self, mention: Mention, left: list[Mention]) -> list[Mention]:
        start, end = self.left_clause(mention.start)
        return [m for m in left if start <= m.start < end]

    def change(
        self,
        kind: ChangeKind,
        before: str,
        after: str,
        left_span: tuple[int, int] | None,
        right_span: tuple[int, int] | None,
        note: str = "",
    ) -> Change:
        """A change of this pair, each side quoted in its clause; a side with nothing
        quotes where the other side's clause stands."""
        if left_span is None and right_span is not None:
            at = self.offsets.left_of(right_span[0])
            left_span = (at, at)
        if right_span is None and left_span is not None:
            at = self.offsets.right_of(left_span[0])
            right_span = (at, at)
        assert left_span is not None and right_span is not None
        return Change(
            kind,
            self.left_number,
            self.right_number,
            before,
            after,
            quoted(self.left, *left_span),
            quoted(self.right, *right_span),
            note,
        )


class _Spanned(Protocol):
    start: int
    end: int


def _overlaps(item: _Spanned, start: int, end: int) -> bool:
    if start == end:
        return item.start < start < item.end
    return item.start < end and start < item.end


def pair_changes(sides: PairTexts, own: Sequence[str], revision: bool) -> list[Change]:
    """Every change of one article pair. ``own``: the terms the two texts define (a body
    they name for themselves, 代表工委). Across jurisdictions (``revision`` false) only
    quantities and obligations: bodies, citations and the commencement of two
    jurisdictions' texts differ by nature."""
    found = [*quantity_changes(sides), *obligation_changes(sides)]
    if revision:
        found += mention_changes(
            sides, ChangeKind.BODY, body_mentions(sides.left, own), body_mentions(sides.right, own)
        )
        found += mention_changes(
            sides,
            ChangeKind.CITATION,
            _outside_effect(sides.left, citations(sides.left)),
            _outside_effect(sides.right, citations(sides.right)),
        )
        found += effect_changes(sides)
    return found


# Quantities ---------------------------------------------------------------------


def quantity_changes(sides: PairTexts) -> Iterator[Change]:
    """Quantities the edits touch, each paired with one of its kind in the same clause:
    changed, or else added or removed."""
    before, after = sides.touched(quantities(sides.left), quantities(sides.right))
    for old, new in _paired_quantities(sides, before, after):
        if old.same_amount != new.same_amount:
            spans = (old.start, old.end), (new.start, new.end)
            yield sides.change(old.kind, old.text, new.text, *spans, _note(old, new))
    for old in before:
        yield sides.change(old.kind, old.text, "", (old.start, old.end), None)
    for new in after:
        yield sides.change(new.kind, "", new.text, None, (new.start, new.end))


def _paired_quantities(
    sides: PairTexts, before: list[Quantity], after: list[Quantity]
) -> list[tuple[Quantity, Quantity]]:
    """Pairs of a quantity before and one after that state the same requirement; the
    pairs' quantities leave ``before`` and ``after``."""
    paired = []
    for old in list(before):
        new = next(
            (
                q
                for q in after
                if comparable(old, q)
                and sides.offsets.same_clause(sides.left, old.start, sides.right, q.start)
            ),
            None,
        )
        if new is not None:
            paired.append((old, new))
            before.remove(old)
            after.remove(new)
    # A deadline or a frequency restated in a sentence written anew: when one of a kind
    # is left on each side, it is the same requirement.
    for kind in (ChangeKind.DEADLINE, ChangeKind.FREQUENCY):
        olds = [q for q in before if q.kind is kind]
        news = [q for q in after if q.kind is kind]
        if len(olds) == 1 and len(news) == 1:
            paired.append((olds[0], news[0]))
            before.remove(olds[0])
            after.remove(news[0])
    return paired


def _note(old: Quantity, new: Quantity) -> str:
    """频次减少（每年3次 → 每年2次）, 期限缩短."""
    way = direction(old, new)
    if not way:
        return ""
    if old.kind is ChangeKind.FREQUENCY and old.per_year and new.per_year:
        before = f"每年{_figure(old.per_year)}{old.unit}"
        after = f"每年{_figure(new.per_year)}{new.unit}"
        return f"{way}（折合{before} → {after}）"
    return way


def _figure(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


# Bodies and citations -----------------------------------------------------------


def mention_changes(
    sides: PairTexts, kind: ChangeKind, left: list[Mention], right: list[Mention]
) -> Iterator[Change]:
    """Names an edit inside a clause takes out of that clause or brings into it; what
    one edit takes out and brings in is one replacement (镇 -> 街道). A sentence taken or
    brought whole speaks for itself in the diff."""
    if kind is ChangeKind.CITATION:
        same = lambda a, b: same_law(a, b, sides.aliases)  # noqa: E731
    else:
        same = lambda a, b: a.replace("的", "") == b.replace("的", "")  # noqa: E731
    seen: set[tuple[str, str]] = set()
    for region in _edits_by_mention(sides.regions, left, right):
        if region.whole_sentence:
            continue
        gone = [
            m
            for m in _within(left, region.left_start, region.left_end)
            if not any(same(m.name, n.name) for n in sides.right_clause_mentions(m, right))
        ]
        came = [
            m
            for m in _within(right, region.right_start, region.right_end)
            if not any(same(m.name, o.name) for o in sides.left_clause_mentions(m, left))
        ]
        if kind is ChangeKind.BODY:
            gone, came = grouped(sides.left, gone), grouped(sides.right, came)
        for old, new in _replacements(gone, came):
            key = (old.name if old else "", new.name if new else "")
            if key not in seen:
                seen.add(key)
                yield sides.change(
                    kind,
                    *key,
                    (old.start, old.end) if old else None,
                    (new.start, new.end) if new else None,
                )


def _replacements(
    gone: list[Mention], came: list[Mention]
) -> list[tuple[Mention | None, Mention | None]]:
    """What one edit takes out and brings in, paired: names that share characters, the
    most alike first (代表行业小组 -> 代表专业小组, 主任会议 -> 常委会办公厅), then levels in
    order (镇 -> 街道). The rest stand alone: a new organ brought into a rewritten clause
    has not replaced the one taken out (办事机构、工作机构 / 主席团)."""
    gone, came = list(gone), list(came)
    pairs: list[tuple[Mention | None, Mention | None]] = []
    for old, new in sorted(
        ((o, n) for o in gone for n in came),
        key=lambda pair: -len(set(pair[0].name) & set(pair[1].name)),
    ):
        if old in gone and new in came and set(old.name) & set(new.name):
            pairs.append((old, new))
            gone.remove(old)
            came.remove(new)
    levels = [
        (o, n) for o, n in zip(gone, came, strict=False) if is_levels(o.name) and is_levels(n.name)
    ]
    for old, new in levels:
        pairs.append((old, new))
        gone.remove(old)
        came.remove(new)
    pairs += [(old, None) for old in gone] + [(None, new) for new in came]
    return sorted(pairs, key=_first_start)


def _first_start(pair: tuple[Mention | None, Mention | None]) -> int:
    old, new = pair
    return old.start if old is not None else new.start if new is not None else 0


def _edits_by_mention(
    edits: list[Region], left: list[Mention], right: list[Mention]
) -> list[Region]:
    """Edits that touch one name taken together:
    ``{+《中华人民共和国+}治安管理[-处罚条例-]{+处罚法》+}`` is one replacement of a title,
    not an addition and a replacement."""
    merged: list[Region] = []
    for edit in edits:
        if merged and _share_a_mention(merged[-1], edit, left, right):
            last = merged[-1]
            merged[-1] = Region(
                last.left_start,
                edit.left_end,
                last.right_start,
                edit.right_end,
                last.deleted + edit.deleted,
                last.inserted + edit.inserted,
            )
        else:
            merged.append(edit)
    return merged


def _share_a_mention(a: Region, b: Region, left: list[Mention], right: list[Mention]) -> bool:
    return any(
        _within([m], a.left_start, a.left_end) and _within([m], b.left_start, b.left_end)
        for m in left
    ) or any(
        _within([m], a.right_start, a.right_end) and _within([m], b.right_start, b.right_end)
        for m in right
    )


def _within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    if start == end:
        return []
    return [m for m in mentions if m.start < end and start < m.end]


def _outside_effect(text: str, mentions: list[Mention]) -> list[Mention]:
    """Citations outside the repeal clause (the law it repeals is the effect change)."""
    return [m for m in mentions if "废止" not in text[m.end : m.end + 12]]


# Commencement and repeal ---------------------------------------------------------


def effect_changes(sides: PairTexts) -> Iterator[Change]:
    """The commencement moved (``2002年7月1日起施行`` -> ``年  月  日起施行``), a repeal
    added or dropped."""
    old, new = _COMMENCEMENT.search(sides.left), _COMMENCEMENT.search(sides.right)
    if old and new and folded(old["when"]).replace(" ", "") != folded(new["when"]).replace(" ", ""):
        yield sides.change(
            ChangeKind.EFFECT, old["when"], new["when"], old.span("when"), new.span("when")
        )
    repeal_before, repeal_after = "同时废止" in sides.left, "同时废止" in sides.right
    if repeal_before != repeal_after:
        text = sides.left if repeal_before else sides.right
        at = text.index("同时废止")
        span = (at, at + 4)
        if repeal_before:
            yield sides.change(ChangeKind.EFFECT, "同时废止", "", span, None)
        else:
            yield sides.change(ChangeKind.EFFECT, "", "同时废止", None, span)


# Obligations --------------------------------------------------------------------


def obligation_changes(sides: PairTexts) -> Iterator[Change]:
    """A modal replaced by another for the same action (可以 -> 应当), a duty entering or
    leaving a clause that stays, 不得 in or out.

    A modal of a whole sentence deleted or added goes with that sentence (the text
    change says it), except 不得 / 禁止, which always count. A modal that only moved
    within its sentence (在…时，应当 -> 应当认真…) is no change.
    """
    gone: list[tuple[_ModalUse, Region]] = []
    came: list[tuple[_ModalUse, Region]] = []
    for region in sides.regions:
        taken, brought, replaced = _modals_of(sides, region)
        for old, new in replaced:
            yield sides.change(ChangeKind.OBLIGATION, old[0], new[0], old[1], new[1])
        gone += [(use, region) for use in taken]
        came += [(use, region) for use in brought]
    _drop_moved(sides, gone, came)
    for (modal, span, _), region in gone:
        if _counts_alone(modal, region):
            yield sides.change(ChangeKind.OBLIGATION, modal, "", span, None)
    for (modal, span, _), region in came:
        if _counts_alone(modal, region):
            yield sides.change(ChangeKind.OBLIGATION, "", modal, None, span)


def _modals_of(
    sides: PairTexts, region: Region
) -> tuple[list[_ModalUse], list[_ModalUse], list[tuple[_ModalUse, _ModalUse]]]:
    """The modals one edit takes out and brings in, and those of them that replace one
    another (both governing the same action)."""
    before = _modal_uses(sides.left, region.left_start, region.left_end)
    after = _modal_uses(sides.right, region.right_start, region.right_end)
    taken = [u for u in before if u[0] not in {a[0] for a in after}]
    brought = [u for u in after if u[0] not in {b[0] for b in before}]
    replaced = []
    for old in list(taken):
        new = next((u for u in brought if _same_action(u[2], old[2])), None)
        if new is not None:
            taken.remove(old)
            brought.remove(new)
            replaced.append((old, new))
    return taken, brought, replaced


def _drop_moved(
    sides: PairTexts,
    gone: list[tuple[_ModalUse, Region]],
    came: list[tuple[_ModalUse, Region]],
) -> None:
    """Take out of ``gone`` and ``came`` the modals that only moved within a sentence."""
    for out in list(gone):
        moved = next((back for back in came if _moved(sides, out[0], back[0])), None)
        if moved is not None:
            gone.remove(out)
            came.remove(moved)


def _moved(sides: PairTexts, old: _ModalUse, new: _ModalUse) -> bool:
    """The same modal, out of a clause and back into the clause it became."""
    return old[0] == new[0] and sides.offsets.same_clause(
        sides.left, old[1][0], sides.right, new[1][0]
    )


def _counts_alone(modal: str, region: Region) -> bool:
    """Is a modal that comes or goes without a counterpart a change of obligation? A
    prohibition always is; a duty when it enters or leaves a clause that stays; a
    permission (可以, 有权) alone never (并可以应邀列席 grants nothing new)."""
    if modal in _PROHIBITIONS:
        return True
    return modal in _DUTIES and not region.whole_sentence


# A modal verb used: the verb, its span, and the action it governs (the rest of its clause).
_ModalUse = tuple[str, tuple[int, int], str]


def _modal_uses(text: str, start: int, end: int) -> list[_ModalUse]:
    """(modal, its span, the action it governs: the rest of its clause) in ``text[start:end]``."""
    uses = []
    for modal in MODALS:
        for match in re.finditer(modal, text[start:end]):
            at = start + match.start()
            rest = re.split("[。；：\n]", text[at + len(modal) :], maxsplit=1)[0]
            uses.append((modal, (at, at + len(modal)), rest))
    return sorted(uses, key=lambda u: u[1])


def _same_action(a: str, b: str) -> bool:
    """Two modals govern the same action when what follows them shares two bigrams
    (应当及时向代表通报 / 可以…自行向代表通报)."""
    grams = lambda s: {s[k : k + 2] for k in range(len(s) - 1)} - {"代表"}  # noqa: E731
    return len(grams(a[:30]) & grams(b[:30])) >= 2
