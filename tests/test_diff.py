"""The diff a reader sees: whole words, no width noise, and both originals rebuilt."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from comparator.compare.diff import diff_texts


def rebuild(ops):
    left = "".join(op[1] for op in ops if op[0] in ("equal", "delete"))
    right = "".join(op[-1] for op in ops if op[0] in ("equal", "insert"))
    return left, right


def test_renamed_body_is_two_whole_words(invoke):
    result = invoke("diff", "shenzhen-2007/art-3", "shenzhen-draft/art-4", "--format", "json")
    ops = json.loads(result.output)["ops"]
    changes = [op for op in ops if op[0] != "equal"]
    assert ["delete", "选联任工委"] in changes
    assert ["insert", "代表工委"] in changes
    # No punctuation change: the width differences are inside equal ops.
    for _, text in changes:
        assert not set(text) & set(",，()（）")
    assert any(len(op) == 3 and op[1].endswith("(以下简称") for op in ops)


def test_round_trip_on_catalog_articles(library):
    old, new = library.regulation("shenzhen-2007"), library.regulation("shenzhen-draft")
    for pair in library.alignment("shenzhen-2007", "shenzhen-draft").pairs:
        if pair.left and pair.right:
            ops = library.diff(pair.left_id, pair.right_id)
            assert rebuild(ops) == (old.article(pair.left).text, new.article(pair.right).text)


def test_real_punctuation_edit_is_shown(library):
    ops = library.diff("shenzhen-2007/art-12", "shenzhen-draft/art-12")
    assert [op for op in ops if op[0] != "equal"] == [("delete", ","), ("insert", "、")]


def test_identical_after_folding_is_one_equal_op():
    ops = diff_texts("创造条件,提供服务。", "　　创造条件，提供服务。")
    assert ops == [("equal", "创造条件,提供服务。", "　　创造条件，提供服务。")]


def test_quantity_change_reads_as_words():
    ops = diff_texts("应当在三日内作出安排", "应当在三个工作日内作出安排")
    assert [op for op in ops if op[0] != "equal"] == [
        ("delete", "三日内"),
        ("insert", "三个工作日内"),
    ]
    assert rebuild(ops) == ("应当在三日内作出安排", "应当在三个工作日内作出安排")


def test_diff_text_format(invoke):
    result = invoke("diff", "shenzhen-2007/art-3", "shenzhen-draft/art-4")
    assert "[-选联任工委-]{+代表工委+}" in result.output


def test_bad_article_id(invoke):
    result = invoke("diff", "shenzhen-2007/3", "shenzhen-draft/art-4")
    assert result.exit_code == 1
    assert "is not an article id" in result.output
    result = invoke("diff", "shenzhen-2007/art-99", "shenzhen-draft/art-4")
    assert result.exit_code == 1
    assert result.output.strip() == "error: shenzhen-2007 has no article 99"


_chinese = st.text(alphabet="代表常务委员会工作应当，,、。（）() 　\n一二三日", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_chinese, _chinese)
def test_round_trip_property(left, right):
    assert rebuild(diff_texts(left, right)) == (left, right)
