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

Up to ``Scale.dense_cells`` pairs the measures are full matrices. Above, they are
``CellMatrix``es: each measure is scored exactly on the pairs where one article is
among the ``Scale.neighbours`` nearest of the other, by bigrams or by words, on pairs of
articles of one text once folded (a short formula, 本条例自公布之日起施行, holds only common
bigrams, which the search for neighbours leaves out; an article left without any pair
has its nearest sought with every bigram), and on the pairs other texts support, every
other pair taken as unlike; memory and time then grow
with the number of articles, not with its square.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from comparator.compare.background import (
    Background,
    Terms,
    document_counts,
    segment_while,
    terms,
    words,
)
from comparator.compare.fold import folded
from comparator.compare.pairs import Evidence
from comparator.compare.settings import DEFAULT, Scale, Weights
from comparator.compare.similarity import (
    BigramSpace,
    CellMatrix,
    cell_cosines,
    nearest_cells,
    nearest_of_lonely,
    sorted_unique,
    tfidf_cosine,
    tfidf_vectors,
)
from comparator.model import Division, Regulation

# A chapter is matched to the chapter of the other text most like it, if at least this alike.
CHAPTER_MATCH = 0.2
# The shared words shown as a pair's reason, rarest first.
SHOWN_WORDS = 6


# A measure of (left x right) pairs: every pair, or some (``CellMatrix``).
Measure = np.ndarray | CellMatrix


@dataclass(frozen=True)
class TextEvidence:
    bigram: Measure
    word: Measure
    chapter: Measure
    left_words: list[frozenset[str]]
    right_words: list[frozenset[str]]
    # For measures kept on some pairs only: scores pairs given row by row (bigram, word,
    # chapter).
    measure: Callable[[np.ndarray, np.ndarray], tuple[CellMatrix, ...]] | None = None

    def on(self, rows: np.ndarray, columns: np.ndarray) -> TextEvidence:
        """The evidence of these pairs (``(rows[k], columns[k])``) as well, when kept on
        some pairs only."""
        if self.measure is None or not len(rows):
            return self
        assert isinstance(self.bigram, CellMatrix)
        kept = self.bigram.rows, self.bigram.columns
        bigram, word, chapter = self.measure(*_union([kept, (rows, columns)], self.bigram.shape[1]))
        return TextEvidence(bigram, word, chapter, self.left_words, self.right_words, self.measure)

    def shared_words(self, i: int, j: int, background: Background) -> tuple[str, ...]:
        """The rare words articles ``i`` and ``j`` both hold, rarest first."""
        counts = background.word_counts
        shared = background.rare(self.left_words[i] & self.right_words[j])
        shared.sort(key=lambda w: (counts.get(w, 0), -len(w), w))
        return tuple(_without_parts(shared, SHOWN_WORDS))


def text_evidence(
    left: Regulation,
    right: Regulation,
    background: Background,
    scale: Scale = DEFAULT.scale,
    counted: tuple[Sequence[Terms], Sequence[Terms]] | None = None,
) -> TextEvidence:
    """The evidence of the two texts; ``counted``: the terms of their articles, when the
    caller has them already (the background was counted from them)."""
    if counted is None:
        both = terms(a.text for a in [*left.articles, *right.articles])
        counted = both[: len(left.articles)], both[len(left.articles) :]
    left_terms, right_terms = counted
    left_words = [t.words for t in left_terms]
    right_words = [t.words for t in right_terms]
    if len(left_terms) * len(right_terms) > scale.dense_cells:
        bigram_vectors = tfidf_vectors(
            [t.bigrams for t in left_terms],
            [t.bigrams for t in right_terms],
            background.bigram_idf,
        )
        by_bigrams = _bigram_neighbours(left, right, bigram_vectors, scale)
        counted_words = left_words, right_words
        return _nearest_evidence(left, right, background, counted_words, by_bigrams, scale)
    bigram = tfidf_cosine(
        [t.bigrams for t in left_terms], [t.bigrams for t in right_terms], background.bigram_idf
    )
    word = tfidf_cosine(left_words, right_words, background.word_idf)
    matched = _matched_chapters(left, right, background)
    right_chapters = chapter_places(right)
    chapter = np.array(
        [[(a, b) in matched for b in right_chapters] for a in chapter_places(left)],
        dtype=float,
    ).reshape(bigram.shape)
    return TextEvidence(
        bigram,
        word,
        chapter,
        [t.word_set for t in left_terms],
        [t.word_set for t in right_terms],
    )


