"""The 对照表 as an Excel workbook (openpyxl): one sheet to sort, filter and annotate.

One row per table row under a frozen head row with an auto filter. Texts are rich
text marked as in the Word export: deleted words struck through in red, added words
bold and underlined.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Color, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from comparator.compare.table import ComparisonTable, Run, TableRow, row_runs
from comparator.publish.export import comparison_title
from comparator.publish.export.reproducible import deterministic_zip
from comparator.publish.export.tabular import column_heads
from comparator.vocabulary import OpKind, Side

SHEET_TITLE = "对照表"
# Widths in characters of the default font, in the order of ``column_heads``.
COLUMN_WIDTHS = (11, 60, 11, 60, 10, 8, 36, 50)  # the last: 修改说明, when there is one
SIMILARITY_FORMAT = "0%"
HEAD_FILL = PatternFill("solid", fgColor="FFD9D9D9")
DELETED = InlineFont(strike=True, color=Color("FFC00000"))
INSERTED = InlineFont(b=True, u="single")
_BLOCK_FONTS = {OpKind.DELETE: DELETED, OpKind.INSERT: INSERTED}


def write_xlsx(table: ComparisonTable, path: Path, *, build_date: str) -> None:
    """Write ``table`` as a workbook with the single sheet 对照表 to ``path``.

    Columns: both sides' article label and text, status, similarity (a number shown
    as a percentage), and the change summary, one change a line. The head row stays
    in view when scrolling and carries filters. The file depends only on ``table``
    and ``build_date``.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = SHEET_TITLE
    sheet.append(list(column_heads(table)))
    for row in table.rows:
        sheet.append(_cells(table, row))

    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for (similarity,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        similarity.number_format = SIMILARITY_FORMAT
    for number, width in enumerate(COLUMN_WIDTHS[: len(column_heads(table))], 1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    built = dt.datetime.fromisoformat(build_date)
    workbook.properties.title = comparison_title(table)
    workbook.properties.creator = workbook.properties.lastModifiedBy = "comparator"
    workbook.properties.description = "由 comparator 根据来源文本自动生成"
    workbook.properties.created = workbook.properties.modified = built

    buffer = io.BytesIO()
    workbook.save(buffer)
    Path(path).write_bytes(deterministic_zip(buffer.getvalue(), build_date))


def _cells(table: ComparisonTable, row: TableRow) -> list[object]:
    return [
        row.left.label,
        _rich_text(row_runs(table.kind, row, Side.LEFT)),
        row.right.label,
        _rich_text(row_runs(table.kind, row, Side.RIGHT)),
        row.status_label,
        row.similarity,
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
