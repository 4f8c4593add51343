"""The corpus edition's own pages: a home page of sections, an index page per section,
the families found, and the report of the texts left out.

Thousands of texts cannot all stand in the navigation of every page (each page would
carry the whole list). The navigation holds the sections only: one index page per
jurisdiction and kind of legislation (全国 · 法律, 山东省 · 地方性法规 …), each listing
its texts with their versions. A text's page, its 对照表 and its implementation matrix
are reached from there and from each other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from comparator.catalog import Entry
from comparator.collection import NATIONAL_PLACE
from comparator.corpus import Corpus, family_counts, problems_by_kind
from comparator.publish.markup import text as esc
from comparator.publish.site.context import (
    Site,
    SitePage,
    comparison_title,
    headline,
)
from comparator.publish.site.pages import _works, matrix_rows, text_pages
from comparator.publish.site.paths import (
    ABOUT_PAGE,
    HOME_PAGE,
    LEFT_OUT_PAGE,
    comparison_page,
    link,
    section_page,
)
from comparator.text.places import COUNTRY_CODE, PROVINCES, jurisdiction_code

LAW, ADMINISTRATIVE, LOCAL = "法律", "行政法规", "地方性法规"
# Sections in this order: national laws, State Council regulations, then each province.
_CATEGORY_ORDER = (LAW, ADMINISTRATIVE, LOCAL)


@dataclass(frozen=True)
class Section:
    """A jurisdiction's texts of one kind: one index page."""

    province: str  # 全国, 山东省 …
    category: str  # 法律 / 行政法规 / 地方性法规
    members: tuple[str, ...]  # regulation ids, by place then title then date

    @property
    def title(self) -> str:
        return f"{self.province} · {self.category}"

    @property
    def page(self) -> str:
        return section_page(_code(self.province), _CATEGORY_ORDER.index(self.category))


def sections(site: Site) -> list[Section]:
    """The texts by province and kind, national first, then provinces in ISO order."""
    grouped: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in site.entries:
        grouped[(_province(entry.jurisdiction), _category(entry))].append(entry)

    def order(key: tuple[str, str]) -> tuple[int, str, int]:
        province, category = key
        national = 0 if province == NATIONAL_PLACE else 1
        return (national, _code(province), _CATEGORY_ORDER.index(category))

    return [
        Section(
            province,
            category,
            tuple(e.id for e in sorted(grouped[(province, category)], key=_entry_order)),
        )
        for province, category in sorted(grouped, key=order)
    ]


def _entry_order(entry: Entry) -> tuple[str, str, str]:
    return (entry.jurisdiction, entry.title, entry.date)


def _province(jurisdiction: str) -> str:
    """The province-level division that holds a place (全国 for the whole country, or a
    place the tables do not know)."""
    code = jurisdiction_code(jurisdiction)
    return next((full for full, _, known in PROVINCES if known == code), NATIONAL_PLACE)


def _code(province: str) -> str:
    """``sd`` for 山东省, ``cn`` for 全国: the section's part of its page name."""
    return (jurisdiction_code(province) or COUNTRY_CODE).removeprefix("CN-").lower()


def _category(entry: Entry) -> str:
    if entry.category in _CATEGORY_ORDER:
        return entry.category
    return LAW if entry.jurisdiction == NATIONAL_PLACE else LOCAL


def corpus_pages(site: Site, corpus: Corpus) -> list[SitePage]:
    """The home page, the section indexes, the families and the report of left-out texts."""
    found = sections(site)
    pages = [corpus_home(site, corpus, found)]
    pages += [section_view(site, section) for section in found]
    pages.append(left_out_view(site, corpus))
    return pages + text_pages(site)


def corpus_home(site: Site, corpus: Corpus, found: list[Section]) -> SitePage:
    here = HOME_PAGE
    catalog = site.library.catalog
    revisions = [
        {
            "href": link(here, comparison_page(c.left, c.right)),
            "title": comparison_title(site, c),
            "counts": headline(site.alignments[c.slug]),
        }
        for c in catalog.comparisons
    ]
    matrices = matrix_rows(site, here)
    content = site.render(
        "corpus_home.md.jinja",
        published=len(site.entries),
        left_out=len(corpus.left_out),
        left_out_href=link(here, LEFT_OUT_PAGE),
        sections=[
            {"href": link(here, s.page), "title": s.title, "count": len(s.members)} for s in found
        ],
        revisions=revisions,
        matrices=matrices,
    )
    return SitePage(here, "首页", content)


def section_view(site: Site, section: Section) -> SitePage:
    """A section's texts, by place: each text one row, its versions inside."""
    here = section.page
    by_place: dict[str, list[str]] = defaultdict(list)
    for member in section.members:
        by_place[site.entry(member).jurisdiction].append(member)
    places = [(place, _works(site, members, here)) for place, members in by_place.items()]
    content = site.render(
        "section.md.jinja",
        title=section.title,
        places=places,
        several_places=len(places) > 1,
        texts=len(section.members),
    )
    return SitePage(here, section.title, content)


def left_out_view(site: Site, corpus: Corpus) -> SitePage:
    """Every text left out, with its problems as ``path:line: message``."""
    folders = [rules.folder for rules in corpus.library.catalog.collections]
    items = [
        {
            "title": item.entry.title,
            "path": _shown(item.entry.source, folders),
            "problems": [
                f"{_shown(Path(p.path), folders)}:{p.line}: {p.message}" for p in item.problems[:5]
            ],
            "more": max(0, len(item.problems) - 5),
        }
        for item in sorted(corpus.left_out, key=lambda o: str(o.entry.source))
    ]
    duplicates = [
        {"path": _shown(found.source, folders), "kept": _shown(entry.source, folders)}
        for found, entry in corpus.library.catalog.duplicates
    ]
    content = site.render(
        "left_out.md.jinja",
        items=items,
        kinds=problems_by_kind(corpus.left_out),
        duplicates=duplicates,
    )
    return SitePage(LEFT_OUT_PAGE, "未收录的文本", content)


def _shown(path: Path, folders: list[Path]) -> str:
    """A file as the report names it: inside its collection's folder (the folder's name
    first), never the absolute path of the machine that built the site."""
    for folder in folders:
        if path.is_relative_to(folder):
            return f"{folder.name}/{path.relative_to(folder).as_posix()}"
    return path.name


def corpus_log(corpus: Corpus) -> list[str]:
    """What the build log says of a corpus: each text left out, with its first problem
    as path:line: message, then what was published and which families were found."""
    lines = []
    for item in corpus.left_out:
        more = len(item.problems) - 1
        lines.append(f"left out: {item.problems[0]}" + (f" (and {more} more)" if more else ""))
    found = family_counts(corpus)
    lines.append(
        f"comparator: {corpus.collected} texts of the collections published, "
        f"{len(corpus.left_out)} left out (see left-out/)"
    )
    lines.append(
        f"comparator: {found['versions']} texts in several versions "
        f"({found['versioned_texts']} versions), {found['implemented_laws']} laws "
        f"implemented by {found['implementing_texts']} texts"
    )
    return lines


def corpus_nav(site: Site) -> list:
    """Navigation: home, the sections, the left-out report, about (titles escaped)."""
    found = sections(site)
    return [
        {"首页": HOME_PAGE},
        {"法规文本": [{esc(s.title): s.page} for s in found]},
        {"未收录的文本": LEFT_OUT_PAGE},
        {"关于本站": ABOUT_PAGE},
    ]
