"""Plain-data views of the model, for ``--format json`` and the open-data exports."""

from __future__ import annotations

from typing import Any

from comparator.model import (
    Article,
    Division,
    Regulation,
    article_id,
    chapter_id,
    count_nodes,
    item_id,
    paragraph_id,
)


def regulation_to_dict(regulation: Regulation) -> dict[str, Any]:
    """The parse tree: ``{"id", "title", "chapters": [...], "articles": [...]}``."""
    return {
        "id": regulation.id,
        "title": regulation.title,
        "chapters": [_division(regulation.id, c) for c in regulation.chapters],
        "articles": [_article(regulation.id, a) for a in regulation.articles],
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


def _division(regulation_id: str, division: Division) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": division.number,
        "id": chapter_id(regulation_id, division.number),
        "label": division.label,
        "title": division.title,
        "articles": division.articles,
    }
    if division.sections:
        data["sections"] = [
            {
                "number": s.number,
                "label": s.label,
                "title": s.title,
                "articles": s.articles,
            }
            for s in division.sections
        ]
    return data


def _article(regulation_id: str, article: Article) -> dict[str, Any]:
    number = article.number
    return {
        "number": number,
        "id": article_id(regulation_id, number),
        "label": article.label,
        "chapter": article.chapter,
        "section": article.section,
        "line": article.line,
        "paragraphs": [
            {
                "id": paragraph_id(regulation_id, number, p.number),
                "text": p.text,
                "items": [
                    {
                        "id": item_id(regulation_id, number, p.number, i.number),
                        "label": i.label,
                        "text": i.text,
                        **(
                            {"subitems": [{"label": s.label, "text": s.text} for s in i.subitems]}
                            if i.subitems
                            else {}
                        ),
                    }
                    for i in p.items
                ],
            }
            for p in article.paragraphs
        ],
    }
