"""One change of a summary: what it is, where, and the clause it stands in on each side."""

from __future__ import annotations

from dataclasses import dataclass

from comparator.compare.clauses import ELLIPSIS
from comparator.vocabulary import CHANGE_LABELS, ChangeKind

_EXCERPT = 40  # the first characters of an article added or deleted, in a one-line summary


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    left: int | list[int] | None
    right: int | list[int] | None
    before: str
    after: str
    before_context: str = ""  # the clause on each side, the change in it
    after_context: str = ""
    note: str = ""  # which way a quantity went: 减少（折合每年3次 → 每年2次）, 缩短

    def as_dict(self) -> dict:
        data = {
            "kind": self.kind.value,
            "left": self.left,
            "right": self.right,
            "before": self.before,
            "after": self.after,
            "before_context": self.before_context,
            "after_context": self.after_context,
        }
        if self.note:
            data["note"] = self.note
        return data

    @property
    def whole_article(self) -> bool:
        return self.kind in (ChangeKind.ADDED, ChangeKind.DELETED)

    def describe(self) -> str:
        """One line in Chinese, for a table cell: 期限缩短：二十四小时内 → 十二小时内."""
        label = CHANGE_LABELS[self.kind]
        if self.whole_article:
            return label
        way = self.note.split("（")[0] if self.note else ""
        detail = self.note[len(way) :]
        return f"{label}{way}：{self.before or '（无）'} → {self.after or '（无）'}{detail}"

    def line(self) -> str:
        """``describe``, and the first words of an article added or deleted."""
        if self.whole_article:
            return self.describe() + "：" + excerpt(self.after or self.before)
        return self.describe()


def excerpt(text: str) -> str:
    """The first characters of a text, cut with an ellipsis."""
    first = text.split("\n")[0]
    return first if len(first) <= _EXCERPT else first[:_EXCERPT] + ELLIPSIS
