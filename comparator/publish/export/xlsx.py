"""The 对照表 as an Excel workbook (openpyxl): one sheet to sort, filter, annotate and print.

One row per table row under a frozen head row with an auto filter. Texts are rich
text marked as in the Word export: deleted words struck through in red, added words
bold and underlined. Every cell is set in 宋体 with thin borders.

The sheet prints as the Word export does: A4 landscape, all columns on the page width,
the head row repeated on every page, the title in the page header and the page number
and build date in the footer. Excel and LibreOffice do not size a row to its wrapped
text when they open a file, so each row's height is computed here from its texts and
the column widths. A second sheet, 来源, names the source texts and their sha256.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Color, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from comparator.compare.table import ComparisonTable, Run, TableRow, row_runs
from comparator.publish.export import comparison_title
from comparator.publish.export.reproducible import deterministic_zip
from comparator.publish.export.tabular import SAME_AS_LEFT, reads_same_as_left, similarity
from comparator.vocabulary import Kind, OpKind
from comparator.vocabulary import Side as TableSide

SHEET_TITLE, SOURCES_TITLE = "对照表", "来源"

# The heads a reader sees: before and after for a revision; across jurisdictions, which
# regulation each text column holds. (The CSV's heads are the same for every kind.)
_SIDE_HEADS = {
    Kind.REVISION: ("修订前条号", "修订前条文", "修订后条号", "修订后条文"),
    Kind.CROSS: ("左侧条号", "左侧条文", "右侧条号", "右侧条文"),
}
STATUS_HEAD, SIMILARITY_HEAD, CHANGES_HEAD, NOTES_HEAD = "状态", "相似度", "变化", "修改说明"
STATUS_COLUMN, SIMILARITY_COLUMN = 5, 6  # centred in their cells

# Widths in characters of the digit 0, in the order of ``sheet_heads``; a CJK character
# of the body font takes two. The last is 修改说明, when there is one.
COLUMN_WIDTHS = (12, 56, 12, 56, 10, 8, 32, 44)
SOURCES_WIDTHS = (16, 60, 66)  # of the sheet 来源: what, title, sha256
SIMILARITY_FORMAT = "0%"

# 宋体 as in the Word export; the charset says the font is Chinese (GB2312), which lets
# Excel and LibreOffice pick a CJK substitute where 宋体 is missing.
FONT_NAME, FONT_SIZE, GB2312 = "宋体", 10.5, 134
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312)
HEAD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, charset=GB2312, bold=True)
HEAD_FILL = PatternFill("solid", fgColor="FFD9D9D9")
THIN = Side(style="thin", color="FF000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DELETED = InlineFont(
    rFont=FONT_NAME, charset=GB2312, sz=FONT_SIZE, strike=True, color=Color("FFC00000")
)
INSERTED = InlineFont(rFont=FONT_NAME, charset=GB2312, sz=FONT_SIZE, b=True, u="single")
_BLOCK_FONTS = {OpKind.DELETE: DELETED, OpKind.INSERT: INSERTED}

# Row heights, in points. A line of 10.5 pt CJK text needs about 15 pt with the leading
# of the fonts LibreOffice substitutes (Noto CJK is taller than 宋体); the padding keeps
# the last line clear of the border, and the cell's margins take about two characters.
LINE_HEIGHT, ROW_PADDING, MIN_ROW_HEIGHT, CELL_MARGIN = 15.0, 4.0, 15.0, 2

# The page: A4 landscape, margins in inches (openpyxl's unit) of about 13 mm at the sides.
MARGINS = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3, footer=0.3)
HEADER_FONT, FOOTER_SIZE = f"{FONT_NAME},Regular", 9
PAGE_NUMBER = "第 &P 页 共 &N 页"  # &P this page, &N the number of pages


def write_xlsx(
    table: ComparisonTable, path: Path, *, build_date: str, same_as_left: bool = False
) -> None:
    """Write ``table`` as a workbook with the sheets 对照表 and 来源 to ``path``.

    Columns: both sides' article label and text, status, similarity (a number shown
    as a percentage, empty for an article without a counterpart), the change summary,
    one change a line, and the 说明's passages when a 说明 explains the new text. With
    ``same_as_left`` the right-hand text of a row whose text did not change reads 同左.
    The file depends only on ``table``, ``build_date`` and ``same_as_left``.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = SHEET_TITLE
    heads = sheet_heads(table)
    sheet.append(list(heads))
    for row in table.rows:
        sheet.append(_cells(table, row, same_as_left))
    _style_cells(sheet)
    _size_columns_and_rows(sheet, COLUMN_WIDTHS[: len(heads)])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _set_up_page(sheet, comparison_title(table), build_date)
    _add_sources_sheet(workbook, table, build_date)
    _set_properties(workbook, comparison_title(table), build_date)

    buffer = io.BytesIO()
    workbook.save(buffer)
    Path(path).write_bytes(deterministic_zip(buffer.getvalue(), build_date))


def sheet_heads(table: ComparisonTable) -> tuple[str, ...]:
    """The heads of the 对照表 sheet, in Chinese, in column order.

    Article number and text of each side, then status, similarity and changes, and the
    说明's passages when a 说明 explains the new text. Across jurisdictions there is no
    before and after, so the text heads name the regulation.
    """
    left_number, left_text, right_number, right_text = _SIDE_HEADS[table.kind]
    if table.kind is Kind.CROSS:
        left_text = f"{left_text}（{table.left_title}）"
        right_text = f"{right_text}（{table.right_title}）"
    heads = (
        left_number,
        left_text,
        right_number,
        right_text,
        STATUS_HEAD,
        SIMILARITY_HEAD,
        CHANGES_HEAD,
    )
    return (*heads, NOTES_HEAD) if table.has_notes else heads


