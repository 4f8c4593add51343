"""Vocabulary shared by every stage: the enums of the model and their Chinese labels.

Each kind of thing the stages say (a node kind, a pair status, a kind of change, a kind
of annotation, a diff op) is a ``StrEnum``: code compares members, JSON carries their
string values, and the site and the exports take their Chinese names from the tables
here. This module imports nothing of the package.
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    """The units of a Chinese regulation, from the largest down."""

    PART = "part"  # 编
    SUBPART = "subpart"  # 分编 (民法典: 第三编 合同 > 第一分编 通则)
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    ARTICLE = "article"  # 条
    PARAGRAPH = "paragraph"  # 款
    ITEM = "item"  # 项
    SUBITEM = "subitem"  # 目


# The character a division label ends with (第二章), and the kind it names.
DIVISION_KINDS = {
    "编": NodeKind.PART,
    "分编": NodeKind.SUBPART,
    "章": NodeKind.CHAPTER,
    "节": NodeKind.SECTION,
}


class Kind(StrEnum):
    """How two regulations relate: a revision of one text, or two jurisdictions."""

    REVISION = "revision"
    CROSS = "cross"


class Status(StrEnum):
    """What an article pair says about the two articles."""

    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    ADDED = "added"
    DELETED = "deleted"
    RELATED = "related"


class Origin(StrEnum):
    """Who made an article pair: the aligner, or an editor's link (``sources/links.toml``)."""

    ALIGNER = "aligner"
    EDITOR = "editor"


class Verdict(StrEnum):
    """An editor's word on a pair of articles: they correspond, or they do not."""

    SAME = "same"
    NOT = "not"


STATUS_LABELS = {
    Status.UNCHANGED: "未修改",
    Status.MODIFIED: "修改",
    Status.RENUMBERED: "重新编号",
    Status.MOVED: "移动",
    Status.SPLIT: "拆分",
    Status.MERGED: "合并",
    Status.ADDED: "新增",
    Status.DELETED: "删除",
    Status.RELATED: "相关",
}

# Across jurisdictions there is no old and new text: the same statuses read differently.
CROSS_STATUS_LABELS = {
    Status.UNCHANGED: "相同",
    Status.MODIFIED: "对应",
    Status.RENUMBERED: "相同",
    Status.MOVED: "对应",
    Status.SPLIT: "一对多",
    Status.MERGED: "多对一",
    Status.ADDED: "仅见于右侧",
    Status.DELETED: "仅见于左侧",
    Status.RELATED: "相关",
}


def status_label(status: Status, kind: Kind) -> str:
    """The Chinese name of a pair status, as a reader of this kind of comparison says it."""
    return (STATUS_LABELS if kind is Kind.REVISION else CROSS_STATUS_LABELS)[status]


# Statuses whose text did not change (a reader may hide them).
TEXT_UNCHANGED = (Status.UNCHANGED, Status.RENUMBERED)

# The statuses a comparison's headline counts, in the order a reader looks for them.
HEADLINE_STATUSES = {
    Kind.REVISION: (
        Status.MODIFIED,
        Status.ADDED,
        Status.DELETED,
        Status.RENUMBERED,
        Status.MOVED,
        Status.SPLIT,
        Status.MERGED,
        Status.UNCHANGED,
    ),
    Kind.CROSS: (
        Status.MODIFIED,
        Status.RELATED,
        Status.SPLIT,
        Status.MERGED,
        Status.DELETED,
        Status.ADDED,
    ),
}

# Status of a regulation in the catalog.
IN_FORCE, AMENDED, DRAFT = "现行", "已修改", "修订草案"  # in force / since amended / a draft
REGULATION_KINDS = (IN_FORCE, AMENDED, DRAFT)


class OpKind(StrEnum):
    """A diff op: text both sides share, or text only the left or the right side has."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"
    # Not a diff op: equal text that the pages set apart, a rare word both articles of a
    # cross pair hold (the reason they were paired).
    SHARED = "shared"


class Side(StrEnum):
    """One column of a comparison."""

    LEFT = "left"
    RIGHT = "right"


class ChangeKind(StrEnum):
    """What the change summary reports."""

    DEADLINE = "deadline"
    FREQUENCY = "frequency"
    QUANTITY = "quantity"
    BODY = "body"
    CITATION = "citation"
    EFFECT = "effect"
    TERM = "term"
    OBLIGATION = "obligation"
    ADDED = "added"
    DELETED = "deleted"


CHANGE_LABELS = {
    ChangeKind.DEADLINE: "期限",
    ChangeKind.FREQUENCY: "频次",
    ChangeKind.QUANTITY: "数量",
    ChangeKind.BODY: "机构",
    ChangeKind.CITATION: "引用法律",
    ChangeKind.EFFECT: "施行与废止",
    ChangeKind.TERM: "名称",
    ChangeKind.OBLIGATION: "义务",
    ChangeKind.ADDED: "新增",
    ChangeKind.DELETED: "删除",
}

# The change summary of a comparison page: one group per kind, in this order.
CHANGE_GROUPS = {
    ChangeKind.DEADLINE: "期限",
    ChangeKind.FREQUENCY: "频次",
    ChangeKind.QUANTITY: "数量",
    ChangeKind.OBLIGATION: "义务与授权",
    ChangeKind.BODY: "机构与层级",
    ChangeKind.CITATION: "引用的法律",
    ChangeKind.EFFECT: "施行与废止",
    ChangeKind.TERM: "名称变更",
    ChangeKind.ADDED: "新增条文",
    ChangeKind.DELETED: "删除条文",
}


class SpanKind(StrEnum):
    """An annotation on a stretch of article text."""

    REFERENCE = "reference"  # 本条例第七条, 前款: a node of the same regulation
    LAW = "law"  # 《…》: a law, linked when the catalog holds it
    TERM = "term"  # a short form the regulation defined (以下简称…)


class HistoryAction(StrEnum):
    """What a line of a regulation's history says was done to it (``text.history``)."""

    ADOPTED = "adopted"  # 通过
    APPROVED = "approved"  # 批准 (a province approves a city's regulation)
    AMENDED = "amended"  # 修正 (by a decision amending some articles)
    REVISED = "revised"  # 修订 (the whole text revised)
    PROMULGATED = "promulgated"  # 公布 / 发布
    IN_FORCE = "in-force"  # 施行
    REPEALED = "repealed"  # 废止


HISTORY_ACTION_LABELS = {
    HistoryAction.ADOPTED: "通过",
    HistoryAction.APPROVED: "批准",
    HistoryAction.AMENDED: "修正",
    HistoryAction.REVISED: "修订",
    HistoryAction.PROMULGATED: "公布",
    HistoryAction.IN_FORCE: "施行",
    HistoryAction.REPEALED: "废止",
}
