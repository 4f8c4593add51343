"""The corpus edition in chromium, on a slice of the national corpus: a text's version
timeline, an implementation matrix, and the search landing on an article."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from .browser import serve
from .search_probe import measure_query

DAIBIAOFA = "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"
# The text under an article's heading, up to the next heading.
ARTICLE_TEXT = """h => {
    let text = '';
    for (let n = h.nextElementSibling; n && !/^H[1-3]$/.test(n.tagName); n = n.nextElementSibling)
        text += n.textContent;
    return text;
}"""


@pytest.fixture(scope="module")
def corpus_origin(corpus_site: Path):
    with serve(corpus_site) as url:
        yield url


@pytest.fixture
def tab(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_version_timeline_leads_to_the_revision(tab, corpus_origin: str):
    tab.goto(corpus_origin + "texts/cn-laws/")
    tab.get_by_role("link", name=DAIBIAOFA, exact=True).first.click()
    timeline = tab.locator(".versions").first
    assert (
        re.sub(r"\s+", " ", timeline.inner_text())
        .strip()
        .startswith("版本 2015 已修改 → 修订对照表 → 2025 现行")
    )
    timeline.get_by_role("link", name="修订对照表").click()
    tab.wait_for_load_state()
    assert "修订前后对照" in tab.locator("h1").inner_text()
    assert tab.locator("tr[id^=row-]").count() >= 52  # every article of 2015, paired


def test_the_implementation_matrix_has_a_column_per_province(tab, corpus_origin: str):
    tab.goto(corpus_origin)
    tab.get_by_role("link", name=re.compile("代表法（2025）各地实施对照")).click()
    tab.wait_for_load_state()
    heads = [h.strip() for h in tab.locator("table.matrix thead th a").all_inner_texts()]
    assert [h[:2] for h in heads] == ["山东", "浙江"]
    rows = tab.locator("table.matrix tbody tr")
    assert rows.count() == 65  # 代表法 2025's articles
    filled = tab.locator("table.matrix tbody td a")
    assert filled.count() > 40  # most articles are implemented somewhere
    tab.set_viewport_size({"width": 390, "height": 844})
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


# Words of the slice's 代表法 texts (人大, 代表工委: the small site's, tests/test_term_index.py).
@pytest.mark.parametrize("query", ["闭会期间", "约见", "质询"])
def test_the_search_lands_on_an_article(chromium, corpus_origin: str, query: str):
    found = measure_query(chromium, corpus_origin, query)
    first = found["results"][0]
    assert re.search(r"regulations/[a-z0-9-]+/#art-\d+", first["href"]), first
    assert found["fetched_mb"] < 2
    chromium_tab = chromium.new_context().new_page()
    try:
        chromium_tab.goto(urljoin(corpus_origin, first["href"]))
        anchor = first["href"].split("#")[1]
        article = chromium_tab.locator(f"#{anchor}")
        text = article.evaluate(ARTICLE_TEXT)
        assert query in text
    finally:
        chromium_tab.context.close()
