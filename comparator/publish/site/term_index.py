"""The search of large sites (plugin option ``search: terms``): an index of our own, of
characters, split by page group and by term, rebuilt only where pages changed.

What a reader finds is a *unit*: an article of a regulation (its heading's anchor,
``#art-8``, label 第八条), a row of a 对照表 (``<tr id="row-8-9">``, label 第八条→第九条,
both texts) or a section of an explanation (``#sec-2``). Units are read from the built
HTML, so the index holds exactly what the pages show; the ¶ marks, an article's links to
its counterparts and the implementation matrix (which repeats the articles) are left out.

Chinese has no spaces, and a word can stand inside a longer one (人大 in 全国人大常委会),
so the index does not segment words: its terms are every character, every pair and every
triple of neighbouring characters of a unit's text (after NFKC folding and lower-casing,
within runs of letters and digits). A query word of one or two characters is a term
itself; a longer one asks for its triples (at most ``QUERY_TERMS``, spread over it). The
candidates are the units holding every term; the browser fetches their text and keeps
those that hold the folded query itself, so 代表工委 is found only where it stands,
whatever a segmenter would say. Triples make the candidates nearly exact: with pairs
only, 代表 表工 工委 are all in the many articles on 代表工作 that also name a 工委, and
on a synthetic site of 2,500 pages 全国人大常委会 fetched 1.9 MB (mostly text of articles
to reject) and showed its first result after 3.2 s; with triples, 335 KB and 0.9 s, for
an index 80 % larger.

Why not Pagefind, which the site used before: its query side is good (first result in
half a second, a few hundred kilobytes fetched), but it indexes the whole site on every
build (some 21 s for 520 pages, minutes for a corpus of 2,400 texts and their 对照表).
Here pages are split into ``GROUPS`` groups by a hash of their URL, each group with its
own index; a rebuild after one text is edited indexes again only the groups whose pages'
HTML changed (a page's units are kept under the sha256 of its HTML, a group's files under
its pages' URLs and hashes), and links the other groups' files from the cache. On the
synthetic site (2,500 pages, 123,000 units): 62 s to index from nothing, 4.3 s after one
page changed, 1.6 s when none did.

The files, under ``search/`` in the site:

- ``manifest.json``: the numbers below, and for each group the buckets it has (so a
  query asks for no file that is not there) and the rank of each of its pages in the
  site (regulations first, then 对照表, then explanations, each by URL).
- ``g<g>/b<b>.bin``: a group's terms whose hash falls in bucket ``b``, little-endian:
  for each term its length in UTF-16 code units (uint8), the code units (uint16), the
  number of units holding it and the size of their ids in bytes (uint32 each), then the
  ids, ascending, as the gaps between them in LEB128 (a unit's id is
  ``page << UNIT_BITS | unit``, page and unit counted within the group). Gaps take less
  than half of what uint32 ids would (measured on pairs over the corpus's 2,337 texts
  and 1,500 对照表 of their articles, 31 million characters: 53 MB instead of 114), and a
  query fetches as much less of the other terms that share its buckets.
- ``g<g>/docs-<page>-<chunk>.json``: the page's URL and title and ``CHUNK`` of its units
  (anchor, label, text), so showing a result fetches only the chunk that holds it.

Both sides hash the same way: a page's group is the CRC-32 of its URL, a term's bucket
the 32-bit FNV-1a of its UTF-16 code units (``assets/search.js`` computes it too).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import struct
import tempfile
import time
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from lxml import html as lxml_html

from comparator.model import SourceError

VERSION = 2  # of the files' layout and of what a unit holds: part of every cache key
FOLDER = "search"  # the index's folder, in the site and in the cache
GROUPS = 32
BUCKETS = 1024
QUERY_TERMS = 8  # of a query word's triples, those its candidates must hold, at most
CHUNK = 16  # units a docs file holds
UNIT_BITS = 12  # a page holds fewer than 4096 units


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# XPath (lxml's CSS selectors need another package): the page's content, and what of it
# is not searched.
ROOT = f"//article[{_has_class('md-content__inner')}]"
EXCLUDED = ".//*[{}]".format(
    " or ".join(_has_class(name) for name in ("headerlink", "permalink", "counterparts"))
)
ARTICLE_LINKS = f".//*[{_has_class('article-link')}]"
CELL_TEXTS = f".//*[{_has_class('cell-text')}]"
ROW_LABEL_JOIN = "→"
ROW_TEXT_JOIN = " ｜ "  # between the texts of a row's cells: no query spans it
_ARTICLE = re.compile(r"^art-\d+[a-z]*$")
_SECTION = re.compile(r"^sec-\d+$")
_ROW = re.compile(r"^row-[\w-]+$")
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"\s+")
_RUN = re.compile(r"[^\W_]+")  # letters and digits (Han included), no punctuation
_PARSER = lxml_html.HTMLParser(encoding="utf-8")  # the site's pages are UTF-8


class UnitKind(IntEnum):
    """What a unit is, in the order results are ranked."""

    ARTICLE = 0  # an article of a regulation
    ROW = 1  # a row of a 对照表
    SECTION = 2  # a section of an explanation


@dataclass(frozen=True)
class Unit:
    """What the search finds and links to."""

    anchor: str  # art-8, row-8-9, sec-2
    label: str  # 第八条, 第八条→第九条, 一、修改的必要性
    text: str


@dataclass(frozen=True)
class PageUnits:
    """The units of one built page."""

    title: str  # the page's h1
    kind: UnitKind  # of its first unit: a page holds one kind
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class IndexFigures:
    """What writing the index took."""

    pages: int  # pages with units
    units: int
    groups_rebuilt: int
    bytes: int  # the index's files in the site
    seconds: float


# --- terms ------------------------------------------------------------------------------


def fold(text: str) -> str:
    """What both the index and a query compare: NFKC (full-width forms, compatibility
    characters) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> set[str]:
    """Every character, pair and triple of neighbouring characters of the folded text,
    within runs of letters and digits."""
    found: set[str] = set()
    for run in _RUN.findall(fold(text)):
        found.update(run)
        found.update(run[i : i + 2] for i in range(len(run) - 1))
        found.update(run[i : i + 3] for i in range(len(run) - 2))
    return found


