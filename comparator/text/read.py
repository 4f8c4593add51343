"""Reading a source file, whatever format it was saved in, into normalized lines.

Formats are detected from the bytes, not the file name:

- plain text in UTF-8 (with or without BOM), GB18030 / GBK (as offices still
  publish), or UTF-16 with a BOM; LF, CRLF or CR line ends;
- an HTML page saved from a website: scripts, styles and navigation are dropped,
  every block element or ``<br>`` ends a line, and line numbers are those of the
  HTML file;
- a Word ``.docx``: every paragraph, and every line of a paragraph broken with soft
  line breaks, becomes a line, numbered from 1;
- the Markdown dump of LawRefBook (``# title`` ... ``<!-- INFO END -->``) is plain
  text: its heading markers are dropped by ``normalize``.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from comparator.model import SourceError
from comparator.text.normalize import Line, normalize, normalize_line

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
        return SourceText(path, HTML, encoding, _html_lines(text, path))
    return SourceText(path, TEXT, encoding, normalize(text))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode text bytes: UTF-8 first, then GB18030; a BOM decides when there is one."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_utf16(data, path), encoding
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


def _decode_utf16(data: bytes, path: str) -> str:
    """UTF-16 with a BOM; a truncated file (an odd byte count, half a surrogate pair)
    is a ``SourceError`` on the line where the text breaks off."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as error:
        readable = data[: error.start - error.start % 2].decode("utf-16", errors="replace")
        line = len(re.findall(r"\r\n|\r|\n", readable)) + 1
        raise SourceError(
            path,
            line,
            f"cannot decode the text as UTF-16, which its byte-order mark announces: "
            f"{error.reason} at byte {error.start}; save the file again, as UTF-8",
        ) from None


# HTML ---------------------------------------------------------------------

# A page saved by a browser may open with an XML declaration or a comment
# (``<!-- saved from url=(0052)… -->``) before its doctype.
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(<!doctype html|<html|<head|<body|<meta|<div|<p[ >])",
    re.I | re.S,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
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
    "hr",
}
# Where line breaks in the page source are line breaks on the page.
_PREFORMATTED_TAGS = {"pre", "textarea", "listing", "plaintext", "xmp"}
_SOURCE_BREAK = re.compile(r"\r\n|\r|\n")
# A run of white space holding a line break, outside <pre>: a browser shows it as
# one space, or as nothing between two CJK characters (CSS Text 3, segment breaks),
# so a paragraph wrapped in the page source stays one line.
_SEGMENT_BREAK = re.compile(r"[ \t\f]*(?:\r\n|\r|\n)[ \t\f\r\n]*")


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:4000]))


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def _join_segment_break(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    if start > 0 and end < len(text) and _is_wide(text[start - 1]) and _is_wide(text[end]):
        return ""
    return " "


def _starting_line(text: str, first_line: int) -> int:
    """Line of the first visible character of ``text``, which starts on ``first_line``."""
    visible = len(text) - len(text.lstrip())
    return first_line + len(_SOURCE_BREAK.findall(text[:visible]))


def _html_lines(text: str, path: str) -> list[Line]:
    """The visible text of a page, one ``Line`` per line a browser would show.

    A block element (``<p>``, ``<div>``, ``<li>``…) or a ``<br>`` ends a line; an
    empty block (``<p>&nbsp;</p>``) or a second ``<br>`` is a blank line, which the
    title and the body are told apart by. Inside a block, white space is kept as
    written (``&nbsp;`` is a space), except that line breaks of the page source are
    not line breaks on the page (``<pre>`` aside). Line numbers are those of the
    first visible character in the HTML file.
    """
    root = _parse_html(text, path)
    reader = _PageReader()
    body = root.find("body")
    reader.walk(body if body is not None else root, preformatted=False)
    reader.end_line()
    return reader.lines


def _parse_html(text: str, path: str) -> Any:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser()
    try:
        # The text was decoded already (UTF-8 or GB18030, whatever the page declares).
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser)
    except Exception as error:  # lxml raises several unrelated types
        raise SourceError(path, 1, f"cannot read the HTML page: {error}") from None
    # libxml2 recovers from broken markup, but a fatal error (elements nested more
    # than 256 deep) silently ends the document: the rest of the text would be lost.
    for problem in parser.error_log:
        if problem.level == lxml.etree.ErrorLevels.FATAL:
            message = problem.message.split(",")[0]
            raise SourceError(path, problem.line, f"cannot read the HTML page: {message}")
    return root


