"""A reader follows a text's versions, reads the implementation matrix and comments on a
draft, in chromium; screenshots at desktop width and on a 390 px phone."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qs, urlparse

import pytest

from comparator.publish.build import build_site

from .browser import PageWatch, serve
from .conftest import ROOT

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "build" / "screenshots"
BEFORE_THE_DEADLINE = "1756080000"  # 2025-08-25: the Chongqing draft is open to comment


@pytest.fixture(scope="module")
def open_for_comment(tmp_path_factory):
    """The site as it was built while the Chongqing draft was open to comment."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BEFORE_THE_DEADLINE
    try:
        site = build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("open") / "site")
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    with serve(site) as url:
        yield url


def new_page(chromium, origin, width=1400, height=1000):
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    page.watch = PageWatch(page, origin)
    return page


def test_follow_a_version_and_its_revision_table(chromium, origin):
    page = new_page(chromium, origin)
    page.goto(origin + "regulations/chongqing-2016/")
    line = page.locator("nav.versions")
    assert (
        "2016 现行" in line.inner_text() and "2025 修订草案（征求意见已截止）" in line.inner_text()
    )
    line.get_by_role("link", name=re.compile("2025 修订草案")).click()
    page.wait_for_url(re.compile(r"regulations/chongqing-draft/$"))
    assert "征求意见已于2025年9月4日截止" in page.locator(".comments-closed").inner_text()
    assert page.locator("a[href^='mailto:']").count() == 0
    page.locator("nav.versions").get_by_role("link", name="修订对照表").click()
    page.wait_for_url(re.compile(r"compare/chongqing-2016--chongqing-draft/$"))
    row = page.locator("#row-3-7")
    assert "完善代表的权利义务有关规定" in row.locator("td.notes").inner_text()
    assert page.watch.errors == [] and page.watch.outside == []


@pytest.mark.parametrize("width,name", [(1400, "desktop"), (390, "phone")])
def test_read_the_implementation_matrix(chromium, origin, width, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(chromium, origin, width=width, height=900)
    page.goto(origin + "regulations/chongqing-draft/#art-18")
    page.locator("#art-18 + .article").get_by_role("link", name="实施《代表法》第十九条").click()
    page.wait_for_url(re.compile(r"regulations/daibiaofa-2025/#art-19$"))
    page.locator("#art-19 + .article").get_by_role("link", name="各地实施情况").click()
    page.wait_for_url(re.compile(r"implementations/daibiaofa-2025/#art-19$"))
    row = page.locator("tr#art-19")
    cell = row.locator("details", has=page.locator("a[href*='chongqing-draft/#art-18']"))
    assert cell.locator(".implementing-text").is_hidden()
    cell.locator("summary").click()
    assert "可以向本级有关国家机关提出询问" in cell.locator(".implementing-text").inner_text()
    page.screenshot(path=str(SCREENSHOTS / f"matrix-{name}.png"))
    # The page is no wider than the screen: the matrix scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cell.get_by_role("link", name="查看条文").click()
    page.wait_for_url(re.compile(r"regulations/chongqing-draft/#art-18$"))
    assert page.watch.errors == [] and page.watch.outside == []


def test_comment_on_an_article_while_the_draft_is_open(chromium, open_for_comment):
    page = new_page(chromium, open_for_comment)
    page.goto(open_for_comment + "regulations/chongqing-draft/")
    assert "截至2025年9月4日" in page.locator(".comments-open").inner_text()
    assert "2025 修订草案（征求意见中）" in page.locator("nav.versions").inner_text()
    link = page.locator("#art-18 + .article").get_by_role("link", name="对本条提出意见")
    target = urlparse(link.get_attribute("href"))
    assert (target.scheme, target.path) == ("mailto", "rdfzgwec@163.com")
    query = parse_qs(target.query)
    assert query["subject"][0].endswith("（修订草案）》第十八条的意见")
    assert query["body"][0].startswith("第十八条\u3000代表在审议议案和报告时")
    assert page.locator("a[href^='mailto:']").count() == 72 + 1  # each article, and the notice
    page.screenshot(path=str(SCREENSHOTS / "draft-open-for-comment.png"))
