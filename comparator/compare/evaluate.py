"""Measuring an alignment against a hand-made reference.

A reference (``tests/fixtures/alignment/LEFT--RIGHT.json``) lists *sure* links
(pairs a careful reader is certain of) and *possible* ones (defensible, not
certain). Following Och & Ney (2003), with A the links the aligner proposes,
S the sure links and P = S + possible:

- precision = |A ∩ P| / |A|
- recall = |A ∩ S| / |S|
- AER = 1 - (|A ∩ S| + |A ∩ P|) / (|A| + |S|)

For a reference that is not complete (only some clear pairs were written down),
only proposed links touching an article the reference mentions are counted, so an
unjudged pair is not called wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from comparator.compare.pairs import Alignment

Link = tuple[int, int]


@dataclass(frozen=True)
class Reference:
    left: str
    right: str
    kind: str
    complete: bool
    sure: frozenset[Link]
    possible: frozenset[Link]  # includes the sure links
    added: frozenset[int]
    deleted: frozenset[int]

    @classmethod
    def load(cls, path: Path) -> Reference:
        data = json.loads(path.read_text(encoding="utf-8"))
        sure = frozenset((int(a), int(b)) for a, b in data["sure"])
        possible = sure | frozenset((int(a), int(b)) for a, b in data.get("possible", []))
        return cls(
            left=data["left"],
            right=data["right"],
            kind=data["kind"],
            complete=bool(data.get("complete", False)),
            sure=sure,
            possible=possible,
            added=frozenset(data.get("added", [])),
            deleted=frozenset(data.get("deleted", [])),
        )


@dataclass(frozen=True)
class Score:
    proposed: int
    sure: int
    precision: float
    recall: float
    aer: float


def links_of(alignment: Alignment) -> set[Link]:
    return {
        (pair.left, pair.right)
        for pair in alignment.pairs
        if pair.left is not None and pair.right is not None
    }


def score(alignment: Alignment, reference: Reference) -> Score:
    proposed = links_of(alignment)
    if not reference.complete:
        judged_left = {a for a, _ in reference.possible}
        judged_right = {b for _, b in reference.possible}
        proposed = {(a, b) for a, b in proposed if a in judged_left or b in judged_right}
    with_sure = len(proposed & reference.sure)
    with_possible = len(proposed & reference.possible)
    precision = with_possible / len(proposed) if proposed else 1.0
    recall = with_sure / len(reference.sure) if reference.sure else 1.0
    total = len(proposed) + len(reference.sure)
    aer = 1 - (with_sure + with_possible) / total if total else 0.0
    return Score(len(proposed), len(reference.sure), precision, recall, aer)
