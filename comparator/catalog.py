"""The catalog: which regulations the site publishes, and which to compare.

A catalog is a TOML file (``sources/catalog.toml``) with one ``[[regulation]]`` table
per regulation and one ``[[family]]`` table per group of regulations to compare.
Source paths are relative to the catalog file, so an extra catalog kept elsewhere
can publish texts that live beside it.

Besides its text, an entry may say how it relates to others: ``replaces`` names the
version it revises (the site shows the versions as a timeline, and a family must
compare the two as a revision), ``implements`` the national law it implements (the
site aligns the two for that law's implementation matrix), and ``comments`` how to
comment on a draft (``{ email, address, deadline }``; otherwise read from the
notice published with it).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from comparator.links import load_links
from comparator.model import CommentChannel, EditorLink, SourceError, SourceErrors
from comparator.tomllines import TableLines
from comparator.vocabulary import REGULATION_KINDS, Kind

_ENTRY_KEYS = {
    "id",
    "title",
    "short_title",
    "jurisdiction",
    "kind",
    "date",
    "source",
    "part",
    "sha256",
    "note",
    "replaces",
    "implements",
    "comments",
}
_COMMENT_KEYS = {"email", "address", "recipient", "deadline"}
_REQUIRED_KEYS = ("id", "title", "short_title", "jurisdiction", "kind", "date", "source", "sha256")
_FAMILY_KEYS = {"id", "name", "members", "comparisons"}
_COMPARISON_KEYS = {"left", "right", "kind"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    short_title: str
    jurisdiction: str
    kind: str  # 现行 / 已修改 / 修订草案
    date: str  # ISO date, or year (and month) when the text gives no day
    source: Path
    sha256: str
    part: int | None = None  # which regulation of a source file holding several
    note: str = ""
    replaces: str = ""  # the id of the version this one revises
    implements: str = ""  # the id of the national law this text implements
    comments: CommentChannel | None = None  # how to comment on a draft, when given here
    catalog: Path = Path()
    line: int = 0  # where the entry starts in the catalog


@dataclass(frozen=True)
class Comparison:
    left: str
    right: str
    kind: Kind
    family: str

    @property
    def slug(self) -> str:
        return f"{self.left}--{self.right}"


@dataclass(frozen=True)
class ThreeWay:
    """A revision (old -> new) and a third text the catalog compares with both."""

    old: str
    new: str
    other: str

    @property
    def ids(self) -> tuple[str, str, str]:
        return (self.old, self.new, self.other)

    @property
    def slug(self) -> str:
        return "--".join(self.ids)


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    members: tuple[str, ...]
    comparisons: tuple[Comparison, ...]


@dataclass
class Catalog:
    entries: dict[str, Entry] = field(default_factory=dict)
    families: list[Family] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    links: list[EditorLink] = field(default_factory=list)  # editors' corrections of alignments

    @property
    def comparisons(self) -> list[Comparison]:
        return [c for family in self.families for c in family.comparisons]

    def entry(self, regulation_id: str) -> Entry:
        try:
            return self.entries[regulation_id]
        except KeyError:
            known = ", ".join(self.entries)
            raise KeyError(f"unknown regulation id {regulation_id!r} (known: {known})") from None

    def comparison(self, left: str, right: str) -> Comparison | None:
        for comparison in self.comparisons:
            if (comparison.left, comparison.right) == (left, right):
                return comparison
        return None

    def three_ways(self) -> list[ThreeWay]:
        """For each revision of a family: the first other member compared with both texts."""
        found = []
        for family in self.families:
            for c in family.comparisons:
                if c.kind is not Kind.REVISION:
                    continue
                for other in family.members:
                    if other not in (c.left, c.right) and all(
                        self.comparison(text, other) or self.comparison(other, text)
                        for text in (c.left, c.right)
                    ):
                        found.append(ThreeWay(c.left, c.right, other))
                        break
        return found

    def compared_kind(self, left: str, right: str) -> Kind | None:
        """How two texts are compared, either way round: as a family says, or across
        jurisdictions for a law and a text that implements it; None if they are not."""
        comparison = self.comparison(left, right) or self.comparison(right, left)
        if comparison:
            return comparison.kind
        for law, text in ((left, right), (right, left)):
            if text in self.entries and self.entries[text].implements == law:
                return Kind.CROSS
        return None

    def versions(self, regulation_id: str) -> list[Entry]:
        """The versions of a text, oldest first: the chain of ``replaces`` through it."""
        successors = {e.replaces: e.id for e in self.entries.values() if e.replaces}
        first, seen = regulation_id, {regulation_id}
        while (older := self.entries[first].replaces) in self.entries and older not in seen:
            first = older  # (a loop of replaces stops where it comes back)
            seen.add(first)
        chain, seen = [self.entries[first]], {first}
        while (newer := successors.get(chain[-1].id)) is not None and newer not in seen:
            chain.append(self.entries[newer])
            seen.add(newer)
        return chain

    def implementations(self, law_id: str) -> list[Entry]:
        """The catalogued texts that implement a law, in catalog order."""
        return [e for e in self.entries.values() if e.implements == law_id]

    @property
    def implemented_laws(self) -> list[str]:
        """The laws some catalogued text implements, in catalog order."""
        return list(dict.fromkeys(e.implements for e in self.entries.values() if e.implements))


def sha256_of(path: Path) -> str:
    """The file's sha256, read once for as long as the file does not change."""
    state = path.stat()
    return _sha256(str(path), state.st_mtime_ns, state.st_size)


