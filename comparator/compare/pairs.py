"""Article pairs: what an alignment says, as plain data (no numerical library needed)."""

from __future__ import annotations

from dataclasses import dataclass

from comparator.vocabulary import Kind, Status


@dataclass(frozen=True)
class ArticlePair:
    left: int | None
    right: int | None
    status: Status
    similarity: float

    def as_dict(self) -> dict:
        return {
            "left": self.left,
            "right": self.right,
            "status": self.status.value,
            "similarity": round(self.similarity, 3),
        }


@dataclass
class Alignment:
    left: str
    right: str
    kind: Kind
    pairs: list[ArticlePair]

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

    def partners(self, side: str, number: int) -> list[ArticlePair]:
        """The pairs an article of one side (``left`` / ``right``) takes part in."""
        return [pair for pair in self.pairs if getattr(pair, side) == number]
