"""Building the site atomically: into a staging folder, swapped in on success.

A failed build (a text that does not parse, a MkDocs warning in strict mode, a full
disk, a read-only folder) leaves the last good ``build/site`` untouched, and says why
in one line. What a build guarantees, even under stress:

- one build at a time per site: a build takes ``build/site.lock`` (``fcntl.flock``,
  released by the kernel when the build ends, however it ends); a second build says
  it waits, and waits;
- no moment without a site: the new site takes the old one's place in one
  ``renameat2(RENAME_EXCHANGE)``, so ``build/site`` stays a plain folder that a web
  server or ``cp -r`` reads as before. Where the system lacks the exchange (not Linux,
  or a file system without it), the old site is renamed away and the new one renamed
  in: two renames, a moment apart;
- nothing left behind: a build killed midway leaves its staging folder
  (``.site.building-PID``); the next build removes every one whose process is gone.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import logging
import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from comparator.publish.site.plugin import ComparatorPlugin

RENAME_EXCHANGE = 2  # linux/fs.h: swap two names in one step
log = logging.getLogger("mkdocs.comparator.build")


class BuildFailed(Exception):
    """The site could not be built; the previous site was kept."""


def _log_to_stderr() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_comparator", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._comparator = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _describe(error: OSError) -> str:
    """``path: reason``, as a user reads a failed write (no errno number)."""
    reason = error.strerror or str(error)
    return (
        f"{error.filename}: {reason}" if error.filename else f"could not build the site: {reason}"
    )


@contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Hold ``<site>.lock`` beside the site while the block runs; wait for it, saying so."""
    path = target.with_name(f"{target.name}.lock")
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        # A read-only folder still lets a build take an existing lock, and then fail
        # where it first writes, saying so.
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            raise error from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            by = f" (process {holder})" if holder.isdigit() else ""
            log.info(f"waiting for another build of {target}{by} to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:  # who holds it, for the message of a build that waits
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _remove_stale_staging(target: Path) -> None:
    """Remove the staging and retired folders of builds of this site that were killed.

    Called under the lock, so no build of this site is running; the process check
    spares a folder whose process still runs (a build that takes no lock)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:building|old)-(\d+)")
    for path in target.parent.iterdir():
        match = pattern.fullmatch(path.name)
        if match and (int(match[1]) == os.getpid() or not _process_exists(int(match[1]))):
            _remove(path)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)  # glibc 2.28 and later
    if renameat2 is None:
        return False
    at_cwd = -100  # AT_FDCWD: the paths are absolute anyway
    if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system or kernel without the exchange
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(staging: Path, target: Path) -> None:
    """Put the site built in ``staging`` at ``target``, in one step where the system allows."""
    if not target.exists() and not target.is_symlink():
        staging.rename(target)
    elif _exchange(staging, target):
        _remove(staging)  # now the previous site
    else:
        retired = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(retired)
        staging.rename(target)
        _remove(retired)


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None) -> Path:
    """Build the site; return the folder it is in. Raise ``BuildFailed`` or input errors."""
    _log_to_stderr()
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise BuildFailed(f"{config_file}: {error}") from None
    target = Path(site_dir or config.site_dir).resolve()
    kept = f"the previous site in {target} is unchanged"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _build_lock(target):
            _remove_stale_staging(target)
            staging = target.with_name(f".{target.name}.building-{os.getpid()}")
            try:
                staging.mkdir()  # fails at once in a folder that cannot be written
                _build_into(config, staging, kept)
                _swap_in(staging, target)
            finally:
                if staging.exists():
                    _remove(staging)
    except OSError as error:
        raise BuildFailed(f"{_describe(error)}; {kept}") from None
    return target


def _build_into(config: MkDocsConfig, staging: Path, kept: str) -> None:
    from mkdocs.commands.build import build

    config.site_dir = str(staging)
    # The command line prints input problems itself, as path:line: message.
    for plugin in config.plugins.values():
        if isinstance(plugin, ComparatorPlugin):
            plugin.raise_source_errors = True
    try:
        build(config)
    except Abort as error:
        raise BuildFailed(f"{error}; {kept}") from None
