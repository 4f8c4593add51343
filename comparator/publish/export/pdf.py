"""The 对照表 as a PDF (WeasyPrint), in house form, laid out as the Word document is.

The layout of ``house.HouseTable`` on A4 landscape, from an HTML template and a print
stylesheet shipped in this package (``templates/comparison.html.jinja``,
``templates/comparison.css``): the title, a line naming each text, the legend, then the
table, its head row repeated on every page, a shaded row where a chapter opens, one
table row per line of 款 with a dotted rule between the lines of one article and its
修改说明 in one cell down their side. A revision's change summary (主要修改情况)
follows on a page of its own. The footer says 第X页 共Y页.

The fonts an official document names come first in the stylesheet, the Noto CJK fonts
after them: a machine without the official fonts embeds Noto (subset, as WeasyPrint
always embeds). Regulation text is data: the template escapes every value it prints.
The bytes depend only on the table and the build date: the PDF's dates are the build
date and its identifier is derived from the title, the sources and that date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from weasyprint import CSS, HTML

from comparator.compare.table import ChangeLine, Run
from comparator.publish.export.house import HouseTable
from comparator.vocabulary import ChangeKind, OpKind

TEMPLATE, STYLESHEET = "comparison.html.jinja", "comparison.css"
CHANGES_HEAD = "主要修改情况"
COLUMN_NAMES = ("左栏", "右栏")  # before each text's line under the title
AUTHOR = "法规对照"
LABEL_GAP = "\u3000"  # an ideographic space between 第X条 and its text, as printed


@dataclass(frozen=True)
class QuotedClause:
    """A clause of the change summary: 原文 or 修改后, the changed words marked."""

    side: str  # 原文： / 修改后：
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class ChangeItem:
    """One numbered entry of 主要修改情况."""

    number: int
    where: str  # 第八条 → 第九条
    text: str
    clauses: tuple[QuotedClause, ...]


def write_pdf(
    table: HouseTable, path: Path, *, build_date: str, changes: Sequence[ChangeLine] = ()
) -> None:
    """Write the 对照表 ``table`` to ``path``; ``changes``, the change summary of a
    revision, follows it. The file depends only on its arguments."""
    html = comparison_html(table, build_date=build_date, changes=changes)
    document = HTML(string=html).render(stylesheets=[_stylesheet()])
    document.write_pdf(str(path), pdf_identifier=_identifier(table, build_date))


def comparison_html(
    table: HouseTable, *, build_date: str, changes: Sequence[ChangeLine] = ()
) -> str:
    """The 对照表 as the HTML page the PDF is laid out from."""
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            table=table,
            columns=COLUMN_NAMES,
            created=f"{build_date}T00:00:00Z",
            author=AUTHOR,
            sources=_sources_line(table.sources),
            changes=change_items(changes),
            changes_head=CHANGES_HEAD,
            label_gap=LABEL_GAP,
        )
    )


# The change summary ----------------------------------------------------------------


def change_items(changes: Sequence[ChangeLine]) -> tuple[ChangeItem, ...]:
    """主要修改情况 as the Word document has it: each change numbered, where it stands,
    what it is, and for a change inside an article the clause before and after."""
    return tuple(_change_item(number, line) for number, line in enumerate(changes, start=1))


def _change_item(number: int, line: ChangeLine) -> ChangeItem:
    change = line.change
    text = change.line() if change.whole_article else change.describe()
    clauses: tuple[QuotedClause, ...] = ()
    if not (change.whole_article or change.kind is ChangeKind.TERM):
        clauses = (
            QuotedClause("原文：", quoted(change.before_context, change.before, OpKind.DELETE)),
            QuotedClause("修改后：", quoted(change.after_context, change.after, OpKind.INSERT)),
        )
    return ChangeItem(number, line.where, text, clauses)


def quoted(context: str, words: str, kind: OpKind) -> tuple[Run, ...]:
    """``context`` with the first place ``words`` stand in it marked as ``kind``; all of
    it plain where they do not stand in it."""
    at = context.find(words) if words else -1
    if at < 0:
        pieces = [(OpKind.EQUAL, context)]
    else:
        pieces = [
            (OpKind.EQUAL, context[:at]),
            (kind, words),
            (OpKind.EQUAL, context[at + len(words) :]),
        ]
    return tuple((piece_kind, text) for piece_kind, text in pieces if text)


# Template, stylesheet, identity ------------------------------------------------------


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("comparator.publish.export", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


@lru_cache(maxsize=1)
def _stylesheet() -> CSS:
    folder = resources.files("comparator.publish.export").joinpath("templates")
    return CSS(string=folder.joinpath(STYLESHEET).read_text(encoding="utf-8"))


def _sources_line(sources: dict[str, str]) -> str:
    """Which source texts the file was made from (by SHA-256), for its properties: a
    reader can check them, and nothing of it prints."""
    return "；".join(
        f"{regulation_id} 原文 SHA-256：{sha256}" for regulation_id, sha256 in sources.items()
    )


def _identifier(table: HouseTable, build_date: str) -> bytes:
    """The PDF's file identifier: the same table built on the same date has the same."""
    said = "\n".join([table.title, _sources_line(table.sources), build_date])
    return hashlib.md5(said.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