def term_bucket(term: str, buckets: int = BUCKETS) -> int:
    """FNV-1a (32 bits) over the term's UTF-16 code units, as the browser computes it."""
    value = 0x811C9DC5
    for (unit,) in struct.iter_unpack("<H", term.encode("utf-16-le")):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def page_group(url: str, groups: int = GROUPS) -> int:
    return zlib.crc32(url.encode("utf-8")) % groups


# --- units of a built page --------------------------------------------------------------


def _elements(node: lxml_html.HtmlElement, path: str) -> list[lxml_html.HtmlElement]:
    """The elements an XPath selects (typed: ``xpath`` may return text or numbers)."""
    return [found for found in node.xpath(path) if isinstance(found, lxml_html.HtmlElement)]


def _text(element: lxml_html.HtmlElement) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _following_text(heading: lxml_html.HtmlElement) -> str:
    """The text from a heading to the next heading of any level."""
    parts = []
    for sibling in heading.itersiblings():
        if sibling.tag in _HEADING:
            break
        parts.append(sibling.text_content())
    return _SPACE.sub(" ", " ".join(parts)).strip()


def _row_unit(row: lxml_html.HtmlElement) -> Unit:
    labels = [_text(link) for link in _elements(row, ARTICLE_LINKS)]
    texts = [_text(cell) for cell in _elements(row, CELL_TEXTS)]
    return Unit(row.get("id", ""), ROW_LABEL_JOIN.join(labels), ROW_TEXT_JOIN.join(texts))


def _kind(anchor: str) -> UnitKind:
    if _ROW.match(anchor):
        return UnitKind.ROW
    return UnitKind.SECTION if _SECTION.match(anchor) else UnitKind.ARTICLE


