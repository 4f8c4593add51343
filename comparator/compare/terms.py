"""Defined terms: ``常务委员会代表工作委员会（以下简称代表工委）``.

A regulation defines a short form once and uses it afterwards. The diff keeps a
defined term whole, the site explains it with a tooltip, and the change summary
reports a renamed body once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from comparator.model import Paragraph, Regulation, parse_article_id, walk

_DEFINITION = re.compile(r"[（(]以下(?P<how>简称|统称)(?P<short>[^）)]{1,20})[）)]")
_CLAUSE_BREAK = re.compile(r"[，,、；;。：:）)]")
# A collective name (以下统称) covers a list, whose items 、 separates.
_LIST_BREAK = re.compile(r"[，,；;。：:）)]")
# Words that open a clause without being part of the name that follows.
_LEADING_WORDS = re.compile(
    r"^(?:为了加强|为加强|为了规范|为了|加强|根据|依据|依照|按照|与|同|和|及|对|由|经)"
)


@dataclass(frozen=True)
class DefinedTerm:
    short: str  # 代表工委
    full: str  # 常务委员会代表工作委员会
    article: int  # where it is defined
    collective: bool = False  # 以下统称: a name for several bodies


def defined_terms(regulation: Regulation) -> list[DefinedTerm]:
    """The short forms a regulation defines, in the order it defines them."""
    terms: list[DefinedTerm] = []
    seen: set[str] = set()
    for node in walk(regulation):
        if not isinstance(node.element, Paragraph):
            continue
        article = parse_article_id(node.parent or "")[1]
        for term in _definitions(node.element.text, article):
            if term.short not in seen:
                seen.add(term.short)
                terms.append(term)
    return terms


def _definitions(text: str, article: int) -> list[DefinedTerm]:
    """``…（以下简称X）`` in a paragraph: X, and the name before it, up to the clause start."""
    found = []
    for match in _DEFINITION.finditer(text):
        short = match["short"].strip().strip("“”\"'")
        collective = match["how"] == "统称"
        breaks = _LIST_BREAK if collective else _CLAUSE_BREAK
        full = breaks.split(text[: match.start()])[-1]
        while (shorter := _LEADING_WORDS.sub("", full, count=1)) != full:
            full = shorter
        if short and full:
            found.append(DefinedTerm(short, full, article, collective))
    return found
