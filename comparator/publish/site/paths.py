"""Where each page and file of the site is, and relative links between them.

Pages are named by their Markdown path inside the docs (``regulations/x.md``); with
MkDocs' directory URLs, ``regulations/x.md`` is served at ``regulations/x/``. Links
are relative, so the site works under any prefix.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME_PAGE = "index.md"
DOWNLOADS_PAGE = "downloads.md"
ABOUT_PAGE = "about.md"
LEFT_OUT_PAGE = "left-out.md"  # the corpus edition: the texts that failed their checks
# The corpus edition's sections, by kind of legislation (their place in this tuple).
_SECTION_KINDS = ("laws", "administrative", "local")


def section_page(place_code: str, kind: int) -> str:
    """A corpus section's index: ``texts/sd-local.md`` (山东省 · 地方性法规)."""
    return f"texts/{place_code}-{_SECTION_KINDS[kind]}.md"


def regulation_page(regulation_id: str) -> str:
    return f"regulations/{regulation_id}.md"


def comparison_page(*regulation_ids: str) -> str:
    """The 对照表 of two regulations, or the three-way view of three."""
    return f"compare/{'--'.join(regulation_ids)}.md"


def explanation_page(regulation_id: str) -> str:
    return f"explanations/{regulation_id}.md"


def implementation_page(law_id: str) -> str:
    """The implementation matrix of a national law: how each place implements each article."""
    return f"implementations/{law_id}.md"


def comparison_file(slug: str, file_format: str) -> str:
    """A comparison's file: ``a--b.docx``; the tracked-changes Word file ``a--b-tracked.docx``."""
    if file_format == "tracked-docx":
        return f"downloads/compare/{slug}-tracked.docx"
    return f"downloads/compare/{slug}.{file_format}"


def regulation_file(regulation_id: str, file_format: str) -> str:
    suffix = "akn.xml" if file_format == "akn" else file_format
    return f"downloads/regulations/{regulation_id}.{suffix}"


def page_url(path: str) -> str:
    """The URL of a generated Markdown page (directory URLs): a/b.md -> a/b/."""
    if path == HOME_PAGE:
        return ""
    return path.removesuffix(".md").removesuffix("/index") + "/"


@lru_cache(maxsize=65536)
def link(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative link from one page to another (or to an anchor on it)."""
    here, there = page_url(from_page), page_url(to_page)
    if here == there:
        return f"#{fragment}" if fragment else "./"
    relative = posixpath.relpath(there or ".", here or ".")
    relative = "./" if relative == "." else relative + "/"
    return relative + (f"#{fragment}" if fragment else "")


def link_file(from_page: str, file_path: str) -> str:
    """A relative link from a page to a file of the site (not a page)."""
    depth = page_url(from_page).count("/")
    return "../" * depth + file_path
