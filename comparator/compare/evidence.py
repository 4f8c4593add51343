"""What the texts of two regulations say about which articles correspond (cross evidence).

Three measures, each a (left articles x right articles) matrix, weighed by how rare
a bigram or word is across the whole collection (``background``):

- ``bigram``: cosine of character-bigram TF-IDF vectors: robust to rewording, no
  dictionary needed;
- ``word``: cosine of word TF-IDF vectors (jieba's words): two articles on the same
  matter share its rare words (质询, 逮捕, 评议) even where their sentences differ;
- ``chapter``: 1 where the two articles stand in chapters matched to each other.
  Chapters are matched first, by their titles and contents: a regulation groups
  its articles by matter (会议期间, 闭会期间, 保障), and two jurisdictions group alike.

The words both articles of a pair hold and the collection rarely uses are the
reason a reader sees beside a counterpart (``shared_words``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from comparator.compare.background import Background, bigrams, words
from comparator.compare.pairs import Evidence
from comparator.compare.settings import Weights
from comparator.compare.similarity import tfidf_cosine
from comparator.model import Division, Regulation

# A chapter is matched to the chapter of the other text most like it, if at least this alike.
CHAPTER_MATCH = 0.2
# The shared words shown as a pair's reason, rarest first.
SHOWN_WORDS = 6


@dataclass(frozen=True)
class TextEvidence:
    bigram: np.ndarray
    word: np.ndarray
    chapter: np.ndarray
    left_words: list[frozenset[str]]
    right_words: list[frozenset[str]]

    def shared_words(self, i: int, j: int, background: Background) -> tuple[str, ...]:
        """The rare words articles ``i`` and ``j`` both hold, rarest first."""
        shared = [w for w in self.left_words[i] & self.right_words[j] if background.is_rare(w)]
        shared.sort(key=lambda w: (background.word_counts.get(w, 0), -len(w), w))
        return tuple(_without_parts(shared)[:SHOWN_WORDS])


def text_evidence(left: Regulation, right: Regulation, background: Background) -> TextEvidence:
    left_texts = [a.text for a in left.articles]
    right_texts = [a.text for a in right.articles]
    left_words = [Counter(words(t)) for t in left_texts]
    right_words = [Counter(words(t)) for t in right_texts]
    bigram = tfidf_cosine(
        [bigrams(t) for t in left_texts], [bigrams(t) for t in right_texts], background.bigram_idf
    )
    word = tfidf_cosine(left_words, right_words, background.word_idf)
    matched = _matched_chapters(left, right, background)
    chapter = np.array(
        [[(a.chapter, b.chapter) in matched for b in right.articles] for a in left.articles],
        dtype=float,
    ).reshape(bigram.shape)
    return TextEvidence(
        bigram,
        word,
        chapter,
        [frozenset(c) for c in left_words],
        [frozenset(c) for c in right_words],
    )


def _matched_chapters(
    left: Regulation, right: Regulation, background: Background
) -> frozenset[tuple[int, int]]:
    """Each chapter with the chapter of the other text most like it (both ways)."""
    if not left.chapters or not right.chapters:
        return frozenset()
    left_documents = [_chapter_words(left, c) for c in left.chapters]
    right_documents = [_chapter_words(right, c) for c in right.chapters]
    cosine = tfidf_cosine(left_documents, right_documents, background.word_idf)
    matched = set()
    for i, chapter in enumerate(left.chapters):
        j = int(np.argmax(cosine[i]))
        if cosine[i, j] >= CHAPTER_MATCH:
            matched.add((chapter.number, right.chapters[j].number))
    for j, chapter in enumerate(right.chapters):
        i = int(np.argmax(cosine[:, j]))
        if cosine[i, j] >= CHAPTER_MATCH:
            matched.add((left.chapters[i].number, chapter.number))
    return frozenset(matched)


def _chapter_words(regulation: Regulation, chapter: Division) -> Counter[str]:
    """A chapter as one document: its title (counted twice, it names the matter) and its
    articles."""
    counter = Counter(words(chapter.title) * 2)
    for article in regulation.articles:
        if article.chapter == chapter.number:
            counter.update(words(article.text))
    return counter


def _without_parts(ordered: list[str]) -> list[str]:
    """Drop a word that is part of a longer one already listed (代表 beside 代表小组)."""
    kept: list[str] = []
    for word in sorted(ordered, key=len, reverse=True):
        if not any(word in longer for longer in kept):
            kept.append(word)
    return [w for w in ordered if w in kept]


@dataclass(frozen=True)
class Support:
    """What other texts say about a cross pair: the law both implement, and the other
    jurisdictions' texts (``a`` ~ ``x`` and ``x`` ~ ``b`` support ``a`` ~ ``b``)."""

    pivot: np.ndarray  # 1 where both articles implement one article of the law
    pivot_articles: dict[tuple[int, int], str]  # (i, j) -> node id of that law article
    agreement: np.ndarray  # share of the other texts through which i and j correspond
    agreeing: dict[tuple[int, int], tuple[str, ...]]  # (i, j) -> the ids of those texts


@dataclass(frozen=True)
class CrossScores:
    """The score every cross pair is decided on, and the reasons behind it."""

    score: np.ndarray
    text: TextEvidence
    support: Support | None
    background: Background
    regulations: tuple[Regulation, Regulation]

    def evidence(self, i: int, j: int) -> Evidence:
        left, right = self.regulations
        chapters = None
        if self.text.chapter[i, j]:  # both articles stand in chapters, matched
            chapters = (
                _chapter_name(left, left.articles[i].chapter),
                _chapter_name(right, right.articles[j].chapter),
            )
        support = self.support
        return Evidence(
            score=float(self.score[i, j]),
            shared_words=self.text.shared_words(i, j, self.background),
            pivot=support.pivot_articles.get((i, j)) if support else None,
            chapters=chapters,
            agreeing=support.agreeing.get((i, j), ()) if support else (),
        )


def cross_scores(
    left: Regulation,
    right: Regulation,
    text: TextEvidence,
    background: Background,
    weights: Weights,
    support: Support | None = None,
) -> CrossScores:
    score = (1 - weights.word) * text.bigram + weights.word * text.word
    score = score + weights.chapter * text.chapter
    if support is not None:
        score = score + weights.pivot * support.pivot + weights.agreement * support.agreement
    return CrossScores(score, text, support, background, (left, right))


def _chapter_name(regulation: Regulation, number: int | None) -> str:
    """第二章 联系代表和组织代表活动"""
    chapter = next(c for c in regulation.chapters if c.number == number)
    return f"{chapter.label} {chapter.title}"
