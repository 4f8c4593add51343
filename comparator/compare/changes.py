"""The change summary: what a careful clerk points out before anyone reads every line.

Kinds of change, found in the word-level diff of each article pair (so punctuation
width, spacing, line wrapping and renumbering never produce one), each read inside
its clause (``clauses``):

- ``deadline`` / ``frequency`` / ``quantity``: a time limit (``三日内`` -> ``三个工作日内``),
  how often (``每四个月至少一次`` -> ``每年不少于两次``, 频次减少) or another number with
  its unit, changed, added or removed. A quantity before is paired with one after
  only when both are of one kind in the same clause (``quantities``); the same amount
  written differently (``3日`` / ``三日``) is no change;
- ``body``: an organ or an administrative level a clause starts or stops naming, or
  replaces (``镇`` -> ``街道``, ``市监察委员会`` added);
- ``citation``: a cited law added, removed or replaced (``治安管理处罚条例`` ->
  ``《中华人民共和国治安管理处罚法》``), the same law under a shorter name being no change;
- ``effect``: the commencement or repeal clause (``…起施行``, ``同时废止``);
- ``obligation``: a modal verb changes in a clause that stays (``可以`` -> ``应当``, paired
  only when both govern the same action), a duty enters or leaves a clause, ``不得``
  comes or goes;
- ``term``: a defined term or name renamed (``以下简称选联任工委`` -> ``以下简称代表工委``), or
  the same substitution made three times or more, reported once with the articles where
  it really changed;
- ``added`` / ``deleted``: whole articles (revisions only).

``before`` / ``after`` quote the changed words, ``before_context`` / ``after_context`` the
whole clause on each side, in the published characters. Across jurisdictions only the
quantities and obligations that both paired articles state are reported: there is no
old and new text, so nothing is added, deleted or renamed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from comparator.compare.change import Change
from comparator.compare.clauses import quoted, regions
from comparator.compare.diff import Op
from comparator.compare.fold import folded
from comparator.compare.pair_changes import MODALS, PairTexts, pair_changes
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.quantities import quantities
from comparator.compare.terms import DefinedTerm
from comparator.model import Regulation
from comparator.vocabulary import TEXT_UNCHANGED, ChangeKind, Kind, Status

__all__ = ["Change", "Diffs", "Summary", "compared_pairs", "compares_words", "summarize"]

# Diffs of article pairs, by the node ids of the two articles.
Diffs = Mapping[tuple[str, str], Sequence[Op]]

_WORD = re.compile(r"[^\W_]")  # a letter, digit or ideograph
_SHORT_EDIT = 10  # a substitution longer than this is a rewrite, not a renaming
_REPEATED = 3  # a substitution made this often is a renaming
_FIRST_CLAUSE = 40  # how much of an article added or deleted its context quotes


@dataclass
class Summary:
    left: str
    right: str
    kind: Kind
    changes: list[Change] = field(default_factory=list)
    # Article labels as each text writes them (第十六条), by number.
    left_labels: dict[int, str] = field(default_factory=dict)
    right_labels: dict[int, str] = field(default_factory=dict)

    def cited(self, change: Change) -> tuple[str, str]:
        """The articles a change concerns, as the texts write them: 第三条、第八条 ("" for none)."""
        return _labels(self.left_labels, change.left), _labels(self.right_labels, change.right)

    def as_dict(self) -> dict:
        return {
            "left": self.left,
            "right": self.right,
            "kind": self.kind.value,
            "changes": [change.as_dict() for change in self.changes],
        }

    def for_pair(self, pair: ArticlePair) -> list[Change]:
        """The changes that concern one article pair (a term concerns every pair it touches)."""
        left, right = pair.left, pair.right
        found = []
        for change in self.changes:
            lefts = change.left if isinstance(change.left, list) else [change.left]
            rights = change.right if isinstance(change.right, list) else [change.right]
            if change.kind is ChangeKind.TERM:
                if left in lefts and right in rights:
                    found.append(change)
            elif (change.left, change.right) == (left, right):
                found.append(change)
        return found


def _labels(labels: dict[int, str], numbers: int | list[int] | None) -> str:
    if numbers is None:
        return ""
    if isinstance(numbers, list):
        return "、".join(labels[n] for n in numbers)
    return labels[numbers]


# Terms --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Texts:
    """One side of a comparison: its regulation and the terms it defines."""

    regulation: Regulation
    terms: Sequence[DefinedTerm]


def _term_changes(
    left: _Texts, right: _Texts, pairs: list[ArticlePair], diffs: Diffs
) -> list[Change]:
    """Renamed defined terms, and substitutions repeated in several articles."""
    found = [*_renamed_definitions(left, right, pairs), *_repeated_substitutions(pairs, diffs)]
    renames = list(dict.fromkeys(found))  # (before, after), each once, in the order found
    changes = []
    for before, after in renames:
        if any(before in b and after in a for b, a in renames if (b, a) != (before, after)):
            continue  # 选联任工委 -> 代表工委 already says 选联任 -> 代表
        lefts, rights = _renamed_in(left, right, pairs, before, after)
        if lefts:
            changes.append(Change(ChangeKind.TERM, lefts, rights, before, after))
    return changes


def _renamed_in(
    left: _Texts, right: _Texts, pairs: list[ArticlePair], before: str, after: str
) -> tuple[list[int], list[int]]:
    """The article pairs where ``before`` really became ``after``: the old article says
    the one, its counterpart the other (not where the clause was rewritten away)."""
    lefts, rights = set(), set()
    for pair in pairs:
        assert pair.left is not None and pair.right is not None
        old = left.regulation.article(pair.left).text
        new = right.regulation.article(pair.right).text
        if before in old and after in new and old.count(before) > new.count(before):
            lefts.add(pair.left)
            rights.add(pair.right)
    return sorted(lefts), sorted(rights)


def _renamed_definitions(
    left: _Texts, right: _Texts, pairs: list[ArticlePair]
) -> list[tuple[str, str]]:
    """A definition replaced by another in the paired article: 以下简称X -> 以下简称Y."""
    renames = []
    for pair in pairs:
        old = [t for t in left.terms if t.article == pair.left]
        new = [t for t in right.terms if t.article == pair.right]
        for before, after in zip(old, new, strict=False):
            if before.short != after.short:
                renames.append((before.short, after.short))
    return renames


def _repeated_substitutions(pairs: list[ArticlePair], diffs: Diffs) -> list[tuple[str, str]]:
    """The same short substitution made three times or more (in one article or several)."""
    substitutions: dict[tuple[str, str], int] = defaultdict(int)
    for pair in pairs:
        for region in regions(diffs[pair.ids]):
            deleted, inserted = region.deleted.strip(), region.inserted.strip()
            if _is_renaming(deleted, inserted):
                substitutions[(deleted, inserted)] += 1
    return [key for key, times in substitutions.items() if times >= _REPEATED]


def _is_renaming(deleted: str, inserted: str) -> bool:
    """A short word replaced by another: no quantity, no modal, not a width difference,
    and a word on both sides (、 -> 和 is punctuation, not a name)."""
    return (
        bool(_WORD.search(deleted) and _WORD.search(inserted))
        and len(deleted) <= _SHORT_EDIT
        and len(inserted) <= _SHORT_EDIT
        and folded(deleted) != folded(inserted)
        and not quantities(deleted)
        and not any(m in deleted or m in inserted for m in MODALS)
    )


# The summary ---------------------------------------------------------------------


def compares_words(kind: Kind) -> bool:
    """Does a summary of this kind read word diffs (``diff_texts(by_word=True)``)?

    Across jurisdictions the texts are worded apart: words are enough to find a
    quantity or a modal stated differently, and far cheaper than characters.
    """
    return kind is Kind.CROSS


def compared_pairs(alignment: Alignment) -> list[ArticlePair]:
    """The pairs whose diff a summary reads: both articles there, the text changed,
    and (across jurisdictions) strongly alike. An article merged from several (or split
    into several) is read against its most alike counterpart only: the other sources'
    text would otherwise read as added (重庆旧第二十八条 in 第三十四条)."""
    revision = alignment.kind is Kind.REVISION
    candidates = [
        p
        for p in alignment.pairs
        if p.left_id is not None
        and p.right_id is not None
        and p.status not in TEXT_UNCHANGED
        and (revision or p.status is not Status.RELATED)
    ]
    main: dict[tuple[Status, int | None], ArticlePair] = {}
    for pair in candidates:
        if pair.status in (Status.MERGED, Status.SPLIT):
            key = (pair.status, pair.right if pair.status is Status.MERGED else pair.left)
            if key not in main or pair.similarity > main[key].similarity:
                main[key] = pair
    kept = {id(pair) for pair in main.values()}
    return [p for p in candidates if p.status not in (Status.MERGED, Status.SPLIT) or id(p) in kept]


def summarize(
    left: Regulation,
    right: Regulation,
    alignment: Alignment,
    diffs: Diffs,
    terms: tuple[Sequence[DefinedTerm], Sequence[DefinedTerm]],
    aliases: Mapping[str, str] | None = None,
) -> Summary:
    """The change summary of a comparison.

    ``diffs`` holds the diff of every pair of ``compared_pairs(alignment)``, word by
    word when ``compares_words(alignment.kind)``; ``terms`` are the terms each side
    defines; ``aliases`` maps the short titles of laws to their full titles (from the
    catalog), so a law cited by either is one law.
    """
    summary = Summary(
        left.id,
        right.id,
        alignment.kind,
        left_labels={a.number: a.label for a in left.articles},
        right_labels={a.number: a.label for a in right.articles},
    )
    revision = alignment.kind is Kind.REVISION
    compared = compared_pairs(alignment)
    renames: list[Change] = []
    if revision:
        sides = (_Texts(left, terms[0]), _Texts(right, terms[1]))
        renames = _term_changes(*sides, compared, diffs)
        summary.changes += renames
    own = [t.short for t in (*terms[0], *terms[1])]
    keys = {(p.left_id, p.right_id) for p in compared}
    for pair in alignment.pairs:
        if revision and pair.status is Status.ADDED and pair.right is not None:
            text = right.article(pair.right).text
            context = quoted(text, 0, 0, _FIRST_CLAUSE)
            summary.changes.append(
                Change(ChangeKind.ADDED, None, pair.right, "", text, "", context)
            )
        elif revision and pair.status is Status.DELETED and pair.left is not None:
            text = left.article(pair.left).text
            context = quoted(text, 0, 0, _FIRST_CLAUSE)
            summary.changes.append(Change(ChangeKind.DELETED, pair.left, None, text, "", context))
        elif (pair.left_id, pair.right_id) in keys:
            assert pair.left is not None and pair.right is not None
            sides_of_pair = PairTexts(
                left.article(pair.left).text,
                right.article(pair.right).text,
                pair.left,
                pair.right,
                diffs[pair.ids],
                aliases or {},
            )
            found = pair_changes(sides_of_pair, own, revision)
            found = [c for c in found if not _is_rename(c, renames)]
            # Across jurisdictions the texts are worded apart: only a quantity or a
            # modal that both texts state differently is worth pointing out.
            summary.changes += [c for c in found if revision or (c.before and c.after)]
    return summary


def _is_rename(change: Change, renames: list[Change]) -> bool:
    """A change inside an article that a renamed term already reports."""
    return any(
        change.before
        and change.after
        and folded(change.before).replace(r.before, r.after) == folded(change.after)
        for r in renames
    )
