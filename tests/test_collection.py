"""The corpus edition's catalog: a folder of texts published without an entry each,
tried on a slice of the shared LawRefBook corpus (``tests/conftest.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from comparator.cache import Cache
from comparator.catalog import Entry, load_catalogs, sha256_of
from comparator.collection import CollectionRules, discover, text_id
from comparator.corpus import open_corpus, relate
from comparator.model import SourceErrors
from comparator.vocabulary import AMENDED, IN_FORCE, Kind

from .conftest import SHANDONG


@pytest.fixture(scope="module")
def corpus_slice(slice_catalog: Path) -> Path:
    return slice_catalog.parent / "lawrefbook"


@pytest.fixture(scope="module")
def edition(slice_catalog: Path):
    return open_corpus([slice_catalog])


def _by_title(edition, title: str) -> list:
    entries = edition.library.catalog.entries.values()
    return sorted((e for e in entries if e.title == title), key=lambda e: e.date)


def test_each_file_gives_a_title_a_date_a_place_and_a_kind(corpus_slice: Path):
    rules = CollectionRules(
        corpus_slice,
        "法律法规库",
        jurisdictions={"DLC/山东地方法规": "山东省"},
        categories={"DLC": "地方性法规", "行政法规": "行政法规"},
    )
    found = {f.relative: f for f in discover(rules)}
    dog = found[f"{SHANDONG}/东营市养犬管理条例(2017-10-11).md"]
    assert (dog.title, dog.date, dog.jurisdiction, dog.category) == (
        "东营市养犬管理条例",
        "2017-10-11",
        "山东省东营市",
        "地方性法规",
    )
    assert dog.id.startswith("sd-") and dog.id.endswith("-20171011")
    law = found["宪法相关法/各级人民代表大会常务委员会监督法(2024-11-08).md"]
    assert law.title == "中华人民共和国各级人民代表大会常务委员会监督法"
    assert (law.jurisdiction, law.category) == ("全国", "法律")
    province = found[
        f"{SHANDONG}/山东省实施《全国人民代表大会和地方各级人民代表大会代表法》办法(2015-12-03).md"
    ]
    assert province.jurisdiction == "山东省"  # a provincial title names no city
    assert found["行政法规/专利代理条例(2018-11-06).md"].category == "行政法规"


def test_ids_stay_the_same_while_title_place_and_date_do():
    first = text_id("山东省东营市", "东营市养犬管理条例", "2017-10-11")
    assert first == text_id("山东省东营市", "东营市养犬管理条例", "2017-10-11")
    assert first != text_id("山东省东营市", "东营市养犬管理条例", "2019-10-11")
    assert first != text_id("山东省东营市", "东营市文明养犬管理条例", "2017-10-11")


def test_a_text_failing_its_checks_is_left_out_with_its_line(edition):
    left_out = {item.entry.title: item for item in edition.left_out}
    assert list(left_out) == ["东营市湿地城市建设条例"]
    problem = left_out["东营市湿地城市建设条例"].problems[0]
    assert problem.path.endswith("东营市湿地城市建设条例(2020-12-14).md")
    assert problem.line == 29  # ## 第二章 stands where 第一章 was expected
    assert "第二章" in problem.message
    titles = {e.title for e in edition.library.catalog.entries.values()}
    assert "东营市湿地城市建设条例" not in titles
    assert "东营市养犬管理条例" in titles  # the others are published


def test_one_law_filed_under_two_branches_is_published_once(edition):
    assert len(_by_title(edition, "中华人民共和国居民身份证法")) == 1
    (duplicate, kept), *others = edition.library.catalog.duplicates
    assert not others
    assert {duplicate.relative, kept.source.parent.name + "/" + kept.source.name} == {
        "宪法相关法/居民身份证法(2011-10-29).md",
        "行政法/居民身份证法(2011-10-29).md",
    }


def test_versions_of_one_title_make_a_timeline_and_a_revision(edition):
    older, newer = _by_title(edition, "中华人民共和国各级人民代表大会常务委员会监督法")
    assert newer.replaces == older.id
    assert (older.kind, newer.kind) == (AMENDED, IN_FORCE)
    assert (older.short_title, newer.short_title) == (
        "各级人民代表大会常务委员会监督法（2006）",
        "各级人民代表大会常务委员会监督法（2024）",
    )
    catalog = edition.library.catalog
    assert [e.id for e in catalog.versions(older.id)] == [older.id, newer.id]
    comparison = catalog.comparison(older.id, newer.id)
    assert comparison is not None and comparison.kind is Kind.REVISION
    assert len(edition.version_families) == 2  # 监督法 and 代表法


def test_provincial_implementations_feed_the_newest_law(edition):
    _, newest = _by_title(edition, "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法")
    catalog = edition.library.catalog
    shandong, zhejiang = catalog.implementations(newest.id)
    assert (shandong.jurisdiction, zhejiang.jurisdiction) == ("山东省", "浙江省")
    assert edition.implementations == {newest.id: tuple(sorted((shandong.id, zhejiang.id)))}
    assert catalog.compared_kind(newest.id, shandong.id) is Kind.CROSS


def test_a_cross_pair_is_weighed_over_its_law_group_only(edition):
    library = edition.library
    _, law = _by_title(edition, "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法")
    shandong, zhejiang = library.catalog.implementations(law.id)
    assert library.scope is not None
    assert set(library.scope(law.id)) == {law.id, shandong.id, zhejiang.id}
    alignment = library.alignment(law.id, shandong.id)
    assert alignment.kind is Kind.CROSS
    assert sum(alignment.counts().values()) > 40  # 代表法's articles and 山东's, paired


def test_a_collection_folder_must_exist_and_be_allowed(tmp_path: Path, corpus_slice: Path):
    missing = tmp_path / "missing.toml"
    missing.write_text(
        'allow_outside = true\n\n[[collection]]\nname = "库"\nfolder = "nowhere"\n',
        encoding="utf-8",
    )
    with pytest.raises(SourceErrors) as raised:
        load_catalogs([missing])
    (error,) = raised.value.errors
    assert (error.line, "is not a folder" in error.message) == (5, True)
    outside = tmp_path / "outside.toml"
    outside.write_text(f'[[collection]]\nname = "库"\nfolder = "{corpus_slice}"\n')
    with pytest.raises(SourceErrors) as raised:
        load_catalogs([outside])
    assert "allow_outside = true" in raised.value.errors[0].message


def test_texts_checked_side_by_side_give_the_same_corpus(slice_catalog: Path, tmp_path, edition):
    side_by_side = open_corpus([slice_catalog], Cache(tmp_path), workers=2)
    assert [o.entry.id for o in side_by_side.left_out] == [o.entry.id for o in edition.left_out]
    assert side_by_side.left_out[0].problems == edition.left_out[0].problems
    assert side_by_side.library.catalog.entries == edition.library.catalog.entries


def test_a_text_catalogued_already_is_not_published_twice(slice_catalog: Path, tmp_path: Path):
    """sources/ holds copies of corpus files (代表法 2025): the collection's copy is that
    entry, and the texts implementing the law link to it."""
    law = "宪法相关法/全国人民代表大会和地方各级人民代表大会代表法(2025-03-11).md"
    folder = slice_catalog.parent / "lawrefbook"
    shutil.copyfile(folder / law, tmp_path / "daibiaofa-2025.txt")
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(
        f"""[[regulation]]
