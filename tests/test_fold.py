"""Folding removes what is not a change, and keeps the way back to the original."""

from __future__ import annotations

import pytest

from comparator.compare.fold import fold, folded, same_text


@pytest.mark.parametrize(
    "left,right",
    [
        ("创造条件,提供服务", "创造条件，提供服务"),
        ("主任委员(主任)", "主任委员（主任）"),
        ("回答询问;提出意见:", "回答询问；提出意见："),
        (
            "《河北省实施<中华人民共和国水土保持法>办法》",
            "《河北省实施〈中华人民共和国水土保持法〉办法》",
        ),
        ("本规定自    年  月  日起施行。", "本规定自 年 月 日起施行。"),
        ("　　第一条　为了", "第一条为了"),
        ("第一款\n第二款", "第一款第二款"),
        ("二OO三年八月五日", "二〇〇三年八月五日"),
        ("二○○七年", "二〇〇七年"),
        ("２００７年", "2007年"),
        ("设立代表“专线电话”", '设立代表"专线电话"'),
    ],
)
def test_folding_removes_what_is_not_a_change(left, right):
    assert same_text(left, right)


@pytest.mark.parametrize(
    "left,right",
    [
        ("创造条件，提供服务", "创造条件、提供服务"),  # a real punctuation edit
        ("十五日", "十个工作日"),
        ("ZOO", "Z〇〇"),  # a Latin O outside a numeral stays a letter
    ],
)
def test_real_changes_survive_folding(left, right):
    assert not same_text(left, right)


def test_origin_points_at_the_original_characters():
    text = "　　创造条件, 提供服务"
    result = fold(text)
    assert result.text == "创造条件，提供服务"
    assert [text[i] for i in result.origin] == list("创造条件,提供服务")


def test_folded_has_no_spaces():
    assert " " not in folded("a b\u3000c\xa0d\te\nf")
