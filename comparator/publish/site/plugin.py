"""The MkDocs plugin: adds the generated pages to the build; holds no logic of its own."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from comparator.cache import Cache, code_version
from comparator.compare.words import teach_search_index
from comparator.corpus import Corpus, family_counts, open_corpus
from comparator.library import Library
from comparator.model import SourceError, SourceErrors
from comparator.progress import Progress
from comparator.publish.export.reproducible import build_date
from comparator.publish.site.context import Site
from comparator.publish.site.corpus import corpus_nav, corpus_pages
from comparator.publish.site.downloads import ready_and_late, write_late
from comparator.publish.site.page_cache import PageCache, shell_key
from comparator.publish.site.pages import build_pages, search_rows, site_nav
from comparator.publish.site.parallel import precompute
from comparator.publish.site.search import RowEntry, fix_query_segmentation, reshape_index
from comparator.publish.site.templating import finish_page, footer_note
from comparator.publish.site.term_index import write_index

STYLESHEET = "assets/comparator/comparator.css"
SEARCH_ASSETS = ("search.js", "search.css")  # the search on the site's own index
log = logging.getLogger("mkdocs.plugins.comparator")


class ComparatorConfig(Config):
    catalogs = c.ListOfItems(c.Type(str), default=["sources/catalog.toml"])
    # Stage results keyed by content (comparator.cache); empty to compute everything.
    cache_dir = c.Type(str, default="build/cache")
    # Processes that compute the comparisons side by side (0: one per processor).
    workers = c.Type(int, default=0)
    # A folder of templates that replace the package's ones of the same name.
    custom_templates = c.Optional(c.Type(str))
    # The texts of sources/ (each with its downloads), or a corpus: the catalogs'
    # collections too, the texts failing their checks left out, navigation by section.
    edition = c.Choice(("sources", "corpus"), default="sources")
    # Material's search (one index, downloaded whole) or the site's own index of terms
    # (fetched in parts, rebuilt where pages changed: for sites of thousands of texts;
    # list no `search` plugin with it).
    search = c.Choice(("material", "terms"), default="material")


def _shell(config: MkDocsConfig, site: Site) -> str:
    """A key of what every page of the site shares besides its own Markdown."""
    theme = resources.files("comparator.publish.site").joinpath("theme")
    overrides = sorted((p.name, p.read_bytes()) for p in theme.iterdir() if p.is_file())
    return shell_key(
        code_version(),
        site.templates,
        metadata.version("mkdocs-material"),
        overrides,
        config.site_name,
        config.site_url,
        config.copyright,
        config.nav,
        config.theme.name,
        sorted(config.theme.get("features") or []),
        config.theme.get("palette"),
        config.theme.get("language"),
        config.markdown_extensions,
        config.mdx_configs,
        dict(config.extra),
        [str(item) for item in config.extra_css],
        [str(item) for item in config.extra_javascript],
        config.use_directory_urls,
    )


def _destination(config: MkDocsConfig, path: str) -> str:
    """Where MkDocs writes a page of the docs (``regulations/x/index.html``)."""
    return File(path, None, config.site_dir, config.use_directory_urls).dest_uri


def _nav_paths(nav: Any) -> Iterator[str]:
    """The page paths a navigation configuration names."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_paths(item)


def _report_left_out(corpus: Corpus) -> None:
    """Each text left out of a corpus, with its problems as path:line: message."""
    for item in corpus.left_out:
        more = len(item.problems) - 1
        log.info(f"left out: {item.problems[0]}" + (f" (and {more} more)" if more else ""))
    log.info(
        f"comparator: {corpus.collected} texts of the collections published, "
        f"{len(corpus.left_out)} left out (see left-out/)"
    )
    found = family_counts(corpus)
    log.info(
        f"comparator: {found['versions']} texts in several versions "
        f"({found['versioned_texts']} versions), {found['implemented_laws']} laws "
        f"implemented by {found['implementing_texts']} texts"
    )