id = "daibiaofa-2025"
title = "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"
short_title = "代表法（2025）"
jurisdiction = "全国"
kind = "现行"
date = "2025-03-11"
source = "daibiaofa-2025.txt"
sha256 = "{sha256_of(tmp_path / "daibiaofa-2025.txt")}"
""",
        encoding="utf-8",
    )
    edition = open_corpus([catalog, slice_catalog])
    entries = edition.library.catalog.entries.values()
    copies = [e for e in entries if e.date == "2025-03-11"]
    assert [e.id for e in copies] == ["daibiaofa-2025"]
    implementers = edition.library.catalog.implementations("daibiaofa-2025")
    assert [e.jurisdiction for e in implementers] == ["山东省", "浙江省"]
    duplicates = {found.relative: same.id for found, same in edition.library.catalog.duplicates}
    assert duplicates[law] == "daibiaofa-2025"


def _entry(entry_id: str, title: str, date: str) -> Entry:
    return Entry(
        entry_id, title, title, "山东省青岛市", IN_FORCE, date, Path("x.md"), "0", collection="库"
    )


def test_a_version_that_drops_a_de_after_the_law_is_the_same_text():
    older = _entry("a", "青岛市实施《中华人民共和国水法》若干规定", "2011-01-01")
    newer = _entry("b", "青岛市实施《中华人民共和国水法》的若干规定", "2017-01-01")
    related, families, _ = relate({"a": older, "b": newer})
    (family,) = families
    assert family.members == ("a", "b")
    assert related["b"].replaces == "a"
    assert (related["a"].kind, related["b"].kind) == (AMENDED, IN_FORCE)
