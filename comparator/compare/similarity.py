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

A (left x right) matrix grows as the square of the texts' length: 10,000 articles a
side would take gigabytes. ``BigramSpace.neighbours`` therefore scores every pair only
up to ``Scale.dense_cells`` pairs; above, it scores each text's nearest neighbours: the
``Scale.neighbours`` best of its row and of its column in a product of the vectors
without their common bigrams (held by many texts, they add little to a cosine and make
the product dense), made a few rows at a time, each product giving the best of its
rows and of its columns. Those candidates are then scored exactly. Memory and time
grow with the number of texts, not with its square; a pair that is not among either
text's nearest is taken as unlike.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from comparator.compare.background import core
from comparator.compare.fold import folded
from comparator.compare.settings import Scale

# A candidate search keeps a bigram only if at most this share of the texts hold it
# (and at least ``COMMON_FLOOR`` texts may): the others are the domain's common phrases.
COMMON_SHARE = 0.002
COMMON_FLOOR = 64
# The rows a candidate search multiplies at a time, and the candidates scored at a time.
ROWS_AT_ONCE = 1024
SCORED_AT_ONCE = 1 << 13
# The texts without rare terms whose nearest are sought with every term at a time.
LONELY_AT_ONCE = 256
# The second half of the code of a text's only letter (a letter is below 1 << 21).
LONE = (1 << 21) - 1


@dataclass
class Similarity:
    cosine: np.ndarray  # (left articles, right articles)
    right_in_left: np.ndarray  # containment of right article j in left article i
    left_in_right: np.ndarray  # containment of left article i in right article j


