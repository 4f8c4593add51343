"""Aligning long texts: no (left x right) dense matrix, and the same pairs as the exact path."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest
from scipy import sparse

from comparator.compare.align import align
from comparator.compare.background import Background, bigrams
from comparator.compare.settings import DEFAULT, Scale
from comparator.compare.similarity import BigramSpace, tfidf_vectors
from comparator.library import Library
from comparator.model import Article, Paragraph, Regulation
from comparator.vocabulary import Kind

# Every pair of articles scored, whatever the size (the exact path), or never.
EXACT = replace(DEFAULT, scale=Scale(dense_cells=10**12))
SPARSE = replace(DEFAULT, scale=Scale(dense_cells=0))


def _regulation(regulation_id: str, texts: list[str]) -> Regulation:
    regulation = Regulation(regulation_id, regulation_id, f"<{regulation_id}>")
    for number, text in enumerate(texts, 1):
        article = Article(number, f"第{number}条", number)
        article.paragraphs = [
            Paragraph(k, line, number) for k, line in enumerate(text.split("\n"), 1) if line
        ]
        regulation.articles.append(article)
    return regulation


def _mutated(text: str, rng: random.Random, rate: float) -> str:
    chars = list(text)
    for _ in range(max(1, int(len(chars) * rate))):
        position = rng.randrange(len(chars))
        if rng.random() < 0.5:
            chars[position] = rng.choice(chars)
        elif len(chars) > 2:
            del chars[position]
    return "".join(chars)


def _revision(library: Library, size: int, seed: int = 3) -> tuple[Regulation, Regulation]:
    """A long old text made of the catalog's articles, and a revision of it: most articles
    kept, some reworded, deleted, moved or added."""
    rng = random.Random(seed)
    pool = [a.text for r in library.regulations() for a in r.articles]
    old = [_mutated(rng.choice(pool), rng, 0.08) for _ in range(size)]
    new, moved = [], []
    for text in old:
        roll = rng.random()
        if roll < 0.75:
            new.append(text)
        elif roll < 0.88:
            new.append(_mutated(text, rng, 0.15))
        elif roll < 0.92:
            continue
        elif roll < 0.96:
            moved.append(text)
        else:
            new += [text, _mutated(rng.choice(pool), rng, 0.3)]
    for text in moved:
        new.insert(rng.randrange(len(new) + 1), text)
    return _regulation("long-old", old), _regulation("long-new", new)


@pytest.fixture(scope="module")
def library() -> Library:
    return Library.open()


@pytest.fixture
def largest_array(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Spy on the ways a dense matrix is made (numpy constructors, sparse -> dense):
    the number of cells of the largest two-dimensional array made so far."""
    largest = [0]

    def spied(make):
        def made(*args, **kwargs):
            array = make(*args, **kwargs)
            if np.ndim(array) == 2:
                largest[0] = max(largest[0], int(np.size(array)))
            return array

        return made

    for name in ("zeros", "empty", "full", "ones"):
        monkeypatch.setattr(np, name, spied(getattr(np, name)))
    for kind in (sparse.csr_matrix, sparse.csc_matrix, sparse.coo_matrix):
        monkeypatch.setattr(kind, "toarray", spied(kind.toarray))
    return largest


def test_a_long_revision_is_aligned_without_a_dense_matrix(
    library: Library, largest_array: list[int]
) -> None:
    old, new = _revision(library, 3000)
    alignment = align(old, new, Kind.REVISION)
    # Past ``dense_cells`` pairs, no array holds a cell for every pair: memory grows with
    # the number of articles, not with its square.
    assert len(old.articles) * len(new.articles) > DEFAULT.scale.dense_cells
    assert largest_array[0] <= DEFAULT.scale.dense_cells, f"{largest_array[0]:,} cells"
    counts = alignment.counts()
    # Three in four articles are kept word for word: they are found as such.
    assert counts["unchanged"] + counts["renumbered"] > 0.7 * len(old.articles)
    paired = {p.left for p in alignment.pairs if p.left is not None and p.right is not None}
    assert len(paired) > 0.9 * len(old.articles)


