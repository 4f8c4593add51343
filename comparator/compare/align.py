"""Aligning the articles of two regulations.

Two kinds of comparison, two methods over the same similarity (``similarity``):

*Revision* (one regulation, old -> new). A revision keeps the order of what it keeps,
so the backbone is a monotone sequence alignment (Needleman-Wunsch with free gaps,
maximising the sum of ``similarity - threshold``): it pairs reworded articles that a
similarity threshold alone would miss, because their neighbours anchor them; an
in-order pair barely alike gives way to a clearly alike pair out of order. Articles
left over are then paired out of order when they are clearly alike (``moved``), or
attached to an already paired article that contains them, whole or as one of its
paragraphs (``split`` / ``merged``). Folded-identical text is ``unchanged`` (same number) or
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

A revision is decided on the pairs ``BigramSpace.neighbours`` finds worth looking at:
every pair for texts of up to ``Scale.dense_cells`` pairs (about 2,000 articles a
side), each article's nearest neighbours above, so that a code of 10,000 articles
takes memory and time in proportion to its length. Every step below reads those
pairs only (the backbone's dynamic programme keeps one row of scores at a time), so on
every pair the result is the one of the full matrices. A cross comparison above
``Scale.dense_cells`` is decided likewise on the pairs its evidence keeps
(``evidence.text_evidence``): competitive linking ranks those pairs only.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from comparator.compare.evidence import CrossScores, cross_scores, own_evidence
from comparator.compare.fold import folded
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.settings import (
    DEFAULT,
    CrossThresholds,
    RevisionThresholds,
    Scale,
    Settings,
)
from comparator.compare.similarity import BigramSpace, CellMatrix, Nearest, Neighbours
from comparator.model import EditorLink, Regulation, article_id, article_lines
from comparator.vocabulary import Kind, Origin, Status, Verdict


def align(
    left: Regulation,
    right: Regulation,
    kind: Kind,
    settings: Settings = DEFAULT,
    scores: CrossScores | None = None,
    editor: Sequence[EditorLink] = (),
) -> Alignment:
    """Pair the articles of ``left`` and ``right`` (see the module docstring).

    A cross comparison is decided on ``scores`` (``aligner`` gathers them from the
    whole collection); without them, on the two texts alone. ``editor`` links force
    or forbid pairs, and the rest is aligned around them.
    """
    sides = _Side.of(left), _Side.of(right)
    decisions = _Decisions.of(editor, sides)
    if kind is Kind.REVISION:
        same = _same_text(left, right)
        texts = [a.text for a in left.articles], [a.text for a in right.articles]
        space = BigramSpace([*texts[0], *texts[1]])
        neighbours = space.neighbours(*texts, settings.scale)
        links, backbone = _revision_links(
            (left, right), space, neighbours, same, decisions, settings
        )
        score = neighbours.cosines(sorted(links)).__getitem__
    else:
        if scores is None:
            background, evidence = own_evidence(left, right, settings.scale)
            scores = cross_scores(left, right, evidence, background, settings.weights.text_only())
        same = _same_text(left, right)  # its texts folded while the evidence was gathered
        links, backbone = _cross_links(scores.score, decisions, settings.cross), set()
        bigram = scores.text.bigram
        score = lambda pair: float(bigram[pair])  # noqa: E731
    pairs = _classify(
        links, backbone, score, same, sides, kind, settings.cross, scores, decisions.notes
    )
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


@dataclass(frozen=True)
class _Decisions:
    """An editor's links, by article positions: pairs forced, pairs forbidden, notes."""

    forced: frozenset[tuple[int, int]]
    forbidden: frozenset[tuple[int, int]]
    notes: dict[tuple[int, int], str]

    @classmethod
    def of(cls, links: Sequence[EditorLink], sides: tuple[_Side, _Side]) -> _Decisions:
        left = {node: i for i, node in enumerate(sides[0].ids)}
        right = {node: j for j, node in enumerate(sides[1].ids)}
        forced: set[tuple[int, int]] = set()
        forbidden: set[tuple[int, int]] = set()
        notes: dict[tuple[int, int], str] = {}
        for link in links:
            if link.left in left and link.right in right:
                cell = (left[link.left], right[link.right])
                (forced if link.verdict is Verdict.SAME else forbidden).add(cell)
                if link.verdict is Verdict.SAME:
                    notes[cell] = link.note
        return cls(frozenset(forced), frozenset(forbidden), notes)

    def allowed(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """Which of the cells ``(rows[k], columns[k])`` are not forbidden."""
        allowed = np.ones(len(rows), dtype=bool)
        if self.forbidden:
            where = {
                cell: k for k, cell in enumerate(zip(rows.tolist(), columns.tolist(), strict=True))
            }
            for cell in self.forbidden & where.keys():
                allowed[where[cell]] = False
        return allowed

    def masked(self, score: np.ndarray) -> np.ndarray:
        """``score`` with the forbidden pairs out of reach."""
        if not self.forbidden:
            return score
        score = score.copy()
        for i, j in self.forbidden:
            score[i, j] = -np.inf
        return score


def _same_text(left: Regulation, right: Regulation) -> frozenset[tuple[int, int]]:
    """The pairs ``(i, j)`` of articles that are equal once folded."""
    same: set[tuple[int, int]] = set()
    by_text: dict[str, list[int]] = {}
    for j, article in enumerate(right.articles):
        by_text.setdefault(folded(article.text), []).append(j)
    for i, article in enumerate(left.articles):
        same.update((i, j) for j in by_text.get(folded(article.text), []))
    return frozenset(same)


# Revision -------------------------------------------------------------------


@dataclass(frozen=True)
class _Cells:
    """Some cells of a (left x right) matrix and their values, row by row."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, rows: np.ndarray, columns: np.ndarray, values: np.ndarray) -> _Cells:
        order = np.lexsort((columns, rows))
        return cls(rows[order], columns[order], values[order])

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.rows.tolist(), self.columns.tolist(), strict=True))

    def where(self, keep: np.ndarray) -> _Cells:
        return _Cells(self.rows[keep], self.columns[keep], self.values[keep])

    def with_values(self, values: dict[tuple[int, int], float]) -> _Cells:
        """These cells with ``values`` set, the cells they name added where missing."""
        at = {cell: k for k, cell in enumerate(self.pairs())}
        new = self.values.copy()
        for cell in values.keys() & at.keys():
            new[at[cell]] = values[cell]
        added = sorted(values.keys() - at.keys())
        if not added:
            return _Cells(self.rows, self.columns, new)
        rows, columns = (np.array(side, dtype=np.int64) for side in zip(*added, strict=True))
        return _Cells.of(
            np.concatenate([self.rows, rows]),
            np.concatenate([self.columns, columns]),
            np.concatenate([new, [values[cell] for cell in added]]),
        )


def _revision_links(
    regulations: tuple[Regulation, Regulation],
    space: BigramSpace,
    neighbours: Neighbours,
    same: frozenset[tuple[int, int]],
    decisions: _Decisions,
    settings: Settings,
) -> tuple[set, set]:
    thresholds = settings.revision
    # The cosine of the pairs looked at, folded-identical texts at 1, forbidden pairs out.
    floor = min(thresholds.match, thresholds.moved)
    cosine = _Cells(*neighbours.cells(floor)).with_values(dict.fromkeys(same, 1.0))
    cosine = cosine.where(decisions.allowed(cosine.rows, cosine.columns))
    score = _Cells(cosine.rows, cosine.columns, cosine.values - thresholds.match)
    # A forced pair scores above anything a text can: the backbone takes it if in order.
    score = score.with_values(dict.fromkeys(decisions.forced, 2.0))
    backbone = set(_monotone(score.where(score.values > 0), neighbours.shape))
    backbone -= _outdone(backbone - decisions.forced, cosine, thresholds.moved)
    links = backbone | decisions.forced
    free_left = set(range(neighbours.shape[0])) - {i for i, _ in links}
    free_right = set(range(neighbours.shape[1])) - {j for _, j in links}
    # Out-of-order pairs, most alike first.
    for i, j in _ranked_cells(cosine, free_left, free_right, thresholds.moved):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    links |= _contained(neighbours, links, free_left, free_right, thresholds) - decisions.forbidden
    joined = _joined_paragraphs(*regulations, space, links, thresholds, settings.scale)
    links |= joined - decisions.forbidden
    return links, backbone


def _outdone(backbone: set, cosine: _Cells, moved: float) -> set:
    """In-order pairs that give way: one of their articles is clearly alike an article out
    of order, far more than its partner in order (an article moved, and the backbone
    filled its old place with a stranger)."""
    paired_left = {i for i, _ in backbone}
    paired_right = {j for _, j in backbone}
    value = dict(zip(cosine.pairs(), cosine.values.tolist(), strict=True))
    strong = cosine.where(cosine.values >= moved).pairs()
    # Articles clearly alike one of the other side that the backbone left free.
    alike_free_right = {i for i, k in strong if k not in paired_right}
    alike_free_left = {j for k, j in strong if k not in paired_left}
    return {
        (i, j)
        for i, j in backbone
        if value.get((i, j), 0.0) < moved and (i in alike_free_right or j in alike_free_left)
    }


def _joined_paragraphs(
    left: Regulation,
    right: Regulation,
    space: BigramSpace,
    links: set,
    thresholds: RevisionThresholds,
    scale: Scale,
) -> set:
    """Left-over articles that live on as a paragraph of a paired article (or the
    reverse): several old articles merged into one new one, each a paragraph of it, or
    one split. Read paragraph by paragraph (weighed by the articles' idf), because the
    merged article as a whole is too unlike any one of its sources."""
    paired_left = {i for i, _ in links}
    paired_right = {j for _, j in links}
    left_paragraphs, right_paragraphs = _paragraphs(left), _paragraphs(right)
    left_over = [p for p in left_paragraphs if p[0] not in paired_left]
    right_over = [p for p in right_paragraphs if p[0] not in paired_right]
    found = set()
    if left_over and right_paragraphs:
        texts = [t for _, t in left_over], [t for _, t in right_paragraphs]
        nearest = space.neighbours(*texts, scale).nearest_rows(by_cosine=True)
        found |= _living_on(nearest, left_over, right_paragraphs, paired_right, thresholds)
    if right_over and left_paragraphs:
        texts = [t for _, t in left_paragraphs], [t for _, t in right_over]
        nearest = space.neighbours(*texts, scale).nearest_columns(by_cosine=True)
        split = _living_on(nearest, right_over, left_paragraphs, paired_left, thresholds)
        found |= {(i, j) for j, i in split}
    return found


def _living_on(
    nearest: Nearest,
    paragraphs: list[tuple[int, str]],
    others: list[tuple[int, str]],
    paired_others: set[int],
    thresholds: RevisionThresholds,
) -> set[tuple[int, int]]:
    """(article, other article): a left-over article with a paragraph that is, nearly
    whole, a paragraph of a paired article on the other side."""
    found = set()
    for p, (article, _) in enumerate(paragraphs):
        q = int(nearest.other[p])
        if q < 0:
            continue
        other = others[q][0]
        if (
            other in paired_others
            and nearest.cosine[p] >= thresholds.paragraph_cosine
            and nearest.contained[p] >= thresholds.paragraph_contained
        ):
            found.add((article, other))
    return found


def _paragraphs(regulation: Regulation) -> list[tuple[int, str]]:
    """``(article position, text)`` of every paragraph, its items included."""
    paragraphs: list[tuple[int, str]] = []
    for i, article in enumerate(regulation.articles):
        lines: dict[str, list[str]] = {}
        for local_id, line in article_lines(article):
            lines.setdefault(local_id.split("/")[0], []).append(line)
        paragraphs.extend((i, "\n".join(texts)) for texts in lines.values())
    return paragraphs


def _monotone(score: _Cells, shape: tuple[int, int]) -> list[tuple[int, int]]:
    """Order-preserving pairs maximising the sum of the (positive) scores of ``score``'s
    cells, with free gaps.

    The table of best sums is kept one row at a time: with free gaps, a row is the
    running maximum of ``max(diagonal + score, row above)``, and only cells change it.
    Each cell keeps its diagonal sum (``base``) and its own sum (``value``), which is
    all the walk back needs: it takes, as a full table's walk would, the first row and
    then the first column among the cells that reach the sum sought.
    """
    if not len(score.rows):
        return []
    columns = shape[1]
    best = np.zeros(columns + 1)  # best[j]: best sum over the rows so far, columns < j
    base = np.empty(len(score.rows))
    value = np.empty(len(score.rows))
    runs = np.flatnonzero(np.r_[True, score.rows[1:] != score.rows[:-1], True])
    for start, end in itertools.pairwise(runs.tolist()):
        cells = score.columns[start:end]
        base[start:end] = best[cells]
        value[start:end] = base[start:end] + score.values[start:end]
        low = int(cells[0])
        diagonal = np.full(columns - low, -np.inf)
        diagonal[cells - low] = value[start:end]
        best[low + 1 :] = np.maximum.accumulate(np.maximum(diagonal, best[low + 1 :]))
    reaching: dict[float, list[int]] = {}  # sum -> the cells reaching it, row by row
    for k, total in enumerate(value.tolist()):
        reaching.setdefault(total, []).append(k)
    pairs = []
    sought, i, j = float(best[columns]), shape[0], columns
    while sought > 0:
        k = next(k for k in reaching[sought] if score.rows[k] < i and score.columns[k] < j)
        i, j = int(score.rows[k]), int(score.columns[k])
        pairs.append((i, j))
        sought = float(base[k])
    return pairs[::-1]


def _contained(
    neighbours: Neighbours,
    links: set,
    free_left: set,
    free_right: set,
    thresholds: RevisionThresholds,
) -> set:
    """Left-over articles that are part of an already paired one (split / merge)."""
    extra = set()
    paired_left = {i for i, _ in links}
    paired_right = {j for _, j in links}
    if free_right:
        found = _held(
            neighbours.nearest_columns(by_cosine=False), free_right, paired_left, thresholds
        )
        extra |= {(i, j) for j, i in found}
    if free_left:
        extra |= set(
            _held(neighbours.nearest_rows(by_cosine=False), free_left, paired_right, thresholds)
        )
    return extra


def _held(
    container: Nearest, free: set, paired: set, thresholds: RevisionThresholds
) -> list[tuple[int, int]]:
    """(free article, its container) for each free article whose nearest article of the
    other text is already paired and holds enough of it."""
    return [
        (k, int(container.other[k]))
        for k in sorted(free)
        if int(container.other[k]) in paired
        and container.contained[k] >= thresholds.contained
        and container.cosine[k] >= thresholds.contained_cosine
    ]


def _ranked_cells(
    cells: _Cells, rows: set[int], columns: set[int], threshold: float
) -> list[tuple[int, int]]:
    """Cells among ``rows`` x ``columns`` at least ``threshold``, most alike first (row by
    row among equals, as ``_ranked``)."""
    if not rows or not columns:
        return []
    keep = (
        (cells.values >= threshold)
        & np.isin(cells.rows, list(rows))
        & np.isin(cells.columns, list(columns))
    )
    found = cells.where(keep)
    order = np.argsort(-found.values, kind="stable")
    pairs = found.pairs()
    return [pairs[k] for k in order.tolist()]


# Cross-jurisdiction -----------------------------------------------------------


def _cross_links(
    score: np.ndarray | CellMatrix, decisions: _Decisions, thresholds: CrossThresholds
) -> set[tuple[int, int]]:
    if isinstance(score, CellMatrix):
        return _nearest_cross_links(score, decisions, thresholds)
    score = decisions.masked(score)
    rows, columns = score.shape
    links = set(decisions.forced)
    free_left = set(range(rows)) - {i for i, _ in links}
    free_right = set(range(columns)) - {j for _, j in links}
    for i, j in _ranked(score, free_left, free_right, thresholds.match):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    # One rule spread over several articles: a left-over article joins its best
    # counterpart when they are strongly alike.
    for j in sorted(free_right):
        i = int(np.argmax(score[:, j])) if rows else -1
        if i >= 0 and score[i, j] >= thresholds.extra:
            links.add((i, j))
    for i in sorted(free_left):
        j = int(np.argmax(score[i, :])) if columns else -1
        if j >= 0 and score[i, j] >= thresholds.extra:
            links.add((i, j))
    return links


def _nearest_cross_links(
    score: CellMatrix, decisions: _Decisions, thresholds: CrossThresholds
) -> set[tuple[int, int]]:
    """``_cross_links`` on the pairs ``score`` keeps, every other pair taken as unlike."""
    allowed = decisions.allowed(score.rows, score.columns)
    cells = _Cells(score.rows[allowed], score.columns[allowed], score.values[allowed])
    links = set(decisions.forced)
    free_left = set(range(score.shape[0])) - {i for i, _ in links}
    free_right = set(range(score.shape[1])) - {j for _, j in links}
    for i, j in _ranked_cells(cells, free_left, free_right, thresholds.match):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    # As in ``_cross_links``: a left-over article joins its best counterpart (the first on
    # a tie) when they are strongly alike.
    strong = cells.where(cells.values >= thresholds.extra)
    for lines, others, free, swap in (
        (strong.columns, strong.rows, free_right, True),
        (strong.rows, strong.columns, free_left, False),
    ):
        order = np.lexsort((others, -strong.values, lines))
        first = order[np.r_[True, lines[order][1:] != lines[order][:-1]]] if len(order) else order
        for line, other in zip(lines[first].tolist(), others[first].tolist(), strict=True):
            if line in free:
                links.add((other, line) if swap else (line, other))
    return links


def _ranked(
    score: np.ndarray, rows: set[int], columns: set[int], threshold: float
) -> list[tuple[int, int]]:
    """Candidate pairs among ``rows`` x ``columns`` above ``threshold``, most alike first."""
    if not rows or not columns:
        return []
    row_list, column_list = sorted(rows), sorted(columns)
    block = score[np.ix_(row_list, column_list)]
    found = np.argwhere(block >= threshold)
    order = np.argsort(-block[found[:, 0], found[:, 1]], kind="stable")
    return [(row_list[found[k, 0]], column_list[found[k, 1]]) for k in order]


# Statuses ---------------------------------------------------------------------


def _classify(
    links: set,
    backbone: set,
    similarity: Callable[[tuple[int, int]], float],
    same: frozenset[tuple[int, int]],
    sides: tuple[_Side, _Side],
    kind: Kind,
    thresholds: CrossThresholds,
    scores: CrossScores | None,
    notes: dict[tuple[int, int], str],
) -> list[ArticlePair]:
    """Every link as a pair with its status, and every article left alone, in reading order."""
    left, right = sides
    degrees = (Counter(i for i, _ in links), Counter(j for _, j in links))
    placed: list[tuple[tuple, ArticlePair]] = []  # (where it reads, pair)
    for i, j in links:
        evidence = scores.evidence(i, j) if scores is not None else None
        status = _status(i, j, degrees, (i, j) in backbone, same, sides, kind)
        # Below the strong line a counterpart is only related, unless the texts are one.
        weak = evidence is not None and evidence.score < thresholds.strong and (i, j) not in same
        if weak and (i, j) not in notes and status in (Status.MODIFIED, Status.MOVED):
            status = Status.RELATED  # an editor's pair is never merely related
        pair = ArticlePair(
            left.ids[i],
            right.ids[j],
            status,
            1.0 if (i, j) in same else similarity((i, j)),
            Origin.EDITOR if (i, j) in notes else Origin.ALIGNER,
            notes.get((i, j), ""),
            evidence,
        )
        placed.append((_reading_key(kind, sides, i, j, j), pair))
    last_before = _last_before(links, len(left.ids))
    for i in set(range(len(left.ids))) - set(degrees[0]):
        deleted = ArticlePair(left.ids[i], None, Status.DELETED, 0.0)
        placed.append((_reading_key(kind, sides, i, None, last_before[i] + 0.5), deleted))
    for j in set(range(len(right.ids))) - set(degrees[1]):
        added = ArticlePair(None, right.ids[j], Status.ADDED, 0.0)
        placed.append((_reading_key(kind, sides, None, j, j), added))
    placed.sort(key=lambda item: item[0])
    return [pair for _, pair in placed]


def _reading_key(
    kind: Kind, sides: tuple[_Side, _Side], i: int | None, j: int | None, position: float
) -> tuple:
    """Where a pair reads. A revision: in the new text's order (``position``: the right
    article's, or after the pair of a deleted article's predecessor). Across jurisdictions:
    the left text in order, then what only the right text has."""
    left, right = sides
    if kind is Kind.REVISION:
        return position, left.numbers[i] if i is not None else -1
    return (
        i if i is not None else len(left.numbers),
        right.numbers[j] if j is not None else 0,
    )


def _status(
    i: int,
    j: int,
    degrees: tuple[Counter, Counter],
    in_order: bool,
    same: frozenset[tuple[int, int]],
    sides: tuple[_Side, _Side],
    kind: Kind,
) -> Status:
    if degrees[0][i] > 1:
        return Status.SPLIT
    if degrees[1][j] > 1:
        return Status.MERGED
    if kind is Kind.REVISION and not in_order:
        return Status.MOVED
    if (i, j) in same:
        left, right = sides
        return Status.UNCHANGED if left.numbers[i] == right.numbers[j] else Status.RENUMBERED
    return Status.MODIFIED


def _last_before(links: set, count: int) -> list[int]:
    """For each left article, the last right article linked to an article before it (-1:
    none): a deleted article reads after it in the right-hand order."""
    last_of = [-1] * count  # the last right article linked to each left one
    for i, j in links:
        last_of[i] = max(last_of[i], j)
    found, last = [], -1
    for i in range(count):
        found.append(last)
        last = max(last, last_of[i])
    return found
