"""The built site: pages, statuses, annotations and links, read from the HTML."""

from __future__ import annotations

import re

import docx
import pytest
from lxml import html

from comparator.compare.annotate import annotate
from comparator.model import anchor
from comparator.publish.export import formats_of
from comparator.vocabulary import Kind, SpanKind

from .conftest import ROOT


def page(site, path: str):
    return html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def test_every_page_is_built(built_site, library):
    expected = ["", "about", "explanations/chongqing-draft"]
    expected += [f"regulations/{i}" for i in library.catalog.entries]
    expected += [f"compare/{c.slug}" for c in library.catalog.comparisons]
    expected += ["compare/shenzhen-2007--shenzhen-draft--chongqing-draft"]
    for path in expected:
        assert (built_site / path / "index.html").is_file(), path


def test_regulation_pages_have_every_node_id(built_site, library):
    for regulation in library.regulations():
        tree = page(built_site, f"regulations/{regulation.id}")
        ids = set(tree.xpath("//@id"))
        for article in regulation.articles:
            assert f"art-{article.number}" in ids
            for paragraph in article.paragraphs:
                para = f"art-{article.number}-para-{paragraph.number}"
                assert para in ids
                for item in paragraph.items:
                    assert f"{para}-item-{item.number}" in ids
        for chapter in regulation.chapters:
            assert f"chap-{chapter.number}" in ids


def test_paragraphs_have_a_permalink(built_site):
    tree = page(built_site, "regulations/shenzhen-draft")
    (link,) = tree.xpath('//p[@id="art-13-para-2"]/a[@class="permalink"]')
    assert link.get("href") == "#art-13-para-2"


def test_chapters_are_in_the_table_of_contents(built_site):
    tree = page(built_site, "regulations/handan-water")
    toc = tree.xpath('//nav[contains(@class, "md-nav--secondary")]//a/@href')
    chapters = list(dict.fromkeys(h for h in toc if h.startswith("#chap-")))
    assert chapters == [f"#chap-{n}" for n in range(1, 7)]


def test_metadata_above_the_text(built_site):
    tree = page(built_site, "regulations/shenzhen-2007")
    meta = tree.xpath('//div[@class="regulation-meta"]')[0].text_content()
    assert "修改沿革" in meta and "2007年5月30日深圳市第四届人民代表大会常务委员会" in meta
    assert "公布信息" in meta and "第五十一号" in meta


@pytest.mark.parametrize(
    "slug",
    [
        "shenzhen-2007--shenzhen-draft",
        "shenzhen-draft--chongqing-draft",
        "shenzhen-2007--chongqing-draft",
    ],
)
def test_comparison_rows_match_the_alignment(built_site, library, slug):
    left, right = slug.split("--")
    alignment = library.alignment(left, right)
    rows = page(built_site, f"compare/{slug}").xpath(
        '//table[contains(@class, "compare-table")]/tbody/tr[@id]'
    )

    def row(number):
        return "x" if number is None else number

    expected = [(f"row-{row(p.left)}-{row(p.right)}", p.status.value) for p in alignment.pairs]
    if alignment.kind.value == "revision":
        shown = [(row.get("id"), row.get("data-status")) for row in rows]
        assert shown == expected
        badges = [row.xpath('.//span[contains(@class, "badge")]/@data-status')[0] for row in rows]
        assert badges == [status for _, status in expected]
        return
    # Across jurisdictions: one row per left article, its counterparts inside (each with
    # its own anchor and badge), the most alike first.
    shown = []
    for tr in rows:
        partners = tr.xpath('.//div[@class="partner"]')
        if not partners:
            shown.append((tr.get("id"), tr.get("data-status")))
            continue
        similarities = [
            float(p.xpath('.//span[@class="similarity"]/text()')[0].rstrip("%")) for p in partners
        ]
        assert similarities == sorted(similarities, reverse=True)
        for partner in partners:
            status = partner.xpath('.//span[contains(@class, "badge")]/@data-status')[0]
            shown.append((partner.get("id"), status))
    assert sorted(shown) == sorted(expected)
    lefts = [
        tr.xpath('./td[contains(@class, "left")]//a[@class="article-link"]/text()') for tr in rows
    ]
    labels = [label[0] for label in lefts if label]
    assert len(labels) == len(set(labels))  # no left article repeated


def test_revision_marks_deletions_and_additions(built_site):
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft")
    (row,) = tree.xpath('//tr[@id="row-3-4"]')
    assert [d.text for d in row.xpath('.//td[contains(@class, "left")]//del')] == [
        "选举联络人事任免",
        "选联任工委",
    ]
    assert [i.text for i in row.xpath('.//td[contains(@class, "right")]//ins')] == [
        "代表",
        "代表工委",
    ]
    assert tree.xpath('//tr[@id="row-x-15"]//span[@data-status="added"]/text()') == ["新增"]
    filters = tree.xpath('//p[@class="row-filter"]/a/@href')
    assert filters == ["#all", "#changed", "#added", "#deleted"]


