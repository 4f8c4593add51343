"""The three-way view as a Word document (python-docx): a revision beside a third text.

Three columns, one row per matter as on the site: the old text with its deletions
struck through, the new text with its additions marked and what the revision did,
and the third text's articles on the same matter, each under the reason it stands
there. Page, fonts and marks are those of the 对照表 (``word``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Emu, RGBColor
from docx.table import _Cell

from comparator.compare.three_way import ThreeWayArticle, ThreeWayRow, ThreeWayTable
from comparator.publish.export.word import (
    LEGEND_SIZE,
    MARGIN,
    PAGE_WIDTH,
    add_footer,
    add_legend,
    fill_article,
    fill_head,
    font,
    new_document,
    row_properties,
    save,
    set_sources,
)
from comparator.vocabulary import Kind, OpKind, status_label

ABSENT_COLOUR = RGBColor(0x59, 0x59, 0x59)
DELETED_BY_REVISION = "（修订后删除）"
NO_COUNTERPART = "（无对应条文）"


def three_way_title(heads: Sequence[str]) -> str:
    """三方对照表：深圳规定（2007）、深圳规定修订草案、重庆办法修订草案."""
    return "三方对照表：" + "、".join(heads)


def write_three_way_docx(
    table: ThreeWayTable,
    heads: tuple[str, str, str],
    reasons: Sequence[Sequence[str]],
    sources: dict[str, str],
    path: Path,
    build_date: str,
) -> None:
    """Write the three-way view of ``table`` to ``path``.

    ``heads`` are the three texts' short titles; ``reasons`` says, for each row, why
    each of the third text's articles stands there ("" where nothing is known).
    """
    old, new, other = heads
    document = new_document(three_way_title(heads), build_date)
    add_legend(
        document,
        f"说明：每一行是一个事项。左栏为{old}，删去的文字标红并加删除线；中栏为{new}，"
        f"新增的文字加粗并加下划线，其上注明修改情况；右栏为{other}中规定同一事项的条文，"
        "其上注明对应依据。",
    )
    grid = document.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    width = Emu((PAGE_WIDTH - 2 * MARGIN) // 3)
    row_properties(grid.rows[0], header=True)
    for cell, text in zip(grid.rows[0].cells, (old, f"{new}\n（与{old}比较）", other), strict=True):
        fill_head(cell, text)
    for row, row_reasons in zip(table.rows, reasons, strict=True):
        cells = grid.add_row()
        row_properties(cells, header=False)
        _fill_row(cells.cells, row, row_reasons)
    for cells in grid.rows:
        for cell in cells.cells:
            cell.width = width
    set_sources(document, sources)
    add_footer(document)
    save(document, path, build_date)


def _fill_row(cells: list[_Cell], row: ThreeWayRow, reasons: Sequence[str]) -> None:
    old_cell, new_cell, other_cell = cells
    for article in row.old:
        _fill(old_cell, article)
    if row.status is not None:
        paragraph = new_cell.paragraphs[0]
        font(paragraph.add_run(f"【{status_label(row.status, Kind.REVISION)}】"), bold=True)
    if row.new is not None:
        _fill(new_cell, row.new)
    elif row.old:
        _note(new_cell, DELETED_BY_REVISION)
    for article, reason in zip(row.other, reasons, strict=True):
        if reason:
            _note(other_cell, reason)
        _fill(other_cell, article)
    if not row.other:
        _note(other_cell, NO_COUNTERPART)


def _fill(cell: _Cell, article: ThreeWayArticle) -> None:
    label_kind = OpKind.EQUAL
    if len(article.runs) == 1 and article.runs[0][0] is not OpKind.EQUAL:
        label_kind = article.runs[0][0]  # deleted or added whole: its label too
    fill_article(cell, article.label, list(article.runs), label_kind)


def _note(cell: _Cell, text: str) -> None:
    """A line in small grey type: why an article stands here, or why a cell is empty."""
    paragraph = cell.paragraphs[-1]
    if paragraph.runs:
        paragraph = cell.add_paragraph()
    run = paragraph.add_run(text)
    font(run, size=LEGEND_SIZE)
    run.font.color.rgb = ABSENT_COLOUR
