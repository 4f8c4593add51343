"""The new text of a revision as a Word document with tracked changes (修订标记).

A reader who works in Word or LibreOffice gets the new text, whose revisions
(``w:ins`` / ``w:del``) turn the old text into it: 接受所有修订 gives exactly the new
text, 拒绝所有修订 exactly the old one, title, headings and articles alike. The document
is the text itself: A4 portrait, the title, then each heading (编, 章, 节) and each
article as the parse tree has them, the article label then its text, one Word paragraph
per line of the text (款, 项, 目).

How two texts become one document:

- Each text is a sequence of blocks in reading order (``walk``): headings and articles.
- The anchors are the heaviest common subsequence of the two sequences: article pairs
  of the alignment, weighed by the text they keep (any article pair outweighs all
  headings), and headings of the same kind, weighed by the characters they share. A
  pair that breaks the order of the others (a moved article, the other articles of a
  merge or a split) is no anchor.
- Between two anchors, the old blocks are deleted, then the new ones inserted: a moved
  article is deleted where it stood and inserted where it stands now. A deleted block
  loses its paragraph marks too (``w:pPr/w:rPr/w:del``), so accepting leaves nothing
  of it; an inserted block brings its own.
- An anchored article: its label replaced when it was renumbered, its text revised by
  the character diff of its pair (``compare.diff``); where the diff saw only a
  difference of punctuation width or spacing, the characters are revised one by one,
  so that rejecting gives back the old punctuation. A line break that the diff deletes
  or inserts is a deleted or inserted paragraph mark. Anchored headings and the title
  are revised by their own character diff.
- No paragraph mark of both texts stands between two insertions: LibreOffice would
  take it away on rejecting them (``_keep_marks_clear_of_insertions``).

Every revision carries a unique ``w:id``, the author and, when the day is known, the
date (``revision_author``, ``revision_date``). The bytes depend only on the input and
the build date. (Word never removes a document's last paragraph mark: should the old
text end with articles the new one deleted, accepting leaves an empty last paragraph.)
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from comparator.catalog import Entry
from comparator.compare.diff import Op, diff_texts
from comparator.compare.table import ComparisonTable, side_runs
from comparator.model import Article, Division, Regulation, walk
from comparator.publish.export.house import LABEL_GAP
from comparator.publish.export.word import (
    BODY_SIZE,
    HEAD_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    add_footer,
    font,
    new_document,
    save,
    set_sources,
)
from comparator.vocabulary import Kind, NodeKind, OpKind, Side

UNKNOWN_AUTHOR = "制定机关未注明"
LEGISLATURE = "人大常委会"  # the body that makes and drafts a local regulation
# Any article pair weighs more than every heading of a text together.
ARTICLE_WEIGHT = 1_000_000
_EQUAL, _DELETE, _INSERT = OpKind.EQUAL, OpKind.DELETE, OpKind.INSERT


# Author and date ------------------------------------------------------------------


def revision_author(new: Regulation, entry: Entry | None) -> str:
    """Who made the new text: the issuing body its notice names; otherwise the standing
    committee of its jurisdiction's people's congress (深圳市人大常委会), which makes the
    local regulations and publishes their drafts for comment (a draft names no body);
    ``UNKNOWN_AUTHOR`` for a text with neither a notice nor a catalog entry."""
    if new.metadata.issuer:
        return new.metadata.issuer
    if entry is not None and entry.jurisdiction:
        return entry.jurisdiction + LEGISLATURE
    return UNKNOWN_AUTHOR


def revision_date(new: Regulation, entry: Entry | None) -> str:
    """The new text's date: its catalog date (``YYYY``, ``YYYY-MM`` or a full date), or
    the promulgation date its notice gives; ``""`` when neither is known."""
    if entry is not None and entry.date:
        return entry.date
    return new.metadata.promulgated


def _revision_timestamp(date: str) -> str:
    """``w:date`` of a full ISO date; ``""`` for a year or a month, whose day nobody knows
    (the attribute is then left out rather than a day made up)."""
    if len(date.split("-")) != 3:
        return ""
    return f"{date}T00:00:00Z"


# The blocks of each text, and how the two line up -----------------------------------


@dataclass(frozen=True)
class Block:
    """A heading or an article of one text, as the document shows it."""

    kind: NodeKind
    number: int  # the article's number (the alignment's key) or the division's
    label: str  # 第二章, 第十三条
    text: str  # the heading's title, or the article's text (a line per 款, 项, 目)
    pairable: bool = True  # False for an article whose number an earlier one holds


@dataclass(frozen=True)
class Step:
    """One place in the document: an anchor (both blocks), a deletion or an insertion."""

    old: Block | None
    new: Block | None
    ops: tuple[Op, ...] = ()  # the diff of the old text into the new one (an anchor)


def blocks(regulation: Regulation) -> list[Block]:
    """The headings and articles of ``regulation``, in reading order."""
    found = []
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Division):
            found.append(Block(node.kind, element.number, element.label, element.title))
        elif isinstance(element, Article):
            first = regulation.article(element.number) is element
            found.append(
                Block(node.kind, element.number, element.label, element.text, pairable=first)
            )
    return found


def article_diffs(
    table: ComparisonTable, old: Regulation, new: Regulation
) -> dict[tuple[int, int], tuple[Op, ...]]:
    """The diff of each article pair of ``table``, by article numbers; only diffs that
    spell both articles as the two regulations have them, so that any anchor made of
    one gives back both texts."""
    diffs = {}
    for row in table.rows:
        left, right = row.left.number, row.right.number
        if not row.ops or left is None or right is None:
            continue
        old_text, new_text = old.article(left).text, new.article(right).text
        if _spelled(row.ops, Side.LEFT) == old_text and _spelled(row.ops, Side.RIGHT) == new_text:
            diffs[left, right] = row.ops
    return diffs


def _spelled(ops: Sequence[Op], side: Side) -> str:
    return "".join(text for _, text in side_runs(ops, side))


def steps(
    old: Sequence[Block], new: Sequence[Block], diffs: Mapping[tuple[int, int], tuple[Op, ...]]
) -> list[Step]:
    """The document's places in order: anchors, and between two of them the old blocks
    deleted, then the new ones inserted."""
    result: list[Step] = []
    at_old = at_new = 0
    for i, j in _anchors(old, new, diffs):
        result += [Step(block, None) for block in old[at_old:i]]
        result += [Step(None, block) for block in new[at_new:j]]
        ops = diffs.get((old[i].number, new[j].number), ())
        if old[i].kind is not NodeKind.ARTICLE:
            ops = tuple(diff_texts(old[i].text, new[j].text))
        result.append(Step(old[i], new[j], ops))
        at_old, at_new = i + 1, j + 1
    result += [Step(block, None) for block in old[at_old:]]
    result += [Step(None, block) for block in new[at_new:]]
    return result


def _anchors(
    old: Sequence[Block], new: Sequence[Block], diffs: Mapping[tuple[int, int], tuple[Op, ...]]
) -> list[tuple[int, int]]:
    """The heaviest common subsequence of the two texts' blocks, as index pairs."""
    rows, columns = len(old), len(new)
    weights = [[_weight(a, b, diffs) for b in new] for a in old]
    # best[i][j]: the heaviest anchors among old[i:] and new[j:]
    best = [[0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            taken = weights[i][j] + best[i + 1][j + 1] if weights[i][j] else 0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], taken)
    anchors = []
    i = j = 0
    while i < rows and j < columns:
        if weights[i][j] and best[i][j] == weights[i][j] + best[i + 1][j + 1]:
            anchors.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return anchors


