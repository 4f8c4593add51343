"""What every page of the site is made of: the computed model and shared pieces.

``Site`` computes once per build what the pages show (annotations, alignments);
titles, headline counts, links to files and table cells are shared by the views in
``pages`` and ``comparisons``. Nothing here parses or aligns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from comparator.cache import key_of
from comparator.catalog import Comparison, Entry
from comparator.compare import words
from comparator.compare.annotate import Annotations, annotate, law_key
from comparator.compare.pairs import Alignment, ArticlePair
from comparator.library import Library
from comparator.model import Regulation
from comparator.publish.site import render
from comparator.publish.site.markup import text as esc
from comparator.publish.site.render import link, regulation_page
from comparator.vocabulary import CROSS_STATUS_LABELS, STATUS_LABELS, Kind, Status

# Front matter of the wide pages (the 对照表): no side navigation, no table of contents.
WIDE = "---\nhide:\n  - navigation\n  - toc\n---\n\n"


@dataclass(frozen=True)
class SitePage:
    path: str  # Markdown path inside docs, e.g. regulations/shenzhen-draft.md
    title: str
    content: str


@dataclass
class ThreeWay:
    """A revision (old -> new) and a third text compared with both."""

    old: str
    new: str
    other: str

    @property
    def ids(self) -> tuple[str, str, str]:
        return (self.old, self.new, self.other)


@dataclass
class Site:
    """What the pages are made of, computed once per build."""

    library: Library
    annotations: dict[str, Annotations] = field(default_factory=dict)
    alignments: dict[str, Alignment] = field(default_factory=dict)  # comparison slug -> alignment

    @classmethod
    def build(cls, library: Library) -> Site:
        site = cls(library)
        law_titles = {law_key(e.title): e.id for e in library.catalog.entries.values()}
        for regulation in library.regulations():
            site.annotations[regulation.id] = library.cache.memo(
                "annotate",
                key_of(library.fingerprint(regulation.id), sorted(law_titles.items())),
                lambda regulation=regulation: annotate(regulation, law_titles),
            )
            # Defined terms are words: in the search index and in the diffs.
            words.register(term.short for term in site.annotations[regulation.id].terms)
        for comparison in library.catalog.comparisons:
            site.alignments[comparison.slug] = library.alignment(
                comparison.left, comparison.right, comparison.kind
            )
        return site

    @property
    def entries(self) -> list[Entry]:
        return list(self.library.catalog.entries.values())

    def entry(self, regulation_id: str) -> Entry:
        return self.library.catalog.entry(regulation_id)

    def regulation(self, regulation_id: str) -> Regulation:
        return self.library.regulation(regulation_id)

    def three_ways(self) -> list[ThreeWay]:
        """For each family: its revision and a third member compared with both texts."""
        found = []
        for family in self.library.catalog.families:
            for comparison in family.comparisons:
                if comparison.kind is not Kind.REVISION:
                    continue
                for other in family.members:
                    if other in (comparison.left, comparison.right):
                        continue
                    if self._between(comparison.right, other) and self._between(
                        comparison.left, other
                    ):
                        found.append(ThreeWay(comparison.left, comparison.right, other))
                        break
        return found

    def _between(self, first: str, second: str) -> tuple[Comparison, bool] | None:
        """The catalog's comparison of two regulations, and whether it runs the other way."""
        for comparison in self.library.catalog.comparisons:
            if (comparison.left, comparison.right) == (first, second):
                return comparison, False
            if (comparison.left, comparison.right) == (second, first):
                return comparison, True
        return None

    def pair_alignment(self, first: str, second: str) -> tuple[Alignment, bool]:
        """The alignment of two compared regulations, and whether it runs the other way."""
        found = self._between(first, second)
        assert found is not None, (first, second)
        comparison, flipped = found
        return self.alignments[comparison.slug], flipped

    def spans(self, node_id: str):
        regulation_id = node_id.split("/")[0]
        return self.annotations[regulation_id].spans.get(node_id, [])


# Titles -------------------------------------------------------------------------


def comparison_title(site: Site, comparison: Comparison) -> str:
    left, right = site.entry(comparison.left), site.entry(comparison.right)
    if comparison.kind is Kind.REVISION:
        return f"{right.short_title}修订前后对照"
    return f"{left.short_title}与{right.short_title}对照"


def three_way_title(site: Site, three: ThreeWay) -> str:
    return "三方对照：" + "、".join(site.entry(i).short_title for i in three.ids)


def headline(alignment: Alignment) -> str:
    """The counts a reader looks at first, as badges."""
    counts = alignment.counts()
    if alignment.kind is Kind.REVISION:
        shown = [
            Status.MODIFIED,
            Status.ADDED,
            Status.DELETED,
            Status.RENUMBERED,
            Status.MOVED,
            Status.SPLIT,
            Status.MERGED,
            Status.UNCHANGED,
        ]
        labels = STATUS_LABELS
    else:
        shown = [
            Status.MODIFIED,
            Status.RELATED,
            Status.SPLIT,
            Status.MERGED,
            Status.DELETED,
            Status.ADDED,
        ]
        labels = CROSS_STATUS_LABELS
    return " ".join(
        f'<span class="count count-{s.value}" data-status="{s.value}">{labels[s]} '
        f"<strong>{counts[s.value]}</strong></span>"
        for s in shown
        if counts[s.value]
    )


def row_id(pair: ArticlePair) -> str:
    left = pair.left if pair.left is not None else "x"
    right = pair.right if pair.right is not None else "x"
    return f"row-{left}-{right}"


def article_cell(site: Site, regulation_id: str, number: int, body: str, here: str) -> str:
    href = link(here, regulation_page(regulation_id), f"art-{number}")
    label = site.regulation(regulation_id).article(number).label
    return (
        f'<a class="article-link" href="{esc(href)}">{esc(label)}</a>'
        f'<div class="cell-text">{body}</div>'
    )


def link_file(from_page: str, file_path: str) -> str:
    """A relative link from a page to a file of the site (not a page)."""
    depth = render.page_url(from_page).count("/")
    return "../" * depth + file_path
