"""Annotations: layers over the parse tree, keyed by node id, never baked into it.

Three layers, each a list of spans on the text of a paragraph or item:

- **references** inside a regulation (``本条例第七条``, ``第九条、第十条``, ``前款``,
  ``第一款第一项``, ``一、二款``) resolved to the article, paragraph or item they cite;
  a reference that cites nothing is reported (``comparator check``);
- **laws** named in 《…》, linked when the catalog holds a regulation of that title;
- **defined terms**: the short form a regulation defines (``以下简称代表工委``)
  wherever it later stands as a word, with the full name.

And one more layer of **notes**: the passages of a 说明 that cite ``修订草案第X条``,
attached to article X of the regulation the 说明 explains.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from comparator.compare.fold import folded
from comparator.compare.terms import DefinedTerm, defined_terms
from comparator.compare.words import WordBoundaries
from comparator.model import (
    Article,
    Item,
    Paragraph,
    Regulation,
    SourceError,
    article_id,
    item_id,
    paragraph_id,
    walk,
)
from comparator.text.numerals import parse_number
from comparator.vocabulary import SpanKind

_DIGITS = "零〇一二三四五六七八九十百千万两"
_N = f"[{_DIGITS}]+"
_SELF = r"本条例|本规定|本办法|本法|本细则|本决定|本修正案|本实施办法"
_ARTICLES = re.compile(rf"(?P<self>{_SELF})?第(?P<first>{_N})条(?P<more>(?:[、和及至]第{_N}条)*)")
# What a 第X条 goes on with: its paragraph and item (第三款第二项, 的第二款), and more of
# them listed (第三款、第四款): see ``_details``.
_PART = re.compile(rf"(?P<joint>[、和及或至]|的)?第(?P<number>{_N})(?P<unit>[款项])")
# 关于修改《某市养犬管理条例》的决定, 刑法修正案（十二）: an amendment decision cites the
# law it amends by its articles; its own articles only as 本决定第X条.
_AMENDMENT = re.compile(r"关于修改(?P<laws>.+)的决定|^(?P<law>[^《》]+?)修正案")
_DECISION_SELF = ("本决定", "本修正案")
# Without the articles at hand, a range spanning more numbers than the longest code
# has articles (民法典: 1,260) is a typo: only its ends are taken.
_LONGEST_RANGE = 2000
_PREVIOUS_PARAGRAPH = re.compile(rf"前款(?:第(?P<item>{_N})项)?")
_PARAGRAPHS = re.compile(
    rf"(?<![条第{_DIGITS}])(?:第)?(?P<numbers>{_N}(?:、{_N})*)款(?:第(?P<item>{_N})项)?"
)
_LAW = re.compile(r"《(?P<title>[^《》]{2,80})》")
# Right before 第X条, these say the article belongs to another text: 代表法第二十九条.
_EXTERNAL_BEFORE = re.compile(r"(?:》|[^本]法|条例|规定|办法|细则|决定)$")
_CITATION = re.compile(rf"修订草案(?P<articles>第{_N}条(?:[、和及至]第{_N}条)*)")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: SpanKind
    target: str = ""  # node id cited, regulation id of a catalogued law, or full name of a term
    text: str = ""


@dataclass(frozen=True)
class Note:
    """A passage of a 说明 about one article."""

    article: int
    text: str
    section: str  # the heading of the part of the 说明 it comes from
    line: int


@dataclass
class Annotations:
    regulation: str
    spans: dict[str, list[Span]] = field(default_factory=dict)  # node id -> spans, in order
    notes: dict[str, list[Note]] = field(default_factory=dict)  # article node id -> notes
    unresolved: list[SourceError] = field(default_factory=list)
    terms: list[DefinedTerm] = field(default_factory=list)


def annotate(regulation: Regulation, law_titles: dict[str, str] | None = None) -> Annotations:
    """Every layer for one regulation. ``law_titles``: folded title -> catalog id."""
    law_titles = law_titles or {}
    result = Annotations(regulation.id, terms=defined_terms(regulation))
    existing = sorted({int(article.number) for article in regulation.articles})
    amended = amended_law(regulation.title, law_titles)
    article: Article | None = None
    paragraph = 0
    for node in walk(regulation):
        element = node.element
        if isinstance(element, Article):
            article = element
            continue
        if isinstance(element, Paragraph):
            paragraph = element.number
        elif not isinstance(element, Item):
            continue  # divisions and sub-items carry no annotation
        assert article is not None
        place = _Place(
            regulation, article, paragraph, element.line, result.unresolved, existing, amended
        )
        spans = place.references(element.text)
        spans += _laws(element.text, law_titles, spans)
        spans += _terms(element.text, result.terms, article.number, spans)
        if spans:
            result.spans[node.id] = sorted(spans, key=lambda s: s.start)
    for note in explanation_notes(regulation):
        result.notes.setdefault(article_id(regulation.id, note.article), []).append(note)
    return result


# References -----------------------------------------------------------------


def _numbers(text: str, existing: Sequence[int] | None = None) -> list[int]:
    """``第九条、第十条`` -> [9, 10]; ``第三条至第五条`` -> [3, 4, 5].

    A range holds the numbers of ``existing`` (sorted) between its ends; without
    ``existing``, every number between them, unless there are more than
    ``_LONGEST_RANGE``: then its two ends only. Either way a range as written
    (``第二条至第九九九九九九九条``) costs no more than the articles there are.
    """
    numbers: list[int] = []
    pending_range = False
    for match in re.finditer(rf"(至)?第?({_N})", text):
        number = parse_number(match[2])
        if (match[1] or pending_range) and numbers:
            numbers.extend(_between(numbers[-1], number, existing))
        else:
            numbers.append(number)
        pending_range = False
    return numbers


def _between(first: int, last: int, existing: Sequence[int] | None) -> list[int]:
    """The numbers after ``first`` up to ``last`` that a range ``first`` 至 ``last`` holds."""
    if existing is not None:
        return list(existing[bisect_right(existing, first) : bisect_right(existing, last)])
    if last - first > _LONGEST_RANGE:
        return [last]
    return list(range(first + 1, last + 1))


def _missing_inside(first: int, last: int, existing: Sequence[int]) -> bool:
    """Does a range ``first`` 至 ``last`` run backwards, or miss an article between its
    ends? Counted, not listed: the range may be as long as a typo makes it."""
    if last <= first:
        return True
    inside = bisect_left(existing, last) - bisect_right(existing, first)
    return inside < last - first - 1


def _number(text: str | None) -> int | None:
    return parse_number(text) if text else None


def amended_law(title: str, law_titles: dict[str, str]) -> str | None:
    """For an amendment decision, the catalog id of the law it amends.

    ``None`` when the text amends nothing; ``""`` when it does but the catalog does not
    hold that law, or the decision amends several laws at once.
    """
    names = _amended_names(title)
    if names is None:
        return None
    return law_titles.get(names.pop(), "") if len(names) == 1 else ""


def _amended_names(title: str) -> set[str] | None:
    """The titles an amendment decision names as amended (``law_key``), None for a text
    that amends nothing."""
    match = _AMENDMENT.search(title)
    if not match:
        return None
    if match["law"] is not None:
        return {law_key(match["law"])}
    return {law_key(law["title"]) for law in _LAW.finditer(match["laws"])}


def cited_laws(regulation: Regulation) -> list[str]:
    """Every title ``annotate`` may look up among the catalog's (``law_key``), in order: its
    annotation depends on the catalog through these alone, so a text catalogued that it
    does not cite changes nothing of it."""
    found = _amended_names(regulation.title) or set()
    for node in walk(regulation):
        if isinstance(node.element, Paragraph | Item):
            found.update(law_key(match["title"]) for match in _LAW.finditer(node.element.text))
    return sorted(found)


@dataclass(frozen=True)
class _Citation:
    """One reference as written: where it stands, and the article, paragraph, item cited."""

    start: int
    end: int
    article: int
    paragraph: int | None = None
    item: int | None = None


@dataclass
class _Place:
    """Where a text stands (regulation, article, paragraph, line), to resolve its references.

    ``amended`` is set in an amendment decision (``amended_law``): there a reference
    cites the amended law (its catalog id, or ``""`` when not catalogued: left
    unlinked), unless written ``本决定第X条``.
    """

    regulation: Regulation
    article: Article
    paragraph: int
    line: int
    unresolved: list[SourceError]
    existing: Sequence[int] = ()  # the regulation's article numbers, sorted
    amended: str | None = None

    def references(self, text: str) -> list[Span]:
        """``第七条``, ``第九条、第十条``, ``前款``, ``第一款第一项``: each linked to its node."""
        spans = self._articles(text)
        if self.amended is not None:
            # 前款, 第二款 in a decision are the amended law's wording: no place to link.
            return spans
        taken = [(span.start, span.end) for span in spans]
        spans += self._previous_paragraph(text)
        spans += self._paragraphs(text, taken)
        return spans

    def target(self, article: int, paragraph: int | None = None, item: int | None = None) -> str:
        """The node id a reference cites, or ``""`` when the regulation has no such node."""
        try:
            cited = self.regulation.article(article)
        except KeyError:
            return ""
        if paragraph is None:
            return article_id(self.regulation.id, article)
        if not 1 <= paragraph <= len(cited.paragraphs):
            return ""
        if item is None:
            return paragraph_id(self.regulation.id, article, paragraph)
        if not 1 <= item <= len(cited.paragraphs[paragraph - 1].items):
            return ""
        return item_id(self.regulation.id, article, paragraph, item)

    def span(self, text: str, start: int, end: int, node: str) -> list[Span]:
        """A reference span, or none and a problem reported when it cites nothing."""
        written = text[start:end]
        if node:
            return [Span(start, end, SpanKind.REFERENCE, node, written)]
        self.unresolved.append(
            SourceError(
                self.regulation.path,
                self.line,
                f"{self.article.label}: reference {written} cites nothing in this text",
            )
        )
        return []

    def unreadable(self, written: str) -> None:
        """A reference whose number cannot be read: left unlinked, and reported."""
        message = f"{self.article.label}: reference {written} has no readable number"
        self.unresolved.append(SourceError(self.regulation.path, self.line, message))

    def cite(self, text: str, citation: _Citation, own: bool) -> list[Span]:
        """The span of one citation: in this text, or (``own`` false, in an amendment
        decision) in the amended law, where the catalog holds it."""
        start, end = citation.start, citation.end
        if own or self.amended is None:
            node = self.target(citation.article, citation.paragraph, citation.item)
            return self.span(text, start, end, node)
        if not self.amended:
            return []  # a law the catalog does not hold: nothing to link, nothing wrong
        node = _node_id(self.amended, citation.article, citation.paragraph, citation.item)
        return [Span(start, end, SpanKind.REFERENCE, node, text[start:end])]

    def _articles(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for match in _ARTICLES.finditer(text):
            if not match["self"] and _EXTERNAL_BEFORE.search(text[: match.start()]):
                continue  # 代表法第二十九条, 《…办法》第五条: another text
            own = match["self"] in _DECISION_SELF
            pieces = list(re.finditer(rf"第({_N})条", match.group()))
            try:
                numbers = [parse_number(piece[1]) for piece in pieces]
                last = pieces[-1]
                start = match.start() if len(pieces) == 1 else match.start() + last.start()
                citations = _details(text, _Citation(start, match.end(), numbers[-1]))
            except ValueError:  # a typo as published: 第十十八条
                self.unreadable(match.group())
                continue
            for piece, number in zip(pieces[:-1], numbers, strict=False):
                at = match.start() + piece.start()
                spans += self.cite(text, _Citation(at, match.start() + piece.end(), number), own)
            for citation in citations:
                spans += self.cite(text, citation, own)
            if "至" in match["more"] and (own or self.amended is None):
                spans += self._range(text, match, numbers)
        return spans

    def _range(self, text: str, match: re.Match[str], numbers: list[int]) -> list[Span]:
        """第三条至第五条: reported once when an article between the ends is missing
        (each end is linked, or reported, on its own)."""
        joints = re.findall(rf"([、和及至])第{_N}条", match["more"])
        pairs = zip(numbers, numbers[1:], joints, strict=False)
        ranges = [(first, last) for first, last, joint in pairs if joint == "至"]
        # A missing end is reported on its own: the range adds what lies between.
        whole = [(a, b) for a, b in ranges if self.target(a) and self.target(b)]
        if any(_missing_inside(a, b, self.existing) for a, b in whole):
            return self.span(text, match.start(), match.end(), "")
        return []

    def _previous_paragraph(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for match in _PREVIOUS_PARAGRAPH.finditer(text):
            previous = self.paragraph - 1
            try:
                item = _number(match["item"])
            except ValueError:  # 前款第十十项: a typo
                self.unreadable(match.group())
                continue
            node = self.target(self.article.number, previous, item) if previous >= 1 else ""
            spans += self.span(text, match.start(), match.end(), node)
        return spans

    def _paragraphs(self, text: str, taken: list[tuple[int, int]]) -> list[Span]:
        """``第二款``, ``一、二款`` (one link, to the first paragraph of the list)."""
        spans: list[Span] = []
        for match in _PARAGRAPHS.finditer(text):
            start, end = match.start(), match.end()
            overlaps = any(start < b and a < end for a, b in taken)
            if overlaps or text[max(0, start - 1)] == "前":
                continue
            try:
                first = parse_number(match["numbers"].split("、")[0])
                item = _number(match["item"])
            except ValueError:  # 十十款: a typo
                self.unreadable(match.group())
                continue
            node = self.target(self.article.number, first, item)
            spans += self.span(text, start, end, node)
        return spans


def _details(text: str, cited: _Citation) -> list[_Citation]:
    """The citations a 第X条 at ``cited`` starts, read on along its paragraphs and items.

    ``第一条第三款第二项`` is one citation; ``第一条第三款、第四款`` two, both of 第一条;
    ``第一条的第二款`` one; ``第一条第一款第一项、第三项`` two, both of its 第一款. A list
    joint (、和及或至) goes on only to a unit the citation before it already names:
    ``第一条、第二款`` stops at 第一条. Raises ``ValueError`` for an unreadable number.
    """
    citations: list[_Citation] = []
    current = cited
    position = cited.end
    while part := _PART.match(text, position):
        number, listed = parse_number(part["number"]), part["joint"] not in (None, "的")
        if part["unit"] == "款":
            if listed and current.paragraph is None:
                break
            if listed:
                citations.append(current)
                current = _Citation(part.start("number") - 1, part.end(), cited.article, number)
            else:
                current = replace(current, end=part.end(), paragraph=number, item=None)
        else:
            if listed and current.item is None:
                break
            if listed:
                citations.append(current)
                current = _Citation(
                    part.start("number") - 1, part.end(), cited.article, current.paragraph, number
                )
            else:
                current = replace(current, end=part.end(), item=number)
        position = part.end()
    return [*citations, current]


def _node_id(regulation_id: str, article: int, paragraph: int | None, item: int | None) -> str:
    if paragraph is None:
        return article_id(regulation_id, article)
    if item is None:
        return paragraph_id(regulation_id, article, paragraph)
    return item_id(regulation_id, article, paragraph, item)


# Laws and terms ---------------------------------------------------------------


def law_key(title: str) -> str:
    """How a cited title is matched against the catalog: folded, without 《》."""
    return folded(title).strip("《》")


def _laws(text: str, law_titles: dict[str, str], taken: list[Span]) -> list[Span]:
    spans = []
    for match in _LAW.finditer(text):
        if _overlaps(match.start(), match.end(), taken):
            continue
        target = law_titles.get(law_key(match["title"]), "")
        spans.append(Span(match.start(), match.end(), SpanKind.LAW, target, match.group()))
    return spans


def _terms(text: str, terms: list[DefinedTerm], article: int, taken: list[Span]) -> list[Span]:
    """Occurrences of a short form after its definition, where it stands as a word."""
    usable = [t for t in terms if t.article <= article]
    if not usable:
        return []
    shorts = sorted({t.short for t in usable}, key=len, reverse=True)
    boundaries = WordBoundaries(text, shorts)
    spans: list[Span] = []
    for term in sorted(usable, key=lambda t: len(t.short), reverse=True):
        start = text.find(term.short)
        while start >= 0:
            end = start + len(term.short)
            # The definition itself, and the tail of the full name right before it.
            defining = text[max(0, start - 4) : start] in ("以下简称", "以下统称") or text[
                end:
            ].startswith(("（以下", "(以下"))
            if (
                not defining
                and start in boundaries
                and end in boundaries
                and not _overlaps(start, end, taken + spans)
            ):
                spans.append(Span(start, end, SpanKind.TERM, term.full, term.short))
            start = text.find(term.short, end)
    return spans


def _overlaps(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < s.end and s.start < end for s in spans)


# Notes from a 说明 ------------------------------------------------------------


def explanation_notes(regulation: Regulation) -> list[Note]:
    """Passages of the regulation's 说明 that cite ``修订草案第X条``, one per article cited."""
    if regulation.explanation is None:
        return []
    notes: list[Note] = []
    section = ""
    existing = sorted({int(article.number) for article in regulation.articles})
    for paragraph in regulation.explanation.paragraphs:
        text = paragraph.text
        if _SECTION.match(text):
            section = re.split(r"[。.]", text, maxsplit=1)[0]
        for sentence in re.findall(r"[^。]*(?:。|$)", text):
            for match in _CITATION.finditer(sentence):
                for number in _cited_numbers(match["articles"], existing):
                    notes.append(Note(number, sentence.strip(), section, paragraph.line))
    return notes


def citations(text: str) -> list[tuple[int, int, list[int]]]:
    """``(start, end, articles)`` of each ``修订草案第X条…`` in a 说明 paragraph."""
    return [(m.start(), m.end(), _cited_numbers(m["articles"])) for m in _CITATION.finditer(text)]


def _cited_numbers(text: str, existing: Sequence[int] | None = None) -> list[int]:
    """The articles a 说明 cites, or none when a number cannot be read (a typo)."""
    try:
        return _numbers(text, existing)
    except ValueError:
        return []
