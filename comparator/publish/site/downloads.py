"""The files the site offers for download: 对照表 in office formats, open data.

Every comparison: DOCX, PDF, XLSX, CSV and JSON of its 对照表; every three-way view: a
DOCX. Every regulation: its
parse tree as JSON and as Akoma Ntoso 3.0 XML. The bytes are made by the
``export`` writers; this module only names them and lists them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from comparator.cache import key_of
from comparator.catalog import Comparison, ThreeWay
from comparator.library import Library
from comparator.publish.export import (
    REGULATION_FORMATS,
    THREE_WAY_FORMATS,
    editions_of,
    export_comparison,
    export_regulation,
    export_three_way,
    formats_of,
)
from comparator.publish.export.house import Edition
from comparator.publish.export.reproducible import build_date
from comparator.publish.reasons import reason_of
from comparator.publish.serialize import SCHEMA_FOLDER, schema_files
from comparator.publish.site.paths import comparison_file, regulation_file

STAGE = "download"


@dataclass(frozen=True)
class Download:
    path: str  # inside the site: downloads/compare/a--b.docx
    label: str
    content: bytes


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
    for three in library.catalog.three_ways():
        planned += _three_way_plans(library, three)
    for regulation_id, entry in library.catalog.entries.items():
        versions = tuple(version.id for version in library.versions(regulation_id))
        for file_format, label in REGULATION_FORMATS.items():
            planned.append(
                Planned(
                    regulation_file(regulation_id, file_format),
                    label,
                    key_of(library.fingerprint(regulation_id), repr(entry), versions, file_format),
                    partial(_regulation_bytes, library, regulation_id, file_format, versions),
                )
            )
    # The JSON Schemas that the JSON files name in their "$schema".
    for name, content in schema_files().items():
        planned.append(
            Planned(
                f"{SCHEMA_FOLDER}/{name}", "JSON Schema", key_of(content), partial(bytes, content)
            )
        )
    return planned


def make(library: Library, plan: Planned) -> Download:
    """The download, from the cache when its inputs did not change."""
    return Download(plan.path, plan.label, library.cache.memo(STAGE, plan.key, plan.make))


def comparison_downloads(library: Library, comparison: Comparison) -> list[Download]:
    """The files of one comparison, one per format of its kind (``formats_of``)."""
    return [make(library, plan) for plan in _comparison_plans(library, comparison)]


def _comparison_plans(library: Library, comparison: Comparison) -> list[Planned]:
    date = build_date()
    editions = editions_of(library, comparison.left, comparison.right)
    inputs = library.comparison_key(comparison.left, comparison.right, comparison.kind)
    return [
        Planned(
            comparison_file(comparison.slug, file_format),
            label,
            key_of(inputs, repr(editions), file_format, date),
            partial(_comparison_bytes, library, comparison, file_format, date, editions),
        )
        for file_format, label in formats_of(comparison.kind).items()
    ]


def _comparison_bytes(
    library: Library,
    comparison: Comparison,
    file_format: str,
    date: str,
    editions: tuple[Edition, Edition],
) -> bytes:
    left, right = comparison.left, comparison.right
    table = library.table(left, right, comparison.kind)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export"
        export_comparison(
            table,
            file_format,
            path,
            date,
            editions=editions,
            texts=(library.regulation(left), library.regulation(right)),
            new_entry=library.catalog.entry(right),
        )
        return path.read_bytes()


def _three_way_plans(library: Library, three: ThreeWay) -> list[Planned]:
    date = build_date()
    old, new, other = three.ids
    inputs = [
        library.comparison_key(left, right, library.kind_of(left, right))
        for left, right in ((old, new), (new, other), (old, other))
    ]
    return [
        Planned(
            comparison_file(three.slug, file_format),
            label,
            key_of("three-way", inputs, file_format, date),
            partial(_three_way_bytes, library, three, file_format, date),
        )
        for file_format, label in THREE_WAY_FORMATS.items()
    ]


def _three_way_bytes(library: Library, three: ThreeWay, file_format: str, date: str) -> bytes:
    table = library.three_way(*three.ids)
    old, new, other = (library.catalog.entry(i).short_title for i in three.ids)
    reasons = [
        [reason.line() if (reason := reason_of(library, pair)) else "" for pair in row.other_pairs]
        for row in table.rows
    ]
    sources = {i: library.catalog.entry(i).sha256 for i in three.ids}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{three.slug}.{file_format}"
        export_three_way(table, (old, new, other), reasons, sources, file_format, path, date)
        return path.read_bytes()


def _regulation_bytes(
    library: Library, regulation_id: str, file_format: str, versions: tuple[str, ...]
) -> bytes:
    entry = library.catalog.entries.get(regulation_id)
    return export_regulation(library.regulation(regulation_id), entry, file_format, versions)


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