class BigramSpace:
    """Character bigrams weighed by their idf over a set of texts (the articles of two
    regulations): any texts can then be compared in it, parts of those texts included
    (their paragraphs), with the idf of the whole.

    Bigrams are counted with numpy over many texts at once (``_bigram_codes``): a code
    of 10,000 articles a side has some 60,000 articles and paragraphs to count. A
    bigram's column is the order in which it is first met, text after text.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        self._codes = np.zeros(0, dtype=np.int64)  # the bigrams met, as sorted codes
        self._code_columns = np.zeros(0, dtype=np.int64)  # and their columns
        self._idf = np.zeros(0)
        self._unseen_idf = np.log(1 + len(texts)) + 1  # smoothed idf of a bigram in no text
        # Each text's bigrams as (columns in order, counts), kept: paragraphs are asked twice.
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        distinct = list(dict.fromkeys(texts))
        self._count(distinct)
        # Texts holding each bigram, a text given twice counted twice.
        times = Counter(texts)
        self._holders = np.zeros(len(self._idf), dtype=np.int64)
        for text in distinct:
            self._holders[self._rows[text][0]] += times[text]
        self._idf = np.log((1 + len(texts)) / (1 + self._holders)) + 1

    def held(self) -> dict[str, int]:
        """How many of the space's texts hold each bigram (``background.bigrams``' terms),
        in the order first met: the bigram counts of a ``Background`` of those texts."""
        code_of_column = np.empty_like(self._codes)
        code_of_column[self._code_columns] = self._codes
        # Bigrams met after the space was made (in texts compared in it) are held by none.
        first, second = np.divmod(code_of_column[: len(self._holders)], 1 << 21)
        return {
            chr(one) + ("" if two == LONE else chr(two)): held
            for one, two, held in zip(
                first.tolist(), second.tolist(), self._holders.tolist(), strict=True
            )
        }

    def tfidf(self, texts: Sequence[str]) -> Any:
        """The normalised sublinear tf x idf vectors of ``texts``, one row a text, as
        ``tfidf_vectors`` makes them from their bigrams with the space's idf."""
        matrix, tf, weights = self._rows_of(texts)
        return _sublinear_tfidf(matrix, tf, weights)

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

    def neighbours(self, left: Sequence[str], right: Sequence[str], scale: Scale) -> Neighbours:
        """The pairs of ``left`` x ``right`` worth looking at: every pair up to
        ``scale.dense_cells`` pairs, else each text's nearest (see the module docstring)."""
        if len(left) * len(right) <= scale.dense_cells:
            return EveryPair(self.compare(left, right))
        tfidf, weights, _ = self._vectors([*left, *right])
        return _nearest_pairs(tfidf, weights, self._idf, len(left), scale.neighbours)

    def _count(self, texts: Sequence[str]) -> None:
        """Count the bigrams of ``texts`` (distinct, not counted yet). A bigram the space
        has not met gets a column of its own and weighs as one held by no text."""
        if not texts:
            return
        owner, codes = _bigram_codes(texts)
        columns = self._columns(codes)
        width = max(len(self._idf), 1)
        cells, counts = np.unique(owner * width + columns, return_counts=True)
        bounds = np.searchsorted(cells // width, np.arange(1, len(texts)))
        split = np.split(cells % width, bounds), np.split(counts.astype(float), bounds)
        self._rows.update(zip(texts, zip(*split, strict=True), strict=True))

    def _columns(self, codes: np.ndarray) -> np.ndarray:
        """The column of each bigram code, new ones numbered in the order first met."""
        position = np.searchsorted(self._codes, codes)
        known = position < len(self._codes)
        known[known] = self._codes[position[known]] == codes[known]
        if not known.all():
            new, first = np.unique(codes[~known], return_index=True)
            new = new[np.argsort(first, kind="stable")]
            added = np.arange(len(self._idf), len(self._idf) + len(new))
            self._idf = np.concatenate([self._idf, np.full(len(new), self._unseen_idf)])
            codes_met = np.concatenate([self._codes, new])
            order = np.argsort(codes_met, kind="stable")
            self._codes = codes_met[order]
            self._code_columns = np.concatenate([self._code_columns, added])[order]
            position = np.searchsorted(self._codes, codes)
        return self._code_columns[position]

    def _vectors(self, texts: Sequence[str]) -> tuple[Any, Any, Any]:
        """Sublinear tf x idf (normalised), idf weights, and presence, one row a text."""
        matrix, tf, weights = self._rows_of(texts)
        return (
            _sublinear_tfidf(matrix, tf, weights),
            matrix(weights),
            matrix(np.ones_like(tf)),
        )

    def _rows_of(
        self, texts: Sequence[str]
    ) -> tuple[Callable[[np.ndarray], Any], np.ndarray, np.ndarray]:
        """A maker of matrices with a row a text, from one value a bigram of each text (its
        cells in order); each bigram's count in its text, and its idf."""
        from scipy import sparse

        missing = [text for text in dict.fromkeys(texts) if text not in self._rows]
        if missing:
            self._count(missing)
        rows = [self._rows[text] for text in texts]
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        tf = np.concatenate([t for _, t in rows]) if rows else np.zeros(0)
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(c) for c, _ in rows], out=starts[1:])
        shape = (len(texts), len(self._idf))

        def matrix(data: np.ndarray) -> Any:
            return sparse.csr_matrix((data, columns, starts), shape=shape)

        return matrix, tf, self._idf[columns]


def _sublinear_tfidf(
    matrix: Callable[[np.ndarray], Any], tf: np.ndarray, weights: np.ndarray
) -> Any:
    return _normalized(matrix((1 + np.log(tf)) * weights))