def test_cross_comparison_shows_similarity_not_old_and_new(built_site):
    tree = page(built_site, "compare/shenzhen-draft--chongqing-draft")
    (row,) = tree.xpath('//tr[@id="row-1-1"]')
    assert row.xpath('.//span[@class="similarity"]/text()')[0].endswith("%")
    assert not tree.xpath("//table//del | //table//ins | //*[@class='change-summary']//del")
    assert "修订前" not in tree.xpath("//thead")[0].text_content()


def test_three_way_view_holds_every_article(built_site, library):
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft--chongqing-draft")
    links = tree.xpath('//table[contains(@class, "three-way")]//a[@class="article-link"]/@href')
    for regulation_id in ("shenzhen-2007", "shenzhen-draft", "chongqing-draft"):
        cited = {
            int(m[1])
            for h in links
            if (m := re.search(rf"regulations/{regulation_id}/#art-(\d+)$", h))
        }
        assert cited == {a.number for a in library.regulation(regulation_id).articles}, (
            regulation_id
        )


def test_explanations_on_exactly_the_cited_articles(built_site):
    tree = page(built_site, "regulations/chongqing-draft")
    with_note = {
        int(div.getprevious().get("id").removeprefix("art-"))
        for div in tree.xpath(
            '//div[@class="article"][.//details[contains(@class, "explanation-note")]]'
        )
    }
    assert len(with_note) == 40
    assert {3, 4, 12, 29, 46, 71} <= with_note
    assert 1 not in with_note and 72 not in with_note
    for other in ("shenzhen-draft", "handan-water"):
        assert not page(built_site, f"regulations/{other}").xpath(
            '//details[contains(@class, "explanation-note")]'
        )


def test_explanation_page_links_its_citations(built_site):
    tree = page(built_site, "explanations/chongqing-draft")
    hrefs = tree.xpath('//a[contains(@class, "citation")]/@href')
    assert "../../regulations/chongqing-draft/#art-3" in hrefs
    assert "../../regulations/chongqing-draft/#art-33" in hrefs  # from 第三十条、第三十三条


def test_handan_references_link_to_the_cited_articles(built_site):
    tree = page(built_site, "regulations/handan-water")
    cited = []
    for number in range(23, 30):
        cited += tree.xpath(
            f'//div[@class="article"][preceding-sibling::h3[1][@id="art-{number}"]]//a[@class="xref"]/@href'
        )
    assert sorted({int(h.rsplit("-", 1)[1]) for h in cited}) == [7, 8, 9, 10, 12, 13, 14, 18]


def test_every_internal_reference_is_a_working_link(built_site, library):
    for regulation in library.regulations():
        ids = set(page(built_site, f"regulations/{regulation.id}").xpath("//@id"))
        annotations = annotate(regulation)
        for spans in annotations.spans.values():
            for span in spans:
                if span.kind is SpanKind.REFERENCE:
                    assert anchor(span.target) in ids, span
        assert annotations.unresolved == []


def test_defined_terms_have_their_full_name(built_site):
    tree = page(built_site, "regulations/shenzhen-draft")
    titles = set(tree.xpath('//abbr[@class="term"][text()="代表工委"]/@title'))
    assert titles == {"常务委员会代表工作委员会"}
    # Not inside another word: 代表 in 人民代表大会 is no defined term.
    for abbr in tree.xpath('//abbr[@class="term"][text()="代表"]'):
        assert not (abbr.tail or "").startswith("大会")


def test_laws_are_marked(built_site):
    tree = page(built_site, "regulations/shenzhen-draft")
    assert "《中华人民共和国治安管理处罚法》" in tree.xpath('//span[@class="law"]/text()')


def test_no_external_resources(built_site):
    """Nothing is loaded from outside the site: scripts, styles, images, fonts."""
    for path in built_site.rglob("*.html"):
        tree = html.fromstring(path.read_text(encoding="utf-8"))
        loaded = tree.xpath("//script/@src | //img/@src | //link/@href | //iframe/@src")
        outside = [url for url in loaded if re.match(r"(https?:)?//", url)]
        assert outside == [], path
    for path in built_site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", path.read_text(encoding="utf-8")), path


def test_downloads_page_lists_every_file(built_site, library):
    tree = page(built_site, "downloads")
    hrefs = tree.xpath("//table//a[@download]/@href")
    catalog = library.catalog
    # a file per format for each comparison (a revision's tracked changes too), the
    # three-way view's DOCX, two per regulation
    files = sum(len(formats_of(c.kind)) for c in catalog.comparisons)
    assert len(hrefs) == files + len(catalog.three_ways()) + 2 * len(catalog.entries)
    assert sum(href.endswith("-tracked.docx") for href in hrefs) == sum(
        c.kind is Kind.REVISION for c in catalog.comparisons
    )
    for href in hrefs:
        target = (built_site / "downloads" / href).resolve()
        assert target.is_file() and target.stat().st_size > 500, href


