"""Reading a source file, whatever format it was saved in, into normalized lines.

Formats are detected from the bytes, not the file name:

- plain text in UTF-8 (with or without BOM), GB18030 / GBK (as offices still
  publish), or UTF-16 with a BOM; LF, CRLF or CR line ends;
- an HTML page saved from a website: scripts, styles and navigation are dropped,
  every block element becomes a line, and line numbers are those of the HTML file;
- a Word ``.docx``: every paragraph becomes a line, numbered from 1;
- the Markdown dump of LawRefBook (``# title`` ... ``<!-- INFO END -->``) is plain
  text: its heading markers are dropped by ``normalize``.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from comparator.model import SourceError
from comparator.normalize import Line, normalize, normalize_line

TEXT, HTML, DOCX = "text", "html", "docx"


@dataclass
class SourceText:
    path: str
    format: str
    encoding: str
    lines: list[Line]


def read_source(path: str | Path) -> SourceText:
    """Read ``path`` into lines; raise ``SourceError`` if it cannot be read."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(shown, 0, "file not found") from None
    except OSError as error:
        raise SourceError(shown, 0, f"cannot read the file: {error.strerror}") from None
    return read_bytes(data, shown)


def read_bytes(data: bytes, path: str) -> SourceText:
    if not data.strip():
        raise SourceError(path, 1, "the file is empty: expected the text of a regulation")
    if _is_docx(data):
        return SourceText(path, DOCX, "docx", _docx_lines(data, path))
    text, encoding = decode(data, path)
    if _looks_like_html(text):
        return SourceText(path, HTML, encoding, _html_lines(data, path))
    return SourceText(path, TEXT, encoding, normalize(text))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes: UTF-8 first, then GB18030; a BOM decides when there is one."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = data.count(b"\n", 0, utf8_error.start) + 1
            byte = data[utf8_error.start]
            raise SourceError(
                path,
                line,
                f"cannot decode the text: byte 0x{byte:02x} is neither UTF-8 nor GB18030; "
                "save the file as UTF-8",
            ) from None


# HTML ---------------------------------------------------------------------

_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[ >])", re.I)
_DROPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "template",
    "svg",
    "button",
    "select",
    "head",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "dl",
    "center",
    "body",
    "br",
    "hr",
}


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000]))


def _html_lines(data: bytes, path: str) -> list[Line]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except Exception as error:  # lxml raises several unrelated types
        raise SourceError(path, 1, f"cannot read the HTML page: {error}") from None
    chunks: list[tuple[str, int] | None] = []  # None marks a block boundary

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _DROPPED_TAGS or not tag:
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            chunks.append(None)
        if element.text:
            chunks.append((element.text, element.sourceline or 1))
        for child in element:
            walk(child)
            if child.tail:
                chunks.append((child.tail, child.sourceline or element.sourceline or 1))
        if block:
            chunks.append(None)

    body = root.find("body")
    walk(body if body is not None else root)
    lines: list[Line] = []
    text, number = "", 0
    for chunk in [*chunks, None]:
        if chunk is None:
            if text.strip():
                for part in text.splitlines():
                    lines.append(normalize_line(number, part))
            text, number = "", 0
            continue
        piece, line = chunk
        text += piece
        number = number or line
    return lines


# DOCX ---------------------------------------------------------------------


def _is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _docx_lines(data: bytes, path: str) -> list[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types
        raise SourceError(path, 1, f"cannot read the Word file: {error}") from None
    paragraphs: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            paragraphs.append(Paragraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            for row in Table(block, document).rows:
                for cell in row.cells:
                    paragraphs.extend(p.text for p in cell.paragraphs)
    return [
        normalize_line(number, part)
        for number, paragraph in enumerate(paragraphs, 1)
        for part in (paragraph.split("\n") or [""])
    ]
