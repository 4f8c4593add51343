"""Aligning the articles of two regulations.

Two kinds of comparison, two methods over the same similarity (``similarity``):

*Revision* (one regulation, old -> new). A revision keeps the order of what it keeps,
so the backbone is a monotone sequence alignment (Needleman-Wunsch with free gaps,
maximising the sum of ``similarity - threshold``): it pairs reworded articles that a
similarity threshold alone would miss, because their neighbours anchor them.
Articles left over are then paired out of order when they are clearly alike
(``moved``), or attached to an already paired article that contains them
(``split`` / ``merged``). Folded-identical text is ``unchanged`` (same number) or
``renumbered``; other one-to-one pairs are ``modified``; the rest ``added`` /
``deleted``.

*Cross-jurisdiction* (two regulations on one subject). No order is assumed.
Competitive linking (Melamed 2000: take the most similar remaining pair, remove
both, repeat) above a threshold gives one-to-one counterparts, a pattern that
keeps precision high where similarities are low (two jurisdictions word the same
rule differently); an article left over whose best counterpart is clearly alike
joins it (one-to-many: ``split`` / ``merged``). Counterparts below the "strong"
similarity are weaker but real: ``related``. Anything else stays unpaired
(``deleted`` for the left side, ``added`` for the right); for a cross comparison
the site words these as "only in one text", not as deletions.

Every pair carries the cosine similarity of the two articles (0 for unpaired ones).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from comparator.compare.fold import folded
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.similarity import Similarity, compare_texts
from comparator.model import Regulation, article_id
from comparator.vocabulary import Kind, Status

# Thresholds on the cosine of bigram TF-IDF vectors, set on the reference
# alignments in tests/fixtures/alignment (see ``comparator evaluate``).
REVISION_MATCH = 0.12  # a pair in the monotone backbone must be at least this alike
MOVED = 0.55  # an out-of-order pair must be clearly alike
CONTAINED = 0.75  # share of an article's weighted bigrams found in another one
CONTAINED_COSINE = 0.25
CROSS_MATCH = 0.12  # one-to-one counterparts across jurisdictions (competitive linking)
CROSS_EXTRA = 0.20  # a further counterpart of an article already paired
CROSS_STRONG = 0.25  # below this, a counterpart is weaker but real: related


def align(left: Regulation, right: Regulation, kind: Kind) -> Alignment:
    """Pair the articles of ``left`` and ``right`` (see the module docstring)."""
    similarity = compare_texts([a.text for a in left.articles], [a.text for a in right.articles])
    same = _same_text(left, right)
    if kind is Kind.REVISION:
        links, backbone = _revision_links(similarity, same)
    else:
        links, backbone = _cross_links(similarity), set()
    pairs = _classify(links, backbone, similarity, same, _Side.of(left), _Side.of(right), kind)
    return Alignment(left.id, right.id, kind, pairs)


@dataclass(frozen=True)
class _Side:
    """The articles of one side, by position: their numbers and node ids."""

    numbers: list[int]
    ids: list[str]

    @classmethod
    def of(cls, regulation: Regulation) -> _Side:
        numbers = [article.number for article in regulation.articles]
        return cls(numbers, [article_id(regulation.id, number) for number in numbers])


def _same_text(left: Regulation, right: Regulation) -> np.ndarray:
    """``same[i, j]``: the two articles are equal once folded."""
    same = np.zeros((len(left.articles), len(right.articles)), dtype=bool)
    by_text: dict[str, list[int]] = {}
    for j, article in enumerate(right.articles):
        by_text.setdefault(folded(article.text), []).append(j)
    for i, article in enumerate(left.articles):
        for j in by_text.get(folded(article.text), []):
            same[i, j] = True
    return same


# Revision -------------------------------------------------------------------


def _revision_links(similarity: Similarity, same: np.ndarray) -> tuple[set, set]:
    cosine = np.where(same, 1.0, similarity.cosine)
    backbone = set(_monotone(cosine - REVISION_MATCH))
    links = set(backbone)
    free_left = set(range(cosine.shape[0])) - {i for i, _ in links}
    free_right = set(range(cosine.shape[1])) - {j for _, j in links}
    # Out-of-order pairs, most alike first.
    for i, j in _ranked(cosine, free_left, free_right, MOVED):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    links |= _contained(similarity, links, free_left, free_right)
    return links, backbone


def _monotone(score: np.ndarray) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising the sum of positive scores (free gaps).

    Rows are filled with vectorised numpy: with free gaps, a row is the running
    maximum of ``max(diagonal + score, cell above)``.
    """
    rows, columns = score.shape
    best = np.zeros((rows + 1, columns + 1))
    for i in range(1, rows + 1):
        diagonal = best[i - 1, :-1] + np.where(score[i - 1] > 0, score[i - 1], -np.inf)
        best[i, 1:] = np.maximum.accumulate(np.maximum(diagonal, best[i - 1, 1:]))
    pairs = []
    i, j = rows, columns
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def _contained(similarity: Similarity, links: set, free_left: set, free_right: set) -> set:
    """Left-over articles that are part of an already paired one (split / merge)."""
    extra = set()
    paired_left = {i for i, _ in links}
    paired_right = {j for _, j in links}
    for j in sorted(free_right):
        column = similarity.right_in_left[:, j]
        i = int(np.argmax(column))
        if (
            i in paired_left
            and column[i] >= CONTAINED
            and similarity.cosine[i, j] >= CONTAINED_COSINE
        ):
            extra.add((i, j))
    for i in sorted(free_left):
        row = similarity.left_in_right[i, :]
        j = int(np.argmax(row))
        if (
            j in paired_right
            and row[j] >= CONTAINED
            and similarity.cosine[i, j] >= CONTAINED_COSINE
        ):
            extra.add((i, j))
    return extra