def own_evidence(
    left: Regulation, right: Regulation, scale: Scale = DEFAULT.scale
) -> tuple[Background, TextEvidence]:
    """The evidence of two texts weighed by their own articles (no collection at hand),
    and that background. Above ``Scale.dense_cells`` pairs, the neighbours by bigrams are
    sought while the words are segmented (``segment_while``)."""
    texts = [a.text for a in [*left.articles, *right.articles]]
    split = len(left.articles)
    if split * len(right.articles) <= scale.dense_cells:
        both = terms(texts)
        background = Background.counted(both)
        counted = both[:split], both[split:]
        return background, text_evidence(left, right, background, scale, counted)

    def by_bigrams() -> tuple[dict[str, int], _BigramNeighbours]:
        space = BigramSpace(texts)
        return space.held(), _bigram_neighbours(left, right, space.tfidf(texts), scale)

    bigram_counts, neighbours = segment_while(texts, by_bigrams)
    counter_of = {text: Counter(words(text)) for text in dict.fromkeys(texts)}
    counters = [counter_of[text] for text in texts]
    background = Background(len(texts), bigram_counts, document_counts(counters))
    by_side = counters[:split], counters[split:]
    return background, _nearest_evidence(left, right, background, by_side, neighbours, scale)


@dataclass(frozen=True)
class _BigramNeighbours:
    vectors: Any  # the articles' bigram vectors: the left ones, then the right ones
    cosines: CellMatrix  # the bigram cosine of the pairs found


def _bigram_neighbours(
    left: Regulation, right: Regulation, vectors: Any, scale: Scale
) -> _BigramNeighbours:
    """The pairs nearest by bigrams and the pairs of articles of one text once folded,
    with their cosines."""
    split, width = len(left.articles), len(right.articles)
    found = [nearest_cells(vectors, split, scale.neighbours), _identical(left, right)]
    rows, columns = _union(found, width)
    cosines = cell_cosines(vectors, split, rows, columns)
    return _BigramNeighbours(vectors, CellMatrix((split, width), rows, columns, cosines))


