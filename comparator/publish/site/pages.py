"""The site's pages, as Markdown with escaped HTML blocks, built from the model.

Home, regulation pages, the 说明 and the downloads page here; the comparison pages
in ``comparisons``. Nothing here parses, aligns or annotates: it lays out what the
library and the annotation layers computed. Regulation text and catalog fields are
escaped everywhere (``markup`` and ``render``).
"""

from __future__ import annotations

from comparator.compare.annotate import Annotations, citations
from comparator.library import Library
from comparator.model import Article, Regulation, anchor, count_nodes, item_id, paragraph_id
from comparator.publish.site import render
from comparator.publish.site.comparisons import comparison_view, three_way_view
from comparator.publish.site.context import (
    Site,
    SitePage,
    comparison_title,
    headline,
    link_file,
    row_id,
    three_way_title,
)
from comparator.publish.site.downloads import (
    COMPARISON_FORMATS,
    REGULATION_FORMATS,
    comparison_path,
    regulation_path,
)
from comparator.publish.site.markup import markdown_inline
from comparator.publish.site.markup import text as esc
from comparator.publish.site.render import comparison_page, explanation_page, link, regulation_page
from comparator.vocabulary import Kind

DOWNLOADS_PAGE = "downloads.md"


def build_pages(library: Library) -> list[SitePage]:
    site = Site.build(library)
    pages = [home_page(site)]
    pages += [regulation_view(site, entry.id) for entry in site.entries]
    pages += [comparison_view(site, c) for c in library.catalog.comparisons]
    pages += [three_way_view(site, t) for t in site.three_ways()]
    pages += [
        explanation_view(site, entry.id)
        for entry in site.entries
        if site.regulation(entry.id).explanation is not None
    ]
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
        {"首页": "index.md"},
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
    nav.append({"关于本站": "about.md"})
    return nav


# Home -----------------------------------------------------------------------------


def home_page(site: Site) -> SitePage:
    here = "index.md"
    rows = []
    for entry in site.entries:
        counts = count_nodes(site.regulation(entry.id))
        href = link(here, regulation_page(entry.id))
        rows.append(
            f'<tr><td><a href="{esc(href)}">{esc(entry.title)}</a></td>'
            f"<td>{esc(entry.jurisdiction)}</td><td>{esc(entry.date)}</td>"
            f'<td><span class="kind">{esc(entry.kind)}</span></td>'
            f'<td class="number">{counts["chapters"]}</td>'
            f'<td class="number">{counts["articles"]}</td></tr>'
        )
    comparisons = []
    for comparison in site.library.catalog.comparisons:
        alignment = site.alignments[comparison.slug]
        href = link(here, comparison_page(comparison.left, comparison.right))
        comparisons.append(
            f'<tr><td><a href="{esc(href)}">{esc(comparison_title(site, comparison))}</a></td>'
            f"<td>{esc('修订' if comparison.kind is Kind.REVISION else '跨地区')}</td>"
            f"<td>{headline(alignment)}</td></tr>"
        )
    for three in site.three_ways():
        href = link(here, comparison_page(*three.ids))
        comparisons.append(
            f'<tr><td><a href="{esc(href)}">{esc(three_way_title(site, three))}</a></td>'
            f"<td>三方</td><td>逐项对照修订前、修订后和另一地区的规定</td></tr>"
        )
    content = "\n".join(
        [
            "# 法规对照",
            "",
            '<p class="lead">本站收录地方性法规和规章的文本，逐条列出修订前后的变化，'
            "并对照其他地区就同一事项作出的规定。每一条、每一款、每一项都有固定的链接地址。</p>",
            "",
            "## 法规文本 {#regulations}",
            "",
            catalog_table(
                ["法规", "地区", "日期", "状态", ("章", "number"), ("条", "number")], rows
            ),
            "",
            "## 条文对照 {#comparisons}",
            "",
            catalog_table(["对照", "类型", "概况"], comparisons),
            "",
        ]
    )
    return SitePage(here, "首页", content)