# Cells ----------------------------------------------------------------------------


def _cells(table: ComparisonTable, row: TableRow, same_as_left: bool) -> list[object]:
    if same_as_left and reads_same_as_left(row):
        right: CellRichText | str = SAME_AS_LEFT
    else:
        right = _rich_text(row_runs(table.kind, row, TableSide.RIGHT))
    return [
        row.left.label,
        _rich_text(row_runs(table.kind, row, TableSide.LEFT)),
        row.right.label,
        right,
        row.status_label,
        similarity(row),
        "\n".join(row.changes),
        *(["\n".join(row.notes)] if table.has_notes else []),
    ]


def _rich_text(runs: list[Run]) -> CellRichText | str:
    """Marked runs as rich text; a text without marks stays a plain string."""
    if all(kind == OpKind.EQUAL for kind, _ in runs):
        return "".join(text for _, text in runs)
    return CellRichText(
        [
            text if kind == OpKind.EQUAL else TextBlock(_BLOCK_FONTS[kind], text)
            for kind, text in runs
            if text
        ]
    )


def _style_cells(sheet: Worksheet) -> None:
    """Font, border and wrapping on every cell; the head row bold, shaded and centred."""
    top = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(wrap_text=True, vertical="top", horizontal="center")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.font = BODY_FONT
            cell.border = GRID
            cell.alignment = centred if cell.column in (STATUS_COLUMN, SIMILARITY_COLUMN) else top
    for (alike,) in sheet.iter_rows(
        min_row=2, min_col=SIMILARITY_COLUMN, max_col=SIMILARITY_COLUMN
    ):
        alike.number_format = SIMILARITY_FORMAT
    for cell in sheet[1]:
        cell.font = HEAD_FONT
        cell.border = GRID
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


# Sizes ----------------------------------------------------------------------------


def _size_columns_and_rows(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Set the column widths, and each row's height to the lines its texts wrap to."""
    for number, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    for number, cells in enumerate(sheet.iter_rows(), 1):
        texts = ["" if cell.value is None else str(cell.value) for cell in cells]
        sheet.row_dimensions[number].height = row_height(texts, widths)


def row_height(texts: Sequence[str], widths: Sequence[float]) -> float:
    """The height in points of a row whose cells hold ``texts`` in columns of ``widths``:
    enough for the cell that wraps to the most lines, and no less than Excel's default."""
    lines = max(wrapped_lines(text, width) for text, width in zip(texts, widths, strict=True))
    return max(MIN_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapping cell ``width`` characters wide: each
    line of the text wraps on its own, and an empty line still takes one."""
    room = max(width - CELL_MARGIN, 1)
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def text_width(text: str) -> int:
    """The width of ``text`` in Latin characters: a CJK character (wide or full-width,
    as 条 and ，) counts two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


# Printing and provenance ----------------------------------------------------------


def _fit_to_page_width(sheet: Worksheet) -> None:
    """A4 landscape, every column on the page width and as many pages down as it takes."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # no limit on the pages down
    sheet.page_margins = MARGINS
    sheet.print_options.horizontalCentered = True


def _set_up_page(sheet: Worksheet, title: str, build_date: str) -> None:
    """The 对照表 fitted to the page width with its head row on each page; the title in
    the page header, the page number and build date in the footer."""
    _fit_to_page_width(sheet)
    sheet.print_title_rows = "1:1"
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # a new sheet has both, empty
    header.center.text, header.center.font = _header_text(title), HEADER_FONT
    for part, text in (
        (footer.left, f"生成日期：{build_date}"),
        (footer.center, PAGE_NUMBER),
        (footer.right, f"来源文本的 SHA-256 见工作表“{SOURCES_TITLE}”"),
    ):
        part.text, part.font, part.size = text, HEADER_FONT, FOOTER_SIZE


def _header_text(text: str) -> str:
    """``text`` as it reads in a page header: an ampersand starts a code there, so it
    is doubled."""
    return text.replace("&", "&&")


def _add_sources_sheet(workbook: Workbook, table: ComparisonTable, build_date: str) -> None:
    """The sheet 来源: when the file was built, and the sha256 of each source text."""
    sheet = workbook.create_sheet(SOURCES_TITLE)
    titles = {table.left: table.left_title, table.right: table.right_title}
    sheet.append(["对照表", comparison_title(table), ""])
    sheet.append(["生成日期", build_date, ""])
    sheet.append(["来源文本", "标题", "SHA-256"])
    for regulation_id, sha256 in table.sources.items():
        sheet.append([regulation_id, titles.get(regulation_id, ""), sha256])
    top = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font, cell.alignment = BODY_FONT, top
    for cell in (*sheet["A"], *sheet[3]):  # the names of what each row gives
        cell.font = HEAD_FONT
    _size_columns_and_rows(sheet, SOURCES_WIDTHS)
    _fit_to_page_width(sheet)


def _set_properties(workbook: Workbook, title: str, build_date: str) -> None:
    built = dt.datetime.fromisoformat(build_date)
    workbook.properties.title = title
    workbook.properties.creator = workbook.properties.lastModifiedBy = "comparator"
    workbook.properties.description = "由 comparator 根据来源文本自动生成"
    workbook.properties.created = workbook.properties.modified = built
