"""Plain-data views of the model, for ``--format json`` and the open-data exports."""

from __future__ import annotations

from typing import Any

from comparator.model import (
    Article,
    Division,
    Item,
    Node,
    Paragraph,
    Regulation,
    count_nodes,
    walk,
)
from comparator.vocabulary import NodeKind


def regulation_to_dict(regulation: Regulation) -> dict[str, Any]:
    """The parse tree: ``{"id", "title", "chapters": [...], "articles": [...]}``."""
    chapters, articles = _tree(regulation)
    return {
        "id": regulation.id,
        "title": regulation.title,
        "chapters": chapters,
        "articles": articles,
        "counts": count_nodes(regulation),
        "metadata": {
            "issuer": regulation.metadata.issuer,
            "promulgated": regulation.metadata.promulgated,
            "history": regulation.metadata.history,
            "notices": regulation.metadata.notices,
            "table_of_contents": regulation.metadata.table_of_contents,
        },
        "explanation": (
            {
                "title": regulation.explanation.title,
                "paragraphs": [p.text for p in regulation.explanation.paragraphs],
            }
            if regulation.explanation
            else None
        ),
        "source": {"path": regulation.path, "lines": list(regulation.body_lines)},
    }


# Where a node's dict goes in its parent's dict.
_CHILDREN = {
    NodeKind.SECTION: "sections",
    NodeKind.PARAGRAPH: "paragraphs",
    NodeKind.ITEM: "items",
    NodeKind.SUBITEM: "subitems",
}


def _tree(regulation: Regulation) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Chapters (their sections inside) and articles (paragraphs, items, sub-items inside)."""
    chapters: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    made: dict[str, dict[str, Any]] = {}  # node id -> its dict, to add children to
    for node in walk(regulation):
        data = _node_dict(node)
        if data is None:
            continue  # parts are not in this format
        if node.kind is NodeKind.CHAPTER:
            chapters.append(data)
        elif node.kind is NodeKind.ARTICLE:
            articles.append(data)
        else:
            made[node.parent or ""].setdefault(_CHILDREN[node.kind], []).append(data)
        made[node.id] = data
    return chapters, articles


def _node_dict(node: Node) -> dict[str, Any] | None:
    element = node.element
    if isinstance(element, Division):
        if node.kind is NodeKind.PART:
            return None
        data: dict[str, Any] = {"number": element.number}
        if node.kind is NodeKind.CHAPTER:
            data["id"] = node.id
        return data | {"label": element.label, "title": element.title, "articles": element.articles}
    if isinstance(element, Article):
        return {
            "number": element.number,
            "id": node.id,
            "label": element.label,
            "chapter": element.chapter,
            "section": element.section,
            "line": element.line,
            "paragraphs": [],
        }
    if isinstance(element, Paragraph):
        return {"id": node.id, "text": element.text, "items": []}
    if isinstance(element, Item):
        return {"id": node.id, "label": element.label, "text": element.text}
    return {"label": element.label, "text": element.text}
