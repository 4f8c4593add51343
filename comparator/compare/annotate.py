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
from dataclasses import dataclass, field

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

_DIGITS = "零〇一二三四五六七八九十百千两"
_N = f"[{_DIGITS}]+"
_SELF = r"本条例|本规定|本办法|本法|本细则|本决定|本实施办法"
_ARTICLES = re.compile(
    rf"(?P<self>{_SELF})?第(?P<first>{_N})条(?P<more>(?:[、和及至]第{_N}条)*)"
    rf"(?:第(?P<paragraph>{_N})款)?(?:第(?P<item>{_N})项)?"
)
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
        place = _Place(regulation, article, paragraph, element.line, result.unresolved)
        spans = place.references(element.text)
        spans += _laws(element.text, law_titles, spans)
        spans += _terms(element.text, result.terms, article.number, spans)
        if spans:
            result.spans[node.id] = sorted(spans, key=lambda s: s.start)
    for note in explanation_notes(regulation):
        result.notes.setdefault(article_id(regulation.id, note.article), []).append(note)
    return result


# References -----------------------------------------------------------------


def _numbers(text: str) -> list[int]:
    """``第九条、第十条`` -> [9, 10]; ``第三条至第五条`` -> [3, 4, 5]."""
    numbers: list[int] = []
    pending_range = False
    for match in re.finditer(rf"(至)?第?({_N})", text):
        number = parse_number(match[2])
        if (match[1] or pending_range) and numbers:
            numbers.extend(range(numbers[-1] + 1, number + 1))
        else:
            numbers.append(number)
        pending_range = False
    return numbers


def _number(text: str | None) -> int | None:
    return parse_number(text) if text else None


@dataclass
class _Place:
    """Where a text stands (regulation, article, paragraph, line), to resolve its references."""

    regulation: Regulation
    article: Article
    paragraph: int
    line: int
    unresolved: list[SourceError]

    def references(self, text: str) -> list[Span]:
        """``第七条``, ``第九条、第十条``, ``前款``, ``第一款第一项``: each linked to its node."""
        spans = self._articles(text)
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

    def _articles(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for match in _ARTICLES.finditer(text):
            if not match["self"] and _EXTERNAL_BEFORE.search(text[: match.start()]):
                continue  # 代表法第二十九条, 《…办法》第五条: another text
            numbers = _numbers(match["first"] + (match["more"] or ""))
            if len(numbers) == 1:
                node = self.target(numbers[0], _number(match["paragraph"]), _number(match["item"]))
                spans += self.span(text, match.start(), match.end(), node)
            else:
                spans += self._article_list(text, match, numbers)
        return spans

    def _article_list(self, text: str, match: re.Match[str], numbers: list[int]) -> list[Span]:
        """A list: one link per article cited, on its own 第X条; a range checked whole."""
        spans: list[Span] = []
        offset = match.start()
        for piece in re.finditer(rf"第({_N})条", match.group()):
            node = self.target(parse_number(piece[1]))
            spans += self.span(text, offset + piece.start(), offset + piece.end(), node)
        if "至" in match.group():
            for number in numbers:
                if not self.target(number):
                    spans += self.span(text, match.start(), match.end(), "")
        return spans

    def _previous_paragraph(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for match in _PREVIOUS_PARAGRAPH.finditer(text):
            previous = self.paragraph - 1
            item = _number(match["item"])
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
            first = parse_number(match["numbers"].split("、")[0])
            node = self.target(self.article.number, first, _number(match["item"]))
            spans += self.span(text, start, end, node)
        return spans


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
    for paragraph in regulation.explanation.paragraphs:
        text = paragraph.text
        if _SECTION.match(text):
            section = re.split(r"[。.]", text, maxsplit=1)[0]
        for sentence in re.findall(r"[^。]*(?:。|$)", text):
            for match in _CITATION.finditer(sentence):
                for number in _numbers(match["articles"]):
                    notes.append(Note(number, sentence.strip(), section, paragraph.line))
    return notes


def citations(text: str) -> list[tuple[int, int, list[int]]]:
    """``(start, end, articles)`` of each ``修订草案第X条…`` in a 说明 paragraph."""
    return [(m.start(), m.end(), _numbers(m["articles"])) for m in _CITATION.finditer(text)]
