"""How common a word is across all the texts at hand: the idf the cross evidence weighs by.

Two regulations on one subject share the phrases every article of the domain has
(人民代表大会, 常务委员会, 执行代表职务). Counted over the two texts alone, such a phrase
looks rare enough to matter; counted over every article of the catalog it weighs
little, and the words that carry an article's matter (质询, 逮捕, 评议) stand out.

A background counts, for each character bigram and each word, how many articles of
a collection hold it. It is plain data, computed once per collection.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from comparator.compare.fold import folded
from comparator.compare.words import segmenter

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
    return Counter(letters[i : i + 2] for i in range(len(letters) - 1))


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of an article that can carry its matter: jieba's words of two or more
    letters (a single character is too often a particle or part of a longer word)."""
    return tuple(word for word in segmenter().cut(folded(text), HMM=False) if len(core(word)) >= 2)


@dataclass(frozen=True)
class Background:
    articles: int  # how many articles were counted
    bigram_counts: dict[str, int]  # bigram -> articles holding it
    word_counts: dict[str, int]  # word -> articles holding it

    @classmethod
    def of(cls, texts: Iterable[str]) -> Background:
        """Count over article texts (each text counts once per bigram and word)."""
        bigram_counts: Counter[str] = Counter()
        word_counts: Counter[str] = Counter()
        total = 0
        for text in texts:
            total += 1
            bigram_counts.update(set(bigrams(text)))
            word_counts.update(set(words(text)))
        return cls(total, dict(bigram_counts), dict(word_counts))

    def bigram_idf(self, gram: str) -> float:
        return self._idf(self.bigram_counts.get(gram, 0))

    def word_idf(self, word: str) -> float:
        return self._idf(self.word_counts.get(word, 0))

    def is_rare(self, word: str) -> bool:
        return self.word_counts.get(word, 0) <= max(1, RARE_SHARE * self.articles)

    def _idf(self, count: int) -> float:
        # Smoothed: a word unseen in the background is as rare as a word seen once.
        return math.log((1 + self.articles) / (1 + count)) + 1
