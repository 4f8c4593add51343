"""The 对照表 in Word, as a clerk hands it in: house form, read back with python-docx,
and every page rendered with LibreOffice into build/screenshots/."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from comparator.publish.export import editions_of, export_comparison

from .rendering import office_pdf, page_pictures, pdf_text

DATE = "2025-01-02"
SHENZHEN = ("shenzhen-2007", "shenzhen-draft")
CHONGQING = ("chongqing-2016", "chongqing-draft")
CROSS = ("shenzhen-draft", "chongqing-draft")


def export(library, ids, path: Path, **options) -> Path:
    """The DOCX the site offers (or ``comparator export`` writes) for a comparison."""
    table = library.table(*ids)
    export_comparison(table, "docx", path, DATE, editions=editions_of(library, *ids), **options)
    return path


@pytest.fixture(scope="module")
def shenzhen(library, tmp_path_factory) -> Path:
    return export(library, SHENZHEN, tmp_path_factory.mktemp("docx") / "shenzhen.docx")


@pytest.fixture(scope="module")
def shenzhen_same(library, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "same.docx"
    return export(library, SHENZHEN, path, same_as_left=True)


def rows_of(path: Path) -> list[list[str]]:
    """The text of every cell of every table row (the head row first)."""
    table = docx.Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def line_with(path: Path, column: int, words: str):
    """The table row whose cell in ``column`` holds ``words``."""
    for row in docx.Document(str(path)).tables[0].rows:
        if words in row.cells[column].text:
            return row
    raise AssertionError(f"no row with {words!r} in column {column}")


def is_red(rgb) -> bool:
    return rgb is not None and rgb[0] >= 0xA0 and rgb[1] < 0x40 and rgb[2] < 0x40


# The page around the table ------------------------------------------------------------


def test_title_keeps_the_draft_status_outside_the_book_marks(shenzhen):
    paragraphs = [p.text for p in docx.Document(str(shenzhen)).paragraphs]
    title = "深圳市人民代表大会常务委员会联系代表和保障代表执行职务的规定"
    assert paragraphs[0] == f"《{title}》修订前后对照表"
    # each text named under the title, with its date as its history gives it
    assert paragraphs[1] == f"左栏：《{title}》（2007年5月30日修正）"
    assert paragraphs[2] == f"右栏：《{title}》（修订草案征求意见稿，2025年）"


def test_a_title_inside_book_marks_turns_its_own_marks_to_angle_brackets(library, tmp_path):
    path = export(library, CHONGQING, tmp_path / "chongqing.docx")
    title = docx.Document(str(path)).paragraphs[0].text
    assert title == (
        "《重庆市实施〈中华人民共和国全国人民代表大会和地方各级人民代表大会代表法〉办法》"
        "修订前后对照表"
    )


def test_a4_landscape(shenzhen):
    section = docx.Document(str(shenzhen)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(297)) < Mm(1)
    assert abs(section.page_height - Mm(210)) < Mm(1)


def test_footer_numbers_the_pages_in_chinese_and_says_nothing_else(shenzhen):
    footer = docx.Document(str(shenzhen)).sections[0].footer
    (paragraph,) = footer.paragraphs
    fields = [f.get(qn("w:instr")) for f in paragraph._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert paragraph.text == "第  页\u3000共  页"  # the fields fill the gaps


def test_nothing_printed_is_in_english(shenzhen):
    """Headings, legend, footer and heads: Chinese only (the texts hold no Latin)."""
    document = docx.Document(str(shenzhen))
    printed = [p.text for p in document.paragraphs]
    printed += [p.text for p in document.sections[0].footer.paragraphs]
    printed += [c.text for row in document.tables[0].rows for c in row.cells]
    assert not [text for text in printed if re.search(r"[A-Za-z]", text)]


def test_fonts_of_an_official_document_with_their_stand_ins(shenzhen):
    document = docx.Document(str(shenzhen))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title_run = document.paragraphs[0].runs[0]._r
    assert title_run.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    head_run = document.tables[0].rows[0].cells[0].paragraphs[0].runs[0]._r
    assert head_run.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    font_table = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("fontTable")
    )
    entries = etree.fromstring(font_table.blob).findall(qn("w:font"))
    stand_ins = {
        e.get(qn("w:name")): e.find(qn("w:altName")).get(qn("w:val"))
        for e in entries
        if e.find(qn("w:altName")) is not None
    }
    assert stand_ins["仿宋_GB2312"] == "仿宋" and stand_ins["黑体"] == "SimHei"


# The table ---------------------------------------------------------------------------


def test_house_columns_repeat_on_every_page(shenzhen):
    rows = docx.Document(str(shenzhen)).tables[0].rows
    assert [c.text for c in rows[0].cells] == ["现行条文", "修订草案条文", "修改说明"]
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_a_row_for_each_chapter(shenzhen, library):
    chapters = [row.opens for row in library.table(*SHENZHEN).rows if any(row.opens)]
    shown = [tuple(cells[:2]) for cells in rows_of(shenzhen) if re.match(r"第.+章", cells[0])]
    assert shown == chapters and len(chapters) >= 3


def test_paragraphs_stand_beside_the_paragraphs_they_became(shenzhen):
    """第六条 → 第七条: its 款 each on a line of their own; the one both keep side by side,
    the one the draft dropped beside nothing, the one it added beside nothing."""
    kept = line_with(shenzhen, 0, "代表在本行政区域内调动工作的")
    assert "代表在本行政区域内调动工作的" in kept.cells[1].text
    dropped = line_with(shenzhen, 0, "代表小组每四个月至少组织一次活动")
    assert dropped.cells[1].text == ""
    added = line_with(shenzhen, 1, "代表专业小组每年开展活动不少于两次")
    assert added.cells[0].text == ""
    # the three are lines of one article: its 修改说明 is one cell down all of them
    assert kept.cells[2]._tc is dropped.cells[2]._tc or kept.cells[2].text == dropped.cells[2].text


def test_deletions_struck_twice_in_red_and_additions_bold_underlined(shenzhen):
    row = line_with(shenzhen, 0, "选联任工委")
    left_runs = [r for p in row.cells[0].paragraphs for r in p.runs]
    right_runs = [r for p in row.cells[1].paragraphs for r in p.runs]
    assert left_runs[0].text == "第三条" and left_runs[0].bold
    deleted = [r for r in left_runs if r.text == "选联任工委"]
    assert deleted and deleted[0].font.double_strike and is_red(deleted[0].font.color.rgb)
    added = [r for r in right_runs if r.text == "代表工委"]
    assert added and added[0].bold and added[0].underline
    plain = [r for r in left_runs if r.text.startswith("常务委员会")]
    assert plain and not plain[0].font.double_strike and not plain[0].bold


def test_a_deleted_article_is_struck_whole(shenzhen):
    row = line_with(shenzhen, 0, "第十条")
    runs = [r for p in row.cells[0].paragraphs for r in p.runs if r.text.strip()]
    assert runs[0].text == "第十条"
    assert all(r.font.double_strike and is_red(r.font.color.rgb) for r in runs)
    assert row.cells[1].text == "" and row.cells[2].text == "删除条文"


def test_the_left_column_prints_full_width_marks_as_the_right_does(shenzhen):
    first = line_with(shenzhen, 0, "第一条").cells[0].text
    assert "（以下简称常务委员会）" in first and "(" not in first and "," not in first


def test_notes_come_from_the_explanation_and_the_change_summary(shenzhen, library, tmp_path):
    # the change summary speaks of 第三条 → 第四条
    assert line_with(shenzhen, 0, "选联任工委").cells[2].text == "名称：选联任工委 → 代表工委"
    # where neither speaks, the cell is empty (第一条: reworded, nothing the summary counts)
    assert line_with(shenzhen, 0, "第一条").cells[2].text == ""
    # the Chongqing draft's 说明 explains its new 第三条
    chongqing = export(library, CHONGQING, tmp_path / "chongqing.docx")
    notes = line_with(chongqing, 1, "第三条").cells[2].text
    assert "坚持党的领导" in notes and notes.endswith("新增条文")


def test_same_as_left_paragraph_by_paragraph(shenzhen_same):
    # an article that did not change at all: its new number, then 同左
    assert line_with(shenzhen_same, 0, "第十四条").cells[1].text == "第十三条\u3000同左"
    # in a changed article, a paragraph that stayed says 同左, one that went （删除）
    assert line_with(shenzhen_same, 0, "代表在本行政区域内调动工作的").cells[1].text == "同左"
    assert line_with(shenzhen_same, 0, "代表小组每四个月至少组织一次活动").cells[1].text == (
        "（删除）"
    )
    # a changed paragraph is written out
    assert "代表工委" in line_with(shenzhen_same, 0, "选联任工委").cells[1].text


def test_unchanged_articles_can_be_left_out(library, tmp_path):
    table = library.table(*SHENZHEN)
    path = export(library, SHENZHEN, tmp_path / "changed.docx", omit_unchanged=True)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "本表仅列出有修改的条文。" in paragraphs[3]
    labels = {
        cells[0].split("\u3000")[0] for cells in rows_of(path)[1:] if cells[0].startswith("第")
    }
    unchanged = {row.left.label for row in table.rows if row.text_unchanged}
    assert unchanged and not unchanged & labels
    changed = {row.left.label for row in table.rows if not row.text_unchanged and row.left.label}
    assert changed <= labels


def test_the_change_summary_follows_on_a_page_of_its_own(shenzhen):
    paragraphs = docx.Document(str(shenzhen)).paragraphs
    texts = [p.text for p in paragraphs]
    start = texts.index("主要修改情况")
    assert paragraphs[start].paragraph_format.page_break_before
    entry = next(i for i in range(start, len(texts)) if "二十四小时内 → 十二小时内" in texts[i])
    assert texts[entry].split(" ", 1)[1].startswith("第三十一条 → 第三十二条")
    old, new = paragraphs[entry + 1], paragraphs[entry + 2]
    assert old.text.startswith("原文：") and new.text.startswith("修改后：")
    assert [r.text for r in old.runs if r.font.double_strike] == ["二十四小时内"]
    assert [r.text for r in new.runs if r.font.bold] == ["十二小时内"]


# Across jurisdictions --------------------------------------------------------------------


@pytest.fixture(scope="module")
def cross(library, tmp_path_factory) -> Path:
    return export(library, CROSS, tmp_path_factory.mktemp("docx") / "cross.docx")


def test_cross_one_row_per_left_article_and_no_figures(cross, library):
    rows = rows_of(cross)
    assert rows[0] == ["深圳规定修订草案", "重庆实施办法修订草案"]
    left_labels = [cells[0].split("\u3000")[0] for cells in rows[1:] if "条" in cells[0][:6]]
    assert len(left_labels) == len(set(left_labels))  # no left text repeated
    shenzhen = library.regulation("shenzhen-draft")
    assert len(left_labels) == len(shenzhen.articles)
    assert not any("%" in cell for cells in rows for cell in cells)
    runs = docx.Document(str(cross)).tables[0]._tbl.iter(qn("w:dstrike"))
    assert not list(runs)  # nothing is deleted across jurisdictions


def test_cross_articles_of_the_right_text_alone_stand_in_its_order(cross, library):
    """A Chongqing article no Shenzhen article matches comes right after the row that
    shows the Chongqing article before it, not at the end of the table."""
    alone = {row.right.label for row in library.table(*CROSS).rows if row.left.number is None}
    assert len(alone) > 20
    number = {a.label: a.number for a in library.regulation("chongqing-draft").articles}
    shown: list[set[int]] = []  # the Chongqing articles of each article row, in order
    checked = 0
    for cells in rows_of(cross)[1:]:
        if re.match(r"第.+章", cells[0]):
            continue  # a chapter row
        labels = {number[label] for label in re.findall(r"(?m)^(第[^条\s]+条)", cells[1])}
        if not cells[0] and len(labels) == 1 and (n := next(iter(labels))) > 1:
            assert n - 1 in shown[-1], f"第{n}条 stands after {shown[-1]}"
            checked += 1
        shown.append(labels)
    assert checked == len(alone) - ("第一条" in alone)
    assert set().union(*shown) == set(number.values())  # every article is there


# Rendered as a reader sees it -------------------------------------------------------------


def test_every_page_renders_in_libreoffice(shenzhen, tmp_path):
    """The Shenzhen revision, every page to build/screenshots/docx-NN.png."""
    pdf = office_pdf(shenzhen, tmp_path)
    pages = page_pictures(pdf, "docx")
    assert len(pages) >= 10 and all(p.stat().st_size > 10_000 for p in pages)
    text = pdf_text(pdf)
    assert len(text) == len(pages)
    whole = "".join(text)
    assert "修订前后对照表" in whole and "选联任工委" in whole and "代表工委" in whole
    assert text[-1].endswith(f"第{len(pages)}页共{len(pages)}页")  # the fields filled in
    # the head row on every page of the table (the change summary's pages have none)
    summary = next(i for i, page in enumerate(text) if "主要修改情况" in page)
    assert all("现行条文" in page for page in text[:summary])
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "CJK" in fonts  # Chinese glyphs, not boxes


def test_an_amendment_is_named_as_one(library, tmp_path):
    """代表法 2015 → 2025 was amended (修正), not revised: the table says so."""
    path = export(library, ("daibiaofa-2015", "daibiaofa-2025"), tmp_path / "daibiaofa.docx")
    document = docx.Document(str(path))
    assert document.paragraphs[0].text.endswith("》修正前后对照表")
    assert document.paragraphs[2].text.endswith("（2025年3月11日修正）")
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "修正前条文",
        "修正后条文",
        "修改说明",
    ]
