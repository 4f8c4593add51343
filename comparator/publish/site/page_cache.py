"""Pages MkDocs need not lay out again: each page's HTML, kept under what made it.

After one text of a corpus is edited, a rebuild must not lay out thousands of pages
again (MkDocs renders every page it is given, and its dirty builds cannot tell a
generated page that changed from one that did not). A page's HTML is made of its own
Markdown, which holds everything the page shows, and of what every page shares: the
configuration, the navigation, the theme, the templates and the build date (the
*shell*). A page's Markdown is itself keyed by everything it shows (``Site.cached``), so
the plugin keeps each page's HTML under the shell and that key. On the next build a page
whose HTML is kept is neither made nor handed to MkDocs, and its HTML is linked into the
new site once MkDocs is done: only the pages whose inputs changed are laid out.

Kept files are never rewritten (a new key is a new file), so a site may hard-link
them: a build that fails midway leaves the kept pages, and the last good site, as
they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from comparator.cache import code_version
from comparator.publish.site.context import Site, SitePage


@dataclass
class PageCache:
    """The kept HTML of pages, in ``folder``, for one ``shell``."""

    folder: Path
    shell: str  # the key of what every page shares
    reused: dict[str, Path] = field(default_factory=dict)  # site path -> kept HTML
    pending: dict[str, str] = field(default_factory=dict)  # page source -> key, to keep
    laid_out: int = 0  # pages handed to MkDocs to lay out

    @classmethod
    def of_site(cls, folder: Path, config: MkDocsConfig, site: Site) -> PageCache:
        """The kept pages of this configuration (its navigation set) and templates."""
        return cls(folder, _shell(config, site.templates))

    def hand_over(
        self, site: Site, make_pages: Callable[[Site], list[SitePage]], config: MkDocsConfig
    ) -> list[File]:
        """The files MkDocs must have: the pages whose HTML is not kept (``make_pages``
        does not even make those it is, ``Site.kept``), and the pages of the navigation,
        which MkDocs needs among its files: empty when their HTML is kept, which then
        replaces what MkDocs makes of them."""
        in_nav = set(_nav_paths(config.nav))
        site.kept = lambda path, key: self.holds(path, _destination(config, path), key)
        files = []
        for page in make_pages(site):
            if page.kept:
                continue
            file = File.generated(config, page.path, content=page.content)
            key = page.key or hashlib.sha256(page.content.encode()).hexdigest()
            if page.path in in_nav and self.holds(file.src_uri, file.dest_uri, key):
                file = File.generated(config, page.path, content=f"# {page.title}\n")
            else:
                self.expect(file.src_uri, key)
                self.laid_out += 1
            files.append(file)
        return files

    def key(self, source: str, page_key: str) -> str:
        """The key of a page's HTML: the shell, the page, and the key of its inputs."""
        digest = hashlib.sha256(self.shell.encode())
        for part in (source, page_key):
            digest.update(b"\x00")
            digest.update(part.encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def holds(self, source: str, destination: str, page_key: str) -> bool:
        """Is the page's HTML kept? If so it will be placed at ``destination``, not laid out."""
        kept = self._path(self.key(source, page_key))
        if kept.is_file():
            self.reused[destination] = kept
            return True
        return False

    def expect(self, source: str, page_key: str) -> None:
        """Keep the HTML MkDocs lays out for this page (``keep``)."""
        self.pending[source] = self.key(source, page_key)

    def keep(self, source: str, html: str) -> None:
        """Keep the HTML laid out for a page ``expect`` named."""
        key = self.pending.pop(source, None)
        if key is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(html, encoding="utf-8")
        temporary.replace(path)

    def place(self, site_dir: Path) -> int:
        """Link every reused page into the site (copy where links cannot be made)."""
        for destination, kept in self.reused.items():
            target = site_dir / destination
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(kept, target)
            except OSError:  # another file system, or one without hard links
                shutil.copyfile(kept, target)
        placed = len(self.reused)
        self.reused = {}
        return placed


def _shell(config: MkDocsConfig, templates: str) -> str:
    """A key of what every page of the site shares besides its own Markdown."""
    theme = resources.files("comparator.publish.site").joinpath("theme")
    overrides = sorted((p.name, p.read_bytes()) for p in theme.iterdir() if p.is_file())
    parts = (
        code_version(),
        templates,
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
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00")
        digest.update(repr(part).encode("utf-8"))
    return digest.hexdigest()


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
