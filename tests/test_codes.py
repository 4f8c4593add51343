"""Codes and their numbering: inserted articles (第十七条之一), 编 / 分编 / 章 / 节 with
chapters numbered afresh in each 编, a part of a code published on its own, numbers from
第一万条 on, a typo in a cross-reference (第十十八条), and a long item read in linear time."""

from __future__ import annotations

import pickle
from pathlib import Path

import cn2an
import pytest
import yaml
from lxml import html
from mkdocs.utils.yaml import yaml_load

from comparator.check import check_paths
from comparator.compare.annotate import annotate
from comparator.compare.background import Background
from comparator.compare.evidence import chapter_places, text_evidence
from comparator.model import (
    ArticleNumber,
    anchor,
    article_id,
    count_nodes,
    parse_article_id,
    walk,
)
from comparator.publish.build import build_site
from comparator.text import labels
from comparator.text import parse as parse_module
from comparator.text.load import Loaded, load_file
from comparator.vocabulary import NodeKind

from .conftest import ROOT

HARDENING = Path(__file__).resolve().parent / "fixtures" / "hardening"


def _load(tmp_path: Path, text: str, name: str = "code.txt") -> Loaded:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (loaded,) = load_file(path)
    return loaded


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "code.txt"
    path.write_text(text, encoding="utf-8")
    return [error.message for error in check_paths([path])]


def _articles(*numbers: str) -> str:
    return "\n".join(f"第{number}条 本条的内容{index}。" for index, number in enumerate(numbers))


# 2. Inserted articles -----------------------------------------------------------


@pytest.fixture(scope="module")
def xingfa() -> Loaded:
    (loaded,) = load_file(HARDENING / "xingfa.md")
    return loaded


def test_inserted_articles_of_the_criminal_law_are_articles(xingfa):
    regulation = xingfa.regulation
    inserted = [a for a in regulation.articles if a.number.insert]
    # 53 lines of the text open with 第X条之一 (之二 … 之六): 42 articles 之一, 11 after them.
    assert len(inserted) == 53
    assert sum(1 for a in inserted if a.number.insert == 1) == 42
    assert len(regulation.articles) == 452 + 53
    # 第十七条 keeps its own paragraphs; 第十七条之一 is not one of them.
    article = regulation.article(17)
    assert not any("七十五周岁" in p.text for p in article.paragraphs)
    inserted_17 = regulation.article(ArticleNumber(17, 1))
    assert inserted_17.label == "第十七条之一"
    assert inserted_17.text.startswith("已满七十五周岁的人故意犯罪的")


def test_inserted_articles_sort_between_their_neighbours(xingfa):
    numbers = [a.number for a in xingfa.regulation.articles]
    assert numbers == sorted(numbers)
    at = numbers.index(ArticleNumber(120, 1))
    following = [str(n) for n in numbers[at - 1 : at + 7]]
    assert following == ["120", "120-1", "120-2", "120-3", "120-4", "120-5", "120-6", "121"]


def test_inserted_article_ids_anchors_and_labels(xingfa):
    node_id = article_id("xingfa", ArticleNumber(17, 1))
    assert node_id == "xingfa/art-17-1"
    assert anchor(node_id) == "art-17-1"
    assert parse_article_id(node_id) == ("xingfa", ArticleNumber(17, 1))
    assert parse_article_id("xingfa/art-17") == ("xingfa", 17)
    ids = [node.id for node in walk(xingfa.regulation)]
    assert len(ids) == len(set(ids))
    assert "xingfa/art-17-1/para-1" in ids


def test_article_numbers_survive_pickling_and_compare_as_keys():
    inserted = ArticleNumber(17, 1)
    assert pickle.loads(pickle.dumps(inserted)) == inserted
    assert pickle.loads(pickle.dumps(inserted)).insert == 1
    assert inserted != 17 and ArticleNumber(17) == 17
    assert len({17, ArticleNumber(17), inserted, ArticleNumber(17, 2)}) == 3
    assert 17 < inserted < ArticleNumber(17, 2) < 18