def _bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(text, code)`` of each bigram of ``texts``, in reading order: the bigrams
    ``background.bigrams`` counts (a text of one letter has that letter alone), each coded
    as ``first letter << 21 | second letter`` (``LONE`` for a letter alone)."""
    folded_texts = [folded(text) for text in texts]
    joined = "".join(folded_texts).encode("utf-32-le", "surrogatepass")
    points = np.frombuffer(joined, dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts)), [len(text) for text in folded_texts])
    # Letters, digits and ideographs only, as ``background.core`` keeps (asked of each
    # character once: a text has a few thousand distinct characters).
    distinct, inverse = np.unique(points, return_inverse=True)
    letter = np.array([core(chr(point)) != "" for point in distinct.tolist()], dtype=bool)
    kept = letter[inverse]
    points, owner = points[kept].astype(np.int64), owner[kept]
    followed = np.zeros(len(owner), dtype=bool)  # the next letter is of the same text
    followed[:-1] = owner[:-1] == owner[1:]
    alone = np.bincount(owner, minlength=len(texts))[owner] == 1
    following = np.zeros(len(points), dtype=np.int64)
    following[:-1] = points[1:]
    codes = (points << 21) | np.where(alone, LONE, following)
    starts = followed | alone
    return owner[starts], codes[starts]


@dataclass(frozen=True)
class Nearest:
    """For each text of one side, the text of the other side that is most alike in one
    measure (``other``, -1 when none was looked at), and both measures of the pair."""

    other: np.ndarray
    cosine: np.ndarray
    contained: np.ndarray  # share of this side's text found in the other


class Neighbours:
    """Some pairs of (left, right) texts with their cosine and containments, and the
    nearest text of the other side for each text, among those pairs."""

    shape: tuple[int, int]

    def cells(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(rows, columns, cosine)`` of the pairs alike at least ``floor``, row by row."""
        raise NotImplementedError

    def cosines(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """The cosine of any pairs, looked at or not."""
        raise NotImplementedError

    def nearest_rows(self, by_cosine: bool) -> Nearest:
        """Each left text's nearest right text, by cosine or by the share of it found there."""
        raise NotImplementedError

    def nearest_columns(self, by_cosine: bool) -> Nearest:
        """Each right text's nearest left text, by cosine or by the share of it found there."""
        raise NotImplementedError


class EveryPair(Neighbours):
    """Every pair, from the full matrices (the exact path, for texts of moderate length)."""

    def __init__(self, similarity: Similarity) -> None:
        self.similarity = similarity
        self.shape = similarity.cosine.shape

    def cells(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rows, columns = np.nonzero(self.similarity.cosine >= floor)
        return rows, columns, self.similarity.cosine[rows, columns]

    def cosines(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
        return {(i, j): float(self.similarity.cosine[i, j]) for i, j in pairs}

    def nearest_rows(self, by_cosine: bool) -> Nearest:
        contained = self.similarity.left_in_right
        other = np.argmax(self.similarity.cosine if by_cosine else contained, axis=1)
        rows = np.arange(self.shape[0])
        return Nearest(other, self.similarity.cosine[rows, other], contained[rows, other])

    def nearest_columns(self, by_cosine: bool) -> Nearest:
        contained = self.similarity.right_in_left
        other = np.argmax(self.similarity.cosine if by_cosine else contained, axis=0)
        columns = np.arange(self.shape[1])
        return Nearest(other, self.similarity.cosine[other, columns], contained[other, columns])


class NearestPairs(Neighbours):
    """Candidate pairs only, each scored exactly (the path for long texts)."""

    def __init__(
        self,
        shape: tuple[int, int],
        rows: np.ndarray,
        columns: np.ndarray,
        measures: tuple[np.ndarray, np.ndarray, np.ndarray],
        score: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]],
    ) -> None:
        order = np.lexsort((columns, rows))
        self.shape = shape
        self.rows, self.columns = rows[order], columns[order]
        self.cosine, self.right_in_left, self.left_in_right = (m[order] for m in measures)
        self._score = score

    def cells(self, floor: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        alike = self.cosine >= floor
        return self.rows[alike], self.columns[alike], self.cosine[alike]

    def cosines(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
        if not pairs:
            return {}
        rows, columns = (np.fromiter(side, dtype=np.int64) for side in zip(*pairs, strict=True))
        cosine = self._score(rows, columns)[0]
        return {pair: float(value) for pair, value in zip(pairs, cosine, strict=True)}

    def nearest_rows(self, by_cosine: bool) -> Nearest:
        measure = self.cosine if by_cosine else self.left_in_right
        return self._nearest(self.rows, self.columns, measure, self.left_in_right, self.shape[0])

    def nearest_columns(self, by_cosine: bool) -> Nearest:
        measure = self.cosine if by_cosine else self.right_in_left
        return self._nearest(self.columns, self.rows, measure, self.right_in_left, self.shape[1])

    def _nearest(
        self,
        lines: np.ndarray,
        others: np.ndarray,
        measure: np.ndarray,
        contained: np.ndarray,
        count: int,
    ) -> Nearest:
        # Best first within each line, the first other text on a tie (as ``np.argmax``).
        order = np.lexsort((others, -measure, lines))
        first = order[np.r_[True, lines[order][1:] != lines[order][:-1]]] if len(order) else order
        nearest = Nearest(np.full(count, -1), np.zeros(count), np.zeros(count))
        nearest.other[lines[first]] = others[first]
        nearest.cosine[lines[first]] = self.cosine[first]
        nearest.contained[lines[first]] = contained[first]
        return nearest


def _nearest_pairs(tfidf: Any, weights: Any, idf: np.ndarray, split: int, k: int) -> NearestPairs:
    """Each text's ``k`` nearest of the other side (both ways), scored exactly."""
    tfidf_left, tfidf_right = tfidf[:split], tfidf[split:]
    mass_left, mass_right = _mass(weights[:split]), _mass(weights[split:])

    def score(rows: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # One product of the two rows gives both measures: its cells are the bigrams
        # both texts hold (tf-idf is positive), whose idf is the mass they share.
        cosine, shared = np.zeros(len(rows)), np.zeros(len(rows))
        for start in range(0, len(rows), SCORED_AT_ONCE):
            part = slice(start, start + SCORED_AT_ONCE)
            both = tfidf_left[rows[part]].multiply(tfidf_right[columns[part]]).tocsr()
            cosine[part] = np.asarray(both.sum(axis=1)).ravel()
            both.data = idf[both.indices]
            shared[part] = np.asarray(both.sum(axis=1)).ravel()
        return (
            np.clip(cosine, 0, 1),
            np.clip(shared / mass_right[columns], 0, 1),
            np.clip(shared / mass_left[rows], 0, 1),
        )

    rows, columns = _candidates(tfidf, split, k)
    shape = (split, tfidf.shape[0] - split)
    return NearestPairs(shape, rows, columns, score(rows, columns), score)


def _candidates(tfidf: Any, split: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` best cells of each row and of each column of the cosine without common
    bigrams (a sparse product, a block of rows at a time): never a cell for every pair."""
    held = np.bincount(tfidf.indices, minlength=tfidf.shape[1])
    rare = held <= max(COMMON_FLOOR, COMMON_SHARE * tfidf.shape[0])
    pruned = tfidf.copy()
    pruned.data = np.where(rare[pruned.indices], pruned.data, 0.0)
    pruned.eliminate_zeros()
    left, right = pruned[:split], pruned[split:].T.tocsc()
    width = right.shape[1]
    in_rows = [np.zeros(0, dtype=np.int64)]  # cells (as row * width + column) best in a row
    in_columns = [np.zeros(0, dtype=np.int64)]  # best in a column within a block of rows
    values = [np.zeros(0)]
    for start in range(0, left.shape[0], ROWS_AT_ONCE):
        block = (left[start : start + ROWS_AT_ONCE] @ right).tocoo()
        rows, columns = block.row.astype(np.int64) + start, block.col.astype(np.int64)
        cells = rows * width + columns
        in_rows.append(cells[_best(rows, columns, block.data, k)])
        best = _best(columns, rows, block.data, k)
        in_columns.append(cells[best])
        values.append(block.data[best])
    # The best of each column over all blocks, among the best of each block.
    cells, value = np.concatenate(in_columns), np.concatenate(values)
    best = cells[_best(cells % width, cells // width, value, k)]
    chosen = sorted_unique(np.concatenate([*in_rows, best]))
    return chosen // width, chosen % width


def _best(lines: np.ndarray, others: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Where the ``k`` largest positive values of each line are (the first others on a tie)."""
    order = _lexsort(others, -values, lines)
    ordered = lines[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - first
    best: np.ndarray = order[(rank < k) & (values[order] > 0)]
    return best


def _lexsort(last: np.ndarray, then: np.ndarray, first: np.ndarray) -> np.ndarray:
    """``np.lexsort((last, then, first))``, as three stable sorts, least significant key
    first: numpy sorts positions below 32,768 by radix when they are given as 16-bit
    integers, several times faster than ``lexsort`` on the million cells of a product."""
    order = np.argsort(_narrow(last), kind="stable")
    order = order[np.argsort(_narrow(then)[order], kind="stable")]
    result: np.ndarray = order[np.argsort(_narrow(first)[order], kind="stable")]
    return result


def _narrow(values: np.ndarray) -> np.ndarray:
    """Integers from 0 to 32,767 as 16-bit ones (the same order); anything else as is."""
    if values.dtype.kind in "iu" and len(values) and values.min() >= 0 and values.max() < 1 << 15:
        return values.astype(np.int16)
    return values


def _mass(weights: Any) -> np.ndarray:
    mass = np.asarray(weights.sum(axis=1)).ravel()
    mass[mass == 0] = 1.0
    return mass


def tfidf_cosine(
    left: Sequence[Counter[str]], right: Sequence[Counter[str]], idf: Callable[[str], float]
) -> np.ndarray:
    """Cosine of sublinear-tf x idf vectors, every left text against every right one."""
    matrix = tfidf_vectors(left, right, idf)
    split = len(left)
    cosine: np.ndarray = np.clip((matrix[:split] @ matrix[split:].T).toarray(), 0.0, 1.0)
    return cosine


def tfidf_vectors(
    left: Sequence[Counter[str]], right: Sequence[Counter[str]], idf: Callable[[str], float]
) -> Any:
    """Normalised sublinear-tf x idf vectors, one row a text: the left texts, then the
    right ones (a sparse matrix)."""
    from scipy import sparse

    # A counter given twice (an article repeated, its ``Terms`` shared) is one row, made
    # once and then copied: a row depends on its counter and the columns alone, and the
    # columns are the order terms are first met in, which repeats do not change.
    row_of: dict[int, int] = {}
    texts: list[Counter[str]] = []
    for counter in [*left, *right]:
        if id(counter) not in row_of:
            row_of[id(counter)] = len(texts)
            texts.append(counter)
    # Each term's idf is worked out once, and the sublinear tf once per count (20,000
    # articles hold some two million terms).
    vocabulary = dict.fromkeys(itertools.chain.from_iterable(texts))
    column_of = dict(zip(vocabulary, itertools.count()))
    term_idf = np.array([idf(term) for term in vocabulary], dtype=float)
    columns = np.fromiter(
        map(column_of.__getitem__, itertools.chain.from_iterable(texts)), dtype=np.int64
    )
    counts = np.fromiter(
        itertools.chain.from_iterable(counter.values() for counter in texts), dtype=np.int64
    )
    sublinear = np.zeros(int(counts.max(initial=0)) + 1)
    for count in sorted_unique(counts).tolist():
        sublinear[count] = 1 + np.log(count)
    rows = np.repeat(np.arange(len(texts)), [len(counter) for counter in texts])
    values = sublinear[counts] * term_idf[columns]
    shape = (len(texts), max(len(vocabulary), 1))
    matrix: Any = sparse.csr_matrix((values, (rows, columns)), shape=shape)
    rows_wanted = [row_of[id(counter)] for counter in [*left, *right]]
    if len(rows_wanted) == len(texts):
        return _normalized(matrix)
    return _normalized(matrix)[np.array(rows_wanted, dtype=np.int64)]


def nearest_cells(vectors: Any, split: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, columns)`` of the ``k`` nearest right texts of each left text and the reverse,
    ``vectors`` holding the left texts' normalised rows, then the right ones'."""
    return _candidates(vectors.tocsr(), split, k)


def nearest_of_lonely(
    vectors: Any, split: int, cells: tuple[np.ndarray, np.ndarray], k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``k`` nearest, sought with every term, of the texts no cell of ``cells`` names:
    a text made of common terms only finds none without them (``nearest_cells``). Such
    texts are few; they are multiplied a few at a time."""
    vectors = vectors.tocsr()
    left, right = vectors[:split], vectors[split:]
    width = right.shape[0]
    found = [np.zeros(0, dtype=np.int64)]
    for side, other, lonely, flip in (
        (left, right, _missing(cells[0], split), False),
        (right, left, _missing(cells[1], width), True),
    ):
        for start in range(0, len(lonely), LONELY_AT_ONCE):
            part = lonely[start : start + LONELY_AT_ONCE]
            block = (side[part] @ other.T).tocoo()
            best = _best(block.row, block.col, block.data, k)
            these, others = part[block.row[best]], block.col[best].astype(np.int64)
            found.append(others * width + these if flip else these * width + others)
    chosen = sorted_unique(np.concatenate(found))
    return chosen // width, chosen % width


def _missing(found: np.ndarray, count: int) -> np.ndarray:
    """The numbers below ``count`` that ``found`` does not hold, in order."""
    absent = np.ones(count, dtype=bool)
    absent[found] = False
    return np.flatnonzero(absent)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, in order (``np.unique``'s answer, by sorting: numpy's own
    way, a hash table, is many times slower on the million cells of a long text)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]]


def cell_cosines(
    vectors: Any,
    split: int,
    rows: np.ndarray,
    columns: np.ndarray,
    known: CellMatrix | None = None,
) -> np.ndarray:
    """The cosine of left text ``rows[k]`` and right text ``columns[k]``, for each ``k``;
    ``known``: the cosines of some cells worked out already."""
    if known is not None:
        found, cosine = known.lookup(rows, columns)
        missing = ~found
        cosine[missing] = cell_cosines(vectors, split, rows[missing], columns[missing])
        return cosine
    vectors = vectors.tocsr()
    left, right = vectors[:split], vectors[split:]
    cosine = np.zeros(len(rows))
    for start in range(0, len(rows), SCORED_AT_ONCE):
        part = slice(start, start + SCORED_AT_ONCE)
        both = left[rows[part]].multiply(right[columns[part]])
        cosine[part] = np.asarray(both.sum(axis=1)).ravel()
    return np.clip(cosine, 0.0, 1.0)


@dataclass(frozen=True)
class CellMatrix:
    """Some cells of a (left x right) matrix with their values, every other cell 0, row by
    row: a matrix too large to hold whole, kept where it can matter."""

    shape: tuple[int, int]
    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray

    @classmethod
    def of(
        cls, shape: tuple[int, int], rows: np.ndarray, columns: np.ndarray, values: np.ndarray
    ) -> CellMatrix:
        order = np.lexsort((columns, rows))
        return cls(shape, rows[order], columns[order], values[order])

    def __getitem__(self, cell: tuple[int, int]) -> float:
        code = int(cell[0]) * self.shape[1] + int(cell[1])
        position = int(np.searchsorted(self._codes, code))
        if position < len(self._codes) and self._codes[position] == code:
            return float(self.values[position])
        return 0.0

    def at(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """The values of cells ``(rows[k], columns[k])``, 0 where none is kept."""
        return self.lookup(rows, columns)[1]

    def lookup(self, rows: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of the cells ``(rows[k], columns[k])`` are kept, and their values (0 where
        none is)."""
        codes = self._codes
        wanted = rows * self.shape[1] + columns
        if not len(codes):
            return np.zeros(len(wanted), dtype=bool), np.zeros(len(wanted))
        position = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
        found = codes[position] == wanted
        return found, np.where(found, self.values[position], 0.0)

    @cached_property
    def _codes(self) -> np.ndarray:
        """Each cell as ``row * width + column``: in order, as the cells are."""
        codes: np.ndarray = self.rows * self.shape[1] + self.columns
        return codes


def _normalized(matrix):
    from scipy import sparse

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix
