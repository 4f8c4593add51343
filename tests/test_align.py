"""Article alignment: each status, one-to-many pairs, the catalogued comparisons."""

from __future__ import annotations

import json

import pytest

from comparator.compare.align import align
from comparator.compare.background import Background
from comparator.compare.evidence import _without_parts, text_evidence
from comparator.model import Article, Paragraph, Regulation
from comparator.vocabulary import Kind, Origin, Status


def regulation(regulation_id: str, texts: list[str]) -> Regulation:
    result = Regulation(regulation_id, regulation_id, "<test>")
    for number, text in enumerate(texts, 1):
        article = Article(number, f"第{number}条", number)
        article.paragraphs = [
            Paragraph(k, line, number) for k, line in enumerate(text.split("\n"), 1)
        ]
        result.articles.append(article)
    return result


@pytest.fixture(scope="module")
def texts(library):
    """Real article texts to build small revisions from."""
    return [a.text for a in library.regulation("shenzhen-2007").articles]


def statuses(alignment) -> dict[tuple, str]:
    return {(p.left, p.right): p.status.value for p in alignment.pairs}


def test_unchanged_renumbered_added(texts):
    old = regulation("old", [texts[0], texts[1], texts[2]])
    new = regulation("new", [texts[0], texts[5], texts[1], texts[2]])
    result = statuses(align(old, new, Kind.REVISION))
    assert result == {
        (1, 1): "unchanged",
        (None, 2): "added",
        (2, 3): "renumbered",
        (3, 4): "renumbered",
    }


def test_modified_and_deleted(texts):
    reworded = texts[1].replace("应当把联系代表作为重要的工作职责", "应当把联系代表作为首要职责")
    old = regulation("old", [texts[0], texts[1], texts[2], texts[3]])
    new = regulation("new", [texts[0], reworded, texts[3]])
    result = statuses(align(old, new, Kind.REVISION))
    assert result == {
        (1, 1): "unchanged",
        (2, 2): "modified",
        (3, None): "deleted",
        (4, 3): "renumbered",
    }


def test_punctuation_width_is_never_a_modification(texts):
    old = regulation("old", [texts[11]])
    width = texts[11].replace("，", ",").replace("（", "(").replace("）", ")")
    new = regulation("new", ["　　" + width])
    (pair,) = align(old, new, Kind.REVISION).pairs
    assert pair.status is Status.UNCHANGED
    assert pair.similarity == 1.0


def test_moved(texts):
    old = regulation("old", texts[:8])
    order = [0, 1, 3, 4, 5, 6, 7, 2]  # article 3 goes to the end
    new = regulation("new", [texts[i] for i in order])
    result = statuses(align(old, new, Kind.REVISION))
    assert result[(3, 8)] == "moved"
    assert result[(4, 3)] == "renumbered"


def test_split_and_merged(texts):
    first, second = (
        texts[6].split("\n")[0],
        texts[6].split("\n")[2],
    )  # two paragraphs of one article
    old = regulation("old", [texts[0], first + "\n" + second, texts[2]])
    new = regulation("new", [texts[0], first, second, texts[2]])
    result = statuses(align(old, new, Kind.REVISION))
    assert result[(2, 2)] == "split" and result[(2, 3)] == "split"
    merged = statuses(align(new, old, Kind.REVISION))
    assert merged[(2, 2)] == "merged" and merged[(3, 2)] == "merged"


def test_every_article_appears_in_a_pair(library):
    for comparison in library.catalog.comparisons:
        alignment = library.alignment(comparison.left, comparison.right)
        lefts = {p.left for p in alignment.pairs}
        rights = {p.right for p in alignment.pairs}
        assert {a.number for a in library.regulation(comparison.left).articles} <= lefts
        assert {a.number for a in library.regulation(comparison.right).articles} <= rights
        assert all(0.0 <= p.similarity <= 1.0 for p in alignment.pairs)


def test_shenzhen_revision(invoke):
    data = json.loads(invoke("align", "shenzhen-2007", "shenzhen-draft", "--format", "json").output)
    assert (data["left"], data["right"], data["kind"]) == (
        "shenzhen-2007",
        "shenzhen-draft",
        "revision",
    )
    pairs = {(p["left"], p["right"]): p["status"] for p in data["pairs"]}
    for old, new in [(2, 3), (28, 29), (33, 34)]:
        assert (old, new) in pairs
    assert pairs[(None, 15)] == "added" and pairs[(None, 28)] == "added"
    assert pairs[(14, 13)] == "renumbered"  # same text, new number
    assert pairs[(25, 25)] == "unchanged" and pairs[(27, 27)] == "unchanged"
    assert pairs[(12, 12)] == "modified"  # ， became 、: a real punctuation edit


