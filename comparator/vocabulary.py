"""Vocabulary shared by every stage: node kinds, pair statuses, their Chinese labels."""

from __future__ import annotations

from enum import StrEnum

# Structural units of a Chinese regulation, from the largest down.
DIVISION_KINDS = {"编": "part", "章": "chapter", "节": "section"}
NODE_LABELS = {
    "part": "编",
    "chapter": "章",
    "section": "节",
    "article": "条",
    "paragraph": "款",
    "item": "项",
    "subitem": "目",
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

# Statuses whose text did not change (a reader may hide them).
TEXT_UNCHANGED = (Status.UNCHANGED, Status.RENUMBERED)

KIND_LABELS = {Kind.REVISION: "修订对照", Kind.CROSS: "跨地区对照"}

# Status of a regulation in the catalog.
REGULATION_KINDS = ("现行", "修订草案")
