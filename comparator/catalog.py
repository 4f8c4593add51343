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

The form of each table is checked against a schema (pydantic models, strict: a
number is not a title and a string is not a list of members), and every problem is
reported with the line it is on. Ids are lower-case words joined by single hyphens,
since page paths join ids with ``--``; a pair of texts is compared once. Sources are
regular files inside the catalog's folder, unless the catalog says
``allow_outside = true`` at its top (an extra catalog that reads texts in place).

A ``[[collection]]`` publishes a whole folder of texts without an entry each
(``comparator.collection`` reads it): its texts are catalogued as they are found, with
the sha256 they have, and ``comparator.corpus`` leaves out those that fail their checks
and finds their versions and the laws they implement.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import tomlkit
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import ErrorDetails
from tomlkit.items import String, StringType

from comparator.collection import NATIONAL_PREFIX, CollectionRules, Found, discover
from comparator.links import load_links
from comparator.model import CommentChannel, EditorLink, SourceError, SourceErrors
from comparator.text.normalize import hidden_reason, without_hidden
from comparator.tomllines import TableLines
from comparator.vocabulary import REGULATION_KINDS, Kind

# Lower-case words joined by single hyphens: page paths join ids with "--"
# (compare/a--b/), so an id holding "--" could make two comparisons one page.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_MAX_CATALOG_BYTES = 16 * 1024 * 1024  # a catalog of thousands of texts is far smaller


@dataclass(frozen=True)
class Entry:
    id: str
    title: Shown
    short_title: Shown
    jurisdiction: Shown
    kind: str  # 现行 / 已修改 / 修订草案
    date: str  # ISO date, or year (and month) when the text gives no day
    source: Path
    sha256: str
    part: int | None = None  # which regulation of a source file holding several
    note: Shown = ""
    replaces: str = ""  # the id of the version this one revises
    implements: str = ""  # the id of the national law this text implements
    comments: CommentChannel | None = None  # how to comment on a draft, when given here
    catalog: Path = Path()
    line: int = 0  # where the entry starts in the catalog
    category: str = ""  # 法律 / 行政法规 / 地方性法规, for a text of a collection
    collection: str = ""  # the name of the collection the text was found in


@dataclass(frozen=True)
class Comparison:
    left: str
    right: str
    kind: Kind
    family: str
    catalog: Path = field(default=Path(), compare=False)
    line: int = field(default=0, compare=False)  # where the catalog lists it

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
    collections: list[CollectionRules] = field(default_factory=list)
    # Files of a collection holding a text catalogued already (one law filed under two
    # branches of law): each with the entry that publishes it.
    duplicates: list[tuple[Found, Entry]] = field(default_factory=list)

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

    def versions(self, regulation_id: str, successors: dict[str, str] | None = None) -> list[Entry]:
        """The versions of a text, oldest first: the chain of ``replaces`` through it.
        (``successors``: the map ``version_chains`` passes, made once for every text.)"""
        if successors is None:
            successors = self._successors()
        first, seen = regulation_id, {regulation_id}
        while (older := self.entries[first].replaces) in self.entries and older not in seen:
            first = older  # (a loop of replaces stops where it comes back)
            seen.add(first)
        chain, seen = [self.entries[first]], {first}
        while (newer := successors.get(chain[-1].id)) is not None and newer not in seen:
            chain.append(self.entries[newer])
            seen.add(newer)
        return chain

    def version_chains(self) -> dict[str, list[Entry]]:
        """Every text's versions (``versions``), worked out in one pass over the catalog."""
        successors = self._successors()
        chains: dict[str, list[Entry]] = {}
        for entry_id in self.entries:
            if entry_id not in chains:
                chain = self.versions(entry_id, successors)
                chains.update((version.id, chain) for version in chain)
        return chains

    def _successors(self) -> dict[str, str]:
        return {e.replaces: e.id for e in self.entries.values() if e.replaces}

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