def _union(found: list[tuple[np.ndarray, np.ndarray]], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The cells of ``found`` (``(rows, columns)`` each), each once, row by row."""
    codes = sorted_unique(np.concatenate([rows * width + columns for rows, columns in found]))
    return codes // width, codes % width


def _nearest_evidence(
    left: Regulation,
    right: Regulation,
    background: Background,
    counted: tuple[Sequence[Counter[str]], Sequence[Counter[str]]],
    by_bigrams: _BigramNeighbours,
    scale: Scale,
) -> TextEvidence:
    """The text evidence of the pairs nearest by bigrams (``by_bigrams``) or by words, the
    words of each article ``counted`` (see the module docstring)."""
    split = len(left.articles)
    left_words, right_words = counted
    bigram_vectors, known = by_bigrams.vectors, by_bigrams.cosines
    word_vectors = tfidf_vectors(left_words, right_words, background.word_idf)
    width = len(right.articles)
    found = [(known.rows, known.columns), nearest_cells(word_vectors, split, scale.neighbours)]
    found.append(nearest_of_lonely(bigram_vectors, split, _union(found, width), scale.neighbours))
    cells = _union(found, width)
    matched = _matched_chapters(left, right, background)
    left_chapters = _chapter_codes(left)
    right_chapters = _chapter_codes(right)
    matched_codes = np.array(
        [_chapter_code(a) * _CHAPTERS + _chapter_code(b) for a, b in matched], dtype=np.int64
    )
    shape = (split, width)

    def measure(rows: np.ndarray, columns: np.ndarray) -> tuple[CellMatrix, ...]:
        """The measures of cells given row by row (both callers divide sorted codes)."""
        chapter_codes = left_chapters[rows] * _CHAPTERS + right_chapters[columns]
        return tuple(
            CellMatrix(shape, rows, columns, values)
            for values in (
                cell_cosines(bigram_vectors, split, rows, columns, known),
                cell_cosines(word_vectors, split, rows, columns),
                np.isin(chapter_codes, matched_codes).astype(float),
            )
        )

    bigram, word, chapter = measure(*cells)
    return TextEvidence(
        bigram,
        word,
        chapter,
        _word_sets(left_words),
        _word_sets(right_words),
        measure,
    )


def _word_sets(counters: Sequence[Counter[str]]) -> list[frozenset[str]]:
    """The words of each article as a set, made once per counter (an article repeated
    shares its counter)."""
    made: dict[int, frozenset[str]] = {}
    for counter in counters:
        if id(counter) not in made:
            made[id(counter)] = frozenset(counter)
    return [made[id(counter)] for counter in counters]


def _identical(left: Regulation, right: Regulation) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of articles of one text once folded: the first of each side with every one of
    the other, and the k-th with the k-th (the pairs competitive linking takes among equals),
    not every pair of them: a formula repeated a thousand times stays a few thousand pairs."""
    by_text: dict[str, list[int]] = {}
    for j, article in enumerate(right.articles):
        by_text.setdefault(folded(article.text), []).append(j)
    rows_of: dict[str, list[int]] = {}
    for i, article in enumerate(left.articles):
        rows_of.setdefault(folded(article.text), []).append(i)
    cells: set[tuple[int, int]] = set()
    for text, rows in rows_of.items():
        columns = by_text.get(text, [])
        if columns:
            cells.update(zip(rows, columns, strict=False))
            cells.update((rows[0], j) for j in columns)
            cells.update((i, columns[0]) for i in rows)
    found = np.array(sorted(cells), dtype=np.int64).reshape(-1, 2)
    return found[:, 0], found[:, 1]


# Chapter places are coded as place + 1 (0: no chapter), below this.
_CHAPTERS = 1 << 20


def _chapter_code(place: int | None) -> int:
    return 0 if place is None else place + 1


def _chapter_codes(regulation: Regulation) -> np.ndarray:
    return np.array([_chapter_code(p) for p in chapter_places(regulation)], dtype=np.int64)


def chapter_places(regulation: Regulation) -> list[int | None]:
    """For each article, the place of its chapter in ``regulation.chapters`` (None: in no
    chapter). Not the chapter's number: a code numbers its chapters afresh in each 编."""
    place = {
        number: index
        for index, chapter in enumerate(regulation.chapters)
        for number in chapter.articles
    }
    return [place.get(article.number) for article in regulation.articles]


def _matched_chapters(
    left: Regulation, right: Regulation, background: Background
) -> frozenset[tuple[int, int]]:
    """Each chapter with the chapter of the other text most like it (both ways), by
    their places in ``chapters``."""
    if not left.chapters or not right.chapters:
        return frozenset()
    left_documents = [_chapter_words(left, c) for c in left.chapters]
    right_documents = [_chapter_words(right, c) for c in right.chapters]
    cosine = tfidf_cosine(left_documents, right_documents, background.word_idf)
    matched = set()
    for i in range(len(left.chapters)):
        j = int(np.argmax(cosine[i]))
        if cosine[i, j] >= CHAPTER_MATCH:
            matched.add((i, j))
    for j in range(len(right.chapters)):
        i = int(np.argmax(cosine[:, j]))
        if cosine[i, j] >= CHAPTER_MATCH:
            matched.add((i, j))
    return frozenset(matched)


def _chapter_words(regulation: Regulation, chapter: Division) -> Counter[str]:
    """A chapter as one document: its title (counted twice, it names the matter) and its
    articles."""
    counter = Counter(words(chapter.title) * 2)
    held = set(chapter.articles)
    for article in regulation.articles:
        if article.number in held:
            counter.update(words(article.text))
    return counter


def _without_parts(ordered: list[str], count: int) -> list[str]:
    """The first ``count`` words of ``ordered`` that are not part of a longer one listed
    (代表 beside 代表小组). The words are distinct, and a part of a word dropped so is a
    part of the longer word that drops it: being part of any longer one is enough."""
    kept: list[str] = []
    longer_than: dict[int, str] = {}  # length -> the words longer, joined by a NUL (in none)
    for word in ordered:
        size = len(word)
        if size not in longer_than:
            longer_than[size] = "\0".join(other for other in ordered if len(other) > size)
        if word not in longer_than[size]:
            kept.append(word)
            if len(kept) == count:
                break
    return kept


@dataclass(frozen=True)
class Support:
    """What other texts say about a cross pair: the law both implement, and the other
    jurisdictions' texts (``a`` ~ ``x`` and ``x`` ~ ``b`` support ``a`` ~ ``b``)."""

    pivot: Measure  # 1 where both articles implement one article of the law
    pivot_articles: dict[tuple[int, int], str]  # (i, j) -> node id of that law article
    agreement: Measure  # share of the other texts through which i and j correspond
    agreeing: dict[tuple[int, int], tuple[str, ...]]  # (i, j) -> the ids of those texts


@dataclass(frozen=True)
class CrossScores:
    """The score every cross pair is decided on, and the reasons behind it."""

    score: Measure
    text: TextEvidence
    support: Support | None
    background: Background
    regulations: tuple[Regulation, Regulation]

    @cached_property
    def _chapter_places(self) -> tuple[list[int | None], list[int | None]]:
        left, right = self.regulations
        return chapter_places(left), chapter_places(right)

    def evidence(self, i: int, j: int) -> Evidence:
        left, right = self.regulations
        chapters = None
        if self.text.chapter[i, j]:  # both articles stand in chapters, matched
            left_places, right_places = self._chapter_places
            chapters = (
                _chapter_name(left, left_places[i]),
                _chapter_name(right, right_places[j]),
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
    if isinstance(text.bigram, CellMatrix):
        return _nearest_scores(left, right, text, background, weights, support)
    assert isinstance(text.word, np.ndarray) and isinstance(text.chapter, np.ndarray)
    score = (1 - weights.word) * text.bigram + weights.word * text.word
    score = score + weights.chapter * text.chapter
    if support is not None:
        pivot, agreement = support.pivot, support.agreement
        assert isinstance(pivot, np.ndarray) and isinstance(agreement, np.ndarray)
        score = score + weights.pivot * pivot + weights.agreement * agreement
    return CrossScores(score, text, support, background, (left, right))


def _nearest_scores(
    left: Regulation,
    right: Regulation,
    text: TextEvidence,
    background: Background,
    weights: Weights,
    support: Support | None,
) -> CrossScores:
    """The scores of the pairs the text evidence keeps and of those other texts support."""
    supported: list[Any] = []
    if support is not None:
        supported = [m for m in (support.pivot, support.agreement) if isinstance(m, CellMatrix)]
    text = text.on(
        np.concatenate([np.zeros(0, dtype=np.int64), *(m.rows for m in supported)]),
        np.concatenate([np.zeros(0, dtype=np.int64), *(m.columns for m in supported)]),
    )
    bigram, word, chapter = text.bigram, text.word, text.chapter
    assert isinstance(bigram, CellMatrix)
    assert isinstance(word, CellMatrix) and isinstance(chapter, CellMatrix)
    score = (1 - weights.word) * bigram.values + weights.word * word.values
    score = score + weights.chapter * chapter.values
    if support is not None:
        pivot, agreement = (
            _at(m, bigram.rows, bigram.columns) for m in (support.pivot, support.agreement)
        )
        score = score + weights.pivot * pivot + weights.agreement * agreement
    cells = CellMatrix(bigram.shape, bigram.rows, bigram.columns, score)
    return CrossScores(cells, text, support, background, (left, right))


def _at(measure: Measure, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    if isinstance(measure, CellMatrix):
        return measure.at(rows, columns)
    return np.asarray(measure[rows, columns])


def _chapter_name(regulation: Regulation, place: int | None) -> str:
    """第二章 联系代表和组织代表活动"""
    assert place is not None  # only asked of articles in matched chapters
    chapter = regulation.chapters[place]
    return f"{chapter.label} {chapter.title}"