def test_revision_points_link_each_change_to_its_row(built_site):
    """本次修订要点: a few sentences, each change in them a link to its row of the 对照表."""
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft")
    (points,) = tree.xpath("//div[contains(@class, 'revision-points')]")
    sentences = points.xpath("./p[not(contains(@class, 'admonition-title'))]")
    assert 3 <= len(sentences) <= 8
    assert sentences[0].text_content().startswith("本次修订新增条文四条，删除条文三条")
    rows = set(tree.xpath("//tr/@id"))
    links = points.xpath(".//a/@href")
    assert links and all(href.lstrip("#") in rows for href in links)
    deadlines = next(p for p in sentences if p.text_content().startswith("期限："))
    assert "第三十二条“二十四小时内”改为“十二小时内”（缩短）" in deadlines.text_content()


def test_change_summary_quotes_each_clause(built_site):
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft")
    (item,) = [
        li
        for li in tree.xpath("//details[contains(@class, 'change-summary')]//li")
        if li.xpath("./del/text()") == ["二十四小时内"]
    ]
    (before,) = item.xpath(".//span[contains(@class, 'clause before')]")
    (after,) = item.xpath(".//span[contains(@class, 'clause after')]")
    assert before.xpath("./del/text()") == ["二十四小时内"]
    assert after.xpath("./ins/text()") == ["十二小时内"]
    assert "执行机关应当在" in before.text_content() and "转交常务委员会" in after.text_content()


def test_a_site_url_fills_the_sitemap_and_the_404_page(tmp_path, monkeypatch):
    """Published under a project path (SITE_URL), the sitemap lists every page and the
    Chinese 404 page links home under that path."""
    from comparator.publish.build import build_site

    monkeypatch.setenv("SITE_URL", "https://example.org/fagui/")
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/fagui/compare/shenzhen-2007--shenzhen-draft/</loc>" in sitemap
    missing = html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    assert missing.xpath("//h1/text()") == ["页面不存在"]
    assert missing.xpath("//a[text()='返回首页']/@href") == ["/fagui/"]
    assert missing.xpath("/html/@lang") == ["zh-CN"]


def test_chapter_rows_open_each_chapter(built_site, library):
    """A row with the chapter's heading before its first article, on each side."""
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft")
    rows = tree.xpath('//table[contains(@class, "compare-table")]/tbody/tr')
    headings = [
        (i, [td.text_content() for td in r.xpath("./td[contains(@class, 'side')]")])
        for i, r in enumerate(rows)
        if "chapter-row" in (r.get("class") or "")
    ]
    chapters = library.regulation("shenzhen-draft").chapters
    assert [h[1][1] for h in headings if h[1][1]] == [f"{c.label}\u3000{c.title}" for c in chapters]
    # Each heading stands right before the first article of its chapter.
    for index, (_, right) in headings:
        if right:
            number = int(rows[index + 1].get("id").split("-")[-1])
            assert number == min(next(c for c in chapters if right.startswith(c.label)).articles)


def test_the_three_way_view_shows_what_the_revision_did(built_site, library):
    """2007 | draft | Chongqing: the 2007 column struck where the draft deleted, the draft
    column marked where it added, and each row's badge says what the revision did."""
    tree = page(built_site, "compare/shenzhen-2007--shenzhen-draft--chongqing-draft")
    (row,) = tree.xpath('//tr[@id="row-7-6"]')
    old, new, _ = row.xpath("./td")
    assert "代表联组、" in old.xpath(".//del/text()")
    assert new.xpath(".//ins/text()")
    badges = tree.xpath("//p[@class='row-status']/span/@data-status")
    revision = library.alignment("shenzhen-2007", "shenzhen-draft")
    counted = {status: badges.count(status) for status in set(badges)}
    expected: dict[str, int] = {}
    for pair in revision.pairs:
        expected[pair.status.value] = expected.get(pair.status.value, 0) + 1
    assert counted == expected
    # Beside each counterpart in the third column, why it stands there.
    reasons = tree.xpath("//table//tr/td[3]//span[@class='pair-reason']/text()")
    assert any(text.startswith("同为《代表法》") for text in reasons)


def test_the_three_way_view_offers_its_docx(built_site):
    """The page's download button fetches the three-way DOCX, which opens as Word."""
    here = built_site / "compare/shenzhen-2007--shenzhen-draft--chongqing-draft"
    (href,) = page(built_site, "compare/shenzhen-2007--shenzhen-draft--chongqing-draft").xpath(
        "//a[contains(@class, 'download')]/@href"
    )
    target = (here / href).resolve()
    assert target.name == "shenzhen-2007--shenzhen-draft--chongqing-draft.docx"
    assert docx.Document(str(target)).tables[0].rows[0].cells[0].text == "深圳规定（2007）"
