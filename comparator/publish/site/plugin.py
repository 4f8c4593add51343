"""The MkDocs plugin: adds the generated pages to the build; holds no logic of its own."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from functools import partial
from importlib import resources
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

from comparator.cache import Cache
from comparator.compare.words import teach_search_index
from comparator.corpus import Corpus, open_corpus
from comparator.library import Library
from comparator.model import SourceError, SourceErrors
from comparator.progress import Progress
from comparator.publish.export.reproducible import build_date
from comparator.publish.site.context import Site
from comparator.publish.site.corpus import corpus_log, corpus_nav, corpus_pages
from comparator.publish.site.downloads import ready_and_late, write_late
from comparator.publish.site.page_cache import PageCache
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
        library, corpus = self._open(config, cache, progress, workers)
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

    def _open(
        self, config: MkDocsConfig, cache: Cache | None, progress: Progress, workers: int
    ) -> tuple[Library, Corpus | None]:
        """The catalogued texts; for the corpus edition, those of the collections that
        pass their checks too (the others logged as left out)."""
        catalogs = self._catalog_paths(config)
        if self.config.edition != "corpus":
            return Library.open(catalogs, verify=not self.serving, cache=cache), None
        corpus = open_corpus(catalogs, cache, progress, workers, verify=not self.serving)
        for line in corpus_log(corpus):
            log.info(line)
        return corpus.library, corpus

    def _corpus_files(
        self, files: Files, config: MkDocsConfig, site: Site, corpus: Corpus, started: float
    ) -> Files:
        """The corpus edition: navigation by section, no downloads, and only the pages
        whose Markdown or shell changed handed to MkDocs (``page_cache``)."""
        self._library = site.library
        if not config.nav:
            config.nav = corpus_nav(site)
        folder = self.config.cache_dir
        make_pages = partial(corpus_pages, corpus=corpus)
        if folder:
            self._pages = PageCache.of_site(self._root(config) / folder / "html", config, site)
            handed = self._pages.hand_over(site, make_pages, config)
        else:
            handed = [File.generated(config, p.path, content=p.content) for p in make_pages(site)]
        for file in handed:
            files.append(file)
        stylesheet = resources.files("comparator.publish.site").joinpath("assets/comparator.css")
        files.append(File.generated(config, STYLESHEET, content=stylesheet.read_bytes()))
        self._add_search_assets(files, config)
        laid_out = self._pages.laid_out if self._pages else len(handed)
        reused = len(self._pages.reused) if self._pages else 0
        log.info(
            f"comparator: {len(site.entries)} texts, {site.library.cache.hits} results reused, "
            f"{site.library.cache.misses} computed; {laid_out} pages to lay out, {reused} "
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
