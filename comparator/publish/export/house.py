"""The 对照表 in house form: what the printed table says, before any file format.

A 人大 clerk hands in a 修订前后对照表 of a set shape: the title 《…》修订前后对照表, a
line naming each text and its date, the columns 现行条文 | 修订草案条文 | 修改说明,
a row for each chapter, and within an article each 款 beside its counterpart. This
module turns a ``ComparisonTable`` into that shape as plain rows; the DOCX and the PDF
writers only lay them out.

Across jurisdictions the table keeps one row per left article with its counterparts
inside, and the articles only the right text has stand where that text has them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from comparator.catalog import Entry
from comparator.compare.table import ChangeLine, ComparisonTable, Run, TableRow, row_runs
from comparator.publish.export.tabular import SAME_AS_LEFT
from comparator.text.history import parse_history
from comparator.text.numerals import chinese_date
from comparator.vocabulary import (
    DRAFT,
    HISTORY_ACTION_LABELS,
    IN_FORCE,
    ChangeKind,
    HistoryAction,
    Kind,
    OpKind,
    Side,
    Status,
)

DELETED = "（删除）"
LABEL_GAP = "\u3000"  # an ideographic space between 第X条 and its text, as printed
COLUMN_NAMES = ("左栏", "右栏")  # before each text's line under the title
CHANGES_HEAD = "主要修改情况"
PRODUCER = "法规对照"  # who made the file, in its properties
# A 款 matched with another shares at least this many characters, or this share of the
# shorter one: two paragraphs that share a 的 and a 应当 are not one 款 rewritten.
MATCH_CHARACTERS, MATCH_SHARE = 6, 0.3
WHOLE_ARTICLE_NOTES = {"新增": "新增条文", "删除": "删除条文"}
# What a version's date is named by (a province's 批准 is not the text's own date).
DATED_ACTIONS = (HistoryAction.ADOPTED, HistoryAction.AMENDED, HistoryAction.REVISED)


@dataclass(frozen=True)
class Edition:
    """One text of the table as the clerk names it."""

    title: str  # the title without a draft's status: 深圳市……的规定
    status: str  # the draft's status (修订草案征求意见稿), "" for a text in force
    dated: str  # 2007年5月30日修正, 2025年
    head: str  # its column: 现行条文, 修订草案条文

    @property
    def change(self) -> str:
        """What made this version: 修正 for an amendment in force, else 修订 (a draft
        revises, whatever it ends up as)."""
        return "修正" if self.dated.endswith("修正") and not self.status else "修订"

    @property
    def line(self) -> str:
        """The source line under the title: 《title》（status，dated）."""
        said = "，".join(part for part in (self.status, self.dated) if part)
        return f"《{book_title(self.title)}》" + (f"（{said}）" if said else "")


@dataclass(frozen=True)
class Clause:
    """A 款 (or a line of items) in a cell: its runs, after its article's label on the
    first one; or what a clerk writes instead of repeating it (同左, （删除）)."""

    runs: tuple[Run, ...]
    label: str = ""  # 第三条, on the first 款 of an article
    label_kind: OpKind = OpKind.EQUAL  # a deleted or added article's label reads as its text
    instead: str = ""  # 同左 / （删除）, said in place of the runs


@dataclass(frozen=True)
class Line:
    """One line of a row: the 款 of each side that stand side by side."""

    left: tuple[Clause, ...]
    right: tuple[Clause, ...]


@dataclass(frozen=True)
class HouseRow:
    """An article row (its lines and its 修改说明), or a chapter row."""

    lines: tuple[Line, ...] = ()
    notes: tuple[str, ...] = ()
    chapter: tuple[str, str] | None = None  # the chapter heading opening on each side
    anchor: str = ""  # the row of the site's 对照表 it comes from


@dataclass(frozen=True)
class QuotedClause:
    """A clause of the change summary: 原文 or 修改后, the changed words marked."""

    side: str  # 原文： / 修改后：
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ChangeItem:
    """One numbered entry of 主要修改情况, which follows a revision's table."""

    number: int
    where: str  # 第八条 → 第九条
    text: str
    clauses: tuple[QuotedClause, ...]  # none for an article added or deleted whole


@dataclass(frozen=True)
class HouseTable:
    kind: Kind
    title: str
    editions: tuple[Edition, Edition]
    rows: tuple[HouseRow, ...]
    legend: str
    has_notes: bool  # the 修改说明 column is printed (every revision)
    sources: dict[str, str] = field(default_factory=dict)  # regulation id -> sha256
    changes: tuple[ChangeItem, ...] = ()  # 主要修改情况 (a revision)

    @property
    def heads(self) -> tuple[str, ...]:
        left, right = (e.head for e in self.editions)
        return (left, right, "修改说明") if self.has_notes else (left, right)


