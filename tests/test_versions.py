"""Versions over time and implementations across places, read from the built site:
version lines, the Chongqing revision with its 说明, the 代表法 implementation matrix,
comment links on drafts."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from lxml import html

from comparator.compare.evaluate import Reference
from comparator.library import Library
from comparator.model import CommentChannel
from comparator.publish.site.context import Site
from comparator.publish.site.pages import regulation_view
from comparator.text.notice import comment_channel

from .conftest import CATALOG, FIXTURES

MATRIX_REFERENCE = FIXTURES / "alignment" / "daibiaofa-2025--chongqing-draft.json"
VERSION_LINE = '//nav[@class="versions"]'


def page(site, path: str):
    return html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


# Versions ----------------------------------------------------------------------------

TIMELINES = {
    "chongqing-2016": ["chongqing-2016", "chongqing-draft"],
    "chongqing-draft": ["chongqing-2016", "chongqing-draft"],
    "daibiaofa-2015": ["daibiaofa-2015", "daibiaofa-2025"],
    "daibiaofa-2025": ["daibiaofa-2015", "daibiaofa-2025"],
    "shenzhen-2007": ["shenzhen-2007", "shenzhen-draft"],
    "shenzhen-draft": ["shenzhen-2007", "shenzhen-draft"],
}


@pytest.mark.parametrize("regulation_id", sorted(TIMELINES))
def test_each_regulation_page_shows_its_versions(built_site, regulation_id):
    (line,) = page(built_site, f"regulations/{regulation_id}").xpath(VERSION_LINE)
    versions = line.xpath('./*[@class="version"]')
    chain = TIMELINES[regulation_id]
    assert len(versions) == len(chain)
    for version, other in zip(versions, chain, strict=True):
        if other == regulation_id:
            assert version.tag == "strong" and version.get("aria-current") == "page"
        else:
            assert version.get("href") == f"../{other}/"
    (diff,) = line.xpath('./a[@class="version-diff"]')
    assert diff.get("href") == f"../../compare/{chain[0]}--{chain[1]}/"
    assert diff.text == "修订对照表"


def test_version_line_says_where_a_draft_stands(built_site):
    line = page(built_site, "regulations/chongqing-2016").xpath(VERSION_LINE)[0]
    text = line.text_content()
    # The build date of the test site is the day it runs: after the 2025-09-04 deadline.
    assert "2016 现行" in text and "2025 修订草案（征求意见已截止）" in text
    assert "2015 已修改" in page(built_site, "regulations/daibiaofa-2025").text_content()


def test_texts_with_one_version_have_no_version_line(built_site):
    assert page(built_site, "regulations/beijing-daibiaofa-2014").xpath(VERSION_LINE) == []


# The Chongqing revision and its 说明 --------------------------------------------------


@pytest.fixture(scope="module")
def chongqing_revision(built_site):
    return page(built_site, "compare/chongqing-2016--chongqing-draft")


def test_every_explanation_passage_is_in_the_row_of_its_article(chongqing_revision, library):
    notes = library.annotations("chongqing-draft").notes
    assert len(notes) == 40  # the draft articles the 说明 cites
    rows = chongqing_revision.xpath('//table[contains(@class, "compare-table")]/tbody/tr[@id]')
    by_article: dict[int, list] = {}
    for row in rows:
        number = re.fullmatch(r"row-(?:\d+|x)-(\d+|x)", row.get("id"))[1]
        if number != "x":
            by_article.setdefault(int(number), []).append(row)
    for node, passages in notes.items():
        number = int(node.rsplit("-", 1)[1])
        for row in by_article[number]:
            shown = [p.text_content() for p in row.xpath('./td[@class="notes"]/p')]
            assert shown == [passage.text for passage in passages], number
    # An article the 说明 does not cite gets an empty cell.
    for number, article_rows in by_article.items():
        if f"chongqing-draft/art-{number}" not in notes:
            assert all(
                r.xpath('./td[@class="notes"]')[0].text_content() == "" for r in article_rows
            )


def test_the_revision_agrees_with_the_explanations_own_account(chongqing_revision, library):
    explanation = library.regulation("chongqing-draft").explanation
    account = next(p.text for p in explanation.paragraphs if "现行" in p.text and "新增" in p.text)
    old, new, added = (int(n) for n in re.findall(r"(\d+)条", account)[:3])
    assert (old, new, added) == (58, 72, 18)  # 现行…有58条，修订草案共有72条，新增了18条
    assert len(library.regulation("chongqing-2016").articles) == old
    assert len(library.regulation("chongqing-draft").articles) == new
    counts = chongqing_revision.xpath('//span[@data-status="added"]/strong')[0].text
    assert int(counts) == added
    head = chongqing_revision.xpath('//table[contains(@class, "compare-table")]/thead//th')
    assert [th.text_content() for th in head][2] == "修改说明"


def test_the_revision_docx_carries_the_explanation(tmp_path, invoke):
    from docx import Document

    target = tmp_path / "chongqing.docx"
    result = invoke(
        "export", "chongqing-2016", "chongqing-draft", "--format", "docx", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    table = Document(str(target)).tables[0]
    assert table.rows[0].cells[2].text == "修改说明"
    texts = {row.cells[1].text.split("\u3000")[0]: row.cells[2].text for row in table.rows[1:]}
    # (the half-width brackets of the 说明 print full width, as the table's text does)
    assert "明确代表密切联系人民群众的原则要求（修订草案第五条）。" in texts["第五条"]
    # the 说明 says nothing of the commencement clause: the change summary alone speaks
    assert texts["第七十二条"] == "施行与废止：2011年7月1日起施行 → 年 月 日起施行"


# The implementation matrix ----------------------------------------------------------


@pytest.fixture(scope="module")
def matrix(built_site):
    return page(built_site, "implementations/daibiaofa-2025")


def matrix_links(matrix, column: str) -> set[tuple[int, int]]:
    """(national article, local article) of every link in one column of the matrix."""
    heads = [th.text_content() for th in matrix.xpath('//table[@class="matrix"]/thead//th')]
    index = next(i for i, head in enumerate(heads) if head.startswith(column))
    links = set()
    for row in matrix.xpath('//table[@class="matrix"]/tbody/tr'):
        national = int(row.get("id").removeprefix("art-"))
        for link in row.xpath(f"./*[{index + 1}]//a/@href"):
            links.add((national, int(link.rsplit("-", 1)[1])))
    return links


def test_the_matrix_has_a_row_per_national_article_and_a_column_per_place(matrix, library):
    rows = matrix.xpath('//table[@class="matrix"]/tbody/tr')
    assert [r.get("id") for r in rows] == [f"art-{n}" for n in range(1, 66)]
    heads = [th.text_content() for th in matrix.xpath('//table[@class="matrix"]/thead//th')]
    for entry in library.catalog.implementations("daibiaofa-2025"):
        assert any(head.startswith(entry.short_title) for head in heads[1:]), entry.id
    assert len(heads) == 1 + 8  # Shenzhen 2007 and draft, Chongqing 2016 and draft, 4 provinces


def test_the_matrix_holds_the_links_read_from_the_texts(matrix):
    reference = Reference.load(MATRIX_REFERENCE)
    links = matrix_links(matrix, "重庆实施办法修订草案")
    correct = links & reference.possible
    precision, recall = len(correct) / len(links), len(links & reference.sure) / len(reference.sure)
    assert len(reference.sure) >= 30
    assert precision >= 0.85 and recall >= 0.9, (precision, recall)
    # Links checked by reading the two texts, each in its row:
    for national, local in [(19, 18), (20, 19), (38, 42), (39, 43), (49, 54), (65, 72)]:
        assert (national, local) in links
    # The article text is there on demand, and links to the article.
    (row,) = matrix.xpath('//tr[@id="art-19"]')
    details = row.xpath('.//details[.//a[contains(@href, "chongqing-draft/#art-18")]]')[0]
    assert "可以向本级有关国家机关提出询问" in details.text_content()


def test_the_reference_says_why_for_every_link():
    data = json.loads(MATRIX_REFERENCE.read_text(encoding="utf-8"))
    for national, local in data["sure"] + data["possible"]:
        assert data["reasons"][f"{national}-{local}"]


def test_places_own_articles_are_listed_below(matrix):
    own = matrix.xpath('//div[@class="own-articles"][.//h3//a[contains(@href, "chongqing-draft")]]')
    hrefs = own[0].xpath(".//li/a/@href")
    assert "../../regulations/chongqing-draft/#art-32" in hrefs  # 持证视察时的回避


def test_a_local_article_links_to_the_national_article_it_implements(built_site):
    tree = page(built_site, "regulations/chongqing-draft")
    links = tree.xpath(
        '//h3[@id="art-18"]/following-sibling::div[1]//a[@class="partner implements"]'
    )
    assert [a.text_content() for a in links] == ["实施《代表法》第十九条"]
    assert links[0].get("href") == "../daibiaofa-2025/#art-19"
    national = page(built_site, "regulations/daibiaofa-2025")
    (back,) = national.xpath(
        '//h3[@id="art-19"]/following-sibling::div[1]//a[@class="partner implemented"]'
    )
    assert back.get("href") == "../../implementations/daibiaofa-2025/#art-19"


# Comment links on drafts --------------------------------------------------------------


def test_the_comment_channel_is_read_from_the_notice(library):
    channel = comment_channel(library.regulation("chongqing-draft").metadata.notices)
    assert channel == CommentChannel(
        email="rdfzgwec@163.com",
        address="重庆市渝北区红锦大道60号,401147",
        recipient="重庆市人大常委会法工委法规二处",
        deadline="2025-09-04",
    )
    assert library.comment_channel("chongqing-draft") == channel
    assert library.comment_channel("shenzhen-draft") is None  # its notice names no channel


def draft_page(today: str) -> html.HtmlElement:
    site = Site.build(Library.open([CATALOG]))
    site.today = today
    return html.fromstring(regulation_view(site, "chongqing-draft").content)


def test_before_the_deadline_each_article_has_a_comment_link():
    tree = draft_page("2025-09-04")  # the last day comments are taken
    links = tree.xpath('//p[@class="comment-link"]/a')
    assert len(links) == 72 and all(a.text == "对本条提出意见" for a in links)
    target = urlparse(links[17].get("href"))  # 第十八条
    assert target.scheme == "mailto" and target.path == "rdfzgwec@163.com"
    query = parse_qs(target.query)
    assert query["subject"] == [
        "对《重庆市实施《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法"
        "（修订草案）》第十八条的意见"
    ]
    assert "可以向本级有关国家机关提出询问" in unquote(query["body"][0])
    assert "征求意见" in tree.xpath('//div[contains(@class, "comments-open")]')[0].text_content()


def test_after_the_deadline_the_page_says_comment_has_closed():
    tree = draft_page("2025-09-05")
    assert tree.xpath('//p[@class="comment-link"]') == []
    assert "征求意见已于2025年9月4日截止" in tree.xpath('//p[@class="comments-closed"]')[0].text


def test_a_catalogued_channel_comes_before_the_notice():
    library = Library.open([CATALOG])
    entry = library.catalog.entries["shenzhen-draft"]
    channel = CommentChannel(email="dbgw@example.org", deadline="2099-01-31")
    library.catalog.entries["shenzhen-draft"] = replace(entry, comments=channel)
    assert library.comment_channel("shenzhen-draft") == channel