def record_sha256(catalog: Catalog, regulation_id: str, sha256: str) -> list[str]:
    """Record ``sha256`` in the catalog file for an entry, and for the entries of that
    file that read the same source file (one file has one sha256); the ids written.

    The file is edited as TOML (tomlkit), not as text: only those entries' ``sha256``
    values change, written with the quotes they had; comments, order and spacing stay,
    and an entry whose file merely has the same bytes keeps its own. The new file
    replaces the old one at once.
    """
    entry = catalog.entry(regulation_id)
    sharing = {
        e.id
        for e in catalog.entries.values()
        if e.catalog == entry.catalog and e.source == entry.source
    }
    document = tomlkit.parse(entry.catalog.read_text(encoding="utf-8"))
    written = []
    for table in document.get("regulation", []):
        if table.get("id") in sharing:
            old = table["sha256"]
            quotes = old.type if isinstance(old, String) else StringType.SLB
            table["sha256"] = String.from_raw(sha256, quotes)
            written.append(str(table["id"]))
    if regulation_id not in written:
        raise SourceError(
            str(entry.catalog), entry.line, f"cannot write the sha256 of {regulation_id}"
        )
    _replace_file(entry.catalog, document.as_string())
    return written


def _replace_file(path: Path, text: str) -> None:
    """Write a file whole or not at all: a new file beside it, renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# The schema: the form of each table ------------------------------------------------


def _regulation_id(value: str) -> str:
    if not _ID.fullmatch(value):  # (fullmatch: with "$", "abc\n" would pass)
        raise ValueError(
            f"id {value!r} must be lower-case letters, digits and hyphens, a hyphen only "
            "between two of them (never two together, never at either end)"
        )
    return value


def _regulation_kind(value: str) -> str:
    if value not in REGULATION_KINDS:
        raise ValueError(f"kind must be one of {' / '.join(REGULATION_KINDS)}, not {value!r}")
    return value


def _date_text(value: object) -> object:
    """A TOML date (``date = 2020-01-01``, unquoted) reads as its ISO text."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return value


def _date(value: str) -> str:
    if not _DATE.fullmatch(value):
        raise ValueError(f"date must be YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")
    return value


def _part(value: int) -> int:
    if value < 1:
        raise ValueError(f"part must be a whole number from 1, not {value!r}")
    return value


def _deadline(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"comments need a deadline as YYYY-MM-DD, not {value!r}")
    return value


def _comparison_kind(value: str) -> str:
    if value not in {k.value for k in Kind}:
        raise ValueError(f"comparison kind must be revision or cross, not {value!r}")
    return value


def _named(value: str) -> str:
    if not value:
        raise ValueError("[[family]] needs an id and members")
    return value


