"""The weights and thresholds the aligner decides by.

They are chosen on the hand-made references in ``tests/fixtures/alignment`` by
``benchmarks/alignment.py``, which also reports each pair's AER with the settings
chosen on the *other* pairs (leave one pair out): that held-out figure, not the fit
on all pairs, is the one to trust.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Weights:
    """How the evidence of a cross pair adds up to its score."""

    word: float = 0.0  # share of the word cosine in the text score (the rest: bigrams)
    chapter: float = 0.0  # added when the two articles stand in matched chapters
    pivot: float = 0.1  # added when both implement one article of the same law
    agreement: float = 0.1  # times the share of other texts through which they correspond
    corpus_idf: bool = True  # idf over the whole collection (else over the two texts)

    def text_only(self) -> Weights:
        """The weights of the first pass, which other texts are not consulted in."""
        return replace(self, pivot=0.0, agreement=0.0)


@dataclass(frozen=True)
class CrossThresholds:
    match: float = 0.14  # one-to-one counterparts (competitive linking)
    extra: float = 0.25  # a further counterpart of an article already paired
    strong: float = 0.25  # below this score a counterpart is weaker but real: 相关


@dataclass(frozen=True)
class RevisionThresholds:
    match: float = 0.12  # a pair in the monotone backbone must be at least this alike
    moved: float = 0.55  # an out-of-order pair must be clearly alike
    contained: float = 0.75  # share of an article's weighted bigrams found in another one
    contained_cosine: float = 0.25
    # A left-over article that lives on as a paragraph of a paired one: the paragraphs'
    # cosine, and the share of its weighted bigrams found in that paragraph.
    paragraph_cosine: float = 0.4
    paragraph_contained: float = 0.6


@dataclass(frozen=True)
class Scale:
    """When a revision stops scoring every pair of articles (``similarity.Neighbours``).

    Up to ``dense_cells`` (left x right) pairs, every pair is scored (exact, and as fast
    as anything for texts of a few hundred articles). Above, only each article's
    ``neighbours`` most likely counterparts on the other side are, so that memory and
    time grow with the number of articles, not with its square.
    """

    dense_cells: int = 4_000_000  # 2,000 x 2,000 articles
    neighbours: int = 20


@dataclass(frozen=True)
class Settings:
    weights: Weights = Weights()
    cross: CrossThresholds = CrossThresholds()
    revision: RevisionThresholds = RevisionThresholds()
    scale: Scale = Scale()


DEFAULT = Settings()
