"""The site's pages: plain data gathered from the model, laid out by the templates.

Home, regulation pages, the 说明 and the downloads page here; the comparison pages
in ``comparisons``. Nothing here parses, aligns or annotates, and no HTML is written
here: each view hands a template (``templates/*.md.jinja``) what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from comparator.catalog import Comparison
from comparator.compare.annotate import Note, Span, citations
from comparator.compare.table import row_id
from comparator.library import Library
from comparator.model import Article, Division, Node, anchor, count_nodes, walk
from comparator.publish.export import COMPARISON_FORMATS, REGULATION_FORMATS
from comparator.publish.markup import text as esc
from comparator.publish.site.comparisons import comparison_view, three_way_view
from comparator.publish.site.context import (
    Site,
    SitePage,
    comparison_title,
    headline,
    three_way_title,
)
from comparator.publish.site.paths import (
    ABOUT_PAGE,
    DOWNLOADS_PAGE,
    HOME_PAGE,
    comparison_file,
    comparison_page,
    explanation_page,
    link,
    link_file,
    regulation_file,
    regulation_page,
)
from comparator.vocabulary import Kind, NodeKind, Side, SpanKind, Status


def build_pages(site: Site) -> list[SitePage]:
    """Every page of the site; a page about regulations whose inputs did not change
    comes from the cache."""
    pages = [home_page(site)]
    for entry in site.entries:
        make = partial(regulation_view, site, entry.id)
        pages.append(site.cached("regulation", (entry.id,), make))
    for c in site.library.catalog.comparisons:
        make = partial(comparison_view, site, c)
        pages.append(site.cached(f"comparison {c.kind}", (c.left, c.right), make))
    for t in site.three_ways():
        pages.append(site.cached("three-way", t.ids, partial(three_way_view, site, t)))
    for entry in site.entries:
        if site.regulation(entry.id).explanation is not None:
            make = partial(explanation_view, site, entry.id)
            pages.append(site.cached("explanation", (entry.id,), make))
    pages.append(downloads_view(site))
    return pages


def site_nav(library: Library) -> list:
    """Navigation: home, the texts, the comparisons, the explanations, downloads, about.

    MkDocs and Material print navigation titles as HTML: catalog text is escaped.
    """
    site = Site(library)
    entries = site.entries
    comparisons = [
        {esc(comparison_title(site, c)): comparison_page(c.left, c.right)}
        for c in library.catalog.comparisons
    ]
    comparisons += [
        {esc(three_way_title(site, t)): comparison_page(*t.ids)} for t in site.three_ways()
    ]
    nav: list = [
        {"首页": HOME_PAGE},
        {"法规文本": [{esc(e.short_title): regulation_page(e.id)} for e in entries]},
    ]
    if comparisons:
        nav.append({"条文对照": comparisons})
    explanations = [
        {esc(f"{e.short_title}说明"): explanation_page(e.id)}
        for e in entries
        if library.regulation(e.id).explanation is not None
    ]
    if explanations:
        nav.append({"起草说明": explanations})
    nav.append({"下载": DOWNLOADS_PAGE})
    nav.append({"关于本站": ABOUT_PAGE})
    return nav


# Home -----------------------------------------------------------------------------


def home_page(site: Site) -> SitePage:
    here = HOME_PAGE
    regulations = [
        {
            "entry": entry,
            "href": link(here, regulation_page(entry.id)),
            "counts": count_nodes(site.regulation(entry.id)),
        }
        for entry in site.entries
    ]
    comparisons = [
        {
            "href": link(here, comparison_page(c.left, c.right)),
            "title": comparison_title(site, c),
            "kind": c.kind,
            "counts": headline(site.alignments[c.slug]),
        }
        for c in site.library.catalog.comparisons
    ]
    three_ways = [
        {"href": link(here, comparison_page(*t.ids)), "title": three_way_title(site, t)}
        for t in site.three_ways()
    ]
    content = site.render(
        "home.md.jinja",
        regulations=regulations,
        comparisons=comparisons,
        three_ways=three_ways,
    )
    return SitePage(here, "首页", content)


# Regulation pages --------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of article text, with what an annotation makes of it."""

    text: str
    kind: SpanKind | None = None
    href: str = ""  # a reference or a catalogued law: where it links to
    title: str = ""  # a defined term: its full name