def _some(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("[[family]] needs an id and members")
    return value


def _visible(value: str, info: ValidationInfo) -> str:
    """A catalog text shown on pages, in files and in a terminal holds no hidden
    character (a bidirectional control turns the site's own labels around)."""
    if hidden := [c for c in value if without_hidden(c) != c]:
        raise ValueError(
            f"{info.field_name} holds {hidden_reason(hidden[0])}, which no page may show: remove it"
        )
    return value


Shown = Annotated[str, AfterValidator(_visible)]


class _Table(BaseModel):
    """A TOML table: its keys are the fields, each of its type (strict: no conversion)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Comments(_Table):
    email: Shown = ""
    address: Shown = ""
    recipient: Shown = ""
    deadline: Annotated[str, AfterValidator(_deadline)]


class _Regulation(_Table):
    id: Annotated[str, AfterValidator(_regulation_id)]
    title: Shown
    short_title: Shown
    jurisdiction: Shown
    kind: Annotated[str, AfterValidator(_regulation_kind)]
    date: Annotated[str, BeforeValidator(_date_text), AfterValidator(_date)]
    source: str
    sha256: str
    part: Annotated[int, AfterValidator(_part)] | None = None
    note: Shown = ""
    replaces: str = ""
    implements: str = ""
    comments: _Comments | None = None


class _Comparison(_Table):
    left: str
    right: str
    kind: Annotated[str, AfterValidator(_comparison_kind)]


class _Family(_Table):
    id: Annotated[str, AfterValidator(_named)]
    name: Shown = ""
    members: Annotated[list[str], AfterValidator(_some)]
    comparisons: list[_Comparison] = []


class _Collection(_Table):
    folder: str
    name: Shown
    jurisdiction: Shown = "全国"
    jurisdictions: dict[str, str] = {}
    category: Shown = "法律"
    categories: dict[str, str] = {}
    exclude: list[str] = []


class _CatalogFile(_Table):
    links: str | None = None
    allow_outside: bool = False
    regulation: list[dict[str, Any]] = []
    family: list[dict[str, Any]] = []
    collection: list[dict[str, Any]] = []


# What a type error says the value should have been.
_EXPECTED = {
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "int_type": "a whole number",
    "bool_type": "true or false",
}
# Where a key of a nested table is: which table it is, and which keys it may have.
_WHERE: dict[str, tuple[str, type[_Table]]] = {
    "comments": ("comments", _Comments),
    "comparisons": ("a comparison", _Comparison),
}


# Loading -----------------------------------------------------------------------------


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


@dataclass
class _CatalogText:
    """One catalog file being read: where it is, its lines, and what it allows."""

    path: Path
    lines: TableLines
    allow_outside: bool = False
    broken: set[str] = field(default_factory=set)  # ids of entries refused for their form

    @property
    def shown(self) -> str:
        return str(self.path)

    def error(self, line: int, message: str) -> SourceError:
        return SourceError(self.shown, line, message)


def _load_into(catalog: Catalog, path: Path) -> list[SourceError]:
    text, problem = _read_catalog_text(path)
    if problem is not None or text is None:
        return [problem or SourceError(str(path), 0, "cannot read the catalog")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m[1]) if (m := re.search(r"line (\d+)", str(error))) else 0
        return [SourceError(str(path), line, f"not valid TOML: {error}")]
    except RecursionError:
        return [SourceError(str(path), 0, "not valid TOML: values nested too deeply")]
    catalog.paths.append(path)
    current = _CatalogText(path, TableLines(text))
    errors = _top_level_problems(current, data)
    if isinstance(data.get("allow_outside"), bool):
        current.allow_outside = data["allow_outside"]
    if isinstance(data.get("links"), str):
        errors.extend(_read_links(catalog, current, data["links"]))
    for name, read in _readers():
        for position, table in _tables(data, name):
            errors.extend(read(catalog, current, table, position))
    return errors


def _readers() -> tuple[tuple[str, Callable[..., list[SourceError]]], ...]:
    """Each kind of table, and what reads it, in the order they are read (a family
    names regulations read before it)."""
    return (
        ("regulation", _read_entry),
        ("family", _read_family),
        ("collection", _read_collection),
    )


def _read_catalog_text(path: Path) -> tuple[str | None, SourceError | None]:
    """The catalog's text; never reads what is not a regular file (``/dev/zero``)."""
    shown = str(path)
    try:
        state = path.stat()
    except FileNotFoundError:
        return None, SourceError(shown, 0, "catalog not found")
    except (OSError, ValueError) as error:
        return None, SourceError(shown, 0, f"cannot read the catalog: {error}")
    if not stat.S_ISREG(state.st_mode):
        return None, SourceError(shown, 0, "the catalog is not a regular file: expected TOML")
    if state.st_size > _MAX_CATALOG_BYTES:
        return None, SourceError(shown, 0, "the catalog is larger than 16 MiB")
    try:
        return path.read_text(encoding="utf-8"), None
    except (OSError, UnicodeDecodeError) as error:
        return None, SourceError(shown, 0, f"cannot read the catalog: {error}")


def _tables(data: dict[str, Any], name: str) -> list[tuple[int, dict[str, Any]]]:
    """The ``[[name]]`` tables with their positions (what is not a table is reported
    by the schema of the top level)."""
    tables = data.get(name)
    if not isinstance(tables, list):
        return []
    return [(position, table) for position, table in enumerate(tables) if isinstance(table, dict)]


def _top_level_problems(current: _CatalogText, data: dict[str, Any]) -> list[SourceError]:
    try:
        _CatalogFile.model_validate(data)
    except ValidationError as invalid:
        return [_top_level_problem(current, error) for error in invalid.errors()]
    return []


def _top_level_problem(current: _CatalogText, error: ErrorDetails) -> SourceError:
    key = str(error["loc"][0])
    if len(error["loc"]) > 1 and isinstance(error["loc"][1], int):
        line = current.lines.table(key, error["loc"][1])
    else:
        line = current.lines.key(None, 0, key)
    if error["type"] == "extra_forbidden":
        message = (
            f"unknown key {key!r}: expected links, allow_outside, [[regulation]], [[family]] "
            "or [[collection]]"
        )
        return current.error(line, message)
    return current.error(line, _message(error, error["loc"]))


def _message(error: ErrorDetails, loc: tuple[int | str, ...]) -> str:
    """What a schema error says, in the catalog's words."""
    where = " ".join(f"#{part + 1}" if isinstance(part, int) else part for part in loc)
    ctx = error.get("ctx") or {}
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])
    if error["type"] in _EXPECTED:
        shown = repr(error["input"])
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        return f"{where} must be {_EXPECTED[error['type']]}, not {shown}"
    return f"{where}: {error['msg']}"


