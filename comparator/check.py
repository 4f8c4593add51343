"""Checks behind ``comparator check``: every problem as a ``SourceError``.

- the catalog's source files exist and have the recorded sha256;
- each regulation is found in its file, and its articles run 1..N;
- lossless coverage: every non-space character of the body lands in exactly one
  node (or is a recorded artefact);
- every internal reference (本条例第七条, 前款) cites an article, paragraph or item
  that exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from comparator.catalog import Catalog
from comparator.compare.annotate import annotate
from comparator.library import Library, Loaded, load_file, verify_source
from comparator.model import Regulation, SourceError, SourceErrors


def node_texts(regulation: Regulation) -> Iterator[tuple[int, str]]:
    """``(line, text)`` of every piece of text in the tree, in document order.

    Headings come right before the first article they hold, so pieces sharing a
    line (a page written on one line) keep the order they were read in.
    """
    divisions = [*regulation.parts]
    for chapter in regulation.chapters:
        divisions += [chapter, *chapter.sections]
    opening: dict[int, list] = {}
    for division in divisions:
        if division.articles:
            opening.setdefault(division.articles[0], []).append(division)
    pieces: list[tuple[int, str]] = [
        (division.line, division.label + division.title)
        for division in divisions
        if not division.articles  # a heading with no article: placed by its line alone
    ]
    for article in regulation.articles:
        for division in opening.pop(article.number, []):
            pieces.append((division.line, division.label + division.title))
        pieces.append((article.line, article.label))
        for paragraph in article.paragraphs:
            pieces.append((paragraph.line, paragraph.text))
            for item in paragraph.items:
                pieces.append((item.line, item.label + item.text))
                pieces.extend((s.line, s.label + s.text) for s in item.subitems)
    # Stable sort: pieces on one line keep the order above.
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


def check_catalog(catalog: Catalog) -> list[SourceError]:
    library = Library(catalog, verify=False)  # checked below, with the other problems
    problems: list[SourceError] = []
    for entry in catalog.entries.values():
        problem = verify_source(entry)
        if problem:
            problems.append(problem)
            continue
        try:
            loaded = library.loaded(entry.id)
        except SourceError as error:
            problems.append(error)
            continue
        except SourceErrors as errors:
            problems.extend(errors.errors)
            continue
        problems.extend(_regulation_problems(loaded))
    return problems


def check_paths(paths: list[Path]) -> list[SourceError]:
    problems: list[SourceError] = []
    for path in paths:
        try:
            for loaded in load_file(path):
                problems.extend(_regulation_problems(loaded))
        except SourceError as error:
            problems.append(error)
        except SourceErrors as errors:
            problems.extend(errors.errors)
    return problems


def _regulation_problems(loaded: Loaded) -> list[SourceError]:
    return coverage_problems(loaded) + annotate(loaded.regulation).unresolved
