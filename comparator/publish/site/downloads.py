"""The files the site offers for download: 对照表 in office formats, open data.

Every comparison: DOCX, XLSX, CSV and JSON of its 对照表. Every regulation: its
parse tree as JSON and as Akoma Ntoso 3.0 XML. The bytes are made by the
``export`` writers; this module only names them and lists them.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from comparator.cache import key_of
from comparator.catalog import Comparison
from comparator.compare.table import ComparisonTable, comparison_table
from comparator.library import Library
from comparator.publish.export import build_date
from comparator.publish.serialize import regulation_to_dict

COMPARISON_FORMATS = {
    "docx": "Word 对照表",
    "xlsx": "Excel 对照表",
    "csv": "CSV 表格",
    "json": "JSON 数据",
}
REGULATION_FORMATS = {"json": "JSON", "akn": "Akoma Ntoso XML"}
STAGE = "download"


@dataclass(frozen=True)
class Download:
    path: str  # inside the site: downloads/compare/a--b.docx
    label: str
    content: bytes


def comparison_path(comparison: Comparison, file_format: str) -> str:
    return f"downloads/compare/{comparison.slug}.{file_format}"


def regulation_path(regulation_id: str, file_format: str) -> str:
    suffix = "akn.xml" if file_format == "akn" else file_format
    return f"downloads/regulations/{regulation_id}.{suffix}"


def export_comparison(table: ComparisonTable, file_format: str, path: Path, date: str) -> None:
    """Write one comparison in one format to ``path``."""
    # The writers import python-docx and openpyxl: only when a file is written.
    from comparator.publish.export.docx import write_docx
    from comparator.publish.export.tabular import write_csv, write_json
    from comparator.publish.export.xlsx import write_xlsx

    if file_format == "docx":
        write_docx(table, path, build_date=date)
    elif file_format == "xlsx":
        write_xlsx(table, path, build_date=date)
    elif file_format == "csv":
        write_csv(table, path)
    elif file_format == "json":
        write_json(table, path)
    else:
        raise ValueError(f"unknown comparison format {file_format!r}")


def export_regulation(library: Library, regulation_id: str, file_format: str) -> bytes:
    regulation = library.regulation(regulation_id)
    if file_format == "json":
        text = json.dumps(regulation_to_dict(regulation), ensure_ascii=False, indent=2)
        return (text + "\n").encode("utf-8")
    if file_format == "akn":
        from comparator.publish.export.akn import regulation_to_akn

        entry = library.catalog.entries.get(regulation_id)
        return regulation_to_akn(regulation, entry)
    raise ValueError(f"unknown regulation format {file_format!r}")


@dataclass(frozen=True)
class Planned:
    """A download, and how to make it: ``make`` runs only when the cache lacks ``key``."""

    path: str
    label: str
    key: str
    make: Callable[[], bytes]


def planned_downloads(library: Library) -> list[Planned]:
    """Every download of the site, in a stable order."""
    planned = []
    for comparison in library.catalog.comparisons:
        planned += _comparison_plans(library, comparison)
    for regulation_id in library.catalog.entries:
        for file_format, label in REGULATION_FORMATS.items():
            planned.append(
                Planned(
                    regulation_path(regulation_id, file_format),
                    label,
                    key_of(library.fingerprint(regulation_id), file_format),
                    lambda r=regulation_id, f=file_format: export_regulation(library, r, f),
                )
            )
    return planned


def make(library: Library, plan: Planned) -> Download:
    """The download, from the cache when its inputs did not change."""
    return Download(plan.path, plan.label, library.cache.memo(STAGE, plan.key, plan.make))


def comparison_downloads(library: Library, comparison: Comparison) -> list[Download]:
    """The four files of one comparison."""
    return [make(library, plan) for plan in _comparison_plans(library, comparison)]


def _comparison_plans(library: Library, comparison: Comparison) -> list[Planned]:
    date = build_date()
    left, right = comparison.left, comparison.right
    inputs = (library.fingerprint(left), library.fingerprint(right), comparison.kind.value)
    return [
        Planned(
            comparison_path(comparison, file_format),
            label,
            key_of(*inputs, file_format, date),
            lambda f=file_format: _comparison_bytes(library, comparison, f, date),
        )
        for file_format, label in COMPARISON_FORMATS.items()
    ]


def _comparison_bytes(
    library: Library, comparison: Comparison, file_format: str, date: str
) -> bytes:
    table = comparison_table(library, comparison.left, comparison.right, comparison.kind)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{comparison.slug}.{file_format}"
        export_comparison(table, file_format, path, date)
        return path.read_bytes()


def ready_and_late(library: Library, defer_new: bool) -> tuple[list[Download], list[Planned]]:
    """Every download, made now; or, with ``defer_new``, the new ones left for later."""
    ready, late = [], []
    for plan in planned_downloads(library):
        if defer_new and not library.cache.has(STAGE, plan.key):
            late.append(plan)
        else:
            ready.append(make(library, plan))
    return ready, late


def write_late(library: Library, plans: list[Planned], site_dir: Path) -> None:
    """Make downloads after the site was served (``mkdocs serve``), into its folder."""
    for plan in plans:
        download = make(library, plan)
        target = site_dir / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.content)
