"""The parse tree of the five catalogued regulations, against counts read off the texts."""

from __future__ import annotations

import pytest

from comparator.model import anchor, article_lines, count_nodes, item_id, paragraph_id

# chapters, articles, first article of each chapter, paragraphs (款), items (项):
# counted by hand from the source files.
EXPECTED = {
    "shenzhen-2007": (4, 33, [1, 6, 25, 33], 56, 0),
    "shenzhen-draft": (4, 34, [1, 7, 25, 34], 63, 0),
    "chongqing-draft": (6, 72, [1, 13, 25, 42, 65, 72], 135, 40),
    "handan-water": (6, 34, [1, 7, 15, 20, 23, 33], 49, 19),
    "tieling-litigation": (0, 17, [], 27, 18),
}


@pytest.mark.parametrize("regulation_id", EXPECTED)
def test_counts(library, regulation_id):
    chapters, articles, firsts, paragraphs, items = EXPECTED[regulation_id]
    regulation = library.regulation(regulation_id)
    counts = count_nodes(regulation)
    assert (counts["chapters"], counts["articles"]) == (chapters, articles)
    assert [c.articles[0] for c in regulation.chapters] == firsts
    assert [a.number for a in regulation.articles] == list(range(1, articles + 1))
    assert (counts["paragraphs"], counts["items"]) == (paragraphs, items)


@pytest.mark.parametrize("regulation_id", EXPECTED)
def test_no_page_chrome_in_articles(library, regulation_id):
    regulation = library.regulation(regulation_id)
    for article in regulation.articles:
        for _, text in article_lines(article):
            for junk in ("[bookmark", "作者:", "下载地址", "目录", "编辑|", "公网安备"):
                assert junk not in text, (article.label, text)


@pytest.mark.parametrize("regulation_id", EXPECTED)
def test_chapter_titles_have_no_inner_spaces(library, regulation_id):
    for chapter in library.regulation(regulation_id).chapters:
        assert chapter.title and not any(ch.isspace() for ch in chapter.title)


def test_chapter_titles(library):
    titles = [c.title for c in library.regulation("shenzhen-draft").chapters]
    assert titles == ["总则", "联系代表和组织代表活动", "保障代表执行职务", "附则"]


def test_paragraph_text_has_label_and_indentation_removed(library):
    article = library.regulation("shenzhen-draft").article(7)
    assert [p.text[:8] for p in article.paragraphs] == [
        "常务委员会委托各",
        "代表小组和代表专",
        "代表在本行政区域",
        "代表专业小组每年",
    ]
    # Seed 003 writes no space between the label and the text.
    first = library.regulation("chongqing-draft").article(1).paragraphs[0].text
    assert first.startswith("为了保证本市各级人民代表大会代表")


def test_word_artefact_removed_but_text_kept(library):
    article = library.regulation("shenzhen-draft").article(33)
    assert article.paragraphs[2].text.startswith("阻碍代表依法执行代表职务的")
    dropped = library.regulation("shenzhen-draft").dropped
    assert [d.text for d in dropped] == ["[bookmark: _GoBack]"]


def test_items_belong_to_the_paragraph_before_them(library):
    article = library.regulation("chongqing-draft").article(69)
    assert len(article.paragraphs) == 5
    first = article.paragraphs[0]
    assert first.text.endswith("报告:")
    assert [i.label for i in first.items] == ["(一)", "(二)"]
    assert article.paragraphs[1].text.startswith("对属于前款第一项情形的代表")


def test_line_between_items_is_a_paragraph_of_the_item_before(library):
    # 邯郸 第十三条: (一) / plain line / (二) / two plain lines / (三) / (四)
    article = library.regulation("handan-water").article(13)
    assert len(article.paragraphs) == 1
    items = article.paragraphs[0].items
    assert [i.number for i in items] == [1, 2, 3, 4]
    assert items[0].text.count("\n") == 1
    assert items[0].text.split("\n")[1].startswith("开办乡镇集体矿山企业")
    assert items[1].text.count("\n") == 2


def test_text_after_the_last_item_is_a_new_paragraph(library):
    article = library.regulation("tieling-litigation").article(13)
    assert [len(p.items) for p in article.paragraphs] == [6, 0, 0]
    assert article.paragraphs[1].text.startswith("诉讼费、聘请律师费")


def test_ids(library):
    regulation = library.regulation("shenzhen-draft")
    assert paragraph_id(regulation.id, 13, 2) == "shenzhen-draft/art-13/para-2"
    assert item_id(regulation.id, 13, 2, 1) == "shenzhen-draft/art-13/para-2/item-1"
    assert anchor("shenzhen-draft/art-13/para-2/item-1") == "art-13-para-2-item-1"


def test_metadata_is_not_articles(library):
    shenzhen_2007 = library.regulation("shenzhen-2007")
    assert shenzhen_2007.metadata.history[0].startswith("2001年12月21日深圳市第三届")
    assert len(shenzhen_2007.metadata.history) == 4
    assert shenzhen_2007.metadata.promulgated == "2007-08-15"
    assert shenzhen_2007.metadata.issuer == "广东省深圳市人大常委会"
    tieling = library.regulation("tieling-litigation")
    assert tieling.metadata.promulgated == "2003-08-05"  # 二OO三年八月五日, Latin O
    assert "铁岭市人民政府令第 35 号" in tieling.metadata.notices
    handan = library.regulation("handan-water")
    assert len(handan.metadata.history) == 3


def test_table_of_contents_is_metadata(library):
    chongqing = library.regulation("chongqing-draft")
    assert chongqing.metadata.table_of_contents[0] == "第一章 总则"
    assert len(chongqing.metadata.table_of_contents) == 6
    assert chongqing.chapters[0].line == 18  # the heading after the 目录, not in it


def test_explanation_is_a_separate_document(library):
    chongqing = library.regulation("chongqing-draft")
    explanation = chongqing.explanation
    assert explanation is not None
    assert explanation.title.endswith("的说明")
    assert explanation.paragraphs[0].text == "一、修改的必要性"
    assert explanation.paragraphs[-1].text.startswith("此外，") or explanation.paragraphs[
        -1
    ].text.startswith("此外,")
    assert chongqing.article(72).text == "本办法自 年 月 日起施行。"
    for other in ("shenzhen-2007", "shenzhen-draft", "handan-water", "tieling-litigation"):
        assert library.regulation(other).explanation is None


def test_wrapped_title_is_joined(library):
    from comparator.library import load_entry

    entry = library.catalog.entry("shenzhen-2007")
    document = load_entry(entry).document
    assert document.title == "深圳市人民代表大会常务委员会联系代表和保障代表执行职务的规定"
    chongqing = load_entry(library.catalog.entry("chongqing-draft")).document
    assert chongqing.title.startswith("重庆市实施《中华人民共和国全国人民代表大会和地方各级")
    assert chongqing.title.endswith("办法(修订草案)")
