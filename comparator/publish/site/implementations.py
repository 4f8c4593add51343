"""The implementation matrix of a national law: how each place implements each article.

One row per article of the law, one column per catalogued text that implements it
(``implements = "<law>"``), each cell the articles of that text which implement the
row's article (from the cross alignment of the law with the text); below, each text's
articles with no counterpart in the law, what the place added of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from comparator.compare.pairs import Alignment
from comparator.model import Regulation, anchor, article_id
from comparator.publish.site.context import Site, SitePage, implementation_title
from comparator.publish.site.paths import implementation_page, link, regulation_page
from comparator.vocabulary import Status

EXCERPT = 30  # characters of a law article shown in its row


@dataclass(frozen=True)
class Column:
    """A text that implements the law."""

    short_title: str
    jurisdiction: str
    year: str
    kind: str
    href: str


@dataclass(frozen=True)
class Implementing:
    """An article of a text, as a cell shows it: its label, its text on demand."""

    label: str
    href: str
    text: str
    related: bool = False  # a weaker match (相关) than a counterpart (对应)


@dataclass(frozen=True)
class MatrixRow:
    anchor: str  # art-19: the row's id, so the law's article pages can link to it
    label: str
    href: str
    excerpt: str
    cells: list[list[Implementing]]


def implementation_view(site: Site, law_id: str) -> SitePage:
    here = implementation_page(law_id)
    law = site.regulation(law_id)
    texts = _columns_in_order(site, law_id)
    alignments = [site.implementations[law_id][text] for text in texts]
    rows = [
        MatrixRow(
            f"art-{article.number}",
            article.label,
            link(here, regulation_page(law_id), f"art-{article.number}"),
            _excerpt(article.text),
            [
                _implementing(site, alignment, article_id(law_id, article.number), here)
                for alignment in alignments
            ],
        )
        for article in law.articles
    ]
    own = [
        (column, _own_articles(site, alignment, here))
        for column, alignment in zip(_columns(site, texts, here), alignments, strict=True)
    ]
    title = implementation_title(site, law_id)
    content = site.render(
        "implementation.md.jinja",
        title=title,
        views=site.views_of([law_id, *texts], here),
        law=site.entry(law_id),
        law_href=link(here, regulation_page(law_id)),
        columns=_columns(site, texts, here),
        rows=rows,
        own=own,
    )
    return SitePage(here, title, content)


def _columns_in_order(site: Site, law_id: str) -> list[str]:
    """The implementing texts in catalog order, the versions of one text side by side."""
    catalog = site.library.catalog
    texts = [entry.id for entry in catalog.implementations(law_id)]
    ordered: list[str] = []
    for text in texts:
        for version in site.library.versions(text):
            if version.id in texts and version.id not in ordered:
                ordered.append(version.id)
    return ordered


def _columns(site: Site, texts: list[str], here: str) -> list[Column]:
    columns = []
    for text in texts:
        entry = site.entry(text)
        href = link(here, regulation_page(text))
        columns.append(
            Column(entry.short_title, entry.jurisdiction, entry.date[:4], entry.kind, href)
        )
    return columns


def _implementing(
    site: Site, alignment: Alignment, law_article: str, here: str
) -> list[Implementing]:
    """The articles of a text that implement one article of the law, in their order."""
    text = site.regulation(alignment.right)
    numbers = sorted(
        (pair.right, pair.status is Status.RELATED)
        for pair in alignment.partners(law_article)
        if pair.right is not None
    )
    return [_article(site, text, number, here, related) for number, related in numbers]


def _own_articles(site: Site, alignment: Alignment, here: str) -> list[Implementing]:
    """The articles of a text that implement no article of the law."""
    regulation = site.regulation(alignment.right)
    return [
        _article(site, regulation, pair.right, here)
        for pair in alignment.pairs
        if pair.left is None and pair.right is not None
    ]


def _article(
    site: Site, regulation: Regulation, number: int, here: str, related: bool = False
) -> Implementing:
    article = regulation.article(number)
    href = link(here, regulation_page(regulation.id), anchor(article_id(regulation.id, number)))
    return Implementing(article.label, href, article.text, related)


def _excerpt(text: str) -> str:
    first = text.split("\n")[0]
    return first[:EXCERPT] + ("…" if len(first) > EXCERPT or "\n" in text else "")