def _weight(old: Block, new: Block, diffs: Mapping[tuple[int, int], tuple[Op, ...]]) -> int:
    """How much anchoring two blocks keeps; 0 when they cannot be anchored."""
    if old.kind is not new.kind:
        return 0
    if old.kind is not NodeKind.ARTICLE:
        shared = Counter(old.label + old.text) & Counter(new.label + new.text)
        return 1 + sum(shared.values())
    ops = diffs.get((old.number, new.number))
    if ops is None or not (old.pairable and new.pairable):
        return 0
    return ARTICLE_WEIGHT + sum(len(op[1]) for op in ops if op[0] == _EQUAL)


# What each place reads, as runs of text ---------------------------------------------


class Layout(StrEnum):
    """How a paragraph is set: the title, a heading, or a line of an article."""

    TITLE = "title"
    HEADING = "heading"
    ARTICLE = "article"


@dataclass(frozen=True)
class Piece:
    kind: OpKind  # equal, delete or insert
    text: str  # may hold newlines: each ends a paragraph
    label: bool = False  # a 第X条 / 第X章 label, set in the heads' font


@dataclass
class Line:
    """One Word paragraph: its pieces (no newline), and whether its mark was deleted or
    inserted."""

    layout: Layout
    pieces: list[Piece] = field(default_factory=list)
    mark: OpKind = _EQUAL


