"""The Excel and CSV exports as a reader meets them: a workbook that prints, a CSV whose
heads are the same for every comparison, 同左 on request in both."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
import math
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.worksheet.worksheet import Worksheet

from comparator.compare.table import ComparisonTable, TableRow
from comparator.publish.export.tabular import write_csv
from comparator.publish.export.xlsx import write_xlsx
from comparator.vocabulary import Status

from .conftest import row_index
from .rendering import office_pdf, page_pictures, pdf_text

DATE = "2025-01-02"
CSV_HEADS = [
    "左侧条号",
    "左侧条文",
    "右侧条号",
    "右侧条文",
    "状态",
    "状态代码",
    "相似度",
    "变化",
    "修改说明",
]
BODY_SIZE = 10.5  # points: the sheet's text, 五号


def unpaired(row: TableRow) -> bool:
    return not (row.left.label and row.right.label)


def with_notes(table: ComparisonTable) -> ComparisonTable:
    """``table`` as if a 说明 explained its first row."""
    first = dataclasses.replace(table.rows[0], notes=("为加强代表工作，作此修改。",))
    return dataclasses.replace(table, rows=(first, *table.rows[1:]))


# Excel ---------------------------------------------------------------------------


def sheet_of(table: ComparisonTable, path: Path, **options) -> Worksheet:
    write_xlsx(table, path, build_date=DATE, **options)
    return openpyxl.load_workbook(path, rich_text=True)["对照表"]


@pytest.fixture(scope="module")
def revision_sheet(revision, tmp_path_factory) -> Worksheet:
    return sheet_of(revision, tmp_path_factory.mktemp("xlsx") / "revision.xlsx")


def test_xlsx_prints_landscape_a4_one_page_wide_with_the_head_on_each_page(revision_sheet):
    setup = revision_sheet.page_setup
    assert setup.orientation == "landscape"
    assert setup.paperSize == 9  # A4 in the codes of ECMA-376
    assert revision_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, any number long
    assert revision_sheet.print_title_rows == "$1:$1"
    margins = revision_sheet.page_margins
    assert 0.3 <= min(margins.left, margins.right, margins.top, margins.bottom) <= 1


def test_xlsx_pages_say_title_page_number_and_build_date(revision_sheet, revision):
    assert "修订前后对照表" in revision_sheet.oddHeader.center.text
    assert revision.right_title.split("（")[0] in revision_sheet.oddHeader.center.text
    footer = revision_sheet.oddFooter
    assert footer.center.text == "第 &P 页 共 &N 页"
    assert DATE in footer.left.text
    assert "宋体" in footer.center.font


def test_xlsx_rows_are_as_tall_as_their_wrapped_text(revision_sheet, revision):
    """Each row is at least as tall as its longest text needs, counting a CJK character
    no wider than the digit 0 (a generous lower bound: it is about twice as wide)."""
    widths = {
        cell.column_letter: revision_sheet.column_dimensions[cell.column_letter].width
        for cell in revision_sheet[1]
    }
    heights = []
    for cells in revision_sheet.iter_rows(min_row=2):
        need = max(
            sum(math.ceil(len(line) / widths[cell.column_letter]) or 1 for line in lines)
            for cell in cells
            for lines in [str(cell.value or "").split("\n")]
        )
        height = revision_sheet.row_dimensions[cells[0].row].height
        assert height is not None and height >= need * BODY_SIZE, cells[0].row
        heights.append(height)
    longest = max(range(len(revision.rows)), key=lambda i: len(revision.rows[i].right.text))
    assert heights[longest] > 4 * 15  # far above the 15 pt a row has by default
    assert min(heights) < heights[longest] / 2  # a short row stays short


def test_xlsx_cells_are_chinese_type_in_a_grid_under_a_bold_shaded_head(revision_sheet):
    for cells in revision_sheet.iter_rows():
        for cell in cells:
            assert cell.font.name == "宋体", cell.coordinate
            sides = cell.border.left, cell.border.right, cell.border.top, cell.border.bottom
            assert all(side.style == "thin" for side in sides), cell.coordinate
            for block in cell.value if isinstance(cell.value, CellRichText) else ():
                if isinstance(block, TextBlock):  # marked words keep the Chinese font
                    assert block.font.rFont == "宋体", cell.coordinate
    for cell in revision_sheet[1]:
        assert cell.font.b and cell.fill.fgColor.rgb.endswith("D9D9D9")
    assert not revision_sheet["B3"].font.b


def test_xlsx_leaves_similarity_blank_for_an_article_without_counterpart(revision_sheet, revision):
    for number, row in enumerate(revision.rows, 2):
        similarity = revision_sheet.cell(number, 6)
        if unpaired(row):
            assert similarity.value is None, number
        else:
            assert similarity.value == pytest.approx(row.similarity)
            assert similarity.number_format == "0%"
    assert any(unpaired(row) for row in revision.rows)


def test_xlsx_same_as_left(revision, revision_sheet, tmp_path):
    same = sheet_of(revision, tmp_path / "same.xlsx", same_as_left=True)
    unchanged = row_index(revision, "第二十五条", "第二十五条") + 2
    assert revision.rows[unchanged - 2].status is Status.UNCHANGED
    assert same.cell(unchanged, 4).value == "同左"
    assert revision_sheet.cell(unchanged, 4).value == revision.rows[unchanged - 2].right.text
    renumbered = row_index(revision, "第十四条", "第十三条") + 2
    assert (same.cell(renumbered, 3).value, same.cell(renumbered, 4).value) == ("第十三条", "同左")
    changed = row_index(revision, "第三条", "第四条") + 2
    assert "代表工委" in str(same.cell(changed, 4).value)


def test_xlsx_across_jurisdictions_names_both_sides(cross, tmp_path):
    sheet = sheet_of(cross, tmp_path / "cross.xlsx")
    heads = [cell.value for cell in sheet[1]]
    assert heads[0] == "左侧条号" and cross.left_title in heads[1]
    assert heads[2] == "右侧条号" and cross.right_title in heads[3]
    assert sheet.page_setup.orientation == "landscape"


def test_xlsx_names_its_sources_and_build_date(revision, tmp_path):
    path = tmp_path / "revision.xlsx"
    write_xlsx(revision, path, build_date=DATE)
    sources = openpyxl.load_workbook(path)["来源"]
    values = [str(cell.value) for cells in sources.iter_rows() for cell in cells]
    assert DATE in values
    for regulation_id, sha256 in revision.sources.items():
        assert regulation_id in values and sha256 in values
    assert sources.page_setup.fitToWidth == 1


# CSV -----------------------------------------------------------------------------


def records_of(table: ComparisonTable, path: Path, **options) -> list[list[str]]:
    write_csv(table, path, **options)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_opens_in_excel_with_one_record_per_row(revision, tmp_path):
    records = records_of(revision, tmp_path / "revision.csv")
    assert len(records) == len(revision.rows) + 1
    index = row_index(revision, "第三条", "第四条")
    row, record = revision.rows[index], dict(zip(records[0], records[index + 1], strict=True))
    assert [record[head] for head in CSV_HEADS[:4]] == [
        row.left.label,
        row.left.text,
        row.right.label,
        row.right.text,
    ]
    assert (record["状态"], record["状态代码"]) == ("修改", "modified")
    assert record["变化"] == "\n".join(row.changes)


def test_csv_heads_are_the_same_for_every_comparison(revision, cross, tmp_path):
    explained = with_notes(revision)
    assert not revision.has_notes and explained.has_notes
    heads = [
        records_of(table, tmp_path / f"{name}.csv")[0]
        for name, table in (("revision", revision), ("cross", cross), ("notes", explained))
    ]
    assert heads == [CSV_HEADS] * 3
    first = dict(zip(CSV_HEADS, records_of(explained, tmp_path / "notes.csv")[1], strict=True))
    assert first["修改说明"] == "为加强代表工作，作此修改。"


@pytest.mark.parametrize("kind", ["revision", "cross"])
def test_csv_leaves_similarity_blank_for_an_article_without_counterpart(kind, request, tmp_path):
    table = request.getfixturevalue(kind)
    records = records_of(table, tmp_path / "table.csv")
    column = CSV_HEADS.index("相似度")
    assert any(unpaired(row) for row in table.rows)
    for row, record in zip(table.rows, records[1:], strict=True):
        if unpaired(row):
            assert record[column] == ""
        else:
            assert float(record[column]) == pytest.approx(row.similarity, abs=5e-5)


def test_csv_same_as_left(revision, tmp_path):
    plain = records_of(revision, tmp_path / "plain.csv")
    same = records_of(revision, tmp_path / "same.csv", same_as_left=True)
    unchanged = row_index(revision, "第二十五条", "第二十五条") + 1
    assert same[unchanged][2:4] == ["第二十五条", "同左"]
    assert plain[unchanged][3] == revision.rows[unchanged - 1].right.text
    renumbered = row_index(revision, "第十四条", "第十三条") + 1
    assert same[renumbered][:4] == [
        "第十四条",
        revision.rows[renumbered - 1].left.text,
        "第十三条",
        "同左",
    ]
    changed = row_index(revision, "第三条", "第四条") + 1
    assert same[changed] == plain[changed]


# The command line -----------------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_same_as_left_reaches_csv_and_xlsx(file_format, invoke, revision, tmp_path):
    path = tmp_path / f"same.{file_format}"
    result = invoke(
        "export",
        "shenzhen-2007",
        "shenzhen-draft",
        "--format",
        file_format,
        "-o",
        str(path),
        "--same-as-left",
    )
    assert result.exit_code == 0, result.output
    unchanged = row_index(revision, "第二十五条", "第二十五条")
    if file_format == "csv":
        right = records_of_file(path)[unchanged + 1][3]
    else:
        right = openpyxl.load_workbook(path)["对照表"].cell(unchanged + 2, 4).value
    assert right == "同左"


def records_of_file(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_xlsx_renders_every_page_with_its_head(revision, tmp_path):
    """The Shenzhen revision printed by LibreOffice: landscape pages, each with the head
    row and its page number, to build/screenshots/xlsx-NN.png."""
    path = tmp_path / "shenzhen.xlsx"
    write_xlsx(revision, path, build_date=DATE)
    pdf = office_pdf(path, tmp_path)
    pages = page_pictures(pdf, "xlsx")
    text = pdf_text(pdf)
    assert len(pages) == len(text) >= 2
    # the table's pages, then the sheet 来源 (title, build date, the sources' SHA-256)
    *table_pages, sources = text
    assert "shenzhen-2007" in sources and "修订前条号" not in sources
    for number, page in enumerate(table_pages, start=1):
        assert "修订前条号" in page and f"第{number}页共{len(pages)}页" in page
