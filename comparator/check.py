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
from comparator.model import SourceError, SourceErrors
from comparator.text.coverage import coverage_problems
from comparator.text.load import Loaded, load_file


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