def step_pieces(step: Step) -> list[Piece]:
    """What one place reads: the label, the gap after it, and the text, each marked."""
    if step.old is None or step.new is None:
        block = step.old or step.new
        assert block is not None
        kind = _DELETE if step.new is None else _INSERT
        text = [Piece(kind, block.text)] if block.text else []
        return _labelled([Piece(kind, block.label, label=True)], text, kind)
    label = [Piece(_EQUAL, step.new.label, label=True)]
    if step.old.label != step.new.label:  # renumbered: the whole label replaced
        label = [
            Piece(_DELETE, step.old.label, label=True),
            Piece(_INSERT, step.new.label, label=True),
        ]
    text = [Piece(kind, part) for kind, part in revision_runs(step.ops)]
    gap = _EQUAL if step.old.text and step.new.text else _DELETE if step.old.text else _INSERT
    return _labelled(label, text, gap)


def _labelled(label: list[Piece], text: list[Piece], gap: OpKind) -> list[Piece]:
    """The label, then the gap before the text when there is a text."""
    return [*label, Piece(gap, LABEL_GAP), *text] if text else label


def revision_runs(ops: Sequence[Op]) -> Iterator[tuple[OpKind, str]]:
    """The diff as runs to mark: equal, deleted or inserted text. An equal op whose two
    sides differ (punctuation width, spaces) becomes the characters that differ."""
    for op in ops:
        if op[0] != _EQUAL:
            yield OpKind(op[0]), op[1]
        elif len(op) == 2 or op[1] == op[2]:
            yield _EQUAL, op[1]
        else:
            yield from _by_character(op[1], op[2])


