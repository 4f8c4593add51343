"""Loading regulations: from a catalog entry or from a file, through every stage.

``Library`` is what the command line, the site and the exports share: it reads
each source once, parses each regulation once, and keeps the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from comparator.cache import Cache, NoCache, key_of
from comparator.catalog import Catalog, Entry, load_catalogs, sha256_of
from comparator.compare.changes import Summary, summarize
from comparator.compare.diff import Op, diff_texts
from comparator.compare.pairs import Alignment
from comparator.compare.terms import DefinedTerm, defined_terms
from comparator.model import Regulation, SourceError, article_texts
from comparator.text.parse import parse
from comparator.text.read import read_source
from comparator.text.split import Document, split
from comparator.vocabulary import Kind

DEFAULT_CATALOG = Path("sources/catalog.toml")


@dataclass
class Loaded:
    """A parsed regulation with the document it came from (for coverage checks)."""

    regulation: Regulation
    document: Document


def load_file(path: str | Path) -> list[Loaded]:
    """Every regulation in a file that is not in the catalog; ids from the file name."""
    source = read_source(path)
    documents = split(source.lines, str(path))
    stem = _slug(Path(path).stem)
    loaded = []
    for number, document in enumerate(documents, 1):
        regulation_id = stem if len(documents) == 1 else f"{stem}-{number}"
        loaded.append(Loaded(parse(document, regulation_id), document))
    return loaded


def load_entry(entry: Entry) -> Loaded:
    """The regulation a catalog entry names, with its catalog title."""
    source = read_source(entry.source)
    documents = split(source.lines, _shown(entry.source))
    if entry.part is None and len(documents) > 1:
        raise SourceError(
            _shown(entry.source),
            source.lines[documents[1].body[0]].number,
            f"the file holds {len(documents)} regulations: "
            f"set part = 1..{len(documents)} in the catalog entry {entry.id!r}",
        )
    part = entry.part or 1
    if part > len(documents):
        raise SourceError(
            str(entry.catalog),
            entry.line,
            f"{entry.id}: part = {part}, but {_shown(entry.source)} holds "
            f"{len(documents)} regulation(s)",
        )
    document = documents[part - 1]
    regulation = parse(document, entry.id)
    regulation.title = entry.title
    return Loaded(regulation, document)


def verify_source(entry: Entry) -> SourceError | None:
    """Is the source file there, and is it the text the catalog recorded?"""
    if not entry.source.exists():
        return SourceError(
            str(entry.catalog),
            entry.line,
            f"{entry.id}: source file {_shown(entry.source)} not found",
        )
    actual = sha256_of(entry.source)
    if actual != entry.sha256:
        return SourceError(
            _shown(entry.source),
            1,
            f"the text changed since it was catalogued (sha256 {actual[:12]}…, catalog has "
            f"{entry.sha256[:12]}…); if the new text is right, run "
            f"`comparator accept {entry.id}` to record its sha256 in {_shown(entry.catalog)}",
        )
    return None


class Library:
    """The catalogued regulations, parsed on first use, and what is computed from them.

    With ``verify`` (the default), a source file whose sha256 is not the one the
    catalog recorded is refused: a text is published only once it was accepted.
    With a ``cache``, parse trees, alignments, diffs and summaries are kept on disk
    under a key made of their inputs (``cache``): a rebuild recomputes only what
    depends on a changed text.
    """

    def __init__(self, catalog: Catalog, verify: bool = True, cache: Cache | None = None) -> None:
        self.catalog = catalog
        self.verify = verify
        self.cache = cache or NoCache()
        self._loaded: dict[str, Loaded] = {}
        self._fingerprints: dict[str, str] = {}
        self._comparisons: dict[tuple[str, str, str, Kind], Alignment | Summary] = {}
        self._terms: dict[str, list[DefinedTerm]] = {}

    @classmethod
    def open(
        cls, catalogs: list[Path] | None = None, verify: bool = True, cache: Cache | None = None
    ) -> Library:
        return cls(load_catalogs(catalogs or [DEFAULT_CATALOG]), verify, cache)

    def fingerprint(self, regulation_id: str) -> str:
        """A key for everything computed from one regulation: its text and catalog entry."""
        if regulation_id not in self._fingerprints:
            if regulation_id in self._loaded or regulation_id not in self.catalog.entries:
                regulation = self.regulation(regulation_id)
                parts: tuple = (regulation.id, regulation.title, article_texts(regulation))
            else:
                entry = self.catalog.entry(regulation_id)
                sha = sha256_of(entry.source) if entry.source.exists() else entry.sha256
                parts = (entry.id, entry.title, entry.part, sha)
            self._fingerprints[regulation_id] = key_of("regulation", *parts)
        return self._fingerprints[regulation_id]

    def loaded(self, regulation_id: str) -> Loaded:
        if regulation_id not in self._loaded:
            entry = self.catalog.entry(regulation_id)
            if self.verify and (problem := verify_source(entry)):
                raise problem
            key = self.fingerprint(regulation_id)
            self._loaded[regulation_id] = self.cache.memo("parse", key, lambda: load_entry(entry))
        return self._loaded[regulation_id]

    def regulation(self, regulation_id: str) -> Regulation:
        return self.loaded(regulation_id).regulation

    def changed_sources(self) -> list[SourceError]:
        """The catalogued texts whose file is no longer the one the catalog recorded."""
        return [p for e in self.catalog.entries.values() if (p := verify_source(e))]

    def regulations(self) -> list[Regulation]:
        return [self.regulation(regulation_id) for regulation_id in self.catalog.entries]

    def add(self, loaded: Loaded) -> None:
        """Make a regulation read from a file (not catalogued) available by its id."""
        self._loaded[loaded.regulation.id] = loaded
        self._fingerprints.pop(loaded.regulation.id, None)

    def kind_of(self, left: str, right: str) -> Kind:
        """The kind the catalog gives a comparison; a revision by default."""
        comparison = self.catalog.comparison(left, right) or self.catalog.comparison(right, left)
        return comparison.kind if comparison else Kind.REVISION

    def alignment(self, left: str, right: str, kind: Kind | None = None) -> Alignment:
        return self._per_comparison(
            "align",
            left,
            right,
            kind,
            lambda kind: _align(self.regulation(left), self.regulation(right), kind),
        )

    def summary(self, left: str, right: str, kind: Kind | None = None) -> Summary:
        """The change summary of a comparison (``changes``)."""
        return self._per_comparison(
            "summary", left, right, kind, lambda kind: summarize(self, left, right, kind)
        )

    def _per_comparison(self, stage: str, left: str, right: str, kind: Kind | None, compute):
        """A result computed once per comparison: in memory, and in the cache on disk."""
        kind = kind or self.kind_of(left, right)
        key = (stage, left, right, kind)
        if key not in self._comparisons:
            self._comparisons[key] = self.cache.memo(
                stage,
                key_of(self.fingerprint(left), self.fingerprint(right), kind.value),
                lambda: compute(kind),
            )
        return self._comparisons[key]

    def terms(self, regulation_id: str) -> list[DefinedTerm]:
        if regulation_id not in self._terms:
            self._terms[regulation_id] = defined_terms(self.regulation(regulation_id))
        return self._terms[regulation_id]

    def diff(
        self,
        left: str,
        left_article: int,
        right: str,
        right_article: int,
        *,
        by_word: bool = False,
    ) -> list[Op]:
        """Diff of two articles, keeping the terms either regulation defines whole."""
        terms = sorted({t.short for t in self.terms(left) + self.terms(right)})
        left_text = self.regulation(left).article(left_article).text
        right_text = self.regulation(right).article(right_article).text
        return self.cache.memo(
            "diff",
            key_of(left_text, right_text, terms, by_word),
            lambda: diff_texts(left_text, right_text, terms, by_word=by_word),
        )


def _align(left: Regulation, right: Regulation, kind: Kind) -> Alignment:
    from comparator.compare.align import align  # numpy and scipy: only when something is aligned

    return align(left, right, kind)


def _shown(path: Path) -> str:
    """A path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "regulation"
