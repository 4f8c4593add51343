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
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from weasyprint import CSS, HTML

from comparator.publish.export.house import (
    CHANGES_HEAD,
    COLUMN_NAMES,
    LABEL_GAP,
    PRODUCER,
    HouseTable,
)

TEMPLATE, STYLESHEET = "comparison.html.jinja", "comparison.css"


def write_pdf(table: HouseTable, path: Path, *, build_date: str) -> None:
    """Write the 对照表 ``table`` to ``path``. The file depends only on its arguments."""
    html = comparison_html(table, build_date=build_date)
    document = HTML(string=html).render(stylesheets=[_stylesheet()])
    document.write_pdf(str(path), pdf_identifier=_identifier(table, build_date))


def comparison_html(table: HouseTable, *, build_date: str) -> str:
    """The 对照表 as the HTML page the PDF is laid out from."""
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            table=table,
            columns=COLUMN_NAMES,
            created=f"{build_date}T00:00:00Z",
            author=PRODUCER,
            sources=_sources_line(table.sources),
            changes=table.changes,
            changes_head=CHANGES_HEAD,
            label_gap=LABEL_GAP,
        )
    )


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
