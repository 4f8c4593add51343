"""Exports of a comparison and of a regulation: DOCX, XLSX, CSV, JSON, Akoma Ntoso.

Every export is built from plain data (``comparator.compare.table`` rows or the model) and is
reproducible: the same input and the same build date give the same bytes. This module
holds what the exports share: the build date and the rewriting of a zip container
(DOCX and XLSX are zips) so that nothing in it depends on the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

from comparator.compare.diff import EQUAL
from comparator.compare.table import ComparisonTable, TableRow, runs
from comparator.vocabulary import Kind

__all__ = ["build_date", "comparison_title", "deterministic_zip", "side_runs"]

_CORE_PROPERTIES = "docProps/core.xml"
_CORE_DATES = re.compile(
    rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)
_EARLIEST_ZIP_YEAR = 1980  # a zip entry cannot be dated before 1980-01-01


def build_date() -> str:
    """The date an export says it was built, as ``YYYY-MM-DD``.

    Read from ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when it is set, so that a
    reproducible build can fix it; otherwise today's date in UTC.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.datetime.now(dt.UTC).date().isoformat()


def comparison_title(table: ComparisonTable) -> str:
    """The heading of a 对照表, in Chinese.

    A revision is named after the new text (``《…》修订前后对照表``); a comparison across
    jurisdictions names both texts (``…与…对照表``).
    """
    if table.kind is Kind.REVISION:
        return f"《{table.right_title}》修订前后对照表"
    return f"{table.left_title}与{table.right_title}对照表"


def side_runs(table: ComparisonTable, row: TableRow, side: str) -> list[tuple[str, str]]:
    """One side of a row as ``(kind, text)`` runs, the way an export marks them.

    In a revision, as ``table.runs``: deleted runs on the left, inserted runs on the
    right. Across jurisdictions nothing was deleted or added, so the text is one
    ``equal`` run (or none for an empty side).
    """
    if table.kind is Kind.REVISION:
        return runs(row, side)
    text = row.left.text if side == "left" else row.right.text
    return [(EQUAL, text)] if text else []


def deterministic_zip(data: bytes, date: str) -> bytes:
    """``data`` (a zip) rewritten so that it depends on its content and ``date`` only.

    Guarantees: the entries keep their names, order, content and compression method;
    every entry carries the same timestamp, midnight of ``date`` (``YYYY-MM-DD``, moved
    up to 1980-01-01 if earlier, as zip cannot say less); ``docProps/core.xml``, when
    present, gives ``date`` as its created and modified dates. Two calls with the same
    content and date return the same bytes.
    """
    stamp = _zip_timestamp(date)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == _CORE_PROPERTIES:
                content = _fix_core_dates(content, date)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = 3  # the same on every platform
            target.writestr(entry, content)
    return output.getvalue()


def _zip_timestamp(date: str) -> tuple[int, int, int, int, int, int]:
    day = dt.date.fromisoformat(date)
    if day.year < _EARLIEST_ZIP_YEAR:
        day = dt.date(_EARLIEST_ZIP_YEAR, 1, 1)
    return (day.year, day.month, day.day, 0, 0, 0)


def _fix_core_dates(content: bytes, date: str) -> bytes:
    stamp = f"{date}T00:00:00Z".encode()
    return _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(2), content)
