"""The 对照表 as plain rows: what every export of a comparison is made of.

One row per article pair of an alignment, in the alignment's reading order, with
both original texts and, for a revision, the diff ops that mark deletions and
additions. DOCX, XLSX, CSV and JSON exports all render these rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from comparator.compare.diff import EQUAL, INSERT, Op
from comparator.library import Library
from comparator.vocabulary import CROSS_STATUS_LABELS, STATUS_LABELS, Kind, Status


@dataclass(frozen=True)
class Side:
    regulation: str
    number: int | None
    label: str  # 第十三条, or "" for an empty side
    text: str  # the article as published, "" for an empty side


@dataclass(frozen=True)
class TableRow:
    left: Side
    right: Side
    status: Status
    status_label: str  # in Chinese, as the site shows it
    similarity: float
    ops: tuple[Op, ...]  # diff of left into right (revisions with both sides), else ()
    changes: tuple[str, ...] = ()  # what the change summary says of this row

    @property
    def text_unchanged(self) -> bool:
        return self.status in (Status.UNCHANGED, Status.RENUMBERED)


@dataclass(frozen=True)
class ComparisonTable:
    left: str
    right: str
    left_title: str
    right_title: str
    kind: Kind
    rows: tuple[TableRow, ...]
    sources: dict[str, str] = field(default_factory=dict)  # regulation id -> sha256


def comparison_table(
    library: Library, left: str, right: str, kind: Kind | None = None
) -> ComparisonTable:
    alignment = library.alignment(left, right, kind)
    labels = STATUS_LABELS if alignment.kind is Kind.REVISION else CROSS_STATUS_LABELS
    left_regulation, right_regulation = library.regulation(left), library.regulation(right)

    def side(regulation, number: int | None) -> Side:
        if number is None:
            return Side(regulation.id, None, "", "")
        article = regulation.article(number)
        return Side(regulation.id, number, article.label, article.text)

    summary = library.summary(left, right, alignment.kind)
    rows = []
    for pair in alignment.pairs:
        ops: tuple[Op, ...] = ()
        if alignment.kind is Kind.REVISION and pair.left is not None and pair.right is not None:
            ops = tuple(library.diff(left, pair.left, right, pair.right))
        rows.append(
            TableRow(
                side(left_regulation, pair.left),
                side(right_regulation, pair.right),
                pair.status,
                labels[pair.status],
                pair.similarity,
                ops,
                tuple(change.describe() for change in summary.for_pair(pair.left, pair.right)),
            )
        )
    sources = {}
    for regulation_id in (left, right):
        if regulation_id in library.catalog.entries:
            sources[regulation_id] = library.catalog.entry(regulation_id).sha256
    return ComparisonTable(
        left,
        right,
        left_regulation.title,
        right_regulation.title,
        alignment.kind,
        tuple(rows),
        sources,
    )


def runs(row: TableRow, side: str) -> list[tuple[str, str]]:
    """The text of one side as ``(kind, text)`` runs: ``equal``, ``delete`` or ``insert``.

    The left side holds equal and deleted runs, the right side equal and inserted
    ones; a side without a diff is one equal run (or one deleted / inserted run for
    an article that was deleted / added by a revision).
    """
    text = row.left.text if side == "left" else row.right.text
    if not row.ops:
        if row.status is Status.DELETED and side == "left":
            return [("delete", text)] if text else []
        if row.status is Status.ADDED and side == "right":
            return [(INSERT, text)] if text else []
        return [(EQUAL, text)] if text else []
    result = []
    for op in row.ops:
        if op[0] == EQUAL:
            result.append((EQUAL, op[1] if side == "left" else op[-1]))
        elif (op[0] == "delete") == (side == "left"):
            result.append((op[0], op[1]))
    return result
