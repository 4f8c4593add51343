"""The diff of two article texts, as a reader reads it.

diff-match-patch compares the *folded* texts (``fold``), so a difference in
punctuation width or spacing is never a change; its semantic clean-up groups the
edits; each edit is then widened to word boundaries (jieba, plus the terms the
regulations define with 以下简称), so ``选联任工委`` -> ``代表工委`` shows as the two whole
terms rather than ``选联任`` -> ``代表``. Finally every op is mapped back onto the
original characters.

Ops: ``("equal", text)``, ``("equal", left, right)`` when the two sides differ only
by folding, ``("delete", text)``, ``("insert", text)``. The equal and delete texts
concatenate to the left original; the equal and insert texts to the right one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from diff_match_patch import diff_match_patch

from comparator.compare.fold import Folded, fold
from comparator.compare.words import WordBoundaries, tokens
from comparator.vocabulary import OpKind

EQUAL, DELETE, INSERT = OpKind.EQUAL, OpKind.DELETE, OpKind.INSERT
Op = tuple[str, ...]  # (kind, text) or (EQUAL, left text, right text)
_WIDEN_LIMIT = 8  # never widen an edit by more than this many characters per side


def diff_texts(
    left: str, right: str, terms: Iterable[str] = (), *, by_word: bool = False
) -> list[Op]:
    """Ops turning ``left`` into ``right`` (see the module docstring).

    ``by_word`` compares words rather than characters: much faster on two texts
    that say the same thing differently (two jurisdictions), where a character
    diff has little to offer anyway.
    """
    return list(_diff(left, right, tuple(sorted(set(terms))), by_word))


@lru_cache(maxsize=4096)
def _diff(left: str, right: str, terms: tuple[str, ...], by_word: bool) -> tuple[Op, ...]:
    folded_left, folded_right = fold(left), fold(right)
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # deterministic: never cut a diff short on a slow machine
    if by_word:
        raw = _word_diff(engine, folded_left.text, folded_right.text, terms)
    else:
        raw = engine.diff_main(folded_left.text, folded_right.text, False)
    engine.diff_cleanupSemantic(raw)
    segments = _widen(
        _segments(raw),
        WordBoundaries(folded_left.text, terms),
        WordBoundaries(folded_right.text, terms),
    )
    return tuple(_to_original(segments, left, folded_left, right, folded_right))


def _word_diff(
    engine: diff_match_patch, left: str, right: str, terms: tuple[str, ...]
) -> list[tuple[int, str]]:
    """diff-match-patch over words: each word becomes one private-use character."""
    vocabulary: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        codes = []
        for word in tokens(text, terms):
            if word not in vocabulary:
                vocabulary[word] = chr(0x100000 + len(words))  # plane 16, private use
                words.append(word)
            codes.append(vocabulary[word])
        return "".join(codes)

    raw = engine.diff_main(encode(left), encode(right), False)
    return [(op, "".join(words[ord(code) - 0x100000] for code in text)) for op, text in raw]


# Segments: ("equal", text) or ("change", deleted, inserted), on folded text.


def _segments(raw: list[tuple[int, str]]) -> list[tuple[str, ...]]:
    segments: list[list[str]] = []
    for operation, text in raw:
        if operation == 0:
            segments.append([EQUAL, text])
            continue
        if not segments or segments[-1][0] == EQUAL:
            segments.append(["change", "", ""])
        segments[-1][1 if operation == -1 else 2] += text
    return [tuple(s) for s in segments if s[0] != EQUAL or s[1]]


def _widen(
    segments: list[tuple[str, ...]], left_bounds: WordBoundaries, right_bounds: WordBoundaries
) -> list[tuple[str, ...]]:
    """Move the partial words around each change into it, so it covers whole words."""
    result: list[list[str]] = [list(s) for s in segments]
    bounds = (left_bounds, right_bounds)
    left_at = right_at = 0  # offsets of result[index] in each folded text
    for index, segment in enumerate(result):
        if segment[0] == EQUAL:
            left_at += len(segment[1])
            right_at += len(segment[1])
            continue
        back = _widen_back(result, index, left_at, right_at, bounds)
        left_at -= back
        right_at -= back
        end_left, end_right = left_at + len(segment[1]), right_at + len(segment[2])
        _widen_forward(result, index, end_left, end_right, bounds)
        left_at += len(segment[1])
        right_at += len(segment[2])
    return _merged(result)


Bounds = tuple[WordBoundaries, WordBoundaries]


def _widen_back(
    result: list[list[str]], index: int, left_at: int, right_at: int, bounds: Bounds
) -> int:
    """Take the end of the equal segment before change ``index`` into it; how much."""
    if index == 0 or result[index - 1][0] != EQUAL:
        return 0
    before = result[index - 1][1]
    joins = index >= 2 and result[index - 2][0] != EQUAL
    back = _reach(before, left_at, right_at, *bounds, -1, joins)
    if back:
        moved = before[len(before) - back :]
        result[index - 1][1] = before[: len(before) - back]
        segment = result[index]
        segment[1], segment[2] = moved + segment[1], moved + segment[2]
    return back


def _widen_forward(
    result: list[list[str]], index: int, end_left: int, end_right: int, bounds: Bounds
) -> None:
    """Take the start of the equal segment after change ``index`` into it."""
    if index + 1 >= len(result) or result[index + 1][0] != EQUAL:
        return
    after = result[index + 1][1]
    joins = index + 2 < len(result) and result[index + 2][0] != EQUAL
    ahead = _reach(after, end_left, end_right, *bounds, +1, joins)
    if ahead:
        moved = after[:ahead]
        result[index + 1][1] = after[ahead:]
        segment = result[index]
        segment[1], segment[2] = segment[1] + moved, segment[2] + moved


def _merged(result: list[list[str]]) -> list[tuple[str, ...]]:
    """Drop emptied equal segments and merge the changes they separated."""
    merged: list[list[str]] = []
    for segment in result:
        if segment[0] == EQUAL and not segment[1]:
            continue
        if merged and segment[0] != EQUAL and merged[-1][0] != EQUAL:
            merged[-1][1] += segment[1]
            merged[-1][2] += segment[2]
        else:
            merged.append(segment)
    return [tuple(s) for s in merged]


def _reach(
    equal: str,
    left_at: int,
    right_at: int,
    left_bounds: WordBoundaries,
    right_bounds: WordBoundaries,
    step: int,
    joins_change: bool,
) -> int:
    """How many characters of ``equal`` to take so both edges sit on word boundaries.

    When another change lies beyond ``equal``, taking all of it joins the two changes
    (``{+十+}二[-十四-]小时`` becomes one change of ``二十四小时`` into ``十二小时``).
    """
    limit = min(len(equal), _WIDEN_LIMIT)
    for taken in range(limit + 1):
        if left_at + step * taken in left_bounds and right_at + step * taken in right_bounds:
            return taken
        if taken == len(equal) and joins_change:
            return taken
    return 0


def _to_original(
    segments: list[tuple[str, ...]],
    left: str,
    folded_left: Folded,
    right: str,
    folded_right: Folded,
) -> list[Op]:
    """Map folded segments onto the original strings, every character in one op."""
    if not segments and (left or right):
        return [(EQUAL, left) if left == right else (EQUAL, left, right)]
    takes = _takes(segments)
    left_pieces = _cut(left, folded_left, [taken for _, taken, _ in takes])
    right_pieces = _cut(right, folded_right, [taken for _, _, taken in takes])
    result = [
        _op(kind, left_text, right_text)
        for (kind, _, _), left_text, right_text in zip(
            takes, left_pieces, right_pieces, strict=True
        )
    ]
    # A side that folds to nothing (only spaces) still has its characters somewhere.
    if left and not folded_left.text:
        result.insert(0, (EQUAL, left, ""))
    if right and not folded_right.text:
        result.insert(0, (EQUAL, "", right))
    return result


def _takes(segments: list[tuple[str, ...]]) -> list[tuple[OpKind, int, int]]:
    """Each op to make: its kind and how many folded characters it takes on each side."""
    takes: list[tuple[OpKind, int, int]] = []
    for segment in segments:
        if segment[0] == EQUAL:
            takes.append((EQUAL, len(segment[1]), len(segment[1])))
            continue
        if segment[1]:
            takes.append((DELETE, len(segment[1]), 0))
        if segment[2]:
            takes.append((INSERT, 0, len(segment[2])))
    return takes


def _op(kind: OpKind, left_text: str, right_text: str) -> Op:
    if kind is EQUAL:
        return (EQUAL, left_text) if left_text == right_text else (EQUAL, left_text, right_text)
    if kind is DELETE:
        return (DELETE, left_text)
    return (INSERT, right_text)


def _cut(original: str, folded: Folded, takes: list[int]) -> list[str]:
    """Split ``original`` so that piece k holds the characters behind ``takes[k]`` folded ones.

    Characters that folding removed (spaces) go with the folded character before
    them; leading ones with the first piece.
    """
    origin = folded.origin
    pieces = []
    position = 0  # folded characters consumed so far
    for taken in takes:
        if taken == 0:
            pieces.append("")
            continue
        start = origin[position] if position else 0
        position += taken
        end = origin[position] if position < len(origin) else len(original)
        pieces.append(original[start:end])
    return pieces
