"""What changed in the catalogued texts since a git revision (for a pull request).

Each source file that differs from the revision is read again at that revision,
every regulation it holds is aligned with its current text as a revision, and the
change summary says what a reviewer should look at.

The revision is checked first (``git rev-parse --verify``): a name git does not know,
or a commit a shallow checkout lacks, would otherwise make every text look new. Git
is then handed only the commit's hash, never the name as typed (``--output=FILE``
would be an option), and ``--`` before paths.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from comparator.catalog import Entry
from comparator.compare.changes import Summary
from comparator.library import Library
from comparator.model import SourceError, article_texts
from comparator.text.load import Loaded
from comparator.text.parse import parse
from comparator.text.read import read_bytes
from comparator.text.split import split
from comparator.vocabulary import Kind


class UnknownRevision(ValueError):
    """The base revision is not a commit of the repository."""


@dataclass
class TextReview:
    regulation: str
    title: str
    path: str
    summary: Summary | None  # None: the text is new at this revision

    def as_dict(self) -> dict:
        return {
            "regulation": self.regulation,
            "title": self.title,
            "path": self.path,
            "new": self.summary is None,
            "changes": self.summary.as_dict()["changes"] if self.summary else [],
        }


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def text_reviews(library: Library, base: str) -> list[TextReview]:
    """A review of every catalogued text whose regulation differs from the one at ``base``."""
    reviews = []
    commits: dict[Path, str] = {}  # the base's commit in each repository
    for entry in library.catalog.entries.values():
        top = _repository_of(entry)
        if top not in commits:
            commits[top] = _commit(base, top)
        relative, old = _source_at(entry, top, commits[top])
        review = _review(library, entry, relative, old, base)
        if review is not None:
            reviews.append(review)
    return reviews


def _repository_of(entry: Entry) -> Path:
    """The top folder of the git repository that holds an entry's source file."""
    top = _git("rev-parse", "--show-toplevel", cwd=entry.source.parent)
    if top.returncode != 0:
        raise SourceError(str(entry.source), 0, "not in a git repository")
    return Path(top.stdout.decode().strip())


def _commit(base: str, top: Path) -> str:
    """The hash of the commit ``base`` names in the repository at ``top``."""
    # A name starting with "-" would be read as an option, whatever follows.
    found = (
        None
        if base.startswith("-")
        else _git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{base}^{{commit}}", cwd=top
        )
    )
    if found is None or found.returncode != 0:
        raise UnknownRevision(
            f"--base {base!r} is not a commit of the repository at {top}: check the name; "
            "in a shallow checkout, fetch the history first (git fetch --unshallow, or "
            "fetch-depth: 0 in CI)"
        )
    return found.stdout.decode().strip()


def _source_at(entry: Entry, top: Path, commit: str) -> tuple[Path, bytes | None]:
    """The source file's path in its repository, and its bytes at ``commit`` (None: not
    there)."""
    relative = entry.source.resolve().relative_to(top)
    old = _git("show", f"{commit}:{relative.as_posix()}", "--", cwd=top)
    return relative, old.stdout if old.returncode == 0 else None


def _review(
    library: Library, entry: Entry, relative: Path, old: bytes | None, base: str
) -> TextReview | None:
    """The review of one text against its bytes at ``base``; None when it did not change."""
    if old == entry.source.read_bytes():
        return None
    if old is None:
        documents = []
    else:
        documents = split(read_bytes(old, f"{base}:{relative}").lines, str(relative))
    part = (entry.part or 1) - 1
    if part >= len(documents):  # the file, or this regulation of it, is new
        return TextReview(entry.id, entry.title, str(relative), None)
    old_id = f"{entry.id}@{base}"
    old_regulation = parse(documents[part], old_id)
    if article_texts(old_regulation) == article_texts(library.regulation(entry.id)):
        return None  # another regulation of the same file changed
    library.add(Loaded(old_regulation, documents[part]))
    summary = library.summary(old_id, entry.id, Kind.REVISION)
    return TextReview(entry.id, entry.title, str(relative), summary)
