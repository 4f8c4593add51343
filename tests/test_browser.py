"""What a reader does on the published site, in chromium."""

from __future__ import annotations

import re

import pytest

from comparator.publish.export import formats_of
from comparator.vocabulary import Kind

from .browser import PageWatch
from .conftest import ROOT

pytestmark = pytest.mark.browser
SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture
def page(chromium, origin):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.watch = PageWatch(page, origin)
    yield page
    context.close()


def test_home_links_to_a_comparison_with_screenshots(page, origin):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(origin)
    assert page.locator("h1").inner_text().startswith("法规对照")
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)
    page.get_by_role("link", name="深圳规定修订草案修订前后对照").first.click()
    page.wait_for_url(re.compile(r"compare/shenzhen-2007--shenzhen-draft/$"))
    assert (
        page.locator("table.compare-table tbody tr.pair").count() == 37
    )  # 30 pairs, 4 added, 3 deleted
    page.screenshot(path=str(SCREENSHOTS / "comparison.png"))
    page.goto(origin + "compare/shenzhen-2007--shenzhen-draft--chongqing-draft/")
    page.screenshot(path=str(SCREENSHOTS / "three-way.png"))
    assert page.watch.errors == [] and page.watch.outside == []


def test_the_row_filter_survives_a_reload(page, origin):
    """全部 / 仅修改 / 新增 / 删除: the choice is in the address, so a reload keeps it."""
    page.goto(origin + "compare/shenzhen-2007--shenzhen-draft/")
    unchanged = page.locator("tr.text-unchanged")
    changed = page.locator('tr[data-status="modified"]')
    assert unchanged.count() == 3 and unchanged.first.is_visible()
    page.get_by_role("link", name="仅修改", exact=True).click()
    page.wait_for_url(re.compile("#changed$"))
    assert all(not unchanged.nth(i).is_visible() for i in range(unchanged.count()))
    assert changed.first.is_visible()
    page.reload()
    assert not unchanged.first.is_visible() and changed.first.is_visible()
    page.get_by_role("link", name="新增", exact=True).click()
    visible = [r for r in page.locator("tr.pair").all() if r.is_visible()]
    assert len(visible) == 4 and all(r.get_attribute("data-status") == "added" for r in visible)
    page.get_by_role("link", name="全部", exact=True).click()
    assert unchanged.first.is_visible()


def test_a_link_to_a_row_highlights_it(page, origin):
    page.goto(origin + "regulations/shenzhen-draft/")
    page.locator("#art-9 + .article a.row-link[href*='shenzhen-2007--shenzhen-draft/']").click()
    page.wait_for_url(re.compile("compare/shenzhen-2007--shenzhen-draft/#row-8-9$"))
    row = page.locator("tr#row-8-9 td").first
    other = page.locator("tr#row-9-10 td").first
    assert row.evaluate("td => getComputedStyle(td).backgroundColor") != other.evaluate(
        "td => getComputedStyle(td).backgroundColor"
    )
    # The head row stays in view above it, not over it.
    head = page.locator("table.compare-table thead").bounding_box()
    assert row.bounding_box()["y"] >= head["y"] + head["height"] - 1


