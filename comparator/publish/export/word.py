"""What every Word document of the site shares (python-docx): page, fonts, marks, footer.

A4 landscape; 宋体 for Chinese, Times for Latin, in Word and LibreOffice alike. In a
table row the head repeats on every page and no row is split across pages. Deleted
words are struck through in red, added words bold and underlined, so both survive
black-and-white printing. The bytes depend only on the content and the build date.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row
from docx.text.run import Run as WordRun
from lxml import etree

from comparator.compare.table import Run
from comparator.publish.export.reproducible import deterministic_zip
from comparator.vocabulary import OpKind

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(15)
LATIN_FONT, CJK_FONT = "Times New Roman", "宋体"
BODY_SIZE, TITLE_SIZE, LEGEND_SIZE, FOOTER_SIZE = Pt(10.5), Pt(16), Pt(9), Pt(7.5)
DELETED_COLOUR = RGBColor(0xC0, 0x00, 0x00)
HEAD_SHADING = "D9D9D9"
LABEL_GAP = "\u3000"  # an ideographic space between 第X条 and its text, as printed


def new_document(title: str, build_date: str) -> WordDocument:
    """An empty A4 landscape document with the fonts set and ``title`` centred on top."""
    document = Document()
    _set_up_page(document)
    _set_up_fonts(document)
    _set_properties(document, title, build_date)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(heading.add_run(title), size=TITLE_SIZE, bold=True)
    return document


def save(document: WordDocument, path: Path, build_date: str) -> None:
    """Write the document with every zip entry dated by the build date."""
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(deterministic_zip(buffer.getvalue(), build_date))


def add_legend(document: WordDocument, legend: str) -> None:
    font(document.add_paragraph().add_run(legend), size=LEGEND_SIZE)


# Cells and runs ------------------------------------------------------------------


def fill_article(cell: _Cell, label: str, runs: list[Run], label_kind: OpKind) -> None:
    """The label in bold, then the runs, marked by kind, a new paragraph at each newline.

    A cell may hold several articles: each after the first opens a paragraph.
    """
    paragraph = cell.paragraphs[-1]
    if paragraph.runs:
        paragraph = cell.add_paragraph()
    if label:
        mark(paragraph.add_run(label), label_kind, bold=True)
        if runs:
            mark(paragraph.add_run(LABEL_GAP), OpKind.EQUAL)
    for kind, text in runs:
        for number, line in enumerate(text.split("\n")):
            if number:
                paragraph = cell.add_paragraph()
            if line:
                mark(paragraph.add_run(line), kind)


def fill_head(cell: _Cell, text: str) -> None:
    """A column head: shaded, bold, centred; a newline in ``text`` starts a line."""
    shade(cell, HEAD_SHADING)
    for number, line in enumerate(text.split("\n")):
        paragraph = cell.add_paragraph() if number else cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        font(paragraph.add_run(line), bold=True)


def mark(run: WordRun, kind: OpKind, *, bold: bool = False) -> None:
    """Deleted text struck through in red; inserted text bold and underlined."""
    if kind == OpKind.DELETE:
        run.font.strike = True
        run.font.color.rgb = DELETED_COLOUR
    elif kind == OpKind.INSERT:
        bold = True
        run.font.underline = True
    if bold:
        run.font.bold = True


def font(run: WordRun, size: Pt | None = None, *, bold: bool = False) -> None:
    if size is not None:
        run.font.size = size
    if bold:
        run.font.bold = True


def row_properties(row: _Row, *, header: bool) -> None:
    """Never split the row across pages; repeat it on every page if it is the head."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # must come before w:tblHeader
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


# Page, fonts, properties, footer --------------------------------------------------


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


def add_footer(document: WordDocument, build_date: str, sources: dict[str, str]) -> None:
    """Build date, page number and the sha256 of every source text."""
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    first.style = document.styles["Footer"]
    first.add_run(f"本表由 comparator 自动生成　生成日期：{build_date}　第 ")
    first._p.append(_page_field())
    first.add_run(" 页")
    for regulation_id, sha256 in sources.items():
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
