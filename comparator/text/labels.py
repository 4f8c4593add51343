"""Recognising the labels of a Chinese regulation on a single line.

Each function looks at one normalized line (``Line.text``) and says what label
starts it, if any. Deciding whether a label really opens an article (and is not a
cross-reference that happens to start a line) needs the lines around it: that is
``split``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.model import ArticleNumber
from comparator.text.numerals import CHINESE_NUMERAL, parse_number
from comparator.vocabulary import DIVISION_KINDS, NodeKind

_N = rf"[{CHINESE_NUMERAL}]+|\d+"

# 第十七条之一: an article inserted after 第十七条 by an amendment.
_ARTICLE = re.compile(rf"^第(?P<number>{_N})条(?:之(?P<insert>[一二三四五六七八九十]+))?")
_HEADING = re.compile(
    rf"^第(?P<number>{_N})(?P<kind>分编|[编章节])(?:[\s]+(?P<title>.*)|(?P<tight>.*))$"
)
_ITEM = re.compile(r"^[（(](?P<number>[一二三四五六七八九十]+)[）)]")
_SUBITEM = re.compile(r"^(?:(?P<dot>\d{1,2})[.．、](?!\d)|[（(](?P<paren>\d{1,2})[）)])")

# Sentence ends: a line ending in one of these is body text, not a heading or title.
SENTENCE_END = "。；;：:，,！!？?"
_TABLE_OF_CONTENTS = re.compile(r"^目\s*录$")


@dataclass(frozen=True)
class Label:
    number: int
    label: str  # the label as written: 第十三条, （一）
    rest: str  # the text after the label, stripped
    spaced: bool  # the label is followed by whitespace (or ends the line)


@dataclass(frozen=True)
class Heading:
    kind: NodeKind  # part, subpart, chapter or section
    number: int
    label: str
    title: str  # inner whitespace removed: 总  则 -> 总则


def article_label(text: str) -> Label | None:
    """``第十三条`` (number 13) or ``第十七条之一`` (``ArticleNumber(17, 1)``) opening a line."""
    match = _ARTICLE.match(text)
    if not match:
        return None
    try:
        insert = parse_number(match["insert"]) if match["insert"] else 0
        number = ArticleNumber(parse_number(match["number"]), insert)
    except ValueError:
        return None
    after = text[match.end() :]
    return Label(number, match.group(), after.strip(), not after or after[0].isspace())


def heading(text: str) -> Heading | None:
    match = _HEADING.match(text)
    if not match:
        return None
    title = match["title"] if match["title"] is not None else match["tight"]
    title = "".join(title.split())
    if len(title) > 40 or (title and title[-1] in SENTENCE_END):
        return None
    # 第一章总则 is a heading; 第一章所列 is a reference to one.
    tight = match["tight"] and title and not match["title"]
    if tight and (len(title) > 12 or any(w in title[:3] for w in ("规定", "所", "的", "中", "至"))):
        return None
    try:
        number = parse_number(match["number"])
    except ValueError:
        return None
    label = f"第{match['number']}{match['kind']}"
    return Heading(DIVISION_KINDS[match["kind"]], number, label, title)


def item_label(text: str) -> Label | None:
    match = _ITEM.match(text)
    if not match:
        return None
    after = text[match.end() :]
    return Label(parse_number(match["number"]), match.group(), after.strip(), True)


def subitem_label(text: str) -> Label | None:
    match = _SUBITEM.match(text)
    if not match:
        return None
    number = int(match["dot"] or match["paren"])
    after = text[match.end() :]
    return Label(number, match.group(), after.strip(), True)


def is_table_of_contents(text: str) -> bool:
    return bool(_TABLE_OF_CONTENTS.match(text))


def ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in SENTENCE_END + "”"