def catalog_table(heads: list, rows: list[str]) -> str:
    """A table of the site's lists; a head is a title, or (title, class)."""
    cells = "".join(
        f'<th class="{head[1]}">{head[0]}</th>' if isinstance(head, tuple) else f"<th>{head}</th>"
        for head in heads
    )
    return (
        f'<table class="catalog"><thead><tr>{cells}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# Regulation pages --------------------------------------------------------------------


def regulation_view(site: Site, regulation_id: str) -> SitePage:
    regulation = site.regulation(regulation_id)
    entry = site.entry(regulation_id)
    here = regulation_page(regulation_id)
    annotations = site.annotations[regulation_id]
    lines = [f"# {markdown_inline(entry.title)}", "", metadata_block(site, regulation, here), ""]
    chapters = {c.number: c for c in regulation.chapters}
    opened: set[int] = set()
    for article in regulation.articles:
        if article.chapter in chapters and article.chapter not in opened:
            chapter = chapters[article.chapter]
            opened.add(chapter.number)
            lines += [
                f"## {markdown_inline(chapter.label)} {markdown_inline(chapter.title)}"
                f" {{#chap-{chapter.number}}}",
                "",
            ]
        lines += [f"### {markdown_inline(article.label)} {{#art-{article.number}}}", ""]
        lines += [
            '<div class="article">'
            + counterparts(site, regulation_id, article.number, here)
            + article_body(site, regulation, article, here)
            + notes_block(annotations, article.number, here, regulation_id)
            + "</div>",
            "",
        ]
    return SitePage(here, entry.title, "\n".join(lines))


def metadata_block(site: Site, regulation: Regulation, here: str) -> str:
    entry = site.entry(regulation.id)
    metadata = regulation.metadata
    counts = count_nodes(regulation)
    rows = [
        ("地区", esc(entry.jurisdiction)),
        ("状态", f'<span class="kind">{esc(entry.kind)}</span>'),
        ("日期", esc(entry.date)),
        (
            "结构",
            f"{counts['chapters']} 章，{counts['articles']} 条，"
            f"{counts['paragraphs']} 款，{counts['items']} 项",
        ),
    ]
    if metadata.issuer:
        rows.append(("制定机关", esc(metadata.issuer)))
    if metadata.promulgated:
        rows.append(("公布日期", esc(metadata.promulgated)))
    if entry.note:
        rows.append(("备注", esc(entry.note)))
    if metadata.history:
        rows.append(("修改沿革", "<br>".join(esc(event) for event in metadata.history)))
    links = [
        f'<a href="{esc(link(here, comparison_page(c.left, c.right)))}">'
        f"{esc(comparison_title(site, c))}</a>"
        for c in site.library.catalog.comparisons
        if regulation.id in (c.left, c.right)
    ]
    if regulation.explanation is not None:
        links.append(f'<a href="{esc(link(here, explanation_page(regulation.id)))}">起草说明</a>')
    if links:
        rows.append(("对照与说明", "　".join(links)))
    table = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    notice = ""
    if metadata.notices:
        paragraphs = "".join(f"<p>{esc(line)}</p>" for line in metadata.notices)
        notice = f'<details class="info notice"><summary>公布信息</summary>{paragraphs}</details>'
    return f'<div class="regulation-meta"><table class="meta">{table}</table>{notice}</div>'


def article_body(site: Site, regulation: Regulation, article: Article, here: str) -> str:
    """Paragraphs and items, each an element with its stable id and a permalink."""
    parts = []
    for paragraph in article.paragraphs:
        node = paragraph_id(regulation.id, article.number, paragraph.number)
        parts.append(
            f'<p class="paragraph" id="{anchor(node)}">'
            f"{render.annotated(paragraph.text, site.spans(node), here)}"
            f"{permalink(anchor(node), '本款链接')}</p>"
        )
        if paragraph.items:
            items = []
            for item in paragraph.items:
                node = item_id(regulation.id, article.number, paragraph.number, item.number)
                items.append(
                    f'<li id="{anchor(node)}"><span class="item-label">{esc(item.label)}</span>'
                    f"{render.annotated(item.text, site.spans(node), here)}"
                    f"{permalink(anchor(node), '本项链接')}"
                    + "".join(
                        f'<span class="subitem">{esc(sub.label)}{esc(sub.text)}</span>'
                        for sub in item.subitems
                    )
                    + "</li>"
                )
            parts.append(f'<ol class="items">{"".join(items)}</ol>')
    return f'<div class="article-body">{"".join(parts)}</div>'


def permalink(target: str, title: str) -> str:
    return f'<a class="permalink" href="#{target}" title="{title}" data-search-exclude>¶</a>'


def counterparts(site: Site, regulation_id: str, number: int, here: str) -> str:
    """Links to the article's counterparts in each comparison, with the pair status."""
    entries = []
    for comparison in site.library.catalog.comparisons:
        if regulation_id not in (comparison.left, comparison.right):
            continue
        alignment = site.alignments[comparison.slug]
        side, other_side = (
            ("left", "right") if regulation_id == comparison.left else ("right", "left")
        )
        other_id = getattr(comparison, other_side)
        other = site.entry(other_id)
        row_page = comparison_page(comparison.left, comparison.right)
        for pair in alignment.partners(side, number):
            partner = getattr(pair, other_side)
            row = link(here, row_page, row_id(pair))
            badge = render.badge(pair.status, comparison.kind)
            if partner is None:
                if comparison.kind is Kind.CROSS:
                    text, badge = "无对应条文", ""  # "only in the right text" says less here
                else:
                    text = "修订后删除" if side == "left" else "修订新增"
                target = f'<span class="partner-none">{esc(other.short_title)}：{text}</span>'
            else:
                href = link(here, regulation_page(other_id), f"art-{partner}")
                label = site.regulation(other_id).article(partner).label
                target = (
                    f'<a class="partner" href="{esc(href)}">'
                    f"{esc(other.short_title)}{esc(label)}</a>"
                )
            entries.append(
                f"<li>{target} {badge} "
                f'<a class="row-link" href="{esc(row)}" title="对照表中的这一行">对照</a></li>'
            )
    if not entries:
        return ""
    return f'<ul class="counterparts" aria-label="对照" data-search-exclude>{"".join(entries)}</ul>'


def notes_block(annotations: Annotations, number: int, here: str, regulation_id: str) -> str:
    notes = annotations.notes.get(number, [])
    if not notes:
        return ""
    href = link(here, explanation_page(regulation_id))
    body = "".join(
        f'<p>{esc(note.text)}</p><p class="note-source">{esc(note.section)}</p>' for note in notes
    )
    return (
        f'<details class="note explanation-note"><summary>起草说明</summary>{body}'
        f'<p class="note-source"><a href="{esc(href)}">阅读全部说明</a></p></details>'
    )


def downloads_view(site: Site) -> SitePage:
    here = DOWNLOADS_PAGE
    comparison_rows = []
    for comparison in site.library.catalog.comparisons:
        files = " · ".join(
            f'<a href="{esc(link_file(here, comparison_path(comparison, f)))}" download>'
            f"{f.upper()}</a>"
            for f in COMPARISON_FORMATS
        )
        page = link(here, comparison_page(comparison.left, comparison.right))
        comparison_rows.append(
            f'<tr><td><a href="{esc(page)}">{esc(comparison_title(site, comparison))}</a></td>'
            f"<td>{files}</td></tr>"
        )
    regulation_rows = []
    for entry in site.entries:
        files = " · ".join(
            f'<a href="{esc(link_file(here, regulation_path(entry.id, f)))}" download>'
            f"{esc(label)}</a>"
            for f, label in REGULATION_FORMATS.items()
        )
        page = link(here, regulation_page(entry.id))
        regulation_rows.append(
            f'<tr><td><a href="{esc(page)}">{esc(entry.title)}</a></td><td>{files}</td></tr>'
        )
    content = "\n".join(
        [
            "# 下载",
            "",
            '<p class="lead">对照表可下载为 Word（A4 横向，删除线标出删去的文字，'
            "加粗下划线标出新增的文字）、Excel、CSV 和 JSON；"
            "每部法规的结构化文本可下载为 JSON 和 Akoma Ntoso 3.0 XML。"
            "文件页脚注明生成日期和原始文本的 SHA-256 校验值。</p>",
            "",
            "## 对照表 {#comparisons}",
            "",
            catalog_table(["对照", "文件"], comparison_rows),
            "",
            "## 法规文本数据 {#regulations}",
            "",
            catalog_table(["法规", "文件"], regulation_rows),
            "",
        ]
    )
    return SitePage(here, "下载", content)


# Explanation pages -----------------------------------------------------------------------


def explanation_view(site: Site, regulation_id: str) -> SitePage:
    """The 说明 on a page of its own; each ``修订草案第X条`` links to the article."""
    regulation = site.regulation(regulation_id)
    explanation = regulation.explanation
    assert explanation is not None
    here = explanation_page(regulation_id)
    paragraphs = []
    for paragraph in explanation.paragraphs:
        text = paragraph.text
        parts, position = [], 0
        for start, end, numbers in citations(text):
            parts.append(esc(text[position:start]))
            cited = esc(text[start:end])
            hrefs = [esc(link(here, regulation_page(regulation_id), f"art-{n}")) for n in numbers]
            if len(numbers) == 1:
                parts.append(f'<a class="xref citation" href="{hrefs[0]}">{cited}</a>')
            else:
                links = "、".join(
                    f'<a class="xref citation" href="{href}">第{n}条</a>'
                    for n, href in zip(numbers, hrefs, strict=True)
                )
                parts.append(f'<span class="citation-list">{cited}（{links}）</span>')
            position = end
        parts.append(esc(text[position:]))
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    entry = site.entry(regulation_id)
    back = link(here, regulation_page(regulation_id))
    content = "\n".join(
        [
            f"# {markdown_inline(explanation.title)}",
            "",
            f'<p class="comparison-intro">本说明随<a href="{esc(back)}">'
            f"{esc(entry.title)}</a>一并公布。"
            "文中引用的条文链接到该条。</p>",
            "",
            f'<div class="explanation">{"".join(paragraphs)}</div>',
            "",
        ]
    )
    return SitePage(here, explanation.title, content)
