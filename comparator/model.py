"""The parse tree of a regulation, as plain dataclasses.

A regulation is 编 > 分编 > 章 > 节 > 条 > 款 > 项 > 目 (part > subpart > chapter > section
> article > paragraph > item > sub-item). Articles are kept in one flat list, in order,
each pointing at its chapter and section by number; divisions list the article numbers
they hold. Every node has a stable id built from its numbering
(``shenzhen-draft/art-13/para-2/item-1``), and knows the source line it starts on. A code
numbers its chapters afresh in each 编, so a division's id holds the divisions above it
(``civil-code/part-3/subpart-1/chap-2``); an inserted article 第十七条之一 is
``x/art-17-1`` (see ``ArticleNumber``).

``walk`` is the one way through the tree: every node in reading order, with its id
and its parent's. Whatever reads the tree node by node (the lossless check, the
annotations, the JSON, Akoma Ntoso, the regulation pages) walks it.

Extra information (explanations, cross-references, defined terms) is not stored
here: it lives in layers keyed by these ids (see ``compare.annotate``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from comparator.vocabulary import NodeKind, Verdict


class SourceError(Exception):
    """A problem in an input file, with the place it was found.

    Printed by the command line as ``path:line: message``.
    """

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, int, str]]:
        # Kept in the cache and sent back by worker processes: rebuilt from its parts.
        return (type(self), (self.path, self.line, self.message))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceError):
            return NotImplemented
        return (self.path, self.line, self.message) == (other.path, other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.message))


class SourceErrors(Exception):
    """Several ``SourceError`` found in one pass (``comparator check`` lists them all)."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors

    def __reduce__(self) -> tuple[type[SourceErrors], tuple[list[SourceError]]]:
        return (type(self), (self.errors,))


