"""Checks behind ``comparator check``: every problem as a ``SourceError``.

A workflow over the library: each check itself is a stage over plain data
(``text.coverage``, ``compare.annotate``); this module runs them over a catalog or files.

- the catalog's source files exist and have the recorded sha256;
- each regulation is found in its file, and its articles run 1..N;
- lossless coverage: every non-space character of the body lands in exactly one
  node (or is a recorded artefact);
- every internal reference (本条例第七条, 前款) cites an article, paragraph or item
  that exists.
"""

from __future__ import annotations

from pathlib import Path

from comparator.catalog import Catalog
from comparator.compare.annotate import annotate
from comparator.library import Library, verify_source
from comparator.model import SourceError, SourceErrors, parse_article_id
from comparator.text.coverage import coverage_problems
from comparator.text.load import Loaded, load_file
from comparator.vocabulary import Verdict


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
        problems.extend(regulation_problems(loaded))
    return problems + _link_problems(library)


def _link_problems(library: Library) -> list[SourceError]:
    """Each editor link names two existing articles of a compared pair, and says one thing."""
    catalog = library.catalog
    problems: list[SourceError] = []
    verdicts: dict[frozenset[str], Verdict] = {}
    for link in catalog.links:
        problems += [
            SourceError(link.path, link.line, f"{node}: {problem}")
            for node in (link.left, link.right)
            if (problem := _article_problem(library, node))
        ]
        left, right = parse_article_id(link.left)[0], parse_article_id(link.right)[0]
        if catalog.compared_kind(left, right) is None:
            problems.append(
                SourceError(
                    link.path,
                    link.line,
                    f"{left} and {right} are not compared: a link must join two texts "
                    "a family compares, or a law and a text that implements it",
                )
            )
        first = verdicts.setdefault(frozenset((link.left, link.right)), link.verdict)
        if first is not link.verdict:
            problems.append(
                SourceError(
                    link.path,
                    link.line,
                    f"{link.left} and {link.right} are linked both as same and as not",
                )
            )
    return problems


def _article_problem(library: Library, node: str) -> str:
    """What is wrong with an article id a link names, or ""."""
    regulation_id, number = parse_article_id(node)
    if regulation_id not in library.catalog.entries:
        return f"no catalogued regulation {regulation_id!r}"
    try:
        library.regulation(regulation_id).article(number)
    except (KeyError, SourceError, SourceErrors):
        return f"{regulation_id} has no article {number}"
    return ""


def check_paths(paths: list[Path]) -> list[SourceError]:
    problems: list[SourceError] = []
    for path in paths:
        try:
            for loaded in load_file(path):
                problems.extend(regulation_problems(loaded))
        except SourceError as error:
            problems.append(error)
        except SourceErrors as errors:
            problems.extend(errors.errors)
    return problems


def regulation_problems(loaded: Loaded) -> list[SourceError]:
    return coverage_problems(loaded) + annotate(loaded.regulation).unresolved