def _validated(
    model: type[_Table], table: dict[str, Any], current: _CatalogText, name: str, position: int
) -> tuple[Any, list[SourceError]]:
    """The table read by its schema, or None and every problem with its line."""
    try:
        return model.model_validate(table), []
    except ValidationError as invalid:
        return None, _table_problems(invalid.errors(), model, current, name, position)


def _table_problems(
    errors: list[ErrorDetails],
    model: type[_Table],
    current: _CatalogText,
    name: str,
    position: int,
) -> list[SourceError]:
    lines = current.lines
    missing = [str(e["loc"][0]) for e in errors if e["type"] == "missing" and len(e["loc"]) == 1]
    problems = []
    if missing:
        start = lines.table(name, position)
        problems.append(current.error(start, f"[[{name}]] lacks {', '.join(missing)}"))
    for error in errors:
        loc = error["loc"]
        if error["type"] == "missing" and len(loc) == 1:
            continue
        key = str(loc[0])
        if key == "comparisons" and len(loc) > 1 and isinstance(loc[1], int):
            line = lines.item(name, position, key, loc[1])
        else:
            line = lines.key(name, position, key)
        problems.append(current.error(line, _nested_message(error, model, name)))
    return problems


def _nested_message(error: ErrorDetails, model: type[_Table], name: str) -> str:
    """The message of a schema error inside a table (or a table inside it)."""
    loc = error["loc"]
    if error["type"] == "extra_forbidden":
        nested = _WHERE.get(str(loc[0])) if len(loc) > 1 else None
        table, keys = nested if nested else (f"[[{name}]]", model)
        known = ", ".join(keys.model_fields)
        return f"unknown key {loc[-1]!r} in {table}; known keys: {known}"
    if error["type"] == "missing":
        if loc[0] == "comments":
            return "comments need a deadline as YYYY-MM-DD"
        return f"{' '.join(_part_name(part) for part in loc[:-1])} lacks {loc[-1]}"
    return _message(error, loc)


def _part_name(part: int | str) -> str:
    return f"#{part + 1}" if isinstance(part, int) else part