def test_criminal_law_checks_clean():
    assert check_paths([HARDENING / "xingfa.md"]) == []


def test_numbering_accepts_inserted_articles(tmp_path):
    text = _articles("一", "二", "二", "三")
    text = text.replace("第二条 本条的内容2", "第二条之一 本条的内容2")
    loaded = _load(tmp_path, text)
    assert [str(a.number) for a in loaded.regulation.articles] == ["1", "2", "2-1", "3"]
    assert _problems(tmp_path, text) == []


@pytest.mark.parametrize(
    "labels_written,expected",
    [
        (["一", "二", "二条之二", "三"], "expected 第2条之1 or 第3条, found 第二条之二"),
        (["一", "二", "三条之一", "三"], "expected 第2条之1 or 第3条, found 第三条之一"),
    ],
)
def test_numbering_reports_a_misplaced_inserted_article(tmp_path, labels_written, expected):
    text = "\n".join(
        f"第{label}{'' if '条' in label else '条'} 内容{i}。"
        for i, label in enumerate(labels_written)
    )
    problems = _problems(tmp_path, text)
    assert any(expected in problem for problem in problems), problems


# 3. Codes: 编 / 分编 / 章 / 节 -----------------------------------------------------


def test_criminal_law_has_parts_chapters_restarting_and_sections(xingfa):
    regulation = xingfa.regulation
    assert [p.title for p in regulation.parts] == ["总则", "分则"]
    assert [c.number for c in regulation.chapters] == [1, 2, 3, 4, 5, *range(1, 11)]
    assert count_nodes(regulation)["chapters"] == 15
    sections = [node for node in walk(regulation) if node.kind is NodeKind.SECTION]
    assert len(sections) == 37
    ids = {node.id: node for node in walk(regulation)}
    assert ids["xingfa/part-2/chap-1"].element.title == "危害国家安全罪"
    assert ids["xingfa/part-1/chap-2/sec-1"].element.title == "犯罪和刑事责任"
    assert ids["xingfa/part-2/chap-3/sec-1"].parent == "xingfa/part-2/chap-3"
    assert ids["xingfa/part-2/chap-3"].parent == "xingfa/part-2"
    assert ids["xingfa/art-102"].parent == "xingfa/part-2/chap-1"


CIVIL_CODE = """中华人民共和国民法典

第一编　总则
第一章　基本规定
第一条 为了保护民事主体的合法权益，制定本法。
第二章　自然人
第二条 自然人的民事权利能力一律平等。
第二编　合同
第一分编　通则
第一章　一般规定
第三条 本编调整因合同产生的民事关系。
第二章　合同的订立
第四条 当事人订立合同，可以采取书面形式。
第二分编　典型合同
第三章　买卖合同
第一节　一般规定
第五条 买卖合同是出卖人转移标的物的所有权于买受人的合同。
第二节　其他规定
第六条 本章没有规定的，参照适用其他规定。
"""


def test_code_divisions_have_nested_ids(tmp_path):
    regulation = _load(tmp_path, CIVIL_CODE, "civil-code.txt").regulation
    nodes = {node.id: node for node in walk(regulation)}
    assert nodes["civil-code/part-2/subpart-1/chap-2"].element.title == "合同的订立"
    assert nodes["civil-code/part-2/subpart-1"].parent == "civil-code/part-2"
    assert nodes["civil-code/part-2/subpart-2/chap-3/sec-2"].element.articles == [6]
    assert nodes["civil-code/art-4"].parent == "civil-code/part-2/subpart-1/chap-2"
    assert nodes["civil-code/part-2/subpart-2"].kind is NodeKind.SUBPART
    assert _problems(tmp_path, CIVIL_CODE) == []


def test_chapter_numbering_is_checked_within_each_part(tmp_path):
    broken = CIVIL_CODE.replace("第二章　合同的订立", "第三章　合同的订立")
    problems = _problems(tmp_path, broken)
    assert problems == ["chapter numbers do not run in order: expected 第2章, found 第三章"]


