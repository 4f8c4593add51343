"""How alike two sets of articles are: character-bigram TF-IDF.

Chinese has no spaces, and legal drafting reuses fixed phrases (常务委员会, 执行代表职务),
so character bigrams of the folded text are a robust, dictionary-free unit: a reworded
article keeps most of its bigrams, an article on another matter shares only the
common ones, which inverse document frequency weighs down. Two measures:

- ``cosine[i, j]``: TF-IDF cosine (sublinear tf, smoothed idf), symmetric, in 0..1;
- ``containment[i, j]``: how much of right article ``j``'s weighted bigrams appear in
  left article ``i`` (and the transpose for left in right), to see an article split
  into several or several merged into one.

Matrices are sparse products (scipy), so a 1,000 x 1,000 pair costs milliseconds,
not a character diff of every pair.
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


def compare_texts(left: list[str], right: list[str]) -> Similarity:
    """Both measures for every (left, right) pair of texts."""
    from scipy import sparse

    counts = [bigrams(text) for text in [*left, *right]]
    vocabulary: dict[str, int] = {}
    rows, columns, values = [], [], []
    for row, counter in enumerate(counts):
        for gram, count in counter.items():
            rows.append(row)
            columns.append(vocabulary.setdefault(gram, len(vocabulary)))
            values.append(count)
    row_index, column_index = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
    tf = np.array(values, dtype=float)
    frequency = np.bincount(column_index, minlength=len(vocabulary))
    idf = np.log((1 + len(counts)) / (1 + frequency)) + 1
    shape = (len(counts), len(vocabulary))

    def matrix(data: np.ndarray) -> Any:
        return sparse.csr_matrix((data, (row_index, column_index)), shape=shape)

    tfidf = _normalized(matrix((1 + np.log(tf)) * idf[column_index]))
    weights = matrix(idf[column_index])  # bigram sets weighted by idf
    present = matrix(np.ones_like(tf))
    split = len(left)
    cosine = np.clip((tfidf[:split] @ tfidf[split:].T).toarray(), 0.0, 1.0)
    mass = np.asarray(weights.sum(axis=1)).ravel()
    mass[mass == 0] = 1.0
    # idf mass of right j found in left i, and of left i found in right j.
    right_in_left = (present[:split] @ weights[split:].T).toarray() / mass[np.newaxis, split:]
    left_in_right = (weights[:split] @ present[split:].T).toarray() / mass[:split, np.newaxis]
    return Similarity(cosine, np.clip(right_in_left, 0, 1), np.clip(left_in_right, 0, 1))


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
