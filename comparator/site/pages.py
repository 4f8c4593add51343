"""The site's pages, as Markdown (with escaped HTML blocks) built from the model.

Nothing here parses or aligns: it lays out what the library computed. Regulation
text is escaped everywhere (``markup``).
"""

from __future__ import annotations

from dataclasses import dataclass

from comparator.library import Library
from comparator.model import Article, Regulation, anchor, article_id, count_nodes
from comparator.site.markup import markdown_inline, text


@dataclass(frozen=True)
class SitePage:
    path: str  # Markdown path inside docs, e.g. regulations/shenzhen-draft.md
    title: str
    content: str


def regulation_path(regulation_id: str) -> str:
    return f"regulations/{regulation_id}.md"


def build_pages(library: Library) -> list[SitePage]:
    pages = [home_page(library)]
    pages.extend(regulation_page(library, r.id) for r in library.regulations())
    return pages


def site_nav(library: Library) -> list:
    """The navigation: home, then the regulations."""
    return [
        {"首页": "index.md"},
        {
            "法规文本": [
                {entry.short_title: regulation_path(entry.id)}
                for entry in library.catalog.entries.values()
            ]
        },
    ]


def home_page(library: Library) -> SitePage:
    rows = []
    for entry in library.catalog.entries.values():
        counts = count_nodes(library.regulation(entry.id))
        link = f"regulations/{entry.id}.md"
        rows.append(
            f"| [{markdown_inline(entry.title)}]({link}) | {markdown_inline(entry.jurisdiction)} "
            f"| {markdown_inline(entry.date)} | {markdown_inline(entry.kind)} "
            f"| {counts['chapters']} | {counts['articles']} |"
        )
    content = "\n".join(
        [
            "# 法规对照",
            "",
            "本站收录地方性法规和规章的文本，逐条列出修订前后的变化，并对照其他地区的相同规定。",
            "",
            "| 法规 | 地区 | 日期 | 状态 | 章 | 条 |",
            "| --- | --- | --- | --- | ---: | ---: |",
            *rows,
            "",
        ]
    )
    return SitePage("index.md", "首页", content)


def regulation_page(library: Library, regulation_id: str) -> SitePage:
    regulation = library.regulation(regulation_id)
    lines = [f"# {markdown_inline(regulation.title)}", ""]
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
        lines += [article_html(regulation, article), ""]
    return SitePage(regulation_path(regulation_id), regulation.title, "\n".join(lines))


def article_html(regulation: Regulation, article: Article) -> str:
    """An article's paragraphs and items, each an element with its stable id."""
    parts = [f'<div class="article-body" data-article="{article.number}">']
    for paragraph in article.paragraphs:
        para_anchor = anchor(f"{article_id(regulation.id, article.number)}/para-{paragraph.number}")
        parts.append(f'<p class="paragraph" id="{para_anchor}">{text(paragraph.text)}</p>')
        if paragraph.items:
            parts.append('<ol class="items">')
            for item in paragraph.items:
                item_anchor = f"{para_anchor}-item-{item.number}"
                body = "<br>".join(text(line) for line in item.text.split("\n"))
                parts.append(
                    f'<li id="{item_anchor}"><span class="item-label">{text(item.label)}</span>'
                    f"{body}</li>"
                )
            parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)
