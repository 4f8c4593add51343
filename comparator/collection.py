"""A folder of texts published without writing an entry for each: a catalog's collection.

A ``[[collection]]`` names a folder and the rules to read it by; every Markdown file
under it becomes a text of the site (LawRefBook's layout: line 1 ``# title``, the
history above ``<!-- INFO END -->``, the date in the file name, ``标题(2021-08-20).md``).
From each file come its title (line 1), its date (the file name, else the latest date
of its history), its jurisdiction (the folder's, narrowed to the city its title opens
with) and an id that stays the same while the title and date do.

Which versions follow which, and which text implements which law, is found later
(``comparator.corpus``), once the texts that fail their checks are left out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from comparator.text.places import NATIONAL, PROVINCES

# ``标题(2021-08-20).md``: the date a version was adopted or last amended.
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)$")
_HISTORY_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_INFO_END = "<!-- INFO END -->"
# How many lines of a file may come before its history ends (a header, never a body).
_HEADER_LINES = 60
# A title that opens with a city or county names where it applies: 东营市养犬管理条例.
# (Not 区: 泰山风景名胜区条例 and 烟台葡萄酒产区保护条例 name an area, not a place.)
_CITY = re.compile(r"^(\w{2,7}?(?:自治州|市|县))(?=\w)")
NATIONAL_PLACE = NATIONAL[0]
NATIONAL_PREFIX = "中华人民共和国"


@dataclass(frozen=True)
class CollectionRules:
    """How to read a folder: where it is and what its sub-folders mean."""

    folder: Path
    name: str  # what the site calls the collection
    jurisdiction: str = NATIONAL_PLACE  # of a text no rule below places
    # Sub-folder (relative, with /) -> the jurisdiction of the texts under it.
    jurisdictions: Mapping[str, str] | None = None
    # Sub-folder -> the kind of legislation under it (法律, 行政法规, 地方性法规).
    categories: Mapping[str, str] | None = None
    category: str = "法律"
    exclude: tuple[str, ...] = ()  # glob patterns (relative) of files left out


@dataclass(frozen=True)
class Found:
    """A text found in a collection, before it is parsed."""

    id: str
    title: str
    date: str  # ISO date, or "" when neither the file name nor the history gives one
    jurisdiction: str
    category: str
    source: Path
    relative: str  # the path inside the collection's folder, with /

    @property
    def family_key(self) -> tuple[str, str]:
        """Texts with one title in one place are versions of one text."""
        return (self.jurisdiction, self.title)


def discover(rules: CollectionRules) -> Iterator[Found]:
    """The texts of a collection, in the order of their paths."""
    files = sorted(p for p in rules.folder.rglob("*.md") if p.name.lower() != "readme.md")
    for path in files:
        relative = path.relative_to(rules.folder).as_posix()
        if any(path.relative_to(rules.folder).match(pattern) for pattern in rules.exclude):
            continue
        yield found_text(rules, path, relative)


def found_text(rules: CollectionRules, path: Path, relative: str) -> Found:
    header = _header_lines(path)
    title = _title(header, path)
    date = _date(path, header)
    jurisdiction = _jurisdiction(rules, relative, title)
    category = _by_folder(rules.categories, relative) or rules.category
    return Found(
        text_id(jurisdiction, title, date), title, date, jurisdiction, category, path, relative
    )


def text_id(jurisdiction: str, title: str, date: str) -> str:
    """``sd-1f3a9c20-20171011``: the province (``cn`` for national texts), a digest of the
    title, the date. Stable while the three are: a file moved or renamed keeps its pages."""
    digest = hashlib.sha1(f"{jurisdiction}\n{title}".encode()).hexdigest()[:8]
    parts = [_place_code(jurisdiction), digest]
    if date:
        parts.append(date.replace("-", ""))
    return "-".join(parts)


def _place_code(jurisdiction: str) -> str:
    for full, short, code in PROVINCES:
        if jurisdiction.startswith((full, short)):
            return code.removeprefix("CN-").lower()
    return "cn"


def _header_lines(path: Path) -> list[str]:
    lines: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as file:
        for line in file:
            if line.strip() == _INFO_END or len(lines) >= _HEADER_LINES:
                break
            lines.append(line.rstrip("\n"))
    return lines


def _title(header: list[str], path: Path) -> str:
    first = next((line for line in header if line.strip()), "")
    if first.startswith("# "):
        return first[2:].strip()
    return _FILE_DATE.sub("", path.stem).strip()


def _date(path: Path, header: list[str]) -> str:
    if match := _FILE_DATE.search(path.stem):
        return match[1]
    dates = [
        f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
        for line in header[1:]
        for y, m, d in _HISTORY_DATE.findall(line)
    ]
    return max(dates, default="")


def _jurisdiction(rules: CollectionRules, relative: str, title: str) -> str:
    place = _by_folder(rules.jurisdictions, relative) or rules.jurisdiction
    if place == NATIONAL_PLACE:
        return place
    city = _CITY.match(title)
    if city and not place.endswith(city[1]) and not title.startswith(_province_names(place)):
        return place + city[1]
    return place


def _province_names(place: str) -> tuple[str, ...]:
    return tuple(name for full, short, _ in PROVINCES if place == full for name in (full, short))


def _by_folder(rules: Mapping[str, str] | None, relative: str) -> str:
    """The rule of the longest folder prefix of ``relative``; "" if none applies."""
    best, value = -1, ""
    for folder, rule in (rules or {}).items():
        prefix = folder.strip("/") + "/"
        if relative.startswith(prefix) and len(prefix) > best:
            best, value = len(prefix), rule
    return value