def _file_problem(current: _CatalogText, key: str, name: str) -> tuple[Path | None, str | None]:
    """The file a catalog names (a source, the links), resolved; or why it is refused.

    Only regular files are read (not a folder, ``/dev/zero`` or a pipe), and only inside
    the catalog's folder, symlinks followed, unless the catalog allows texts from
    elsewhere. A file that is not there is reported where it is read.
    """
    resolved, refused = _allowed(current, key, name)
    if refused or resolved is None:
        return None, refused
    try:
        mode = resolved.stat().st_mode
    except FileNotFoundError:
        return resolved, None
    except (OSError, ValueError) as error:
        return None, f"{key} {name!r} cannot be read: {error}"
    if stat.S_ISDIR(mode):
        return None, f"{key} {name!r} is a folder: expected a file"
    if not stat.S_ISREG(mode):
        return None, f"{key} {name!r} is not a regular file (a device, a pipe or a socket)"
    return resolved, None


def _read_links(catalog: Catalog, current: _CatalogText, name: str) -> list[SourceError]:
    """``links = "links.toml"``: the editors' links, beside the catalog."""
    line = current.lines.key(None, 0, "links")
    if not name:
        return [current.error(line, 'links must name a file: links = "links.toml"')]
    links_path, refused = _file_problem(current, "links", name)
    if refused or links_path is None:
        return [current.error(line, refused or f"links {name!r} cannot be read")]
    links, errors = load_links(current.path.parent / name)
    catalog.links.extend(links)
    return errors


def _read_entry(
    catalog: Catalog, current: _CatalogText, table: dict[str, Any], position: int
) -> list[SourceError]:
    read, errors = _validated(_Regulation, table, current, "regulation", position)
    if read is None:
        if isinstance(table.get("id"), str):
            current.broken.add(table["id"])
        if isinstance(table.get("source"), str):  # its source may be refused as well
            _, refused = _file_problem(current, "source", table["source"])
            line = current.lines.key("regulation", position, "source")
            errors += [current.error(line, refused)] if refused else []
        return errors
    lines = current.lines
    if read.id in catalog.entries:
        first = catalog.entries[read.id]
        return [
            current.error(
                lines.key("regulation", position, "id"),
                f"id {read.id!r} is not unique: already used at {first.catalog}:{first.line}",
            )
        ]
    source, refused = _file_problem(current, "source", read.source)
    if refused or source is None:
        current.broken.add(read.id)
        line = lines.key("regulation", position, "source")
        return [current.error(line, refused or f"source {read.source!r} cannot be read")]
    comments = read.comments
    catalog.entries[read.id] = Entry(
        id=read.id,
        title=read.title,
        short_title=read.short_title,
        jurisdiction=read.jurisdiction,
        kind=read.kind,
        date=read.date,
        source=source,
        sha256=read.sha256,
        part=read.part,
        note=read.note,
        replaces=read.replaces,
        implements=read.implements,
        comments=(
            CommentChannel(comments.email, comments.address, comments.recipient, comments.deadline)
            if comments
            else None
        ),
        catalog=current.path,
        line=lines.table("regulation", position),
    )
    return []


