"""Folding: what is not a change, removed before two texts are compared.

``fold`` guarantees that two texts differing only in

- punctuation width (``,`` / ``，``, ``(`` / ``（``, ``;`` / ``；``, ``:`` / ``：``,
  ``!`` / ``！``, ``?`` / ``？``, ``<`` / ``〈`` / ``＜``), quote style (``"`` / ``“”``),
- full-width letters and digits (``２００７`` / ``2007``),
- zero written as ``O`` / ``○`` / ``〇`` inside numerals (``二OO三`` / ``二〇〇三``),
- spaces of any kind, indentation and line breaks,

fold to the same string. Folding maps one character to one character (or drops a
space), and every folded character remembers the index of the original character
it came from, so a comparison made on folded text can be shown on the original
one. A real punctuation edit (``，`` -> ``、``) survives folding.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_CANONICAL = {
    ",": "，",
    ";": "；",
    ":": "：",
    "!": "！",
    "?": "？",
    "(": "（",
    ")": "）",
    "<": "〈",
    ">": "〉",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "○": "〇",
}


def _table() -> dict[int, str | None]:
    """One translation table: full-width ASCII to half-width, punctuation to one width,
    spaces dropped."""
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):
        half = unicodedata.normalize("NFKC", chr(code))
        table[code] = _CANONICAL.get(half, half)
    for half, canonical in _CANONICAL.items():
        table[ord(half)] = canonical
    for code in range(0x3001):  # every character str.isspace() knows lies below U+3001
        if chr(code).isspace():
            table[code] = None
    for invisible in "\u200b\u200c\u200d\u2060\ufeff":
        table[ord(invisible)] = None
    return table


_TABLE = _table()
_KEPT = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff]")
_NUMERALS = "〇零一二三四五六七八九十百千"
_NUMERAL_RUN = re.compile(rf"[{_NUMERALS}OoＯ○]+")
_ZERO = str.maketrans({"O": "〇", "o": "〇", "Ｏ": "〇", "○": "〇"})


def _zeros(match: re.Match[str]) -> str:
    """A Latin O inside a run of Chinese numerals (二OO三年) is a zero."""
    run = match.group()
    return run.translate(_ZERO) if any(ch in _NUMERALS for ch in run) else run


@dataclass(frozen=True)
class Folded:
    text: str
    origin: tuple[int, ...]  # origin[i]: index in the original of folded character i


@lru_cache(maxsize=16384)
def folded(text: str) -> str:
    """The folded string alone (see the module docstring)."""
    return _NUMERAL_RUN.sub(_zeros, text).translate(_TABLE)


@lru_cache(maxsize=8192)
def fold(text: str) -> Folded:
    """Fold ``text``, keeping the origin of each folded character."""
    origin = tuple(match.start() for match in _KEPT.finditer(text))
    return Folded(folded(text), origin)


def same_text(left: str, right: str) -> bool:
    """Equal once folded: a difference folding removes is never a change."""
    return folded(left) == folded(right)
