"""Finding the regulations inside a source file.

A source file may hold one regulation, or a web page with several one after the
other (a compilation), or a consultation notice, a draft, its 说明 (explanation) and
a page footer. ``split`` finds, for each regulation:

- its *body*: from the first heading (or first article) to the end of the last
  article; this is what ``parse`` turns into a tree;
- its *title*, possibly wrapped over several lines;
- its *metadata*: promulgation notice, amendment history, table of contents
  (目录), issuing body; never articles;
- an *explanation* (说明) that follows it, kept as a document of its own.

Site chrome (``作者:… 时间:…``, ``下载地址``, ``编辑|…``) is dropped.

How a regulation is recognised: its articles are numbered 1..N, an article inserted by an
amendment (第十七条之一, 之二…) standing right after the one it follows; a part of a code
published on its own (民法典 合同编, under a 编 or 分编 heading) runs on from its first
article (第四百六十三条) instead of from 1. A line starting
with ``第X条`` is an article label when the label is followed by a space, or when
the number continues the sequence (texts like seed 003 write ``第一条为了…`` with
no space, and a paragraph may start with a cross-reference ``第十条规定的…``).
Numbering restarting at 1 after a title-like line starts the next regulation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from comparator.model import (
    ArticleNumber,
    Explanation,
    ExplanationParagraph,
    Metadata,
    SourceError,
    follows,
    insert_of,
    inserted_label,
)
from comparator.text import labels
from comparator.text.normalize import Line
from comparator.text.numerals import find_date
from comparator.vocabulary import NodeKind

_CHROME = re.compile(
    r"^(?:(?:作者|时间|浏览|来源|发布时间|字体)\s*[:：]|下载地址|点击此处下载|"
    r"(?:编辑|审核|责任编辑|校对|审校)\s*[|｜:：]|.*公网安备|.*ICP备|版权所有|"
    r"附\s*件\s*[0-9一二三四五六七八九]*\s*[:：]?$|<!--.*-->$)"
)
_HISTORY_WORDS = re.compile(r"通过|批准|修正|修订|公布|施行|发布")
_YEAR = re.compile(r"(?:\d{4}|[零〇○OＯ一二三四五六七八九]{4})\s*年")
_ISSUER = re.compile(r"^.{2,24}(?:人大常委会|人民代表大会常务委员会|人民政府|人民代表大会)$")
_DATE_LINE = re.compile(r"^[\s\d零〇○OＯ一二三四五六七八九十年月日]+$")
_EXPLANATION_TITLE = re.compile(r"说明$")
_MAX_TITLE_LINES = 4
_MAX_TITLE_LINE = 60


@dataclass
class Document:
    """One regulation found in a source file, before parsing."""

    path: str
    title: str
    lines: list[Line]  # every line of the source file
    body: tuple[int, int]  # first and last index (into ``lines``) of the body
    articles: list[int]  # indices of the lines that open an article
    metadata: Metadata = field(default_factory=Metadata)
    explanation: Explanation | None = None
    problems: list[SourceError] = field(default_factory=list)
    metadata_start: int = 0  # first index of the title (or of the body if untitled)


def is_chrome(text: str) -> bool:
    return bool(_CHROME.match(text))


def split(lines: list[Line], path: str) -> list[Document]:
    """Find the regulations in ``lines``; raise ``SourceError`` if there is none."""
    if not any(line.text for line in lines):
        raise SourceError(path, 1, "the file is empty: expected the text of a regulation")
    runs, problems = _article_runs(lines, path)
    if not runs:
        raise SourceError(
            path, 1, "no article found: expected a line starting with 第一条 (or 第1条)"
        )
    documents: list[Document] = []
    previous_end = -1
    for index, run in enumerate(runs):
        following = runs[index + 1][0] if index + 1 < len(runs) else len(lines)
        body_start = _body_start(lines, run[0], previous_end)
        body_end = _body_end(lines, run[-1], following)
        document = Document(path, "", lines, (body_start, body_end), run)
        # A numbering problem belongs to the regulation whose articles it concerns.
        first = lines[run[0]].number
        limit = lines[following].number if following < len(lines) else float("inf")
        document.problems = [p for p in problems if first <= p.line < limit]
        _read_front_matter(document, previous_end + 1, body_start)
        documents.append(document)
        previous_end = body_end
    for document, after in zip(documents, [*documents[1:], None], strict=True):
        region_end = after.metadata_start if after else len(lines)
        document.explanation = _explanation(lines, document.body[1] + 1, region_end)
    return documents


# Articles -------------------------------------------------------------------


def _article_runs(lines: list[Line], path: str) -> tuple[list[list[int]], list[SourceError]]:
    """Group article lines into runs numbered from 1, one run per regulation."""
    candidates = [
        (index, label)
        for index, line in enumerate(lines)
        if (label := labels.article_label(line.text)) is not None
    ]
    runs = _ArticleRuns(lines, path)
    for position, (index, label) in enumerate(candidates):
        following = candidates[position + 1][1] if position + 1 < len(candidates) else None
        runs.add(index, label, following is not None and follows(following.number, label.number))
    return runs.runs, runs.problems


class _ArticleRuns:
    """Runs of article lines as they are read, with the numbering problems met."""

    def __init__(self, lines: list[Line], path: str) -> None:
        self.lines, self.path = lines, path
        self.runs: list[list[int]] = []
        self.problems: list[SourceError] = []
        self.first_seen: dict[int, int] = {}  # article number -> index of its first line
        self.last = 0  # the number of the last article of the run

    @property
    def expected(self) -> int:
        """The next ordinary article (an inserted one, 第十七条之一, may come before it)."""
        return int(self.last) + 1

    def add(self, index: int, label: labels.Label, continues: bool) -> None:
        """A line starting with ``label``; ``continues``: the next label follows it."""
        number = label.number
        if not self.runs:
            self._first(index, label)
            return
        opens = label.spaced or continues  # not a cross-reference starting a paragraph
        if follows(number, self.last):
            self.runs[-1].append(index)
        elif number == 1 and opens and _title_between(self.lines, self.runs[-1][-1], index):
            self.runs.append([index])
            self.first_seen = {}
        elif opens:
            self.runs[-1].append(index)
            self.problems.append(self._out_of_order(index, label))
        else:
            return  # a cross-reference at the start of a paragraph
        self.first_seen.setdefault(number, index)
        self.last = number

    def _first(self, index: int, label: labels.Label) -> None:
        if not (label.spaced or label.number == 1):
            return
        self.runs.append([index])
        self.first_seen = {label.number: index}
        self.last = label.number
        if label.number != 1 and not _under_code_heading(self.lines, index):
            self.problems.append(_numbering_problem(self.path, self.lines[index], 1, label.number))

    def _out_of_order(self, index: int, label: labels.Label) -> SourceError:
        line = self.lines[index].number
        if label.number in self.first_seen:
            first = self.lines[self.first_seen[label.number]].number
            return SourceError(
                self.path,
                line,
                f"{label.label} appears twice (first at line {first}): "
                f"expected 第{self.expected}条",
            )
        if insert_of(label.number):
            # 第二条之二 after 第二条, or 第三条之一 after 第二条.
            after = inserted_label(ArticleNumber(int(self.last), insert_of(self.last) + 1))
            return SourceError(
                self.path,
                line,
                f"expected {after} or 第{self.expected}条, found {label.label}: "
                "an inserted article follows the article it is numbered after",
            )
        return _numbering_problem(self.path, self.lines[index], self.expected, label.number)


def _under_code_heading(lines: list[Line], index: int) -> bool:
    """Does a 编 or 分编 heading stand among the headings right above this article?

    A part of a code published on its own (民法典 合同编) keeps the code's numbering.
    """
    for line in reversed(lines[:index]):
        if not line.text:
            continue
        heading = labels.heading(line.text)
        if heading is None:
            return False
        if heading.kind in (NodeKind.PART, NodeKind.SUBPART):
            return True
    return False


def _numbering_problem(path: str, line: Line, expected: int, found: int) -> SourceError:
    label = labels.article_label(line.text)
    written = label.label if label else f"第{found}条"
    if found > expected:
        missing = (
            f"第{expected}条 is missing"
            if found == expected + 1
            else f"第{expected}条 to 第{found - 1}条 are missing"
        )
        return SourceError(
            path, line.number, f"expected 第{expected}条, found {written}: {missing}"
        )
    return SourceError(
        path, line.number, f"expected 第{expected}条, found {written}: article numbers go back"
    )


def _title_between(lines: list[Line], after: int, before: int) -> bool:
    """Is there a title-like line between two article lines (a new regulation)?"""
    for line in lines[after + 1 : before]:
        text = line.text
        if not text or is_chrome(text):
            continue
        if labels.heading(text) or labels.item_label(text) or labels.subitem_label(text):
            continue
        if not labels.ends_sentence(text) and len(text) <= _MAX_TITLE_LINE:
            return True
    return False


def _body_start(lines: list[Line], first_article: int, floor: int) -> int:
    """Include the headings (编 / 章 / 节 number one) right above the first article.

    Only headings numbered 1, each kind once: a 目录 above the first chapter heading
    lists 第六章 and the like, which stops the walk.
    """
    start = first_article
    seen: set[str] = set()
    index = first_article - 1
    while index > floor:
        text = lines[index].text
        if not text:
            index -= 1
            continue
        found = labels.heading(text)
        if found is None or found.number != 1 or found.kind in seen:
            break
        seen.add(found.kind)
        start = index
        index -= 1
    return start


def _body_end(lines: list[Line], last_article: int, ceiling: int) -> int:
    """The last line of the last article: its paragraphs and items, not what follows.

    After the last article come page footers, the next regulation's title or a 说明.
    A following line still belongs to the article when it is an item or reads as a
    sentence (ends with 。；： and the like).
    """
    end = last_article
    for index in range(last_article + 1, ceiling):
        text = lines[index].text
        if not text:
            continue
        if is_chrome(text) or labels.heading(text):
            break
        if labels.item_label(text) or labels.subitem_label(text) or labels.ends_sentence(text):
            end = index
            continue
        break
    return end


# Title and metadata ---------------------------------------------------------


def _read_front_matter(document: Document, region_start: int, body_start: int) -> None:
    """Title, history, 目录 and notices from the lines above the body.

    Read upwards from the body: the 目录, then the amendment history, then the title;
    what lies above the title is the preamble (notices, issuing body).
    """
    lines = document.lines
    info_end = next(
        (i for i in range(region_start, body_start) if lines[i].raw.strip() == "<!-- INFO END -->"),
        None,
    )
    if info_end is not None:
        _read_markdown_front_matter(document, region_start, info_end, body_start)
        return
    index = _skip_blank_up(lines, body_start - 1, region_start)
    index = _read_table_of_contents(document, index, region_start)
    index = _read_history(document, index, region_start)
    title_lines = _title_lines(lines, index, region_start)
    document.title = "".join("".join(lines[i].text.split()) for i in title_lines)
    document.metadata_start = title_lines[0] if title_lines else body_start
    _read_preamble(document, region_start, document.metadata_start)


def _read_table_of_contents(document: Document, index: int, floor: int) -> int:
    """Heading lines under a 目录 line, read upwards from ``index``; where to read on."""
    lines = document.lines
    toc_end = index
    while index >= floor and labels.heading(lines[index].text):
        index = _skip_blank_up(lines, index - 1, floor)
    if index < floor or not labels.is_table_of_contents(lines[index].text):
        return toc_end
    document.metadata.table_of_contents = [
        lines[i].text for i in range(index + 1, toc_end + 1) if lines[i].text
    ]
    return _skip_blank_up(lines, index - 1, floor)


def _read_history(document: Document, index: int, floor: int) -> int:
    """Amendment history in parentheses ending at ``index``: (2001年…通过 … 批准)."""
    lines = document.lines
    if index < floor or not lines[index].text.endswith((")", "）")):
        return index
    top = index
    while top > max(floor, index - 8) and not lines[top].text.startswith(("(", "（")):
        top -= 1
    block = [lines[i].text for i in range(top, index + 1) if lines[i].text]
    joined = "".join(block)
    if not (
        block[0].startswith(("(", "（")) and _HISTORY_WORDS.search(joined) and _YEAR.search(joined)
    ):
        return index
    document.metadata.history = _history_events(block)
    return _skip_blank_up(lines, top - 1, floor)


def _title_lines(lines: list[Line], index: int, floor: int) -> list[int]:
    """Up to four consecutive short lines ending at ``index`` that are not sentences."""
    title_lines: list[int] = []
    while index >= floor and len(title_lines) < _MAX_TITLE_LINES:
        text = lines[index].text
        if (
            not text
            or is_chrome(text)
            or labels.ends_sentence(text)
            or len(text) > _MAX_TITLE_LINE
            or labels.article_label(text)
            or labels.heading(text)
        ):
            break
        title_lines.insert(0, index)
        index -= 1
    return title_lines


def _read_markdown_front_matter(
    document: Document, region_start: int, info_end: int, body_start: int
) -> None:
    """LawRefBook dump: ``# title``, history lines, ``<!-- INFO END -->``."""
    lines = document.lines
    first = next((i for i in range(region_start, info_end) if lines[i].text), info_end)
    document.title = lines[first].text if first < info_end else ""
    document.metadata.history = [lines[i].text for i in range(first + 1, info_end) if lines[i].text]
    document.metadata_start = first
    title_key = "".join(document.title.split())
    document.metadata.notices = [
        lines[i].text
        for i in range(info_end + 1, body_start)
        if lines[i].text and "".join(lines[i].text.split()) != title_key
    ]


