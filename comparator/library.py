"""Loading regulations and gathering what the stages need: the one place that does I/O.

``Library`` is what the command line, the site and the exports share: it reads
each catalogued source once, parses each regulation once, hands each stage the
plain data it takes (regulations, an alignment, diffs, terms) and keeps what the
stage returns, in memory and, with a ``Cache``, on disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from comparator.cache import Cache, NoCache, key_of
from comparator.catalog import Catalog, Entry, load_catalogs, sha256_of
from comparator.compare.annotate import Annotations, annotate, cited_laws, law_key
from comparator.compare.background import Background
from comparator.compare.changes import Summary, compared_pairs, compares_words, summarize
from comparator.compare.diff import Op, diff_texts
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.compare.relations import Relations
from comparator.compare.table import ComparisonTable, comparison_table, table_pairs
from comparator.compare.terms import DefinedTerm, defined_terms
from comparator.compare.three_way import Facing, ThreeWayTable, three_way_table
from comparator.model import (
    CommentChannel,
    Regulation,
    SourceError,
    article_texts,
    count_nodes,
    parse_article_id,
)
from comparator.text.load import Loaded
from comparator.text.notice import comment_channel
from comparator.text.parse import parse
from comparator.text.read import read_source
from comparator.text.split import split
from comparator.vocabulary import DRAFT, Kind

if TYPE_CHECKING:
    from comparator.compare.aligner import Aligner

DEFAULT_CATALOG = Path("sources/catalog.toml")
T = TypeVar("T")


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

    A cross pair weighs its words over the whole collection, so it depends on every
    text. A corpus of thousands of texts gives a ``scope`` instead: the texts a cross
    pair is weighed over (a law and the texts implementing it), so that editing one
    text recomputes the comparisons of its own group only.
    """

    def __init__(
        self,
        catalog: Catalog,
        verify: bool = True,
        cache: Cache | None = None,
        scope: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.catalog = catalog
        self.verify = verify
        self.cache = cache or NoCache()
        self.scope = scope
        self._loaded: dict[str, Loaded] = {}
        self._fingerprints: dict[str, str] = {}
        self._comparisons: dict[tuple[str, str, str, Kind], object] = {}
        self._terms: dict[str, list[DefinedTerm]] = {}
        self._annotations: dict[str, Annotations] = {}
        self._titles: dict[str, str] | None = None
        self._cited: dict[str, list[str]] = {}  # id -> the titles its text cites
        self._versions: dict[str, list[Entry]] | None = None
        self._aligners: dict[tuple[str, ...] | None, Aligner] = {}
        self._three_ways: dict[tuple[str, str, str], ThreeWayTable] = {}

    @classmethod
    def open(
        cls, catalogs: list[Path] | None = None, verify: bool = True, cache: Cache | None = None
    ) -> Library:
        return cls(load_catalogs(catalogs or [DEFAULT_CATALOG]), verify, cache)

    def fingerprint(self, regulation_id: str) -> str:
        """A key for everything computed from one regulation: its text and catalog entry."""
        if regulation_id not in self._fingerprints:
            # A catalogued text by its entry and its file's sha256, whether or not it was
            # parsed yet: the same key in every build (a text read from a file, by its text).
            if regulation_id not in self.catalog.entries:
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
        regulation_id = loaded.regulation.id
        self._loaded[regulation_id] = loaded
        for memo in (self._fingerprints, self._terms, self._annotations):
            memo.pop(regulation_id, None)
        self._aligners.clear()  # their collection, and so its idf, has grown
        self._three_ways.clear()

    def versions(self, regulation_id: str) -> list[Entry]:
        """The versions of a text, oldest first (``Catalog.versions``), worked out once
        for every text: a corpus asks for those of thousands of texts on each page."""
        if self._versions is None:
            self._versions = self.catalog.version_chains()
        return self._versions.get(regulation_id) or self.catalog.versions(regulation_id)

    def counts(self, regulation_id: str) -> dict[str, int]:
        """How many chapters, articles … a text has (``count_nodes``), kept with its parse:
        index pages list thousands of texts without reading each one."""
        return self.cache.memo(
            "counts",
            key_of(self.fingerprint(regulation_id)),
            lambda: count_nodes(self.regulation(regulation_id)),
        )

    def has_explanation(self, regulation_id: str) -> bool:
        """Was a 说明 published with the text? Kept with its parse, as ``counts``."""
        return self.cache.memo(
            "explained",
            key_of(self.fingerprint(regulation_id)),
            lambda: self.regulation(regulation_id).explanation is not None,
        )

    def adopt(self, other: Library) -> None:
        """Take over the texts another library of the same sources has parsed already."""
        for regulation_id, loaded in other._loaded.items():
            if regulation_id in self.catalog.entries:
                self._loaded.setdefault(regulation_id, loaded)

    def kind_of(self, left: str, right: str) -> Kind:
        """The kind the catalog gives a comparison (a law and a text implementing it: cross);
        a revision by default."""
        return self.catalog.compared_kind(left, right) or Kind.REVISION

    def alignment(self, left: str, right: str, kind: Kind | None = None) -> Alignment:
        return self._per_comparison(
            "align",
            left,
            right,
            kind,
            lambda kind: self.aligner(self._scope_of(left)).alignment(left, right, kind),
        )

    def aligner(self, scope: tuple[str, ...] | None = None) -> Aligner:
        """The aligner of the collection (or of a scope of it): every text weighs words,
        laws link texts."""
        if scope not in self._aligners:
            from comparator.compare.aligner import Aligner  # numpy, scipy: only when needed

            self._aligners[scope] = Aligner(
                self.regulation, self.background(scope), self.relations(), self.catalog.links
            )
        return self._aligners[scope]

    def background(self, scope: tuple[str, ...] | None = None) -> Background:
        """How common each bigram and word is across every article of the collection
        (or of the texts of ``scope``)."""
        return self.cache.memo(
            "background",
            self._collection_key(scope),
            lambda: Background.of(
                article.text
                for regulation_id in self._collection(scope)
                for article in self.regulation(regulation_id).articles
            ),
        )

    def _scope_of(self, regulation_id: str) -> tuple[str, ...] | None:
        return self.scope(regulation_id) if self.scope else None

    def relations(self) -> Relations:
        """The law each text implements, and the first version of each (its version group)."""
        entries = self.catalog.entries
        implements = {e.id: e.implements for e in entries.values() if e.implements}
        first_versions = {i: self.versions(i)[0].id for i in entries}
        return Relations(implements, first_versions)

    def _collection_key(self, scope: tuple[str, ...] | None = None) -> str:
        """A key for what depends on every text (of a scope): the texts and the editors'
        links."""
        fingerprints = sorted(self.fingerprint(i) for i in self._collection(scope))
        return key_of(fingerprints, self._links_key())

    def _links_key(self) -> list[tuple[str, str, str, str]]:
        return [(k.left, k.right, k.verdict.value, k.note) for k in self.catalog.links]

    def _collection(self, scope: tuple[str, ...] | None = None) -> list[str]:
        """The ids of every text at hand: the catalog's, then those read from files (or
        those of ``scope``)."""
        if scope is not None:
            return list(scope)
        return list(dict.fromkeys([*self.catalog.entries, *self._loaded]))

    def summary(self, left: str, right: str, kind: Kind | None = None) -> Summary:
        """The change summary of a comparison (``changes``)."""

        def compute(kind: Kind) -> Summary:
            alignment = self.alignment(left, right, kind)
            by_word = compares_words(alignment.kind)
            diffs = self.diffs(compared_pairs(alignment), by_word=by_word)
            regulations = (self.regulation(left), self.regulation(right))
            terms = (self.terms(left), self.terms(right))
            return summarize(*regulations, alignment, diffs, terms, self.law_aliases())

        return self._per_comparison("summary", left, right, kind, compute)

    def law_aliases(self) -> dict[str, str]:
        """The short title of each catalogued text (代表法) to its full title, so that a
        citation by either names one law."""
        return {
            re.sub(r"（[^）]*）$", "", entry.short_title): entry.title
            for entry in self.catalog.entries.values()
        }

    def table(self, left: str, right: str, kind: Kind | None = None) -> ComparisonTable:
        """The 对照表 of a comparison: its rows, with the sha256 of each catalogued source.
        Computed once: its page, its downloads and the search index all read it."""
        return self._per_comparison("table", left, right, kind, partial(self._table, left, right))

    def _table(self, left: str, right: str, kind: Kind) -> ComparisonTable:
        alignment = self.alignment(left, right, kind)
        sources = {
            regulation_id: self.catalog.entries[regulation_id].sha256
            for regulation_id in (left, right)
            if regulation_id in self.catalog.entries
        }
        notes = {}
        if alignment.kind is Kind.REVISION:
            # A draft's 说明 explains its articles: each beside the rows it cites.
            for node, passages in self.annotations(right).notes.items():
                notes[node] = [passage.text for passage in passages]
        return comparison_table(
            self.regulation(left),
            self.regulation(right),
            alignment,
            self.diffs(table_pairs(alignment)),
            self.summary(left, right, alignment.kind),
            sources,
            notes,
        )

    def facing(self, first: str, second: str) -> Facing:
        """The catalog's comparison of two texts, read from ``first``."""
        if self.catalog.comparison(first, second) is not None:
            return Facing(self.alignment(first, second), flipped=False)
        if self.catalog.comparison(second, first) is not None:
            return Facing(self.alignment(second, first), flipped=True)
        raise KeyError(f"the catalog does not compare {first!r} with {second!r}")

    def three_way(self, old: str, new: str, other: str) -> ThreeWayTable:
        """The three-way view of a revision (old -> new) and a text compared with both.
        Computed once: its page and its download both read it."""
        ids = (old, new, other)
        if ids not in self._three_ways:
            revision = self.alignment(old, new, Kind.REVISION)
            self._three_ways[ids] = three_way_table(
                self.regulation(old),
                self.regulation(new),
                self.regulation(other),
                revision,
                self.facing(new, other),
                self.facing(old, other),
                self.diffs(revision.pairs),
            )
        return self._three_ways[ids]

    def _per_comparison(
        self, stage: str, left: str, right: str, kind: Kind | None, compute: Callable[[Kind], T]
    ) -> T:
        """A result computed once per comparison: in memory, and in the cache on disk."""
        kind = kind or self.kind_of(left, right)
        key = (stage, left, right, kind)
        if key not in self._comparisons:
            self._comparisons[key] = self.cache.memo(
                stage, self.comparison_key(left, right, kind), lambda: compute(kind)
            )
        return self._comparisons[key]  # type: ignore[return-value]

    def computed(self, stage: str, left: str, right: str, kind: Kind) -> bool:
        """Is a comparison's result of ``stage`` (align, summary …) in the disk cache?"""
        return self.cache.has(stage, self.comparison_key(left, right, kind))

    def comparison_key(self, left: str, right: str, kind: Kind) -> str:
        """A key for everything computed from a comparison: what its alignment reads."""
        return key_of(
            self.fingerprint(left),
            self.fingerprint(right),
            kind.value,
            # A cross pair weighs words over every text and asks the others; a
            # revision reads its two texts (and the editors' links) only.
            self._collection_key(self._scope_of(left)) if kind is Kind.CROSS else self._links_key(),
        )

    def annotations(self, regulation_id: str) -> Annotations:
        """The annotation layers of a regulation; laws it cites are linked to the catalog.

        Kept in memory too: a comparison's table and each of its downloads ask again.
        """
        if regulation_id not in self._annotations:
            self._annotations[regulation_id] = self.cache.memo(
                "annotate",
                key_of(self.fingerprint(regulation_id), self.law_links(regulation_id)),
                lambda: annotate(self.regulation(regulation_id), self._law_titles()),
            )
        return self._annotations[regulation_id]

    def law_links(self, regulation_id: str) -> list[tuple[str, str]]:
        """Each title the text cites, with the catalogued text it links to ("" for none):
        all its annotation (and its page) takes from the rest of the catalog. Kept with
        its parse, as ``counts``: a text added to a corpus changes the pages of the texts
        that cite it, not every page."""
        if regulation_id not in self._cited:  # every page showing the text asks
            self._cited[regulation_id] = self.cache.memo(
                "cited",
                key_of(self.fingerprint(regulation_id)),
                lambda: cited_laws(self.regulation(regulation_id)),
            )
        law_titles = self._law_titles()
        return [(title, law_titles.get(title, "")) for title in self._cited[regulation_id]]

    def _law_titles(self) -> dict[str, str]:
        """The catalogued laws by title (as a citation names them): worked out once, not
        once per text (a corpus has thousands)."""
        if self._titles is None:
            self._titles = {law_key(e.title): e.id for e in self.catalog.entries.values()}
        return self._titles

    def comment_channel(self, regulation_id: str) -> CommentChannel | None:
        """How to comment on a draft: as its catalog entry says, or its notice."""
        entry = self.catalog.entry(regulation_id)
        if entry.comments is not None:
            return entry.comments
        if entry.kind != DRAFT:
            return None
        return comment_channel(self.regulation(regulation_id).metadata.notices)

    def implementations(self, law_id: str) -> dict[str, Alignment]:
        """How each catalogued text that implements a law matches it: the law's articles on
        the left, the text's on the right (a cross alignment), by the text's id."""
        return {
            entry.id: self.alignment(law_id, entry.id, Kind.CROSS)
            for entry in self.catalog.implementations(law_id)
        }

    def terms(self, regulation_id: str) -> list[DefinedTerm]:
        if regulation_id not in self._terms:
            self._terms[regulation_id] = defined_terms(self.regulation(regulation_id))
        return self._terms[regulation_id]

    def diff(self, left: str, right: str, *, by_word: bool = False) -> list[Op]:
        """Diff of two articles, by node id, keeping the terms either regulation defines whole.

        ``diff("shenzhen-2007/art-3", "shenzhen-draft/art-4")``.
        """
        (left_id, left_number), (right_id, right_number) = (
            parse_article_id(left),
            parse_article_id(right),
        )
        terms = sorted({t.short for t in self.terms(left_id) + self.terms(right_id)})
        left_text = self.regulation(left_id).article(left_number).text
        right_text = self.regulation(right_id).article(right_number).text
        return self.cache.memo(
            "diff",
            key_of(left_text, right_text, terms, by_word),
            lambda: diff_texts(left_text, right_text, terms, by_word=by_word),
        )

    def diffs(
        self, pairs: list[ArticlePair], *, by_word: bool = False
    ) -> dict[tuple[str, str], list[Op]]:
        """The diffs of article pairs that have both articles, by their node ids."""
        return {
            pair.ids: self.diff(pair.left_id, pair.right_id, by_word=by_word)
            for pair in pairs
            if pair.left_id is not None and pair.right_id is not None
        }


def _shown(path: Path) -> str:
    """A path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
