"""The comparison pages: the 对照表 with its change summary, and the three-way view."""

from __future__ import annotations

from comparator.catalog import Comparison
from comparator.compare.changes import ADDED, DELETED, OBLIGATION, QUANTITY, TERM, Summary
from comparator.compare.pairs import Alignment
from comparator.model import Regulation
from comparator.publish.site import render
from comparator.publish.site.context import (
    WIDE,
    Site,
    SitePage,
    ThreeWay,
    article_cell,
    comparison_title,
    headline,
    link_file,
    row_id,
    three_way_title,
)
from comparator.publish.site.downloads import COMPARISON_FORMATS, comparison_path
from comparator.publish.site.markup import markdown_inline
from comparator.publish.site.markup import text as esc
from comparator.publish.site.render import comparison_page
from comparator.vocabulary import TEXT_UNCHANGED, Kind

# Comparison pages ----------------------------------------------------------------------


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