def house_table(
    table: ComparisonTable,
    editions: tuple[Edition, Edition],
    *,
    same_as_left: bool = False,
    omit_unchanged: bool = False,
) -> HouseTable:
    """The 对照表 of ``table`` in house form.

    ``same_as_left``: a 款 the revision did not change reads 同左, one it deleted
    （删除）. ``omit_unchanged``: the articles whose text did not change are left out
    (their chapters' rows stay when another article of the chapter is shown).
    """
    if table.kind is Kind.REVISION:
        rows = _revision_rows(table, same_as_left, omit_unchanged)
        title = f"《{book_title(editions[1].title)}》{editions[1].change}前后对照表"
        legend = "说明：删去的文字加双删除线（红色），新增的文字加粗并加下划线。"
        if omit_unchanged:
            legend += "本表仅列出有修改的条文。"
    else:
        rows = _cross_rows(table)
        left, right = (book_title(e.title) for e in editions)
        title = f"《{left}》与《{right}》对照表"
        legend = "说明：每行为左栏条文及右栏中规定同一事项的条文；右栏独有的条文按其顺序单独成行。"
    return HouseTable(
        table.kind,
        title,
        editions,
        tuple(rows),
        legend,
        has_notes=table.kind is Kind.REVISION,
        sources=dict(table.sources),
        changes=change_items(table.change_lines) if table.kind is Kind.REVISION else (),
    )


def edition(entry: Entry, history: Sequence[str], head: str) -> Edition:
    """How the table names a catalogued text: its title and status apart, and its date
    with what was done on it (2007年5月30日修正, as its history says)."""
    title, status = draft_status(entry.title)
    dated = chinese_date(entry.date)
    for event in parse_history(history):
        if event.date == entry.date and event.action in DATED_ACTIONS:
            dated += HISTORY_ACTION_LABELS[event.action]
            break
    return Edition(title, status, dated, head)


def column_heads(kind: Kind, left: Entry, right: Entry, change: str = "修订") -> tuple[str, str]:
    """现行条文 | 修订草案条文 for a draft revising the text in force; 修订前条文 |
    修订后条文 (修正前 / 修正后 for an amendment) for two versions; across
    jurisdictions, each text's short title."""
    if kind is Kind.CROSS:
        return left.short_title, right.short_title
    if right.kind == DRAFT:
        return ("现行条文" if left.kind == IN_FORCE else "修订前条文"), "修订草案条文"
    return f"{change}前条文", f"{change}后条文"


def plain_editions(table: ComparisonTable) -> tuple[Edition, Edition]:
    """The two texts named by their titles alone, for a table with no catalog behind it."""
    heads = ("修订前条文", "修订后条文") if table.kind is Kind.REVISION else ("", "")
    titles = (table.left_title, table.right_title)
    return (
        Edition(*draft_status(titles[0]), "", heads[0] or f"{titles[0]}条文"),
        Edition(*draft_status(titles[1]), "", heads[1] or f"{titles[1]}条文"),
    )


def book_title(title: str) -> str:
    """A title set inside 《》: the book marks it holds become 〈〉."""
    return title.replace("《", "〈").replace("》", "〉")


def draft_status(title: str) -> tuple[str, str]:
    """A draft's title and its status apart.

    ``……规定（修订草案征求意见稿）`` -> ``("……规定", "修订草案征求意见稿")``.
    """
    found = re.search(r"[（(]([^（）()]*草案[^（）()]*)[）)]$", title)
    if found is None:
        return title, ""
    return title[: found.start()], found.group(1)


# The change summary ----------------------------------------------------------------


def change_items(changes: Sequence[ChangeLine]) -> tuple[ChangeItem, ...]:
    """主要修改情况: each change numbered, where it stands, what it is, and for a change
    inside an article the clause before and after, the changed words marked."""
    return tuple(_change_item(number, line) for number, line in enumerate(changes, start=1))


def _change_item(number: int, line: ChangeLine) -> ChangeItem:
    change = line.change
    text = change.line() if change.whole_article else change.describe()
    clauses: tuple[QuotedClause, ...] = ()
    if not (change.whole_article or change.kind is ChangeKind.TERM):
        clauses = (
            QuotedClause("原文：", _quoted(change.before_context, change.before, OpKind.DELETE)),
            QuotedClause("修改后：", _quoted(change.after_context, change.after, OpKind.INSERT)),
        )
    return ChangeItem(number, line.where, _full_width(text), clauses)


