"""HTML lives in the templates: Python hands them data, and a site may replace them."""

from __future__ import annotations

import ast
import re
from dataclasses import replace

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from comparator.cache import Cache
from comparator.library import Library
from comparator.publish.build import build_site
from comparator.publish.site.context import Site
from comparator.publish.site.pages import build_pages, regulation_view

from .conftest import CATALOG, ROOT

# An HTML tag written out, as in '<td class="side">' or "</div>".
_TAG = re.compile(r"</?(?:a|abbr|br|del|details|div|ins|li|ol|p|span|summary|table|td|th|tr|ul)\b")


def _strings_outside_docstrings(tree: ast.AST) -> list[ast.Constant]:
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def test_no_html_is_written_in_python():
    """What publishes (the site, the exports, the reports) writes HTML only in templates.

    (The text layer reads HTML pages: its patterns name tags to find them.)
    """
    found = []
    for path in sorted((ROOT / "comparator" / "publish").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _strings_outside_docstrings(tree):
            if _TAG.search(node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert found == []


@pytest.fixture
def custom(tmp_path):
    """A folder replacing one template: the metadata table of a regulation page."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "regulation_meta.jinja").write_text(
        '<div class="house-style">{{ entry.jurisdiction }}人大常委会法制工作委员会</div>\n',
        encoding="utf-8",
    )
    return folder


def test_a_custom_template_replaces_the_packages_one(custom):
    library = Library.open([CATALOG])
    page = regulation_view(Site.build(library, custom), "shenzhen-draft")
    assert '<div class="house-style">深圳市人大常委会法制工作委员会</div>' in page.content
    assert 'class="regulation-meta"' not in page.content
    # The other templates are the package's: the articles are all there.
    assert page.content.count('<div class="article">') == 34


def test_a_custom_template_escapes_the_text_it_prints(custom):
    (custom / "regulation_meta.jinja").write_text("<p>{{ entry.note }}</p>\n", encoding="utf-8")
    library = Library.open([CATALOG])
    site = Site.build(library, custom)
    entry = library.catalog.entries["shenzhen-draft"]
    library.catalog.entries["shenzhen-draft"] = replace(entry, note="<script>alert(1)</script>")
    page = regulation_view(site, "shenzhen-draft")
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page.content


@pytest.mark.slow
def test_the_plugin_option_names_the_folder(project, custom):
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["custom_templates"] = str(custom)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    site = build_site(project / "mkdocs.yml", project / "build" / "site")
    html = (site / "regulations" / "shenzhen-draft" / "index.html").read_text(encoding="utf-8")
    assert '<div class="house-style">深圳市人大常委会法制工作委员会</div>' in html


def test_pages_come_from_the_cache_until_one_of_their_inputs_changes(tmp_path, custom):
    def library() -> Library:
        return Library.open([CATALOG], cache=Cache(tmp_path / "cache"))

    def pages(library: Library, templates=None) -> dict[str, str]:
        return {p.path: p.content for p in build_pages(Site.build(library, templates))}

    first = pages(library())
    again = library()
    assert pages(again) == first
    assert again.cache.misses == 0  # every page, and all it is made of, was kept
    # Another regulation's short title shows beside each counterpart of this one.
    renamed = library()
    entry = renamed.catalog.entries["shenzhen-2007"]
    renamed.catalog.entries["shenzhen-2007"] = replace(entry, short_title="二〇〇七年规定")
    page = pages(renamed)["regulations/shenzhen-draft.md"]
    assert "二〇〇七年规定第三条" in page and "深圳规定（2007）第三条" not in page
    # An edited template lays the pages out again.
    changed = pages(library(), custom)
    assert "house-style" in changed["regulations/shenzhen-draft.md"]
    (custom / "regulation_meta.jinja").write_text("<p>新样式</p>\n", encoding="utf-8")
    changed = pages(library(), custom)
    assert "<p>新样式</p>" in changed["regulations/shenzhen-draft.md"]
