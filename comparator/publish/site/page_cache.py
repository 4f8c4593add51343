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
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class PageCache:
    """The kept HTML of pages, in ``folder``, for one ``shell``."""

    folder: Path
    shell: str  # the key of what every page shares
    reused: dict[str, Path] = field(default_factory=dict)  # site path -> kept HTML
    pending: dict[str, str] = field(default_factory=dict)  # page source -> key, to keep

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


def shell_key(*parts: object) -> str:
    """A key of what every page shares (strings, numbers, lists of them)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00")
        digest.update(repr(part).encode("utf-8"))
    return digest.hexdigest()
