"""The 对照表 as a PDF, laid out as the Word document is, read back with pypdf: the head
row on every page of the table, chapters and articles in the text, 第X页 共Y页, the
Chinese fonts embedded, the same bytes from the same input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from comparator.compare.table import ComparisonTable
from comparator.publish.export import editions_of, export_comparison
from comparator.publish.export.house import Clause, Edition, HouseRow, HouseTable, Line
from comparator.publish.export.pdf import write_pdf
from comparator.vocabulary import Kind, OpKind

from .rendering import page_pictures

DATE = "2025-01-02"
SHENZHEN = ("shenzhen-2007", "shenzhen-draft")
CROSS = ("shenzhen-draft", "chongqing-draft")
REVISION_HEADS = ("现行条文", "修订草案条文", "修改说明")
CHANGES_HEAD = "主要修改情况"
# What the name of a Chinese font embedded here holds: the Noto CJK fonts, or the
# official fonts (and their stand-ins) on a machine that has them.
CJK_FONT_NAMES = ("CJK", "GB2312", "FangSong", "SimHei", "SimSun", "FZ")


def export(library, ids: tuple[str, str], path: Path) -> Path:
    """The PDF the site offers (or ``comparator export`` writes) for a comparison."""
    table: ComparisonTable = library.table(*ids)
    export_comparison(table, "pdf", path, DATE, editions=editions_of(library, *ids))
    return path


def page_texts(path: Path) -> list[str]:
    """The text of each page, its white space removed (Chinese lines wrap anywhere)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def table_pages(texts: list[str]) -> list[str]:
    """The pages of the table: those before the change summary."""
    summary = next((i for i, text in enumerate(texts) if CHANGES_HEAD in text), len(texts))
    return texts[:summary]


@pytest.fixture(scope="module")
def shenzhen(library, tmp_path_factory) -> Path:
    return export(library, SHENZHEN, tmp_path_factory.mktemp("pdf") / "shenzhen.pdf")


@pytest.fixture(scope="module")
def shenzhen_texts(shenzhen) -> list[str]:
    return page_texts(shenzhen)


@pytest.fixture(scope="module")
def cross(library, tmp_path_factory) -> Path:
    return export(library, CROSS, tmp_path_factory.mktemp("pdf") / "cross.pdf")


def test_the_head_row_repeats_on_every_page_of_the_table(shenzhen_texts):
    pages = table_pages(shenzhen_texts)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        for head in REVISION_HEADS:
            assert head in text, (number, head)


def test_text_has_title_chapters_articles_and_page_numbers(library, shenzhen_texts):
    first = shenzhen_texts[0]
    title = library.table(*SHENZHEN).right_title
    assert "修订前后对照表" in first
    assert title.split("（")[0] in first  # the draft's title, its status apart
    assert "左栏：《" in first and "右栏：《" in first
    assert "删去的文字加双删除线" in first  # the legend
    whole = "".join(shenzhen_texts)
    assert "第二章联系代表和组织代表活动" in whole
    assert "第三条" in whole and "第三十四条" in whole
    total = len(shenzhen_texts)
    for number, text in enumerate(shenzhen_texts, start=1):
        assert f"第{number}页共{total}页" in text


def test_change_summary_follows_the_table_on_a_page_of_its_own(shenzhen_texts):
    pages = table_pages(shenzhen_texts)
    assert len(pages) < len(shenzhen_texts)  # a revision has a change summary
    summary = shenzhen_texts[len(pages)]
    assert summary.index(CHANGES_HEAD) < 20  # it opens its page
    assert "现行条文" not in summary
    assert "原文：" in summary and "修改后：" in summary
    assert "1." in summary


def test_fonts_are_embedded_chinese_subsets(shenzhen):
    fonts = embedded_fonts(PdfReader(shenzhen))
    assert fonts, "no font in the PDF"
    for name, files in fonts.items():
        assert files & {"/FontFile2", "/FontFile3"}, f"{name} is not embedded"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        assert any(mark in name for mark in CJK_FONT_NAMES), f"{name} is not a Chinese font"
    # the text in a serif face, the heads in a sans one
    assert any("Serif" in name or "FangSong" in name for name in fonts)
    assert any("Sans" in name or "SimHei" in name for name in fonts)


def embedded_fonts(reader: PdfReader) -> dict[str, set[str]]:
    """Each font the pages use -> the font file keys of its descriptor."""
    fonts: dict[str, set[str]] = {}
    for page in reader.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = {
                key for key in descriptor if key.startswith("/FontFile")
            }
    return fonts


def test_same_input_gives_the_same_bytes(library, shenzhen, tmp_path):
    again = export(library, SHENZHEN, tmp_path / "again.pdf")
    assert again.read_bytes() == shenzhen.read_bytes()


def test_properties_are_dated_by_the_build_date(library, shenzhen):
    metadata = PdfReader(shenzhen).metadata
    assert metadata is not None
    assert metadata.creation_date is not None
    assert metadata.creation_date.date().isoformat() == DATE
    assert metadata.modification_date == metadata.creation_date
    assert metadata.title and metadata.title.endswith("修订前后对照表")
    for regulation_id in SHENZHEN:
        assert regulation_id in (metadata.subject or "")  # the sources, by SHA-256


def test_cross_jurisdiction_table_has_two_columns_on_every_page(library, cross):
    texts = page_texts(cross)
    heads = [e.head for e in editions_of(library, *CROSS)]
    assert len(texts) > 1
    assert all(head in text for text in texts for head in heads)
    assert not any("修改说明" in text or CHANGES_HEAD in text for text in texts)
    assert "对照表" in texts[0]


def test_regulation_text_prints_literally(tmp_path):
    """Regulation text is data: markup in it is printed, never read as HTML."""
    hostile = "<b>不是粗体</b> & <script>alert(1)</script>"
    clause = Clause(((OpKind.EQUAL, "第一款"), (OpKind.INSERT, hostile)), label="第一条")
    table = HouseTable(
        Kind.REVISION,
        "《测试规定》修订前后对照表",
        (
            Edition("测试规定", "", "2020年", "现行条文"),
            Edition("测试规定", "", "2025年", "修订后条文"),
        ),
        (
            HouseRow(chapter=("第一章　<i>总则</i>", "第一章　<i>总则</i>")),
            HouseRow((Line((clause,), (clause,)),), ("<注>",)),
        ),
        "说明：",
        has_notes=True,
    )
    path = tmp_path / "hostile.pdf"
    write_pdf(table, path, build_date=DATE)
    text = "".join(page_texts(path))
    assert "".join(hostile.split()) in text
    assert "<i>总则</i>" in text and "<注>" in text


def test_command_line_writes_a_pdf(invoke, tmp_path):
    out = tmp_path / "对照表.pdf"
    result = invoke(
        "export", "henan-lianxi-2000", "shenzhen-draft", "--format", "pdf", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "对照表" in page_texts(out)[0]


def test_every_page_renders(shenzhen):
    """The Shenzhen revision, every page as poppler draws it, to build/screenshots/pdf-NN.png."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler (pdftoppm) is not installed: apt-get install poppler-utils")
    pages = page_pictures(shenzhen, "pdf")
    assert len(pages) == len(PdfReader(shenzhen).pages)
    assert all(p.stat().st_size > 10_000 for p in pages)
