"""Turning the body of a regulation into its tree: 编 / 分编 / 章 / 节 / 条 / 款 / 项 / 目.

Reading rules, the same for every text:

- 编 / 分编 / 章 / 节: a heading opens a division and closes the smaller ones. A code
  (刑法, 民法典) numbers its chapters afresh in each 编 (民法典 numbers them through the
  分编 of a 编): chapter numbers are checked to run 1..N within each 编.
- 条: ``第十三条``, and ``第十七条之一`` for an article an amendment inserted (an
  article of its own, not a paragraph of 第十七条).
- 款 (paragraph): each line of an article is a paragraph; the first is the text after
  the ``第X条`` label (when the label stands alone on its line, the next line is).
- 项 (item): ``（一）`` / ``(一)`` lines belong to the paragraph before them.
- A plain line between two items of the same list (``（一）… / 另一行 / （二）…``) is a
  further paragraph of the item before it, kept in that item's text after a newline
  (in its last sub-item's text when it has sub-items, to keep the source order);
  a plain line after the last item is a new paragraph of the article.
- 目 (sub-item): ``1.`` / ``(1)`` lines under an item.
"""

from __future__ import annotations

from pathlib import Path

from comparator.model import (
    DIVISION_PREFIXES,
    Article,
    Division,
    Item,
    Paragraph,
    Regulation,
    SourceError,
    SourceErrors,
    SubItem,
)
from comparator.text import labels
from comparator.text.split import Document
from comparator.vocabulary import NodeKind

_ORDER = (NodeKind.PART, NodeKind.SUBPART, NodeKind.CHAPTER, NodeKind.SECTION)


def parse(document: Document, regulation_id: str = "") -> Regulation:
    """Build the tree of ``document``; raise ``SourceErrors`` listing every problem."""
    lines = document.lines
    start, end = document.body
    regulation = Regulation(
        id=regulation_id or Path(document.path).stem,
        title=document.title or Path(document.path).stem,
        path=document.path,
        metadata=document.metadata,
        explanation=document.explanation,
        body_lines=(lines[start].number, lines[end].number),
    )
    builder = _Builder(document, regulation)
    for index in range(start, end + 1):
        regulation.dropped.extend(lines[index].dropped)
        if lines[index].text:
            builder.read(index)
    errors = builder.errors
    for article in regulation.articles:
        if not article.paragraphs:
            errors.append(SourceError(document.path, article.line, f"{article.label} has no text"))
    if errors:
        raise SourceErrors(sorted(errors, key=lambda e: e.line))
    return regulation


class _Builder:
    """The tree as it grows, line by line: what is open, and the problems met."""

    def __init__(self, document: Document, regulation: Regulation) -> None:
        self.document = document
        self.regulation = regulation
        self.errors: list[SourceError] = list(document.problems)
        self.article_starts = set(document.articles)
        self.open_divisions: dict[NodeKind, Division] = {}
        self.article: Article | None = None
        self.paragraph: Paragraph | None = None
        self.item: Item | None = None
        self.following_items: list[int | None] | None = None  # see ``_following_items``

    def read(self, index: int) -> None:
        """Add the line at ``index`` (not empty) to the tree."""
        line = self.document.lines[index]
        if index in self.article_starts:
            self._open_article(line.text, line.number)
            return
        heading = labels.heading(line.text)
        if heading is not None:
            problem = _open_division(self.regulation, self.open_divisions, heading, line.number)
            if problem:
                self.errors.append(SourceError(self.document.path, line.number, problem))
            self.article = self.paragraph = self.item = None
            return
        if self.article is None:
            self._outside_article(line.text, line.number)
            return
        self._article_text(self.article, index)

    def _open_article(self, text: str, number: int) -> None:
        label = labels.article_label(text)
        assert label is not None  # split chose this line for its label
        article = Article(label.number, label.label, number)
        chapter, section = (
            self.open_divisions.get(NodeKind.CHAPTER),
            self.open_divisions.get(NodeKind.SECTION),
        )
        article.chapter = chapter.number if chapter else None
        article.section = section.number if section else None
        for division in self.open_divisions.values():
            division.articles.append(label.number)
        self.regulation.articles.append(article)
        self.article, self.paragraph, self.item = article, None, None
        if label.rest:
            self.paragraph = Paragraph(1, label.rest, number)
            article.paragraphs.append(self.paragraph)

    def _outside_article(self, text: str, number: int) -> None:
        if _continues_heading(self.open_divisions, text):
            # A long heading wrapped over two lines (监督法 第二章, 第三章).
            _innermost(self.open_divisions).title += "".join(text.split())
            return
        after = _last_heading_label(self.open_divisions)
        message = f"expected 第…条 after {after}, found text"
        self.errors.append(SourceError(self.document.path, number, message))

    def _article_text(self, article: Article, index: int) -> None:
        """An item, a sub-item, a line continuing an item, or a new paragraph."""
        line = self.document.lines[index]
        text = line.text
        found = labels.item_label(text)
        if found is not None:
            if self.paragraph is None:  # an article label alone on its line, then items
                self.paragraph = Paragraph(len(article.paragraphs) + 1, "", line.number)
                article.paragraphs.append(self.paragraph)
            self.item = Item(found.number, found.label, found.rest, line.number)
            self.paragraph.items.append(self.item)
            return
        found = labels.subitem_label(text)
        if found is not None and self.item is not None:
            self.item.subitems.append(SubItem(found.number, found.label, found.rest, line.number))
            return
        if self.item is not None and self._next_item(index) == self.item.number + 1:
            # After sub-items the line continues the last one: in the item's own text
            # it would read before them, out of the source order.
            (self.item.subitems[-1] if self.item.subitems else self.item).text += "\n" + text
            return
        self.paragraph = Paragraph(len(article.paragraphs) + 1, text, line.number)
        article.paragraphs.append(self.paragraph)
        self.item = None

    def _next_item(self, index: int) -> int | None:
        """Number of the next item in the same article, if another item follows."""
        if self.following_items is None:  # worked out once, for all lines
            self.following_items = _following_items(self.document, self.article_starts)
        return self.following_items[index - self.document.body[0]]