CONTINUED_CODE = """中华人民共和国某诉讼法

第一编　总则

第一章　任务

第一条 为了保障诉讼，制定本法。

第二章　管辖

第二条 案件由法院管辖。

第二编　程序

第三章　起诉

第三条 起诉应当符合条件。

第四章　审理

第四条 法院应当审理案件。
"""


def test_chapters_may_run_on_through_the_parts(tmp_path):
    """民事诉讼法 numbers its chapters on through its 编 (第二编 opens with 第十二章); the
    first chapter of a 编 sets the numbering the others follow."""
    assert _problems(tmp_path, CONTINUED_CODE) == []
    mixed = CONTINUED_CODE.replace("第四章　审理", "第二章　审理")
    assert _problems(tmp_path, mixed) == [
        "chapter numbers do not run in order: expected 第4章, found 第二章"
    ]
    afresh = CONTINUED_CODE.replace("第三章　起诉", "第一章　起诉")
    assert _problems(tmp_path, afresh.replace("第四章　审理", "第二章　审理")) == []
    wrong = CONTINUED_CODE.replace("第三章　起诉", "第五章　起诉")
    assert _problems(tmp_path, wrong) == [
        "chapter numbers do not run in order: expected 第1章 or 第3章, found 第五章"
    ]


def test_part_of_a_code_published_alone():
    (loaded,) = load_file(HARDENING / "minfadian-hetong.md")
    regulation = loaded.regulation
    assert regulation.articles[0].label == "第四百六十三条"
    assert [a.number for a in regulation.articles] == list(range(463, 989))
    assert len(regulation.subparts) == 3
    assert len(regulation.chapters) == 29
    assert regulation.chapters[8].label == "第九章"  # 第二分编 goes on from 第八章
    nodes = {node.id: node for node in walk(regulation)}
    assert nodes["minfadian-hetong/subpart-2/chap-9"].element.title == "买卖合同"
    # Its only problems: references to articles of the code outside this part.
    problems = check_paths([HARDENING / "minfadian-hetong.md"])
    assert problems and all("cites nothing in this text" in p.message for p in problems)


def test_part_of_a_code_with_a_gap_is_reported(tmp_path):
    text = (HARDENING / "minfadian-hetong.md").read_text(encoding="utf-8")
    text = text.replace("第四百六十五条 依法成立的合同", "依法成立的合同")
    problems = _problems(tmp_path, text)
    assert any("expected 第465条, found 第四百六十六条" in p for p in problems), problems


def test_a_plain_text_must_still_start_at_article_one(tmp_path):
    problems = _problems(tmp_path, _articles("三", "四"))
    assert any("expected 第1条, found 第三条" in p for p in problems), problems


# 4. Numbers from 第一万条 on ------------------------------------------------------


@pytest.mark.parametrize(
    "written,number",
    [("一万", 10000), ("一万零一", 10001), ("一万二千三百四十五", 12345), ("两万", 20000)],
)
def test_article_labels_from_ten_thousand(written, number):
    label = labels.article_label(f"第{written}条 内容。")
    assert label is not None
    assert label.number == number


def test_articles_past_ten_thousand_are_not_folded_into_the_one_before(tmp_path):
    numbers = [cn2an.an2cn(n) for n in range(1, 10_003)]
    regulation = _load(tmp_path, _articles(*numbers)).regulation
    assert len(regulation.articles) == 10_002
    assert regulation.articles[-2].label == "第一万零一条"
    assert regulation.article(9999).paragraphs[-1].text == "本条的内容9998。"


# 8. A typo in a cross-reference ----------------------------------------------------


def test_unreadable_reference_is_reported_not_raised():
    path = HARDENING / "luoyang-senlin-gongyuan.md"
    problems = check_paths([path])
    assert [(p.line, p.message) for p in problems] == [
        (185, "第三十二条: reference 第十十八条 has no readable number"),
    ]
    (loaded,) = load_file(path)
    spans = annotate(loaded.regulation).spans
    item = "luoyang-senlin-gongyuan/art-32/para-1/item-7"
    assert item not in spans or all("十十" not in span.text for span in spans[item])


