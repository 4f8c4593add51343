"""Exports of a comparison and of a regulation: DOCX, PDF, XLSX, CSV, JSON, Akoma Ntoso.

Every export is built from plain data (``compare.table`` rows or the model) and is
reproducible: the same input and the same build date give the same bytes
(``reproducible``). This module names the formats and hands a table or a regulation
to the writer of a format; the writers import python-docx, WeasyPrint, openpyxl and
lxml, so they are imported only when a file is written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from comparator.catalog import Entry
from comparator.compare.table import ComparisonTable
from comparator.compare.three_way import ThreeWayTable
from comparator.library import Library
from comparator.model import Regulation
from comparator.publish.export.house import (
    Edition,
    HouseTable,
    book_title,
    column_heads,
    draft_status,
    edition,
    house_table,
    plain_editions,
)
from comparator.publish.serialize import regulation_to_dict
from comparator.vocabulary import Kind

# The files of a comparison and of a regulation, with the name a reader sees.
COMPARISON_FORMATS = {
    "docx": "Word 对照表",
    "pdf": "PDF 对照表",
    "xlsx": "Excel 对照表",
    "csv": "CSV 表格",
    "json": "JSON 数据",
}
THREE_WAY_FORMATS = {"docx": "Word 对照表"}
# The new text with the revisions from the old one tracked (a revision only).
TRACKED_DOCX = "tracked-docx"
REVISION_FORMATS = {TRACKED_DOCX: "Word 修订稿（修订标记）"}
REGULATION_FORMATS = {"json": "JSON", "akn": "Akoma Ntoso XML"}


def formats_of(kind: Kind) -> dict[str, str]:
    """The files a comparison of this kind is offered in: a revision adds the new text
    with its revisions tracked."""
    return (
        {**COMPARISON_FORMATS, **REVISION_FORMATS} if kind is Kind.REVISION else COMPARISON_FORMATS
    )


def comparison_title(table: ComparisonTable) -> str:
    """The heading of a 对照表, in Chinese.

    A revision is named after the new text (``《…》修订前后对照表``), a draft's status
    outside the 《》; a comparison across jurisdictions names both texts.
    """
    if table.kind is Kind.REVISION:
        return f"《{book_title(draft_status(table.right_title)[0])}》修订前后对照表"
    return f"《{book_title(table.left_title)}》与《{book_title(table.right_title)}》对照表"


def editions_of(library: Library, left: str, right: str) -> tuple[Edition, Edition]:
    """How a 对照表 names its two texts: title, status, date and column head (which
    depends on what made the new one: 修正 or 修订)."""
    old, new = (
        edition(library.catalog.entry(i), library.regulation(i).metadata.history, "")
        for i in (left, right)
    )
    entries = (library.catalog.entry(left), library.catalog.entry(right))
    heads = column_heads(library.kind_of(left, right), *entries, new.change)
    return replace(old, head=heads[0]), replace(new, head=heads[1])


def export_comparison(
    table: ComparisonTable,
    file_format: str,
    path: Path,
    build_date: str,
    *,
    editions: tuple[Edition, Edition] | None = None,
    same_as_left: bool = False,
    omit_unchanged: bool = False,
    texts: tuple[Regulation, Regulation] | None = None,
    new_entry: Entry | None = None,
) -> None:
    """Write one comparison in one of ``COMPARISON_FORMATS``, or as ``TRACKED_DOCX``, to
    ``path``.

    ``editions`` (DOCX, PDF) names the two texts (``editions_of``); without them, their
    titles alone. ``same_as_left``: 同左 in the right column for a text that did not
    change. ``omit_unchanged`` (DOCX, PDF): only the articles whose text changed.
    ``texts`` (``TRACKED_DOCX``, which needs them): the old and the new regulation;
    ``new_entry`` the new one's catalog entry, if any (who made it, and when).
    """
    if file_format in ("docx", "pdf"):
        house = house_table(
            table,
            editions or plain_editions(table),
            same_as_left=same_as_left,
            omit_unchanged=omit_unchanged,
        )
        _write_house(house, file_format, path, build_date)
    elif file_format == "xlsx":
        from comparator.publish.export.xlsx import write_xlsx

        write_xlsx(table, path, build_date=build_date, same_as_left=same_as_left)
    elif file_format == "csv":
        from comparator.publish.export.tabular import write_csv

        write_csv(table, path, same_as_left=same_as_left)
    elif file_format == "json":
        from comparator.publish.export.tabular import write_json

        write_json(table, path)
    elif file_format == TRACKED_DOCX:
        _export_tracked(table, path, build_date, texts, new_entry)
    else:
        raise ValueError(f"unknown comparison format {file_format!r}")


def _write_house(house: HouseTable, file_format: str, path: Path, build_date: str) -> None:
    """The 对照表 in house form as a Word document or as a PDF, laid out alike."""
    if file_format == "pdf":
        from comparator.publish.export.pdf import write_pdf

        write_pdf(house, path, build_date=build_date)
    else:
        from comparator.publish.export.docx import write_docx

        write_docx(house, path, build_date=build_date)


def _export_tracked(
    table: ComparisonTable,
    path: Path,
    build_date: str,
    texts: tuple[Regulation, Regulation] | None,
    new_entry: Entry | None,
) -> None:
    if texts is None:
        raise ValueError(f"{TRACKED_DOCX} needs the two regulations, not only their table")
    from comparator.publish.export.tracked import (
        revision_author,
        revision_date,
        write_tracked_docx,
    )

    old, new = texts
    author, date = revision_author(new, new_entry), revision_date(new, new_entry)
    write_tracked_docx(old, new, table, path, author=author, date=date, build_date=build_date)


def export_three_way(
    table: ThreeWayTable,
    heads: tuple[str, str, str],
    reasons: Sequence[Sequence[str]],
    sources: dict[str, str],
    file_format: str,
    path: Path,
    build_date: str,
) -> None:
    """Write a three-way view in one of ``THREE_WAY_FORMATS`` to ``path`` (see
    ``three_way_docx.write_three_way_docx``)."""
    if file_format != "docx":
        raise ValueError(f"unknown three-way format {file_format!r}")
    from comparator.publish.export.three_way_docx import write_three_way_docx

    write_three_way_docx(table, heads, reasons, sources, path, build_date)


def export_regulation(
    regulation: Regulation,
    entry: Entry | None,
    file_format: str,
    versions: Sequence[str] = (),
) -> bytes:
    """One regulation in one of ``REGULATION_FORMATS``; ``entry`` its catalog entry, if
    any, ``versions`` the ids of its versions, oldest first (``Catalog.versions``)."""
    if file_format == "json":
        data = regulation_to_dict(regulation, entry, versions)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    if file_format == "akn":
        from comparator.publish.export.akn import regulation_to_akn

        return regulation_to_akn(regulation, entry)
    raise ValueError(f"unknown regulation format {file_format!r}")
