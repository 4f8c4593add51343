"""The change summary a legislator reads first."""

from __future__ import annotations

import json

from comparator.compare.changes import _quantities


def changes_of(invoke, left: str, right: str) -> list[dict]:
    result = invoke("changes", left, right, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["changes"]


def test_time_limits_and_counts(invoke):
    changes = changes_of(invoke, "shenzhen-2007", "shenzhen-draft")
    quantities = {
        (c["left"], c["right"], c["before"], c["after"]) for c in changes if c["kind"] == "quantity"
    }
    assert (8, 9, "三日", "三个工作日") in quantities
    assert (8, 9, "二日", "两个工作日") in quantities
    assert (28, 29, "十二日", "十二次") in quantities
    assert (31, 32, "二十四小时", "十二小时") in quantities
    assert (6, 7, "一次", "两次") in quantities


def test_renamed_body_is_reported_once(invoke):
    changes = changes_of(invoke, "shenzhen-2007", "shenzhen-draft")
    terms = [c for c in changes if c["kind"] == "term"]
    assert len(terms) == 1
    (term,) = terms
    assert (term["before"], term["after"]) == ("选联任工委", "代表工委")
    assert term["left"] == [3, 7, 8, 24] and 4 in term["right"]
    # The diff of each article does not report the rename again as something else.
    assert not any("选联任工委" in (c["before"] or "") for c in changes if c["kind"] != "term")


def test_added_deleted_and_obligations(invoke):
    changes = changes_of(invoke, "shenzhen-2007", "shenzhen-draft")
    added = sorted(c["right"] for c in changes if c["kind"] == "added")
    deleted = sorted(c["left"] for c in changes if c["kind"] == "deleted")
    assert added == [2, 15, 22, 28] and deleted == [10, 13, 23]
    obligations = {
        (c["left"], c["right"], c["before"], c["after"])
        for c in changes
        if c["kind"] == "obligation"
    }
    assert (30, 31, "必须", "应当") in obligations
    assert (11, 11, "可以", "应当") in obligations
    assert (29, 30, "", "不得") in obligations


def test_no_change_from_punctuation_or_numbering(invoke):
    changes = changes_of(invoke, "shenzhen-2007", "shenzhen-draft")
    for change in (c for c in changes if c["kind"] != "term"):
        assert (change["left"], change["right"]) not in {(14, 13), (25, 25), (27, 27), (12, 12)}
        for text in (change["before"], change["after"]):
            assert text is None or text.strip("，,、（）()；;：:") != "" or text == ""


def test_same_amount_written_differently_is_no_change():
    assert [q.value for q in _quantities("3日内")] == [q.value for q in _quantities("三日内")]
    assert [q.text for q in _quantities("2002年7月1日起施行，第二次会议")] == []


def test_percent_and_money():
    found = {
        q.text: (q.value, q.unit) for q in _quantities("安排百分之二十以上，处以五百元至一千元罚款")
    }
    assert found["百分之二十"] == (0.2, "ratio")
    assert found["五百元"] == (500.0, "元") and found["一千元"] == (1000.0, "元")


def test_cross_jurisdiction_reports_only_differences_both_state(invoke):
    for change in changes_of(invoke, "shenzhen-draft", "chongqing-draft"):
        assert change["kind"] in ("quantity", "obligation")
        assert change["before"] and change["after"]


def test_text_format(invoke):
    result = invoke("changes", "shenzhen-2007", "shenzhen-draft")
    assert "名称：选联任工委 → 代表工委" in result.output
    assert "数量：三日 → 三个工作日" in result.output
