"""Building the site atomically: into a temporary folder, swapped in on success.

A failed build (a text that does not parse, a MkDocs warning in strict mode)
leaves the last good ``build/site`` untouched.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from comparator.publish.site.plugin import ComparatorPlugin


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


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None) -> Path:
    """Build the site; return the folder it is in. Raise ``BuildFailed`` or input errors."""
    from mkdocs.commands.build import build

    _log_to_stderr()
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise BuildFailed(f"{config_file}: {error}") from None
    target = Path(site_dir or config.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    # The command line prints input problems itself, as path:line: message.
    for plugin in config.plugins.values():
        if isinstance(plugin, ComparatorPlugin):
            plugin.raise_source_errors = True
    built = False
    try:
        build(config)
        built = True
    except Abort as error:
        raise BuildFailed(f"{error}; the previous site in {target} is unchanged") from None
    finally:
        if not built:
            shutil.rmtree(staging, ignore_errors=True)
    retired = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    return target
