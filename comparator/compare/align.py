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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from comparator.compare.background import Background
from comparator.compare.evidence import CrossScores, cross_scores, text_evidence
from comparator.compare.fold import folded
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.settings import DEFAULT, CrossThresholds, RevisionThresholds, Settings
from comparator.compare.similarity import BigramSpace, Similarity
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
    same = _same_text(left, right)
    decisions = _Decisions.of(editor, sides)
    if kind is Kind.REVISION:
        texts = [a.text for a in left.articles], [a.text for a in right.articles]
        space = BigramSpace([*texts[0], *texts[1]])
        similarity = space.compare(*texts)
        cosine = np.where(same, 1.0, similarity.cosine)
        links, backbone = _revision_links(
            (left, right), space, similarity, cosine, decisions, settings.revision
        )
        score = similarity.cosine
    else:
        if scores is None:
            background = Background.of(a.text for a in [*left.articles, *right.articles])
            evidence = text_evidence(left, right, background)
            scores = cross_scores(left, right, evidence, background, settings.weights.text_only())
        links, backbone = _cross_links(scores.score, decisions, settings.cross), set()
        score = scores.text.bigram
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

    def masked(self, score: np.ndarray) -> np.ndarray:
        """``score`` with the forbidden pairs out of reach."""
        if not self.forbidden:
            return score
        score = score.copy()
        for i, j in self.forbidden:
            score[i, j] = -np.inf
        return score


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


def _revision_links(
    regulations: tuple[Regulation, Regulation],
    space: BigramSpace,
    similarity: Similarity,
    cosine: np.ndarray,
    decisions: _Decisions,
    thresholds: RevisionThresholds,
) -> tuple[set, set]:
    score = decisions.masked(cosine - thresholds.match)
    for i, j in decisions.forced:
        score[i, j] = 2.0  # above anything a text can score: the backbone takes it if in order
    backbone = set(_monotone(score))
    backbone -= _outdone(backbone - decisions.forced, decisions.masked(cosine), thresholds.moved)
    links = backbone | decisions.forced
    free_left = set(range(cosine.shape[0])) - {i for i, _ in links}
    free_right = set(range(cosine.shape[1])) - {j for _, j in links}
    # Out-of-order pairs, most alike first.
    for i, j in _ranked(decisions.masked(cosine), free_left, free_right, thresholds.moved):
        if i in free_left and j in free_right:
            links.add((i, j))
            free_left.discard(i)
            free_right.discard(j)
    links |= _contained(similarity, links, free_left, free_right, thresholds) - decisions.forbidden
    links |= _joined_paragraphs(*regulations, space, links, thresholds) - decisions.forbidden
    return links, backbone


def _outdone(backbone: set, cosine: np.ndarray, moved: float) -> set:
    """In-order pairs that give way: one of their articles is clearly alike an article out
    of order, far more than its partner in order (an article moved, and the backbone
    filled its old place with a stranger)."""
    paired_left = {i for i, _ in backbone}
    paired_right = {j for _, j in backbone}
    free_left = [i for i in range(cosine.shape[0]) if i not in paired_left]
    free_right = [j for j in range(cosine.shape[1]) if j not in paired_right]
    outdone = set()
    for i, j in backbone:
        if cosine[i, j] >= moved:
            continue
        elsewhere = [cosine[i, k] for k in free_right] + [cosine[k, j] for k in free_left]
        if elsewhere and max(elsewhere) >= moved:
            outdone.add((i, j))
    return outdone


