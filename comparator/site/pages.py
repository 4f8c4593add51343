"""The site's pages, as Markdown with escaped HTML blocks, built from the model.

Nothing here parses, aligns or annotates: it lays out what the library and the
annotation layers computed. Regulation text and catalog fields are escaped
everywhere (``markup`` and ``render``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from comparator import words
from comparator.annotate import Annotations, annotate, citations, law_key
from comparator.cache import key_of
from comparator.catalog import Comparison, Entry
from comparator.changes import ADDED, DELETED, OBLIGATION, QUANTITY, TERM, Summary
from comparator.library import Library
from comparator.model import Article, Regulation, anchor, count_nodes, item_id, paragraph_id
from comparator.pairs import Alignment, ArticlePair
from comparator.site import render
from comparator.site.downloads import (
    COMPARISON_FORMATS,
    REGULATION_FORMATS,
    comparison_path,
    regulation_path,
)
from comparator.site.markup import markdown_inline
from comparator.site.markup import text as esc
from comparator.site.render import comparison_page, explanation_page, link, regulation_page
from comparator.vocabulary import CROSS_STATUS_LABELS, STATUS_LABELS, TEXT_UNCHANGED, Kind, Status

DOWNLOADS_PAGE = "downloads.md"

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


# Titles -------------------------------------------------------------------------


def comparison_title(site: Site, comparison: Comparison) -> str:
    left, right = site.entry(comparison.left), site.entry(comparison.right)
    if comparison.kind is Kind.REVISION:
        return f"{right.short_title}修订前后对照"
    return f"{left.short_title}与{right.short_title}对照"


def three_way_title(site: Site, three: ThreeWay) -> str:
    return "三方对照：" + "、".join(site.entry(i).short_title for i in three.ids)


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
            '<table class="catalog"><thead><tr><th>法规</th><th>地区</th><th>日期</th>'
            '<th>状态</th><th class="number">章</th><th class="number">条</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>",
            "",
            "## 条文对照 {#comparisons}",
            "",
            '<table class="catalog"><thead><tr><th>对照</th><th>类型</th><th>概况</th></tr></thead>'
            f"<tbody>{''.join(comparisons)}</tbody></table>",
            "",
        ]
    )
    return SitePage(here, "首页", content)


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


# Comparison pages ----------------------------------------------------------------------


def row_id(pair: ArticlePair) -> str:
    left = pair.left if pair.left is not None else "x"
    right = pair.right if pair.right is not None else "x"
    return f"row-{left}-{right}"


def comparison_view(site: Site, comparison: Comparison) -> SitePage:
    here = comparison_page(comparison.left, comparison.right)
    alignment = site.alignments[comparison.slug]
    left, right = site.entry(comparison.left), site.entry(comparison.right)
    left_regulation, right_regulation = site.regulation(left.id), site.regulation(right.id)
    revision = comparison.kind is Kind.REVISION
    title = comparison_title(site, comparison)
    rows = []
    for pair in alignment.pairs:
        left_cell = right_cell = ""
        if revision and pair.left is not None and pair.right is not None:
            ops = site.library.diff(left.id, pair.left, right.id, pair.right)
            left_cell = article_cell(site, left.id, pair.left, render.diff_side(ops, "left"), here)
            right_cell = article_cell(
                site, right.id, pair.right, render.diff_side(ops, "right"), here
            )
        else:
            if pair.left is not None:
                text = left_regulation.article(pair.left).text
                body = f"<del>{render.plain(text)}</del>" if revision else render.plain(text)
                left_cell = article_cell(site, left.id, pair.left, body, here)
            if pair.right is not None:
                text = right_regulation.article(pair.right).text
                body = f"<ins>{render.plain(text)}</ins>" if revision else render.plain(text)
                right_cell = article_cell(site, right.id, pair.right, body, here)
        status = render.badge(pair.status, comparison.kind)
        if not revision and pair.left is not None and pair.right is not None:
            status += render.similarity(pair.similarity)
        hideable = " text-unchanged" if pair.status in TEXT_UNCHANGED else ""
        rows.append(
            f'<tr id="{row_id(pair)}" class="pair{hideable}" data-status="{pair.status.value}">'
            f'<td class="side left">{left_cell}</td><td class="side right">{right_cell}</td>'
            f'<td class="status">{status}</td></tr>'
        )
    if revision:
        heads = (f"修订前：{left.title}", f"修订后：{right.title}")
        intro = (
            "左栏为修订前的条文，删除的文字加删除线；右栏为修订后的条文，新增的文字加粗。"
            "标点全角半角、空格和换行的差异不视为修改。"
        )
    else:
        heads = (f"{left.jurisdiction}：{left.title}", f"{right.jurisdiction}：{right.title}")
        intro = (
            "两地法规就同一事项所作规定的对照，按相似度配对；“对应”为规定同一事项的条文，"
            "“相关”为关联较弱的条文，相似度按字符二元组计算。"
        )
    table = (
        '<table class="compare-table"><thead><tr>'
        f'<th class="side">{esc(heads[0])}</th><th class="side">{esc(heads[1])}</th>'
        '<th class="status">状态</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    controls = (
        '<p class="comparison-controls">'
        '<input type="checkbox" id="hide-unchanged" class="hide-unchanged">'
        '<label for="hide-unchanged">隐藏文字未修改的条文</label></p>'
        if revision
        else ""
    )
    summary = site.library.summary(comparison.left, comparison.right, comparison.kind)
    content = WIDE + "\n".join(
        [
            f"# {markdown_inline(title)}",
            "",
            f'<p class="comparison-intro">{intro}</p>',
            "",
            f'<div class="comparison-counts">{headline(alignment)}</div>',
            "",
            downloads_box(comparison, here),
            "",
            change_summary(site, summary, here),
            "",
            # The articles are indexed on their own pages; the table would only repeat them.
            f'<div class="comparison" data-kind="{comparison.kind.value}" data-search-exclude>'
            f"{controls}{table}</div>",
            "",
        ]
    )
    return SitePage(here, title, content)


def article_cell(site: Site, regulation_id: str, number: int, body: str, here: str) -> str:
    href = link(here, regulation_page(regulation_id), f"art-{number}")
    label = site.regulation(regulation_id).article(number).label
    return (
        f'<a class="article-link" href="{esc(href)}">{esc(label)}</a>'
        f'<div class="cell-text">{body}</div>'
    )


_SUMMARY_SECTIONS = (
    (TERM, "名称变更"),
    (QUANTITY, "数量与期限"),
    (OBLIGATION, "义务与授权"),
    (ADDED, "新增条文"),
    (DELETED, "删除条文"),
)


def change_summary(site: Site, summary: Summary, here: str) -> str:
    """What changed, grouped by kind, each item linked to its row of the 对照表."""
    if not summary.changes:
        return ""
    left, right = site.regulation(summary.left), site.regulation(summary.right)

    def label(regulation: Regulation, number) -> str:
        if isinstance(number, list):
            return "、".join(regulation.article(n).label for n in number)
        return regulation.article(number).label if number is not None else ""

    sections = []
    for kind, heading in _SUMMARY_SECTIONS:
        items = []
        for change in (c for c in summary.changes if c.kind == kind):
            if kind == TERM:
                where = f"涉及{esc(label(left, change.left))}；{esc(label(right, change.right))}"
                body = (
                    f"<del>{esc(change.before)}</del> → <ins>{esc(change.after)}</ins>"
                    f'<span class="change-where">{where}</span>'
                )
            else:
                row = f"#row-{change.left if change.left is not None else 'x'}-"
                row += f"{change.right if change.right is not None else 'x'}"
                sides = " → ".join(
                    part for part in (label(left, change.left), label(right, change.right)) if part
                )
                if kind in (ADDED, DELETED):
                    text = (change.after or change.before).split("\n")[0]
                    short = text[:36] + ("…" if len(text) > 36 else "")
                    body = f'<a href="{row}">{esc(sides)}</a> {esc(short)}'
                else:
                    none = '<span class="absent">（无）</span>'
                    if summary.kind is Kind.REVISION:
                        before = f"<del>{esc(change.before)}</del>" if change.before else none
                        after = f"<ins>{esc(change.after)}</ins>" if change.after else none
                        body = f'<a href="{row}">{esc(sides)}</a> {before} → {after}'
                    else:  # two texts side by side: no old and new
                        body = (
                            f'<a href="{row}">{esc(sides)}</a> '
                            f"{esc(change.before)} ／ {esc(change.after)}"
                        )
            items.append(f"<li>{body}</li>")
        if items:
            sections.append(
                f'<div class="change-group"><h3 class="change-kind">{heading}'
                f' <span class="change-count">{len(items)}</span></h3>'
                f"<ul>{''.join(items)}</ul></div>"
            )
    return (
        '<details class="abstract change-summary" open><summary>主要变化</summary>'
        f"{''.join(sections)}</details>"
    )


def downloads_box(comparison: Comparison, here: str) -> str:
    links = " ".join(
        f'<a class="md-button download" download '
        f'href="{esc(link_file(here, comparison_path(comparison, f)))}">{esc(label)}</a>'
        for f, label in COMPARISON_FORMATS.items()
    )
    return f'<div class="downloads" aria-label="下载">下载对照表：{links}</div>'


def link_file(from_page: str, file_path: str) -> str:
    """A relative link from a page to a file of the site (not a page)."""
    depth = render.page_url(from_page).count("/")
    return "../" * depth + file_path


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
            '<table class="catalog"><thead><tr><th>对照</th><th>文件</th></tr></thead>'
            f"<tbody>{''.join(comparison_rows)}</tbody></table>",
            "",
            "## 法规文本数据 {#regulations}",
            "",
            '<table class="catalog"><thead><tr><th>法规</th><th>文件</th></tr></thead>'
            f"<tbody>{''.join(regulation_rows)}</tbody></table>",
            "",
        ]
    )
    return SitePage(here, "下载", content)


# Three-way view ------------------------------------------------------------------------


def three_way_view(site: Site, three: ThreeWay) -> SitePage:
    """One row per matter: old text | new text (diffed against the old) | the other text."""
    here = comparison_page(*three.ids)
    old, new, other = (site.entry(i) for i in three.ids)
    revision, _ = site.pair_alignment(three.old, three.new)
    new_other, new_flipped = site.pair_alignment(three.new, three.other)
    old_other, old_flipped = site.pair_alignment(three.old, three.other)

    def others(alignment: Alignment, flipped: bool, number: int) -> list[int]:
        side, other_side = ("right", "left") if flipped else ("left", "right")
        return [
            getattr(p, other_side)
            for p in alignment.partners(side, number)
            if getattr(p, other_side) is not None
        ]

    rows: list[tuple[list[int], int | None, list[int]]] = []
    for pair in revision.pairs:
        if pair.right is None:
            rows.append(([pair.left], None, others(old_other, old_flipped, pair.left)))
        elif not any(row[1] == pair.right for row in rows):
            lefts = [p.left for p in revision.partners("right", pair.right) if p.left is not None]
            rows.append((lefts, pair.right, others(new_other, new_flipped, pair.right)))
    shown_other = {n for row in rows for n in row[2]}
    rows += [
        ([], None, [a.number])
        for a in site.regulation(other.id).articles
        if a.number not in shown_other
    ]

    body = []
    for lefts, middle, rights in rows:
        old_cell = "".join(
            article_cell(
                site, old.id, n, render.plain(site.regulation(old.id).article(n).text), here
            )
            for n in lefts
        )
        if middle is not None and len(lefts) == 1:
            ops = site.library.diff(old.id, lefts[0], new.id, middle)
            middle_cell = article_cell(site, new.id, middle, render.diff_side(ops, "right"), here)
        elif middle is not None:
            text = site.regulation(new.id).article(middle).text
            middle_cell = article_cell(
                site,
                new.id,
                middle,
                render.plain(text) if lefts else f"<ins>{render.plain(text)}</ins>",
                here,
            )
        else:
            middle_cell = '<span class="absent">（修订后删除）</span>' if lefts else ""
        other_cell = (
            "".join(
                article_cell(
                    site, other.id, n, render.plain(site.regulation(other.id).article(n).text), here
                )
                for n in rights
            )
            or '<span class="absent">（无对应条文）</span>'
        )
        key = f"row-{middle if middle is not None else 'x'}-{'-'.join(map(str, lefts or rights))}"
        body.append(
            f'<tr id="{key}"><td class="side">{old_cell}</td><td class="side">{middle_cell}</td>'
            f'<td class="side">{other_cell}</td></tr>'
        )
    title = three_way_title(site, three)
    table = (
        '<table class="compare-table three-way"><thead><tr>'
        f'<th class="side">{esc(old.short_title)}</th>'
        f'<th class="side">{esc(new.short_title)}（与{esc(old.short_title)}比较）</th>'
        f'<th class="side">{esc(other.short_title)}</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )
    intro = (
        f"每一行是一个事项：左栏为{esc(old.short_title)}，中栏为{esc(new.short_title)}"
        f"（新增的文字加粗），右栏为{esc(other.short_title)}中规定同一事项的条文。"
    )
    content = WIDE + "\n".join(
        [
            f"# {markdown_inline(title)}",
            "",
            f'<p class="comparison-intro">{intro}</p>',
            "",
            f'<div class="comparison three-way" data-search-exclude>{table}</div>',
            "",
        ]
    )
    return SitePage(here, title, content)


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
