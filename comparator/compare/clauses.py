"""Clauses: the stretch of an article a change is read in, and quoted with.

A clause runs from the character after the previous ``。；：`` (or line break) to the
next one, inclusive. A change is paired with its counterpart only inside the same
clause, and a summary quotes the whole clause on each side, so a reader sees the
change in its sentence.

Offsets on the two sides are related through the diff: ``OffsetMap`` carries a left
offset to the right text (an offset inside a deletion goes to where the deletion
stands on the right).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from comparator.compare.diff import DELETE, EQUAL, INSERT, Op

BOUNDARIES = "。；：;:\n"
ELLIPSIS = "……"


def clause_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The clause (or run of clauses) holding ``text[start:end]``."""
    end = start if end is None else end
    opening = max(text.rfind(mark, 0, start) for mark in BOUNDARIES) + 1
    closing = len(text)
    for mark in BOUNDARIES:
        found = text.find(mark, max(end - 1, start))
        if found != -1:
            closing = min(closing, found + (mark != "\n"))  # a mark closes its clause
    return opening, max(closing, opening)


def quoted(text: str, start: int, end: int, limit: int = 80) -> str:
    """The clause around ``text[start:end]``, in the published characters; when longer
    than ``limit``, cut around the change with an ellipsis on each side cut."""
    opening, closing = clause_span(text, start, end)
    if opening == closing and start > 0:  # at the end of a sentence: quote that sentence
        opening, closing = clause_span(text, start - 1)
    if closing - opening <= limit:
        return text[opening:closing]
    room = max(limit - (end - start), 0) // 2
    cut_start = max(opening, start - room)
    cut_end = min(closing, max(end, start) + room)
    head = ELLIPSIS if cut_start > opening else ""
    tail = ELLIPSIS if cut_end < closing else ""
    return head + text[cut_start:cut_end] + tail


def whole_sentence(deleted: str, inserted: str) -> bool:
    """Does an edit take or bring a whole sentence or paragraph (rather than change words
    inside a clause that stays)?"""
    return any(mark in text for text in (deleted, inserted) for mark in "。\n")


@dataclass(frozen=True)
class Region:
    """A run of deletions and insertions between two equal ops, with its offsets."""

    left_start: int
    left_end: int
    right_start: int
    right_end: int
    deleted: str
    inserted: str

    @property
    def whole_sentence(self) -> bool:
        return whole_sentence(self.deleted, self.inserted)


def regions(ops: Sequence[Op]) -> list[Region]:
    found = []
    left_at = right_at = 0
    current: list[int] | None = None  # left start, right start
    deleted = inserted = ""
    for op in [*ops, (EQUAL, "")]:
        if op[0] == EQUAL:
            if current is not None:
                found.append(Region(current[0], left_at, current[1], right_at, deleted, inserted))
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
    return found


class OffsetMap:
    """Carries offsets of the left text to the right text through a diff."""

    def __init__(self, ops: Sequence[Op]) -> None:
        self._left: list[int] = []  # start of each equal op, left side
        self._right: list[int] = []
        self._length: list[int] = []
        left_at = right_at = 0
        for op in ops:
            if op[0] == EQUAL:
                self._left.append(left_at)
                self._right.append(right_at)
                self._length.append(len(op[1]))
                left_at += len(op[1])
                right_at += len(op[-1])
            elif op[0] == DELETE:
                left_at += len(op[1])
            else:
                right_at += len(op[1])
        self._regions = regions(ops)

    def right_of(self, left_offset: int) -> int:
        k = bisect.bisect_right(self._left, left_offset) - 1
        if k < 0:
            return 0
        inside = left_offset - self._left[k]
        if inside <= self._length[k]:
            return self._right[k] + inside
        return self._right[k] + self._length[k]  # inside a deletion: where it stood

    def right_range(self, start: int, end: int) -> tuple[int, int]:
        """Where ``left[start:end]`` stands on the right: an end inside an edit reaches
        over all that the edit put in its place."""
        low, high = self.right_of(start), self.right_of(end)
        for region in self._regions:
            if region.left_start <= start <= region.left_end:
                low = min(low, region.right_start)
            if region.left_start <= end <= region.left_end:
                high = max(high, region.right_end)
        return low, high

    def left_of(self, right_offset: int) -> int:
        """The left offset standing where ``right_offset`` stands (the inverse map)."""
        k = bisect.bisect_right(self._right, right_offset) - 1
        if k < 0:
            return 0
        inside = right_offset - self._right[k]
        return self._left[k] + min(inside, self._length[k])

    def same_clause(self, left_text: str, left_at: int, right_text: str, right_at: int) -> bool:
        """Do a left offset and a right offset stand in clauses that correspond?"""
        low, high = self.right_range(*clause_span(left_text, left_at))
        right_opening, right_closing = clause_span(right_text, right_at)
        return right_opening <= high and low <= right_closing

    def right_clause(self, left_text: str, left_at: int, right_text: str) -> tuple[int, int]:
        """The span of the right text that the left clause at ``left_at`` became."""
        low, high = self.right_range(*clause_span(left_text, left_at))
        return clause_span(right_text, low)[0], clause_span(right_text, max(high - 1, low))[1]