def _quoted(context: str, words: str, kind: OpKind) -> tuple[Run, ...]:
    """``context`` with the first place ``words`` stand in it marked as ``kind``; all of
    it plain where they do not stand in it."""
    at = context.find(words) if words else -1
    if at < 0:
        pieces = [(OpKind.EQUAL, context)]
    else:
        pieces = [
            (OpKind.EQUAL, context[:at]),
            (kind, words),
            (OpKind.EQUAL, context[at + len(words) :]),
        ]
    return tuple((piece_kind, _full_width(text)) for piece_kind, text in pieces if text)


# Revisions -----------------------------------------------------------------------


def _revision_rows(
    table: ComparisonTable, same_as_left: bool, omit_unchanged: bool
) -> list[HouseRow]:
    rows: list[HouseRow] = []
    waiting = ["", ""]  # chapters opened by rows left out, shown with the next row kept
    for row in table.rows:
        for side, heading in enumerate(row.opens):
            if heading:
                waiting[side] = heading
        if omit_unchanged and row.text_unchanged:
            continue
        if any(waiting):
            rows.append(HouseRow(chapter=(_full_width(waiting[0]), _full_width(waiting[1]))))
            waiting = ["", ""]
        rows.append(
            HouseRow(_revision_lines(table.kind, row, same_as_left), _notes(row), anchor=row.id)
        )
    return rows


def _revision_lines(kind: Kind, row: TableRow, same_as_left: bool) -> tuple[Line, ...]:
    left = _paragraphs(row_runs(kind, row, Side.LEFT))
    right = _paragraphs(row_runs(kind, row, Side.RIGHT))
    label_kind = {Status.DELETED: OpKind.DELETE, Status.ADDED: OpKind.INSERT}.get(
        row.status, OpKind.EQUAL
    )
    if same_as_left and row.text_unchanged and row.right.label:
        label = row.right.label if row.right.label != row.left.label else ""
        same = Clause((), label, instead=SAME_AS_LEFT)
        return (Line(_all(left, row.left.label, label_kind), (same,)),)
    lines = []
    for i, j in _match_paragraphs(left, right):
        left_clauses = (_clause(left, i, row.left.label, label_kind),) if i is not None else ()
        right_clauses = (_clause(right, j, row.right.label, label_kind),) if j is not None else ()
        if same_as_left and i is not None:
            if j is None:
                right_clauses = (Clause((), instead=DELETED),)
            elif _unchanged(left[i]) and _unchanged(right[j]):
                label = row.right.label if j == 0 and row.right.label != row.left.label else ""
                right_clauses = (Clause((), label, instead=SAME_AS_LEFT),)
        lines.append(Line(left_clauses, right_clauses))
    return tuple(lines)


def _all(paragraphs: list[list[Run]], label: str, label_kind: OpKind) -> tuple[Clause, ...]:
    return tuple(_clause(paragraphs, i, label, label_kind) for i in range(len(paragraphs)))


def _clause(paragraphs: list[list[Run]], index: int, label: str, label_kind: OpKind) -> Clause:
    runs = tuple((kind, _full_width(text)) for kind, text in paragraphs[index] if text)
    return Clause(runs, label if index == 0 else "", label_kind)


def _unchanged(runs: Sequence[Run]) -> bool:
    return all(kind is OpKind.EQUAL for kind, _ in runs)


def _notes(row: TableRow) -> tuple[str, ...]:
    """修改说明: the 说明's passages on the article, then what the change summary found."""
    changes = tuple(WHOLE_ARTICLE_NOTES.get(c, c) for c in row.changes)
    return tuple(_full_width(n) for n in row.notes) + changes


def _paragraphs(runs: Sequence[Run]) -> list[list[Run]]:
    """The runs of one side cut at each newline: one list of runs per 款 (or item line)."""
    paragraphs: list[list[Run]] = [[]]
    for kind, text in runs:
        for number, piece in enumerate(text.split("\n")):
            if number:
                paragraphs.append([])
            if piece:
                paragraphs[-1].append((kind, piece))
    return [p for p in paragraphs if p] if any(paragraphs) else []