def extract_units(page: bytes) -> PageUnits | None:
    """The articles, 对照表 rows and explanation sections of a built page, in page
    order; None for a page that has none (the home page, an index of texts)."""
    if b'id="art-' not in page and b'id="row-' not in page and b'id="sec-' not in page:
        return None
    document = lxml_html.document_fromstring(page, parser=_PARSER)
    roots = _elements(document, ROOT)
    if not roots:
        return None
    root = roots[0]
    for element in _elements(root, EXCLUDED):
        element.drop_tree()  # keeps the text that follows it
    units = []
    for element in root.iter("h2", "h3", "h4", "h5", "h6", "tr"):
        anchor = element.get("id") or ""
        if element.tag == "tr" and _ROW.match(anchor):
            units.append(_row_unit(element))
        elif element.tag != "tr" and (_ARTICLE.match(anchor) or _SECTION.match(anchor)):
            units.append(Unit(anchor, _text(element), _following_text(element)))
    if not units:
        return None
    heading = root.find(".//h1")
    title = _text(heading) if heading is not None else ""
    return PageUnits(title, _kind(units[0].anchor), tuple(units))


# --- bucket files -----------------------------------------------------------------------


def _varints(values: Iterable[int]) -> bytes:
    """LEB128: seven bits a byte, the high bit set on every byte but a number's last."""
    out = bytearray()
    for value in values:
        while value >= 0x80:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out)