def _read_collection(
    catalog: Catalog, current: _CatalogText, table: dict[str, Any], position: int
) -> list[SourceError]:
    """Catalog every text of a collection's folder (each file once: a copy of a text
    already catalogued is recorded as a duplicate)."""
    read, errors = _validated(_Collection, table, current, "collection", position)
    if read is None:
        return errors
    line = current.lines.key("collection", position, "folder")
    folder, refused = _folder(current, read.folder)
    if refused or folder is None:
        return [current.error(line, refused or f"folder {read.folder!r} cannot be read")]
    rules = CollectionRules(
        folder,
        read.name,
        read.jurisdiction,
        read.jurisdictions,
        read.categories,
        read.category,
        tuple(read.exclude),
    )
    catalog.collections.append(rules)
    start = current.lines.table("collection", position)
    # A file with the bytes of a text catalogued already (a [[regulation]] of sources/
    # copied from the same corpus) is that text.
    by_content = {e.sha256: e for e in catalog.entries.values()}
    for found in discover(rules):
        sha256 = sha256_of(found.source)
        same = catalog.entries.get(found.id) or by_content.get(sha256)
        if same is not None:
            catalog.duplicates.append((found, same))
            continue
        catalog.entries[found.id] = Entry(
            id=found.id,
            title=found.title,
            short_title=short_title_of(found.title),
            jurisdiction=found.jurisdiction,
            kind=REGULATION_KINDS[0],
            date=found.date,
            source=found.source,
            sha256=sha256,
            catalog=current.path,
            line=start,
            category=found.category,
            collection=read.name,
        )
        by_content[sha256] = catalog.entries[found.id]
    return []


def short_title_of(title: str) -> str:
    """A national law as readers name it: without 中华人民共和国."""
    return title.removeprefix(NATIONAL_PREFIX) or title


def _folder(current: _CatalogText, name: str) -> tuple[Path | None, str | None]:
    """A collection's folder, resolved (inside the catalog's folder unless allowed)."""
    resolved, refused = _allowed(current, "folder", name)
    if refused or resolved is None:
        return None, refused
    if not resolved.is_dir():
        return None, f"folder {name!r} is not a folder"
    return resolved, None


def _allowed(current: _CatalogText, key: str, name: str) -> tuple[Path | None, str | None]:
    """A path the catalog names, resolved (symlinks followed); refused outside the
    catalog's folder unless the catalog allows it."""
    folder = current.path.parent
    try:
        resolved = (folder / name).resolve()
        inside = resolved.is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte
        return None, f"{key} {name!r} cannot be followed: {error}"
    if not (inside or current.allow_outside):
        return None, (
            f"{key} {name!r} is outside the catalog's folder ({folder}): "
            "add allow_outside = true at the top of the catalog to read files from elsewhere"
        )
    return resolved, None


def _read_family(
    catalog: Catalog, current: _CatalogText, table: dict[str, Any], position: int
) -> list[SourceError]:
    read, errors = _validated(_Family, table, current, "family", position)
    if read is None:
        return errors
    members_line = current.lines.key("family", position, "members")
    for member in read.members:
        if member not in catalog.entries and member not in current.broken:
            errors.append(
                current.error(
                    members_line,
                    f"family {read.id!r} names {member!r}, which is not a catalogued regulation",
                )
            )
    comparisons: list[Comparison] = []
    for index, item in enumerate(read.comparisons):
        line = current.lines.item("family", position, "comparisons", index)
        comparison = Comparison(item.left, item.right, Kind(item.kind), read.id, current.path, line)
        problem = _comparison_problem(read, comparison, [*catalog.comparisons, *comparisons])
        if problem:
            errors.append(current.error(line, problem))
        else:
            comparisons.append(comparison)
    catalog.families.append(
        Family(read.id, read.name or read.id, tuple(read.members), tuple(comparisons))
    )
    return errors


def _comparison_problem(
    family: _Family, comparison: Comparison, earlier: list[Comparison]
) -> str | None:
    """Why a family cannot compare two texts so; None if it can. Each pair of texts has
    one 对照表 page: listed twice (either way round, in any family), the pages would be
    one, or each would hide the other."""
    left, right = comparison.left, comparison.right
    if left not in family.members or right not in family.members:
        return f"comparison {left} -> {right}: both must be members of family {family.id!r}"
    if left == right:
        return f"comparison {left} -> {right} compares a text with itself"
    for other in earlier:
        if {other.left, other.right} == {left, right}:
            return (
                f"comparison {left} -> {right} is listed twice: already at "
                f"{other.catalog}:{other.line} ({other.left} -> {other.right}, "
                f"{other.kind.value}); a pair of texts is compared once"
            )
    return None


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
