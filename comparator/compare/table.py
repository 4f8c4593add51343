"""The 对照表 as plain rows: what the comparison page and every export are made of.

One row per article pair of an alignment, in the alignment's reading order, with
both original texts and, for a revision, the diff ops that mark deletions and
additions. ``side_runs`` says how one side of a diff reads; the site, the DOCX and
the XLSX all mark the runs it gives.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from comparator.compare.change import Change
from comparator.compare.changes import Summary
from comparator.compare.diff import Op
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.model import Regulation
from comparator.vocabulary import TEXT_UNCHANGED, Kind, OpKind, Side, Status, status_label

# A stretch of one side's text and how it reads there: shared, deleted or added.
Run = tuple[OpKind, str]
_EQUAL, _DELETE, _INSERT = OpKind.EQUAL, OpKind.DELETE, OpKind.INSERT  # read in loops


@dataclass(frozen=True)
class TableSide:
    regulation: str
    number: int | None
    label: str  # 第十三条, or "" for an empty side
    text: str  # the article as published, "" for an empty side


@dataclass(frozen=True)
class TableRow:
    left: TableSide
    right: TableSide
    status: Status
    status_label: str  # in Chinese, as the site shows it
    similarity: float
    ops: tuple[Op, ...]  # diff of left into right (revisions with both sides), else ()
    changes: tuple[str, ...] = ()  # what the change summary says of this row
    notes: tuple[str, ...] = ()  # the passages of the new text's 说明 that cite its article
    pair: ArticlePair | None = None  # the pair the row shows: who made it, and why
    # The chapters that open at this row, on each side: 第二章　联系代表 ("" for none).
    opens: tuple[str, str] = ("", "")

    @property
    def text_unchanged(self) -> bool:
        return self.status in TEXT_UNCHANGED

    @property
    def id(self) -> str:
        """The row's anchor on the comparison page: ``row-3-4``, ``row-x-2``."""
        return row_id(self.left.number, self.right.number)


@dataclass(frozen=True)
class ChangeLine:
    """One entry of the change summary, with the articles it concerns as written."""

    where: str  # 第八条 → 第九条
    change: Change


@dataclass(frozen=True)
class ComparisonTable:
    left: str
    right: str
    left_title: str
    right_title: str
    kind: Kind
    rows: tuple[TableRow, ...]
    sources: dict[str, str] = field(default_factory=dict)  # regulation id -> sha256
    change_lines: tuple[ChangeLine, ...] = ()  # the change summary, in its order

    @property
    def has_notes(self) -> bool:
        """Does a 说明 explain some row (the 修改说明 column is shown)?"""
        return any(row.notes for row in self.rows)


def row_id(*columns: int | Sequence[int] | None) -> str:
    """A row's anchor from the article numbers in its columns (``x`` for an empty one).

    ``row_id(3, 4)`` is ``row-3-4``; a column holding several articles joins them
    (``row_id(5, [2, 3])`` is ``row-5-2-3``).
    """
    parts = []
    for column in columns:
        if column is None:
            parts.append("x")
        elif isinstance(column, int):
            parts.append(str(column))
        else:
            parts.append("-".join(map(str, column)))
    return "row-" + "-".join(parts)


def comparison_table(
    left: Regulation,
    right: Regulation,
    alignment: Alignment,
    diffs: Mapping[tuple[str, str], Sequence[Op]],
    summary: Summary,
    sources: dict[str, str],
    notes: Mapping[str, Sequence[str]] | None = None,
) -> ComparisonTable:
    """The rows of a comparison.

    ``diffs`` holds the character diff of every pair of a revision that has both
    articles (``table_pairs``); ``sources`` the sha256 of each catalogued source text;
    ``notes`` the passages of a 说明 about each right-hand article, by its node id.
    """
    notes = notes or {}
    rows = []
    openings = _chapter_openings(left), _chapter_openings(right)
    if alignment.kind is Kind.CROSS:
        openings = openings[0], {}  # the right text's articles are not in its order
    for pair in alignment.pairs:
        ops: tuple[Op, ...] = ()
        if pair in table_pairs(alignment):
            ops = tuple(diffs[pair.ids])
        rows.append(
            TableRow(
                _side(left, pair.left),
                _side(right, pair.right),
                pair.status,
                status_label(pair.status, alignment.kind),
                pair.similarity,
                ops,
                tuple(change.describe() for change in summary.for_pair(pair)),
                tuple(notes.get(pair.right_id or "", ())),
                pair,
                (openings[0].pop(pair.left, ""), openings[1].pop(pair.right, "")),
            )
        )
    lines = tuple(
        ChangeLine(" → ".join(label for label in summary.cited(change) if label), change)
        for change in summary.changes
    )
    return ComparisonTable(
        left.id, right.id, left.title, right.title, alignment.kind, tuple(rows), sources, lines
    )


def _chapter_openings(regulation: Regulation) -> dict[int | None, str]:
    """The first article of each chapter -> the chapter's heading (第二章　联系代表…)."""
    return {
        min(chapter.articles): f"{chapter.label}\u3000{chapter.title}"
        for chapter in regulation.chapters
        if chapter.articles
    }


def table_pairs(alignment: Alignment) -> list[ArticlePair]:
    """The pairs whose diff a table shows: both articles of a revision."""
    if alignment.kind is not Kind.REVISION:
        return []
    return [p for p in alignment.pairs if p.left_id is not None and p.right_id is not None]


def _side(regulation: Regulation, number: int | None) -> TableSide:
    if number is None:
        return TableSide(regulation.id, None, "", "")
    article = regulation.article(number)
    return TableSide(regulation.id, number, article.label, article.text)


def side_runs(ops: Sequence[Op], side: Side) -> list[Run]:
    """One side of a diff: the left text with its deleted runs, or the right text with its
    inserted runs; the runs both share are ``equal`` (in that side's own characters)."""
    left = side is Side.LEFT
    own = _DELETE if left else _INSERT  # the kind of op only this side has
    runs: list[Run] = []
    for op in ops:
        if op[0] == _EQUAL:
            runs.append((_EQUAL, op[1] if left else op[-1]))
        elif op[0] == own:
            runs.append((own, op[1]))
    return runs


def row_runs(kind: Kind, row: TableRow, side: Side) -> list[Run]:
    """One side of a table row, as the site and the exports mark it.

    A revision: the runs of its diff; an article it deleted (or added) is one deleted
    (or added) run. Across jurisdictions nothing was deleted or added: the text is
    one ``equal`` run. An empty side has no run.
    """
    if row.ops:
        return side_runs(row.ops, side)
    text = row.left.text if side is Side.LEFT else row.right.text
    if not text:
        return []
    if kind is Kind.REVISION and row.status is Status.DELETED and side is Side.LEFT:
        return [(OpKind.DELETE, text)]
    if kind is Kind.REVISION and row.status is Status.ADDED and side is Side.RIGHT:
        return [(OpKind.INSERT, text)]
    return [(OpKind.EQUAL, text)]
