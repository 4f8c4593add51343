"""The site builds from the catalog, atomically."""

from __future__ import annotations

import re

import pytest

from comparator.build import build_site

from .conftest import ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")


def test_home_and_regulation_pages(site, library):
    assert (site / "index.html").is_file()
    for regulation_id in library.catalog.entries:
        page = site / "regulations" / regulation_id / "index.html"
        html = page.read_text(encoding="utf-8")
        count = len(library.regulation(regulation_id).articles)
        ids = re.findall(r'id="art-(\d+)"', html)
        assert [int(n) for n in ids] == list(range(1, count + 1)), regulation_id


def test_chapter_headings(site):
    html = (site / "regulations" / "handan-water" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="chap-2">第二章 预防保护', html)


def test_paragraph_and_item_ids(site):
    html = (site / "regulations" / "tieling-litigation" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-7-para-1-item-6"' in html
    assert 'id="art-13-para-3"' in html
