"""What every page of the site is made of: the computed model and shared pieces.

``Site`` gathers once per build what the pages show (annotations, alignments);
titles, headline counts and article cells are shared by the views in ``pages`` and
``comparisons``. Nothing here parses, aligns or writes HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from comparator.cache import key_of
from comparator.catalog import Comparison, Entry, ThreeWay
from comparator.compare.annotate import Span
from comparator.compare.pairs import Alignment
from comparator.compare.quantities import quantities
from comparator.compare.table import Run
from comparator.library import Library
from comparator.model import CommentChannel, Regulation
from comparator.publish.export.reproducible import build_date
from comparator.publish.site.paths import (
    comparison_page,
    implementation_page,
    link,
    regulation_page,
)
from comparator.publish.site.templating import render, templates_version
from comparator.vocabulary import HEADLINE_STATUSES, Kind, Status


@dataclass(frozen=True)
class SitePage:
    path: str  # Markdown path inside docs, e.g. regulations/shenzhen-draft.md
    title: str
    content: str
    key: str = ""  # a key of all the page is made of (``Site.cached``), "" if it has none
    # Its HTML is kept from an earlier build (``Site.kept``): no content was made.
    kept: bool = False


@dataclass(frozen=True)
class Cell:
    """An article in a cell of a 对照表: its label, linked to its page, and its text."""

    href: str
    label: str
    runs: list[Run]


@dataclass
class Site:
    """What the pages are made of, computed once per build."""

    library: Library
    alignments: dict[str, Alignment] = field(default_factory=dict)  # comparison slug -> alignment
    # law id -> implementing text id -> their alignment (the law's articles on the left)
    implementations: dict[str, dict[str, Alignment]] = field(default_factory=dict)
    comments: dict[str, CommentChannel] = field(default_factory=dict)  # drafts open to comment
    today: str = ""  # the build date: comment on a draft is open until its deadline
    custom_templates: Path | None = None  # templates that replace the package's ones
    compiled_templates: Path | None = None  # where compiled templates are kept
    templates: str = ""  # the version of the templates (``templates_version``)
    downloads: bool = True  # the site offers each 对照表 as files (not the corpus edition)
    _three_ways: list[ThreeWay] | None = field(default=None, repr=False)
    _implementers: dict[str, list[Entry]] | None = field(default=None, repr=False)
    # (page path, page key) -> is the page's laid-out HTML kept? (the corpus edition)
    kept: Callable[[str, str], bool] | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        library: Library,
        custom_templates: Path | None = None,
        compiled_templates: Path | None = None,
        downloads: bool = True,
    ) -> Site:
        site = cls(
            library,
            custom_templates=custom_templates,
            compiled_templates=compiled_templates,
            templates=templates_version(custom_templates),
            downloads=downloads,
        )
        for comparison in library.catalog.comparisons:
            site.alignments[comparison.slug] = library.alignment(
                comparison.left, comparison.right, comparison.kind
            )
        for law in library.catalog.implemented_laws:
            site.implementations[law] = library.implementations(law)
        for entry in site.entries:
            if (channel := library.comment_channel(entry.id)) is not None:
                site.comments[entry.id] = channel
        site.today = build_date()
        return site

    def render(self, template: str, **data: Any) -> str:
        return render(template, self.custom_templates, self.compiled_templates, **data)

    def cached(
        self,
        kind: str,
        regulation_ids: tuple[str, ...],
        make: Callable[[], SitePage],
        path: str,
    ) -> SitePage:
        """The page of this kind about these regulations (at ``path``), from the cache
        when none of its inputs changed.

        The key holds the page (kind and ids), all a page about these regulations can
        show (``inputs``), the templates and the code: under a rebuild, only the pages
        of an edited text are laid out again. When the site keeps laid-out HTML
        (``kept``) and holds this page's, not even its Markdown is read.
        """
        key = key_of("page", kind, self.templates, self.downloads, self.inputs(regulation_ids))
        if self.kept is not None and self.kept(path, key):
            return SitePage(path, "", "", key, kept=True)
        page = self.library.cache.memo("page", key, make)
        return replace(page, key=key)

    def inputs(self, regulation_ids: tuple[str, ...]) -> tuple[object, ...]:
        """What the pages about these regulations are made of: each one's catalog entry
        and text, and every comparison one of them is part of, with the other regulation's
        entry and text; of each text shown, the texts its citations of laws link to
        (``Library.law_links``), not the whole catalog's titles: a text added to a corpus
        lays out again the pages that cite it, not every page."""
        library = self.library
        own = tuple(
            (repr(self.entry(i)), library.fingerprint(i), library.law_links(i))
            for i in regulation_ids
        )
        others = tuple(
            (repr(c), repr(self.entry(other)), library.fingerprint(other), library.law_links(other))
            for c in library.catalog.comparisons
            if c.left in regulation_ids or c.right in regulation_ids
            for other in (c.left, c.right)
        )
        related = tuple(
            (
                repr(self.entry(other)),
                library.fingerprint(other),
                library.law_links(other),
                self.comment_state(other),
            )
            for other in self.related(regulation_ids)
        )
        return (regulation_ids, own, others, related)

    def related(self, regulation_ids: tuple[str, ...]) -> list[str]:
        """The regulations a page about these shows besides them: their versions, the law
        they implement, the texts that implement them (and those texts' versions)."""
        library, catalog = self.library, self.library.catalog
        found: dict[str, None] = {}
        for regulation_id in regulation_ids:
            entry = catalog.entry(regulation_id)
            found.update(dict.fromkeys(e.id for e in library.versions(regulation_id)))
            for law in (entry.implements, regulation_id):
                for text in self.implementers(law):
                    found.update(dict.fromkeys(e.id for e in library.versions(text.id)))
                if law:
                    found[law] = None
        return list(found)

    def implementers(self, law_id: str) -> list[Entry]:
        """The texts that implement a law (``Catalog.implementations``), gathered once for
        every law: each page's key asks, and a corpus has thousands of pages."""
        if self._implementers is None:
            self._implementers = {}
            for entry in self.library.catalog.entries.values():
                if entry.implements:
                    self._implementers.setdefault(entry.implements, []).append(entry)
        return self._implementers.get(law_id, [])

    def comment_state(self, regulation_id: str) -> tuple[CommentChannel | None, bool]:
        """A draft's comment channel, and whether comment is open on the build date."""
        channel = self.comments.get(regulation_id)
        return channel, channel is not None and channel.open_on(self.today)

    @property
    def entries(self) -> list[Entry]:
        return list(self.library.catalog.entries.values())

    def entry(self, regulation_id: str) -> Entry:
        return self.library.catalog.entry(regulation_id)

    def regulation(self, regulation_id: str) -> Regulation:
        return self.library.regulation(regulation_id)

    def defined_words(self) -> list[str]:
        """The short forms every published regulation defines, in catalog order."""
        return [term.short for e in self.entries for term in self.library.annotations(e.id).terms]

    def quantity_words(self) -> list[str]:
        """The numbers with their units the published texts hold: 三个工作日, 十二小时."""
        found = {
            q.amount
            for regulation in self.library.regulations()
            for article in regulation.articles
            for q in quantities(article.text)
        }
        return sorted(found)

    def three_ways(self) -> list[ThreeWay]:
        if self._three_ways is None:  # every page asks; a corpus has thousands
            self._three_ways = self.library.catalog.three_ways()
        return self._three_ways

    def views_of(self, ids: Sequence[str], here: str) -> list[tuple[str, list[ViewLink]]]:
        """The comparisons a reader may switch to from a view of the texts ``ids``: the
        revision 对照表, the cross-jurisdiction ones, the three-way views and the
        implementation matrix that include one of them, grouped in that order."""
        catalog = self.library.catalog
        revisions: list[tuple[str, str]] = []
        crosses: list[tuple[str, str]] = []
        threes: list[tuple[str, str]] = []
        matrices: list[tuple[str, str]] = []
        for c in catalog.comparisons:
            if c.left in ids or c.right in ids:
                found = revisions if c.kind is Kind.REVISION else crosses
                found.append((comparison_page(c.left, c.right), comparison_title(self, c)))
        for t in self.three_ways():
            if set(t.ids) & set(ids):
                threes.append((comparison_page(*t.ids), three_way_title(self, t)))
        laws = {catalog.entries[i].implements for i in ids if i in catalog.entries}
        implemented = catalog.implemented_laws
        laws |= {i for i in ids if i in implemented}
        for law in implemented:
            if law in laws:
                matrices.append((implementation_page(law), implementation_title(self, law)))
        groups = (
            ("修订对照", revisions),
            ("跨地区对照", crosses),
            ("三方对照", threes),
            ("实施矩阵", matrices),
        )
        return [
            (name, [ViewLink(link(here, page), title, page == here) for page, title in pages])
            for name, pages in groups
            if pages
        ]

    def between(self, first: str, second: str) -> tuple[Comparison, bool] | None:
        """The catalog's comparison of two regulations, and whether it runs the other way."""
        for comparison in self.library.catalog.comparisons:
            if (comparison.left, comparison.right) == (first, second):
                return comparison, False
            if (comparison.left, comparison.right) == (second, first):
                return comparison, True
        return None

    def pair_alignment(self, first: str, second: str) -> tuple[Alignment, bool]:
        """The alignment of two compared regulations, and whether it runs the other way."""
        found = self.between(first, second)
        assert found is not None, (first, second)
        comparison, flipped = found
        return self.alignments[comparison.slug], flipped

    def spans(self, node_id: str) -> list[Span]:
        regulation_id = node_id.split("/")[0]
        return self.library.annotations(regulation_id).spans.get(node_id, [])

    def cell(self, regulation_id: str, number: int, runs: list[Run], here: str) -> Cell:
        """An article in a 对照表 shown on page ``here``."""
        href = link(here, regulation_page(regulation_id), f"art-{number}")
        label = self.regulation(regulation_id).article(number).label
        return Cell(href, label, runs)


@dataclass(frozen=True)
class ViewLink:
    """Another view of the same texts, in the switcher of a comparison page."""

    href: str
    title: str
    current: bool


# Titles -------------------------------------------------------------------------


def implementation_title(site: Site, law_id: str) -> str:
    return f"{site.entry(law_id).short_title}各地实施对照"


def comparison_title(site: Site, comparison: Comparison) -> str:
    left, right = site.entry(comparison.left), site.entry(comparison.right)
    if comparison.kind is Kind.REVISION:
        return f"{right.short_title}修订前后对照"
    return f"{left.short_title}与{right.short_title}对照"


def three_way_title(site: Site, three: ThreeWay) -> str:
    return "三方对照：" + "、".join(site.entry(i).short_title for i in three.ids)


def headline(alignment: Alignment) -> list[tuple[Status, int]]:
    """The counts a reader looks at first: each status of this kind that occurs."""
    counts = alignment.counts()
    return [(s, counts[s.value]) for s in HEADLINE_STATUSES[alignment.kind] if counts[s.value]]
