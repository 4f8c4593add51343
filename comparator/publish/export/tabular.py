"""The 对照表 as open data: a JSON document and a CSV file, plus a regulation as JSON.

Both carry the plain texts (no markup); the JSON also carries the diff ops, from which
a reader can rebuild either text and see what changed.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from comparator.compare.table import ComparisonTable, TableRow, TableSide
from comparator.model import article_id
from comparator.publish.serialize import COMPARISON_SCHEMA, FORMAT_VERSION, schema_reference

# The CSV's heads: the same columns in the same order for every comparison, a revision
# (left is before, right after) or two jurisdictions, with or without a 说明, so that a
# program reading one CSV reads them all. 状态 is the label a reader sees (it reads
# differently for each kind), 状态代码 the code, the same for both.
CSV_HEADS = (
    "左侧条号",
    "左侧条文",
    "右侧条号",
    "右侧条文",
    "状态",
    "状态代码",
    "相似度",
    "变化",
    "修改说明",
)
# What a right-hand text reads, with ``same_as_left``, when it did not change.
SAME_AS_LEFT = "同左"


def similarity(row: TableRow) -> float | None:
    """How alike the row's two articles are; ``None`` for an article without a counterpart.

    A row with one side only was never compared: its similarity is unknown, not zero.
    """
    if row.left.number is None or row.right.number is None:
        return None
    return row.similarity


def reads_same_as_left(row: TableRow) -> bool:
    """Does the row's right-hand text read 同左 when the reader asks for it
    (``same_as_left``)? When it did not change, and there is a right-hand article."""
    return row.text_unchanged and bool(row.right.label)


def table_to_dict(table: ComparisonTable) -> dict[str, Any]:
    """The whole table as JSON-ready data, one dict per row, in reading order.

    The document names its format and schema (``format_version``, ``$schema``). Each
    row has both articles' node ids (``left_id``: ``shenzhen-2007/art-3``, the key
    that joins it to the regulations' JSON, null for an empty side), numbers, labels
    and texts, the status (code and Chinese label), the similarity, the change summary
    and the diff ops as lists: the texts of the equal and delete ops concatenate to the
    left text, of equal and insert ops to the right one (an equal op ``["equal", left,
    right]`` gives each side its own text).
    """
    return {
        "$schema": schema_reference(COMPARISON_SCHEMA),
        "format_version": FORMAT_VERSION,
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


def write_csv(table: ComparisonTable, path: Path, *, same_as_left: bool = False) -> None:
    """Write the table as CSV that Excel opens with its Chinese intact.

    UTF-8 with a byte-order mark, the head record ``CSV_HEADS`` (the same for every
    comparison), then one record per row. Texts are plain; an article of several
    paragraphs stays one quoted field with line breaks inside. The similarity has four
    decimals, and is empty for an article without a counterpart; 修改说明 is empty
    where no 说明 speaks of the row. With ``same_as_left``, a right-hand text that did
    not change reads 同左 (its article number stays).
    """
    with Path(path).open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_HEADS)
        for row in table.rows:
            writer.writerow(_csv_record(row, same_as_left))


def _csv_record(row: TableRow, same_as_left: bool) -> tuple[str, ...]:
    """One row's fields, in the order of ``CSV_HEADS``."""
    alike = similarity(row)
    return (
        row.left.label,
        row.left.text,
        row.right.label,
        SAME_AS_LEFT if same_as_left and reads_same_as_left(row) else row.right.text,
        row.status_label,
        str(row.status),
        "" if alike is None else f"{alike:.4f}",
        "\n".join(row.changes),
        "\n".join(row.notes),
    )


def _row_to_dict(row: TableRow) -> dict[str, Any]:
    return {
        "left_id": _node_id(row.left),
        "right_id": _node_id(row.right),
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


def _node_id(side: TableSide) -> str | None:
    """The article's node id, the key of the regulations' JSON; None for an empty side."""
    return None if side.number is None else article_id(side.regulation, side.number)
