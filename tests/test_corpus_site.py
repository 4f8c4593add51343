"""The corpus edition, built from a slice of the national corpus: its sections, its
report of the texts left out, navigation that does not list every text, and rebuilds
that lay out only the pages whose inputs changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from comparator.publish.build import build_site

from .conftest import LAWREFBOOK, SHANDONG, copy_slice, corpus_config


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _regulation_pages(site: Path) -> list[Path]:
    return sorted((site / "regulations").glob("*/index.html"))


def test_the_home_page_lists_the_sections_and_what_was_found(corpus_site: Path):
    home = _page(corpus_site, "")
    sections = re.findall(r'<a href="texts/([a-z]+-[a-z]+)/">([^<]+)</a>', home)
    assert sections == [
        ("cn-laws", "全国 · 法律"),
        ("cn-administrative", "全国 · 行政法规"),
        ("sd-local", "山东省 · 地方性法规"),
        ("zj-local", "浙江省 · 地方性法规"),
    ]
    assert "另有 1 件文本未通过检查" in home
    assert "代表法（2025）各地实施对照" in home  # the implementation matrix found


def test_a_section_lists_each_text_with_its_versions(corpus_site: Path):
    laws = _page(corpus_site, "texts/cn-laws")
    row = re.search(r"<tr><td><a[^>]*>中华人民共和国全国人民代表大会和地方各级.*?</tr>", laws)
    assert row is not None
    assert re.findall(r'(\d{4}) <span class="kind">(\S+)</span>', row[0]) == [
        ("2015", "已修改"),
        ("2025", "现行"),
    ]
    local = _page(corpus_site, "texts/sd-local")
    assert re.findall(r"<h2[^>]*>([^<]+)", local) == ["山东省", "山东省东营市"]


def test_the_texts_left_out_are_listed_with_their_lines(corpus_site: Path):
    report = _page(corpus_site, "left-out")
    assert "东营市湿地城市建设条例" in report
    shown = f"lawrefbook/{SHANDONG}/东营市湿地城市建设条例(2020-12-14).md:29: "
    assert shown in report
    assert "/tmp/" not in report and str(corpus_site) not in report  # no machine's paths
    assert "章（分编）的编号不连续" in report
    assert "居民身份证法(2011-10-29).md" in report  # the copy published once
    titles = [p.read_text(encoding="utf-8") for p in _regulation_pages(corpus_site)]
    assert not any("<h1" in t and "东营市湿地城市建设条例</h1>" in t for t in titles)
    assert len(titles) == 9  # the slice's 11 files, less the broken one and the copy


def test_the_navigation_holds_the_sections_not_the_texts(corpus_site: Path):
    for page in [*_regulation_pages(corpus_site), corpus_site / "index.html"]:
        tree = lxml.html.fromstring(page.read_bytes())
        (navigation,) = tree.xpath('//nav[contains(@class, "md-nav--primary")]')
        links = [href for href in navigation.xpath(".//a/@href") if not href.startswith("#")]
        assert not [href for href in links if "regulations/" in href]
        assert any(href.endswith("texts/sd-local/") for href in links)


def test_a_rebuild_lays_out_only_the_pages_of_an_edited_text(tmp_path: Path):
    catalog = copy_slice(tmp_path)
    config = corpus_config(tmp_path, catalog)
    site = build_site(config)
    first = {p: p.read_bytes() for p in site.rglob("*.html")}
    dog = next((site / "regulations").glob("sd-*-20171011"))

    site = build_site(config)  # nothing changed: every page comes from the page cache
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == first
    laid_out = [p for p in _regulation_pages(site) if p.stat().st_nlink < 2]
    assert laid_out == []

    text = tmp_path / "lawrefbook" / SHANDONG / "东营市养犬管理条例(2017-10-11).md"
    text.write_text(
        text.read_text(encoding="utf-8").replace("第一条 为了", "第一条 为了规范养犬行为，为了"),
        encoding="utf-8",
    )
    site = build_site(config)
    changed = [p for p in _regulation_pages(site) if p.read_bytes() != first[p]]
    assert [p.parent.name for p in changed] == [dog.name]
    assert "规范养犬行为，为了" in changed[0].read_text(encoding="utf-8")
    others = [p for p in _regulation_pages(site) if p not in changed]
    assert all(p.stat().st_nlink >= 2 for p in others)  # linked from the page cache


def test_a_text_added_lays_out_its_page_and_those_that_cite_it(tmp_path: Path):
    """A text added to a collection changes the pages of the texts that cite it (their
    link to it appears), not every page."""
    catalog = copy_slice(tmp_path)
    config = corpus_config(tmp_path, catalog)
    site = build_site(config)
    first = {p: p.read_bytes() for p in _regulation_pages(site)}
    (agency_page,) = [p for p in first if "专利代理条例" in p.read_text(encoding="utf-8")]
    assert "《中华人民共和国专利法》</a>" not in agency_page.read_text(encoding="utf-8")

    added = tmp_path / "lawrefbook" / "民法商法" / "专利法(2020-10-17).md"
    added.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LAWREFBOOK / "民法商法" / "专利法(2020-10-17).md", added)
    site = build_site(config)
    pages = _regulation_pages(site)
    (new_page,) = [p for p in pages if p not in first]
    assert "中华人民共和国专利法" in new_page.read_text(encoding="utf-8")
    laid_out = sorted(p for p in pages if p.stat().st_nlink < 2)
    assert laid_out == sorted([new_page, agency_page])
    cited = lxml.html.fromstring(agency_page.read_bytes()).xpath(
        "//a[contains(., '《中华人民共和国专利法》')]/@href"
    )
    assert cited and new_page.parent.name in cited[0]
    assert all(p.read_bytes() == first[p] for p in pages if p not in laid_out)


def test_sources_strictness_is_kept(tmp_path: Path):
    """A broken text of a [[regulation]] entry still stops the build (only collections
    leave texts out)."""
    folder = tmp_path / "strict"
    folder.mkdir()
    catalog = copy_slice(folder)
    broken = folder / "broken.md"
    shutil.copyfile(
        folder / "lawrefbook" / SHANDONG / "东营市湿地城市建设条例(2020-12-14).md", broken
    )
    from comparator.catalog import sha256_of

    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + f"""
[[regulation]]
id = "broken"
title = "东营市湿地城市建设条例"
short_title = "湿地城市条例"
jurisdiction = "山东省东营市"
kind = "现行"
date = "2020-12-14"
source = "broken.md"
sha256 = "{sha256_of(broken)}"
""",
        encoding="utf-8",
    )
    from comparator.model import SourceErrors

    with pytest.raises(SourceErrors) as raised:
        build_site(corpus_config(folder, catalog))
    assert raised.value.errors[0].line == 29


def test_a_comparison_offers_no_downloads_it_does_not_have(corpus_site: Path):
    """The corpus edition writes no office files: its 对照表 shows no download bar."""
    pages = sorted((corpus_site / "compare").glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "下载对照表" not in html and 'class="downloads"' not in html