def _read_preamble(document: Document, start: int, end: int) -> None:
    """Notices above the title: promulgation, issuing body; chrome is dropped."""
    metadata = document.metadata
    title_key = document.title
    for line in document.lines[start:end]:
        text = line.text
        if not text or is_chrome(text) or "".join(text.split()) == title_key:
            continue
        if not metadata.issuer and _ISSUER.match(text) and not metadata.notices:
            metadata.issuer = text
            continue
        metadata.notices.append(text)
        if _DATE_LINE.match(text) and (date := find_date(text)):
            metadata.promulgated = date


def _history_events(block: list[str]) -> list[str]:
    """One event per line or per sentence, without the enclosing parentheses."""
    text = "\n".join(block).strip()
    text = text[1:] if text[0] in "(（" else text
    text = text[:-1] if text[-1] in ")）" else text
    events = [part.strip() for piece in text.split("\n") for part in piece.split("。")]
    return [event for event in events if event]


def _skip_blank_up(lines: list[Line], index: int, floor: int) -> int:
    while index >= floor and not lines[index].text:
        index -= 1
    return index


# Explanation (说明) -----------------------------------------------------------


def _explanation(lines: list[Line], start: int, end: int) -> Explanation | None:
    """A 说明 after the body: a title ending in 说明, then its paragraphs."""
    for index in range(start, end):
        text = lines[index].text
        if not text or is_chrome(text):
            continue
        title_lines = _explanation_title(lines, index, end)
        if title_lines is None:
            continue
        explanation = Explanation(
            "".join(lines[i].text for i in title_lines), lines[title_lines[0]].number
        )
        for line in lines[title_lines[-1] + 1 : end]:
            if line.text and not is_chrome(line.text):
                explanation.paragraphs.append(ExplanationParagraph(line.number, line.text))
        return explanation
    return None


def _explanation_title(lines: list[Line], index: int, end: int) -> list[int] | None:
    """The lines of a title starting at ``index`` and ending in 说明, if there is one:
    at most four lines, with no blank line between them."""
    title_lines = []
    for candidate in range(index, min(index + _MAX_TITLE_LINES, end)):
        if not lines[candidate].text:
            return None
        title_lines.append(candidate)
        if _EXPLANATION_TITLE.search(lines[candidate].text):
            return title_lines
    return None
