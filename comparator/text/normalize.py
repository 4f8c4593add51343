"""Clean-up before parsing: one ``Line`` per source line, original text kept.

``normalize`` guarantees, for the text it is given:

1. Line numbers are those of the source file (1-based): CRLF, CR and LF all end a line.
   A leading byte-order mark is dropped.
2. ``Line.raw`` is the source line exactly as published.
3. ``Line.text`` is ``raw`` with word-processor artefacts (``[bookmark: _GoBack]``),
   Markdown heading markers (``## `` of the LawRefBook dump format) and zero-width
   characters removed, and leading and trailing whitespace of any kind
   (ASCII, U+3000 ideographic space, NBSP, tabs) trimmed. Nothing else changes: inner
   spaces, punctuation width and wording stay as published. Parsers match on ``text``
   and display ``text``.
4. Every removed artefact is listed in ``Line.dropped`` with its column, so
   ``text`` plus ``dropped`` holds every non-space character of ``raw``.

Width folding (``,`` vs ``，``) is *not* done here: it is a comparison concern
(``fold``), and the reader must always see the published punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from comparator.model import Dropped

# Artefacts that word processors leave in text exported from .docx files.
_ARTEFACTS = re.compile(r"\[bookmark: ?[^\]]*\]")
# Markdown heading markers of the LawRefBook dump format (``## 第一章 总则``).
# Any space may follow the marker (NBSP too: an HTML page writes it as ``&nbsp;``).
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass
class Line:
    number: int
    raw: str
    text: str
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def indent(self) -> int:
        """How many whitespace characters start the raw line."""
        return len(self.raw) - len(self.raw.lstrip())


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (not on the other separators ``str.splitlines`` knows)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return re.split(r"\r\n|\r|\n", text)


def normalize_line(number: int, raw: str) -> Line:
    dropped = [
        Dropped(number, match.start(), match.group(), "word-processor artefact")
        for match in _ARTEFACTS.finditer(raw)
    ]
    text = _ARTEFACTS.sub("", raw)
    heading = _MARKDOWN_HEADING.match(text)
    if heading:
        dropped.append(Dropped(number, heading.start(), heading.group().strip(), "markup"))
        text = text[heading.end() :]
    return Line(number, raw, _ZERO_WIDTH.sub("", text).strip(), dropped)


def normalize(text: str) -> list[Line]:
    """Turn decoded source text into numbered lines (see the module docstring)."""
    return [normalize_line(number, raw) for number, raw in enumerate(split_lines(text), 1)]
