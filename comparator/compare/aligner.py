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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from comparator.compare.align import align
from comparator.compare.background import Background
from comparator.compare.evidence import (
    CrossScores,
    Support,
    TextEvidence,
    cross_scores,
    text_evidence,
)
from comparator.compare.pairs import Alignment
from comparator.compare.relations import Relations
from comparator.compare.settings import DEFAULT, Settings, Weights
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
        # (left, right, corpus idf?) -> the idf the pair is weighed by, and its text evidence
        self._text: dict[tuple[str, str, bool], tuple[Background, TextEvidence]] = {}
        self._first_pass: dict[tuple[str, str, Settings], np.ndarray] = {}

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
        key = (left, right, weights.corpus_idf)
        if key not in self._text:
            background = self.background
            if not weights.corpus_idf:  # the idf of the two texts alone (the ablation's base)
                background = Background.of(a.text for r in regulations for a in r.articles)
            self._text[key] = background, text_evidence(*regulations, background)
        background, text = self._text[key]
        return cross_scores(*regulations, text, background, weights, support)

    def _links(self, left: str, right: str) -> np.ndarray:
        """The first pass's links of two texts, as a boolean (left x right) matrix."""
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
        pivot, pivot_articles = np.zeros(shape), {}
        if law not in (left, right):
            to_law, from_law = self._links(left, law), self._links(law, right)
            through = to_law.astype(int) @ from_law.astype(int)
            pivot = (through > 0).astype(float)
            law_numbers = [a.number for a in self.regulation(law).articles]
            for i, j in zip(*np.nonzero(through), strict=True):
                k = int(np.argmax(to_law[i] & from_law[:, j]))  # the first law article both share
                pivot_articles[(int(i), int(j))] = article_id(law, law_numbers[k])
        witnesses = self.relations.witnesses(left, right)
        agreement = np.zeros(shape)
        agreeing: dict[tuple[int, int], list[str]] = {}
        for witness in witnesses:
            through = (
                self._links(left, witness).astype(int) @ self._links(witness, right).astype(int)
            ) > 0
            agreement += through
            for i, j in zip(*np.nonzero(through), strict=True):
                agreeing.setdefault((int(i), int(j)), []).append(witness)
        if witnesses:
            agreement /= len(witnesses)
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


def _link_matrix(alignment: Alignment, left: Regulation, right: Regulation) -> np.ndarray:
    rows = {article_id(left.id, a.number): i for i, a in enumerate(left.articles)}
    columns = {article_id(right.id, a.number): j for j, a in enumerate(right.articles)}
    matrix = np.zeros((len(rows), len(columns)), dtype=bool)
    for pair in alignment.pairs:
        if pair.left_id is not None and pair.right_id is not None:
            matrix[rows[pair.left_id], columns[pair.right_id]] = True
    return matrix
