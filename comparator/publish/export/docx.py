"""The 对照表 as a Word document (python-docx), ready to print.

A4 landscape; one table with the two texts side by side and a narrow status column;
the head row repeats on every page and no row is split across pages. In a revision,
deleted words are struck through in red in the left column and added words are bold
and underlined in the right column. The footer says when the file was built and which
source texts (by sha256) it was built from.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun
from lxml import etree

from comparator.compare.table import ComparisonTable, Run, TableRow, row_runs
from comparator.publish.export import comparison_title
from comparator.publish.export.reproducible import deterministic_zip
from comparator.vocabulary import ChangeKind, Kind, OpKind, Side, Status

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(15)
STATUS_WIDTH = Mm(24)
LATIN_FONT, CJK_FONT = "Times New Roman", "宋体"
BODY_SIZE, TITLE_SIZE, LEGEND_SIZE, FOOTER_SIZE = Pt(10.5), Pt(16), Pt(9), Pt(7.5)
DELETED_COLOUR = RGBColor(0xC0, 0x00, 0x00)
HEAD_SHADING = "D9D9D9"
SAME_AS_LEFT = "同左"
NOTES_HEAD = "修改说明"
NOTES_SIZE = Pt(9)
LABEL_GAP = "\u3000"  # an ideographic space between 第X条 and its text, as printed
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
    document = Document()
    title = comparison_title(table)
    _set_up_page(document)
    _set_up_fonts(document)
    _set_properties(document, title, build_date)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title), size=TITLE_SIZE, bold=True)
    if table.kind is Kind.REVISION:
        _font(document.add_paragraph().add_run(LEGEND), size=LEGEND_SIZE)

    _add_table(document, table, same_as_left)
    if table.kind is Kind.REVISION and table.change_lines:
        _add_changes(document, table)
    _add_footer(document, table, build_date)

    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(deterministic_zip(buffer.getvalue(), build_date))


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
    _row_properties(head, header=True)
    for cell, text in zip(head.cells, heads, strict=True):
        _shade(cell, HEAD_SHADING)
        for number, line in enumerate(text.split("\n")):
            paragraph = cell.add_paragraph() if number else cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(line), bold=True)

    for row in table.rows:
        if row.opens[0] or row.opens[1]:
            _add_chapter_row(grid, row.opens)
        cells = grid.add_row()
        _row_properties(cells, header=False)
        _fill_row(cells.cells, table, row, same_as_left)

    for cells in grid.rows:
        for cell, width in zip(cells.cells, widths, strict=True):
            cell.width = width


def _add_chapter_row(grid: Table, opens: tuple[str, str]) -> None:
    """A chapter opening: its heading in bold, on each side where it opens, kept with the
    row after it."""
    cells = grid.add_row()
    _row_properties(cells, header=False)
    for cell, heading in zip(cells.cells, opens, strict=False):
        _shade(cell, HEAD_SHADING)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.keep_with_next = True
        if heading:
            _font(paragraph.add_run(heading), bold=True)


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
    _fill_side(left, row.left.label, row_runs(table.kind, row, Side.LEFT), label_kind)
    if same_as_left and row.text_unchanged and row.right.label:
        _fill_same_as_left(right, row)
    else:
        _fill_side(right, row.right.label, row_runs(table.kind, row, Side.RIGHT), label_kind)
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


def _fill_side(cell: _Cell, label: str, runs: list[Run], label_kind: OpKind) -> None:
    """The label in bold, then the runs, marked by kind, a new paragraph at each newline."""
    paragraph = cell.paragraphs[0]
    if label:
        _mark(paragraph.add_run(label), label_kind, bold=True)
        if runs:
            _mark(paragraph.add_run(LABEL_GAP), OpKind.EQUAL)
    for kind, text in runs:
        for number, line in enumerate(text.split("\n")):
            if number:
                paragraph = cell.add_paragraph()
            if line:
                _mark(paragraph.add_run(line), kind)


def _fill_same_as_left(cell: _Cell, row: TableRow) -> None:
    paragraph: Paragraph = cell.paragraphs[0]
    if row.right.label != row.left.label:
        _mark(paragraph.add_run(row.right.label), OpKind.EQUAL, bold=True)
        paragraph.add_run(LABEL_GAP)
    paragraph.add_run(SAME_AS_LEFT)


def _fill_notes(cell: _Cell, notes: tuple[str, ...]) -> None:
    """One paragraph per passage of the 说明; an empty cell where it says nothing."""
    for number, note in enumerate(notes):
        paragraph = cell.add_paragraph() if number else cell.paragraphs[0]
        _font(paragraph.add_run(note), size=NOTES_SIZE)


def _fill_status(cell: _Cell, table: ComparisonTable, row: TableRow) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(row.status_label)
    if table.kind is Kind.CROSS:
        similarity = cell.add_paragraph(f"{row.similarity:.0%}")
        similarity.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _mark(run: WordRun, kind: OpKind, *, bold: bool = False) -> None:
    """Deleted text struck through in red; inserted text bold and underlined."""
    if kind == OpKind.DELETE:
        run.font.strike = True
        run.font.color.rgb = DELETED_COLOUR
    elif kind == OpKind.INSERT:
        bold = True
        run.font.underline = True
    if bold:
        run.font.bold = True


# The change summary --------------------------------------------------------------


def _add_changes(document: WordDocument, table: ComparisonTable) -> None:
    """主要修改情况: each change with the clause it stands in, old and new, the changed
    words marked as in the table."""
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    _font(heading.add_run(CHANGES_HEAD), size=Pt(12), bold=True)
    for number, line in enumerate(table.change_lines, start=1):
        change = line.change
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = not change.whole_article
        where = f"{line.where}　" if line.where else ""
        text = change.line() if change.whole_article else change.describe()
        _font(paragraph.add_run(f"{number}. {where}"), bold=True)
        _font(paragraph.add_run(text))
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
    _font(paragraph.add_run(side), size=LEGEND_SIZE)
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
            _font(run, size=LEGEND_SIZE)
            _mark(run, piece_kind)


# Page, fonts, properties ---------------------------------------------------------


def _set_up_page(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Mm(8)


def _set_up_fonts(document: WordDocument) -> None:
    """Body text in 宋体 for Chinese (Word and LibreOffice alike), Times for Latin."""
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    _cjk_font(normal.element.get_or_add_rPr())
    document.styles["Footer"].font.size = FOOTER_SIZE


def _cjk_font(rpr: CT_RPr) -> None:
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if qn(theme) in fonts.attrib:
            del fonts.attrib[qn(theme)]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _set_properties(document: WordDocument, title: str, build_date: str) -> None:
    built = dt.datetime.fromisoformat(build_date).replace(tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = "comparator"
    properties.comments = "由 comparator 根据来源文本自动生成"
    properties.created = properties.modified = built
    properties.revision = 1


def _add_footer(document: WordDocument, table: ComparisonTable, build_date: str) -> None:
    """Build date, page number and the sha256 of every source text."""
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    first.style = document.styles["Footer"]
    first.add_run(f"本表由 comparator 自动生成　生成日期：{build_date}　第 ")
    first._p.append(_page_field())
    first.add_run(" 页")
    for regulation_id, sha256 in table.sources.items():
        footer.add_paragraph(f"来源 {regulation_id} SHA-256：{sha256}", document.styles["Footer"])


def _page_field() -> etree._Element:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field


# Low-level table markup ----------------------------------------------------------


def _row_properties(row: _Row, *, header: bool) -> None:
    """Never split the row across pages; repeat it on every page if it is the head."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # must come before w:tblHeader
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _font(run: WordRun, size: Pt | None = None, *, bold: bool = False) -> None:
    if size is not None:
        run.font.size = size
    if bold:
        run.font.bold = True
