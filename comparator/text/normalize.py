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
4. ``text`` holds no character that cannot be shown or stored: control characters
   (C0 but tab, DEL, C1), noncharacters (U+FFFE, U+FDD0…) and lone surrogates, which
   XML and spreadsheets refuse, and bidirectional controls (U+202A–U+202E,
   U+2066–U+2069, U+200E, U+200F, U+061C), which would reverse the text around it on
   a page or in a terminal. Those that are white space to a reader (vertical tab, form
   feed, the separators U+001C–U+001F, NEL) become a space, so the words either side
   stay apart; the others are removed.
5. Every removed artefact and hidden character is listed in ``Line.dropped`` with its
   column in ``raw``, so ``text`` plus ``dropped`` holds every non-space character of
   ``raw``.

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
# Characters a text may carry but no page, file or terminal should (guarantee 4).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters but tab and line ends
    "\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff"  # noncharacters, lone surrogates
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff"
    "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"  # bidirectional controls
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# Hidden characters that separate words, as a space does.
_SPACING = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")


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


def hidden_reason(character: str) -> str:
    """Why a hidden character was taken out: ``bidirectional control U+202E``."""
    kind = "bidirectional control" if _BIDI.match(character) else "control character"
    return f"{kind} U+{ord(character):04X}"


def without_hidden(text: str) -> str:
    """``text`` with its hidden characters (guarantee 4) spaced or removed.

    For text that does not come through ``normalize`` (a title, a message) on its way
    to a page, a file or a terminal.
    """
    return _HIDDEN.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACING else ""


def normalize_line(number: int, raw: str) -> Line:
    dropped = [
        Dropped(number, match.start(), match.group(), hidden_reason(match.group()))
        for match in _HIDDEN.finditer(raw)
    ]
    dropped += [
        Dropped(number, match.start(), match.group(), "word-processor artefact")
        for match in _ARTEFACTS.finditer(raw)
    ]
    text = _ARTEFACTS.sub("", without_hidden(raw))
    heading = _MARKDOWN_HEADING.match(text)
    if heading:
        dropped.append(Dropped(number, heading.start(), heading.group().strip(), "markup"))
        text = text[heading.end() :]
    return Line(number, raw, _ZERO_WIDTH.sub("", text).strip(), dropped)


def normalize(text: str) -> list[Line]:
    """Turn decoded source text into numbered lines (see the module docstring)."""
    return [normalize_line(number, raw) for number, raw in enumerate(split_lines(text), 1)]
