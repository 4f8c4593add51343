"""The three-way view as plain rows: a revision and a third text on the same matters.

One row per matter, in the new text's order: the old text's articles, the new
article (diffed against the old one when there is exactly one), and the third
text's articles paired with it. Articles the revision deleted keep their row,
struck through; the third text's articles no row has shown close the table. The
site's page and the DOCX are both made of these rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from comparator.compare.diff import Op
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.table import Run, row_id, side_runs
from comparator.model import Regulation, article_id
from comparator.vocabulary import OpKind, Side, Status


@dataclass(frozen=True)
class Facing:
    """An alignment read from one of its two texts (``flipped``: that text is its right)."""

    alignment: Alignment
    flipped: bool

    def partners(self, node_id: str) -> list[ArticlePair]:
        """The pairs of an article of this text that have an article of the other."""
        return [p for p in self.alignment.partners(node_id) if self.theirs(p) is not None]

    def theirs(self, pair: ArticlePair) -> int | None:
        """The other text's article number in a pair."""
        return pair.left if self.flipped else pair.right


@dataclass(frozen=True)
class ThreeWayArticle:
    regulation: str
    number: int
    label: str  # 第十三条
    runs: tuple[Run, ...]  # the text, marked where the revision changed it


@dataclass(frozen=True)
class ThreeWayRow:
    # row-<new>-<old…> (a new article: -<other…>); deleted: row-x-<old>; the third
    # text alone: row-x-x-<other>
    id: str
    old: tuple[ThreeWayArticle, ...]  # the old text's articles on this matter
    new: ThreeWayArticle | None  # None when the revision deleted them, or the third text alone
    other: tuple[ThreeWayArticle, ...]  # the third text's articles on this matter
    status: Status | None  # what the revision did (None: the third text alone)
    # Beside each of ``other``: its pair with the new article, which says why it is here.
    other_pairs: tuple[ArticlePair | None, ...]


@dataclass(frozen=True)
class ThreeWayTable:
    old: str  # regulation ids
    new: str
    other: str
    rows: tuple[ThreeWayRow, ...]

    @property
    def ids(self) -> tuple[str, str, str]:
        return (self.old, self.new, self.other)


def three_way_table(
    old: Regulation,
    new: Regulation,
    other: Regulation,
    revision: Alignment,
    new_other: Facing,
    old_other: Facing,
    diffs: Mapping[tuple[str, str], Sequence[Op]],
) -> ThreeWayTable:
    """The rows of the three-way view.

    ``revision`` aligns ``old`` with ``new``; ``new_other`` and ``old_other`` are the
    comparisons of each with ``other``, read from ``new`` and ``old``; ``diffs`` holds the
    diff of every revision pair with both articles, by node ids.
    """
    statuses: dict[int, Status] = {}
    for pair in revision.pairs:
        if pair.right is not None:
            statuses.setdefault(pair.right, pair.status)

    def plain(regulation: Regulation, number: int, kind: OpKind = OpKind.EQUAL) -> ThreeWayArticle:
        article = regulation.article(number)
        return ThreeWayArticle(regulation.id, number, article.label, ((kind, article.text),))

    rows: list[ThreeWayRow] = []
    shown_new: set[int] = set()
    shown_other: set[int] = set()
    for pair in revision.pairs:
        if pair.right is None and pair.left is not None:  # deleted: struck through
            found = old_other.partners(pair.left_id or "")
            numbers = [old_other.theirs(p) or 0 for p in found]
            shown_other.update(numbers)
            rows.append(
                ThreeWayRow(
                    row_id(None, [pair.left]),
                    (plain(old, pair.left, OpKind.DELETE),),
                    None,
                    tuple(plain(other, n) for n in numbers),
                    Status.DELETED,
                    (None,) * len(numbers),  # no new article for them to stand beside
                )
            )
        elif pair.right is not None and pair.right not in shown_new:
            shown_new.add(pair.right)
            lefts = [p.left for p in revision.partners(pair.right_id or "") if p.left is not None]
            if len(lefts) == 1:
                ops = diffs[(article_id(old.id, lefts[0]), pair.right_id or "")]
                old_articles: tuple[ThreeWayArticle, ...] = (
                    _marked(old, lefts[0], side_runs(ops, Side.LEFT)),
                )
                new_article = _marked(new, pair.right, side_runs(ops, Side.RIGHT))
            else:  # merged from several, or new: the old articles as they stand
                old_articles = tuple(plain(old, n) for n in lefts)
                new_article = plain(new, pair.right, OpKind.EQUAL if lefts else OpKind.INSERT)
            found = new_other.partners(pair.right_id or "")
            numbers = [new_other.theirs(p) or 0 for p in found]
            shown_other.update(numbers)
            rows.append(
                ThreeWayRow(
                    # A new article's row is named after the other text's: links kept working.
                    row_id(pair.right, lefts or numbers),
                    old_articles,
                    new_article,
                    tuple(plain(other, n) for n in numbers),
                    statuses.get(pair.right),
                    tuple(found),
                )
            )
    rows += [  # row-x-x-7: an id no deleted article's row (row-x-7) can take
        ThreeWayRow(
            row_id(None, None, [a.number]), (), None, (plain(other, a.number),), None, (None,)
        )
        for a in other.articles
        if a.number not in shown_other
    ]
    return ThreeWayTable(old.id, new.id, other.id, tuple(rows))


def _marked(regulation: Regulation, number: int, runs: list[Run]) -> ThreeWayArticle:
    return ThreeWayArticle(regulation.id, number, regulation.article(number).label, tuple(runs))
