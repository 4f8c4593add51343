"""The site's pages: plain data gathered from the model, laid out by the templates.

Home, regulation pages, the 说明 and the downloads page here; the comparison pages
in ``comparisons``. Nothing here parses, aligns or annotates, and no HTML is written
here: each view hands a template (``templates/*.md.jinja``) what it shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote, urlencode

from comparator.catalog import Comparison
from comparator.compare.annotate import Note, Span, citations
from comparator.compare.table import row_id
from comparator.library import Library
from comparator.model import Article, Division, Node, Regulation, anchor, count_nodes, walk
from comparator.publish.export import REGULATION_FORMATS, THREE_WAY_FORMATS, formats_of
from comparator.publish.markup import text as esc
from comparator.publish.reasons import Reason, law_name, reason_of
from comparator.publish.serialize import COMPARISON_SCHEMA, REGULATION_SCHEMA, SCHEMA_FOLDER
from comparator.publish.site.comparisons import comparison_view, three_way_view
from comparator.publish.site.context import (
    Site,
    SitePage,
    comparison_title,
    headline,
    implementation_title,
    three_way_title,
)
from comparator.publish.site.implementations import implementation_view
from comparator.publish.site.paths import (
    ABOUT_PAGE,
    DOWNLOADS_PAGE,
    HOME_PAGE,
    comparison_file,
    comparison_page,
    explanation_page,
    implementation_page,
    link,
    link_file,
    page_url,
    regulation_file,
    regulation_page,
)
from comparator.publish.site.search import RowEntry
from comparator.vocabulary import Kind, NodeKind, Side, SpanKind, Status


def build_pages(site: Site) -> list[SitePage]:
    """Every page of the site; a page about regulations whose inputs did not change
    comes from the cache."""
    return [home_page(site), *text_pages(site), downloads_view(site)]


def text_pages(site: Site) -> list[SitePage]:
    """The pages about regulations: each text, each comparison, each three-way view,
    each 说明 and each implementation matrix."""
    pages = []
    for entry in site.entries:
        make = partial(regulation_view, site, entry.id)
        pages.append(site.cached("regulation", (entry.id,), make, regulation_page(entry.id)))
    for c in site.library.catalog.comparisons:
        make = partial(comparison_view, site, c)
        path = comparison_page(c.left, c.right)
        pages.append(site.cached(f"comparison {c.kind}", (c.left, c.right), make, path))
    for t in site.three_ways():
        make = partial(three_way_view, site, t)
        pages.append(site.cached("three-way", t.ids, make, comparison_page(*t.ids)))
    for entry in site.entries:
        if site.library.has_explanation(entry.id):
            make = partial(explanation_view, site, entry.id)
            path = explanation_page(entry.id)
            pages.append(site.cached("explanation", (entry.id,), make, path))
    for law in site.implementations:
        make = partial(implementation_view, site, law)
        pages.append(site.cached("implementation", (law,), make, implementation_page(law)))
    return pages


def search_rows(site: Site) -> list[RowEntry]:
    """Every row of every 对照表, as the search index holds it."""
    rows = []
    for comparison in site.library.catalog.comparisons:
        table = site.library.table(comparison.left, comparison.right, comparison.kind)
        page = page_url(comparison_page(comparison.left, comparison.right))
        name = comparison_title(site, comparison)
        for row in table.rows:
            where = "→".join(label for label in (row.left.label, row.right.label) if label)
            rows.append(
                RowEntry(
                    f"{page}#{row.id}",
                    f"{name} {where}",
                    "\n".join(text for text in (row.left.text, row.right.text) if text),
                )
            )
    return rows


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
    matrices = [
        {esc(implementation_title(site, law)): implementation_page(law)}
        for law in library.catalog.implemented_laws
    ]
    if matrices:
        nav.append({"实施对照": matrices})
    nav.append({"下载": DOWNLOADS_PAGE})
    nav.append({"关于本站": ABOUT_PAGE})
    return nav


# Home -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    """A text and its versions, as the home page lists it: one row, its timeline inside."""

    title: str
    jurisdiction: str
    versions: list[tuple[str, str, str]]  # (year, kind, href), oldest first
    chapters: int
    articles: int  # of the newest version


def home_page(site: Site) -> SitePage:
    """The texts grouped by family, each with its versions; the implementation matrices;
    the comparisons with their counts."""
    here = HOME_PAGE
    catalog = site.library.catalog
    groups = [(family.name, _works(site, family.members, here)) for family in catalog.families]
    in_a_family = {member for family in catalog.families for member in family.members}
    others = [entry.id for entry in site.entries if entry.id not in in_a_family]
    if others:
        groups.append(("其他", _works(site, others, here)))
    comparisons = [
        {
            "href": link(here, comparison_page(c.left, c.right)),
            "title": comparison_title(site, c),
            "kind": c.kind,
            "counts": headline(site.alignments[c.slug]),
        }
        for c in catalog.comparisons
    ]
    three_ways = [
        {"href": link(here, comparison_page(*t.ids)), "title": three_way_title(site, t)}
        for t in site.three_ways()
    ]
    matrices = matrix_rows(site, here)
    content = site.render(
        "home.md.jinja",
        groups=groups,
        matrices=matrices,
        comparisons=comparisons,
        three_ways=three_ways,
    )
    return SitePage(here, "首页", content)


def matrix_rows(site: Site, here: str) -> list[dict]:
    """The implementation matrices as a home page lists them: link, title, columns."""
    return [
        {
            "href": link(here, implementation_page(law)),
            "title": implementation_title(site, law),
            "count": len(site.implementations[law]),
        }
        for law in site.implementations
    ]


def _works(site: Site, members: tuple[str, ...] | list[str], here: str) -> list[Work]:
    """The members as works: the versions of one text make one row, in member order."""
    works: list[Work] = []
    shown: set[str] = set()
    for member in members:
        if member in shown:
            continue
        chain = [e for e in site.library.versions(member) if e.id in members]
        shown.update(e.id for e in chain)
        newest = chain[-1]
        counts = site.library.counts(newest.id)
        versions = [(e.date[:4], e.kind, link(here, regulation_page(e.id))) for e in chain]
        works.append(
            Work(
                newest.title,
                newest.jurisdiction,
                versions,
                counts["chapters"],
                counts["articles"],
            )
        )
    return works


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
    reason: Reason | None = None  # across jurisdictions: why the two stand together


@dataclass(frozen=True)
class LawLink:
    """An article of the national law that an article implements."""

    law: str  # the law's short name: 代表法
    label: str  # 第十九条
    href: str


@dataclass
class ArticleBlock:
    anchor: str
    label: str
    paragraphs: list[TextNode]
    counterparts: list[Counterpart]
    notes: list[Note]
    implements: list[LawLink] = field(default_factory=list)  # the national articles
    implemented_href: str = ""  # a national article: its row of the implementation matrix
    comment_href: str = ""  # a draft open to comment: a mailto link about this article
    kind: str = NodeKind.ARTICLE


@dataclass
class ChapterBlock:
    anchor: str
    label: str
    title: str
    kind: str = NodeKind.CHAPTER


@dataclass(frozen=True)
class Version:
    """One version of a text on its timeline."""

    year: str
    kind: str  # 现行 / 已修改 / 修订草案
    comments: str  # "open", "closed" or "" (no comment channel)
    href: str  # "" for the page's own version
    diff_href: str  # the revision 对照表 from the version before; "" for the first


def regulation_view(site: Site, regulation_id: str) -> SitePage:
    regulation = site.regulation(regulation_id)
    entry = site.entry(regulation_id)
    here = regulation_page(regulation_id)
    blocks = _blocks(site, regulation, here)
    links = [
        (link(here, comparison_page(c.left, c.right)), comparison_title(site, c))
        for c in site.library.catalog.comparisons
        if regulation.id in (c.left, c.right)
    ]
    links += [
        (link(here, comparison_page(*t.ids)), three_way_title(site, t))
        for t in site.three_ways()
        if regulation.id in t.ids
    ]
    if regulation.explanation is not None:
        links.append((link(here, explanation_page(regulation.id)), "起草说明"))
    law = entry.implements or (regulation_id if regulation_id in site.implementations else "")
    if law:
        links.append((link(here, implementation_page(law)), "各地实施对照"))
    channel, comments_open = site.comment_state(regulation_id)
    content = site.render(
        "regulation.md.jinja",
        entry=entry,
        metadata=regulation.metadata,
        counts=count_nodes(regulation),
        links=links,
        versions=versions(site, regulation_id, here),
        comments=channel,
        comments_open=comments_open,
        blocks=blocks,
        explanation_href=link(here, explanation_page(regulation_id)),
    )
    return SitePage(here, entry.title, content)


def _blocks(site: Site, regulation: Regulation, here: str) -> list[ArticleBlock | ChapterBlock]:
    """The chapters and articles of a regulation page, each article with all it links to."""
    comparisons = [
        c for c in site.library.catalog.comparisons if regulation.id in (c.left, c.right)
    ]
    blocks: list[ArticleBlock | ChapterBlock] = []
    text_nodes: dict[str, TextNode] = {}
    explained: set[str] = set()  # the terms the current article has explained already
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Division):
            # Only chapters with articles show as headings (sections and parts do not yet).
            if node.kind is NodeKind.CHAPTER and element.articles:
                blocks.append(ChapterBlock(anchor(node.id), element.label, element.title))
        elif isinstance(element, Article):
            block = ArticleBlock(
                anchor(node.id),
                element.label,
                [],
                counterparts(site, comparisons, node.id, here),
                site.library.annotations(regulation.id).notes.get(node.id, []),
            )
            _implementation_links(site, regulation.id, node.id, block, here)
            block.comment_href = comment_link(site, regulation, element)
            blocks.append(block)
            explained = set()
        else:
            text_nodes[node.id] = shown = _text_node(site, node, here, explained)
            if node.kind is NodeKind.PARAGRAPH:
                article = blocks[-1]
                assert isinstance(article, ArticleBlock)
                article.paragraphs.append(shown)
            else:
                text_nodes[node.parent or ""].children.append(shown)
    return blocks


def _implementation_links(
    site: Site, regulation_id: str, article_node: str, block: ArticleBlock, here: str
) -> None:
    """An article of a text that implements a law: the law's articles it implements.
    An article of the law itself: its row of the implementation matrix."""
    if regulation_id in site.implementations:
        block.implemented_href = link(here, implementation_page(regulation_id), block.anchor)
    law = site.entry(regulation_id).implements
    if not law:
        return
    name = law_name(site.entry(law).short_title)
    for pair in site.implementations[law][regulation_id].partners(article_node):
        if pair.left_id is not None and pair.left is not None:
            label = site.regulation(law).article(pair.left).label
            href = link(here, regulation_page(law), anchor(pair.left_id))
            block.implements.append(LawLink(name, label, href))


def comment_link(site: Site, regulation: Regulation, article: Article) -> str:
    """A ``mailto:`` link to comment on one article of a draft, while comment is open.

    The subject names the draft and the article; the body quotes the article.
    """
    channel, open_ = site.comment_state(regulation.id)
    if channel is None or not open_ or not channel.email:
        return ""
    subject = f"对《{regulation.title}》{article.label}的意见"
    body = f"{article.label}　{article.text}\n\n意见和建议：\n"
    return f"mailto:{channel.email}?" + urlencode(
        {"subject": subject, "body": body}, quote_via=quote
    )


def versions(site: Site, regulation_id: str, here: str) -> list[Version]:
    """The timeline of a text, oldest first, when it has more than one version."""
    chain = site.library.versions(regulation_id)
    if len(chain) < 2:
        return []
    timeline = []
    for number, entry in enumerate(chain):
        channel, open_ = site.comment_state(entry.id)
        comments = "" if channel is None else "open" if open_ else "closed"
        href = "" if entry.id == regulation_id else link(here, regulation_page(entry.id))
        previous = chain[number - 1].id if number else ""
        diff = link(here, comparison_page(previous, entry.id)) if previous else ""
        timeline.append(Version(entry.date[:4], entry.kind, comments, href, diff))
    return timeline


def _text_node(site: Site, node: Node, here: str, explained: set[str]) -> TextNode:
    element = node.element
    assert not isinstance(element, Division | Article)
    label = "" if node.kind is NodeKind.PARAGRAPH else getattr(element, "label", "")
    spans = site.spans(node.id)
    segments = annotated(element.text, spans, here, explained) if spans else []
    return TextNode(anchor(node.id), label, element.text, segments)


def annotated(
    text: str, spans: list[Span], here: str, explained: set[str] | None = None
) -> list[Segment]:
    """``text`` cut into segments at its annotations; ``here`` is the page it is shown on.

    Overlapping spans: the first one wins. A defined term is explained at its first use
    in an article only (``explained`` holds the terms explained so far, and grows):
    代表 is in every sentence, and a page of underlines reads as noise.
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
        elif explained is not None and inner in explained:
            segments.append(Segment(inner))
        else:
            segments.append(Segment(inner, span.kind, title=span.target))
            if explained is not None:
                explained.add(inner)
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
                Counterpart(
                    other.short_title,
                    label,
                    href,
                    pair.status,
                    comparison.kind,
                    side,
                    row,
                    reason_of(site.library, pair),
                )
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
    comparisons += [
        {
            "href": link(here, comparison_page(*t.ids)),
            "title": three_way_title(site, t),
            "files": [
                (link_file(here, comparison_file(t.slug, f)), label)
                for f, label in THREE_WAY_FORMATS.items()
            ],
        }
        for t in site.three_ways()
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
    schemas = {
        kind: link_file(here, f"{SCHEMA_FOLDER}/{name}")
        for kind, name in (("comparison", COMPARISON_SCHEMA), ("regulation", REGULATION_SCHEMA))
    }
    content = site.render(
        "downloads.md.jinja", comparisons=comparisons, regulations=regulations, schemas=schemas
    )
    return SitePage(here, "下载", content)


def _comparison_files(comparison: Comparison, here: str) -> list[tuple[str, str]]:
    return [
        (link_file(here, comparison_file(comparison.slug, f)), label)
        for f, label in formats_of(comparison.kind).items()
    ]


# Explanation pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A stretch of a 说明 paragraph: plain text, or a citation with a link per article
    (and, when the text has a revision 对照表, a link to the article's row there)."""

    text: str
    links: list[tuple[int, str, str]]  # (article number, href, row href or ""); [] for text


@dataclass(frozen=True)
class ExplanationBlock:
    """A heading of the 说明 (一、… a section, （一）… a part of one), or a paragraph."""

    level: int  # 2 or 3 for a heading, 0 for a paragraph
    anchor: str  # sec-3, sec-3-2 ("" for a paragraph)
    pieces: list[Citation]


# 一、修改的必要性 (a section heading alone in its paragraph); （一）贯彻…要求。 (a part,
# its heading the first sentence of its paragraph).
_SECTION = re.compile(r"[一二三四五六七八九十]+、\S{1,30}")
_PART = re.compile(r"（[一二三四五六七八九十]+）[^。]{1,40}。")


def explanation_view(site: Site, regulation_id: str) -> SitePage:
    """The 说明 on a page of its own, its sections as headings (a table of contents);
    each ``修订草案第X条`` links to the article and to its row in the 对照表."""
    regulation = site.regulation(regulation_id)
    explanation = regulation.explanation
    assert explanation is not None
    here = explanation_page(regulation_id)
    rows = _revision_rows(site, regulation_id, here)
    blocks: list[ExplanationBlock] = []
    section = part = 0
    for paragraph in explanation.paragraphs:
        text = paragraph.text
        if _SECTION.fullmatch(text):
            section, part = section + 1, 0
            blocks.append(ExplanationBlock(2, f"sec-{section}", [Citation(text, [])]))
            continue
        heading = _PART.match(text)
        if heading and section:
            part += 1
            title = heading.group().rstrip("。")
            blocks.append(ExplanationBlock(3, f"sec-{section}-{part}", [Citation(title, [])]))
            text = text[heading.end() :]
        blocks.append(ExplanationBlock(0, "", _cited(text, regulation_id, here, rows)))
    content = site.render(
        "explanation.md.jinja",
        explanation=explanation,
        entry=site.entry(regulation_id),
        back=link(here, regulation_page(regulation_id)),
        blocks=blocks,
    )
    return SitePage(here, explanation.title, content)


def _cited(text: str, regulation_id: str, here: str, rows: dict[int, str]) -> list[Citation]:
    """A paragraph cut at its citations, each cited article linked (and its row)."""
    position, pieces = 0, []
    for start, end, numbers in citations(text):
        pieces.append(Citation(text[position:start], []))
        page = regulation_page(regulation_id)
        links = [(n, link(here, page, f"art-{n}"), rows.get(n, "")) for n in numbers]
        pieces.append(Citation(text[start:end], links))
        position = end
    pieces.append(Citation(text[position:], []))
    return pieces


def _revision_rows(site: Site, regulation_id: str, here: str) -> dict[int, str]:
    """Each article of a revised text -> its row in the revision 对照表 (from ``here``)."""
    entry = site.entry(regulation_id)
    found = site.between(entry.replaces, regulation_id) if entry.replaces else None
    if found is None or found[1]:  # no revision 对照表 of this text (old -> new)
        return {}
    comparison = found[0]
    page = comparison_page(comparison.left, comparison.right)
    rows: dict[int, str] = {}
    for pair in site.alignments[comparison.slug].pairs:
        if pair.right is not None and pair.right not in rows:
            rows[pair.right] = link(here, page, row_id(pair.left, pair.right))
    return rows