class _PageReader:
    """The lines of a page as a browser shows them, read while walking its elements."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.pending: list[tuple[str, int]] = []  # pieces of the line being read, with lines

    def end_line(self, blank_line: int | None = None) -> None:
        """Close the line being read; keep an empty one only with ``blank_line``."""
        joined = "".join(piece for piece, _ in self.pending)
        if joined.strip():
            number = next(
                _starting_line(piece, line) for piece, line in self.pending if piece.strip()
            )
            # Not stripped here: ``normalize_line`` trims, after it has seen the
            # ``## `` of a Markdown heading, as it does for a text file.
            visible = _SEGMENT_BREAK.sub(_join_segment_break, joined)
            self.lines.append(normalize_line(number, visible.replace("\xa0", " ")))
        elif blank_line is not None:
            self.lines.append(normalize_line(blank_line, ""))
        self.pending.clear()

    def add_text(self, piece: str, line: int, preformatted: bool) -> None:
        if not preformatted:
            self.pending.append((piece, line))
            return
        for number, part in enumerate(_SOURCE_BREAK.split(piece)):
            if number:
                self.end_line(blank_line=line + number)
            self.pending.append((part, line + number))

    def walk(self, element: Any, preformatted: bool) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _DROPPED_TAGS or not tag:
            return
        if tag == "br":
            self.end_line(blank_line=element.sourceline or 1)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.end_line()
        self._inside(element, preformatted or tag in _PREFORMATTED_TAGS)
        if block:
            if tag != "hr" and _is_empty(element):
                self.end_line(blank_line=element.sourceline or 1)
            self.end_line()

    def _inside(self, element: Any, preformatted: bool) -> None:
        """The element's own text, then each child followed by the text after it."""
        children = list(element)
        if element.text:
            line = _text_line(element, element.text, children[:1])
            self.add_text(element.text, line, preformatted)
        for position, child in enumerate(children):
            self.walk(child, preformatted)
            if child.tail:
                following = children[position + 1 : position + 2]
                self.add_text(child.tail, _tail_line(child, following), preformatted)


def _text_line(element: Any, text: str, following: list[Any]) -> int:
    """Source line where ``element.text`` starts: it ends where the next tag starts."""
    if following and following[0].sourceline:
        return int(following[0].sourceline) - len(_SOURCE_BREAK.findall(text))
    return int(element.sourceline or 1)


def _tail_line(child: Any, following: list[Any]) -> int:
    """Source line where ``child.tail`` starts: it ends where the next tag starts."""
    if following and following[0].sourceline:
        return int(following[0].sourceline) - len(_SOURCE_BREAK.findall(child.tail))
    # Not exact (a tag may span lines), but only used for the last text of a block.
    inner = "".join(child.itertext()) if isinstance(child.tag, str) else ""
    return int(child.sourceline or 1) + len(_SOURCE_BREAK.findall(inner))


def _is_empty(element: Any) -> bool:
    """A block with nothing to show and no block or ``<br>`` inside: a blank line."""
    for inner in element.iter():
        tag = inner.tag.lower() if isinstance(inner.tag, str) else ""
        if inner is not element and (tag in _BLOCK_TAGS or tag == "br"):
            return False
    return not "".join(element.itertext()).replace("\xa0", " ").strip()


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
    """Every paragraph of the body, in order: in tables and content controls too, with
    tracked insertions kept and tracked deletions left out (the text as it now reads)."""
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several unrelated types
        raise SourceError(path, 1, f"cannot read the Word file: {error}") from None
    texts, breaks = {qn("w:t"), qn("w:tab")}, {qn("w:br"), qn("w:cr")}
    deleted = qn("w:del")
    paragraphs: list[str] = []
    for paragraph in document.element.body.iter(qn("w:p")):
        pieces = []
        for node in paragraph.iter(*texts, *breaks):
            if any(ancestor.tag == deleted for ancestor in node.iterancestors()):
                continue
            if node.tag == qn("w:t"):
                pieces.append(node.text or "")
            else:
                pieces.append("\t" if node.tag == qn("w:tab") else "\n")
        paragraphs.append("".join(pieces))
    # A soft line break (Shift+Enter) ends a line as a paragraph mark does, and lines
    # are numbered as in the text Word saves: two lines never share a number.
    parts = [part for paragraph in paragraphs for part in paragraph.split("\n")]
    return [normalize_line(number, part) for number, part in enumerate(parts, 1)]
