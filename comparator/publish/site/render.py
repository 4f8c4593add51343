"""HTML fragments: annotated text, diffs, badges and links. Everything escaped."""

from __future__ import annotations

import posixpath

from comparator.compare.annotate import LAW, REFERENCE, TERM, Span
from comparator.compare.diff import DELETE, EQUAL, INSERT, Op
from comparator.model import anchor
from comparator.publish.site.markup import text as esc
from comparator.vocabulary import CROSS_STATUS_LABELS, STATUS_LABELS, Kind, Status


def page_url(path: str) -> str:
    """The URL of a generated Markdown page (directory URLs): a/b.md -> a/b/."""
    if path == "index.md":
        return ""
    return path.removesuffix(".md").removesuffix("/index") + "/"


def link(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link from one page to another (or to an anchor on it)."""
    here, there = page_url(from_page), page_url(to_page)
    if here == there:
        return f"#{fragment}" if fragment else "./"
    relative = posixpath.relpath(there or ".", here or ".")
    relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


def regulation_page(regulation_id: str) -> str:
    return f"regulations/{regulation_id}.md"


def comparison_page(*regulation_ids: str) -> str:
    return f"compare/{'--'.join(regulation_ids)}.md"


def explanation_page(regulation_id: str) -> str:
    return f"explanations/{regulation_id}.md"


def annotated(text: str, spans: list[Span], here: str) -> str:
    """``text`` escaped, with references linked, laws marked and terms explained.

    ``here`` is the page the text is shown on (links are relative to it).
    """
    parts: list[str] = []
    position = 0
    for span in spans:
        if span.start < position:
            continue  # overlapping spans: the first one wins
        parts.append(esc(text[position : span.start]))
        inner = esc(text[span.start : span.end])
        if span.kind == REFERENCE:
            regulation_id = span.target.split("/")[0]
            href = link(here, regulation_page(regulation_id), anchor(span.target))
            parts.append(f'<a class="xref" href="{esc(href)}">{inner}</a>')
        elif span.kind == LAW and span.target:
            href = link(here, regulation_page(span.target))
            parts.append(f'<a class="law" href="{esc(href)}">{inner}</a>')
        elif span.kind == LAW:
            parts.append(f'<span class="law">{inner}</span>')
        elif span.kind == TERM:
            parts.append(f'<abbr class="term" title="{esc(span.target)}">{inner}</abbr>')
        position = span.end
    parts.append(esc(text[position:]))
    return "".join(parts).replace("\n", "<br>")


def diff_side(ops: list[Op], side: str) -> str:
    """One column of a 对照表: the left text with deletions struck through, or the
    right text with additions marked."""
    parts = []
    for op in ops:
        kind = op[0]
        if kind == EQUAL:
            parts.append(esc(op[1] if side == "left" else op[-1]))
        elif kind == DELETE and side == "left":
            parts.append(f"<del>{esc(op[1])}</del>")
        elif kind == INSERT and side == "right":
            parts.append(f"<ins>{esc(op[1])}</ins>")
    return "".join(parts).replace("\n", "<br>")


def plain(text: str) -> str:
    return esc(text).replace("\n", "<br>")


def badge(status: Status, kind: Kind) -> str:
    labels = STATUS_LABELS if kind is Kind.REVISION else CROSS_STATUS_LABELS
    return (
        f'<span class="badge badge-{status.value}" data-status="{status.value}">'
        f"{labels[status]}</span>"
    )


def similarity(value: float) -> str:
    return f'<span class="similarity" title="相似度">{value:.0%}</span>'