def _match_paragraphs(
    left: list[list[Run]], right: list[list[Run]]
) -> list[tuple[int | None, int | None]]:
    """The 款 of both sides in order, each beside the one it was rewritten from.

    Two 款 correspond by the text they share (the equal runs, which stand in the same
    order on both sides); of all orderly pairings the one sharing the most text wins.
    A 款 with no counterpart has a line of its own, where it stands.
    """
    shared = _shared_characters(left, right)
    n, m = len(left), len(right)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = (
                best[i + 1][j + 1] + shared[i][j]
                if _matches(shared[i][j], left[i], right[j])
                else -1
            )
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if (
            _matches(shared[i][j], left[i], right[j])
            and best[i][j] == best[i + 1][j + 1] + shared[i][j]
        ):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return pairs


def _shared_characters(left: list[list[Run]], right: list[list[Run]]) -> list[list[int]]:
    """How many equal characters each left 款 shares with each right 款.

    The equal runs of the two sides are the same runs in the same order (each side's
    own characters): walking both lists of paragraphs together pairs them up.
    """
    shared = [[0] * len(right) for _ in left]
    left_equal = [(i, len(t)) for i, p in enumerate(left) for k, t in p if k is OpKind.EQUAL]
    right_equal = [(j, len(t)) for j, p in enumerate(right) for k, t in p if k is OpKind.EQUAL]
    # Equal runs split at different newlines on the two sides: walk them by characters.
    li = ri = 0
    left_rest = left_equal[0][1] if left_equal else 0
    right_rest = right_equal[0][1] if right_equal else 0
    while li < len(left_equal) and ri < len(right_equal):
        step = min(left_rest, right_rest)
        shared[left_equal[li][0]][right_equal[ri][0]] += step
        left_rest -= step
        right_rest -= step
        if left_rest == 0:
            li += 1
            left_rest = left_equal[li][1] if li < len(left_equal) else 0
        if right_rest == 0:
            ri += 1
            right_rest = right_equal[ri][1] if ri < len(right_equal) else 0
    return shared


def _matches(shared: int, left: list[Run], right: list[Run]) -> bool:
    shorter = min(sum(len(t) for _, t in left), sum(len(t) for _, t in right))
    return shared >= MATCH_CHARACTERS or (shorter > 0 and shared >= MATCH_SHARE * shorter)


# Across jurisdictions ----------------------------------------------------------------


def _cross_rows(table: ComparisonTable) -> list[HouseRow]:
    """One row per left article, its counterparts inside (most alike first); an article
    of the right text alone stands after the row holding the right article before it."""
    grouped: dict[int, list[TableRow]] = {}
    alone: list[TableRow] = []
    for row in table.rows:
        if row.left.number is None:
            alone.append(row)
        else:
            grouped.setdefault(row.left.number, []).append(row)
    rows: list[tuple[HouseRow, list[int]]] = []
    for group in grouped.values():
        first = group[0]
        partners = sorted(
            (r for r in group if r.right.number is not None), key=lambda r: -r.similarity
        )
        left = _article(first.left.label, first.left.text)
        right = tuple(c for r in partners for c in _article(r.right.label, r.right.text))
        chapter = (_full_width(first.opens[0]), "") if first.opens[0] else None
        if chapter:
            rows.append((HouseRow(chapter=chapter), []))
        rows.append(
            (
                HouseRow((Line(left, right),), anchor=first.id),
                [r.right.number or 0 for r in partners],
            )
        )
    for row in sorted(alone, key=lambda r: r.right.number or 0):
        number = row.right.number or 0
        before = [
            (n, index) for index, (_, numbers) in enumerate(rows) for n in numbers if n < number
        ]
        at = max(before, key=lambda found: (found[0], -found[1]))[1] + 1 if before else 0
        shown = HouseRow((Line((), _article(row.right.label, row.right.text)),), anchor=row.id)
        rows.insert(at, (shown, [number]))
    return [row for row, _ in rows]


def _article(label: str, text: str) -> tuple[Clause, ...]:
    paragraphs = [p for p in text.split("\n") if p]
    return tuple(
        Clause(((OpKind.EQUAL, _full_width(p)),), label if i == 0 else "")
        for i, p in enumerate(paragraphs)
    )


# Punctuation -------------------------------------------------------------------------

_HALF_TO_FULL = str.maketrans(
    {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
)
_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
# A half-width mark after Chinese text, or an opening bracket before it (not 1,000 or
# 1:2, nor Latin in brackets, nor the ; of a character reference such as &amp;).
_HALF_WIDTH_MARK = re.compile(rf"(?<={_CJK})[,;:?!)]|\((?={_CJK})")


def _full_width(text: str) -> str:
    """Half-width marks among Chinese text printed full width, as the other column has
    them (the source's own marks are kept in the data exports)."""
    return _HALF_WIDTH_MARK.sub(lambda m: m.group().translate(_HALF_TO_FULL), text)
