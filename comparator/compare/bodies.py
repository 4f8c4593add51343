"""Who and where a provision names: organs of state and administrative levels, and
the laws it cites.

Bodies come from a fixed list (organs a regulation can give a duty or a power to, and
the levels of government: 镇, 街道, …) plus the bodies a text defines for itself
(``以下简称代表工委``). A level is only a body where it stands as one: in a list
(``市、区、镇``) or before its organ (``镇人民政府``), not inside 城镇 or 区域.

Cited laws are the titles in 《》 and a law named after 依照 / 根据 / 按照 without them
(``依照治安管理处罚条例的规定``). Two citations are the same law when their titles,
without 中华人民共和国, are equal, one is the other's short form (代表法), or the
catalog says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ORGANS = (
    "监察委员会",
    "中级人民法院",
    "人民法院",
    "人民检察院",
    "人民政府",
    "专门委员会",
    "主任会议",
    "主席团",
    "办公厅",
    "常委会办公厅",
    "办事机构",
    "工作机构",
    "组成部门",
    "工作部门",
    "各部门",
    "街道办事处",
    "街道工作委员会",
    "居民委员会",
    "村民委员会",
    "代表团",
    "代表小组",
)
LEVELS = ("上一级", "上级", "民族乡", "街道", "社区", "乡", "镇", "县", "区", "市", "省", "村")
# A defined short form names a body when it ends like one (代表工委, 选联任工委).
_BODY_ENDINGS = ("委员会", "工委", "委", "机构", "部门", "厅", "院", "会议", "团", "办")
_DEPARTMENTS = re.compile(r"及其(?:所属)?(?:各|工作|组成)?部门")
# The groups deputies form: 代表小组, 代表专业小组, 代表联组.
_GROUPS = re.compile(r"代表(?:[\u4e00-\u9fff]{2})?(?:小组|联组)")
_LEVEL = re.compile(
    "(?:"
    + "|".join(LEVELS)
    + r")(?=、|，|人民|人大|的人民|级|进行|等)"
    + "|(?<=、)(?:"
    + "|".join(LEVELS)
    + ")"
)
_NOT_A_LEVEL_BEFORE = set("城地自社山")  # 城镇, 地区, 自治区, 社区 (a body itself), 山区


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str


def body_mentions(text: str, own: Iterable[str] = ()) -> list[Mention]:
    """The bodies ``text`` names, longest name first where two overlap."""
    own_bodies = (n for n in own if n.endswith(_BODY_ENDINGS))
    names = sorted({*ORGANS, *own_bodies, *_GROUPS.findall(text)}, key=len, reverse=True)
    found = [
        _organ(text, match, name in ORGANS)
        for name in names
        for match in re.finditer(re.escape(name), text)
    ]
    found += [
        Mention(match.start(), match.end(), match.group())
        for match in _LEVEL.finditer(text)
        if not (match.start() > 0 and text[match.start() - 1] in _NOT_A_LEVEL_BEFORE)
    ]
    # A name inside a longer one (工作部门 in 人民政府及其所属工作部门, 监察委员会 in
    # 市监察委员会) is part of it; of two that overlap, the one found first stays.
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(k.start <= mention.start < k.end for k in kept):
            kept.append(mention)
    return kept


def _organ(text: str, match: re.Match[str], listed: bool) -> Mention:
    start, end = match.start(), match.end()
    if listed and start > 0 and text[start - 1] == "市":
        start -= 1  # 市监察委员会: the level is part of the name
    departments = _DEPARTMENTS.match(text, end)
    if departments:  # 人民政府及其所属工作部门: one body with its departments
        end = departments.end()
    return Mention(start, end, text[start:end])


# What may stand between two bodies of one list, or between levels and their organ.
_IN_A_LIST = re.compile(r"[、和及]|和乡、|或者")
_QUALIFYING = re.compile(r"的?(?:人民代表大会|人大)?(?:常务委员会)?的?")


def grouped(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions that stand together as one: a list of bodies (``办事机构、工作机构``,
    ``乡、民族乡、镇``), and levels with the organ they qualify (``乡、民族乡、镇的人民代表大会
    主席团``)."""
    joined: list[Mention] = []
    for mention in mentions:
        if joined:
            last = joined[-1]
            between = text[last.end : mention.start]
            listed = _IN_A_LIST.fullmatch(between) and _same_sort(last.name, mention.name)
            qualifying = is_levels(last.name) and _QUALIFYING.fullmatch(between)
            if listed or qualifying:
                joined[-1] = Mention(last.start, mention.end, text[last.start : mention.end])
                continue
        joined.append(mention)
    return joined


def is_levels(name: str) -> bool:
    return all(part in LEVELS for part in re.split("[、和及]", name))


def _same_sort(a: str, b: str) -> bool:
    """Two bodies of one list: levels with levels, organs with organs."""
    return is_levels(a) == is_levels(b.split("、")[0])


_TITLED = re.compile(r"《(?P<title>[^《》]+)》")
_NAMED = re.compile(
    r"(?:依照|根据|按照|依据|违反)(?P<title>[\u4e00-\u9fff]{2,30}?(?:法|条例|规定|办法))(?:的|第|和|、|，)"
)
_COUNTRY = "中华人民共和国"


def citations(text: str) -> list[Mention]:
    """The laws ``text`` cites: 《…》 titles, and a law named without them after 依照."""
    found = [Mention(m.start(), m.end(), m.group()) for m in _TITLED.finditer(text)]
    for match in _NAMED.finditer(text):
        title = match.group("title")
        if title.startswith(("本", "有关", "法律", "该")):
            continue  # 依照本规定, 依照有关法律: not a title
        start = match.start("title")
        if not any(m.start <= start < m.end for m in found):
            found.append(Mention(start, match.end("title"), title))
    return sorted(found, key=lambda m: m.start)


def same_law(a: str, b: str, aliases: Mapping[str, str] = {}) -> bool:
    """Do two citations name one law? ``aliases`` maps a short title to the full one."""
    left, right = _core(a, aliases), _core(b, aliases)
    shorter, longer = sorted((left, right), key=len)
    return left == right or (len(shorter) >= 3 and longer.endswith(shorter))


def _core(title: str, aliases: Mapping[str, str]) -> str:
    title = title.strip("《》").replace("〈", "《").replace("〉", "》")
    title = aliases.get(title, title)
    return title.removeprefix(_COUNTRY)