# 15. A long item reads in linear time ------------------------------------------------


def test_lines_between_items_are_read_in_linear_time(tmp_path, monkeypatch):
    plain = 3000
    text = "第一条 下列事项：\n（一）第一项；\n" + "续行文字；\n" * plain + "（二）第二项。\n"
    calls = 0
    item_label = labels.item_label

    def counting(line: str) -> labels.Label | None:
        nonlocal calls
        calls += 1
        return item_label(line)

    monkeypatch.setattr(parse_module.labels, "item_label", counting)
    regulation = _load(tmp_path, text).regulation
    (paragraph,) = regulation.article(1).paragraphs
    assert [item.number for item in paragraph.items] == [1, 2]
    assert paragraph.items[0].text.count("续行文字") == plain
    assert calls <= 3 * (plain + 3)


# The site, built from a catalog holding these texts ------------------------------------


@pytest.fixture(scope="module")
def hardening_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hardening")
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV
    config["docs_dir"] = str(ROOT / "docs")
    config["site_dir"] = str(folder / "site")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "comparator" in plugin:
            plugin["comparator"]["catalogs"] = [str(HARDENING / "catalog.toml")]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return build_site(path)


def test_site_gives_inserted_articles_and_code_chapters_their_anchors(hardening_site):
    page = (hardening_site / "regulations" / "xingfa" / "index.html").read_text(encoding="utf-8")
    assert 'id="art-17-1"' in page and 'href="#art-17-1"' in page
    assert 'id="part-2-chap-1"' in page and 'id="part-1-chap-1"' in page


def test_site_leaves_an_unreadable_reference_unlinked(hardening_site):
    page = hardening_site / "regulations" / "luoyang-senlin-gongyuan" / "index.html"
    tree = html.fromstring(page.read_text(encoding="utf-8"))
    (item,) = tree.xpath('//*[@id="art-32-para-1-item-7"]')
    assert "违反第十十八条第（九）项规定的" in item.text_content()
    assert not any("十十八" in link.text_content() for link in item.iter("a"))


def test_the_outline_of_a_code_shows_each_part_with_its_own_chapters(invoke):
    """`comparator parse` prints headings where they open: 总则's 第一章 is not 分则's."""
    result = invoke("parse", str(HARDENING / "xingfa.md"))
    assert result.exit_code == 0, result.output
    headings = [line for line in result.output.splitlines() if line.startswith("第")]
    assert headings[:2] == ["第一编 总则", "第一章 刑法的任务、基本原则和适用范围"]
    part_two = headings.index("第二编 分则")
    assert headings[part_two + 1] == "第一章 危害国家安全罪"
    first_articles = result.output.split("第一章 危害国家安全罪")[1].splitlines()[1]
    assert first_articles.startswith("  第一百零二条")


def test_cross_evidence_tells_chapters_of_two_parts_apart(xingfa):
    """总则's 第一章 and 分则's 第一章 are two chapters to the aligner's chapter evidence:
    a cross pair between them is never said to stand in matched chapters by number."""
    regulation = xingfa.regulation
    numbers = [a.number for a in regulation.articles]
    places = dict(zip(numbers, chapter_places(regulation), strict=True))
    first_of_general, first_of_specific = places[1], places[102]
    assert first_of_general is not None and first_of_specific is not None
    assert first_of_general != first_of_specific
    assert regulation.chapters[first_of_specific].title == "危害国家安全罪"
    # A code aligned with itself: each article's chapter is matched with its own only.
    background = Background.of(a.text for a in regulation.articles)
    text = text_evidence(regulation, regulation, background)
    assert text.chapter[0, 0] == 1  # 第一条 and 第一条: 总则 第一章 both
    assert text.chapter[0, regulation.articles.index(regulation.article(102))] == 0