def _by_character(old: str, new: str) -> Iterator[tuple[OpKind, str]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            yield _EQUAL, old[old_start:old_end]
            continue
        if old_end > old_start:
            yield _DELETE, old[old_start:old_end]
        if new_end > new_start:
            yield _INSERT, new[new_start:new_end]


def lines(pieces: Sequence[Piece], layout: Layout, end: OpKind) -> list[Line]:
    """The paragraphs of a place: a newline ends one, its mark marked as the newline was;
    the last paragraph's mark is ``end`` (equal for an anchor)."""
    result = [Line(layout)]
    for piece in pieces:
        for number, part in enumerate(piece.text.split("\n")):
            if number:
                result[-1].mark = piece.kind
                result.append(Line(layout))
            if part:
                _append(result[-1], Piece(piece.kind, part, piece.label))
    result[-1].mark = end
    return result


def _append(line: Line, piece: Piece) -> None:
    """Add ``piece``, joined to the last one when marked and set alike."""
    if line.pieces and (line.pieces[-1].kind, line.pieces[-1].label) == (piece.kind, piece.label):
        last = line.pieces.pop()
        piece = Piece(piece.kind, last.text + piece.text, piece.label)
    line.pieces.append(piece)


def step_lines(step: Step) -> list[Line]:
    """The paragraphs of one place, a heading's or an article's."""
    block = step.new or step.old
    assert block is not None
    layout = Layout.ARTICLE if block.kind is NodeKind.ARTICLE else Layout.HEADING
    end = _EQUAL if step.old and step.new else (_DELETE if step.new is None else _INSERT)
    return lines(step_pieces(step), layout, end)


def title_lines(old_title: str, new_title: str) -> list[Line]:
    """The title's paragraph, revised by the diff of the two titles."""
    pieces = [Piece(kind, text) for kind, text in revision_runs(diff_texts(old_title, new_title))]
    return lines(pieces, Layout.TITLE, _EQUAL)


# Word --------------------------------------------------------------------------------


class Revisions:
    """Makes the revision elements: one author and date, ids counted from 1."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.timestamp = _revision_timestamp(date)
        self.count = 0

    def element(self, kind: OpKind) -> etree._Element:
        """A ``w:ins`` or ``w:del`` with the next id, the author and the date if known."""
        self.count += 1
        element = OxmlElement("w:ins" if kind is _INSERT else "w:del")
        element.set(qn("w:id"), str(self.count))
        element.set(qn("w:author"), self.author)
        if self.timestamp:
            element.set(qn("w:date"), self.timestamp)
        return element


def write_tracked_docx(
    old: Regulation,
    new: Regulation,
    table: ComparisonTable,
    path: Path,
    *,
    author: str,
    date: str,
    build_date: str,
) -> None:
    """Write ``new`` with the revisions from ``old`` tracked to ``path``.

    ``table`` is the revision's 对照表 (its rows' diffs are the word edits shown);
    ``author`` and ``date`` (ISO, or only a year or month) mark every revision.
    """
    if table.kind is not Kind.REVISION or (table.left, table.right) != (old.id, new.id):
        raise ValueError(
            f"tracked changes need the revision {old.id} -> {new.id}, "
            f"not the {table.kind.value} {table.left} -> {table.right}"
        )
    document = new_document(new.title, build_date, portrait=True)
    set_sources(document, table.sources)
    document.core_properties.subject = (
        f"修订标记：接受全部修订为《{new.title}》，拒绝全部修订为《{old.title}》"
    )
    add_footer(document)
    revisions = Revisions(author, date)
    title, *text = document_lines(old, new, table)
    heading = document.paragraphs[0]  # the title new_document set: now with its revisions
    for run in heading._p.r_lst:
        heading._p.remove(run)
    _fill(heading, title, revisions)
    for line in text:
        _fill(document.add_paragraph(), line, revisions)
    save(document, path, build_date)


def document_lines(old: Regulation, new: Regulation, table: ComparisonTable) -> list[Line]:
    """Every paragraph of the document, the title first."""
    found = title_lines(old.title, new.title)
    for step in steps(blocks(old), blocks(new), article_diffs(table, old, new)):
        found += step_lines(step)
    _keep_marks_clear_of_insertions(found)
    return found


def _keep_marks_clear_of_insertions(found: list[Line]) -> None:
    """Keep no paragraph mark of both texts between inserted text that ends a paragraph
    and a paragraph wholly inserted after it: mark it as inserted, and keep the inserted
    paragraph's mark instead (on down a run of inserted paragraphs).

    Accepting or rejecting gives the same text either way. But LibreOffice, rejecting
    two insertions with only a kept paragraph mark between them, takes that mark away
    too and joins two paragraphs of the old text. Only between paragraphs set alike: a
    joined paragraph takes the layout of the mark it keeps.
    """
    for line, after in pairwise(found):
        ends_inserted = bool(line.pieces) and line.pieces[-1].kind is _INSERT
        inserted = after.mark is _INSERT and all(piece.kind is _INSERT for piece in after.pieces)
        if line.mark is _EQUAL and ends_inserted and inserted and line.layout is after.layout:
            line.mark, after.mark = _INSERT, _EQUAL


def _fill(paragraph: WordParagraph, line: Line, revisions: Revisions) -> None:
    """Set the paragraph as its layout says, and write its runs and mark."""
    _lay_out(paragraph, line.layout)
    wrapper, wrapped = None, _EQUAL  # the revision the last run went into, and its kind
    for piece in line.pieces:
        run = _add_run(paragraph, piece, line.layout)
        if piece.kind is _EQUAL:
            wrapper = None
            continue
        if wrapper is None or wrapped is not piece.kind:  # a label and its text: one revision
            wrapper, wrapped = revisions.element(piece.kind), piece.kind
            run.addprevious(wrapper)
        wrapper.append(run)
    if line.mark is not _EQUAL:
        properties = OxmlElement("w:rPr")
        properties.append(revisions.element(line.mark))
        paragraph._p.get_or_add_pPr().append(properties)


def _add_run(paragraph: WordParagraph, piece: Piece, layout: Layout) -> etree._Element:
    """A run of ``piece``'s text in the font of its place; deleted text as ``w:delText``."""
    run = paragraph.add_run(piece.text)
    if layout is Layout.TITLE:
        font(run, size=TITLE_SIZE, face=TITLE_FONT)
    elif piece.label or layout is Layout.HEADING:
        font(run, face=HEAD_FONT)
    if piece.kind is _DELETE:
        for text in run._r.findall(qn("w:t")):
            text.tag = qn("w:delText")
    return run._r


def _lay_out(paragraph: WordParagraph, layout: Layout) -> None:
    if layout is Layout.ARTICLE:
        paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE.pt * 2)  # two characters
        return
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if layout is Layout.HEADING:
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True
