"""Regulation text is data: HTML, Markdown and template syntax in a text, a title or a
说明 show literally on every page, in tooltips, in the search index and in exports."""

from __future__ import annotations

import csv
import json

import pytest
import yaml
from docx import Document
from lxml import html
from mkdocs.utils.yaml import yaml_load
from openpyxl import load_workbook

from comparator.publish.build import build_site

from .browser import PageWatch, serve
from .conftest import FIXTURES, ROOT

HOSTILE = FIXTURES / "hostile"
LITERALS = [
    "<script>alert(1)</script>",
    "**粗体**和[链接](javascript:alert(2))以及 | 表格 | 分隔",
    "{{ page.title }}、{% if true %}模板{% endif %}",
    "\"双引号\"与'单引号'以及</script>、&amp;和&lt;b&gt;",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The site built from the hostile catalog, with the project's own configuration."""
    folder = tmp_path_factory.mktemp("hostile")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(folder / "site")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["catalogs"] = [str(HOSTILE / "catalog.toml")]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return build_site(path)


def test_markup_never_reaches_the_html(hostile_site):
    """No element, attribute or script comes from the texts: they are all text."""
    for page in hostile_site.rglob("*.html"):
        tree = html.fromstring(page.read_text(encoding="utf-8"))
        for script in tree.iter("script"):
            assert "alert" not in (script.text or ""), page
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            assert not handlers, (page, element.tag, handlers)
            assert element.tag not in ("img", "iframe"), (page, element.tag)
            assert not (element.tag in ("b", "i", "u") and "监" in (element.text or "")), page
        hrefs = tree.xpath("//@href")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], page


def test_search_index_holds_the_text_escaped(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "<script>" not in texts and "<img" not in texts
    assert "&lt;script&gt;" in texts.replace("\u200b", "")


@pytest.fixture(scope="module")
def origin(hostile_site):
    with serve(hostile_site) as url:
        yield url


@pytest.mark.browser
def test_no_script_runs_and_the_text_shows_literally(hostile_site, origin, chromium):
    pages = sorted(
        p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html")
    )
    page = chromium.new_page()
    watch = PageWatch(page, origin)
    for path in pages:
        page.goto(origin + ("" if path == "." else path + "/"))
        page.wait_for_timeout(100)
    page.goto(origin + "regulations/hostile-new/")
    text = page.locator(".md-content").inner_text()
    for literal in LITERALS:
        assert literal.replace("&amp;", "&amp;") in text, literal
    assert "<img src=x onerror=alert(7)>示范" in page.locator(".md-nav").first.inner_text()
    assert page.title().startswith("示范<b>草案</b>")
    # The defined term's tooltip holds its full name as text.
    assert page.locator("abbr.term").first.get_attribute("title") == "<b>监督委员会</b>"
    # Search finds the article and shows its text as text.
    page.locator(".md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("粗体")
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=10000)
    assert "<script>alert(1)</script>" in page.locator(".md-search-result").inner_text()
    page.goto(origin + "compare/hostile-old--hostile-new/")
    assert '"><svg onload=alert(9)>{{ 7*7 }}' in page.locator("table").inner_text()
    page.goto(origin + "explanations/hostile-new/")
    assert "<script>alert(11)</script>" in page.locator(".md-content").inner_text()
    page.close()
    assert watch.dialogs == []
    assert watch.errors == []


def test_exports_keep_the_text_unchanged(hostile_site):
    downloads = hostile_site / "downloads"
    document = Document(downloads / "compare" / "hostile-old--hostile-new.docx")
    cells = " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    for literal in LITERALS:
        assert literal in cells
    sheet = load_workbook(downloads / "compare" / "hostile-old--hostile-new.xlsx").active
    values = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "<script>alert(1)</script>" in values
    with open(downloads / "compare" / "hostile-old--hostile-new.csv", encoding="utf-8-sig") as f:
        assert any("</script><script>alert(10)</script>" in "".join(row) for row in csv.reader(f))
    data = json.loads((downloads / "compare" / "hostile-old--hostile-new.json").read_text("utf-8"))
    assert any(LITERALS[2] in (row["left_text"] or "") for row in data["rows"])
    akn = (downloads / "regulations" / "hostile-new.akn.xml").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in akn and "<script>" not in akn
