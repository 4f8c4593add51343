"""Measuring a change summary against a hand-made reference.

A reference (``tests/fixtures/changes/LEFT--RIGHT.json``) lists the substantive changes
a careful clerk reports for one revision, each with its kind, the two articles, the
words on each side (``""`` for a side that has none) and a reason. An entry of the
summary matches a reference entry when:

- the kinds are equal and the articles meet (a renamed term lists several); for an
  article added or deleted, that is all;
- each side is empty in both, or one side's words hold the other's, or they share a
  run of characters at least half as long as the longer of the two (``至少应邀列席一次会议`` and
  ``任期内,至少应邀列席一次``; ``镇`` and ``镇``; not ``主席团`` and ``代表团``).

Matching is one to one, so an entry reported twice counts once. Precision is the
share of the summary's entries that match, recall the share of the reference's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from comparator.compare.changes import Change, Summary
from comparator.compare.fold import folded


@dataclass(frozen=True)
class Expected:
    kind: str
    left: tuple[int, ...]
    right: tuple[int, ...]
    before: str
    after: str
    reason: str

    def describe(self) -> str:
        where = f"{_numbers(self.left)}->{_numbers(self.right)}"
        return f"{self.kind} {where} {self.before!r} -> {self.after!r}"


@dataclass(frozen=True)
class ChangeReference:
    left: str
    right: str
    changes: tuple[Expected, ...]

    @classmethod
    def load(cls, path: Path) -> ChangeReference:
        data = json.loads(path.read_text(encoding="utf-8"))
        changes = tuple(
            Expected(
                entry["kind"],
                _as_tuple(entry["left"]),
                _as_tuple(entry["right"]),
                entry["before"],
                entry["after"],
                entry.get("reason", ""),
            )
            for entry in data["changes"]
        )
        return cls(data["left"], data["right"], changes)


@dataclass(frozen=True)
class ChangeScore:
    precision: float
    recall: float
    missed: tuple[Expected, ...]
    extra: tuple[Change, ...]


def score_changes(summary: Summary, reference: ChangeReference) -> ChangeScore:
    unmatched = list(reference.changes)
    extra = []
    for change in summary.changes:
        found = next((e for e in unmatched if matches(change, e)), None)
        if found is None:
            extra.append(change)
        else:
            unmatched.remove(found)
    total, expected = len(summary.changes), len(reference.changes)
    precision = (total - len(extra)) / total if total else 1.0
    recall = (expected - len(unmatched)) / expected if expected else 1.0
    return ChangeScore(precision, recall, tuple(unmatched), tuple(extra))


def matches(change: Change, expected: Expected) -> bool:
    same_place = (
        change.kind.value == expected.kind
        and _meet(_as_tuple(change.left), expected.left)
        and _meet(_as_tuple(change.right), expected.right)
    )
    if not same_place or change.whole_article:  # an article added or deleted: its place says it
        return same_place
    return _same_words(change.before, expected.before) and _same_words(change.after, expected.after)


def _meet(found: tuple[int, ...], expected: tuple[int, ...]) -> bool:
    return (not found and not expected) or bool(set(found) & set(expected))


def _same_words(words: str, expected: str) -> bool:
    if not words or not expected:
        return not words and not expected
    words, expected = _plain(words), _plain(expected)
    shared = SequenceMatcher(None, words, expected, autojunk=False).find_longest_match()
    if expected in words or words in expected:
        return True
    return shared.size >= max(len(words), len(expected)) / 2


def _plain(text: str) -> str:
    return "".join(folded(text).split())


def _as_tuple(numbers: int | list[int] | None) -> tuple[int, ...]:
    if numbers is None:
        return ()
    return tuple(numbers) if isinstance(numbers, list) else (numbers,)


def _numbers(numbers: tuple[int, ...]) -> str:
    return ",".join(map(str, numbers)) or "—"