def test_the_sparse_path_pairs_a_revision_as_the_exact_one(library: Library) -> None:
    old, new = _revision(library, 400, seed=11)
    exact = align(old, new, Kind.REVISION, EXACT)
    near = align(old, new, Kind.REVISION, SPARSE)
    assert near.as_dict() == exact.as_dict()


@pytest.mark.parametrize(
    ("left", "right"),
    [("chongqing-2016", "chongqing-draft"), ("shenzhen-2007", "shenzhen-draft")],
)
def test_the_sparse_path_pairs_the_real_revisions_as_the_exact_one(
    library: Library, left: str, right: str
) -> None:
    regulations = library.regulation(left), library.regulation(right)
    exact = align(*regulations, Kind.REVISION, EXACT)
    near = align(*regulations, Kind.REVISION, SPARSE)
    assert near.as_dict() == exact.as_dict()


def _cross(library: Library, size: int, seed: int) -> tuple[Regulation, Regulation]:
    """Two long texts on one subject: articles of the catalog, each reworded apart in the
    two texts, some in one text only, the right text in another order."""
    rng = random.Random(seed)
    pool = [a.text for r in library.regulations() for a in r.articles]
    left, right = [], []
    for _ in range(size):
        text = rng.choice(pool)
        roll = rng.random()
        if roll < 0.85:
            left.append(_mutated(text, rng, 0.1))
            right.append(_mutated(text, rng, 0.3))
        elif roll < 0.93:
            left.append(_mutated(text, rng, 0.1))
        else:
            right.append(_mutated(text, rng, 0.1))
    rng.shuffle(right)
    return _regulation("long-left", left), _regulation("long-right", right)


def test_a_long_cross_comparison_is_aligned_without_a_dense_matrix(
    library: Library, largest_array: list[int]
) -> None:
    left, right = _cross(library, 3000, seed=5)
    alignment = align(left, right, Kind.CROSS)
    assert len(left.articles) * len(right.articles) > DEFAULT.scale.dense_cells
    assert largest_array[0] <= DEFAULT.scale.dense_cells, f"{largest_array[0]:,} cells"
    # Most articles of the left text have their counterpart in the right one.
    paired = {p.left for p in alignment.pairs if p.left is not None and p.right is not None}
    assert len(paired) > 0.75 * len(left.articles)


def test_the_sparse_path_pairs_a_cross_comparison_as_the_exact_one(library: Library) -> None:
    left, right = _cross(library, 400, seed=13)
    exact = align(left, right, Kind.CROSS, EXACT)
    near = align(left, right, Kind.CROSS, SPARSE)
    assert near.as_dict() == exact.as_dict()


@pytest.mark.parametrize(
    ("left", "right"),
    [(c.left, c.right) for c in Library.open().catalog.comparisons if c.kind is Kind.CROSS],
)
def test_the_sparse_path_pairs_the_real_cross_comparisons_as_the_exact_one(
    library: Library, left: str, right: str
) -> None:
    # With the whole collection's evidence: its idf, the law both implement, other texts.
    aligner = library.aligner()
    exact = aligner.with_settings(EXACT).alignment(left, right, Kind.CROSS)
    near = aligner.with_settings(SPARSE).alignment(left, right, Kind.CROSS)
    assert near.as_dict() == exact.as_dict()


def test_the_bigram_space_counts_and_weighs_as_the_background(library: Library) -> None:
    """A long cross comparison counts its bigrams with numpy (``BigramSpace``) while its
    words are segmented: the counts and vectors are those of the counters' way."""
    left, right = _cross(library, 300, seed=17)
    texts = [a.text for a in [*left.articles, *right.articles]]
    texts += [*texts[:5], "", "法", "1"]  # repeated texts, no letter, one letter
    space = BigramSpace(texts)
    background = Background.of(texts)
    assert list(space.held().items()) == list(background.bigram_counts.items())
    counters = [bigrams(text) for text in texts]
    expected = tfidf_vectors(counters[:100], counters[100:], background.bigram_idf)
    assert abs(space.tfidf(texts) - expected).max() < 1e-12
