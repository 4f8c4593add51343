"""Plain-data views of the model, for ``--format json`` and the open-data exports.

The open data says what it is: each document names its format (``format_version``)
and the JSON Schema it follows (``$schema``, a path relative to the document as the
site publishes it: ``downloads/regulations/x.json`` -> ``downloads/schemas/…``). The
schemas ship in the package (``publish/export/schemas``); ``schema_files`` reads them.
A change that breaks a reader of version 1.0 (a field removed or retyped) raises the
major number; a field added raises the minor one.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from comparator.catalog import Entry
from comparator.model import (
    Article,
    Division,
    Item,
    Node,
    Paragraph,
    Regulation,
    count_nodes,
    insert_of,
    walk,
)
from comparator.text.history import HistoryEvent, parse_history
from comparator.text.places import jurisdiction_code
from comparator.vocabulary import HISTORY_ACTION_LABELS, NodeKind

FORMAT_VERSION = "1.0"
REGULATION_SCHEMA = "regulation.schema.json"
COMPARISON_SCHEMA = "comparison.schema.json"
SCHEMA_FOLDER = "downloads/schemas"  # where the site publishes the schemas
_SCHEMA_PACKAGE = "comparator.publish.export"


def schema_reference(name: str) -> str:
    """``$schema`` of a document published one folder beside the schemas' folder."""
    return f"../schemas/{name}"


def schema_files() -> dict[str, bytes]:
    """The JSON Schemas of the open data, by file name, as the package ships them."""
    folder = resources.files(_SCHEMA_PACKAGE).joinpath("schemas")
    names = (REGULATION_SCHEMA, COMPARISON_SCHEMA)
    return {name: folder.joinpath(name).read_bytes() for name in names}


def regulation_to_dict(
    regulation: Regulation, entry: Entry | None = None, versions: Sequence[str] = ()
) -> dict[str, Any]:
    """The regulation as open data: what it is, its history, its versions, its tree.

    ``entry`` is its catalog entry (jurisdiction, date, kind; ``null`` for a text the
    catalog does not hold), ``versions`` the ids of its versions, oldest first
    (``Catalog.versions``), itself among them. ``events`` are the history's lines read
    by ``text.history``; ``metadata.history`` keeps the lines as published.
    """
    chapters, articles = _tree(regulation)
    return {
        "$schema": schema_reference(REGULATION_SCHEMA),
        "format_version": FORMAT_VERSION,
        "id": regulation.id,
        "title": regulation.title,
        "short_title": entry.short_title if entry else None,
        "jurisdiction": _jurisdiction(entry),
        "date": entry.date if entry else None,
        "kind": entry.kind if entry else None,
        "versions": _versions(regulation.id, entry, versions),
        "events": [_event_dict(event) for event in parse_history(regulation.metadata.history)],
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


def _jurisdiction(entry: Entry | None) -> dict[str, Any] | None:
    """``{"name": "深圳市", "code": "CN-GD"}``: the ISO 3166 code, null if unknown."""
    if entry is None:
        return None
    return {"name": entry.jurisdiction, "code": jurisdiction_code(entry.jurisdiction)}


def _versions(regulation_id: str, entry: Entry | None, versions: Sequence[str]) -> dict[str, Any]:
    """The version this one revises, the one that revises it, and all of them in order."""
    chain = list(versions) or [regulation_id]
    place = chain.index(regulation_id) if regulation_id in chain else -1
    later = chain[place + 1] if 0 <= place < len(chain) - 1 else None
    return {
        "replaces": (entry.replaces or None) if entry else None,
        "replaced_by": later,
        "all": chain,
    }


def _event_dict(event: HistoryEvent) -> dict[str, Any]:
    return {
        "date": event.date,
        "action": str(event.action),
        "action_label": HISTORY_ACTION_LABELS[event.action],
        "body": event.body,
        "organ": event.organ,
        "decision": event.decision,
        "ordinal": event.ordinal,
        "source": event.source,
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
        if node.kind in (NodeKind.PART, NodeKind.SUBPART):
            return None
        data: dict[str, Any] = {"number": element.number}
        if node.kind is NodeKind.CHAPTER:
            data["id"] = node.id
        return data | {"label": element.label, "title": element.title, "articles": element.articles}
    if isinstance(element, Article):
        inserted = {"insert": insert_of(element.number)} if insert_of(element.number) else {}
        return {
            "number": element.number,
            "id": node.id,
            **inserted,
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
