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
    Regulation,
    SourceError,
    article_id,
    item_id,
    paragraph_id,
)
from comparator.text.numerals import parse_number

REFERENCE, LAW, TERM = "reference", "law", "term"

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
    kind: str  # REFERENCE, LAW or TERM
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
    notes: dict[int, list[Note]] = field(default_factory=dict)  # article number -> notes
    unresolved: list[SourceError] = field(default_factory=list)
    terms: list[DefinedTerm] = field(default_factory=list)


def annotate(regulation: Regulation, law_titles: dict[str, str] | None = None) -> Annotations:
    """Every layer for one regulation. ``law_titles``: folded title -> catalog id."""
    law_titles = law_titles or {}
    result = Annotations(regulation.id, terms=defined_terms(regulation))
    for article in regulation.articles:
        for node, text, line, paragraph in _nodes(regulation, article):
            spans = _references(regulation, article, paragraph, text, line, result.unresolved)
            spans += _laws(text, law_titles, spans)
            spans += _terms(text, result.terms, article.number, spans)
            if spans:
                result.spans[node] = sorted(spans, key=lambda s: s.start)
    for note in explanation_notes(regulation):
        result.notes.setdefault(note.article, []).append(note)
    return result


def _nodes(regulation: Regulation, article: Article):
    """``(node id, text, source line, paragraph number)`` of each paragraph and item."""
    for paragraph in article.paragraphs:
        node = paragraph_id(regulation.id, article.number, paragraph.number)
        yield node, paragraph.text, paragraph.line, paragraph.number
        for item in paragraph.items:
            node = item_id(regulation.id, article.number, paragraph.number, item.number)
            yield node, item.text, item.line, paragraph.number


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


def _references(
    regulation: Regulation,
    article: Article,
    paragraph: int,
    text: str,
    line: int,
    unresolved: list[SourceError],
) -> list[Span]:
    spans: list[Span] = []

    def target(article_no: int, paragraph_no: int | None = None, item_no: int | None = None) -> str:
        try:
            cited = regulation.article(article_no)
        except KeyError:
            return ""
        if paragraph_no is None:
            return article_id(regulation.id, article_no)
        if not 1 <= paragraph_no <= len(cited.paragraphs):
            return ""
        if item_no is None:
            return paragraph_id(regulation.id, article_no, paragraph_no)
        if not 1 <= item_no <= len(cited.paragraphs[paragraph_no - 1].items):
            return ""
        return item_id(regulation.id, article_no, paragraph_no, item_no)

    def add(start: int, end: int, node: str) -> None:
        written = text[start:end]
        if not node:
            unresolved.append(
                SourceError(
                    regulation.path,
                    line,
                    f"{article.label}: reference {written} cites nothing in this text",
                )
            )
            return
        spans.append(Span(start, end, REFERENCE, node, written))

    for match in _ARTICLES.finditer(text):
        if not match["self"] and _EXTERNAL_BEFORE.search(text[: match.start()]):
            continue  # 代表法第二十九条, 《…办法》第五条: another text
        numbers = _numbers(match["first"] + (match["more"] or ""))
        paragraph_no = parse_number(match["paragraph"]) if match["paragraph"] else None
        item_no = parse_number(match["item"]) if match["item"] else None
        if len(numbers) == 1:
            add(match.start(), match.end(), target(numbers[0], paragraph_no, item_no))
            continue
        # A list: one link per article cited, on its own 第X条.
        offset = match.start()
        for piece in re.finditer(rf"第({_N})条", match.group()):
            add(offset + piece.start(), offset + piece.end(), target(parse_number(piece[1])))
        if "至" in match.group():
            for number in numbers:
                if not target(number):
                    add(match.start(), match.end(), "")
    taken = [(s.start, s.end) for s in spans]

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _PREVIOUS_PARAGRAPH.finditer(text):
        item_no = parse_number(match["item"]) if match["item"] else None
        previous = paragraph - 1
        node = target(article.number, previous, item_no) if previous >= 1 else ""
        add(match.start(), match.end(), node)
    for match in _PARAGRAPHS.finditer(text):
        if not free(match.start(), match.end()) or text[max(0, match.start() - 1)] == "前":
            continue
        item_no = parse_number(match["item"]) if match["item"] else None
        numbers = [parse_number(n) for n in match["numbers"].split("、")]
        for number in numbers:
            add(match.start(), match.end(), target(article.number, number, item_no))
            if len(numbers) > 1:
                break  # 一、二款: one link, to the first paragraph of the list
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
        spans.append(Span(match.start(), match.end(), LAW, target, match.group()))
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
                spans.append(Span(start, end, TERM, term.full, term.short))
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
