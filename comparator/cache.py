"""A disk cache of stage results, keyed by content.

A key is the hash of everything a result depends on: the stage, the code that
computes it (every source file of this package), and the inputs (source texts by
sha256, article texts, options). So a changed text recomputes exactly what
depends on it, a changed program recomputes everything, and nothing is ever
stale. Results are pickled plain dataclasses under ``build/cache/<stage>/``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of this package's source, the exports' templates included: results computed
    by other code, or files laid out by other templates, are not reused. (The site's
    page templates have their own version, ``templates_version``: editing one lays out
    the pages again without recomputing what they show.)"""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    templates = package / "publish" / "export" / "templates"
    sources = [*package.rglob("*.py"), *(p for p in templates.rglob("*") if p.is_file())]
    for path in sorted(sources):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """A stable hash of strings, numbers, tuples and lists."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\x00")
        digest.update(repr(part).encode("utf-8"))
    return digest.hexdigest()


class Cache:
    """Results on disk, one pickle per key; a missing or unreadable entry is recomputed."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0

    def _path(self, stage: str, key: str) -> Path:
        return self.folder / stage / key[:2] / f"{key}.pickle"

    def has(self, stage: str, key: str) -> bool:
        return self._path(stage, key).exists()

    def memo(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        path = self._path(stage, key)
        try:
            with path.open("rb") as handle:
                value: T = pickle.load(handle)
            self.hits += 1
            return value
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            pass
        value = compute()
        self.misses += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(path)  # atomic: a reader never sees half a file
        except BaseException:
            temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file
            raise
        return value


class NoCache(Cache):
    """Computes every time (the command line, the tests of the stages)."""

    def __init__(self) -> None:
        super().__init__(Path())

    def has(self, stage: str, key: str) -> bool:
        return False

    def memo(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        self.misses += 1
        return compute()
