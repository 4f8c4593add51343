"""A corpus: the catalog's collections, checked, with their families found.

``sources/`` is strict: a text that fails a check stops the build. A collection of
thousands of texts read in place cannot be: a text that fails its checks is left out
of the site, with its ``path:line`` problems in the build log and on a report page,
and the others are published.

Once the texts that pass are known, their families are found from their titles:

- versions: one title in one place with different dates, oldest first; each version
  ``replaces`` the one before, and the two are compared as a revision;
- implementations: a ``…实施《X》办法`` (or 条例, 规定, 细则) implements the national law
  X when X is in the corpus: its newest version feeds X's implementation matrix.

A cross pair is weighed over its law's group (the law and the texts implementing it),
not over every text: editing one text recomputes its own group's comparisons only.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from comparator.cache import Cache, NoCache, key_of
from comparator.catalog import Catalog, Comparison, Entry, Family, load_catalogs
from comparator.check import regulation_problems
from comparator.collection import NATIONAL_PLACE, NATIONAL_PREFIX
from comparator.compare.words import segmenter
from comparator.library import Library
from comparator.model import SourceError, SourceErrors
from comparator.progress import NO_PROGRESS, Progress, Stage
from comparator.vocabulary import AMENDED, IN_FORCE, Kind
from comparator.workers import forked_pool

# 山东省实施《中华人民共和国产品质量法》办法, 浙江省实施《中华人民共和国村民委员会组织法》条例
_AFTER_LAW = re.compile(r"》的")
_IMPLEMENTS = re.compile(
    r"实施[《〈](?P<law>[^》〉]+)[》〉](?:的)?(?:办法|条例|规定|细则|若干规定)"
)


@dataclass(frozen=True)
class LeftOut:
    """A text of a collection left out of the site, and why."""

    entry: Entry
    problems: tuple[SourceError, ...]


@dataclass(frozen=True)
class Corpus:
    """The texts published (in ``library``), those left out, and the families found."""

    library: Library
    left_out: tuple[LeftOut, ...]
    version_families: tuple[Family, ...]
    implementations: dict[str, tuple[str, ...]]  # law id -> ids of texts implementing it

    @property
    def collected(self) -> int:
        """How many texts of the collections are published."""
        return sum(1 for e in self.library.catalog.entries.values() if e.collection)


def open_corpus(
    catalogs: list[Path],
    cache: Cache | None = None,
    progress: Progress = NO_PROGRESS,
    workers: int = 1,
    verify: bool = True,
) -> Corpus:
    """Load the catalogs, check every collected text (``workers`` at a time), and find
    the families of those that pass. ``SourceErrors`` only for the strict part
    (``[[regulation]]`` entries and the catalogs themselves). ``verify``: as for
    ``Library`` (a text being edited under ``mkdocs serve`` is not refused)."""
    catalog = load_catalogs(catalogs)
    library = Library(catalog, verify=verify, cache=cache)
    left_out = admit(library, progress, workers)
    kept = {i: e for i, e in catalog.entries.items() if i not in {o.entry.id for o in left_out}}
    related, families, implementations = relate(kept)
    published = replace(catalog, entries=related, families=[*catalog.families, *families])
    scope = _scopes(published, implementations)
    corpus_library = Library(published, verify=verify, cache=cache, scope=scope)
    corpus_library.adopt(library)
    return Corpus(corpus_library, tuple(left_out), tuple(families), implementations)


def admit(library: Library, progress: Progress = NO_PROGRESS, workers: int = 1) -> list[LeftOut]:
    """The collected texts that fail their checks (parse, numbering, coverage,
    references); the texts of ``[[regulation]]`` entries must pass (``SourceErrors``).
    With a disk cache, ``workers`` processes check side by side (their parses are kept
    there for the build)."""
    left_out: list[LeftOut] = []
    strict: list[SourceError] = []
    entries = list(library.catalog.entries.values())
    with progress.stage("检查文本", len(entries)) as stage:
        # A rebuild finds most texts checked already: only the others go to workers.
        unchecked = [e.id for e in entries if not library.cache.has("problems", _key(library, e))]
        checked = {}
        if workers > 1 and len(unchecked) > 1 and not isinstance(library.cache, NoCache):
            checked = _check_side_by_side(library, unchecked, workers, stage)
        found = []
        for entry in entries:
            if entry.id in checked:
                found.append(checked[entry.id])
            else:
                found.append(_problems(library, entry))
                stage.advance()
    for entry, problems in zip(entries, found, strict=True):
        if problems and entry.collection:
            left_out.append(LeftOut(entry, tuple(problems)))
        elif problems:
            strict.extend(problems)
    if strict:
        raise SourceErrors(strict)
    return left_out


_admitting: Library | None = None  # the library being checked, inherited by the workers


def _check_side_by_side(
    library: Library, ids: list[str], workers: int, stage: Stage
) -> dict[str, list[SourceError]]:
    """The problems of these texts, checked by ``workers`` forked processes."""
    global _admitting
    segmenter()  # loaded once, here, and inherited by every worker
    _admitting = library
    try:
        with forked_pool(workers) as pool:
            found = _counted(pool.map(_problems_of, ids, chunksize=8), stage)
            return dict(zip(ids, found, strict=True))
    finally:
        _admitting = None


def _problems_of(regulation_id: str) -> list[SourceError]:
    assert _admitting is not None
    return _problems(_admitting, _admitting.catalog.entry(regulation_id))


def _counted(results: Iterable[list[SourceError]], stage: Stage) -> Iterator[list[SourceError]]:
    for result in results:
        stage.advance()
        yield result


def _problems(library: Library, entry: Entry) -> list[SourceError]:
    """A text's problems, kept in the cache with its parse: a rebuild checks again only
    the texts that changed."""

    def check() -> list[SourceError]:
        try:
            return regulation_problems(library.loaded(entry.id))
        except SourceError as error:
            return [error]
        except SourceErrors as errors:
            return list(errors.errors)

    return library.cache.memo("problems", _key(library, entry), check)


def _key(library: Library, entry: Entry) -> str:
    return key_of(library.fingerprint(entry.id))


def relate(
    entries: dict[str, Entry],
) -> tuple[dict[str, Entry], list[Family], dict[str, tuple[str, ...]]]:
    """The collected texts with their versions and the laws they implement; the version
    families (each consecutive pair compared as a revision); law -> implementing texts."""
    related = dict(entries)
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.collection:
            groups[(entry.jurisdiction, family_title(entry.title))].append(entry)
    chains = [sorted(members, key=lambda e: (e.date, e.id)) for members in groups.values()]
    families = [_versions(chain, related) for chain in chains if len(chain) > 1]
    implementations = _implementations(related, [chain[-1].id for chain in chains])
    for law, texts in implementations.items():
        for text in texts:
            related[text] = replace(related[text], implements=law)
    return related, families, implementations


def family_title(title: str) -> str:
    """A title as its versions share it: a revision may drop a 的 after the law it
    implements (青岛市实施《中华人民共和国水法》的若干规定, later …《…水法》若干规定)."""
    return _AFTER_LAW.sub("》", title)


def _versions(chain: list[Entry], related: dict[str, Entry]) -> Family:
    """The versions of one text, oldest first: each replaces the one before, the newest
    is in force; their family compares each with the next."""
    for older, newer in itertools.pairwise(chain):
        related[newer.id] = replace(related[newer.id], replaces=older.id)
    for version in chain:
        related[version.id] = replace(
            related[version.id],
            kind=IN_FORCE if version is chain[-1] else AMENDED,
            short_title=f"{version.short_title}（{_year_or_date(version, chain)}）",
        )
    family = f"versions-{chain[0].id}"
    comparisons = tuple(
        Comparison(older.id, newer.id, Kind.REVISION, family)
        for older, newer in itertools.pairwise(chain)
    )
    return Family(family, chain[-1].short_title, tuple(e.id for e in chain), comparisons)


def _year_or_date(version: Entry, chain: list[Entry]) -> str:
    """A version's year, or its date when another version shares the year."""
    year = version.date[:4]
    same_year = sum(1 for e in chain if e.date[:4] == year)
    return (version.date if same_year > 1 else year) or "日期不详"


