"""Aligning within a collection: what the other texts say about a cross pair.

Two texts that implement the same national law can be read through it: an article
of each that implements the same national article likely rules on the same matter
(the *pivot*). Texts of other jurisdictions that implement the same law vote too:
when ``a``'s article *i* corresponds to ``x``'s article *m*, and *m* to ``b``'s *j*,
then *x* supports *i* ~ *j* (the *agreement*, the share of such texts).

Both come from a first pass that reads each pair's texts alone (``Weights.text_only``);
the second pass adds them to the text evidence of the pair at hand. Versions of the
compared texts are not asked: they would only repeat what the compared texts say.
Editor links apply in both passes.

The first pass's links are kept as sparse matrices (an article has few counterparts), so
that the support of long texts is found pair by pair, never as a (left x right) matrix:
above ``Scale.dense_cells`` pairs it is kept on the pairs it names (``CellMatrix``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from comparator.compare.align import align
from comparator.compare.background import Background
from comparator.compare.evidence import (
    CrossScores,
    Support,
    TextEvidence,
    cross_scores,
    own_evidence,
    text_evidence,
)
from comparator.compare.pairs import Alignment
from comparator.compare.relations import Relations
from comparator.compare.settings import DEFAULT, Settings, Weights
from comparator.compare.similarity import CellMatrix
from comparator.model import EditorLink, Regulation, article_id
from comparator.vocabulary import Kind


class Aligner:
    """Alignments of a collection's texts, each cross pair decided with its whole evidence.

    Text evidence is kept per pair for the aligner's life, so that aligners with other
    settings (``with_settings``) can share it: the benchmark tries many settings.
    """

    def __init__(
        self,
        regulation: Callable[[str], Regulation],
        background: Background,
        relations: Relations,
        editor: Sequence[EditorLink] = (),
        settings: Settings = DEFAULT,
    ) -> None:
        self.regulation = regulation
        self.background = background
        self.relations = relations
        self.editor = tuple(editor)
        self.settings = settings
        # (left, right, corpus idf?, every pair?) -> the idf the pair is weighed by, and its
        # text evidence
        self._text: dict[tuple[str, str, bool, bool], tuple[Background, TextEvidence]] = {}
        self._first_pass: dict[tuple[str, str, Settings], Any] = {}

    def with_settings(self, settings: Settings) -> Aligner:
        other = Aligner(self.regulation, self.background, self.relations, self.editor, settings)
        other._text, other._first_pass = self._text, self._first_pass
        return other

    def alignment(self, left: str, right: str, kind: Kind) -> Alignment:
        regulations = self.regulation(left), self.regulation(right)
        editor = self._editor_links(left, right)
        if kind is Kind.REVISION:
            return align(*regulations, kind, self.settings, editor=editor)
        weights = self.settings.weights
        support = self._support(left, right) if weights.pivot or weights.agreement else None
        scores = self._scores(left, right, weights, support)
        return align(*regulations, kind, self.settings, scores, editor)

    # Evidence -------------------------------------------------------------------

    def _scores(
        self, left: str, right: str, weights: Weights, support: Support | None
    ) -> CrossScores:
        regulations = self.regulation(left), self.regulation(right)
        key = (left, right, weights.corpus_idf, self._dense(left, right))
        if key not in self._text:
            if weights.corpus_idf:
                evidence = text_evidence(*regulations, self.background, self.settings.scale)
                self._text[key] = self.background, evidence
            else:  # the idf of the two texts alone (the ablation's base)
                self._text[key] = own_evidence(*regulations, self.settings.scale)
        background, text = self._text[key]
        return cross_scores(*regulations, text, background, weights, support)

    def _dense(self, left: str, right: str) -> bool:
        """Whether every pair of the two texts is scored (``Scale.dense_cells``)."""
        cells = len(self.regulation(left).articles) * len(self.regulation(right).articles)
        return cells <= self.settings.scale.dense_cells

    def _links(self, left: str, right: str) -> Any:
        """The first pass's links of two texts, as a sparse boolean (left x right) matrix."""
        settings = replace(self.settings, weights=self.settings.weights.text_only())
        key = (left, right, settings)
        if key not in self._first_pass:
            if (right, left, settings) in self._first_pass:
                return self._first_pass[(right, left, settings)].T
            kind = Kind.REVISION if self.relations.same_text(left, right) else Kind.CROSS
            scores = None
            if kind is Kind.CROSS:
                scores = self._scores(left, right, settings.weights, None)
            alignment = align(
                self.regulation(left),
                self.regulation(right),
                kind,
                settings,
                scores,
                self._editor_links(left, right),
            )
            self._first_pass[key] = _link_matrix(
                alignment, self.regulation(left), self.regulation(right)
            )
        return self._first_pass[key]

    def _support(self, left: str, right: str) -> Support | None:
        law = self.relations.law_of(left, right)
        if law is None:
            return None
        shape = (len(self.regulation(left).articles), len(self.regulation(right).articles))
        pivot_articles = {}
        if law not in (left, right):
            to_law, from_law = self._links(left, law).tocsr(), self._links(law, right).tocsc()
            law_numbers = [a.number for a in self.regulation(law).articles]
            for i, j in _linked_through(to_law, from_law):
                # The first law article both share.
                shared = np.intersect1d(_indices(to_law, i), _indices(from_law, j))
                pivot_articles[(i, j)] = article_id(law, law_numbers[int(shared[0])])
        witnesses = self.relations.witnesses(left, right)
        agreeing: dict[tuple[int, int], list[str]] = {}
        for witness in witnesses:
            through = _linked_through(self._links(left, witness), self._links(witness, right))
            for i, j in through:
                agreeing.setdefault((i, j), []).append(witness)
        pivot = _measure(shape, dict.fromkeys(pivot_articles, 1.0), self._dense(left, right))
        counts = {cell: float(len(texts)) for cell, texts in agreeing.items()}
        agreement = _measure(shape, counts, self._dense(left, right))
        if witnesses:
            agreement = _shared_by(agreement, len(witnesses))
        return Support(pivot, pivot_articles, agreement, {k: tuple(v) for k, v in agreeing.items()})

    def _editor_links(self, left: str, right: str) -> list[EditorLink]:
        """The editor's links between two texts, oriented left to right."""
        found = []
        for link in self.editor:
            ends = link.left.split("/")[0], link.right.split("/")[0]
            if ends == (left, right):
                found.append(link)
            elif ends == (right, left):
                found.append(
                    EditorLink(link.right, link.left, link.verdict, link.note, link.path, link.line)
                )
        return found


