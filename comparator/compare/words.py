"""Word boundaries in Chinese text: jieba's segmentation, with defined terms kept whole.

Used to widen diff edits to whole words and to find a defined term only where it
stands as a word (``代表`` in ``代表应当……``, not inside ``人民代表大会``).

The comparisons segment with a dictionary of their own: jieba's, as it ships, taught
this domain's words (``SPLIT``, ``WHOLE``) and nothing else. The words a regulation
defines are passed where they matter (``whole``), so a segmentation depends only on
its arguments and on this code, never on what was segmented before. jieba's global
dictionary is left to MkDocs' search, which ``teach_search_index`` configures.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# Compounds jieba's dictionary keeps whole, hiding a word readers look for:
# a search for 人大 must find 全国人大常委会 and 市人大常委会.
SPLIT = (
    "全国人大常委会",
    "全国人大",
    "人大常委会",
    "人大常委",
    "省人大",
    "市人大",
    "区人大",
    "县人大",
    "常委会会议",
)
# Phrases of this domain that readers look for as one word.
WHOLE = ("闭会期间", "代表工委", "选联任工委", "代表小组", "代表证", "履职活动")


def _jieba() -> Any:
    import jieba  # here, not at the top: loading its dictionary takes a second

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _teach(tokenizer: Any) -> None:
    for word in SPLIT:
        tokenizer.del_word(word)
    for word in WHOLE:
        tokenizer.add_word(word)


@lru_cache(maxsize=1)
def segmenter() -> Any:
    """The comparisons' jieba tokenizer: jieba's dictionary as shipped, plus this domain's words.

    A copy of the dictionary jieba loads (a second's work, done once), taken before
    anything teaches jieba's global dictionary more words.
    """
    jieba = _jieba()
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(jieba.dt.FREQ), jieba.dt.total
    tokenizer.initialized = True
    _teach(tokenizer)
    return tokenizer


@lru_cache(maxsize=1)
def _blocks_pattern() -> re.Pattern[str]:
    pattern: re.Pattern[str] = _jieba().re_han_default
    return pattern


def blocks(text: str) -> list[str]:
    """The runs of ``text`` that jieba segments, each on its own (its ``re_han_default``:
    ideographs, Latin letters, digits and a few joiners such as ``.``, ``%``, ``-``).

    Whatever lies between two runs (punctuation, spaces) jieba gives back one character
    at a time (``\\r\\n`` as one), so the words of two letters or more of a text are
    those of its runs, run after run: a run met again need not be segmented again.
    """
    return _blocks_pattern().findall(text)


# jieba gathers a run of these letters, one a word, into one word (``re_eng``).
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def cut_block(block: str) -> list[str]:
    """``segmenter().cut(block, HMM=False)`` for one run of ``blocks``, worked out as
    jieba does (the same dictionary walk, the same sums in the same order, the same
    choice between equals), in one pass and with each word's weight computed once:
    jieba's own code takes twice as long."""
    tokenizer, weights = segmenter(), _weights()
    frequency, log_total = tokenizer.FREQ, math.log(tokenizer.total)
    size = len(block)
    # score[k]: log-probability of the best segmentation of block[k:]; next_start[k]: where
    # the word it starts with ends. Filled from the end, as jieba's ``calc``.
    score: list[float] = [0] * (size + 1)
    next_start = [0] * (size + 1)
    for start in range(size - 1, -1, -1):
        best: tuple[float, int] | None = None  # (score, last letter of the first word)
        end, fragment = start, block[start]
        count = frequency.get(fragment)
        while count is not None:  # a word of the dictionary, or the start of one
            if count:
                weight = weights.get(fragment)
                if weight is None:
                    weight = weights[fragment] = math.log(count) - log_total
                candidate = (weight + score[end + 1], end)
                if best is None or candidate > best:
                    best = candidate
            end += 1
            if end >= size:
                break
            fragment = block[start : end + 1]
            count = frequency.get(fragment)
        if best is None:  # a letter no word starts with: a word of its own, of count 1
            best = (math.log(1) - log_total + score[start + 1], start)
        score[start] = best[0]
        next_start[start] = best[1] + 1
    return _words_along(block, next_start)


def _words_along(block: str, next_start: list[int]) -> list[str]:
    """The words from the start of ``block``, single Latin letters and digits in a row
    joined into one (as jieba does without its HMM)."""
    found: list[str] = []
    latin = ""
    start = 0
    while start < len(block):
        end = next_start[start]
        word = block[start:end]
        if len(word) == 1 and word in _LATIN:
            latin += word
        else:
            if latin:
                found.append(latin)
                latin = ""
            found.append(word)
        start = end
    if latin:
        found.append(latin)
    return found


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    """Each word's log-probability in the comparisons' dictionary, as jieba's ``calc``
    reckons it (``log(count) - log(total)``), filled as words are met."""
    return {}


def teach_search_index(words: Iterable[str]) -> None:
    """Teach jieba's global dictionary, the one MkDocs' search segments pages with,
    this domain's words and ``words`` (the terms the published regulations define).

    The comparisons do not read that dictionary: theirs was copied before (``segmenter``).
    """
    segmenter()
    jieba = _global_dictionary()
    for word in words:
        if len(word) > 1:
            jieba.add_word(word)


@lru_cache(maxsize=1)
def _global_dictionary() -> Any:
    jieba = _jieba()
    _teach(jieba)
    return jieba


class WordBoundaries:
    """Is an offset of ``text`` between two words?

    The text is segmented once, on the first question (an unchanged article never
    asks). Offsets strictly inside an occurrence of one of ``whole`` are never
    boundaries.
    """

    def __init__(self, text: str, whole: Iterable[str] = ()) -> None:
        self.text = text
        self.whole = tuple(whole)
        self._boundaries: frozenset[int] | None = None

    def __contains__(self, offset: int) -> bool:
        if offset <= 0 or offset >= len(self.text):
            return True
        if self._boundaries is None:
            self._boundaries = _boundaries(self.text, self.whole)
        return offset in self._boundaries


@lru_cache(maxsize=16384)
def _boundaries(text: str, whole: tuple[str, ...]) -> frozenset[int]:
    offsets = {0, len(text)}
    position = 0
    for word in segmenter().cut(text, HMM=False):
        position += len(word)
        offsets.add(position)
    for term in whole:
        start = text.find(term)
        while start >= 0:
            offsets.difference_update(range(start + 1, start + len(term)))
            start = text.find(term, start + 1)
    return frozenset(offsets)


def tokens(text: str, whole: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` (jieba's, with each of ``whole`` kept as one word)."""
    offsets = sorted(_boundaries(text, tuple(whole)))
    return [text[start:end] for start, end in itertools.pairwise(offsets)]
