"""What every Word document of the site shares (python-docx): page, fonts, marks, footer.

A4 landscape, in the fonts of an official document: the title in 方正小标宋简体, heads
in 黑体, the text in 仿宋_GB2312, Times New Roman for Latin. Each font's entry in the
font table names the font to use where it is missing (``FALLBACKS``): Windows has 仿宋
where 仿宋_GB2312 was not installed, and LibreOffice on Debian substitutes from the
Noto CJK fonts. In a table the head row repeats on every page. Deleted words are
struck through twice in red, added words bold and underlined, so both survive
black-and-white printing. The footer says 第X页 共Y页 and nothing else. The bytes
depend only on the content and the build date.
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
from comparator.publish.export.house import LABEL_GAP, PRODUCER
from comparator.publish.export.reproducible import deterministic_zip
from comparator.vocabulary import OpKind

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(15)  # landscape
PORTRAIT_MARGIN = Mm(25)
LATIN_FONT = "Times New Roman"
TITLE_FONT, HEAD_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"
# font -> (the font a reader's machine more likely has, the font's family for a substitute)
FALLBACKS = {
    TITLE_FONT: ("宋体", "roman"),
    HEAD_FONT: ("SimHei", "swiss"),
    BODY_FONT: ("仿宋", "roman"),
}
BODY_SIZE, TITLE_SIZE, LEGEND_SIZE, FOOTER_SIZE = Pt(12), Pt(18), Pt(10.5), Pt(9)
DELETED_COLOUR = RGBColor(0xC0, 0x00, 0x00)
HEAD_SHADING = "D9D9D9"


def new_document(title: str, build_date: str, *, portrait: bool = False) -> WordDocument:
    """An empty A4 document (landscape, as a table is printed, unless ``portrait``, as a
    regulation is) with the fonts set and ``title`` centred on top."""
    document = Document()
    _set_up_page(document, portrait)
    _set_up_fonts(document)
    _set_properties(document, title, build_date)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(6)
    font(heading.add_run(title), size=TITLE_SIZE, face=TITLE_FONT)
    return document


def save(document: WordDocument, path: Path, build_date: str) -> None:
    """Write the document with every zip entry dated by the build date."""
    buffer = io.BytesIO()
    document.save(buffer)
    Path(path).write_bytes(deterministic_zip(buffer.getvalue(), build_date))


def add_legend(document: WordDocument, legend: str) -> None:
    font(document.add_paragraph().add_run(legend), size=LEGEND_SIZE)


def add_centred(document: WordDocument, text: str) -> None:
    """A line under the title (the texts compared, their dates)."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(paragraph.add_run(text), size=LEGEND_SIZE)


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
        font(paragraph.add_run(line), face=HEAD_FONT)


def mark(run: WordRun, kind: OpKind, *, bold: bool = False) -> None:
    """Deleted text struck through twice in red (a single struck 、 vanishes in black and
    white); inserted text bold and underlined."""
    if kind == OpKind.DELETE:
        run.font.double_strike = True
        run.font.color.rgb = DELETED_COLOUR
    elif kind == OpKind.INSERT:
        bold = True
        run.font.underline = True
    if bold:
        run.font.bold = True


def font(run: WordRun, size: Pt | None = None, *, bold: bool = False, face: str = "") -> None:
    """Size, weight and (for a title or a head) the Chinese font of a run."""
    if size is not None:
        run.font.size = size
    if bold:
        run.font.bold = True
    if face:
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)


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


def _set_up_page(document: WordDocument, portrait: bool) -> None:
    section = document.sections[0]
    if portrait:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
        margin = PORTRAIT_MARGIN
    else:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        margin = MARGIN
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Mm(8)


def _set_up_fonts(document: WordDocument) -> None:
    """The text in 仿宋_GB2312 for Chinese (Word and LibreOffice alike), Times for Latin;
    the font table says what stands in for each Chinese font where it is missing."""
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(2)
    normal.paragraph_format.space_before = Pt(0)
    _cjk_font(normal.element.get_or_add_rPr())
    document.styles["Footer"].font.size = FOOTER_SIZE
    _declare_fallbacks(document)


def _cjk_font(rpr: CT_RPr) -> None:
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if qn(theme) in fonts.attrib:
            del fonts.attrib[qn(theme)]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def _declare_fallbacks(document: WordDocument) -> None:
    """An entry in the font table for each Chinese font: its alternative name, the
    GB2312 character set and its family, which a substitute is chosen by."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    table = etree.fromstring(part.blob)
    for name, (alternative, family) in FALLBACKS.items():
        entry = etree.SubElement(table, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(entry, qn("w:altName"), {qn("w:val"): alternative})
        etree.SubElement(entry, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(entry, qn("w:family"), {qn("w:val"): family})
        etree.SubElement(entry, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_properties(document: WordDocument, title: str, build_date: str) -> None:
    built = dt.datetime.fromisoformat(build_date).replace(tzinfo=dt.UTC)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = PRODUCER
    properties.created = properties.modified = built
    properties.revision = 1


def set_sources(document: WordDocument, sources: dict[str, str]) -> None:
    """Which source texts the file was made from, in its properties: a reader can check
    them, and nothing of it prints. A property holds 255 characters, three texts' whole
    SHA-256 do not fit: the first 16 hexadecimal digits of each tell the files apart."""
    document.core_properties.comments = "原文 SHA-256（前16位）：" + "；".join(
        f"{regulation_id} {sha256[:16]}" for regulation_id, sha256 in sources.items()
    )


def add_footer(document: WordDocument) -> None:
    """第X页 共Y页, centred."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    paragraph._p.append(_field("PAGE"))
    paragraph.add_run(" 页　共 ")
    paragraph._p.append(_field("NUMPAGES"))
    paragraph.add_run(" 页")


def _field(instruction: str) -> etree._Element:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    return field