PHONE_PAGES = [
    "",
    "regulations/shenzhen-draft/",
    "compare/shenzhen-2007--shenzhen-draft/",
    "compare/shenzhen-draft--chongqing-draft/",
    "compare/shenzhen-2007--shenzhen-draft--chongqing-draft/",
    "implementations/daibiaofa-2025/",
    "explanations/chongqing-draft/",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_on_a_phone(chromium, origin, scheme):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    for path in PHONE_PAGES:
        page.goto(origin + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    # A row of a 对照表 stacks: its status above, each text under its label.
    page.goto(origin + "compare/shenzhen-2007--shenzhen-draft/")
    row = page.locator("tr#row-8-9")
    status, left = row.locator("td.status"), row.locator("td.left")
    assert status.bounding_box()["y"] < left.bounding_box()["y"]
    label = left.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"修订前"'
    context.close()


def test_open_an_explanation_note(page, origin):
    page.goto(origin + "regulations/chongqing-draft/")
    note = page.locator("#art-3 + .article details.explanation-note")
    assert note.count() == 1
    assert not note.locator("p").first.is_visible()  # collapsed by default
    note.locator("summary").click()
    assert note.locator("p").first.is_visible()
    assert "修订草案第三条" in note.inner_text()


def test_hover_a_defined_term(page, origin):
    page.goto(origin + "regulations/shenzhen-draft/")
    term = page.locator("#art-9-para-2 abbr.term", has_text="代表工委").first
    assert term.get_attribute("title") == "常务委员会代表工作委员会"
    term.hover()
    tooltip = page.locator(".md-tooltip2, [role=tooltip]").filter(
        has_text="常务委员会代表工作委员会"
    )
    tooltip.first.wait_for(state="visible", timeout=3000)


def test_follow_a_cross_reference(page, origin):
    page.goto(origin + "regulations/handan-water/")
    page.locator("#art-23-para-1 a.xref", has_text="本条例第七条").click()
    page.wait_for_url(re.compile(r"#art-7$"))
    assert page.locator("#art-7").is_visible()


def search(page, origin, query: str):
    page.goto(origin)
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10000)
    return results


def test_search_lands_on_an_article(page, origin):
    results = search(page, origin, "代表工委")
    articles = [
        i for i in range(results.count()) if "#art-" in (results.nth(i).get_attribute("href") or "")
    ]
    first = results.nth(articles[0])
    assert "regulations/shenzhen-draft/" in first.get_attribute("href")
    first.click()
    page.wait_for_url(re.compile(r"#art-\d+$"))
    target = page.url.rsplit("#", 1)[1]
    article = page.locator(f"#{target} + .article")
    assert "代表工委" in article.inner_text()


@pytest.mark.parametrize("query", ["代表工委", "十二小时", "闭会期间", "三个工作日"])
def test_the_first_result_is_an_article_or_a_row(page, origin, query):
    """No whole comparison page in the results: each hit lands on an article or a row."""
    results = search(page, origin, query)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    # Material heads each group of hits with its page's title; the first hit follows it.
    first = next(h for h in hrefs if "#" in h)
    assert hrefs.index(first) <= 1 and first.startswith(hrefs[0].split("?")[0]), hrefs[:3]
    assert re.search(r"#(art-\d+|row-[\dx-]+)$", first), hrefs[:3]
    page.goto(first)
    target = first.rsplit("#", 1)[1]
    shown = page.locator(f"#{target} + .article" if target.startswith("art-") else f"#{target}")
    assert query in shown.inner_text()


@pytest.mark.parametrize("query,where", [("人大", "regulations/"), ("闭会期间", "regulations/")])
def test_search_finds_chinese_words(page, origin, query, where):
    results = search(page, origin, query)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    hits = [h for h in hrefs if where in h and "#art-" in h]
    assert hits, hrefs[:5]
    # 人大 is found inside 全国人大 / 人大常委会, which jieba would keep whole.
    page.goto(hits[0])
    target = hits[0].rsplit("#", 1)[1]
    assert query in page.locator(f"#{target} + .article").inner_text()


def test_no_console_errors_and_nothing_from_outside(page, origin, built_site):
    site = built_site
    pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
    assert len(pages) >= 12
    for path in pages:
        page.goto(origin + ("" if path == "." else path + "/"))
    assert page.watch.errors == []
    assert page.watch.outside == []


def test_print_gives_the_table_alone_on_a4_landscape(page, origin, tmp_path):
    page.goto(origin + "compare/shenzhen-2007--shenzhen-draft/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".downloads", ".change-summary"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("table.compare-table").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "print-preview.png"))
    pdf = tmp_path / "comparison.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    data = pdf.read_bytes()
    width, height = map(float, re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    pages = int(re.findall(rb"/Count (\d+)", data)[0])
    assert pages > 3


def test_download_box_links_to_the_files(page, origin):
    page.goto(origin + "compare/shenzhen-2007--shenzhen-draft/")
    links = page.locator(".downloads a")
    assert links.count() == len(formats_of(Kind.REVISION))  # the 修订稿 with tracked changes too
    for i in range(links.count()):
        response = page.request.get(
            origin + "compare/shenzhen-2007--shenzhen-draft/" + links.nth(i).get_attribute("href")
        )
        assert response.ok and len(response.body()) > 1000


def test_a_defined_term_explains_itself_by_keyboard(page, origin):
    """A term is marked at its first use in an article only, and reached with Tab its
    explanation opens (as on hover or tap)."""
    page.goto(origin + "regulations/shenzhen-draft/")
    first_article = page.locator("#art-1 + .article")
    marked = [t.inner_text() for t in first_article.locator("abbr.term").all()]
    assert len(marked) == len(set(marked))  # 常务委员会 and 代表 once each
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr.term')"):
            break
    else:
        pytest.fail("no defined term can be reached with Tab")
    # Material mounts the tooltip a moment after focus, then names it on the term.
    page.wait_for_function("document.activeElement.getAttribute('aria-describedby')")
    described_by = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    tooltip = page.locator(f"[id='{described_by}']")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().strip()


# The kinds of page the accessibility check covers: the phone pages but the 说明.
AXE_PAGES = [path for path in PHONE_PAGES if not path.startswith("explanations/")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violation(chromium, origin, scheme):
    """axe-core on the home page, a regulation, a revision 对照表, a cross page, the
    three-way view and the matrix: nothing serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found = {}
    for path in AXE_PAGES:
        page.goto(origin + path)
        violations = axe.run(page).response["violations"]
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[path or "home"] = serious
    context.close()
    assert found == {}


@pytest.mark.parametrize("anchor", ["art-9", "art-20", "chap-2"])
def test_the_table_of_contents_follows_the_anchor(page, origin, anchor):
    """Reached by an address, the article (or chapter) itself is lit in the table of
    contents, not the one before it."""
    page.goto(origin + f"regulations/shenzhen-draft/#{anchor}")
    lit = (
        "[...document.querySelectorAll('.md-nav--secondary .md-nav__link--active')]"
        ".map(a => a.getAttribute('href'))"
    )
    # Material lights the table of contents once it has measured the page.
    page.wait_for_function(f"{lit}.length > 0")
    page.wait_for_timeout(300)  # and a scroll-spy round after the jump
    active = page.evaluate(lit)
    assert set(active) == {f"#{anchor}"}
