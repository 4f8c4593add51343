"""How common a word is across all the texts at hand: the idf the cross evidence weighs by.

Two regulations on one subject share the phrases every article of the domain has
(人民代表大会, 常务委员会, 执行代表职务). Counted over the two texts alone, such a phrase
looks rare enough to matter; counted over every article of the catalog it weighs
little, and the words that carry an article's matter (质询, 逮捕, 评议) stand out.

A background counts, for each character bigram and each word, how many articles of
a collection hold it. It is plain data, computed once per collection.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TypeVar

from comparator.compare.fold import folded
from comparator.compare.words import blocks, cut_block, segmenter

_T = TypeVar("_T")

# Letters, digits and CJK ideographs: punctuation carries no topic.
_NOT_WORD = re.compile(r"[^\w]|_")
# A word this rare or rarer (share of articles holding it) is a "content word".
RARE_SHARE = 0.05


def core(text: str) -> str:
    """The folded text without punctuation or spaces."""
    return _NOT_WORD.sub("", folded(text))


def bigrams(text: str) -> Counter[str]:
    letters = core(text)
    if len(letters) < 2:
        return Counter([letters]) if letters else Counter()
    return Counter(map(operator.add, letters[:-1], letters[1:]))


def words(text: str) -> tuple[str, ...]:
    """The words of an article that can carry its matter: jieba's words of two or more
    letters (a single character is too often a particle or part of a longer word).

    Segmented run by run (``blocks``), each run once: what jieba gives between runs is a
    single character, never such a word. Kept for the texts asked again (a text's
    chapter is counted after it, and a collection's texts are compared two by two)."""
    found = _known_words.get(text)
    if found is None:
        found = _segmented(text)
        _remember(text, found)
    return found


def _segmented(text: str) -> tuple[str, ...]:
    return tuple(itertools.chain.from_iterable(map(_block_words, blocks(folded(text)))))


@lru_cache(maxsize=1 << 18)
def _block_words(block: str) -> tuple[str, ...]:
    return tuple(word for word in cut_block(block) if _letters(word) >= 2)


def _letters(word: str) -> int:
    """``len(core(word))``: a word of letters, digits and ideographs alone (most words)
    keeps every one of them, folded or not (``_NOT_WORD`` is ``not str.isalnum()``, and
    folding maps such a character to one such character)."""
    return len(word) if word.isalnum() else len(core(word))


# The words of the texts met last (``words``), at most this many.
WORDS_KEPT = 1 << 16
_known_words: dict[str, tuple[str, ...]] = {}


def _remember(text: str, found: tuple[str, ...]) -> None:
    if len(_known_words) >= WORDS_KEPT:
        del _known_words[next(iter(_known_words))]  # the one met first
    _known_words[text] = found


# Texts are segmented in two processes from this many distinct ones: below, starting the
# second process costs more than it saves.
PARALLEL_TEXTS = 2000
# The second process is handed the texts this many at a time: those it has not started
# when this one is done with its own work are taken back, so that both end together.
CHUNK_TEXTS = 200


def segment_while(texts: Iterable[str], meanwhile: Callable[[], _T]) -> _T:
    """Segment ``texts`` into ``words``' memory, and run ``meanwhile``: where it pays for
    itself, a second process, forked once the dictionary is loaded, segments the texts
    while this one runs ``meanwhile``, and then both segment what is left, this one from
    the last text back. Work that needs no words costs no time of its own so."""
    texts = [text for text in dict.fromkeys(texts) if text not in _known_words]
    if len(texts) < PARALLEL_TEXTS or not _may_fork():
        for text in texts:
            words(text)
        return meanwhile()
    segmenter(), blocks("")  # loaded here, shared with the child
    chunks = [texts[k : k + CHUNK_TEXTS] for k in range(0, len(texts), CHUNK_TEXTS)]
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        sent = [pool.submit(_segmented_all, chunk) for chunk in chunks]
        result = meanwhile()
        _share_the_rest(list(zip(sent, chunks, strict=True)))
    finally:  # every chunk is done or taken back, unless this ends in an error
        pool.shutdown(wait=True, cancel_futures=True)
    return result


def _share_the_rest(sent: list[tuple[Future[list[tuple[str, ...]]], Sequence[str]]]) -> None:
    """Segment here the chunks the second process has not started, from the last (a chunk
    can be cancelled until the child is handed it, which it is in order), and keep what
    the child found for the others."""
    for future, chunk in reversed(sent):
        if not future.cancel():
            break
        for text in chunk:
            words(text)
    for future, chunk in sent:
        if not future.cancelled():
            for text, found in zip(chunk, future.result(), strict=True):
                _remember(text, found)


def _segmented_all(texts: Sequence[str]) -> list[tuple[str, ...]]:
    return [_segmented(text) for text in texts]


def _may_fork() -> bool:
    """Not in a worker of a process pool (the site build's: it keeps the processors busy
    already), nor beside other threads (``mkdocs serve``'s server and file watcher: a
    lock one of them held would stay held in the child), and where processes fork."""
    return (
        multiprocessing.parent_process() is None
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


@dataclass(frozen=True)
class Terms:
    """What the background and the text evidence count in an article: its character
    bigrams and its words, each with how often the article holds it."""

    bigrams: Counter[str]
    words: Counter[str]

    @cached_property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)


def terms(texts: Iterable[str]) -> list[Terms]:
    """The terms of each text, worked out once per distinct text (a text given twice gets
    the same ``Terms`` twice: they are read, never changed)."""
    texts = list(texts)
    distinct = list(dict.fromkeys(texts))
    counted = segment_while(distinct, lambda: [bigrams(text) for text in distinct])
    known = {
        text: Terms(pairs, Counter(words(text)))
        for text, pairs in zip(distinct, counted, strict=True)
    }
    return [known[text] for text in texts]


def document_counts(counters: Iterable[Counter[str]]) -> dict[str, int]:
    """How many of the counters (one an article) hold each term."""
    # Iterating a Counter gives each of its terms once.
    return dict(Counter(itertools.chain.from_iterable(counters)))


@dataclass(frozen=True)
class Background:
    articles: int  # how many articles were counted
    bigram_counts: dict[str, int]  # bigram -> articles holding it
    word_counts: dict[str, int]  # word -> articles holding it

    @classmethod
    def of(cls, texts: Iterable[str]) -> Background:
        """Count over article texts (each text counts once per bigram and word)."""
        return cls.counted(terms(texts))

    @classmethod
    def counted(cls, articles: Sequence[Terms]) -> Background:
        """Count over the terms of articles (each article counts once per bigram and word)."""
        return cls(
            len(articles),
            document_counts(a.bigrams for a in articles),
            document_counts(a.words for a in articles),
        )

    def bigram_idf(self, gram: str) -> float:
        return self._idf(self.bigram_counts.get(gram, 0))

    def word_idf(self, word: str) -> float:
        return self._idf(self.word_counts.get(word, 0))

    def is_rare(self, word: str) -> bool:
        return self.word_counts.get(word, 0) <= self._rare_limit()

    def rare(self, words: Iterable[str]) -> list[str]:
        """The rare ones of ``words`` (``is_rare``), in their order."""
        counts, limit = self.word_counts, self._rare_limit()
        return [word for word in words if counts.get(word, 0) <= limit]

    def _rare_limit(self) -> float:
        return max(1, RARE_SHARE * self.articles)

    def _idf(self, count: int) -> float:
        # Smoothed: a word unseen in the background is as rare as a word seen once.
        return math.log((1 + self.articles) / (1 + count)) + 1