class ComparatorPlugin(BasePlugin[ComparatorConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        # Input problems end `mkdocs build` and `serve` as a plugin error (no traceback);
        # `comparator build` sets this to have them raised, and prints them as path:line.
        self.raise_source_errors = False
        self._late: list = []  # downloads still to write, under `mkdocs serve`
        self._library: Library | None = None
        self._rows: list[RowEntry] = []  # the 对照表 rows the search finds
        self._pages: PageCache | None = None  # the corpus edition's laid-out pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # While an editor works on a text under `mkdocs serve`, its sha256 changes with
        # every save: show it, and say how to accept it, instead of refusing to build.
        self.serving = command == "serve"

    def _root(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path or ".").resolve().parent

    def _catalog_paths(self, config: MkDocsConfig) -> list[Path]:
        return [(self._root(config) / path).resolve() for path in self.config.catalogs]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if not config.copyright:  # the footer of every page
            config.copyright = footer_note(build_date())
        theme = str(resources.files("comparator.publish.site").joinpath("theme"))
        if theme not in config.theme.dirs:
            config.theme.dirs.insert(0, theme)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        try:
            return self._add_pages(files, config, started)
        except (SourceError, SourceErrors) as error:
            if self.raise_source_errors:
                raise  # `comparator build` prints them as path:line: message
            raise PluginError(str(error)) from error  # `mkdocs build` / `serve`: no traceback

    def _add_pages(self, files: Files, config: MkDocsConfig, started: float) -> Files:
        folder = self.config.cache_dir
        cache = Cache(self._root(config) / folder) if folder else None
        progress = Progress.for_terminal(logger=log)
        # Under `mkdocs serve` only the edited text's comparisons are recomputed: one
        # process does, without forking the server and its file watcher.
        workers = 1 if self.serving else (self.config.workers or os.cpu_count() or 1)
        corpus = None
        if self.config.edition == "corpus":
            corpus = open_corpus(
                self._catalog_paths(config), cache, progress, workers, verify=not self.serving
            )
            library = corpus.library
            _report_left_out(corpus)
        else:
            library = Library.open(
                self._catalog_paths(config), verify=not self.serving, cache=cache
            )
        precompute(library, workers, progress, downloads=corpus is None)
        if self.serving:
            for problem in library.changed_sources():
                log.info(str(problem))
        custom = self.config.custom_templates
        compiled = self._root(config) / folder / "templates" if folder else None
        site = Site.build(
            library,
            self._root(config) / custom if custom else None,
            compiled,
            downloads=corpus is None,
        )
        if corpus is not None:
            return self._corpus_files(files, config, site, corpus, started)
        for page in build_pages(site):
            files.append(File.generated(config, page.path, content=page.content))
        # Defined terms and quantities (三个工作日) are words: the search index keeps them
        # whole, so a query for one finds it.
        teach_search_index([*site.defined_words(), *site.quantity_words()])
        self._rows = search_rows(site)
        # While editing, the page first: new office files are written a moment later.
        downloads, self._late = ready_and_late(library, defer_new=self.serving)
        for download in downloads:
            files.append(File.generated(config, download.path, content=download.content))
        self._library = library
        log.info(
            f"comparator: {library.cache.hits} results reused, {library.cache.misses} computed, "
            f"pages ready in {time.perf_counter() - started:.2f} s"
        )
        stylesheet = resources.files("comparator.publish.site").joinpath("assets/comparator.css")
        files.append(File.generated(config, STYLESHEET, content=stylesheet.read_bytes()))
        self._add_search_assets(files, config)
        if not config.nav:
            config.nav = site_nav(library)
        return files

    def _corpus_files(
        self, files: Files, config: MkDocsConfig, site: Site, corpus: Corpus, started: float
    ) -> Files:
        """The corpus edition: navigation by section, no downloads, and only the pages
        whose Markdown or shell changed handed to MkDocs (``page_cache``)."""
        self._library = site.library
        if not config.nav:
            config.nav = corpus_nav(site)
        folder = self.config.cache_dir
        shell = _shell(config, site)
        self._pages = PageCache(self._root(config) / folder / "html", shell) if folder else None
        handed = 0
        # MkDocs needs the pages of the navigation among its files (they are few).
        in_nav = set(_nav_paths(config.nav))
        kept = self._pages
        if kept is not None:
            site.kept = lambda path, key: kept.holds(path, _destination(config, path), key)
        for page in corpus_pages(site, corpus):
            if page.kept:
                continue
            file = File.generated(config, page.path, content=page.content)
            if kept is not None:
                key = page.key or hashlib.sha256(page.content.encode()).hexdigest()
                if page.path in in_nav and kept.holds(file.src_uri, file.dest_uri, key):
                    # MkDocs must have it: an empty page, which its kept HTML replaces.
                    file = File.generated(config, page.path, content=f"# {page.title}\n")
                else:
                    kept.expect(file.src_uri, key)
                    handed += 1
            else:
                handed += 1
            files.append(file)
        stylesheet = resources.files("comparator.publish.site").joinpath("assets/comparator.css")
        files.append(File.generated(config, STYLESHEET, content=stylesheet.read_bytes()))
        self._add_search_assets(files, config)
        reused = len(self._pages.reused) if self._pages else 0
        log.info(
            f"comparator: {len(site.entries)} texts, {site.library.cache.hits} results reused, "
            f"{site.library.cache.misses} computed; {handed} pages to lay out, {reused} "
            f"unchanged; ready in {time.perf_counter() - started:.2f} s"
        )
        return files

    def _add_search_assets(self, files: Files, config: MkDocsConfig) -> None:
        """The script and style of the search on the index of terms, when it is the
        site's search."""
        if self.config.search != "terms":
            return
        package = resources.files("comparator.publish.site")
        for name in SEARCH_ASSETS:
            asset = package.joinpath(f"assets/{name}").read_bytes()
            files.append(File.generated(config, f"assets/comparator/{name}", content=asset))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Compiled theme templates, kept between builds (and `serve` rebuilds).
        if self.config.cache_dir:
            folder = self._root(config) / self.config.cache_dir / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        output = finish_page(output)
        if self._pages is not None:
            self._pages.keep(page.file.src_uri, output)
        return output

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        return finish_page(output)  # 404.html

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._pages is not None:
            placed = self._pages.place(Path(config.site_dir))
            log.info(f"comparator: {placed} unchanged pages placed from the page cache")
        if self.config.search == "terms":
            folder = self.config.cache_dir
            index = write_index(
                Path(config.site_dir), self._root(config) / folder if folder else None
            )
            log.info(
                f"comparator: search index of {index.pages} pages, {index.units} units, "
                f"{index.groups_rebuilt} groups rebuilt, {index.bytes / 1e6:.1f} MB, "
                f"in {index.seconds:.1f} s"
            )
        else:
            fix_query_segmentation(Path(config.site_dir))
            size = reshape_index(Path(config.site_dir), self._rows)
            log.info(f"comparator: search index {size / 1e6:.1f} MB, {len(self._rows)} rows")
        if self._late:
            late, library, site_dir = self._late, self._library, Path(config.site_dir)
            self._late = []
            threading.Thread(target=write_late, args=(library, late, site_dir), daemon=True).start()

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        for path in self._catalog_paths(config):
            server.watch(str(path.parent))
        if self._library is not None:  # a collection's texts may live elsewhere
            for rules in self._library.catalog.collections:
                server.watch(str(rules.folder))
        if self.config.custom_templates:
            server.watch(str(self._root(config) / self.config.custom_templates))
        return server