class ArticleNumber(int):
    """The number of an article: an ``int``, and for an inserted article its insert too.

    An amendment that adds an article between two others without renumbering them
    writes 第十七条之一 (之二, 之三…): ``ArticleNumber(17, 1)``. Ordinary articles, by
    far the most, are plain ints in every respect (``ArticleNumber(17) == 17``, the same
    hash, ``17`` in JSON). An inserted one sorts after its base article and before the
    next (17 < 17之一 < 17之二 < 18), equals no int, and writes itself ``17-1``: so ids,
    anchors and cache keys made with ``f"art-{number}"`` (``art-17-1``) tell it apart,
    and every dict keyed by article number keeps it apart from article 17.
    """

    insert: int

    def __new__(cls, number: int, insert: int = 0) -> ArticleNumber:
        made = super().__new__(cls, number)
        made.insert = insert
        return made

    def __getnewargs__(self) -> tuple[int, int]:  # type: ignore[override]
        return int(self), self.insert

    def key(self) -> tuple[int, int]:
        """``(17, 1)`` for 第十七条之一, ``(17, 0)`` for 第十七条: the reading order."""
        return int(self), self.insert

    def __str__(self) -> str:
        return f"{int(self)}-{self.insert}" if self.insert else str(int(self))

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        formatted = format(int(self), spec)
        return f"{formatted}-{self.insert}" if self.insert else formatted

    def __hash__(self) -> int:
        return hash(self.key()) if self.insert else hash(int(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, int):
            return self.key() == _key(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, int):
            return self.key() != _key(other)
        return NotImplemented

    def __lt__(self, other: int) -> bool:
        return self.key() < _key(other)

    def __le__(self, other: int) -> bool:
        return self.key() <= _key(other)

    def __gt__(self, other: int) -> bool:
        return self.key() > _key(other)

    def __ge__(self, other: int) -> bool:
        return self.key() >= _key(other)


def _key(number: int) -> tuple[int, int]:
    return number.key() if isinstance(number, ArticleNumber) else (int(number), 0)


def follows(number: int, previous: int) -> bool:
    """Is ``number`` the article right after ``previous``? 18 after 17 or after 17之二;
    17之一 after 17; 17之二 after 17之一."""
    main, insert = _key(number)
    before, before_insert = _key(previous)
    if insert:
        return (main, insert) == (before, before_insert + 1)
    return main == before + 1


def insert_of(number: int) -> int:
    """1 for 第十七条之一, 0 for 第十七条 (or a plain int)."""
    return _key(number)[1]


def inserted_label(number: int) -> str:
    """``第17条`` or ``第17条之1``: an article number as messages write it."""
    main, insert = _key(number)
    return f"第{main}条之{insert}" if insert else f"第{main}条"


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

    @cached_property
    def text(self) -> str:
        """The article as a reader sees it, without its ``第X条`` label.

        One line per paragraph, item (with its ``（一）`` label) and sub-item. Read once
        and kept: an article is complete when ``parse`` returns it, and nothing reads
        its text before.
        """
        return "\n".join(line for _, line in article_lines(self))


@dataclass
class Division:
    """编, 章 or 节: a numbered heading and the articles under it."""

    kind: NodeKind  # part, subpart, chapter or section
    number: int
    label: str  # 第二章
    title: str  # 联系代表和组织代表活动 (inner spaces removed)
    line: int
    articles: list[int] = field(default_factory=list)
    sections: list[Division] = field(default_factory=list)
    # The id inside the regulation, the divisions above it first: part-2/chap-1. Empty
    # when made by hand: then the kind and number (chap-1, or chap-1/sec-2 for a section).
    key: str = ""


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


@dataclass(frozen=True)
class CommentChannel:
    """How the public comments on a draft: where to write, and until when."""

    email: str = ""
    address: str = ""  # a postal address
    recipient: str = ""  # the office the letters go to
    deadline: str = ""  # ISO date, the last day comments are taken

    def open_on(self, day: str) -> bool:
        """Are comments still taken on ``day`` (ISO date)? The deadline day included."""
        return bool(self.deadline) and day <= self.deadline


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


@dataclass(frozen=True)
class EditorLink:
    """An editor's correction of an alignment (``[[link]]`` in the catalog's links file)."""

    left: str  # node id, shenzhen-draft/art-6
    right: str
    verdict: Verdict
    note: str
    path: str  # where the link was written, for error messages
    line: int


@dataclass
class Regulation:
    id: str
    title: str
    path: str
    articles: list[Article] = field(default_factory=list)
    chapters: list[Division] = field(default_factory=list)
    parts: list[Division] = field(default_factory=list)
    subparts: list[Division] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    explanation: Explanation | None = None
    dropped: list[Dropped] = field(default_factory=list)
    body_lines: tuple[int, int] = (0, 0)  # first and last source line of the body

    def article(self, number: int) -> Article:
        """The article with this number (the first, should a broken text repeat one)."""
        try:
            return self._articles_by_number[number]
        except KeyError:
            raise KeyError(f"{self.id} has no article {number}") from None

    @cached_property
    def _articles_by_number(self) -> dict[int, Article]:
        # Asked once the parse is done, like ``Article.text``: the articles no longer change.
        index: dict[int, Article] = {}
        for article in self.articles:
            index.setdefault(article.number, article)
        return index


# Node ids -----------------------------------------------------------------


def article_id(regulation_id: str, article: int) -> str:
    return f"{regulation_id}/art-{article}"


def paragraph_id(regulation_id: str, article: int, paragraph: int) -> str:
    return f"{article_id(regulation_id, article)}/para-{paragraph}"


def item_id(regulation_id: str, article: int, paragraph: int, item: int) -> str:
    return f"{paragraph_id(regulation_id, article, paragraph)}/item-{item}"


def chapter_id(regulation_id: str, chapter: int) -> str:
    return f"{regulation_id}/chap-{chapter}"


_ARTICLE_ID = re.compile(r"^(?P<regulation>.+)/art-(?P<number>\d+)(?:-(?P<insert>\d+))?$")

# The id of each kind of division, before its number: part-3/subpart-1/chap-2/sec-1.
DIVISION_PREFIXES = {
    NodeKind.PART: "part",
    NodeKind.SUBPART: "subpart",
    NodeKind.CHAPTER: "chap",
    NodeKind.SECTION: "sec",
}


def parse_article_id(node_id: str) -> tuple[str, ArticleNumber]:
    """``shenzhen-draft/art-13`` -> ``("shenzhen-draft", 13)``, ``x/art-17-1`` ->
    ``("x", ArticleNumber(17, 1))``; ``ValueError`` otherwise."""
    match = _ARTICLE_ID.fullmatch(node_id)
    if not match:
        raise ValueError(f"{node_id!r} is not an article id such as shenzhen-draft/art-13")
    return match["regulation"], ArticleNumber(int(match["number"]), int(match["insert"] or 0))


def anchor(node_id: str) -> str:
    """Page anchor of a node: ``x/art-13/para-2`` -> ``art-13-para-2``."""
    return "-".join(node_id.split("/")[1:])


# Walking --------------------------------------------------------------------

NodeElement = Division | Article | Paragraph | Item | SubItem


class Node(NamedTuple):
    """One node of a regulation's tree, as ``walk`` meets it (a tuple: walks are many)."""

    id: str  # shenzhen-draft/art-13/para-2
    kind: NodeKind
    element: NodeElement
    parent: str | None  # the id of the node that holds it; None at the top

    @property
    def line(self) -> int:
        return self.element.line

    @property
    def text(self) -> str:
        """The text this node holds itself, its label first; not its children's text."""
        element = self.element
        if isinstance(element, Division):
            return element.label + element.title
        if isinstance(element, Article):
            return element.label
        if isinstance(element, Paragraph):
            return element.text
        return element.label + element.text


def walk(regulation: Regulation) -> Iterator[Node]:
    """Every node of ``regulation`` in reading order, each with its id and its parent's.

    A division (编, 章, 节) comes right before the first article it holds, outer ones
    first; an article before its paragraphs, a paragraph before its items, an item
    before its sub-items. A division that holds no article comes where its heading
    stands in the source (by line). Ids: ``x/part-1``, ``x/part-1/subpart-2``,
    ``x/chap-2`` (``x/part-1/chap-2`` in a code), ``x/chap-2/sec-1``, ``x/art-13``,
    ``x/art-17-1``, ``x/art-13/para-2``, ``…/para-2/item-1``, ``…/item-1/sub-1``.
    """
    opening: dict[int, list[Node]] = {}  # article number -> divisions it is the first of
    empty: list[Node] = []  # divisions without an article, in source order
    innermost: dict[int, str] = {}  # article number -> the division that holds it
    for node in _divisions(regulation):
        division = node.element
        assert isinstance(division, Division)
        if division.articles:
            opening.setdefault(division.articles[0], []).append(node)
            innermost.update(dict.fromkeys(division.articles, node.id))
        else:
            empty.append(node)
    empty.sort(key=lambda node: node.line)
    for article in regulation.articles:
        opened = opening.pop(article.number, [])
        first_line = opened[0].line if opened else article.line
        while empty and empty[0].line <= first_line:
            yield empty.pop(0)
        yield from opened
        node_id = article_id(regulation.id, article.number)
        yield Node(node_id, NodeKind.ARTICLE, article, innermost.get(article.number))
        yield from article_nodes(article, node_id)
    yield from empty


def _divisions(regulation: Regulation) -> Iterator[Node]:
    """The 编, 分编, 章 and 节 nodes, outer ones before the ones they hold."""
    part_of: dict[int, str] = {}  # article number -> its part, for divisions without a key
    for part in regulation.parts:
        node = _division_node(regulation.id, part, None)
        part_of.update(dict.fromkeys(part.articles, node.id))
        yield node
    for subpart in regulation.subparts:
        yield _division_node(regulation.id, subpart, None)
    for chapter in regulation.chapters:
        holder = part_of.get(chapter.articles[0]) if chapter.articles else None
        node = _division_node(regulation.id, chapter, holder)
        yield node
        for section in chapter.sections:
            yield _division_node(regulation.id, section, node.id)


def _division_node(regulation_id: str, division: Division, holder: str | None) -> Node:
    """The node of a division. Its ``key`` gives its id and its parent's; a division made
    without one is ``x/chap-2`` (a section ``x/chap-2/sec-1``) held by ``holder``."""
    if division.key:
        parent = division.key.rpartition("/")[0]
        node_id = f"{regulation_id}/{division.key}"
        return Node(
            node_id, division.kind, division, f"{regulation_id}/{parent}" if parent else None
        )
    name = f"{DIVISION_PREFIXES[division.kind]}-{division.number}"
    within = holder if holder and division.kind is NodeKind.SECTION else regulation_id
    return Node(f"{within}/{name}", division.kind, division, holder)


def article_nodes(article: Article, article_node: str) -> Iterator[Node]:
    """The paragraphs, items and sub-items of one article, in order.

    ``article_node`` is the article's id; with ``""`` the ids are local to the
    article (``para-2/item-1``).
    """
    for paragraph in article.paragraphs:
        para = _child(article_node, f"para-{paragraph.number}")
        yield Node(para, NodeKind.PARAGRAPH, paragraph, article_node)
        for item in paragraph.items:
            item_node = f"{para}/item-{item.number}"
            yield Node(item_node, NodeKind.ITEM, item, para)
            for sub in item.subitems:
                yield Node(f"{item_node}/sub-{sub.number}", NodeKind.SUBITEM, sub, item_node)


def _child(parent: str, name: str) -> str:
    return f"{parent}/{name}" if parent else name


def article_lines(article: Article) -> Iterator[tuple[str, str]]:
    """Yield ``(local id, text)`` for each paragraph, item and sub-item, in order.

    Local ids drop the regulation and article: ``para-2``, ``para-2/item-1``.
    Items and sub-items keep their label (``（一）``).
    """
    for node in article_nodes(article, ""):
        yield node.id, node.text


def article_texts(regulation: Regulation) -> tuple[tuple[str, str], ...]:
    """``(label, text)`` of every article: what two versions of a text are compared on."""
    return tuple((article.label, article.text) for article in regulation.articles)


def count_nodes(regulation: Regulation) -> dict[str, int]:
    """How many chapters, articles, paragraphs, items and sub-items a regulation has."""
    counts = Counter(node.kind for node in walk(regulation))
    return {
        "chapters": counts[NodeKind.CHAPTER],
        "articles": counts[NodeKind.ARTICLE],
        "paragraphs": counts[NodeKind.PARAGRAPH],
        "items": counts[NodeKind.ITEM],
        "subitems": counts[NodeKind.SUBITEM],
    }