@dataclass
class TextNode:
    """A paragraph, item or sub-item as the page shows it."""

    anchor: str
    label: str
    text: str
    segments: list[Segment]  # the text cut at its annotations; [] when it has none
    children: list[TextNode] = field(default_factory=list)


@dataclass
class Counterpart:
    """A link from an article to its partner in one comparison (or to its absence)."""

    other: str  # short title of the other regulation
    label: str  # the partner's label, "" when it has none
    href: str  # the partner's page and anchor, "" when it has none
    status: Status
    kind: Kind
    side: Side  # the side of the comparison this article is on
    row_href: str  # its row in the 对照表


@dataclass
class ArticleBlock:
    anchor: str
    label: str
    paragraphs: list[TextNode]
    counterparts: list[Counterpart]
    notes: list[Note]
    kind: str = NodeKind.ARTICLE


@dataclass
class ChapterBlock:
    anchor: str
    label: str
    title: str
    kind: str = NodeKind.CHAPTER


def regulation_view(site: Site, regulation_id: str) -> SitePage:
    regulation = site.regulation(regulation_id)
    entry = site.entry(regulation_id)
    here = regulation_page(regulation_id)
    annotations = site.annotations[regulation_id]
    comparisons = [
        c for c in site.library.catalog.comparisons if regulation_id in (c.left, c.right)
    ]
    blocks: list[ArticleBlock | ChapterBlock] = []
    text_nodes: dict[str, TextNode] = {}
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Division):
            # Only chapters with articles show as headings (sections and parts do not yet).
            if node.kind is NodeKind.CHAPTER and element.articles:
                blocks.append(ChapterBlock(anchor(node.id), element.label, element.title))
        elif isinstance(element, Article):
            blocks.append(
                ArticleBlock(
                    anchor(node.id),
                    element.label,
                    [],
                    counterparts(site, comparisons, node.id, here),
                    annotations.notes.get(node.id, []),
                )
            )
        else:
            text_nodes[node.id] = shown = _text_node(site, node, here)
            if node.kind is NodeKind.PARAGRAPH:
                article = blocks[-1]
                assert isinstance(article, ArticleBlock)
                article.paragraphs.append(shown)
            else:
                text_nodes[node.parent or ""].children.append(shown)
    links = [
        (link(here, comparison_page(c.left, c.right)), comparison_title(site, c))
        for c in site.library.catalog.comparisons
        if regulation.id in (c.left, c.right)
    ]
    if regulation.explanation is not None:
        links.append((link(here, explanation_page(regulation.id)), "起草说明"))
    content = site.render(
        "regulation.md.jinja",
        entry=entry,
        metadata=regulation.metadata,
        counts=count_nodes(regulation),
        links=links,
        blocks=blocks,
        explanation_href=link(here, explanation_page(regulation_id)),
    )
    return SitePage(here, entry.title, content)


def _text_node(site: Site, node: Node, here: str) -> TextNode:
    element = node.element
    assert not isinstance(element, Division | Article)
    label = "" if node.kind is NodeKind.PARAGRAPH else getattr(element, "label", "")
    spans = site.spans(node.id)
    segments = annotated(element.text, spans, here) if spans else []
    return TextNode(anchor(node.id), label, element.text, segments)