def _joined_paragraphs(
    left: Regulation,
    right: Regulation,
    space: BigramSpace,
    links: set,
    thresholds: RevisionThresholds,
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
        similarity = space.compare([t for _, t in left_over], [t for _, t in right_paragraphs])
        found |= _living_on(
            similarity.cosine,
            similarity.left_in_right,
            left_over,
            right_paragraphs,
            paired_right,
            thresholds,
        )
    if right_over and left_paragraphs:
        similarity = space.compare([t for _, t in left_paragraphs], [t for _, t in right_over])
        split = _living_on(
            similarity.cosine.T,
            similarity.right_in_left.T,
            right_over,
            left_paragraphs,
            paired_left,
            thresholds,
        )
        found |= {(i, j) for j, i in split}
    return found


def _living_on(
    cosine: np.ndarray,
    contained: np.ndarray,
    paragraphs: list[tuple[int, str]],
    others: list[tuple[int, str]],
    paired_others: set[int],
    thresholds: RevisionThresholds,
) -> set[tuple[int, int]]:
    """(article, other article): a left-over article with a paragraph that is, nearly
    whole, a paragraph of a paired article on the other side."""
    found = set()
    for p, (article, _) in enumerate(paragraphs):
        q = int(np.argmax(cosine[p]))
        other = others[q][0]
        if (
            other in paired_others
            and cosine[p, q] >= thresholds.paragraph_cosine
            and contained[p, q] >= thresholds.paragraph_contained
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


def _contained(
    similarity: Similarity,
    links: set,
    free_left: set,
    free_right: set,
    thresholds: RevisionThresholds,
) -> set:
    """Left-over articles that are part of an already paired one (split / merge)."""
    extra = set()
    paired_left = {i for i, _ in links}
    paired_right = {j for _, j in links}
    for j in sorted(free_right):
        column = similarity.right_in_left[:, j]
        i = int(np.argmax(column))
        if (
            i in paired_left
            and column[i] >= thresholds.contained
            and similarity.cosine[i, j] >= thresholds.contained_cosine
        ):
            extra.add((i, j))
    for i in sorted(free_left):
        row = similarity.left_in_right[i, :]
        j = int(np.argmax(row))
        if (
            j in paired_right
            and row[j] >= thresholds.contained
            and similarity.cosine[i, j] >= thresholds.contained_cosine
        ):
            extra.add((i, j))
    return extra


# Cross-jurisdiction -----------------------------------------------------------


def _cross_links(
    score: np.ndarray, decisions: _Decisions, thresholds: CrossThresholds
) -> set[tuple[int, int]]:
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
    similarity: np.ndarray,
    same: np.ndarray,
    sides: tuple[_Side, _Side],
    kind: Kind,
    thresholds: CrossThresholds,
    scores: CrossScores | None,
    notes: dict[tuple[int, int], str],
) -> list[ArticlePair]:
    """Every link as a pair with its status, and every article left alone, in reading order."""
    left, right = sides
    degrees = (Counter(i for i, _ in links), Counter(j for _, j in links))
    placed: list[tuple[float, ArticlePair]] = []  # (where it reads in the right text, pair)
    for i, j in links:
        evidence = scores.evidence(i, j) if scores is not None else None
        status = _status(i, j, degrees, (i, j) in backbone, same, sides, kind)
        # Below the strong line a counterpart is only related, unless the texts are one.
        weak = evidence is not None and evidence.score < thresholds.strong and not same[i, j]
        if weak and (i, j) not in notes and status in (Status.MODIFIED, Status.MOVED):
            status = Status.RELATED  # an editor's pair is never merely related
        pair = ArticlePair(
            left.ids[i],
            right.ids[j],
            status,
            1.0 if same[i, j] else float(similarity[i, j]),
            Origin.EDITOR if (i, j) in notes else Origin.ALIGNER,
            notes.get((i, j), ""),
            evidence,
        )
        placed.append((j, pair))
    for i in set(range(len(left.ids))) - set(degrees[0]):
        deleted = ArticlePair(left.ids[i], None, Status.DELETED, 0.0)
        placed.append((_position_of_left(i, links), deleted))
    for j in set(range(len(right.ids))) - set(degrees[1]):
        placed.append((j, ArticlePair(None, right.ids[j], Status.ADDED, 0.0)))
    return _in_reading_order(placed, left, kind)


def _status(
    i: int,
    j: int,
    degrees: tuple[Counter, Counter],
    in_order: bool,
    same: np.ndarray,
    sides: tuple[_Side, _Side],
    kind: Kind,
) -> Status:
    if degrees[0][i] > 1:
        return Status.SPLIT
    if degrees[1][j] > 1:
        return Status.MERGED
    if kind is Kind.REVISION and not in_order:
        return Status.MOVED
    if same[i, j]:
        left, right = sides
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
