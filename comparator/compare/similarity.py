"""How alike two sets of articles are: character-bigram TF-IDF.

Chinese has no spaces, and legal drafting reuses fixed phrases (常务委员会, 执行代表职务),
so character bigrams of the folded text are a robust, dictionary-free unit: a reworded
article keeps most of its bigrams, an article on another matter shares only the
common ones, which inverse document frequency weighs down. Two measures:

- ``cosine[i, j]``: TF-IDF cosine (sublinear tf, smoothed idf), symmetric, in 0..1;
- ``containment[i, j]``: how much of right article ``j``'s weighted bigrams appear in
  left article ``i`` (and the transpose for left in right), to see an article split
  into several or several merged into one.

Both are computed in a ``BigramSpace``: the idf of the two regulations' articles,
in which any texts can be compared (their paragraphs too). Matrices are sparse
products (scipy), so a 1,000 x 1,000 pair costs a fraction of a second, not a
character diff of every pair. ``tfidf_cosine`` does the same for any terms (words)
with a given idf.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from comparator.compare.background import bigrams


@dataclass
class Similarity:
    cosine: np.ndarray  # (left articles, right articles)
    right_in_left: np.ndarray  # containment of right article j in left article i
    left_in_right: np.ndarray  # containment of left article i in right article j


class BigramSpace:
    """Character bigrams weighed by their idf over a set of texts (the articles of two
    regulations): any texts can then be compared in it, parts of those texts included
    (their paragraphs), with the idf of the whole."""

    def __init__(self, texts: Sequence[str]) -> None:
        counted = [bigrams(text) for text in texts]
        frequency: Counter[str] = Counter()
        for counter in counted:
            frequency.update(counter.keys())
        self._index = {gram: k for k, gram in enumerate(frequency)}
        documents = np.fromiter(frequency.values(), dtype=float, count=len(frequency))
        self._idf = np.log((1 + len(texts)) / (1 + documents)) + 1
        self._unseen_idf = np.log(1 + len(texts)) + 1  # smoothed idf of a bigram in no text
        # Each text's bigrams as (columns, counts), kept: paragraphs are asked twice.
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for text, counter in zip(texts, counted, strict=True):
            self._rows.setdefault(text, self._row(counter))

    def compare(self, left: Sequence[str], right: Sequence[str]) -> Similarity:
        """Cosine and containment of every left text against every right one."""
        tfidf, weights, present = self._vectors([*left, *right])  # one set of columns
        split = len(left)
        tfidf_left, tfidf_right = tfidf[:split], tfidf[split:]
        weights_left, weights_right = weights[:split], weights[split:]
        present_left, present_right = present[:split], present[split:]
        cosine = np.clip((tfidf_left @ tfidf_right.T).toarray(), 0.0, 1.0)
        mass_left = _mass(weights_left)
        mass_right = _mass(weights_right)
        # idf mass of right j found in left i, and of left i found in right j.
        right_in_left = (present_left @ weights_right.T).toarray() / mass_right[np.newaxis, :]
        left_in_right = (weights_left @ present_right.T).toarray() / mass_left[:, np.newaxis]
        return Similarity(cosine, np.clip(right_in_left, 0, 1), np.clip(left_in_right, 0, 1))

    def _row(self, counter: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """A text's bigrams as columns of the space and their counts. A bigram the space
        has not seen gets a column of its own and weighs as one seen in no text."""
        columns = np.fromiter(
            (self._column(gram) for gram in counter), dtype=np.int64, count=len(counter)
        )
        return columns, np.fromiter(counter.values(), dtype=float, count=len(counter))

    def _column(self, gram: str) -> int:
        column = self._index.get(gram)
        if column is None:
            column = self._index[gram] = len(self._index)
            self._idf = np.append(self._idf, self._unseen_idf)
        return column

    def _vectors(self, texts: Sequence[str]) -> tuple[Any, Any, Any]:
        """Sublinear tf x idf (normalised), idf weights, and presence, one row a text."""
        from scipy import sparse

        for text in texts:
            if text not in self._rows:
                self._rows[text] = self._row(bigrams(text))
        rows = [self._rows[text] for text in texts]
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        tf = np.concatenate([t for _, t in rows]) if rows else np.zeros(0)
        row_index = np.repeat(np.arange(len(texts)), [len(c) for c, _ in rows])
        shape = (len(texts), len(self._idf))
        weights = self._idf[columns]

        def matrix(data: np.ndarray) -> Any:
            return sparse.csr_matrix((data, (row_index, columns)), shape=shape)

        return (
            _normalized(matrix((1 + np.log(tf)) * weights)),
            matrix(weights),
            matrix(np.ones_like(tf)),
        )


def _mass(weights: Any) -> np.ndarray:
    mass = np.asarray(weights.sum(axis=1)).ravel()
    mass[mass == 0] = 1.0
    return mass


def tfidf_cosine(
    left: Sequence[Counter[str]], right: Sequence[Counter[str]], idf: Callable[[str], float]
) -> np.ndarray:
    """Cosine of sublinear-tf x idf vectors, every left text against every right one."""
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, counter in enumerate([*left, *right]):
        for term, count in counter.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append((1 + np.log(count)) * idf(term))
    shape = (len(left) + len(right), max(len(vocabulary), 1))
    matrix: Any = sparse.csr_matrix((values, (rows, columns)), shape=shape)
    matrix = _normalized(matrix)
    split = len(left)
    cosine: np.ndarray = np.clip((matrix[:split] @ matrix[split:].T).toarray(), 0.0, 1.0)
    return cosine


def _normalized(matrix):
    from scipy import sparse

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix
