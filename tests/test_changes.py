"""The change summary a clerk signs: every substantive change, quoted in its clause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comparator.compare.bodies import body_mentions, citations, same_law
from comparator.compare.change_reference import ChangeReference, score_changes
from comparator.compare.clauses import quoted
from comparator.compare.quantities import quantities
from comparator.vocabulary import ChangeKind, Kind

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = sorted((ROOT / "tests" / "fixtures" / "changes").glob("*.json"))


def changes_of(invoke, left: str, right: str) -> list[dict]:
    result = invoke("changes", left, right, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["changes"]


@pytest.fixture
def shenzhen(invoke) -> list[dict]:
    return changes_of(invoke, "shenzhen-2007", "shenzhen-draft")


def entries(changes: list[dict], kind: str) -> set[tuple]:
    return {(c["left"], c["right"], c["before"], c["after"]) for c in changes if c["kind"] == kind}


# Against the clerk's reference ------------------------------------------------------


@pytest.mark.parametrize("path", REFERENCES, ids=[p.stem for p in REFERENCES])
def test_summary_matches_the_clerks_reference(library, path):
    """Recall >= 0.95 and precision >= 0.9 against the changes read from the texts."""
    reference = ChangeReference.load(path)
    summary = library.summary(reference.left, reference.right, Kind.REVISION)
    result = score_changes(summary, reference)
    assert result.recall >= 0.95, [e.describe() for e in result.missed]
    assert result.precision >= 0.9, [c.line() for c in result.extra]


# Quantities as facts ---------------------------------------------------------------------


def test_a_frequency_is_compared_per_year(shenzhen):
    """代表小组每四个月至少一次 (three a year) -> 代表专业小组每年不少于两次: fewer, not more."""
    (change,) = [c for c in shenzhen if c["kind"] == "frequency" and c["left"] == 6]
    assert (change["before"], change["after"]) == ("每四个月至少组织一次", "每年开展活动不少于两次")
    assert change["note"].startswith("减少")
    assert "代表小组每四个月至少组织一次活动" in change["before_context"]
    assert "代表专业小组每年开展活动不少于两次" in change["after_context"]


def test_deleted_and_added_quantities_are_reported(shenzhen):
    frequencies = entries(shenzhen, "frequency")
    assert (16, 16, "任期内,至少应邀列席一次", "") in frequencies
    assert (21, 21, "每年安排一至二次", "") in frequencies
    assert (22, 23, "每年至少举办一次", "") in frequencies
    deadlines = entries(shenzhen, "deadline")
    assert {(22, 23, "一个月内", ""), (22, 23, "三个月内", "")} <= deadlines
    assert (8, 9, "三日内", "三个工作日内") in deadlines
    assert (31, 32, "二十四小时内", "十二小时内") in deadlines
    assert (15, 14, "", "每次至少邀请两名") in entries(shenzhen, "quantity")


def test_unrelated_quantities_are_not_paired(shenzhen):
    """接访群众日每年至少一次 and 每年推动解决一件以上 measure different things."""
    for change in shenzhen:
        assert not (change["before"].endswith("一次") and change["after"].endswith("一件以上"))
    assert (22, 23, "", "每年推动解决一件以上") in entries(shenzhen, "quantity")


def test_same_amount_written_differently_is_no_change():
    assert [q.value for q in quantities("3日内")] == [q.value for q in quantities("三日内")]
    assert [q.text for q in quantities("2002年7月1日起施行，第二次会议，印发下一次会议")] == []


def test_quantities_know_their_kind():
    (deadline,) = quantities("应当在一个月内答复")
    assert (deadline.kind, deadline.text, deadline.in_days()) == (
        ChangeKind.DEADLINE,
        "一个月内",
        30,
    )
    (frequency,) = quantities("代表小组每四个月至少组织一次活动")
    assert (frequency.kind, frequency.per_year) == (ChangeKind.FREQUENCY, 3)
    (per_term,) = quantities("代表在任期内，至少应邀列席一次会议")
    assert per_term.kind is ChangeKind.FREQUENCY
    (count,) = quantities("每次至少邀请两名代表参加")
    assert (count.kind, count.value, count.unit) == (ChangeKind.QUANTITY, 2, "名")
    (at_most,) = quantities("不超过五人")
    assert (at_most.text, at_most.bound) == ("不超过五人", "at most")
    # 至少一次 and 一次 require different things; 不少于两次 and 两次以上 the same.
    assert quantities("至少一次")[0].same_amount != quantities("一次")[0].same_amount
    assert quantities("不少于两次")[0].same_amount == quantities("两次以上")[0].same_amount
    found = {q.amount: (q.value, q.unit) for q in quantities("安排百分之二十以上，处以五百元罚款")}
    assert found == {"百分之二十": (0.2, "ratio"), "五百元": (500.0, "元")}


# Bodies, citations, effect, obligations ------------------------------------------------------


def test_bodies_and_levels(shenzhen):
    bodies = entries(shenzhen, "body")
    assert (9, 10, "镇", "街道") in bodies
    assert (26, 26, "镇", "") in bodies
    for left, right in ((11, 11), (22, 23)):
        assert (left, right, "", "市监察委员会") in bodies
    assert (18, 18, "", "监察委员会") in bodies


def test_body_mentions():
    names = [m.name for m in body_mentions("委托市、区、镇人民政府办理")]
    assert names == ["市", "区", "镇", "人民政府"]
    assert [m.name for m in body_mentions("到区、镇进行调研，城镇居民")] == ["区", "镇"]
    found = [m.name for m in body_mentions("本级人民政府及其所属各部门、市监察委员会")]
    assert found == ["人民政府及其所属各部门", "市监察委员会"]


def test_cited_laws(shenzhen):
    assert (32, 33, "治安管理处罚条例", "《中华人民共和国治安管理处罚法》") in entries(
        shenzhen, "citation"
    )
    assert [m.name for m in citations("依照治安管理处罚条例的规定处罚")] == ["治安管理处罚条例"]
    assert same_law("《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》", "《代表法》")
    assert not same_law("《治安管理处罚条例》", "《中华人民共和国治安管理处罚法》")


def test_effect_clause(shenzhen):
    effects = entries(shenzhen, "effect")
    assert (33, 34, "2002年7月1日起施行", "年  月  日起施行") in effects
    assert (33, 34, "同时废止", "") in effects
    # The law the clause repeals is the effect change, not a citation of its own.
    assert not any(c["left"] == 33 for c in shenzhen if c["kind"] == "citation")


def test_obligations_in_the_same_clause(shenzhen):
    obligations = entries(shenzhen, "obligation")
    assert {(30, 31, "必须", "应当"), (11, 11, "可以", "应当"), (29, 30, "", "不得")} <= obligations
    assert (31, 32, "应当", "") in obligations
    # 第十六条's 应当邀请 and the new 可以发表意见 govern different actions.
    assert not any(c["left"] == 16 and c["after"] == "可以" for c in shenzhen)


def test_renamed_term_lists_only_where_it_changed(shenzhen):
    terms = [c for c in shenzhen if c["kind"] == "term"]
    renamed = {(c["before"], c["after"]): (c["left"], c["right"]) for c in terms}
    assert renamed[("选联任工委", "代表工委")] == ([3, 8, 24], [4, 9, 24])
    assert ("行政处分", "处分") in renamed  # three times in one article
    assert not any(
        "选联任工委" in c["before"]
        for c in shenzhen
        if c["kind"] != "term" and c["after"] == "代表工委"
    )


def test_no_change_from_punctuation_or_numbering(shenzhen):
    for change in (c for c in shenzhen if c["kind"] != "term"):
        assert (change["left"], change["right"]) not in {(14, 13), (25, 25), (27, 27), (12, 12)}


# Form -------------------------------------------------------------------------------------


def test_both_sides_are_quoted_in_their_clause(shenzhen):
    for change in shenzhen:
        if change["kind"] in ("added", "deleted", "term"):
            continue
        assert change["before_context"] and change["after_context"], change
    (deadline,) = [c for c in shenzhen if c["before"] == "二十四小时内"]
    assert deadline["before_context"].endswith("二十四小时内转交常务委员会。")
    assert deadline["after_context"].endswith("十二小时内转交常务委员会。")


def test_long_clauses_are_cut_with_an_ellipsis():
    text = "甲" * 60 + "三日内" + "乙" * 60 + "。"
    cut = quoted(text, 60, 63, limit=20)
    assert cut.startswith("……") and cut.endswith("……") and "三日内" in cut


def test_text_format_cites_articles_as_written(invoke):
    result = invoke("changes", "shenzhen-2007", "shenzhen-draft")
    assert "名称：选联任工委 → 代表工委" in result.output
    assert "第八条 -> 第九条" in result.output
    assert "期限：三日内 → 三个工作日内" in result.output
    assert (
        "频次减少：每四个月至少组织一次 → 每年开展活动不少于两次（折合每年3次 → 每年2次）"
        in result.output
    )
    assert "第8条" not in result.output
    added = [line for line in result.output.splitlines() if "新增：" in line]
    assert added and all(line.endswith("……") or len(line) < 80 for line in added)


def test_cross_jurisdiction_reports_only_differences_both_state(invoke):
    for change in changes_of(invoke, "shenzhen-draft", "chongqing-draft"):
        assert change["kind"] in ("quantity", "deadline", "frequency", "obligation")
        assert change["before"] and change["after"]
