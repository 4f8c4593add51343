"""The comparison pages: the 对照表 with its change summary, and the three-way view.

The 对照表 of a page is the one every export is made of (``Library.table``): the same
rows, the same runs of each side (``compare.table.row_runs``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from comparator.catalog import Comparison, ThreeWay
from comparator.compare.change import excerpt
from comparator.compare.changes import Change, Summary
from comparator.compare.highlights import highlights
from comparator.compare.table import Run, TableRow, TableSide, row_id, row_runs
from comparator.compare.three_way import ThreeWayArticle
from comparator.model import Regulation
from comparator.publish.export import THREE_WAY_FORMATS, formats_of
from comparator.publish.reasons import Reason, reason_of
from comparator.publish.site.context import (
    Cell,
    Site,
    SitePage,
    comparison_title,
    headline,
    three_way_title,
)
from comparator.publish.site.paths import comparison_file, comparison_page, link_file
from comparator.vocabulary import CHANGE_GROUPS, ChangeKind, Kind, OpKind, Side, Status

# Comparison pages ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """A row of the 对照表 as the page shows it."""

    id: str
    status: Status
    hideable: bool  # the text did not change: a reader may hide the row
    left: Cell | None
    right: Cell | None
    similarity: float | None  # shown across jurisdictions, for a pair with both sides
    notes: tuple[str, ...] = ()  # the 说明's passages on the new article
    reason: Reason | None = None  # across jurisdictions: why the two stand together
    opens: tuple[str, str] = ("", "")  # the chapters that open here, on each side
    # Across jurisdictions, every counterpart of the left article, the most alike first
    # (one row per left article: its text is not repeated).
    partners: tuple[Partner, ...] = ()


@dataclass(frozen=True)
class Partner:
    """One counterpart of a left article in a cross-jurisdiction row."""

    row_id: str  # the pair's own anchor (row-2-25): links to it still land here
    cell: Cell
    status: Status
    similarity: float | None
    reason: Reason | None


# The row filters of a 对照表: (address, label). The stylesheet says what each shows.
REVISION_FILTERS = (("all", "全部"), ("changed", "仅修改"), ("added", "新增"), ("deleted", "删除"))
CROSS_FILTERS = (("all", "全部"), ("paired", "有对应的条文"), ("one-side", "仅见于一方"))


@dataclass(frozen=True)
class ChangeItem:
    """One line of the change summary."""

    kind: ChangeKind
    before: str
    after: str
    where: str  # 第三条 → 第四条
    row_href: str
    excerpt: str = ""  # the first words of an article added or deleted
    left_labels: str = ""  # a renamed term: every article it touches on each side
    right_labels: str = ""
    note: str = ""  # 减少（折合每年3次 → 每年2次）
    # Each side's clause, cut around the change: (text before, the change, text after).
    before_clause: tuple[str, str, str] = ("", "", "")
    after_clause: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True)
class PointPart:
    """A change a sentence of 本次修订要点 tells, and the row it links to."""

    text: str
    href: str


def comparison_view(site: Site, comparison: Comparison) -> SitePage:
    here = comparison_page(comparison.left, comparison.right)
    left, right = site.entry(comparison.left), site.entry(comparison.right)
    table = site.library.table(comparison.left, comparison.right, comparison.kind)
    revision = comparison.kind is Kind.REVISION
    if revision:
        heads = (f"修订前：{left.title}", f"修订后：{right.title}")
        labels = ("修订前", "修订后")
    else:
        heads = (f"{left.jurisdiction}：{left.title}", f"{right.jurisdiction}：{right.title}")
        labels = (left.short_title, right.short_title)
    summary = site.library.summary(comparison.left, comparison.right, comparison.kind)
    title = comparison_title(site, comparison)
    content = site.render(
        "comparison.md.jinja",
        title=title,
        kind=comparison.kind,
        heads=heads,
        labels=labels,
        views=site.views_of((comparison.left, comparison.right), here),
        filters=REVISION_FILTERS if revision else CROSS_FILTERS,
        counts=headline(site.alignments[comparison.slug]),
        downloads=[
            (link_file(here, comparison_file(comparison.slug, f)), label)
            for f, label in formats_of(comparison.kind).items()
            if site.downloads
        ],
        changes=change_groups(site, summary),
        points=revision_points(summary) if revision else [],
        rows=_rows(site, comparison.kind, table.rows, here),
        notes=table.has_notes,
    )
    return SitePage(here, title, content)


def _rows(site: Site, kind: Kind, rows: tuple[TableRow, ...], here: str) -> list[Row]:
    """The page's rows: one per table row for a revision; across jurisdictions one per
    left article, its counterparts inside, the most alike first."""
    shown = [_row(site, kind, row, here) for row in rows]
    if kind is Kind.REVISION:
        return shown
    grouped: list[Row] = []
    last_left: int | None = None
    for row, source in zip(shown, rows, strict=True):
        number = source.left.number
        if grouped and number is not None and number == last_left:
            grouped[-1] = _with_partners(grouped[-1], [_partner(row)])
        else:
            grouped.append(_with_partners(row, []))
        last_left = number
    return grouped


def _partner(row: Row) -> Partner:
    assert row.right is not None
    return Partner(row.id, row.right, row.status, row.similarity, row.reason)


def _with_partners(row: Row, others: list[Partner]) -> Row:
    """``row`` with more counterparts of its left article, the most alike first."""
    partners = list(row.partners) or ([_partner(row)] if row.right is not None else [])
    partners = sorted([*partners, *others], key=lambda p: -(p.similarity or 0.0))
    if not partners:
        return row
    first = partners[0]
    return replace(
        row,
        right=first.cell,
        status=first.status,
        similarity=first.similarity,
        reason=first.reason,
        partners=tuple(partners),
    )


def _row(site: Site, kind: Kind, row: TableRow, here: str) -> Row:
    both = row.left.number is not None and row.right.number is not None
    reason = reason_of(site.library, row.pair) if kind is Kind.CROSS and both else None
    shared = reason.words if reason is not None else ()

    def cell(side: TableSide, which: Side) -> Cell | None:
        if side.number is None:
            return None
        runs = marked(row_runs(kind, row, which), shared)
        return site.cell(side.regulation, side.number, runs, here)

    return Row(
        row.id,
        row.status,
        row.text_unchanged,
        cell(row.left, Side.LEFT),
        cell(row.right, Side.RIGHT),
        row.similarity if kind is Kind.CROSS and both else None,
        row.notes,
        reason,
        row.opens,
    )


def marked(runs: list[Run], words: tuple[str, ...]) -> list[Run]:
    """``runs`` with each of ``words`` in an ``equal`` run set apart as a ``shared`` run,
    so that a reader sees what two articles have in common."""
    if not words:
        return runs
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    result: list[Run] = []
    for kind, text in runs:
        if kind is not OpKind.EQUAL:
            result.append((kind, text))
            continue
        position = 0
        for match in pattern.finditer(text):
            if match.start() > position:
                result.append((kind, text[position : match.start()]))
            result.append((OpKind.SHARED, match.group()))
            position = match.end()
        if position < len(text):
            result.append((kind, text[position:]))
    return result


def change_groups(site: Site, summary: Summary) -> list[tuple[str, list[ChangeItem]]]:
    """What changed, grouped by kind, each item linked to its row of the 对照表."""
    left, right = site.regulation(summary.left), site.regulation(summary.right)
    groups = []
    for kind, heading in CHANGE_GROUPS.items():
        items = [_change_item(c, left, right) for c in summary.changes if c.kind is kind]
        if items:
            groups.append((heading, items))
    return groups


def _change_item(change: Change, left: Regulation, right: Regulation) -> ChangeItem:
    left_labels, right_labels = _labels(left, change.left), _labels(right, change.right)
    if change.kind is ChangeKind.TERM:
        return ChangeItem(
            change.kind, change.before, change.after, "", "", "", left_labels, right_labels
        )
    where = " → ".join(part for part in (left_labels, right_labels) if part)
    if change.whole_article:
        return ChangeItem(
            change.kind, "", "", where, _row_href(change), excerpt(change.after or change.before)
        )
    return ChangeItem(
        change.kind,
        change.before,
        change.after,
        where,
        _row_href(change),
        note=change.note,
        before_clause=_clause(change.before_context, change.before),
        after_clause=_clause(change.after_context, change.after),
    )


def _row_href(change: Change) -> str:
    return "#" + row_id(_single(change.left), _single(change.right))


def _clause(context: str, words: str) -> tuple[str, str, str]:
    """The clause split around the changed words (all of it before, when they are absent)."""
    at = context.find(words) if words else -1
    if at < 0:
        return context, "", ""
    return context[:at], words, context[at + len(words) :]


def revision_points(summary: Summary) -> list[tuple[str, list[PointPart], str, str]]:
    """本次修订要点: each sentence's opening, the changes it tells (each linked to its
    row), its close, and what separates its parts."""
    return [
        (
            point.lead,
            [PointPart(t.text, _told_href(t.change)) for t in point.told],
            point.tail,
            point.separator,
        )
        for point in highlights(summary)
    ]


def _told_href(change: Change | None) -> str:
    """The row a change is in; a renamed term, the first row it changed in."""
    if change is None:
        return ""
    if change.kind is ChangeKind.TERM:
        lefts, rights = change.left, change.right
        assert isinstance(lefts, list) and isinstance(rights, list)
        return "#" + row_id(lefts[0], rights[0])
    return _row_href(change)


def _labels(regulation: Regulation, numbers: int | list[int] | None) -> str:
    if numbers is None:
        return ""
    if isinstance(numbers, list):
        return "、".join(regulation.article(n).label for n in numbers)
    return regulation.article(numbers).label


def _single(numbers: int | list[int] | None) -> int | None:
    """The article a change of one pair concerns (only a renamed term has lists)."""
    assert not isinstance(numbers, list)
    return numbers


# Three-way view ------------------------------------------------------------------------


@dataclass(frozen=True)
class ThreeWayRow:
    """A row of the three-way view as the page shows it."""

    id: str
    old: list[Cell]  # the old text's articles on this matter
    new: Cell | None  # the new text's article, None when the revision deleted them
    other: list[Cell]  # the third text's articles on this matter
    status: Status | None = None  # what the revision did (None: the third text alone)
    reasons: list[Reason | None] = field(default_factory=list)  # why each ``other`` is here


def three_way_view(site: Site, three: ThreeWay) -> SitePage:
    """One row per matter: old text | new text (diffed against the old) | the other text."""
    here = comparison_page(*three.ids)
    old, new, other = (site.entry(i) for i in three.ids)
    table = site.library.three_way(*three.ids)

    def cells(articles: Sequence[ThreeWayArticle]) -> list[Cell]:
        return [site.cell(a.regulation, a.number, list(a.runs), here) for a in articles]

    rows = [
        ThreeWayRow(
            row.id,
            cells(row.old),
            cells([row.new])[0] if row.new else None,
            cells(row.other),
            row.status,
            [reason_of(site.library, pair) for pair in row.other_pairs],
        )
        for row in table.rows
    ]
    downloads = [
        (link_file(here, comparison_file(three.slug, file_format)), label)
        for file_format, label in THREE_WAY_FORMATS.items()
        if site.downloads
    ]
    content = site.render(
        "three_way.md.jinja",
        title=three_way_title(site, three),
        views=site.views_of(three.ids, here),
        revision=Kind.REVISION,
        old=old,
        new=new,
        other=other,
        rows=rows,
        downloads=downloads,
    )
    return SitePage(here, three_way_title(site, three), content)
