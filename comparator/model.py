"""The parse tree of a regulation, as plain dataclasses.

A regulation is 编 > 章 > 节 > 条 > 款 > 项 > 目 (part > chapter > section > article >
paragraph > item > sub-item). Articles are kept in one flat list, in order, each
pointing at its chapter and section by number; divisions list the article numbers
they hold. Every node has a stable id built from its numbering
(``shenzhen-draft/art-13/para-2/item-1``), and knows the source line it starts on.

Extra information (explanations, cross-references, defined terms) is not stored
here: it lives in layers keyed by these ids (see ``annotate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


class SourceError(Exception):
    """A problem in an input file, with the place it was found.

    Printed by the command line as ``path:line: message``.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class SourceErrors(Exception):
    """Several ``SourceError`` found in one pass (``comparator check`` lists them all)."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


@dataclass
class SubItem:
    """目: ``1.`` under an item."""

    number: int
    label: str
    text: str
    line: int


@dataclass
class Item:
    """项: ``（一）`` / ``(一)``.

    ``text`` has the label removed. A line that stands between two items of the
    same list is read as a further paragraph of the item before it: it is kept in
    ``text`` after a newline.
    """

    number: int
    label: str
    text: str
    line: int
    subitems: list[SubItem] = field(default_factory=list)


@dataclass
class Paragraph:
    """款: one line of an article, with the items (项) that follow it."""

    number: int
    text: str
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Article:
    """条. ``label`` is ``第十三条``; paragraph texts have the label removed."""

    number: int
    label: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    chapter: int | None = None
    section: int | None = None

    @property
    def text(self) -> str:
        """The article as a reader sees it, without its ``第X条`` label.

        One line per paragraph, item (with its ``（一）`` label) and sub-item.
        """
        return "\n".join(line for _, line in article_lines(self))


@dataclass
class Division:
    """编, 章 or 节: a numbered heading and the articles under it."""

    kind: str  # one of DIVISION_KINDS
    number: int
    label: str  # 第二章
    title: str  # 联系代表和组织代表活动 (inner spaces removed)
    line: int
    articles: list[int] = field(default_factory=list)
    sections: list[Division] = field(default_factory=list)


@dataclass
class Dropped:
    """Text removed from the body because it is not part of the regulation.

    Word-processor artefacts (``[bookmark: _GoBack]``) and format markup (Markdown
    ``##``). Recorded so that the lossless check can account for every character.
    """

    line: int
    column: int
    text: str
    reason: str


@dataclass
class Metadata:
    """What surrounds the articles: notices, history, table of contents."""

    issuer: str = ""
    notices: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    table_of_contents: list[str] = field(default_factory=list)
    promulgated: str = ""  # ISO date read from the notice, when one is given


@dataclass
class ExplanationParagraph:
    line: int
    text: str


@dataclass
class Explanation:
    """A 说明 published with a draft: kept apart from the articles it explains."""

    title: str
    line: int
    paragraphs: list[ExplanationParagraph] = field(default_factory=list)


@dataclass
class Regulation:
    id: str
    title: str
    path: str
    articles: list[Article] = field(default_factory=list)
    chapters: list[Division] = field(default_factory=list)
    parts: list[Division] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    explanation: Explanation | None = None
    dropped: list[Dropped] = field(default_factory=list)
    body_lines: tuple[int, int] = (0, 0)  # first and last source line of the body

    def article(self, number: int) -> Article:
        for article in self.articles:
            if article.number == number:
                return article
        raise KeyError(f"{self.id} has no article {number}")

    def chapter(self, number: int) -> Division:
        for chapter in self.chapters:
            if chapter.number == number:
                return chapter
        raise KeyError(f"{self.id} has no chapter {number}")


# Node ids -----------------------------------------------------------------


def article_id(regulation_id: str, article: int) -> str:
    return f"{regulation_id}/art-{article}"


def paragraph_id(regulation_id: str, article: int, paragraph: int) -> str:
    return f"{article_id(regulation_id, article)}/para-{paragraph}"


def item_id(regulation_id: str, article: int, paragraph: int, item: int) -> str:
    return f"{paragraph_id(regulation_id, article, paragraph)}/item-{item}"


def chapter_id(regulation_id: str, chapter: int) -> str:
    return f"{regulation_id}/chap-{chapter}"


def anchor(node_id: str) -> str:
    """Page anchor of a node: ``x/art-13/para-2`` -> ``art-13-para-2``."""
    return "-".join(node_id.split("/")[1:])


# Walking --------------------------------------------------------------------


def article_lines(article: Article) -> Iterator[tuple[str, str]]:
    """Yield ``(local id, text)`` for each paragraph, item and sub-item, in order.

    Local ids drop the regulation and article: ``para-2``, ``para-2/item-1``.
    Items and sub-items keep their label (``（一）``).
    """
    for paragraph in article.paragraphs:
        para = f"para-{paragraph.number}"
        yield para, paragraph.text
        for item in paragraph.items:
            item_local = f"{para}/item-{item.number}"
            yield item_local, item.label + item.text
            for sub in item.subitems:
                yield f"{item_local}/sub-{sub.number}", sub.label + sub.text


def article_texts(regulation: Regulation) -> tuple[tuple[str, str], ...]:
    """``(label, text)`` of every article: what two versions of a text are compared on."""
    return tuple((article.label, article.text) for article in regulation.articles)


def count_nodes(regulation: Regulation) -> dict[str, int]:
    """How many chapters, articles, paragraphs, items and sub-items a regulation has."""
    paragraphs = [p for a in regulation.articles for p in a.paragraphs]
    items = [i for p in paragraphs for i in p.items]
    return {
        "chapters": len(regulation.chapters),
        "articles": len(regulation.articles),
        "paragraphs": len(paragraphs),
        "items": len(items),
        "subitems": sum(len(i.subitems) for i in items),
    }
