"""Why two articles of two jurisdictions stand together, as a reader is told.

The aligner's evidence names nodes and counts; a reader is told the national article
both implement (同为《代表法》第十九条), the rare words both hold and how many other
places pair them alike. The site's pages and the three-way DOCX say it the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.compare.pairs import ArticlePair
from comparator.library import Library
from comparator.model import parse_article_id
from comparator.vocabulary import Origin

EDITOR_CONFIRMED = "人工确认"


@dataclass(frozen=True)
class Reason:
    pivot: str  # 同为《代表法》第十九条, or ""
    words: tuple[str, ...]  # rare words both hold: 询问、负责人
    agreeing: int  # how many other jurisdictions' texts pair the two alike
    editor: bool  # an editor confirmed the pair (人工确认)
    note: str  # the editor's note

    def grounds(self) -> list[str]:
        """What the aligner found, one phrase each: the shared article, words, other places."""
        parts = [self.pivot] if self.pivot else []
        if self.words:
            parts.append("共同要词：" + "、".join(self.words))
        if self.agreeing:
            parts.append(f"{self.agreeing}部其他地方法规同样对应")
        return parts

    def line(self) -> str:
        """The whole reason as one line of text (the DOCX's)."""
        editor = [f"{EDITOR_CONFIRMED} {self.note}".strip()] if self.editor else []
        return " · ".join(editor + self.grounds())


def reason_of(library: Library, pair: ArticlePair | None) -> Reason | None:
    """The reason shown beside a cross pair (None for a revision or an unpaired article)."""
    if pair is None or (pair.evidence is None and pair.by is not Origin.EDITOR):
        return None
    evidence = pair.evidence
    pivot = ""
    if evidence is not None and evidence.pivot is not None:
        law, number = parse_article_id(evidence.pivot)
        name = law_name(library.catalog.entry(law).short_title)
        pivot = f"同为《{name}》{library.regulation(law).article(number).label}"
    return Reason(
        pivot,
        evidence.shared_words if evidence is not None else (),
        len(evidence.agreeing) if evidence is not None else 0,
        pair.by is Origin.EDITOR,
        pair.note,
    )


def law_name(short_title: str) -> str:
    """A law's name as a citation says it: 代表法（2025） -> 代表法."""
    return re.sub(r"（[^（）]*）$", "", short_title)