def encode_bucket(postings: dict[str, list[int]]) -> bytes:
    """A bucket file: each term (sorted), its UTF-16 code units, its ascending ids as
    the gaps between them."""
    parts = []
    for term in sorted(postings):
        units = term.encode("utf-16-le")
        ids = postings[term]
        gaps = _varints(b - a for a, b in zip([0, *ids[:-1]], ids, strict=True))
        parts.append(struct.pack("<B", len(units) // 2))
        parts.append(units)
        parts.append(struct.pack("<II", len(ids), len(gaps)))
        parts.append(gaps)
    return b"".join(parts)


# --- one group's files ------------------------------------------------------------------


@dataclass(frozen=True)
class SitePage:
    url: str  # regulations/shenzhen-draft/
    path: Path
    digest: str  # sha256 of its HTML


def _group_files(pages: list[tuple[str, PageUnits]], folder: Path) -> None:
    """Write a group's buckets and docs files, and ``meta.json`` (its pages' URLs)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, (url, page) in enumerate(pages):
        if len(page.units) >= 1 << UNIT_BITS:
            raise SourceError(url, 0, f"more than {(1 << UNIT_BITS) - 1} units in one page")
        for index, unit in enumerate(page.units):
            doc = number << UNIT_BITS | index
            for term in terms(unit.text):
                postings[term].append(doc)  # ascending: pages and units come in order
        for start in range(0, len(page.units), CHUNK):
            chunk = {
                "url": url,
                "title": page.title,
                "units": [[u.anchor, u.label, u.text] for u in page.units[start : start + CHUNK]],
            }
            name = folder / f"docs-{number}-{start // CHUNK}.json"
            name.write_text(json.dumps(chunk, ensure_ascii=False, separators=(",", ":")), "utf-8")
    by_bucket: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for term, ids in postings.items():
        by_bucket[term_bucket(term)][term] = ids
    for bucket, content in by_bucket.items():
        (folder / f"b{bucket}.bin").write_bytes(encode_bucket(content))
    meta = {
        "pages": [url for url, _ in pages],
        "kinds": [int(page.kind) for _, page in pages],
        "units": sum(len(page.units) for _, page in pages),
        "buckets": sorted(by_bucket),
    }
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")


# --- the cache --------------------------------------------------------------------------


class IndexCache:
    """Units kept under their page's HTML digest, group files under their group's key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / FOLDER / f"v{VERSION}-{GROUPS}-{BUCKETS}-{CHUNK}"

    def units(self, page: SitePage) -> PageUnits | None:
        kept = self.folder / "units" / page.digest[:2] / f"{page.digest}.json"
        if kept.is_file():
            data = json.loads(kept.read_text("utf-8"))
            if data is None:
                return None
            units = tuple(Unit(*unit) for unit in data["units"])
            return PageUnits(data["title"], UnitKind(data["kind"]), units)
        found = extract_units(page.path.read_bytes())
        data = (
            None
            if found is None
            else {
                "title": found.title,
                "kind": int(found.kind),
                "units": [[u.anchor, u.label, u.text] for u in found.units],
            }
        )
        _write_atomically(kept, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return found

    def group(self, key: str) -> Path:
        return self.folder / "groups" / key


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def _group_key(pages: list[SitePage]) -> str:
    digest = hashlib.sha256(f"{VERSION}".encode())
    for page in pages:
        digest.update(f"\x00{page.url}\x00{page.digest}".encode())
    return digest.hexdigest()


def _build_group(pages: list[SitePage], cache: IndexCache, key: str) -> Path:
    """The group's files in the cache, written unless kept."""
    folder = cache.group(key)
    if (folder / "meta.json").is_file():
        return folder
    found = [(page.url, units) for page in pages if (units := cache.units(page))]
    found.sort(key=lambda item: (item[1].kind, item[0]))
    temporary = folder.with_name(f"{key}.{os.getpid()}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    _group_files(found, temporary)
    shutil.rmtree(folder, ignore_errors=True)
    temporary.rename(folder)
    return folder


# --- the site ---------------------------------------------------------------------------


def site_pages(site_dir: Path) -> Iterator[SitePage]:
    """Every page of the site but the 404 page, with its URL and digest."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith(f"{FOLDER}/"):
            continue
        url = relative.removesuffix("index.html")
        yield SitePage(url, path, hashlib.sha256(path.read_bytes()).hexdigest())


def _link_tree(source: Path, target: Path) -> int:
    """Link (or copy) a group's files into the site; their size in bytes."""
    target.mkdir(parents=True, exist_ok=True)
    size = 0
    for file in source.iterdir():
        if file.name == "meta.json":
            continue
        try:
            os.link(file, target / file.name)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(file, target / file.name)
        size += file.stat().st_size
    return size


def _bitmap(buckets: Iterable[int]) -> str:
    bits = bytearray(BUCKETS // 8)
    for bucket in buckets:
        bits[bucket >> 3] |= 1 << (bucket & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")


def write_index(site_dir: Path, cache_folder: Path | None) -> IndexFigures:
    """Write ``site_dir/search``: the groups whose pages are unchanged are linked from
    the cache, the others indexed again (all of them without a cache folder)."""
    if cache_folder is None:
        with tempfile.TemporaryDirectory(prefix="search-") as folder:
            return _write_index(site_dir, IndexCache(Path(folder)))
    return _write_index(site_dir, IndexCache(cache_folder))


def _write_index(site_dir: Path, cache: IndexCache) -> IndexFigures:
    started = time.perf_counter()
    grouped: dict[int, list[SitePage]] = defaultdict(list)
    for page in site_pages(site_dir):
        grouped[page_group(page.url)].append(page)
    output = site_dir / FOLDER
    shutil.rmtree(output, ignore_errors=True)
    rebuilt = size = 0
    metas = []
    for number in range(GROUPS):
        pages = grouped.get(number, [])
        key = _group_key(pages)
        rebuilt += not (cache.group(key) / "meta.json").is_file()
        folder = _build_group(pages, cache, key)
        size += _link_tree(folder, output / f"g{number}")
        metas.append(json.loads((folder / "meta.json").read_text("utf-8")))
    # A page's rank in the site: results are shown in this order.
    ranked = sorted(
        (kind, url)
        for meta in metas
        for url, kind in zip(meta["pages"], meta["kinds"], strict=True)
    )
    rank = {url: position for position, (_, url) in enumerate(ranked)}
    manifest = {
        "version": VERSION,
        "groups": GROUPS,
        "buckets": BUCKETS,
        "chunk": CHUNK,
        "unitBits": UNIT_BITS,
        "queryTerms": QUERY_TERMS,
        "group": [
            {"buckets": _bitmap(meta["buckets"]), "ranks": [rank[url] for url in meta["pages"]]}
            for meta in metas
        ],
    }
    data = json.dumps(manifest, separators=(",", ":")).encode("utf-8")
    (output / "manifest.json").write_bytes(data)
    return IndexFigures(
        pages=len(rank),
        units=sum(meta["units"] for meta in metas),
        groups_rebuilt=rebuilt,
        bytes=size + len(data),
        seconds=time.perf_counter() - started,
    )
