"""How the texts of a collection relate: the law each implements, and its versions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Relations:
    """How the texts of a collection relate: the law each implements, and its versions."""

    implements: dict[str, str] = field(default_factory=dict)  # text id -> law id
    version_group: dict[str, str] = field(default_factory=dict)  # text id -> its first version

    def same_text(self, a: str, b: str) -> bool:
        return self.version_group.get(a, a) == self.version_group.get(b, b)

    def law_of(self, a: str, b: str) -> str | None:
        """The law both texts implement, or one of them is and the other implements."""
        law_a, law_b = self.implements.get(a), self.implements.get(b)
        if law_a and law_a in (law_b, b):
            return law_a
        if law_b and law_b == a:
            return law_b
        return None

    def witnesses(self, a: str, b: str) -> list[str]:
        """The other texts that implement the law ``a`` and ``b`` share, in a stable order,
        versions of ``a`` and ``b`` left out."""
        law = self.law_of(a, b)
        if law is None:
            return []
        return sorted(
            text
            for text, implemented in self.implements.items()
            if implemented == law and not self.same_text(text, a) and not self.same_text(text, b)
        )
