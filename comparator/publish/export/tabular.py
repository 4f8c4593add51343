"""The 对照表 as open data: a JSON document and a CSV file, plus a regulation as JSON.

Both carry the plain texts (no markup); the JSON also carries the diff ops, from which
a reader can rebuild either text and see what changed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from comparator.compare.table import ComparisonTable, TableRow
from comparator.vocabulary import Kind

# Column heads shared by the XLSX and CSV exports, by comparison kind.
_SIDE_HEADS = {
    Kind.REVISION: ("修订前条号", "修订前条文", "修订后条号", "修订后条文"),
    Kind.CROSS: ("左侧条号", "左侧条文", "右侧条号", "右侧条文"),
}
STATUS_HEAD, SIMILARITY_HEAD, CHANGES_HEAD = "状态", "相似度", "变化"
NOTES_HEAD = "修改说明"
STATUS_CODE_HEAD = "状态代码"


def column_heads(table: ComparisonTable) -> tuple[str, ...]:
    """The heads of the tabular exports, in Chinese, in column order.

    Article number and text of each side, then status, similarity and changes, and the
    说明's passages when a 说明 explains the new text. Across jurisdictions there is no
    before and after, so the text heads name the regulation.
    """
    left_number, left_text, right_number, right_text = _SIDE_HEADS[table.kind]
    if table.kind is Kind.CROSS:
        left_text = f"{left_text}（{table.left_title}）"
        right_text = f"{right_text}（{table.right_title}）"
    heads = (
        left_number,
        left_text,
        right_number,
        right_text,
        STATUS_HEAD,
        SIMILARITY_HEAD,
        CHANGES_HEAD,
    )
    return (*heads, NOTES_HEAD) if table.has_notes else heads


def table_to_dict(table: ComparisonTable) -> dict[str, Any]:
    """The whole table as JSON-ready data, one dict per row, in reading order.

    Each row has both article numbers, labels and texts, the status (code and Chinese
    label), the similarity, the change summary and the diff ops as lists: the texts of
    the equal and delete ops concatenate to the left text, of equal and insert ops to
    the right one (an equal op ``["equal", left, right]`` gives each side its own text).
    """
    return {
        "left": table.left,
        "right": table.right,
        "kind": str(table.kind),
        "left_title": table.left_title,
        "right_title": table.right_title,
        "sources": dict(table.sources),
        "rows": [_row_to_dict(row) for row in table.rows],
    }


def write_json(table: ComparisonTable, path: Path) -> None:
    """Write ``table_to_dict(table)`` as UTF-8 JSON: Chinese as is, indented, newline at end."""
    text = json.dumps(table_to_dict(table), ensure_ascii=False, indent=2)
    Path(path).write_text(text + "\n", encoding="utf-8")


def write_csv(table: ComparisonTable, path: Path) -> None:
    """Write the table as CSV that Excel opens with its Chinese intact.

    UTF-8 with a byte-order mark, one record per row after the head record, the
    columns of the XLSX export plus the status code. Texts are plain; an article of
    several paragraphs stays one quoted field with line breaks inside.
    """
    heads = list(column_heads(table))
    heads.insert(heads.index(STATUS_HEAD) + 1, STATUS_CODE_HEAD)
    with Path(path).open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(heads)
        for row in table.rows:
            record = [
                row.left.label,
                row.left.text,
                row.right.label,
                row.right.text,
                row.status_label,
                str(row.status),
                f"{row.similarity:.4f}",
                "\n".join(row.changes),
            ]
            writer.writerow([*record, "\n".join(row.notes)] if table.has_notes else record)


def _row_to_dict(row: TableRow) -> dict[str, Any]:
    return {
        "left": row.left.number,
        "left_label": row.left.label,
        "left_text": row.left.text,
        "right": row.right.number,
        "right_label": row.right.label,
        "right_text": row.right.text,
        "status": str(row.status),
        "status_label": row.status_label,
        "similarity": row.similarity,
        "changes": list(row.changes),
        "notes": list(row.notes),
        "ops": [list(op) for op in row.ops],
    }
