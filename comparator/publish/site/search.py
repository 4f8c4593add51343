"""Chinese search with Material's built-in search, and one fix to it.

The index side works: Material segments pages with jieba (taught this domain's
words by ``compare.words.teach_search_index``), so articles are indexed word by
word, each under its own anchor. The query side segments a Chinese query against the index's
vocabulary, but Material 9.x's loop stops one character short of the query's end
(``for (j = i + 1; j < query.length; …)``): ``人大`` is searched as ``人*`` and
``代表工委`` as ``代表*``. ``fix_query_segmentation`` patches that loop in the
built search worker, so the whole query is tried as a word first.
"""

from __future__ import annotations

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
