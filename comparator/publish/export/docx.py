"""The 对照表 as a Word document (python-docx), in house form, ready to hand in.

The layout of ``house.HouseTable`` on A4 landscape: the title, a line naming each
text and its date, the legend, then one table — 现行条文 | 修订草案条文 | 修改说明
for a revision, the two texts across jurisdictions. A chapter opens with a shaded row.
An article takes one table row per line of 款 standing side by side, the lines of one
article parted by a dotted rule and its 修改说明 one cell down their side. The head
row repeats on every page and no line is split across pages. A revision's change
summary follows the table (主要修改情况), each change with its clause before and after.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell, _Row

from comparator.publish.export.house import (
    CHANGES_HEAD,
    COLUMN_NAMES,
    LABEL_GAP,
    ChangeItem,
    Clause,
    HouseRow,
    HouseTable,
)
from comparator.publish.export.word import (
    HEAD_FONT,
    HEAD_SHADING,
    LEGEND_SIZE,
    MARGIN,
    PAGE_WIDTH,
    add_centred,
    add_footer,
    add_legend,
    fill_article,
    fill_head,
    font,
    mark,
    new_document,
    row_properties,
    save,
    set_sources,
    shade,
)
from comparator.vocabulary import OpKind

NOTES_SIZE = Pt(10.5)
LINE_RULE = ("dotted", "4", "A6A6A6")  # between the 款 of one article: style, width, colour


def write_docx(table: HouseTable, path: Path, *, build_date: str) -> None:
    """Write the 对照表 ``table`` to ``path``. The file depends only on its arguments."""
    document = new_document(table.title, build_date)
    for edition, column in zip(table.editions, COLUMN_NAMES, strict=True):
        add_centred(document, f"{column}：{edition.line}")
    add_legend(document, table.legend)
    _add_table(document, table)
    if table.changes:
        _add_changes(document, table.changes)
    set_sources(document, table.sources)
    add_footer(document)
    save(document, path, build_date)


# The table -----------------------------------------------------------------------


def _add_table(document: WordDocument, table: HouseTable) -> None:
    widths = _widths(len(table.heads))
    grid = document.add_table(rows=1, cols=len(widths))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False  # a fixed layout: Word keeps the widths below
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    row_properties(grid.rows[0], header=True)
    for cell, text in zip(grid.rows[0].cells, table.heads, strict=True):
        fill_head(cell, text)

    for row in table.rows:
        if row.chapter is not None:
            _add_chapter_row(grid, row.chapter)
        else:
            _add_article_row(grid, row, table.has_notes)

    for cells in grid.rows:
        for cell, width in zip(cells.cells, widths, strict=True):
            cell.width = width


def _widths(columns: int) -> tuple[Length, ...]:
    free = PAGE_WIDTH - 2 * MARGIN
    if columns == 2:
        return (Emu(free // 2), Emu(free // 2))
    text = Emu(free * 38 // 100)
    return (text, text, Emu(free - 2 * text))


def _add_chapter_row(grid: Table, headings: tuple[str, str]) -> None:
    """A chapter opening, in 黑体 on a shaded row, on each side where it opens; kept with
    the row after it."""
    cells = grid.add_row()
    row_properties(cells, header=False)
    for cell, heading in zip(cells.cells, (*headings, ""), strict=False):
        shade(cell, HEAD_SHADING)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.keep_with_next = True
        if heading:
            font(paragraph.add_run(heading), face=HEAD_FONT)


def _add_article_row(grid: Table, row: HouseRow, has_notes: bool) -> None:
    """One table row per line of 款; the 修改说明 in one cell merged down the lines."""
    first: _Row | None = None
    last: _Row | None = None
    for number, line in enumerate(row.lines):
        cells = grid.add_row()
        row_properties(cells, header=False)
        first = first or cells
        last = cells
        left, right, *_ = cells.cells
        for cell, clauses in ((left, line.left), (right, line.right)):
            for clause in clauses:
                _fill_clause(cell, clause)
            if number:
                _rule_above(cell)
    if has_notes and first is not None and last is not None:
        notes = first.cells[2].merge(last.cells[2]) if last is not first else first.cells[2]
        _fill_notes(notes, row.notes)


def _fill_clause(cell: _Cell, clause: Clause) -> None:
    if not clause.instead:
        fill_article(cell, clause.label, list(clause.runs), clause.label_kind)
        return
    paragraph = cell.paragraphs[-1]
    if paragraph.runs:
        paragraph = cell.add_paragraph()
    if clause.label:
        mark(paragraph.add_run(clause.label), OpKind.EQUAL, bold=True)
        paragraph.add_run(LABEL_GAP)
    paragraph.add_run(clause.instead)


def _fill_notes(cell: _Cell, notes: tuple[str, ...]) -> None:
    """One paragraph per note; an empty cell where neither the 说明 nor the summary speaks."""
    for paragraph in cell.paragraphs[1:]:  # merged cells leave their empty paragraphs
        paragraph._p.getparent().remove(paragraph._p)
    for number, note in enumerate(notes):
        paragraph = cell.add_paragraph() if number else cell.paragraphs[0]
        font(paragraph.add_run(note), size=NOTES_SIZE)


def _rule_above(cell: _Cell) -> None:
    """A dotted rule where the cell meets the line above: the same article goes on."""
    style, width, colour = LINE_RULE
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    top = OxmlElement("w:top")
    for name, value in (("w:val", style), ("w:sz", width), ("w:space", "0"), ("w:color", colour)):
        top.set(qn(name), value)
    borders.append(top)
    # tcBorders comes after the width and merge marks and before the shading.
    for successor in ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:vAlign"):
        if (found := properties.find(qn(successor))) is not None:
            found.addprevious(borders)
            return
    properties.append(borders)


# The change summary --------------------------------------------------------------


def _add_changes(document: WordDocument, changes: Sequence[ChangeItem]) -> None:
    """主要修改情况, on a page of its own: each change with the clause it stands in, old
    and new, the changed words marked as in the table."""
    heading = document.add_paragraph()
    heading.paragraph_format.page_break_before = True
    font(heading.add_run(CHANGES_HEAD), size=Pt(14), face=HEAD_FONT)
    for item in changes:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(item.clauses)
        where = f"{item.where}　" if item.where else ""
        font(paragraph.add_run(f"{item.number}. {where}"), bold=True)
        font(paragraph.add_run(item.text))
        for clause in item.clauses:
            quoted = document.add_paragraph()
            quoted.paragraph_format.left_indent = Mm(8)
            font(quoted.add_run(clause.side), size=LEGEND_SIZE)
            for kind, text in clause.runs:
                run = quoted.add_run(text)
                font(run, size=LEGEND_SIZE)
                mark(run, kind)