def _implementations(entries: dict[str, Entry], newest: list[str]) -> dict[str, tuple[str, ...]]:
    """Law id -> the newest versions of the collected texts that implement it."""
    laws: dict[str, str] = {}  # national title -> the id of its newest version
    for entry in sorted(entries.values(), key=lambda e: (e.date, e.id)):
        if entry.jurisdiction == NATIONAL_PLACE:
            laws[entry.title] = entry.id  # the last one seen is the newest
    found: dict[str, list[str]] = defaultdict(list)
    for text in newest:
        match = _IMPLEMENTS.search(entries[text].title)
        if not match or entries[text].implements:
            continue
        name = match["law"]
        law = laws.get(name) or laws.get(NATIONAL_PREFIX + name)
        if law and law != text:
            found[law].append(text)
    return {law: tuple(sorted(texts)) for law, texts in found.items()}


def _scopes(
    catalog: Catalog, implementations: dict[str, tuple[str, ...]]
) -> Callable[[str], tuple[str, ...]]:
    """What a cross pair is weighed over, by its left text: a law's group (the law and
    every text implementing it), or the catalog's own texts (``[[regulation]]``) for
    the comparisons their families list."""
    groups: dict[str, tuple[str, ...]] = {}
    for law in catalog.implemented_laws:
        members = [law, *(e.id for e in catalog.implementations(law))]
        groups[law] = tuple(sorted(set(members)))
    listed = tuple(sorted(i for i, e in catalog.entries.items() if not e.collection))
    for text in listed:
        groups.setdefault(text, listed)

    def scope(regulation_id: str) -> tuple[str, ...]:
        return groups.get(regulation_id, (regulation_id,))

    return scope


def family_counts(corpus: Corpus) -> dict[str, int]:
    """How many families of each kind were found."""
    return {
        "versions": len(corpus.version_families),
        "versioned_texts": sum(len(f.members) for f in corpus.version_families),
        "implemented_laws": len(corpus.implementations),
        "implementing_texts": sum(len(t) for t in corpus.implementations.values()),
    }


# What a left-out text's first problem is, said to readers (the report page counts them).
_KINDS = (
    ("chapter numbers", "章（分编）的编号不连续"),
    ("is missing", "条的编号不连续（缺条）"),
    ("no article found", "找不到条文"),
    ("cites nothing", "引用的条款不存在"),
    ("no readable number", "引用的条号无法识别"),
    ("is not inside a chapter", "节不在章内"),
)
OTHER_KIND = "其他问题"


def problem_kind(message: str) -> str:
    """A problem's kind, in Chinese, from its message."""
    return next((kind for words, kind in _KINDS if words in message), OTHER_KIND)


def problems_by_kind(left_out: Iterable[LeftOut]) -> dict[str, int]:
    """How many texts were left out for each kind of first problem, most first."""
    counts: dict[str, int] = defaultdict(int)
    for item in left_out:
        counts[problem_kind(item.problems[0].message)] += 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))
