"""The lossless check: every non-space character of a body lands in exactly one node.

What ``parse`` promises, checked on the result: the texts of the tree, read in
document order, spell the body of the source (from its first heading to the end of
its last article) once, spaces aside; recorded artefacts (``[bookmark: _GoBack]``,
Markdown ``##``, control and bidirectional characters) are not in the body's text
either: ``normalize`` took them out of every line and listed them in ``Line.dropped``.
"""

from __future__ import annotations

from collections.abc import Iterator

from comparator.model import Regulation, SourceError, walk
from comparator.text.load import Loaded


def node_texts(regulation: Regulation) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every piece of text in the tree, in document order.

    The order of ``walk``, sorted by source line; pieces sharing a line (a page
    written on one line) keep the order ``walk`` gives them.
    """
    pieces = [(node.line, node.text) for node in walk(regulation)]
    return iter(sorted(pieces, key=lambda piece: piece[0]))


def _visible(text: str) -> str:
    return "".join(text.split())


def coverage_problems(loaded: Loaded) -> list[SourceError]:
    """Is every non-space character of the body in exactly one node?"""
    regulation, document = loaded.regulation, loaded.document
    start, end = document.body
    body = document.lines[start : end + 1]
    expected = "".join(_visible(line.text) for line in body)
    actual = "".join(_visible(text) for _, text in node_texts(regulation))
    if expected == actual:
        return []
    position = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    seen = 0
    for line in body:
        seen += len(_visible(line.text))
        if seen > position:
            break
    return [
        SourceError(
            document.path,
            line.number,
            f"lossless check failed: the tree does not hold the body text from here "
            f"({len(expected)} characters in the body, {len(actual)} in the tree)",
        )
    ]