def _link_matrix(alignment: Alignment, left: Regulation, right: Regulation) -> Any:
    from scipy import sparse

    rows = {article_id(left.id, a.number): i for i, a in enumerate(left.articles)}
    columns = {article_id(right.id, a.number): j for j, a in enumerate(right.articles)}
    cells = {
        (rows[pair.left_id], columns[pair.right_id])
        for pair in alignment.pairs
        if pair.left_id is not None and pair.right_id is not None
    }
    linked = np.array(sorted(cells), dtype=np.int64).reshape(-1, 2)
    ones = np.ones(len(linked), dtype=bool)
    shape = (len(rows), len(columns))
    return sparse.csr_matrix((ones, (linked[:, 0], linked[:, 1])), shape=shape)


def _linked_through(first: Any, second: Any) -> list[tuple[int, int]]:
    """The pairs ``(i, j)`` linked through some article ``k`` (``i ~ k`` and ``k ~ j``), row
    by row."""
    through = (first.astype(np.int64) @ second.astype(np.int64)).tocoo()
    cells = np.array([through.row, through.col], dtype=np.int64).T[through.data > 0]
    return [(int(i), int(j)) for i, j in cells[np.lexsort((cells[:, 1], cells[:, 0]))]]


def _indices(links: Any, line: int) -> np.ndarray:
    """The articles linked to article ``line`` (a row of a CSR, a column of a CSC matrix)."""
    indices: np.ndarray = links.indices[links.indptr[line] : links.indptr[line + 1]]
    return indices


def _measure(
    shape: tuple[int, int], values: dict[tuple[int, int], float], dense: bool
) -> np.ndarray | CellMatrix:
    """A (left x right) measure, 0 but at ``values``: a full matrix, or those cells only."""
    cells = np.array(sorted(values), dtype=np.int64).reshape(-1, 2)
    found = np.array([values[(i, j)] for i, j in cells.tolist()], dtype=float)
    if not dense:
        return CellMatrix.of(shape, cells[:, 0], cells[:, 1], found)
    matrix = np.zeros(shape)
    matrix[cells[:, 0], cells[:, 1]] = found
    return matrix


def _shared_by(counts: np.ndarray | CellMatrix, texts: int) -> np.ndarray | CellMatrix:
    """Counts of texts as shares of ``texts``."""
    if isinstance(counts, CellMatrix):
        return CellMatrix(counts.shape, counts.rows, counts.columns, counts.values / texts)
    return counts / texts