def test_shenzhen_draft_and_chongqing(invoke):
    data = json.loads(
        invoke("align", "shenzhen-draft", "chongqing-draft", "--format", "json").output
    )
    assert data["kind"] == "cross"
    links = {(p["left"], p["right"]) for p in data["pairs"]}
    assert (1, 1) in links and (34, 72) in links
    unpaired = {p["right"] for p in data["pairs"] if p["left"] is None}
    assert len(unpaired) > 72 / 2  # most Chongqing matters are not in the Shenzhen text
    # One-to-many: a Shenzhen article spread over several Chongqing ones.
    lefts = [p["left"] for p in data["pairs"] if p["left"] is not None and p["right"] is not None]
    assert any(lefts.count(n) > 1 for n in lefts)


def test_cross_related_pairs_are_weaker(library):
    """相关 and 对应 are two bands of the score the aligner decided on (an editor's pair,
    confirmed by hand, is never merely related)."""
    alignment = library.alignment("shenzhen-draft", "chongqing-draft")
    by_aligner = [p for p in alignment.pairs if p.by is Origin.ALIGNER and p.evidence]
    related = [p.evidence.score for p in by_aligner if p.status is Status.RELATED]
    strong = [p.evidence.score for p in by_aligner if p.status is Status.MODIFIED]
    assert related and strong
    assert max(related) < min(strong)


def test_kind_from_the_catalog_and_override(invoke):
    data = json.loads(
        invoke("align", "shenzhen-2007", "chongqing-draft", "--format", "json").output
    )
    assert data["kind"] == "cross"
    data = json.loads(
        invoke(
            "align", "shenzhen-2007", "chongqing-draft", "--kind", "revision", "--format", "json"
        ).output
    )
    assert data["kind"] == "revision"


def test_align_paths(invoke, tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(
        "第一条 为了规范管理，制定本规定。\n第二条 本规定自公布之日起施行。\n", encoding="utf-8"
    )
    new.write_text(
        "第一条 为了规范管理,制定本规定。\n第二条 新增一条。\n第三条 本规定自公布之日起施行。\n",
        encoding="utf-8",
    )
    data = json.loads(invoke("align", str(old), str(new), "--format", "json").output)
    pairs = {(p["left"], p["right"]): p["status"] for p in data["pairs"]}
    assert pairs == {(1, 1): "unchanged", (None, 2): "added", (2, 3): "renumbered"}


def test_align_unknown_id(invoke):
    result = invoke("align", "shenzhen-2007", "nowhere")
    assert result.exit_code == 1
    assert "unknown regulation id 'nowhere'" in result.output


def test_the_reason_shows_the_rarest_shared_words_not_their_parts(library):
    """A pair's reason lists the rare words both articles hold, rarest first, six at most,
    and no word that is part of a longer one listed (代表 beside 代表小组)."""
    left = regulation("a", ["代表小组应当组织代表开展质询和评议，听取选民意见。"])
    right = regulation("b", ["代表小组组织代表质询、评议，并听取选民的意见和建议。"])
    background = Background.of(
        [*(a.text for r in library.regulations() for a in r.articles), left.articles[0].text]
    )
    evidence = text_evidence(left, right, background)
    shared = evidence.shared_words(0, 0, background)
    assert {"代表小组", "质询", "评议"} <= set(shared)
    assert all(background.is_rare(word) for word in shared)
    counts = [background.word_counts.get(word, 0) for word in shared]
    assert counts == sorted(counts)


def test_a_word_listed_inside_a_longer_one_is_left_out():
    ordered = ["代表小组", "小组", "质询", "组长", "小组长", "询问", "评议", "选民", "罢免", "约见"]
    assert _without_parts(ordered, 6) == ["代表小组", "质询", "小组长", "询问", "评议", "选民"]
    assert _without_parts(ordered, 2) == ["代表小组", "质询"]
    assert _without_parts(["小组", "代表小组"], 6) == ["代表小组"]
