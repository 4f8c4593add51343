"""The 对照表 as a Word document (python-docx), ready to print.

A4 landscape; one table with the two texts side by side and a narrow status column;
the head row repeats on every page and no row is split across pages. In a revision,
deleted words are struck through in red in the left column and added words are bold
and underlined in the right column. The footer says when the file was built and which
source texts (by sha256) it was built from.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from comparator.compare.table import ComparisonTable, TableRow, row_runs
from comparator.publish.export import comparison_title
from comparator.publish.export.word import (
    HEAD_SHADING,
    LABEL_GAP,
    LEGEND_SIZE,
    MARGIN,
    PAGE_WIDTH,
    add_footer,
    add_legend,
    fill_article,
    fill_head,
    font,
    mark,
    new_document,
    row_properties,
    save,
    shade,
)
from comparator.vocabulary import ChangeKind, Kind, OpKind, Side, Status

STATUS_WIDTH = Mm(24)
SAME_AS_LEFT = "同左"
NOTES_HEAD = "修改说明"
NOTES_SIZE = Pt(9)
CHANGES_HEAD = "主要修改情况"
LEGEND = "说明：左栏中加删除线的红色文字为删去的内容，右栏中加粗并加下划线的文字为新增的内容。"


def write_docx(
    table: ComparisonTable, path: Path, *, build_date: str, same_as_left: bool = False
) -> None:
    """Write the 修订前后对照表 (or the cross-jurisdiction 对照表) of ``table`` to ``path``.

    One table row per row of ``table``, in order, each cell the article label in bold
    then its text, one paragraph per line. With ``same_as_left``, the right cell of a
    row whose text did not change says 同左 (after its label when the number changed).
    The file depends only on ``table``, ``build_date`` and ``same_as_left``.
    """
    document = new_document(comparison_title(table), build_date)
    if table.kind is Kind.REVISION:
        add_legend(document, LEGEND)
    _add_table(document, table, same_as_left)
    if table.kind is Kind.REVISION and table.change_lines:
        _add_changes(document, table)
    add_footer(document, build_date, table.sources)
    save(document, path, build_date)


# The table -----------------------------------------------------------------------


def _add_table(document: WordDocument, table: ComparisonTable, same_as_left: bool) -> None:
    heads, widths = _columns(table)
    grid = document.add_table(rows=1, cols=len(widths))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # a fixed layout: Word keeps the widths below
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width

    head = grid.rows[0]
    row_properties(head, header=True)
    for cell, text in zip(head.cells, heads, strict=True):
        fill_head(cell, text)

    for row in table.rows:
        if row.opens[0] or row.opens[1]:
            _add_chapter_row(grid, row.opens)
        cells = grid.add_row()
        row_properties(cells, header=False)
        _fill_row(cells.cells, table, row, same_as_left)

    for cells in grid.rows:
        for cell, width in zip(cells.cells, widths, strict=True):
            cell.width = width


def _add_chapter_row(grid: Table, opens: tuple[str, str]) -> None:
    """A chapter opening: its heading in bold, on each side where it opens, kept with the
    row after it."""
    cells = grid.add_row()
    row_properties(cells, header=False)
    for cell, heading in zip(cells.cells, opens, strict=False):
        shade(cell, HEAD_SHADING)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.keep_with_next = True
        if heading:
            font(paragraph.add_run(heading), bold=True)


def _columns(table: ComparisonTable) -> tuple[tuple[str, ...], tuple[Length, ...]]:
    """The heads and widths: both texts, the 修改说明 when a 说明 explains rows, status."""
    status_head = "状态" if table.kind is Kind.REVISION else "状态\n（相似度）"
    free = PAGE_WIDTH - 2 * MARGIN - STATUS_WIDTH
    if not table.has_notes:
        half = Emu(free // 2)
        return (table.left_title, table.right_title, status_head), (half, half, STATUS_WIDTH)
    text_width, notes_width = Emu(free * 7 // 20), Emu(free * 6 // 20)
    heads = (table.left_title, table.right_title, NOTES_HEAD, status_head)
    return heads, (text_width, text_width, notes_width, STATUS_WIDTH)


def _fill_row(
    cells: list[_Cell], table: ComparisonTable, row: TableRow, same_as_left: bool
) -> None:
    left, right, *notes, status = cells
    label_kind = _label_kind(table, row)
    fill_article(left, row.left.label, row_runs(table.kind, row, Side.LEFT), label_kind)
    if same_as_left and row.text_unchanged and row.right.label:
        _fill_same_as_left(right, row)
    else:
        fill_article(right, row.right.label, row_runs(table.kind, row, Side.RIGHT), label_kind)
    if notes:
        _fill_notes(notes[0], row.notes)
    _fill_status(status, table, row)


def _label_kind(table: ComparisonTable, row: TableRow) -> OpKind:
    """How an article label is marked: like its text when a revision deleted or added it.

    Only one side of such a row has a label, so one kind serves both cells.
    """
    if table.kind is Kind.REVISION and row.status is Status.DELETED:
        return OpKind.DELETE
    if table.kind is Kind.REVISION and row.status is Status.ADDED:
        return OpKind.INSERT
    return OpKind.EQUAL


def _fill_same_as_left(cell: _Cell, row: TableRow) -> None:
    paragraph: Paragraph = cell.paragraphs[0]
    if row.right.label != row.left.label:
        mark(paragraph.add_run(row.right.label), OpKind.EQUAL, bold=True)
        paragraph.add_run(LABEL_GAP)
    paragraph.add_run(SAME_AS_LEFT)


def _fill_notes(cell: _Cell, notes: tuple[str, ...]) -> None:
    """One paragraph per passage of the 说明; an empty cell where it says nothing."""
    for number, note in enumerate(notes):
        paragraph = cell.add_paragraph() if number else cell.paragraphs[0]
        font(paragraph.add_run(note), size=NOTES_SIZE)


def _fill_status(cell: _Cell, table: ComparisonTable, row: TableRow) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(row.status_label)
    if table.kind is Kind.CROSS:
        similarity = cell.add_paragraph(f"{row.similarity:.0%}")
        similarity.alignment = WD_ALIGN_PARAGRAPH.CENTER


# The change summary --------------------------------------------------------------


def _add_changes(document: WordDocument, table: ComparisonTable) -> None:
    """主要修改情况: each change with the clause it stands in, old and new, the changed
    words marked as in the table."""
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    font(heading.add_run(CHANGES_HEAD), size=Pt(12), bold=True)
    for number, line in enumerate(table.change_lines, start=1):
        change = line.change
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = not change.whole_article
        where = f"{line.where}　" if line.where else ""
        text = change.line() if change.whole_article else change.describe()
        font(paragraph.add_run(f"{number}. {where}"), bold=True)
        font(paragraph.add_run(text))
        if change.whole_article or change.kind is ChangeKind.TERM:
            continue
        for side, context, words, kind in (
            ("原文：", change.before_context, change.before, OpKind.DELETE),
            ("修改后：", change.after_context, change.after, OpKind.INSERT),
        ):
            _add_clause(document, side, context, words, kind)


def _add_clause(document: WordDocument, side: str, context: str, words: str, kind: OpKind) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(8)
    font(paragraph.add_run(side), size=LEGEND_SIZE)
    at = context.find(words) if words else -1
    pieces = (
        [(OpKind.EQUAL, context)]
        if at < 0
        else [
            (OpKind.EQUAL, context[:at]),
            (kind, words),
            (OpKind.EQUAL, context[at + len(words) :]),
        ]
    )
    for piece_kind, text in pieces:
        if text:
            run = paragraph.add_run(text)
            font(run, size=LEGEND_SIZE)
            mark(run, piece_kind)