# Cross-jurisdiction -----------------------------------------------------------


def _cross_links(similarity: Similarity) -> set[tuple[int, int]]:
    cosine = similarity.cosine
    rows, columns = cosine.shape
    free_left, free_right = set(range(rows)), set(range(columns))
    links = set()
    for i, j in _ranked(cosine, free_left, free_right, CROSS_MATCH):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    # One rule spread over several articles: a left-over article joins its best
    # counterpart when they are strongly alike.
    for j in sorted(free_right):
        i = int(np.argmax(cosine[:, j])) if rows else -1
        if i >= 0 and cosine[i, j] >= CROSS_EXTRA:
            links.add((i, j))
    for i in sorted(free_left):
        j = int(np.argmax(cosine[i, :])) if columns else -1
        if j >= 0 and cosine[i, j] >= CROSS_EXTRA:
            links.add((i, j))
    return links


def _ranked(
    cosine: np.ndarray, rows: set[int], columns: set[int], threshold: float
) -> list[tuple[int, int]]:
    """Candidate pairs among ``rows`` x ``columns`` above ``threshold``, most alike first."""
    if not rows or not columns:
        return []
    row_list, column_list = sorted(rows), sorted(columns)
    block = cosine[np.ix_(row_list, column_list)]
    found = np.argwhere(block >= threshold)
    order = np.argsort(-block[found[:, 0], found[:, 1]], kind="stable")
    return [(row_list[found[k, 0]], column_list[found[k, 1]]) for k in order]


# Statuses ---------------------------------------------------------------------


def _classify(
    links: set,
    backbone: set,
    similarity: Similarity,
    same: np.ndarray,
    left: _Side,
    right: _Side,
    kind: Kind,
) -> list[ArticlePair]:
    """Every link as a pair with its status, and every article left alone, in reading order."""
    degrees = (Counter(i for i, _ in links), Counter(j for _, j in links))
    placed: list[tuple[float, ArticlePair]] = []  # (where it reads in the right text, pair)
    for i, j in links:
        score = 1.0 if same[i, j] else float(similarity.cosine[i, j])
        status = _status(i, j, score, degrees, (i, j) in backbone, same, left, right, kind)
        placed.append((j, ArticlePair(left.ids[i], right.ids[j], status, score)))
    for i in set(range(len(left.ids))) - set(degrees[0]):
        deleted = ArticlePair(left.ids[i], None, Status.DELETED, 0.0)
        placed.append((_position_of_left(i, links), deleted))
    for j in set(range(len(right.ids))) - set(degrees[1]):
        placed.append((j, ArticlePair(None, right.ids[j], Status.ADDED, 0.0)))
    return _in_reading_order(placed, left, kind)


def _status(
    i: int,
    j: int,
    score: float,
    degrees: tuple[Counter, Counter],
    in_backbone: bool,
    same: np.ndarray,
    left: _Side,
    right: _Side,
    kind: Kind,
) -> Status:
    if degrees[0][i] > 1:
        return Status.SPLIT
    if degrees[1][j] > 1:
        return Status.MERGED
    if kind is Kind.REVISION and not in_backbone:
        return Status.MOVED
    if kind is Kind.CROSS and score < CROSS_STRONG:
        return Status.RELATED
    if same[i, j]:
        return Status.UNCHANGED if left.numbers[i] == right.numbers[j] else Status.RENUMBERED
    return Status.MODIFIED


def _in_reading_order(
    placed: list[tuple[float, ArticlePair]], left: _Side, kind: Kind
) -> list[ArticlePair]:
    if kind is Kind.REVISION:
        # Reading order of the new text, a deleted article where it used to stand.
        placed.sort(key=lambda item: (item[0], item[1].left if item[1].left is not None else -1))
        return [pair for _, pair in placed]
    # Across jurisdictions: the left text in order, then what only the right text has.
    position = {n: k for k, n in enumerate(left.numbers)}
    ordered = [pair for _, pair in placed]
    ordered.sort(
        key=lambda p: (
            (position[p.left], p.right or 0)
            if p.left is not None
            else (len(left.numbers), p.right or 0)
        )
    )
    return ordered


def _position_of_left(i: int, links: set) -> float:
    """Where a deleted article reads in the right-hand order: after its predecessor's pair."""
    before = [j for li, j in links if li < i]
    return (max(before) if before else -1) + 0.5