def _open_division(
    regulation: Regulation,
    open_divisions: dict[NodeKind, Division],
    heading: labels.Heading,
    line: int,
) -> str:
    """Open a 编 / 分编 / 章 / 节 and close the smaller ones; return a problem, if any."""
    division = Division(heading.kind, heading.number, heading.label, heading.title, line)
    level = _ORDER.index(heading.kind)
    for kind in _ORDER[level:]:
        open_divisions.pop(kind, None)
    name = f"{DIVISION_PREFIXES[heading.kind]}-{heading.number}"
    holder = _innermost(open_divisions) if open_divisions else None
    division.key = f"{holder.key}/{name}" if holder else name
    open_divisions[heading.kind] = division
    part = open_divisions.get(NodeKind.PART)
    problem = ""
    if heading.kind is NodeKind.CHAPTER:
        problem = _numbering_problem(regulation.chapters, part, heading, "chapter", "章")
        regulation.chapters.append(division)
    elif heading.kind is NodeKind.SUBPART:
        problem = _numbering_problem(regulation.subparts, part, heading, "subpart", "分编")
        regulation.subparts.append(division)
    elif heading.kind is NodeKind.SECTION:
        chapter = open_divisions.get(NodeKind.CHAPTER)
        if chapter is not None:
            chapter.sections.append(division)
        else:
            # A 节 only ever divides a 章: with no chapter to hold it, its heading
            # would be in no node of the tree (and the lossless check would fail).
            problem = f"{heading.label} is not inside a chapter: expected 第…章 before it"
    else:
        regulation.parts.append(division)
    return problem


def _numbering_problem(
    before: list[Division], part: Division | None, heading: labels.Heading, name: str, unit: str
) -> str:
    """Chapters (分编) run 1..N through a text without 编. In a code, each 编 either numbers
    its chapters afresh (民法典, 刑法) or goes on from the 编 before (民事诉讼法: 第二编 opens
    with 第十二章); the first chapter of a 编 says which, and the rest follow it."""
    if part is None:
        expected = {len(before) + 1}
    else:
        # Counted, not read from the heading before: one wrong number is one problem.
        inside = [division for division in before if division.line > part.line]
        afresh, running_on = len(inside) + 1, len(before) + 1
        ran_on = bool(inside) and inside[0].number == running_on - len(inside)
        began_afresh = bool(inside) and inside[0].number == 1
        if ran_on or began_afresh:
            expected = {running_on if ran_on else afresh}
        else:  # the 编's first chapter (or its number) does not tell yet
            expected = {afresh, running_on}
    if heading.number in expected:
        return ""
    wanted = " or ".join(f"第{number}{unit}" for number in sorted(expected))
    return f"{name} numbers do not run in order: expected {wanted}, found {heading.label}"


def _innermost(open_divisions: dict[NodeKind, Division]) -> Division:
    return next(open_divisions[kind] for kind in reversed(_ORDER) if kind in open_divisions)


def _continues_heading(open_divisions: dict[NodeKind, Division], text: str) -> bool:
    """A short line that is not a sentence, right under a heading with no article yet."""
    if not open_divisions:
        return False
    division = _innermost(open_divisions)
    return (
        not division.articles
        and len(division.title) + len(text) <= 60
        and not labels.ends_sentence(text)
        and labels.item_label(text) is None
    )


def _last_heading_label(open_divisions: dict[NodeKind, Division]) -> str:
    if open_divisions:
        return _innermost(open_divisions).label
    return "the title"


def _following_items(document: Document, article_starts: set[int]) -> list[int | None]:
    """For each line of the body (by index from its start), the number of the next item
    in the same article, or None when an article or a heading comes first.

    One pass from the end: asking for each line by scanning ahead would read a long run
    of lines between two items once per line, in time quadratic in its length.
    """
    start, end = document.body
    following: list[int | None] = [None] * (end - start + 1)
    upcoming: int | None = None
    for index in range(end, start - 1, -1):
        following[index - start] = upcoming
        text = document.lines[index].text
        if index in article_starts or labels.heading(text):
            upcoming = None
        elif (found := labels.item_label(text)) is not None:
            upcoming = found.number
    return following
