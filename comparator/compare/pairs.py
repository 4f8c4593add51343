"""Article pairs: what an alignment says, as plain data (no numerical library needed).

A pair names its two articles by node id (``shenzhen-2007/art-3``); the article
numbers are there for display and for the JSON of ``comparator align``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from comparator.model import parse_article_id
from comparator.vocabulary import Kind, Origin, Side, Status


@dataclass(frozen=True)
class Evidence:
    """Why the aligner paired two articles of two jurisdictions, for a reader to judge."""

    score: float  # what the decision weighed: text, chapters, the law and other texts
    shared_words: tuple[str, ...]  # rare words both articles hold, rarest first
    pivot: str | None = None  # the national article both implement (node id)
    chapters: tuple[str, str] | None = None  # the matched chapters both stand in
    agreeing: tuple[str, ...] = ()  # other texts through which the two correspond

    def as_dict(self) -> dict:
        return {
            "score": round(self.score, 3),
            "shared_words": list(self.shared_words),
            "pivot": self.pivot,
            "chapters": list(self.chapters) if self.chapters else None,
            "agreeing": list(self.agreeing),
        }


@dataclass(frozen=True)
class ArticlePair:
    left_id: str | None  # node id of the left article; None when it has no partner
    right_id: str | None
    status: Status
    similarity: float
    by: Origin = Origin.ALIGNER
    note: str = ""  # an editor's note on a pair they confirmed
    evidence: Evidence | None = None  # cross pairs: the reasons behind the pair

    @cached_property
    def left(self) -> int | None:
        """The number of the left article (第三条 -> 3), for display."""
        return None if self.left_id is None else parse_article_id(self.left_id)[1]

    @cached_property
    def right(self) -> int | None:
        return None if self.right_id is None else parse_article_id(self.right_id)[1]

    @property
    def ids(self) -> tuple[str, str]:
        """The two node ids, the key of the pair's diff (``""`` for a missing side)."""
        return (self.left_id or "", self.right_id or "")

    def side(self, side: Side) -> str | None:
        """The node id on one side."""
        return self.left_id if side is Side.LEFT else self.right_id

    def as_dict(self) -> dict:
        data: dict = {
            "left": self.left,
            "right": self.right,
            "status": self.status.value,
            "similarity": round(self.similarity, 3),
        }
        if self.left_id is not None and self.right_id is not None:
            data["by"] = self.by.value
        if self.note:
            data["note"] = self.note
        if self.evidence is not None:
            data["evidence"] = self.evidence.as_dict()
        return data


@dataclass
class Alignment:
    left: str
    right: str
    kind: Kind
    pairs: list[ArticlePair]
    # node id -> the pairs it takes part in, made on the first ``partners`` question
    _by_node: dict[str, list[ArticlePair]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def as_dict(self) -> dict:
        return {
            "left": self.left,
            "right": self.right,
            "kind": self.kind.value,
            "pairs": [pair.as_dict() for pair in self.pairs],
        }

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for pair in self.pairs:
            counts[pair.status.value] += 1
        return counts

    def partners(self, node_id: str) -> list[ArticlePair]:
        """The pairs an article (by node id, on either side) takes part in, in order."""
        if self._by_node is None:
            self._by_node = {}
            for pair in self.pairs:
                for node in dict.fromkeys((pair.left_id, pair.right_id)):
                    if node is not None:
                        self._by_node.setdefault(node, []).append(pair)
        return self._by_node.get(node_id, [])
