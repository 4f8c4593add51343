"""Chinese search with Material's built-in search, and two fixes to it.

The index side works: Material segments pages with jieba (taught this domain's
words by ``compare.words.teach_search_index``), so articles are indexed word by
word, each under its own anchor. The query side segments a Chinese query against the index's
vocabulary, but Material 9.x's loop stops one character short of the query's end
(``for (j = i + 1; j < query.length; …)``): ``人大`` is searched as ``人*`` and
``代表工委`` as ``代表*``. ``fix_query_segmentation`` patches that loop in the
built search worker, so the whole query is tried as a word first.

The index holds a whole comparison page as one entry (a 对照表 has no headings):
thousands of characters that rank first for any word and open at the top of a page
many screens long. ``reshape_index`` keeps only their titles and adds one entry per row
of each 对照表 instead (``对照表 第八条→第九条``, with both texts), linked to the row and
weighed below the articles themselves. It also drops the headings that hold no text
(chapters), whose titles would outrank the articles under them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from comparator.model import SourceError

# The loop as Material 9.x minifies it, and the same loop running to the end.
_SHORT = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
_FULL = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"


def fix_query_segmentation(site_dir: Path) -> Path:
    """Patch the built search worker; fail loudly if Material's code has moved on."""
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if not workers:
        raise SourceError(str(site_dir), 0, "Material's search worker was not found in the site")
    worker = workers[0]
    code = worker.read_text(encoding="utf-8")
    if _FULL in code:
        return worker
    if code.count(_SHORT) != 1:
        raise SourceError(
            str(worker),
            0,
            "Material's search worker changed: the Chinese query segmentation fix in "
            "comparator/site/search.py no longer applies; check the new worker and update it",
        )
    worker.write_text(code.replace(_SHORT, _FULL), encoding="utf-8")
    return worker


# Pages indexed row by row (their own entries go), and how much a row weighs against an
# article (1).
WHOLE_PAGES = ("compare/", "implementations/")
ROW_BOOST = 0.5
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class RowEntry:
    """A row of a 对照表 as the search finds it."""

    location: str  # compare/a--b/#row-8-9
    title: str  # 深圳规定修订草案修订前后对照 第八条→第九条
    text: str  # both texts of the row (plain: the index holds it escaped, as HTML)


def reshape_index(site_dir: Path, rows: Iterable[RowEntry]) -> int:
    """Replace the text of the comparison pages by one entry per row; the size of the
    index written, in bytes."""
    import jieba

    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))

    def segmented(text: str) -> str:  # escaped and segmented, as Material indexes a page
        text = html.escape(text, quote=False)
        words = lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group())) + "\u200b"  # noqa: E731
        return _HAN.sub(words, text).strip("\u200b")

    # A comparison page stays as a title the rows are listed under, without its text; a
    # heading with no text of its own (第三章 闭会期间的活动) goes: its title would outrank
    # the articles under it that hold the words.
    docs = [
        {**d, "text": ""} if d["location"].startswith(WHOLE_PAGES) else d
        for d in index["docs"]
        if not ("#" in d["location"] and d["location"].startswith(WHOLE_PAGES))
        and not ("#" in d["location"] and not d["text"])
    ]
    docs += [
        {
            "location": row.location,
            "title": segmented(row.title),
            "text": segmented(row.text),
            "boost": ROW_BOOST,
        }
        for row in rows
    ]
    index["docs"] = docs
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    return len(data.encode("utf-8"))
