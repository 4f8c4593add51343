"""The MkDocs plugin: adds the generated pages to the build; holds no logic of its own."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
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
from comparator.library import Library
from comparator.model import SourceError, SourceErrors
from comparator.publish.export.reproducible import build_date
from comparator.publish.site.context import Site
from comparator.publish.site.downloads import ready_and_late, write_late
from comparator.publish.site.pages import build_pages, search_rows, site_nav
from comparator.publish.site.parallel import precompute
from comparator.publish.site.search import RowEntry, fix_query_segmentation, reshape_index
from comparator.publish.site.templating import finish_page, footer_note

STYLESHEET = "assets/comparator/comparator.css"
log = logging.getLogger("mkdocs.plugins.comparator")


class ComparatorConfig(Config):
    catalogs = c.ListOfItems(c.Type(str), default=["sources/catalog.toml"])
    # Stage results keyed by content (comparator.cache); empty to compute everything.
    cache_dir = c.Type(str, default="build/cache")
    # Processes that compute the comparisons side by side (0: one per processor).
    workers = c.Type(int, default=0)
    # A folder of templates that replace the package's ones of the same name.
    custom_templates = c.Optional(c.Type(str))


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
        library = Library.open(self._catalog_paths(config), verify=not self.serving, cache=cache)
        # Under `mkdocs serve` only the edited text's comparisons are recomputed: one
        # process does, without forking the server and its file watcher.
        workers = 1 if self.serving else (self.config.workers or os.cpu_count() or 1)
        precompute(library, workers)
        if self.serving:
            for problem in library.changed_sources():
                log.info(str(problem))
        custom = self.config.custom_templates
        compiled = self._root(config) / folder / "templates" if folder else None
        site = Site.build(library, self._root(config) / custom if custom else None, compiled)
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
        if not config.nav:
            config.nav = site_nav(library)
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Compiled theme templates, kept between builds (and `serve` rebuilds).
        if self.config.cache_dir:
            folder = self._root(config) / self.config.cache_dir / "jinja"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        return finish_page(output)

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        return finish_page(output)  # 404.html

    def on_post_build(self, config: MkDocsConfig) -> None:
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
        if self.config.custom_templates:
            server.watch(str(self._root(config) / self.config.custom_templates))
        return server
