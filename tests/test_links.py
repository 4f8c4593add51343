"""Editors' links (sources/links.toml) and the evidence behind each cross pair."""

from __future__ import annotations

import json

from lxml import html

from comparator.catalog import load_catalogs
from comparator.library import Library
from comparator.vocabulary import Kind, Origin, Status


def pair_of(data: dict, left: int, right: int) -> dict | None:
    return next((p for p in data["pairs"] if (p["left"], p["right"]) == (left, right)), None)


def test_a_same_link_forces_the_pair_and_a_not_link_forbids_it(invoke):
    data = json.loads(
        invoke("align", "shenzhen-draft", "chongqing-draft", "--format", "json").output
    )
    forced = pair_of(data, 6, 9)
    assert forced is not None
    assert forced["by"] == "editor"
    assert forced["note"] == "均界定代表执行职务的范围"
    assert pair_of(data, 16, 38)["by"] == "editor"
    assert pair_of(data, 16, 15) is None  # verdict = "not"
    assert all(p["by"] == "aligner" for p in data["pairs"] if p.get("by") and "note" not in p)


def test_without_the_links_the_aligner_decides_alone(project):
    catalog = project / "sources" / "catalog.toml"
    text = catalog.read_text(encoding="utf-8").replace('links = "links.toml"\n', "")
    catalog.write_text(text, encoding="utf-8")
    alignment = Library.open([catalog]).alignment("shenzhen-draft", "chongqing-draft")
    pairs = {(p.left, p.right): p for p in alignment.pairs}
    assert (6, 9) not in pairs  # what the editors corrected
    assert all(p.by is Origin.ALIGNER for p in alignment.pairs)


def test_the_rest_is_aligned_around_the_links(project):
    """Forbidding the pair the aligner chose frees both articles for other partners."""
    links = project / "sources" / "links.toml"
    links.write_text(
        '[[link]]\nleft = "shenzhen-draft/art-34"\nright = "chongqing-draft/art-72"\n'
        'verdict = "not"\n',
        encoding="utf-8",
    )
    library = Library.open([project / "sources" / "catalog.toml"])
    alignment = library.alignment("shenzhen-draft", "chongqing-draft")
    assert not any((p.left, p.right) == (34, 72) for p in alignment.pairs)
    assert any(p.left == 1 and p.right == 1 for p in alignment.pairs)  # the rest stands


def write_links(project, text: str) -> str:
    (project / "sources" / "links.toml").write_text(text, encoding="utf-8")
    return str(project / "sources" / "catalog.toml")


def check(invoke, catalog: str):
    return invoke("check", "--catalog", catalog)


def test_check_names_a_link_to_a_missing_article(invoke, project):
    catalog = write_links(
        project,
        '# a comment\n\n[[link]]\nleft = "shenzhen-draft/art-99"\n'
        'right = "chongqing-draft/art-9"\nverdict = "same"\n',
    )
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert "sources/links.toml:3: shenzhen-draft/art-99: shenzhen-draft has no article 99" in (
        result.output
    )


def test_check_names_a_link_between_texts_not_compared(invoke, project):
    catalog = write_links(
        project,
        '[[link]]\nleft = "handan-water/art-1"\nright = "chongqing-draft/art-1"\nverdict = "not"\n',
    )
    result = check(invoke, catalog)
    assert result.exit_code == 1
    assert "sources/links.toml:1: handan-water and chongqing-draft are not compared" in (
        result.output
    )


def test_a_malformed_link_is_refused_with_its_line(invoke, project):
    catalog = write_links(
        project,
        '[[link]]\nleft = "shenzhen-draft/art-6"\nright = "chongqing-draft/art-9"\n'
        'verdict = "maybe"\n',
    )
    result = invoke("list", "--catalog", catalog)
    assert result.exit_code == 1
    assert 'sources/links.toml:4: verdict must be "same" or "not"' in result.output
    assert "Traceback" not in result.output


def test_a_missing_links_file_is_named(project):
    (project / "sources" / "links.toml").unlink()
    try:
        load_catalogs([project / "sources" / "catalog.toml"])
    except Exception as error:  # SourceErrors
        assert "links.toml:0: links file not found" in str(error)
    else:
        raise AssertionError("a missing links file must be refused")


def test_every_cross_pair_carries_its_evidence(invoke):
    data = json.loads(
        invoke("align", "daibiaofa-2025", "chongqing-draft", "--format", "json").output
    )
    paired = [p for p in data["pairs"] if p["left"] is not None and p["right"] is not None]
    assert paired and all("evidence" in p for p in paired)
    inquiry = pair_of(data, 19, 18)  # 代表法第十九条 询问 ~ 重庆第十八条
    assert inquiry is not None
    assert "询问" in inquiry["evidence"]["shared_words"]
    assert inquiry["evidence"]["score"] >= inquiry["similarity"]


def test_two_implementations_meet_through_the_national_article(library):
    alignment = library.alignment("shenzhen-draft", "chongqing-draft", Kind.CROSS)
    pivots = [p.evidence.pivot for p in alignment.pairs if p.evidence and p.evidence.pivot]
    assert pivots and all(pivot.startswith("daibiaofa-2025/art-") for pivot in pivots)
    immunity = next(p for p in alignment.pairs if (p.left, p.right) == (30, 42))
    assert immunity.evidence.pivot == "daibiaofa-2025/art-38"  # 发言和表决不受法律追究
    assert immunity.status is not Status.RELATED


def test_the_page_shows_the_reason_and_marks_the_shared_words(built_site):
    path = built_site / "compare" / "shenzhen-draft--chongqing-draft" / "index.html"
    page = html.parse(str(path))
    row = page.xpath('//tr[@id="row-30-42"]')[0]
    reason = row.xpath('.//span[@class="pair-reason"]')[0].text_content()
    assert "同为《代表法》第三十八条" in reason
    assert "共同要词：" in reason
    shared = row.xpath('.//mark[@class="shared-word"]')
    left = {m.text for m in row.xpath('.//td[contains(@class, "left")]//mark')}
    right = {m.text for m in row.xpath('.//td[contains(@class, "right")]//mark')}
    assert shared and left == right  # the same words, marked in both texts
    editor = page.xpath('//tr[@id="row-6-9"]//span[@class="editor-confirmed"]')
    assert editor and editor[0].text == "人工确认"
    assert "均界定代表执行职务的范围" in editor[0].getparent().text_content()


def test_the_article_page_shows_the_reason_beside_the_counterpart(built_site):
    page = html.parse(str(built_site / "regulations" / "shenzhen-draft" / "index.html"))
    reasons = page.xpath(
        '//*[@id="art-30"]/following::ul[@class="counterparts"][1]//span[@class="pair-reason"]'
    )
    assert any("同为《代表法》第三十八条" in r.text_content() for r in reasons)
