"""Word boundaries in Chinese text: jieba's segmentation, with defined terms kept whole.

Used to widen diff edits to whole words and to find a defined term only where it
stands as a word (``代表`` in ``代表应当……``, not inside ``人民代表大会``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def jieba():
    """jieba, imported on first use (it loads its dictionary) and kept quiet."""
    import jieba as module

    module.setLogLevel(logging.WARNING)
    return module


class WordBoundaries:
    """Is an offset of ``text`` between two words?

    Callers ask about a few offsets only, so jieba segments a small window around
    each offset asked rather than the whole text. Offsets strictly inside an
    occurrence of one of ``whole`` are never boundaries.
    """

    _WINDOW = 12

    def __init__(self, text: str, whole: Iterable[str] = ()) -> None:
        self.text = text
        self.inside: set[int] = set()
        for term in whole:
            start = text.find(term)
            while start >= 0:
                self.inside.update(range(start + 1, start + len(term)))
                start = text.find(term, start + 1)
        self._known: dict[int, bool] = {}

    def __contains__(self, offset: int) -> bool:
        if offset <= 0 or offset >= len(self.text):
            return True
        if offset in self.inside:
            return False
        if offset not in self._known:
            start = max(0, offset - self._WINDOW)
            window = self.text[start : offset + self._WINDOW]
            position = start
            for word in jieba().cut(window, HMM=False):
                # The window's own first edge is not a real boundary unless it is 0.
                self._known.setdefault(position, position > start or start == 0)
                position += len(word)
            self._known.setdefault(offset, False)
        return self._known[offset]