@lru_cache(maxsize=1024)
def _sha256(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_catalogs(paths: list[Path]) -> Catalog:
    """Load and merge catalogs; raise ``SourceErrors`` listing every problem."""
    catalog = Catalog()
    errors: list[SourceError] = []
    for path in paths:
        errors.extend(_load_into(catalog, Path(path)))
    if not errors:
        errors = _relation_problems(catalog)
    if errors:
        raise SourceErrors(errors)
    return catalog


def _load_into(catalog: Catalog, path: Path) -> list[SourceError]:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [SourceError(shown, 0, "catalog not found")]
    except (OSError, UnicodeDecodeError) as error:
        return [SourceError(shown, 0, f"cannot read the catalog: {error}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(error))) else 0
        return [SourceError(shown, line, f"not valid TOML: {error}")]
    catalog.paths.append(path)
    lines = TableLines(text)
    errors = [
        SourceError(
            shown,
            lines.key(None, 0, key),
            f"unknown key {key!r}: expected links, [[regulation]] or [[family]]",
        )
        for key in data
        if key not in ("regulation", "family", "links")
    ]
    if "links" in data:
        errors.extend(_read_links(catalog, path, data["links"], lines.key(None, 0, "links")))
    for position, table in enumerate(data.get("regulation", [])):
        errors.extend(_read_entry(catalog, path, table, lines, position))
    for position, table in enumerate(data.get("family", [])):
        errors.extend(_read_family(catalog, path, table, lines, position))
    return errors


def _read_links(catalog: Catalog, path: Path, name: object, line: int) -> list[SourceError]:
    """``links = "links.toml"``: the editors' links, beside the catalog."""
    if not isinstance(name, str) or not name:
        return [SourceError(str(path), line, 'links must name a file: links = "links.toml"')]
    links_path = path.parent / name
    links, errors = load_links(links_path)
    catalog.links.extend(links)
    return errors


def _read_entry(
    catalog: Catalog, path: Path, table: dict, lines: TableLines, position: int
) -> list[SourceError]:
    shown = str(path)
    start = lines.table("regulation", position)
    errors = [
        SourceError(
            shown,
            lines.key("regulation", position, key),
            f"unknown key {key!r} in [[regulation]]; known keys: {', '.join(sorted(_ENTRY_KEYS))}",
        )
        for key in table
        if key not in _ENTRY_KEYS
    ]
    missing = [key for key in _REQUIRED_KEYS if key not in table]
    if missing:
        errors.append(SourceError(shown, start, f"[[regulation]] lacks {', '.join(missing)}"))
        return errors
    regulation_id = str(table["id"])
    if not _ID.match(regulation_id):
        errors.append(
            SourceError(
                shown,
                lines.key("regulation", position, "id"),
                f"id {regulation_id!r} must be lower-case letters, digits and hyphens",
            )
        )
    if regulation_id in catalog.entries:
        first = catalog.entries[regulation_id]
        errors.append(
            SourceError(
                shown,
                lines.key("regulation", position, "id"),
                f"id {regulation_id!r} is not unique: already used at {first.catalog}:{first.line}",
            )
        )
    if table["kind"] not in REGULATION_KINDS:
        errors.append(
            SourceError(
                shown,
                lines.key("regulation", position, "kind"),
                f"kind must be one of {' / '.join(REGULATION_KINDS)}, not {table['kind']!r}",
            )
        )
    if not _DATE.match(str(table["date"])):
        errors.append(
            SourceError(
                shown,
                lines.key("regulation", position, "date"),
                f"date must be YYYY-MM-DD (or YYYY-MM, YYYY), not {table['date']!r}",
            )
        )
    part = table.get("part")
    if part is not None and (not isinstance(part, int) or part < 1):
        errors.append(
            SourceError(
                shown,
                lines.key("regulation", position, "part"),
                "part must be a whole number from 1",
            )
        )
    comments, problems = _read_comments(
        table.get("comments"), shown, lines.key("regulation", position, "comments")
    )
    errors += problems
    source = (path.parent / str(table["source"])).resolve()
    entry = Entry(
        id=regulation_id,
        title=str(table["title"]),
        short_title=str(table["short_title"]),
        jurisdiction=str(table["jurisdiction"]),
        kind=str(table["kind"]),
        date=str(table["date"]),
        source=source,
        sha256=str(table["sha256"]),
        part=part,
        note=str(table.get("note", "")),
        replaces=str(table.get("replaces", "")),
        implements=str(table.get("implements", "")),
        comments=comments,
        catalog=path,
        line=start,
    )
    if regulation_id not in catalog.entries:
        catalog.entries[regulation_id] = entry
    return errors


def _read_comments(
    table: object, shown: str, line: int
) -> tuple[CommentChannel | None, list[SourceError]]:
    """``comments = { email = "…", address = "…", recipient = "…", deadline = "2025-09-04" }``."""
    if table is None:
        return None, []
    if not isinstance(table, dict):
        return None, [
            SourceError(shown, line, "comments must be a table: { email = …, deadline = … }")
        ]
    unknown = sorted(set(table) - _COMMENT_KEYS)
    if unknown:
        known = ", ".join(sorted(_COMMENT_KEYS))
        return None, [
            SourceError(shown, line, f"unknown key {unknown[0]!r} in comments; known keys: {known}")
        ]
    deadline = str(table.get("deadline", ""))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", deadline):
        return None, [
            SourceError(shown, line, f"comments need a deadline as YYYY-MM-DD, not {deadline!r}")
        ]
    channel = CommentChannel(
        str(table.get("email", "")),
        str(table.get("address", "")),
        str(table.get("recipient", "")),
        deadline,
    )
    return channel, []


def _relation_problems(catalog: Catalog) -> list[SourceError]:
    """``replaces`` and ``implements`` name catalogued regulations; a replaced version is
    compared with its successor as a revision (the version line links that 对照表)."""
    problems = []
    revisions = {(c.left, c.right) for c in catalog.comparisons if c.kind is Kind.REVISION}
    replaced_by: dict[str, str] = {}
    for entry in catalog.entries.values():
        if entry.replaces and entry.replaces in replaced_by:
            problems.append(
                SourceError(
                    str(entry.catalog),
                    entry.line,
                    f"{entry.id} replaces {entry.replaces}, which "
                    f"{replaced_by[entry.replaces]} replaces already: a version has one successor",
                )
            )
        replaced_by.setdefault(entry.replaces, entry.id)
        for key in ("replaces", "implements"):
            target = getattr(entry, key)
            if target and (target not in catalog.entries or target == entry.id):
                problems.append(
                    SourceError(
                        str(entry.catalog),
                        entry.line,
                        f"{entry.id}: {key} = {target!r}, which is not another "
                        "catalogued regulation",
                    )
                )
        if entry.replaces in catalog.entries and (entry.replaces, entry.id) not in revisions:
            problems.append(
                SourceError(
                    str(entry.catalog),
                    entry.line,
                    f"{entry.id} replaces {entry.replaces}: add "
                    f'{{ left = "{entry.replaces}", right = "{entry.id}", kind = "revision" }} '
                    "to the comparisons of a family",
                )
            )
    return problems


def _read_family(
    catalog: Catalog, path: Path, table: dict, lines: TableLines, position: int
) -> list[SourceError]:
    shown = str(path)
    start = lines.table("family", position)
    errors = [
        SourceError(
            shown,
            lines.key("family", position, key),
            f"unknown key {key!r} in [[family]]; known keys: {', '.join(sorted(_FAMILY_KEYS))}",
        )
        for key in table
        if key not in _FAMILY_KEYS
    ]
    family_id = str(table.get("id", ""))
    members = tuple(str(m) for m in table.get("members", []))
    for member in members:
        if member not in catalog.entries:
            errors.append(
                SourceError(
                    shown,
                    lines.key("family", position, "members"),
                    f"family {family_id!r} names {member!r}, which is not a catalogued regulation",
                )
            )
    comparisons = []
    for item in table.get("comparisons", []):
        unknown = set(item) - _COMPARISON_KEYS
        if unknown:
            errors.append(
                SourceError(
                    shown,
                    lines.key("family", position, "comparisons"),
                    f"unknown key {sorted(unknown)[0]!r} in a comparison; "
                    "known keys: left, right, kind",
                )
            )
            continue
        left, right, kind = str(item.get("left")), str(item.get("right")), str(item.get("kind"))
        if left not in members or right not in members:
            errors.append(
                SourceError(
                    shown,
                    lines.key("family", position, "comparisons"),
                    f"comparison {left} -> {right}: both must be members of family {family_id!r}",
                )
            )
            continue
        if kind not in {k.value for k in Kind}:
            errors.append(
                SourceError(
                    shown,
                    lines.key("family", position, "comparisons"),
                    f"comparison kind must be revision or cross, not {kind!r}",
                )
            )
            continue
        comparisons.append(Comparison(left, right, Kind(kind), family_id))
    if not family_id or not members:
        errors.append(SourceError(shown, start, "[[family]] needs an id and members"))
    catalog.families.append(
        Family(family_id, str(table.get("name", family_id)), members, tuple(comparisons))
    )
    return errors