def annotated(text: str, spans: list[Span], here: str) -> list[Segment]:
    """``text`` cut into segments at its annotations; ``here`` is the page it is shown on.

    Overlapping spans: the first one wins.
    """
    segments: list[Segment] = []
    position = 0
    for span in spans:
        if span.start < position:
            continue
        segments.append(Segment(text[position : span.start]))
        inner = text[span.start : span.end]
        if span.kind is SpanKind.REFERENCE:
            regulation_id = span.target.split("/")[0]
            href = link(here, regulation_page(regulation_id), anchor(span.target))
            segments.append(Segment(inner, span.kind, href=href))
        elif span.kind is SpanKind.LAW:
            href = link(here, regulation_page(span.target)) if span.target else ""
            segments.append(Segment(inner, span.kind, href=href))
        else:
            segments.append(Segment(inner, span.kind, title=span.target))
        position = span.end
    segments.append(Segment(text[position:]))
    return segments


def counterparts(
    site: Site, comparisons: list[Comparison], article_node: str, here: str
) -> list[Counterpart]:
    """The article's counterparts in each of ``comparisons`` (those its regulation is part
    of), with the pair status."""
    regulation_id = article_node.split("/")[0]
    found = []
    for comparison in comparisons:
        side = Side.LEFT if regulation_id == comparison.left else Side.RIGHT
        other_side = Side.RIGHT if side is Side.LEFT else Side.LEFT
        other_id = comparison.right if side is Side.LEFT else comparison.left
        other = site.entry(other_id)
        row_page = comparison_page(comparison.left, comparison.right)
        for pair in site.alignments[comparison.slug].partners(article_node):
            partner = pair.side(other_side)
            label = href = ""
            if partner is not None:
                number = pair.right if other_side is Side.RIGHT else pair.left
                label = site.regulation(other_id).article(number or 0).label
                href = link(here, regulation_page(other_id), anchor(partner))
            row = link(here, row_page, row_id(pair.left, pair.right))
            found.append(
                Counterpart(other.short_title, label, href, pair.status, comparison.kind, side, row)
            )
    return found


# Downloads ------------------------------------------------------------------------------


def downloads_view(site: Site) -> SitePage:
    here = DOWNLOADS_PAGE
    comparisons = [
        {
            "href": link(here, comparison_page(c.left, c.right)),
            "title": comparison_title(site, c),
            "files": _comparison_files(c, here),
        }
        for c in site.library.catalog.comparisons
    ]
    regulations = [
        {
            "href": link(here, regulation_page(entry.id)),
            "title": entry.title,
            "files": [
                (link_file(here, regulation_file(entry.id, f)), label)
                for f, label in REGULATION_FORMATS.items()
            ],
        }
        for entry in site.entries
    ]
    content = site.render("downloads.md.jinja", comparisons=comparisons, regulations=regulations)
    return SitePage(here, "下载", content)


def _comparison_files(comparison: Comparison, here: str) -> list[tuple[str, str]]:
    return [
        (link_file(here, comparison_file(comparison.slug, f)), f.upper())
        for f in COMPARISON_FORMATS
    ]


# Explanation pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A stretch of a 说明 paragraph: plain text, or a citation with a link per article."""

    text: str
    links: list[tuple[int, str]]  # (article number, href); empty for plain text


def explanation_view(site: Site, regulation_id: str) -> SitePage:
    """The 说明 on a page of its own; each ``修订草案第X条`` links to the article."""
    regulation = site.regulation(regulation_id)
    explanation = regulation.explanation
    assert explanation is not None
    here = explanation_page(regulation_id)
    paragraphs = []
    for paragraph in explanation.paragraphs:
        text, position, pieces = paragraph.text, 0, []
        for start, end, numbers in citations(text):
            pieces.append(Citation(text[position:start], []))
            hrefs = [(n, link(here, regulation_page(regulation_id), f"art-{n}")) for n in numbers]
            pieces.append(Citation(text[start:end], hrefs))
            position = end
        pieces.append(Citation(text[position:], []))
        paragraphs.append(pieces)
    content = site.render(
        "explanation.md.jinja",
        explanation=explanation,
        entry=site.entry(regulation_id),
        back=link(here, regulation_page(regulation_id)),
        paragraphs=paragraphs,
    )
    return SitePage(here, explanation.title, content)
